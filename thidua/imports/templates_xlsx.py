"""Downloadable templates: one XLSX per kind, Vietnamese headers on the first sheet (required ones marked (*)),
and a second sheet "Hướng dẫn" explaining every column with an example (examples never sit among the data rows,
where they would be imported)."""

from __future__ import annotations

import io

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from thidua.core.xlsx import CONTENT_TYPE, attachment_name
from thidua.imports.base import Importer, get_importer

REQUIRED_MARK = " (*)"


def template_headers(importer: Importer) -> list[str]:
    return [str(c.header) + (REQUIRED_MARK if c.required else "") for c in importer.columns]


def build_template(importer: Importer) -> bytes:
    workbook = Workbook()
    data = workbook.active
    data.title = _("Dữ liệu")
    data.append(template_headers(importer))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, cell in enumerate(data[1], start=1):
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        data.column_dimensions[cell.column_letter].width = max(14, min(40, len(str(cell.value)) + 6))
        # Dates and ID numbers are typed as text so Excel does not turn "031080001234" into a number.
        for row in range(2, 200):
            data.cell(row=row, column=index).number_format = "@"
    data.freeze_panes = "A2"

    notes = workbook.create_sheet(_("Hướng dẫn"))
    notes.append([str(importer.title)])
    notes["A1"].font = Font(bold=True, size=13)
    if importer.description:
        notes.append([str(importer.description)])
    notes.append(
        [_("Điền dữ liệu vào trang “Dữ liệu”, từ dòng 2; giữ nguyên dòng tiêu đề. Cột có dấu (*) là bắt buộc.")]
    )
    notes.append([])
    notes.append([_("Cột"), _("Bắt buộc"), _("Hướng dẫn"), _("Ví dụ")])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for column in importer.columns:
        notes.append([str(column.header), _("Có") if column.required else "", str(column.help), str(column.example)])
    for letter, width in zip("ABCD", (30, 10, 60, 30), strict=True):
        notes.column_dimensions[letter].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def template_response(kind: str) -> HttpResponse:
    """The kind's template as a download (pages and API); an unknown kind is a 404."""
    try:
        importer = get_importer(kind)
    except LookupError:
        raise Http404 from None
    title = _("Mẫu nhập - %(title)s") % {"title": importer.title}
    # A small workbook built in memory: a plain response (not streamed) that clients and tests read at once.
    response = HttpResponse(build_template(importer), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, attachment_name(f"{title}.xlsx"))
    return response
