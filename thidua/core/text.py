"""Vietnamese text: folding for search and the Vietnamese sort order.

Search folds case and diacritics so that "nguyen van an" finds "Nguyễn Văn An". Unicode decomposition alone
leaves "đ" alone (it is a letter of its own, not d + a mark), so it is mapped by hand.

Sorting follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y) with tones
breaking ties between equal letters (ngang, huyền, hỏi, ngã, sắc, nặng). People are sorted by given name first,
then family and middle names. The key is made of decimal digits only, so every database and every collation
orders it the same way.
"""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Combining marks of the five tones, in the Vietnamese order after the level tone (ngang = 0).
_TONE_MARKS = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
# Marks that make a letter of its own in the alphabet (ă â ê ô ơ ư).
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
# Two digits per letter, starting at 20 so that "10" can separate words and "00" end a section.
_LETTER_CODE = {letter: f"{20 + index:02d}" for index, letter in enumerate(_ALPHABET)}
_DIGIT_CODE = {str(d): f"{10 + d:02d}" if d < 10 else "" for d in range(10)}
_WORD_SEPARATOR = "01"
# "đ", and "ð"/"Ð" (eth), which conversions from old Vietnamese encodings often leave in place of "đ"/"Đ".
_D_WITH_STROKE = {"đ", "ð"}
_SECTION_END = "00"


def normalize(text: str) -> str:
    """NFC with single spaces: the form every name is stored in."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def fold(text: str) -> str:
    """Lower-case ASCII-ish form for search: case and diacritics removed, đ → d."""
    lowered = (text or "").lower()
    for letter in _D_WITH_STROKE:
        lowered = lowered.replace(letter, "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).split())


# A query's words each add a condition: a few are a name, hundreds are an attack on the database.
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40


def search_words(text: str, *, limit: int | None = None) -> list[str]:
    """The folded words of a text, for prefix matching: "Nguyễn Văn-An" → ["nguyen", "van", "an"].

    With ``limit`` (queries typed by users), only the first ``limit`` distinct words, each cut to a sane length.
    """
    words = _WORD_RE.findall(fold(text))
    if limit is None:
        return words
    return list(dict.fromkeys(word[:MAX_WORD_LENGTH] for word in words))[:limit]


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given): "Nguyễn Thị Minh Khai" → ("Nguyễn", "Thị Minh", "Khai")."""
    words = normalize(full_name).split(" ")
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def _letters_and_tones(word: str) -> tuple[str, str]:
    """Primary (letters) and secondary (the syllable's tone) keys of one word.

    A syllable carries one tone wherever the mark was typed ("hoà" and "hòa" are the same name), so the tone is
    kept once per word, not per letter.
    """
    primary: list[str] = []
    tone = 0
    for char in unicodedata.normalize("NFC", word.lower()):
        if char in _D_WITH_STROKE:
            primary.append(_LETTER_CODE["đ"])
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        letter = base
        for mark in marks:
            if mark in _TONE_MARKS:
                tone = _TONE_MARKS[mark]
            elif mark in _LETTER_MARKS:
                letter = unicodedata.normalize("NFC", base + mark)
        if letter in _LETTER_CODE:
            primary.append(_LETTER_CODE[letter])
        elif letter.isdigit() and letter in _DIGIT_CODE:
            primary.append(_DIGIT_CODE[letter])
        # punctuation and other scripts do not take part in the order
    return "".join(primary), str(tone)


def _phrase_key(phrase: str) -> tuple[str, str]:
    letters: list[str] = []
    tones: list[str] = []
    for word in normalize(phrase).split(" "):
        if not word:
            continue
        primary, secondary = _letters_and_tones(word)
        letters.append(primary)
        tones.append(secondary)
    return _WORD_SEPARATOR.join(letters), "".join(tones)


def sort_key(*phrases: str) -> str:
    """A digit-only key ordering phrases the Vietnamese way: first phrase (letters, then tones), then the next."""
    sections: list[str] = []
    for phrase in phrases:
        primary, secondary = _phrase_key(phrase)
        # Equal letters mean equally many tone digits, so the tones need no separator of their own.
        sections.append(primary + _SECTION_END + secondary)
    return _SECTION_END.join(sections)


def person_sort_key(full_name: str) -> str:
    """Given name first, then family and middle names: "Trần Văn An" sorts before "Lê Thị Bình"."""
    family, middle, given = split_name(full_name)
    return sort_key(given, f"{family} {middle}".strip())[:255]
