"""Reading an import file into rows: XLSX (openpyxl, read-only: 100,000 rows in bounded memory) or CSV (encoding
detected, separator , ; or tab); the header row found by the kind's Vietnamese headers (folded, so "Ho va ten" and
"HỌ VÀ TÊN" match "Họ và tên"); every cell as NFC text with single spaces, and text typed in the legacy Vietnamese
encodings still common in offices (TCVN3/ABC, VNI) converted to Unicode, each conversion reported. The encoding is
judged per column, on all its cells together, then applied to each cell of the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thidua.core import legacy_text
from thidua.core.text import fold, normalize
from thidua.imports.base import Column, Conversion, Importer, Row, RowError

HEADER_SCAN_ROWS = 10
CSV_SEPARATORS = ",;\t"
_KEY_RE = re.compile(r"[^a-z0-9]+")
# Rows read ahead to judge each column's encoding as a whole (every row of nearly every real file; a bigger file's
# columns are judged on their first rows, which is where a legacy column shows itself).
LOOKAHEAD_ROWS = 5000
# A column with no legacy-looking cell in the rows read ahead: its later cells are judged one by one.
UNDECIDED = "?"


class FileError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, no header row, a required column missing)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def header_key(text: str) -> str:
    """ "Họ và tên (*)" → "hovaten": folded, letters and digits only, marks such as (*) dropped."""
    return _KEY_RE.sub("", fold(str(text or "").replace("(*)", "")))


@dataclass
class Sheet:
    """The rows of a file matched to an importer's columns. ``rows`` is consumed once (a generator)."""

    columns: dict[int, Column]  # cell index → column
    header_row: int
    total: int  # data rows (an estimate for XLSX files whose size is not recorded: then 0)
    rows: Iterator[Row]
    conversions: list[Conversion] = field(default_factory=list)


def cell_text(value: object) -> str:
    """What a cell holds, as text: dates as ISO (parse_date reads them), whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def clean_text(text: str, column_encoding: str | None = UNDECIDED) -> tuple[str, str | None]:
    """NFC, single spaces; legacy-encoded text converted. ``column_encoding`` is the verdict on the cell's column
    (``column_encodings``): "tcvn3"/"vni" converts every cell that could be legacy, None none, ``UNDECIDED`` judges
    the cell alone. Returns (text, encoding converted from or None)."""
    if not text:
        return "", None
    # Legacy text is 8-bit text read as Windows-1252: only such non-ASCII cells can hold it.
    if not legacy_text.could_be_legacy(text):
        return normalize(text), None
    encoding = legacy_text.detect(text) if column_encoding == UNDECIDED else column_encoding
    if encoding:
        text = legacy_text.to_unicode(text, encoding)
    return normalize(text), encoding


def column_encodings(rows: list[tuple[int, list[str]]], width: int) -> list[str | None]:
    """Each column's legacy encoding judged on all its cells at once (``legacy_text.detect_many``): a short cell
    ("N÷", a one-word place) says too little alone, but the column's names and places settle it for every cell."""
    verdicts: list[str | None] = []
    for index in range(width):
        cells = [texts[index] for _number, texts in rows if legacy_text.could_be_legacy(texts[index])]
        verdicts.append(legacy_text.detect_many(cells) if cells else UNDECIDED)
    return verdicts


def match_header(cells: list[object], importer: Importer) -> dict[int, Column]:
    wanted: dict[str, Column] = {}
    for column in importer.columns:
        for name in (column.header, column.key, *column.aliases):
            wanted.setdefault(header_key(str(name)), column)
    found: dict[int, Column] = {}
    for index, cell in enumerate(cells):
        column = None
        for text in _header_readings(cell_text(cell)):
            column = wanted.get(header_key(text))
            if column is not None:
                break
        if column is not None and column not in found.values():
            found[index] = column
    return found


def _header_readings(text: str) -> list[str]:
    """A header cell as typed, and as each legacy encoding would read it: a header is a few words, too short for
    detection to be sure, but it has to match one of the kind's headers, which settles it."""
    readings = [clean_text(text)[0]]
    if not text.isascii():
        readings += [normalize(legacy_text.to_unicode(text, encoding)) for encoding in legacy_text.ENCODINGS]
    return readings


def _find_header(head: list[list[object]], importer: Importer) -> tuple[int, dict[int, Column]]:
    """The first row among the first few that names the most columns (templates may have a title row above)."""
    best = (0, {})
    for number, cells in enumerate(head, start=1):
        found = match_header(cells, importer)
        if len(found) > len(best[1]):
            best = (number, found)
    number, found = best
    if not found:
        headers = ", ".join(str(c.header) for c in importer.columns if c.required)
        raise FileError(
            [RowError(1, "", _("không tìm thấy dòng tiêu đề có các cột: %(headers)s.") % {"headers": headers})]
        )
    missing = [c for c in importer.columns if c.required and c not in found.values()]
    if missing:
        raise FileError(
            [RowError(number, str(c.header), _("thiếu cột bắt buộc này trong dòng tiêu đề.")) for c in missing]
        )
    return number, found


def _rows(cells_iter, columns: dict[int, Column], first_number: int, conversions: list[Conversion]) -> Iterator[Row]:
    indexes = list(columns)
    texts = (
        (number, [cell_text(cells[index] if index < len(cells) else None) for index in indexes])
        for number, cells in enumerate(cells_iter, start=first_number)
    )
    ahead = list(itertools.islice(texts, LOOKAHEAD_ROWS))
    encodings = column_encodings(ahead, len(indexes))
    for number, row_texts in itertools.chain(ahead, texts):
        values: dict[str, str] = {}
        for position, index in enumerate(indexes):
            column = columns[index]
            text, encoding = clean_text(row_texts[position], encodings[position])
            if encoding:
                conversions.append(Conversion(number, str(column.header), encoding))
            values[column.key] = text
        if any(values.values()):  # blank lines between blocks of data are common in hand-kept sheets
            yield Row(number, values)


def read_xlsx(data: bytes, importer: Importer) -> Sheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file; all mean "cannot read it"
        raise FileError([RowError(0, "", _("không đọc được tệp Excel (%(error)s).") % {"error": error})]) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    head: list[list[object]] = []
    for cells in rows:
        head.append(list(cells))
        if len(head) >= HEADER_SCAN_ROWS:
            break
    header_row, columns = _find_header(head, importer)
    total = max((sheet.max_row or 0) - header_row, 0)

    def data_cells() -> Iterator[list[object]]:
        yield from head[header_row:]
        yield from rows
        workbook.close()

    conversions: list[Conversion] = []
    return Sheet(columns, header_row, total, _rows(data_cells(), columns, header_row + 1, conversions), conversions)


def decode_csv(data: bytes) -> str:
    """UTF-8/UTF-16 by their marks, then UTF-8, as nearly every tool writes now. Otherwise an 8-bit file: the
    legacy TCVN3/VNI font encodings are kept as Windows-1252 text (what Excel shows), which clean_text converts;
    other text is what charset-normalizer finds, Vietnamese Windows' own code page (1258) when it finds a Latin one."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    as_1252 = data.decode("cp1252", errors="replace")
    if legacy_text.detect(as_1252[:20_000]):
        return as_1252
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1258"
    if encoding.startswith(("cp125", "latin", "iso8859", "mac")) or encoding in ("ascii",):
        encoding = "cp1258"
    return data.decode(encoding, errors="replace")


def sniff_separator(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max(CSV_SEPARATORS, key=first.count)


def read_csv(data: bytes, importer: Importer) -> Sheet:
    text = decode_csv(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(text))
    head: list[list[object]] = []
    for cells in reader:
        head.append(list(cells))
        if len(head) >= HEADER_SCAN_ROWS:
            break
    header_row, columns = _find_header(head, importer)
    total = max(text.count("\n") - header_row + (0 if text.endswith("\n") else 1), 0)

    def data_cells() -> Iterator[list[object]]:
        yield from head[header_row:]
        yield from reader

    conversions: list[Conversion] = []
    return Sheet(columns, header_row, total, _rows(data_cells(), columns, header_row + 1, conversions), conversions)


def read_file(data: bytes, file_format: str, importer: Importer) -> Sheet:
    if file_format == "xlsx":
        return read_xlsx(data, importer)
    return read_csv(data, importer)


def count_rows(data: bytes, file_format: str) -> int:
    """A quick size estimate, to decide whether the dry run runs in the request or as a background job."""
    if file_format == "csv":
        return data.count(b"\n")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:
        return 0
    try:
        return workbook.worksheets[0].max_row or 0
    finally:
        workbook.close()
