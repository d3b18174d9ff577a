"""Vietnamese text typed in the pre-Unicode office encodings TCVN3 (ABC) and VNI, detected and converted to NFC.

Offices still keep Excel sheets typed with the ".VnTime" (TCVN3, also called ABC) or "VNI-Times" (VNI) fonts. The
file stores those fonts' bytes as if they were Windows-1252 text, so a name arrives as "NguyÔn V¨n Hïng" (TCVN3) or
"Nguyeãn Vaên Huøng" (VNI) instead of "Nguyễn Văn Hùng". This module turns such text back into Unicode.

The tables are built here from the two character sets' definitions rather than listed byte by byte:

* TCVN3 (TCVN 5712:1993, table VN3) is a single-byte set: 0xA1–0xA7 hold Ă Â Ê Ô Ơ Ư Đ, 0xA8–0xAE their small
  letters, and twelve runs of five bytes hold each vowel (a ă â e ê i o ô ơ u ư y) with the five tones in the
  standard's order huyền, hỏi, ngã, sắc, nặng. VN3 has no capital letters with a tone: ABC users type them with
  the companion ".VnTimeH" fonts, which draw capitals at the small letters' bytes, so the bytes carry no case.
  Conversion restores it where the text shows it (``_restore_capitals``): in a word otherwise in capitals, in a
  text whose other words all start with a capital (a name), and at the start of the text; a toned capital inside a
  lower-case sentence ("đi Ấn Độ") cannot be told apart and stays small. The standalone tone marks at 0xB0–0xB4
  are left alone: in real files that range is far more often a degree or plus-minus sign than a stray tone.
* VNI (VNI-Windows) writes a vowel as its ASCII letter followed by one mark byte (a tone, a circumflex or breve, or
  a circumflex/breve fused with a tone); ơ, ư, đ and the toned i and ỵ are single bytes. Converting maps each mark
  byte to Unicode combining marks and lets NFC compose them with the letter before.

``detect`` decides per text whether conversion helps: legacy text only ever uses Windows-1252 characters, and the
converted text must read as Vietnamese syllables where the original did not. ``detect_many`` pools the evidence of
many cells (a whole column reads far more reliably than one short name).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (TCVN3, VNI)
# Names shown to users ("chuyển từ mã TCVN3").
LABELS = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}

GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
# The standard order of tones in both character sets: huyền, hỏi, ngã, sắc, nặng.
_TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)
_TONE_SET = frozenset(_TONES)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- TCVN3 (VN3) -----------------------------------------------------------------------------------------------

# First byte of each vowel's five-tone run, and the bytes the standard skips inside a run (they hold VN1's toned
# capitals, which VN3 does not have).
_TCVN3_RUNS = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_LETTERS = "ĂÂÊÔƠƯĐăâêôơưđ"  # 0xA1–0xAE


def _build_tcvn3() -> dict[int, str]:
    table = {0xA1 + index: letter for index, letter in enumerate(_TCVN3_LETTERS)}
    for vowel, run in _TCVN3_RUNS.items():
        for byte, tone in zip(run, _TONES, strict=True):
            table[byte] = _nfc(vowel + tone)
    return table


_TCVN3_DECODE = _build_tcvn3()
_TCVN3_ENCODE = {char: chr(byte) for byte, char in _TCVN3_DECODE.items()}

# --- VNI -------------------------------------------------------------------------------------------------------

# Mark bytes (as Windows-1252 characters, small-letter form; the capital form is the same byte's capital).
_VNI_TONE = dict(zip(_TONES, "øûõùï", strict=True))
_VNI_CIRCUMFLEX_TONE = dict(zip(_TONES, "àåãáä", strict=True))
_VNI_BREVE_TONE = dict(zip(_TONES, "èúüéë", strict=True))
_VNI_CIRCUMFLEX, _VNI_BREVE = "â", "ê"
# Letters VNI writes as one byte.
_VNI_SINGLE = {"đ": "ñ", "ơ": "ô", "ư": "ö", "ỵ": "î"} | {
    _nfc("i" + tone): byte for tone, byte in zip(_TONES, "ìæóíò", strict=True)
}


def _build_vni_decode() -> dict[str, str]:
    table: dict[str, str] = {}
    for tone, byte in _VNI_TONE.items():
        table[byte] = tone
    for tone, byte in _VNI_CIRCUMFLEX_TONE.items():
        table[byte] = CIRCUMFLEX + tone
    for tone, byte in _VNI_BREVE_TONE.items():
        table[byte] = BREVE + tone
    table[_VNI_CIRCUMFLEX] = CIRCUMFLEX
    table[_VNI_BREVE] = BREVE
    for letter, byte in _VNI_SINGLE.items():
        table[byte] = letter
    # Capitals: the same byte's capital stands for the capital letter; a mark is the same mark in either case.
    for byte, value in list(table.items()):
        table[byte.upper()] = value.upper() if unicodedata.category(value[0]) != "Mn" else value
    return table


_VNI_DECODE = _build_vni_decode()

# --- reading legacy text ---------------------------------------------------------------------------------------

# Characters that Windows-1252 puts at 0x80–0x9F; everything else a legacy text holds is Latin-1.
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
# U+FFFD too: the five bytes Windows-1252 leaves undefined come out as it when a file is decoded with "replace".
_NOT_LEGACY = re.compile("[^\x00-\xff\ufffd" + re.escape(_CP1252_HIGH) + "]")


def _byte_char(char: str) -> str:
    """The legacy byte behind a character, as a Latin-1 character (cp1252 punctuation back to its byte)."""
    if ord(char) < 0x100:
        return char
    try:
        return chr(char.encode("cp1252")[0])
    except UnicodeEncodeError:
        return char


def could_be_legacy(text: str) -> bool:
    """True when the text has non-ASCII characters and all of them are Windows-1252, as legacy text always is."""
    return bool(text) and not text.isascii() and _NOT_LEGACY.search(text) is None


def _translation(table: dict[str, str]) -> dict[int, str]:
    """A str.translate table: each legacy byte, whether it arrived as Latin-1 or as Windows-1252 punctuation."""
    result = {}
    for char in map(chr, range(0x80, 0x100)):
        if char in table:
            result[ord(char)] = table[char]
    for char in _CP1252_HIGH:
        byte = _byte_char(char)
        if byte in table:
            result[ord(char)] = table[byte]
    return result


# Only the bytes at 0x80 and above carry Vietnamese letters in either set.
_TCVN3_TRANSLATE = _translation({chr(byte): char for byte, char in _TCVN3_DECODE.items()})
_VNI_TRANSLATE = _translation(_VNI_DECODE)


def to_unicode(text: str, encoding: str) -> str:
    """Convert text typed in ``encoding`` (TCVN3 or VNI, read as Windows-1252/Latin-1) to Unicode NFC."""
    if encoding == TCVN3:
        return _restore_capitals(_nfc(text.translate(_TCVN3_TRANSLATE)))
    if encoding == VNI:
        return _nfc(text.translate(_VNI_TRANSLATE))
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


_LETTERS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=4096)
def _is_toned_small(char: str) -> bool:
    return char.islower() and any(mark in _TONE_SET for mark in unicodedata.normalize("NFD", char))


# The small toned vowels TCVN3 holds, which may stand for capitals; and the small letters that may not.
_TONED_SMALL = "".join(char for char in _TCVN3_DECODE.values() if _is_toned_small(char))
_HAS_TONED_SMALL = re.compile(f"[{_TONED_SMALL}]")
_OTHER_SMALL = re.compile(f"[^\\W\\d_A-ZĂÂÊÔƠƯĐ{_TONED_SMALL}]")
_CAPITAL = re.compile("[A-ZĂÂÊÔƠƯĐ]")


def _in_capitals(text: str) -> bool:
    """Every small letter is a toned vowel (TCVN3 has no capital for it), and at least two capitals show the case."""
    return _OTHER_SMALL.search(text) is None and len(_CAPITAL.findall(text)) >= 2


def _restore_capitals(text: str) -> str:
    """Give back the case TCVN3 could not store to small toned vowels that stand for capitals (see the module doc).

    Only words holding a small toned vowel can change, so the others are looked at once, for their first letter."""
    if _HAS_TONED_SMALL.search(text) is None:
        return text
    if _in_capitals(text):
        return text.upper()
    words = list(_LETTERS.finditer(text))
    chars = list(text)
    capitalized = [word.group()[0].isupper() for word in words]
    for index, word in enumerate(words):
        value = word.group()
        if _HAS_TONED_SMALL.search(value) is None:
            continue
        if _in_capitals(value):
            chars[word.start() : word.end()] = value.upper()
        elif _is_toned_small(value[0]):
            others = capitalized[:index] + capitalized[index + 1 :]
            if index == 0 or (others and all(others)):
                chars[word.start()] = value[0].upper()
    return "".join(chars)


def from_unicode(text: str, encoding: str) -> str:
    """The inverse of ``to_unicode``: Unicode text as a legacy file would hold it (used by tests and examples).

    TCVN3 has no toned capitals, so those become small letters, as the ".VnTimeH" fonts store them.
    """
    if encoding == TCVN3:
        out = []
        for char in _nfc(text):
            byte = _TCVN3_ENCODE.get(char) or _TCVN3_ENCODE.get(char.lower())
            out.append(byte if byte is not None else char)
        return "".join(out)
    if encoding == VNI:
        return "".join(_vni_encode_char(char) for char in _nfc(text))
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


def _vni_encode_char(char: str) -> str:
    lower = char.lower()
    upper = char != lower
    if lower in _VNI_SINGLE:
        byte = _VNI_SINGLE[lower]
        return byte.upper() if upper else byte
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], set(decomposed[1:])
    if not marks or not base.isascii():
        return char
    tone = next((mark for mark in _TONES if mark in marks), None)
    letter = base
    if HORN in marks:  # ơ, ư with a tone: the horned letter's byte, then the tone
        letter = _VNI_SINGLE[_nfc(base + HORN)]
        suffix = _VNI_TONE[tone] if tone else ""
    elif CIRCUMFLEX in marks:
        suffix = _VNI_CIRCUMFLEX_TONE[tone] if tone else _VNI_CIRCUMFLEX
    elif BREVE in marks:
        suffix = _VNI_BREVE_TONE[tone] if tone else _VNI_BREVE
    elif tone and marks == {tone}:
        suffix = _VNI_TONE[tone]
    else:
        return char
    encoded = letter + suffix
    return encoded.upper() if upper else encoded


# --- detection -------------------------------------------------------------------------------------------------

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# Vowel groups of Vietnamese syllables (tones removed), longest first so the regex tries them first.
_NUCLEI_TEXT = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu"
)
_NUCLEI = sorted(_NUCLEI_TEXT.split(" "), key=len, reverse=True)
_FINALS = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(f"(?:{_INITIALS})?(?:{'|'.join(_NUCLEI)})(?:{_FINALS})?")
# Words are split at spaces, digits and ASCII punctuation; legacy symbols such as "¨" or "©" stay inside a word,
# where they make it unreadable as Vietnamese.
_WORD_SPLIT = re.compile(
    "[\\s0-9!-/:-@\\[-`{-~" + re.escape("".join(char for char in _CP1252_HIGH if not char.isalpha())) + "]+"
)


@functools.lru_cache(maxsize=20_000)
def _is_syllable(word: str) -> bool:
    """Whether a word reads as one Vietnamese syllable: sane case, at most one tone, a valid spelling."""
    if not word.isalpha() or not (word.islower() or word.isupper() or word.istitle()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [mark for mark in decomposed if mark in _TONE_SET]
    if len(tones) > 1:
        return False
    toneless = _nfc("".join(mark for mark in decomposed if mark not in _TONE_SET))
    return _SYLLABLE.fullmatch(toneless) is not None


@dataclass
class _Score:
    valid: int = 0
    invalid: int = 0

    def add(self, other: _Score) -> None:
        self.valid += other.valid
        self.invalid += other.invalid


def _score(text: str) -> _Score:
    """Count the words with non-ASCII characters that do and do not read as Vietnamese syllables."""
    score = _Score()
    for word in _WORD_SPLIT.split(text):
        if word and not word.isascii():
            if _is_syllable(word):
                score.valid += 1
            else:
                score.invalid += 1
    return score


def _better(original: _Score, converted: _Score) -> bool:
    """Conversion helps when it leaves (almost) no unreadable word and removes some."""
    return converted.valid > 0 and converted.invalid < original.invalid and converted.invalid * 10 <= converted.valid


def _choose(original: _Score, converted: dict[str, _Score]) -> str | None:
    if original.invalid == 0:
        return None
    candidates = [(score.valid - score.invalid, name) for name, score in converted.items() if _better(original, score)]
    return max(candidates)[1] if candidates else None


def detect(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when the text is legacy Vietnamese that converts to readable Unicode, else None.

    Unicode Vietnamese and plain English or French are left alone: the first has characters no legacy text can hold
    or already reads as Vietnamese, the others do not turn into Vietnamese syllables when converted.
    """
    if not could_be_legacy(text):
        return None
    return _choose(_score(text), {name: _score(to_unicode(text, name)) for name in ENCODINGS})


def detect_many(texts: Iterable[str]) -> str | None:
    """Like ``detect`` over many cells at once (a column, a file): the evidence of all of them is pooled."""
    original = _Score()
    converted = {name: _Score() for name in ENCODINGS}
    for text in texts:
        if not could_be_legacy(text):
            continue
        original.add(_score(text))
        for name in ENCODINGS:
            converted[name].add(_score(to_unicode(text, name)))
    return _choose(original, converted)


def convert(text: str) -> tuple[str, str | None]:
    """(text in Unicode NFC, the legacy encoding it was converted from or None)."""
    encoding = detect(text)
    if encoding is None:
        return text, None
    return to_unicode(text, encoding), encoding
