"""The finance office's papers: the payment list of a signed decision (danh sách chi tiền thưởng, XLSX, one line per
recipient with a column to sign for receipt) and the totals of reward money per decision, unit and year.

The amounts are those fixed on the items at signing (``thidua.decisions.money``), never computed again here."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.decisions.enums import DecisionState
from thidua.decisions.models import Decision, DecisionItem

FONT_NAME = "Times New Roman"
MONEY_FORMAT = "#,##0"
COEFFICIENT_FORMAT = "0.0#"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PAYMENT_WIDTHS = [6, 30, 32, 30, 8, 14, 16, 30, 14]


def _font(*, bold: bool = False, italic: bool = False, size: float = 12) -> Font:
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size)


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _unit_of(item: DecisionItem) -> str:
    """The unit a line is paid through: the recipient's unit at the time; a collective is its own."""
    return item.unit_name or item.recipient_name


def _title_rows(sheet, lines: list[tuple[str, Font]], width: int) -> None:
    for text, font in lines:
        sheet.append([text])
        row = sheet.max_row
        sheet.cell(row=row, column=1).font = font
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.append([])


def _header(sheet, headers: list[str], widths: list[int]) -> int:
    sheet.append(headers)
    row = sheet.max_row
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=row, column=column)
        cell.font = _font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{row + 1}"
    return row


def _style_row(sheet, row: int, *, bold: bool = False, money_columns: Iterable[int] = (), coefficient: int = 0,
               width: int) -> None:  # fmt: skip
    for column in range(1, width + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = _font(bold=bold)
        cell.border = BOX
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for column in money_columns:
        sheet.cell(row=row, column=column).number_format = MONEY_FORMAT
    if coefficient:
        sheet.cell(row=row, column=coefficient).number_format = COEFFICIENT_FORMAT


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def payment_list_xlsx(decision: Decision) -> bytes:
    """One sheet: the authority and the decision in the title, one line per recipient grouped by unit with a
    subtotal after each unit, the total, and an empty "Ký nhận" column to sign for receipt."""
    items = list(decision.items.select_related("award_type").filter(revokes__isnull=True).order_by("sort_order", "pk"))
    groups: dict[str, list[DecisionItem]] = defaultdict(list)
    for item in items:
        groups[_unit_of(item)].append(item)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách chi")
    width = len(PAYMENT_WIDTHS)
    number = decision.number_text or _("(dự thảo)")
    _title_rows(sheet, [
        (decision.authority.issuing_body, _font(bold=True, size=13)),
        (_("DANH SÁCH CHI TIỀN THƯỞNG"), _font(bold=True, size=14)),
        (_("Kèm theo Quyết định số %(number)s ngày %(day)s của %(authority)s")
         % {"number": number, "day": _day(decision.signed_on), "authority": decision.authority.name},
         _font(italic=True, size=13)),
        (decision.subject, _font(italic=True, size=12)),
    ], width)  # fmt: skip
    _header(sheet, [_("STT"), _("Họ và tên / Tập thể"), _("Đơn vị"), _("Danh hiệu, hình thức"), _("Hệ số"),
                    _("Mức lương cơ sở"), _("Số tiền (đồng)"), _("Ghi chú"), _("Ký nhận")], PAYMENT_WIDTHS)  # fmt: skip
    index = 0
    total = 0
    for unit_name, lines in groups.items():
        subtotal = 0
        for item in lines:
            index += 1
            amount = item.amount or 0
            subtotal += amount
            coefficient = float(item.coefficient) if item.coefficient is not None else None
            sheet.append([index, item.recipient_name, unit_name, item.award_type.name, coefficient, item.base_salary,
                          amount, item.money_note, ""])  # fmt: skip
            _style_row(sheet, sheet.max_row, money_columns=(6, 7), coefficient=5, width=width)
        total += subtotal
        sheet.append(["", _("Cộng: %(unit)s") % {"unit": unit_name}, "", "", "", "", subtotal, "", ""])
        _style_row(sheet, sheet.max_row, bold=True, money_columns=(7,), width=width)
    sheet.append(["", _("Tổng cộng"), "", "", "", "", total, "", ""])
    _style_row(sheet, sheet.max_row, bold=True, money_columns=(7,), width=width)
    return _save(workbook)


# --- Totals -----------------------------------------------------------------------------------------------------


def totals(decisions: QuerySet) -> dict:
    """Sums of the amounts of signed decisions: {"by_decision": [{"decision", "number_text", "signed_on",
    "authority", "items", "amount"}], "by_unit": [{"unit", "items", "amount"}], "by_year": [{"year", "items",
    "amount"}], "total": int}. Revocation lines carry no money."""
    signed = decisions.filter(state=DecisionState.SIGNED)
    items = DecisionItem.objects.filter(decision__in=signed.values("pk"), revokes__isnull=True)
    by_decision = []
    rows = (items.values("decision_id", "decision__number_text", "decision__signed_on", "decision__authority__name")
            .annotate(items=Count("pk"), amount=Sum("amount"))
            .order_by("-decision__signed_on", "-decision__number", "decision_id"))  # fmt: skip
    for row in rows:
        by_decision.append({"decision": row["decision_id"], "number_text": row["decision__number_text"],
                            "signed_on": row["decision__signed_on"], "authority": row["decision__authority__name"],
                            "items": row["items"], "amount": int(row["amount"] or 0)})  # fmt: skip
    units: dict[str, dict] = {}
    for item in items.only("unit_name", "recipient_name", "amount").order_by("pk"):
        row = units.setdefault(_unit_of(item), {"unit": _unit_of(item), "items": 0, "amount": 0})
        row["items"] += 1
        row["amount"] += item.amount or 0
    by_unit = sorted(units.values(), key=lambda row: (-row["amount"], row["unit"]))
    years = (items.values("decision__number_year").annotate(items=Count("pk"), amount=Sum("amount"))
             .order_by("-decision__number_year"))  # fmt: skip
    by_year = [{"year": row["decision__number_year"], "items": row["items"], "amount": int(row["amount"] or 0)}
               for row in years]  # fmt: skip
    return {"by_decision": by_decision, "by_unit": by_unit, "by_year": by_year,
            "total": sum(row["amount"] for row in by_decision)}  # fmt: skip


def totals_xlsx(decisions: QuerySet) -> bytes:
    """Three sheets: per decision, per unit, per year (each with its total)."""
    data = totals(decisions)
    workbook = Workbook()
    sheets = [
        (_("Theo quyết định"), [_("STT"), _("Số quyết định"), _("Ngày ký"), _("Cấp quyết định"), _("Số người, tập thể"),
                                _("Số tiền (đồng)")], [6, 18, 12, 40, 12, 18],
         [[row["number_text"], _day(row["signed_on"]), row["authority"], row["items"], row["amount"]]
          for row in data["by_decision"]]),
        (_("Theo đơn vị"), [_("STT"), _("Đơn vị"), _("Số người, tập thể"), _("Số tiền (đồng)")], [6, 44, 12, 18],
         [[row["unit"], row["items"], row["amount"]] for row in data["by_unit"]]),
        (_("Theo năm"), [_("STT"), _("Năm"), _("Số người, tập thể"), _("Số tiền (đồng)")], [6, 10, 12, 18],
         [[row["year"], row["items"], row["amount"]] for row in data["by_year"]]),
    ]  # fmt: skip
    for position, (title, headers, widths, rows) in enumerate(sheets):
        sheet = workbook.active if position == 0 else workbook.create_sheet()
        sheet.title = title
        _title_rows(sheet, [(_("TỔNG HỢP TIỀN THƯỞNG THEO QUYẾT ĐỊNH ĐÃ KÝ"), _font(bold=True, size=14))], len(headers))
        _header(sheet, headers, widths)
        for index, row in enumerate(rows, start=1):
            sheet.append([index, *row])
            _style_row(sheet, sheet.max_row, money_columns=(len(headers),), width=len(headers))
        sheet.append(["", _("Tổng cộng"), *[""] * (len(headers) - 3), sum(row[-1] for row in rows)])
        _style_row(sheet, sheet.max_row, bold=True, money_columns=(len(headers),), width=len(headers))
    return _save(workbook)
