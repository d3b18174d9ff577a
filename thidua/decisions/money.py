"""Reward money (tiền thưởng, DOMAIN.md §3; NĐ 152/2025 Art. 49–54).

The amount of an award is its type's coefficient × the base salary (mức lương cơ sở) in force on the decision date,
rounded **up** to the regime's step (10,000 đồng: 702,000 → 710,000). A household receives 1.5 × the (rounded)
individual amount, rounded again. Titles (danh hiệu thi đua) for the same period pay only the highest: the others
get 0 with a note — also across decisions, where a title paid earlier counts and a higher one pays the difference.
Forms and orders pay each one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from thidua.catalog.models import AwardKind, AwardType, BaseSalary, RecipientKind
from thidua.decisions.enums import DecisionState
from thidua.decisions.models import DecisionItem


@dataclass(frozen=True)
class Money:
    coefficient: Decimal
    base_salary: int
    raw: Decimal  # before rounding: coefficient × base (a household: multiplier × the rounded individual amount)
    amount: int
    note: str


def _vnd(amount: int | Decimal) -> str:
    return f"{int(amount):,}".replace(",", ".")


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def round_up(value: Decimal, step: int) -> int:
    """NĐ 152/2025 Art. 49: "làm tròn số lên hàng chục nghìn đồng" — up to the next multiple of ``step``."""
    value = Decimal(value)
    step = int(step or 1)
    return int((value / step).to_integral_value(rounding=ROUND_CEILING)) * step


def recipient_kind_of(item) -> str:
    if item.household_id:
        return RecipientKind.HOUSEHOLD
    if item.unit_id:
        return RecipientKind.COLLECTIVE
    return RecipientKind.INDIVIDUAL


def amount_for(award_type: AwardType, recipient_kind: str, on: dt.date, *, base: int | None = None) -> Money | None:
    """The money of one award of ``award_type`` to a recipient of that kind decided on ``on``; None when the award
    type has no coefficient for that recipient or no base salary applies on that day. ``base``: the base salary in
    force on ``on`` when the caller has already looked it up (one lookup for a whole decision)."""
    if recipient_kind == RecipientKind.COLLECTIVE:
        coefficient = award_type.coef_collective
    else:
        coefficient = award_type.coef_individual
    if coefficient is None:
        return None
    if base is None:
        base = base_salary_on(on)
    if base is None:
        return None
    step = award_type.regime.money_round_to
    raw = Decimal(coefficient) * base
    amount = round_up(raw, step)
    notes = []
    if award_type.is_ceiling:
        notes.append(_("Mức tối đa theo quy định."))
    if recipient_kind == RecipientKind.HOUSEHOLD:
        multiplier = Decimal(award_type.household_multiplier)
        raw = multiplier * amount
        amount = round_up(raw, step)
        times = _decimal_text(multiplier)
        notes.append(_("Hộ gia đình: %(times)s lần mức tiền thưởng của cá nhân.") % {"times": times})
    return Money(coefficient=Decimal(coefficient), base_salary=base, raw=raw, amount=amount, note=" ".join(notes))


def base_salary_on(on: dt.date) -> int | None:
    """The base salary in force on ``on``, None when none applies yet."""
    try:
        return BaseSalary.on(on).amount
    except BaseSalary.DoesNotExist:
        return None


def _recipient_key(item) -> tuple[str, int]:
    if item.person_id:
        return ("person", item.person_id)
    if item.unit_id:
        return ("unit", item.unit_id)
    return ("household", item.household_id)


def _same_recipient(item) -> Q:
    field, pk = _recipient_key(item)
    return Q(**{f"{field}_id": pk})


def paid_before(item, *, exclude_decision_id: int | None = None) -> int:
    """What signed decisions already paid the item's recipient for titles of the item's period: the sum of the
    amounts of their title items (each a difference over the earlier ones, so the sum is the highest paid). A title
    revoked outright (not replaced by a correction) is left out."""
    earlier = DecisionItem.objects.filter(
        _same_recipient(item), decision__state=DecisionState.SIGNED, award_type__kind=AwardKind.TITLE,
        period_kind=item.period_kind, year=item.year, revokes__isnull=True,
    ).exclude(award__revoked_by_items__decision__state=DecisionState.SIGNED)  # fmt: skip
    if exclude_decision_id is not None:
        earlier = earlier.exclude(decision_id=exclude_decision_id)
    return int(earlier.aggregate(total=Sum("amount"))["total"] or 0)


def _replaced_paid(item) -> int:
    """What the decision that granted the corrected award paid for it (an amendment pays only a difference)."""
    if not item.replaces_id:
        return 0
    earlier = DecisionItem.objects.filter(award_id=item.replaces_id).values_list("amount", flat=True).first()
    return int(earlier or 0)


def _fill(item, money: Money | None) -> None:
    if money is None:
        item.coefficient = None
        item.base_salary = None
        item.amount = None
        item.money_note = _("Không có hệ số tiền thưởng hoặc mức lương cơ sở áp dụng.")
        return
    item.coefficient = money.coefficient
    item.base_salary = money.base_salary
    item.amount = money.amount
    item.money_note = money.note


def _add_note(item, note: str) -> None:
    item.money_note = f"{item.money_note} {note}".strip()[:300]


def settle(items: Iterable[DecisionItem], on: dt.date) -> None:
    """Fill coefficient, base salary, amount and note on the items (not saved).

    Revocation items pay nothing. Titles of the same recipient and period pay only the highest — among these items
    and with what earlier signed decisions paid (pay the difference when higher, 0 otherwise); an amendment of a form
    pays only what the corrected award adds to the amount paid for the award it replaces."""
    items = list(items)
    titles: dict[tuple, list] = defaultdict(list)
    base = base_salary_on(on)
    for item in items:
        if item.revokes_id:
            item.coefficient = item.base_salary = item.amount = None
            item.money_note = ""
            continue
        _fill(item, amount_for(item.award_type, recipient_kind_of(item), on, base=base) if base is not None else None)
        if item.amount is None:
            continue
        if item.award_type.kind == AwardKind.TITLE:
            titles[(_recipient_key(item), item.period_kind, item.year)].append(item)
        elif item.replaces_id:
            paid = _replaced_paid(item)
            if paid:
                item.amount = max(0, item.amount - paid)
                _add_note(item, _("Đã chi %(paid)s đồng theo quyết định được điều chỉnh.") % {"paid": _vnd(paid)})
    for group in titles.values():
        highest = max(group, key=lambda item: item.amount)  # the first of equal amounts
        for item in group:
            if item is not highest:
                item.amount = 0
                _add_note(item, _("Chỉ hưởng tiền thưởng của danh hiệu cao nhất: %(award)s.")
                          % {"award": highest.award_type.name})  # fmt: skip
        decision_id = highest.decision_id
        paid = paid_before(highest, exclude_decision_id=decision_id)
        if paid:
            full = highest.amount
            highest.amount = max(0, full - paid)
            if highest.amount:
                note = _("Đã hưởng %(paid)s đồng của danh hiệu cùng kỳ theo quyết định trước; chỉ chi phần chênh "
                         "lệch.") % {"paid": _vnd(paid)}  # fmt: skip
            else:
                note = _("Đã hưởng tiền thưởng của danh hiệu cùng kỳ cao hơn hoặc bằng theo quyết định trước.")
            _add_note(highest, note)
