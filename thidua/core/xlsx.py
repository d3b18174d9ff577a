"""XLSX workbooks of lists: the one place that lays out a sheet (title lines, bold wrapped headers, column widths,
frozen header, dates and money formatted) and serves it, for every export of the app.

Sheets are written with openpyxl's write-only mode: rows go to a temporary file as they come, so a list of a
hundred thousand people is never held in memory as cells; the response streams that file. ``XlsxExportMixin`` gives
a ``ScopedListView`` its ``?format=xlsx``: every row the page's filters select, in the page's order, not one page.

Domain-free: the columns and the rows come from the apps (core imports no later app).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import models
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.core.text import fold
from thidua.core.uploads import safe_filename

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
MONEY_FORMAT = "#,##0"
# Excel's last row is 1,048,576; a sheet stops short of it (title and header rows included) rather than break.
MAX_ROWS = 1_048_000
# Rows read from the database per query while writing (prefetches run once per chunk).
CHUNK_SIZE = 2000
# Spooled in memory up to this size, then on disk.
SPOOL_BYTES = 4 * 1024 * 1024
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    """One column: its Vietnamese header, its width in characters and, for numbers, its Excel format (dates get
    ``DATE_FORMAT`` without asking)."""

    header: Any
    width: float = 16
    number_format: str = ""


@dataclass(frozen=True)
class Line:
    """A line above the table (the title, the scope and date of the list …), merged across the table's width."""

    text: Any
    bold: bool = False
    italic: bool = False
    size: float | None = None
    center: bool = False


class Strong(list):
    """A row written in bold: a subtotal or the total."""


@dataclass(frozen=True)
class Look:
    """The sheet's typography: the app's plain lists use Excel's defaults; official papers (payment lists) are in
    Times New Roman with ruled cells and centred headers."""

    font_name: str | None = None
    size: float | None = None
    borders: bool = False
    center_headers: bool = False

    def font(self, *, bold: bool = False, italic: bool = False, size: float | None = None) -> Font:
        return Font(name=self.font_name, bold=bold, italic=italic, size=size or self.size)


PLAIN = Look()


@dataclass
class Sheet:
    """A titled table: ``heading`` lines (a plain string is the title when first, a plain line after), a blank row,
    the header row, then ``rows`` (any iterable: a generator over a queryset streams). ``numbered`` puts an "STT"
    column first and numbers the rows that are not ``Strong``."""

    title: Any
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    heading: Sequence[Line | Any] = ()
    numbered: bool = False
    look: Look = field(default_factory=Look)


def sheet_title(text: Any) -> str:
    """A name Excel accepts for a sheet tab: at most 31 characters, none of []:*?/\\."""
    return SHEET_TITLE_BAD.sub(" ", str(text)).strip()[:31] or "Sheet"


def cell_value(value: Any) -> Any:
    """A Python value as Excel stores it: lazy text made text, aware datetimes in local time without a zone
    (Excel has none), control characters that would corrupt the file dropped."""
    if value is None or isinstance(value, bool | int | float | dt.date):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return str(value)


def _heading_lines(heading: Sequence[Line | Any]) -> list[Line]:
    lines = []
    for index, line in enumerate(heading):
        if not isinstance(line, Line):
            line = Line(line, bold=True, size=14) if index == 0 else Line(line)
        lines.append(line)
    return lines


class _Writer:
    """Writes one ``Sheet`` into a write-only worksheet, styling cells only where a style is asked for."""

    def __init__(self, worksheet, sheet: Sheet):
        self.ws = worksheet
        self.sheet = sheet
        self.look = sheet.look
        self.columns = [Column(_("STT"), 6), *sheet.columns] if sheet.numbered else list(sheet.columns)
        self.width = len(self.columns)
        self.row = 0
        self.body_font = self.look.font() if self.look.font_name or self.look.size else None
        self.bold_font = self.look.font(bold=True)
        self.body_alignment = Alignment(vertical="top", wrap_text=True) if self.look.borders else None

    def _cell(self, value: Any, *, font: Font | None = None, alignment: Alignment | None = None,
              number_format: str = "", border: Border | None = None) -> Any:  # fmt: skip
        value = cell_value(value)
        if isinstance(value, dt.datetime):
            number_format = number_format or DATETIME_FORMAT
        elif isinstance(value, dt.date):
            number_format = number_format or DATE_FORMAT
        # Text that looks like a formula ("=HYPERLINK(…)" typed as a name) stays text: an export never runs
        # what users typed.
        formula_like = isinstance(value, str) and value.startswith("=")
        if not (font or alignment or number_format or border or formula_like):
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        if formula_like:
            cell.data_type = "s"
        if font:
            cell.font = font
        if alignment:
            cell.alignment = alignment
        if number_format and not isinstance(value, str):
            cell.number_format = number_format
        if border:
            cell.border = border
        return cell

    def _append(self, cells: list) -> None:
        self.ws.append(cells)
        self.row += 1

    def write(self) -> None:
        for index, column in enumerate(self.columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        lines = _heading_lines(self.sheet.heading)
        last = get_column_letter(self.width)
        # Write-only sheets put their views before the rows: freeze below the header before writing any row.
        header = len(lines) + (1 if lines else 0) + 1
        self.ws.freeze_panes = f"A{header + 1}"
        self.ws.print_title_rows = f"{header}:{header}"
        for line in lines:
            font = self.look.font(bold=line.bold, italic=line.italic, size=line.size)
            alignment = Alignment(horizontal="center" if line.center else None, wrap_text=line.center)
            self._append([self._cell(line.text, font=font, alignment=alignment)])
            if self.width > 1:
                self.ws.merged_cells.add(f"A{self.row}:{last}{self.row}")
        if lines:
            self._append([])
        header_alignment = Alignment(horizontal="center" if self.look.center_headers else None, vertical="center",
                                     wrap_text=True)  # fmt: skip
        border = BOX if self.look.borders else None
        self._append([self._cell(column.header, font=self.bold_font, alignment=header_alignment, border=border)
                      for column in self.columns])  # fmt: skip
        self._write_body(border)
        if self.row > header:
            self.ws.auto_filter.ref = f"A{header}:{last}{self.row}"

    def _write_body(self, border: Border | None) -> None:
        number = 0
        formats = [column.number_format for column in self.columns]
        for values in self.sheet.rows:
            if self.row >= MAX_ROWS:
                self._append([_("Danh sách dài quá giới hạn của một trang tính Excel; hãy lọc bớt để xuất phần "
                                "còn lại.")])  # fmt: skip
                break
            strong = isinstance(values, Strong)
            values = list(values)
            if self.sheet.numbered:
                if not strong:
                    number += 1
                values = ["" if strong else number, *values]
            font = self.bold_font if strong else self.body_font
            self._append([
                self._cell(value, font=font, alignment=self.body_alignment, border=border,
                           number_format=formats[index] if index < len(formats) else "")
                for index, value in enumerate(values)
            ])  # fmt: skip


def write_workbook(sheets: Iterable[Sheet], target: IO[bytes]) -> None:
    """Write the sheets, in order, as one workbook into ``target`` (a binary file)."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.title))
        _Writer(worksheet, sheet).write()
    workbook.save(target)


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The workbook as bytes: for small workbooks and tests."""
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return buffer.getvalue()


def download_name(name: Any) -> str:
    """ "Danh sách cá nhân" → "danh-sach-ca-nhan.xlsx": plain ASCII, as every browser saves it."""
    return f"{slugify(fold(str(name))) or 'danh-sach'}.xlsx"


def attachment_name(filename: Any) -> str:
    """The name a download is saved under. A name ending in ".xlsx" is kept as written — Vietnamese letters too
    ("Biểu 0602 năm 2024.xlsx"): Django sends it as RFC 5987 ``filename*=utf-8''…``, which every browser reads —
    only made safe (no folders, no control characters); any other text is a title, made an ASCII slug."""
    if str(filename).endswith(".xlsx"):
        return safe_filename(str(filename), ".xlsx")
    return download_name(filename)


def xlsx_name(title: Any) -> str:
    """A Vietnamese title as a file name kept as written: "Biểu 0602 năm 2024" → "Biểu 0602 năm 2024.xlsx"."""
    return safe_filename(str(title), ".xlsx")


def _download(stream: IO[bytes], filename: Any) -> FileResponse:
    response = FileResponse(stream, as_attachment=True, filename=attachment_name(filename), content_type=CONTENT_TYPE)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def xlsx_response(sheets: Iterable[Sheet], *, filename: Any) -> FileResponse:
    """The workbook as a download, written to a spooled temporary file and streamed from it: a long list costs
    disk, not memory."""
    # Not a context manager: the response closes the file once it has been sent.
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    write_workbook(sheets, spool)
    spool.seek(0)
    return _download(spool, filename)


def bytes_response(data: bytes, *, filename: Any) -> FileResponse:
    """An already built workbook (a report or a form in its own layout) as a download."""
    return _download(io.BytesIO(data), filename)


def yes(value: bool) -> str:
    """A flag as the cell shows it: "Có" or empty."""
    return _("Có") if value else ""


def made_on_line(user: Any = None) -> Line:
    """ "Lập ngày 05/03/2025, người lập: …": under the title of every exported list."""
    day = timezone.localdate().strftime("%d/%m/%Y")
    name = (getattr(user, "full_name", "") or getattr(user, "username", "")) if user is not None else ""
    if name:
        return Line(_("Lập ngày %(day)s; người lập: %(name)s") % {"day": day, "name": name}, italic=True)
    return Line(_("Lập ngày %(day)s") % {"day": day}, italic=True)


def form_filters(form) -> list[str]:
    """What a valid filter form selects, one "Label: value" per field filled in (choices by their label): the
    lines under an exported list's title, so the file says which rows it holds."""
    if not form.is_bound or not form.is_valid():
        return []
    lines = []
    for name, bound in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()) or bound.widget.is_hidden:
            continue
        if isinstance(value, models.Model):
            shown = str(value)
        else:
            choices = dict(getattr(bound, "choices", None) or ())
            shown = choices.get(value, choices.get(str(value), value))
        lines.append(f"{bound.label}: {shown}")
    return lines


# --- List pages -------------------------------------------------------------------------------------------------

FORMAT_PARAM = "format"
XLSX = "xlsx"
# Parameters of the page, not of the filters: dropped from the export link.
PAGE_PARAMS = ("after", "before", FORMAT_PARAM)


def export_query(params) -> str:
    """The current query string (the filters) with the page cursor dropped and ``format=xlsx`` added."""
    params = params.copy()
    for name in PAGE_PARAMS:
        params.pop(name, None)
    params[FORMAT_PARAM] = XLSX
    return "?" + params.urlencode()


class XlsxExportMixin:
    """``?format=xlsx`` on a keyset list page: the workbook of every row the page's filters select, in the page's
    order (``keyset_key``, pk), read from the database in chunks and streamed. The page gets ``xlsx_url`` for its
    "Xuất Excel" link.

    The view gives ``xlsx_title``, ``xlsx_columns()`` and ``xlsx_row(obj)``; ``xlsx_queryset()`` defaults to the
    page's own queryset (so the same scope and filters), ``xlsx_filters()`` to no description of the filters."""

    request: HttpRequest
    keyset_key: str = "pk"
    descending: bool = False
    xlsx_title: Any = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get(FORMAT_PARAM) == XLSX:
            return self.xlsx_export()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["xlsx_url"] = export_query(self.request.GET)
        return context

    def xlsx_columns(self) -> list[Column]:
        raise NotImplementedError

    def xlsx_row(self, obj: Any) -> Sequence[Any]:
        raise NotImplementedError

    def xlsx_queryset(self) -> models.QuerySet:
        sign = "-" if self.descending else ""
        return self.get_queryset().order_by(f"{sign}{self.keyset_key}", f"{sign}pk")

    def xlsx_filters(self) -> list[str]:
        """Lines that say what the filters select ("Trạng thái: Đã ký"), under the title."""
        return []

    def xlsx_rows(self) -> Iterable[Sequence[Any]]:
        row: Callable[[Any], Sequence[Any]] = self.xlsx_row
        for obj in self.xlsx_queryset().iterator(chunk_size=CHUNK_SIZE):
            yield row(obj)

    def xlsx_export(self) -> FileResponse:
        heading = [self.xlsx_title, made_on_line(self.request.user), *[Line(text) for text in self.xlsx_filters()]]
        sheet = Sheet(title=self.xlsx_title, columns=self.xlsx_columns(), rows=self.xlsx_rows(), heading=heading,
                      numbered=True)  # fmt: skip
        return xlsx_response([sheet], filename=self.xlsx_title)
