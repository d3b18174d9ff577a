"""The intermediate representation of an official document (NĐ 30/2020/NĐ-CP, Phụ lục I): what the builders make and
the renderers print. Plain data, no Django: a builder decides the words, a renderer decides the ink.

The header (issuing body at left, Quốc hiệu and Tiêu ngữ at right, then the number and the place/date line), the
title and subject, the signature block and "Nơi nhận" are fields; the body is a list of paragraphs and tables; the
appendix (Danh sách kèm theo) starts on a new page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"

# A4 portrait and the margins of NĐ 30 (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm), in millimetres.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
CONTENT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
# The header's two columns: the issuing body (left) and the Quốc hiệu (right, wide enough for it at 12 pt bold).
HEADER_LEFT_MM = 75.0
HEADER_RIGHT_MM = CONTENT_WIDTH_MM - HEADER_LEFT_MM
# NĐ 30: sizes of the header lines, the body, "Nơi nhận" and its list, and the first-line indent of paragraphs.
HEADER_SIZE = 12.0
MOTTO_SIZE = 13.0
NUMBER_SIZE = 13.0
PLACE_DATE_SIZE = 13.0
TITLE_SIZE = 14.0
BODY_SIZE = 14.0
RECIPIENTS_TITLE_SIZE = 12.0
RECIPIENTS_SIZE = 11.0
PAGE_NUMBER_SIZE = 13.0
FIRST_LINE_INDENT_MM = 10.0
SIGNATURE_SPACE_MM = 24.0
QR_SIZE_MM = 25.0
ALIGNMENTS = ("left", "center", "right", "justify")


@dataclass
class Paragraph:
    text: str
    align: str = "justify"  # left | center | right | justify
    bold: bool = False
    italic: bool = False
    size: float = BODY_SIZE
    indent_first: bool = True
    space_after: float = 6
    # Printed bold before the text, e.g. "Điều 1. " (the article number of a decision is bold, its text is not).
    lead: str = ""
    # Starts on a new page.
    page_break_before: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths_mm: list[float]
    size: float = 12
    title: str = ""  # a bold line above the table
    # Per column: left | center | right (default left); the header row is always centred.
    aligns: list[str] = field(default_factory=list)
    # A last bold row (e.g. "Cộng" with the total), printed after the rows.
    footer: list[str] | None = None


@dataclass
class Signature:
    capacity: str = ""  # "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN" (bold caps)
    position: str = ""  # "PHÓ CHỦ TỊCH" (bold caps)
    name: str = ""  # full name, bold, under the space for the signature and seal
    note: str = ""  # e.g. "(Đã ký)", "(Ký, ghi rõ họ tên)", italic under the position


@dataclass
class Appendix:
    title: str
    subtitle: str
    blocks: list[Paragraph | Table] = field(default_factory=list)


@dataclass
class OfficialDocument:
    issuing_body: str  # "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG" (a line without "\n" is split by issuing_lines)
    kind_title: str  # "QUYẾT ĐỊNH"
    number_text: str = ""  # "Số: 12/QĐ-UBND" (a draft: "Số:      /QĐ-UBND")
    place_date: str = ""  # "Hải Phòng, ngày 05 tháng 3 năm 2025"
    parent_body: str = ""
    subject: str = ""
    body: list[Paragraph | Table] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)  # 1 at right, or 2 (left and right)
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"
    appendix: Appendix | None = None
    draft: bool = False  # prints "DỰ THẢO" at the top
    file_stem: str = ""  # download name without extension
    # A verification address: both renderers draw its QR code (25 mm) at the bottom left of the last page.
    qr_url: str = ""
    # The template a form follows, printed at the top right of the first page (e.g. "Mẫu số 05").
    form_ref: str = ""
    # A few words the page shows under the subject when the document has no issuing body (an individual's report).
    subtitle: str = ""

    def top_mark(self) -> str:
        """What the top right of the first page carries: the form's reference and/or the draft mark."""
        return " – ".join(part for part in (self.form_ref, DRAFT_MARK if self.draft else "") if part)


# Issuing bodies whose first words make the first line by custom ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HẢI PHÒNG").
_BODY_HEADS = (
    "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    "BAN THI ĐUA - KHEN THƯỞNG", "BAN THI ĐUA, KHEN THƯỞNG",
)  # fmt: skip
# A body line longer than this many letters is split in two for the header's left column.
_BODY_LINE_CHARS = 32
# A header line is never printed smaller than this to fit its column (NĐ 30 asks 12–13 pt; a long name shrinks a bit).
MIN_HEADER_SIZE = 10.5


def issuing_lines(text: str) -> list[str]:
    """The issuing body as the lines of the header: as given when it holds line breaks; otherwise after a known head
    ("ỦY BAN NHÂN DÂN"), else balanced at a space when it is too long for one line."""
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        return []
    if "\n" in text:
        return [line.strip() for line in text.splitlines() if line.strip()]
    for head in _BODY_HEADS:
        if text.upper().startswith(head + " ") and len(text) > len(head) + 1:
            rest = text[len(head) :].strip()
            return [text[: len(head)], *_balanced_lines(rest)]
    return _balanced_lines(text)


def _balanced_lines(text: str) -> list[str]:
    if len(text) <= _BODY_LINE_CHARS or " " not in text:
        return [text]
    words = text.split()
    best = min(range(1, len(words)), key=lambda cut: abs(len(" ".join(words[:cut])) - len(" ".join(words[cut:]))))
    return [" ".join(words[:best]), " ".join(words[best:])]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Text fit for both formats: NFC, "\r\n" as "\n", no control characters (Word files cannot hold them)."""
    text = unicodedata.normalize("NFC", str(text or "")).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def text_width_pt(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` in Times New Roman (= Liberation Serif, metric-compatible) at ``size`` points, from the
    standard Times metrics of reportlab (no font file needed): rules under header lines are as long as the text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.encode("latin-1", "replace").decode("latin-1")
    return stringWidth(plain, "Times-Bold" if bold else "Times-Roman", size)


def fit_size(text: str, size: float, width_mm: float, *, bold: bool = False) -> float:
    """The size at which ``text`` fits ``width_mm`` on one line: ``size`` when it does, else smaller, down to
    MIN_HEADER_SIZE (a long issuing body such as "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in the header's left column)."""
    width_pt = width_mm * 72 / 25.4
    needed = text_width_pt(text, size, bold=bold)
    if needed <= width_pt:
        return size
    return max(MIN_HEADER_SIZE, int(size * width_pt / needed * 10) / 10)
