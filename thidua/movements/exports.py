"""The compliance dashboard as an XLSX workbook: one sheet of units, one of the summary, Vietnamese headers."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from thidua.movements.enums import Compliance, ObligationKind
from thidua.movements.models import Movement
from thidua.movements.queries import ComplianceRow

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)


def _status(value: str | None) -> str:
    return str(Compliance(value).label) if value else ""


def _date(answer) -> str:
    if answer is None or answer.submitted_at is None:
        return ""
    return timezone.localtime(answer.submitted_at).strftime("%d/%m/%Y")


def _title(sheet, text: str, subtitle: str, width: int) -> None:
    sheet.append([text])
    sheet["A1"].font = TITLE
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append([subtitle])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.append([])


def _header(sheet, headers: list[str], widths: list[int]) -> None:
    sheet.append(headers)
    row = sheet.max_row
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=row, column=column)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{row + 1}"


def compliance_xlsx(movement: Movement, rows: list[ComplianceRow], summary: dict[str, Any]) -> bytes:
    """The workbook the board downloads from the dashboard (the rows and summary it shows, filters included)."""
    workbook = Workbook()
    subtitle = _("Tình hình hưởng ứng đến ngày %(day)s") % {"day": timezone.localdate().strftime("%d/%m/%Y")}

    units = workbook.active
    units.title = _("Đơn vị")
    headers = [
        _("STT"), _("Đơn vị"), _("Loại đơn vị"), _("Quận, huyện, sở, ngành"), _("Kế hoạch hưởng ứng"),
        _("Ngày gửi kế hoạch"), _("Đăng ký thi đua"), _("Ngày gửi đăng ký"), _("Báo cáo"),
        _("Có phong trào hưởng ứng"),
    ]  # fmt: skip
    _title(units, movement.title, subtitle, len(headers))
    _header(units, headers, [6, 40, 24, 32, 22, 14, 22, 14, 22, 14])
    for number, row in enumerate(rows, start=1):
        units.append([
            number, row.unit.name, row.kind.name, row.district.name if row.district else "",
            _status(row.plan_compliance), _date(row.plan), _status(row.registration_compliance),
            _date(row.registration), _status(row.report_compliance), _("Có") if row.has_sub_movement else "",
        ])  # fmt: skip

    totals = workbook.create_sheet(_("Tổng hợp"))
    statuses = [*Compliance.values, "answered"]
    status_labels = [str(Compliance(value).label) for value in Compliance.values] + [_("Đã gửi")]
    headers = [_("Loại đơn vị"), _("Số đơn vị")]
    for kind in ObligationKind:
        headers += [f"{kind.label}: {label}" for label in status_labels]
    _title(totals, movement.title, subtitle, len(headers))
    _header(totals, headers, [30, 10] + [14] * (len(headers) - 2))
    for bucket in [*summary["by_kind"], summary["overall"]]:
        label = bucket["label"] if bucket["kind"] is not None else _("Tổng cộng")
        line = [label, bucket["units"]]
        for kind in ObligationKind.values:
            line += [bucket[kind][status] for status in statuses]
        totals.append(line)
    totals.cell(row=totals.max_row, column=1).font = BOLD

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
