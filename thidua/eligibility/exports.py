"""Suggested nominees as an XLSX workbook: what the board page lists (every row, not only the first page)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.xlsx import Column, Sheet, workbook_bytes
from thidua.eligibility.suggestions import Suggestion


def suggestions_xlsx(items: list[Suggestion], *, award_name: str, scope_name: str, year: int) -> bytes:
    """One sheet: a title, the question asked, then one row per candidate in the page's order."""
    subtitle = _("%(scope)s, năm %(year)s; lập ngày %(day)s") % {
        "scope": scope_name, "year": year, "day": timezone.localdate().strftime("%d/%m/%Y")}  # fmt: skip
    columns = [Column(_("Cá nhân, tập thể"), 36), Column(_("Đơn vị"), 40), Column(_("Mã đơn vị"), 14),
               Column(_("Kỳ xét"), 18), Column(_("Tình trạng"), 22)]  # fmt: skip
    rows = ([item.name, item.unit_name, item.unit_code, item.period, item.status_label] for item in items)
    return workbook_bytes([Sheet(
        title=_("Gợi ý khen thưởng"), columns=columns, rows=rows, numbered=True,
        heading=[_("Gợi ý đề nghị khen thưởng: %(award)s") % {"award": award_name}, subtitle],
    )])  # fmt: skip
