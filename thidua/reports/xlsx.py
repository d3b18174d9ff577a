"""The year and movement reports as XLSX workbooks: one sheet per table of the page, the same figures (the report
dicts of ``thidua.reports.queries``), Times New Roman, a title, bold wrapped headers, totals rows. They are served
by ``thidua.core.xlsx.bytes_response``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FONT_NAME = "Times New Roman"
MONEY_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _font(*, bold: bool = False, italic: bool = False, size: float = 12) -> Font:
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size)


def _sheet(workbook: Workbook, title: str, heading: list[str], headers: list[str], widths: list[int]):
    """A sheet with its title lines (merged over the table's width) and the header row; returns the sheet."""
    sheet = workbook.create_sheet()
    sheet.title = title[:31]
    for index, text in enumerate(heading):
        sheet.append([text])
        row = sheet.max_row
        cell = sheet.cell(row=row, column=1)
        cell.font = _font(bold=index == 0, italic=index > 0, size=14 if index == 0 else 12)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
    sheet.append([])
    sheet.append(headers)
    row = sheet.max_row
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=row, column=column)
        cell.font = _font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{row + 1}"
    return sheet


def _rows(sheet, rows: Sequence[Sequence[Any]], *, bold_last: bool = False, formats: dict[int, str] | None = None):
    for index, values in enumerate(rows):
        sheet.append(list(values))
        row = sheet.max_row
        for column in range(1, len(values) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = _font(bold=bold_last and index == len(rows) - 1)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for column, number_format in (formats or {}).items():
            sheet.cell(row=row, column=column).number_format = number_format


def _breakdown_sheets(workbook: Workbook, report: dict[str, Any], heading: list[str]) -> None:
    headers = [_("STT"), _("Danh hiệu, hình thức"), _("Cấp"), _("Tập thể"), _("Cá nhân"), _("Hộ gia đình"),
               _("Tổng số")]  # fmt: skip
    sheet = _sheet(workbook, _("Theo danh hiệu"), heading, headers, [6, 44, 22, 10, 10, 12, 10])
    level_labels = {row["level"]: row["label"] for row in report["by_level"]}
    rows = [[index, row["name"], level_labels.get(row["level"], ""), row["collective"], row["individual"],
             row["household"], row["total"]] for index, row in enumerate(report["by_type"], start=1)]  # fmt: skip
    totals = [sum(row[key] for row in report["by_type"]) for key in ("collective", "individual", "household", "total")]
    _rows(sheet, [*rows, ["", _("Tổng cộng"), "", *totals]], bold_last=True)

    headers = [_("Cấp khen thưởng"), _("Tập thể"), _("Cá nhân"), _("Hộ gia đình"), _("Tổng số")]
    sheet = _sheet(workbook, _("Theo cấp"), heading, headers, [30, 10, 10, 12, 10])
    _rows(sheet, [[row["label"], row["collective"], row["individual"], row["household"], row["total"]]
                  for row in report["by_level"]])  # fmt: skip

    headers = [_("STT"), _("Đơn vị"), _("Cá nhân"), _("Tập thể, hộ gia đình"), _("Tổng số")]
    sheet = _sheet(workbook, _("Theo đơn vị"), heading, headers, [6, 44, 10, 14, 10])
    rows = [[index, row["name"], row["individual"], row["collective_or_household"], row["total"]]
            for index, row in enumerate(report["by_unit"], start=1)]  # fmt: skip
    _rows(sheet, [*rows, ["", _("Tổng cộng"), sum(r[2] for r in rows), sum(r[3] for r in rows),
                          sum(r[4] for r in rows)]], bold_last=True)  # fmt: skip

    headers = [_("Chỉ tiêu"), _("Số lượng"), _("Trên tổng số cá nhân"), _("Tỷ lệ (%)")]
    sheet = _sheet(workbook, _("Đối tượng, tỷ lệ"), heading, headers, [44, 12, 14, 12])
    recipients = [[row["label"], row["count"], "", ""] for row in report["by_recipient"]]
    share_rows = [[row["label"], row["numerator"], row["denominator"], row["percent"]] for row in report["shares"]]
    _rows(sheet, [*recipients, *share_rows], formats={4: PERCENT_FORMAT})

    headers = [_("STT"), _("Danh hiệu, hình thức"), _("Số người, tập thể"), _("Số tiền (đồng)")]
    sheet = _sheet(workbook, _("Tiền thưởng"), heading, headers, [6, 44, 14, 18])
    rows = [[index, row["name"], row["items"], row["amount"]]
            for index, row in enumerate(report["money"]["by_type"], start=1)]  # fmt: skip
    _rows(sheet, [*rows, ["", _("Tổng cộng"), report["money"]["items"], report["money"]["total"]]], bold_last=True,
          formats={4: MONEY_FORMAT})  # fmt: skip


def _compliance_rows(item: dict[str, Any]) -> list[list[Any]]:
    return [[item["title"], row["label"], row["total"], row["answered"], row["on_time"], row["late"], row["missing"],
             row["not_due"], row["percent"]] for row in item["obligations"]]  # fmt: skip


def _compliance_sheet(workbook: Workbook, items: list[dict[str, Any]], heading: list[str]) -> None:
    headers = [_("Phong trào"), _("Việc phải gửi"), _("Số phải gửi"), _("Đã gửi"), _("Đúng hạn"), _("Muộn"),
               _("Quá hạn chưa gửi"), _("Chưa đến hạn"), _("Tỷ lệ đã gửi (%)")]  # fmt: skip
    sheet = _sheet(workbook, _("Hưởng ứng phong trào"), heading, headers, [44, 20, 10, 10, 10, 10, 12, 12, 12])
    _rows(sheet, [row for item in items for row in _compliance_rows(item)], formats={9: PERCENT_FORMAT})


def _workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)  # every sheet is made by _sheet
    return workbook


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def year_report_xlsx(report: dict[str, Any], scope_name: str) -> bytes:
    heading = [_("BÁO CÁO TỔNG HỢP KHEN THƯỞNG NĂM %(year)s") % {"year": report["year"]}, scope_name, report["label"]]
    workbook = _workbook()
    _breakdown_sheets(workbook, report, heading)
    headers = [_("STT"), _("Danh hiệu, hình thức"), _("Năm %(year)s") % {"year": report["year"]},
               _("Năm %(year)s") % {"year": report["year"] - 1}, _("Tăng (+), giảm (−)")]  # fmt: skip
    sheet = _sheet(workbook, _("So sánh năm trước"), heading, headers, [6, 44, 12, 12, 14])
    rows = [[index, row["name"], row["current"], row["previous"], row["change"]]
            for index, row in enumerate(report["year_on_year"], start=1)]  # fmt: skip
    _rows(sheet, [*rows, ["", _("Tổng cộng"), sum(r[2] for r in rows), sum(r[3] for r in rows),
                          sum(r[4] for r in rows)]], bold_last=True)  # fmt: skip
    _compliance_sheet(workbook, report["compliance"], heading)
    return _save(workbook)


def movement_report_xlsx(report: dict[str, Any], scope_name: str) -> bytes:
    heading = [_("BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA"), report["title"], scope_name]
    workbook = _workbook()
    _breakdown_sheets(workbook, report, heading)
    _compliance_sheet(workbook, [report["compliance"]], heading)
    return _save(workbook)
