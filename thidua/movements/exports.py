"""The compliance dashboard as an XLSX workbook: one sheet of units, one of the summary, Vietnamese headers."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.xlsx import Column, Sheet, Strong, workbook_bytes
from thidua.movements.enums import Compliance, ObligationKind
from thidua.movements.models import Movement
from thidua.movements.queries import ComplianceRow


def _status(value: str | None) -> str:
    return str(Compliance(value).label) if value else ""


def _date(answer) -> str:
    if answer is None or answer.submitted_at is None:
        return ""
    return timezone.localtime(answer.submitted_at).strftime("%d/%m/%Y")


def _unit_sheet(movement: Movement, rows: list[ComplianceRow], subtitle: str) -> Sheet:
    columns = [
        Column(_("Đơn vị"), 40), Column(_("Loại đơn vị"), 24), Column(_("Quận, huyện, sở, ngành"), 32),
        Column(_("Kế hoạch hưởng ứng"), 22), Column(_("Ngày gửi kế hoạch"), 14), Column(_("Đăng ký thi đua"), 22),
        Column(_("Ngày gửi đăng ký"), 14), Column(_("Báo cáo"), 22), Column(_("Có phong trào hưởng ứng"), 14),
    ]  # fmt: skip
    lines = ([
        row.unit.name, row.kind.name, row.district.name if row.district else "", _status(row.plan_compliance),
        _date(row.plan), _status(row.registration_compliance), _date(row.registration),
        _status(row.report_compliance), _("Có") if row.has_sub_movement else "",
    ] for row in rows)  # fmt: skip
    return Sheet(title=_("Đơn vị"), columns=columns, rows=lines, heading=[movement.title, subtitle], numbered=True)


def _summary_sheet(movement: Movement, summary: dict[str, Any], subtitle: str) -> Sheet:
    statuses = [*Compliance.values, "answered"]
    status_labels = [str(Compliance(value).label) for value in Compliance.values] + [_("Đã gửi")]
    columns = [Column(_("Loại đơn vị"), 30), Column(_("Số đơn vị"), 10)]
    for kind in ObligationKind:
        columns += [Column(f"{kind.label}: {label}", 14) for label in status_labels]
    lines = []
    for bucket in [*summary["by_kind"], summary["overall"]]:
        overall = bucket["kind"] is None
        line = [_("Tổng cộng") if overall else bucket["label"], bucket["units"]]
        for kind in ObligationKind.values:
            line += [bucket[kind][status] for status in statuses]
        lines.append(Strong(line) if overall else line)
    return Sheet(title=_("Tổng hợp"), columns=columns, rows=lines, heading=[movement.title, subtitle])


def compliance_xlsx(movement: Movement, rows: list[ComplianceRow], summary: dict[str, Any]) -> bytes:
    """The workbook the board downloads from the dashboard (the rows and summary it shows, filters included)."""
    subtitle = _("Tình hình hưởng ứng đến ngày %(day)s") % {"day": timezone.localdate().strftime("%d/%m/%Y")}
    return workbook_bytes([_unit_sheet(movement, rows, subtitle), _summary_sheet(movement, summary, subtitle)])
