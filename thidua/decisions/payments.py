"""The finance office's papers: the payment list of a signed decision (danh sách chi tiền thưởng, XLSX, one line per
recipient with a column to sign for receipt) and the totals of reward money per decision, unit and year.

The amounts are those fixed on the items at signing (``thidua.decisions.money``), never computed again here."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from thidua.core.xlsx import MONEY_FORMAT, Column, Line, Look, Sheet, Strong, workbook_bytes
from thidua.decisions.enums import DecisionState
from thidua.decisions.models import Decision, DecisionItem

COEFFICIENT_FORMAT = "0.0#"
# Official papers: Times New Roman 12, ruled cells, centred headers.
PAPER = Look(font_name="Times New Roman", size=12, borders=True, center_headers=True)


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _unit_of(item: DecisionItem) -> str:
    """The unit a line is paid through: the recipient's unit at the time; a collective is its own."""
    return item.unit_name or item.recipient_name


def payment_list_xlsx(decision: Decision) -> bytes:
    """One sheet: the authority and the decision in the title, one line per recipient grouped by unit with a
    subtotal after each unit, the total, and an empty "Ký nhận" column to sign for receipt."""
    items = list(decision.items.select_related("award_type").filter(revokes__isnull=True).order_by("sort_order", "pk"))
    groups: dict[str, list[DecisionItem]] = defaultdict(list)
    for item in items:
        groups[_unit_of(item)].append(item)
    number = decision.number_text or _("(dự thảo)")
    heading = [
        Line(decision.authority.issuing_body, bold=True, size=13, center=True),
        Line(_("DANH SÁCH CHI TIỀN THƯỞNG"), bold=True, size=14, center=True),
        Line(_("Kèm theo Quyết định số %(number)s ngày %(day)s của %(authority)s")
             % {"number": number, "day": _day(decision.signed_on), "authority": decision.authority.name},
             italic=True, size=13, center=True),
        Line(decision.subject, italic=True, size=12, center=True),
    ]  # fmt: skip
    columns = [
        Column(_("Họ và tên / Tập thể"), 30), Column(_("Đơn vị"), 32), Column(_("Danh hiệu, hình thức"), 30),
        Column(_("Hệ số"), 8, COEFFICIENT_FORMAT), Column(_("Mức lương cơ sở"), 14, MONEY_FORMAT),
        Column(_("Số tiền (đồng)"), 16, MONEY_FORMAT), Column(_("Ghi chú"), 30), Column(_("Ký nhận"), 14),
    ]  # fmt: skip
    rows: list[list] = []
    total = 0
    for unit_name, lines in groups.items():
        subtotal = sum(item.amount or 0 for item in lines)
        total += subtotal
        for item in lines:
            coefficient = float(item.coefficient) if item.coefficient is not None else None
            rows.append([item.recipient_name, unit_name, item.award_name, coefficient, item.base_salary,
                         item.amount or 0, item.money_note, ""])  # fmt: skip
        rows.append(Strong([_("Cộng: %(unit)s") % {"unit": unit_name}, "", "", "", "", subtotal, "", ""]))
    rows.append(Strong([_("Tổng cộng"), "", "", "", "", total, "", ""]))
    return workbook_bytes([Sheet(title=_("Danh sách chi"), columns=columns, rows=rows, heading=heading,
                                 numbered=True, look=PAPER)])  # fmt: skip


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
    count, money = Column(_("Số người, tập thể"), 12), Column(_("Số tiền (đồng)"), 18, MONEY_FORMAT)
    groupings = [
        (_("Theo quyết định"), [Column(_("Số quyết định"), 18), Column(_("Ngày ký"), 12),
                                Column(_("Cấp quyết định"), 40), count, money],
         [[row["number_text"], _day(row["signed_on"]), row["authority"], row["items"], row["amount"]]
          for row in data["by_decision"]]),
        (_("Theo đơn vị"), [Column(_("Đơn vị"), 44), count, money],
         [[row["unit"], row["items"], row["amount"]] for row in data["by_unit"]]),
        (_("Theo năm"), [Column(_("Năm"), 10), count, money],
         [[row["year"], row["items"], row["amount"]] for row in data["by_year"]]),
    ]  # fmt: skip
    title = Line(_("TỔNG HỢP TIỀN THƯỞNG THEO QUYẾT ĐỊNH ĐÃ KÝ"), bold=True, size=14, center=True)
    sheets = []
    for name, columns, rows in groupings:
        total = Strong([_("Tổng cộng"), *[""] * (len(columns) - 2), sum(row[-1] for row in rows)])
        sheets.append(Sheet(title=name, columns=columns, rows=[*rows, total], heading=[title], numbered=True,
                            look=PAPER))  # fmt: skip
    return workbook_bytes(sheets)
