"""A filled official form as XLSX in the form's own layout (REPORT-FORMS.md §1 "common frame"): top-left Biểu số /
Ban hành theo / Ngày nhận báo cáo, top-right Đơn vị báo cáo / nhận, the title, "Năm …", the merged multi-level
headers, the key row (A, B, C, 1, 2 …), indented rows, the signature footer; failed checks on a second sheet."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.reports.official import OfficialReport

FONT_NAME = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _font(*, bold: bool = False, italic: bool = False, size: int = 12) -> Font:
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size)


def _put(sheet: Worksheet, row: int, col: int, value, *, end_col: int | None = None, end_row: int | None = None,
         font: Font | None = None, align: str = "left", box: bool = False, indent: int = 0) -> None:  # fmt: skip
    cell = sheet.cell(row=row, column=col, value=value)
    cell.font = font or _font()
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True, indent=indent)
    last_row, last_col = end_row or row, end_col or col
    if (last_row, last_col) != (row, col):
        sheet.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)
    if box:
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                sheet.cell(row=r, column=c).border = BOX


def official_xlsx(report: OfficialReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = report.form.code
    letters = ["A", "B", "C"] if report.spec.get("unit_column") else ["A", "B"]
    width = len(letters) + len(report.leaves)
    half = max(2, width // 2)
    row = _frame(sheet, report, width, half)
    row = _headers(sheet, report, row, letters)
    row = _body(sheet, report, row, letters)
    _footer(sheet, row + 1, width, half)
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 8
    if len(letters) == 3:
        sheet.column_dimensions["C"].width = 12
    for index in range(len(letters) + 1, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 11
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _checks_sheet(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _frame(sheet: Worksheet, report: OfficialReport, width: int, half: int) -> int:
    spec = report.spec
    left = [
        (_("Biểu số: %(number)s") % {"number": report.form.number}, _font(bold=True)),
        (spec.get("issued_by", ""), _font(italic=True)),
        (_("Ngày nhận báo cáo: %(deadline)s") % {"deadline": spec.get("deadline", "")}, _font(italic=True)),
    ]
    right = [
        (_("Đơn vị báo cáo: %(unit)s") % {"unit": report.unit.name}, _font(bold=True)),
        (_("Đơn vị nhận báo cáo: %(receiver)s") % {"receiver": report.receiver}, _font(bold=True)),
    ]
    for index, (text, font) in enumerate(left, start=1):
        _put(sheet, index, 1, text, end_col=half, font=font)
    for index, (text, font) in enumerate(right, start=1):
        _put(sheet, index, half + 1, text, end_col=width, font=font)
    _put(sheet, 5, 1, report.form.title, end_col=width, font=_font(bold=True, size=14), align="center")
    start, end = report.window
    _put(sheet, 6, 1, _("Năm %(year)s") % {"year": report.year}, end_col=width, font=_font(bold=True),
         align="center")  # fmt: skip
    _put(sheet, 7, 1, _("(Số liệu từ ngày %(start)s đến ngày %(end)s)") % {
        "start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}, end_col=width,
        font=_font(italic=True), align="center")  # fmt: skip
    row = 8
    if spec.get("measure"):
        _put(sheet, row, 1, _("Đơn vị tính: %(measure)s") % {"measure": spec["measure"]}, end_col=width,
             font=_font(italic=True), align="right")  # fmt: skip
        row += 1
    return row + 1


def _headers(sheet: Worksheet, report: OfficialReport, top: int, letters: list[str]) -> int:
    grid = report.header_rows()
    depth = len(grid)
    bold = _font(bold=True, size=11)
    fixed = ["", _("Mã số"), _("Đơn vị tính")][: len(letters)]
    for index, label in enumerate(fixed, start=1):
        _put(sheet, top, index, label, end_row=top + depth - 1, font=bold, align="center", box=True)
    # Place each header cell in the first free column of its level (cells of a level are in leaf order).
    taken: set[tuple[int, int]] = set()
    for level, cells in enumerate(grid):
        col = len(letters) + 1
        for cell in cells:
            while (top + level, col) in taken:
                col += 1
            label = f"{cell['label']} ({cell['hint']})" if cell["hint"] else cell["label"]
            last_row, last_col = top + level + cell["rowspan"] - 1, col + cell["colspan"] - 1
            _put(sheet, top + level, col, label, end_row=last_row, end_col=last_col, font=bold, align="center",
                 box=True)  # fmt: skip
            for r in range(top + level, last_row + 1):
                for c in range(col, last_col + 1):
                    taken.add((r, c))
            col = last_col + 1
    key_row = top + depth
    for index, letter in enumerate(letters, start=1):
        _put(sheet, key_row, index, letter, font=_font(italic=True, size=11), align="center", box=True)
    col = len(letters) + 1
    for cell in report.key_cells():
        _put(sheet, key_row, col, cell["label"], end_col=col + cell["colspan"] - 1, font=_font(italic=True, size=11),
             align="center", box=True)  # fmt: skip
        col += cell["colspan"]
    return key_row + 1


def _body(sheet: Worksheet, report: OfficialReport, row: int, letters: list[str]) -> int:
    for item in report.rows:
        font = _font(bold=item.style in ("total", "section"), italic=item.style == "of_which", size=11)
        _put(sheet, row, 1, item.label, font=font, indent=item.indent, box=True)
        _put(sheet, row, 2, item.code, font=font, align="center", box=True)
        if len(letters) == 3:
            _put(sheet, row, 3, item.unit, font=font, align="center", box=True)
        for index in range(len(report.leaves)):
            value = item.values[index] if item.code else None
            _put(sheet, row, len(letters) + 1 + index, value, font=font, align="right", box=True)
        row += 1
    for note in _excluded_lines(report):
        _put(sheet, row, 1, note, end_col=len(letters) + len(report.leaves), font=_font(italic=True, size=11))
        row += 1
    return row


def _excluded_lines(report: OfficialReport) -> list[str]:
    if not report.excluded:
        return []
    items = ", ".join(f"{entry['name']}: {entry['count']}" for entry in report.excluded)
    return [_("Khen thưởng cùng cấp không có cột trong biểu (không tính): %(items)s.") % {"items": items}]


def _footer(sheet: Worksheet, row: int, width: int, half: int) -> None:
    _put(sheet, row, half + 1, _("…, ngày … tháng … năm …"), end_col=width, font=_font(italic=True), align="center")
    _put(sheet, row + 1, 1, _("Người lập biểu"), end_col=half, font=_font(bold=True), align="center")
    _put(sheet, row + 1, half + 1, _("Thủ trưởng đơn vị"), end_col=width, font=_font(bold=True), align="center")
    _put(sheet, row + 2, 1, _("(Ký, họ tên)"), end_col=half, font=_font(italic=True), align="center")
    _put(sheet, row + 2, half + 1, _("(Ký, họ tên, đóng dấu)"), end_col=width, font=_font(italic=True),
         align="center")  # fmt: skip


def _checks_sheet(workbook: Workbook, report: OfficialReport) -> None:
    sheet = workbook.create_sheet(_("Kiểm tra số liệu"))
    sheet.column_dimensions["A"].width = 110
    _put(sheet, 1, 1, _("Kiểm tra số liệu theo biểu %(number)s") % {"number": report.form.number},
         font=_font(bold=True))  # fmt: skip
    failures = report.failed_checks
    if not failures:
        _put(sheet, 2, 1, _("Mọi phép kiểm tra của biểu đều đúng."))
    for index, failure in enumerate(failures, start=2):
        _put(sheet, index, 1, _("Cảnh báo: %(message)s") % {"message": failure["message"]})
    start = len(failures) + 3 if failures else 4
    _put(sheet, start, 1, _("Cách tính"), font=_font(bold=True))
    for offset, note in enumerate(report.spec.get("notes", []), start=1):
        _put(sheet, start + offset, 1, note)
