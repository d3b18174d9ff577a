"""Suggested nominees as an XLSX workbook: what the board page lists (every row, not only the first page)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from thidua.eligibility.suggestions import Suggestion

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WIDTHS = [6, 36, 40, 14, 18, 22]


def suggestions_xlsx(items: list[Suggestion], *, award_name: str, scope_name: str, year: int) -> bytes:
    """One sheet: a title, the question asked, then one row per candidate in the page's order."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Gợi ý khen thưởng")
    headers = [_("STT"), _("Cá nhân, tập thể"), _("Đơn vị"), _("Mã đơn vị"), _("Kỳ xét"), _("Tình trạng")]
    sheet.append([_("Gợi ý đề nghị khen thưởng: %(award)s") % {"award": award_name}])
    sheet["A1"].font = TITLE
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append([
        _("%(scope)s, năm %(year)s; lập ngày %(day)s")
        % {"scope": scope_name, "year": year, "day": timezone.localdate().strftime("%d/%m/%Y")}
    ])  # fmt: skip
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    sheet.append([])
    sheet.append(headers)
    header_row = sheet.max_row
    for column, width in enumerate(WIDTHS, start=1):
        cell = sheet.cell(row=header_row, column=column)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    for number, item in enumerate(items, start=1):
        sheet.append([number, item.name, item.unit_name, item.unit_code,
                      item.period, item.status_label])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
