"""Writes and named reads of the award catalog.

The catalog is law turned into data, and the law changes with dates: an award type is never rewritten in place.
``revise_award_type`` closes the version in force and opens a new one from the day the change applies, so a year is
always judged by the rules in force then (DOMAIN.md §11.20). ``money_amount`` is the one place where a reward in
đồng is computed (DOMAIN.md §3.1, §11.19).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.audit.context import acting_as
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, AuthorityKind, AwardType, BaseSalary, RecipientKind
from thidua.orgs.models import OrgUnit

# What a revision may change. The code names the award for good; dates and version links are set by the service.
REVISABLE_FIELDS = frozenset({
    "name", "short_name", "issued_name", "kind", "level", "recipient_kinds", "regime", "coef_individual",
    "coef_collective", "household_multiplier", "is_ceiling", "council_body", "council_threshold",
    "needs_public_consultation", "consultation_working_days", "counts_toward_merit", "legal_source", "confidence",
    "notes", "sort_order",
})  # fmt: skip
REVISABLE_M2M = frozenset({"granting_authority_kinds", "required_documents"})
_NOT_COPIED = {"id", "created_at", "updated_at"}


def _day(value: dt.date) -> str:
    return date_format(value, "d/m/Y")


def _pks(values: Iterable) -> set:
    return {value.pk for value in values}


def _effective_changes(current: AwardType, changes: dict) -> dict:
    """The changes that differ from the current version (a form sends every field, changed or not)."""
    unknown = set(changes) - REVISABLE_FIELDS - REVISABLE_M2M
    if unknown:
        raise ValueError(f"Fields that a revision cannot change: {sorted(unknown)}")
    effective = {}
    for name, value in changes.items():
        if name in REVISABLE_M2M:
            if _pks(value) != _pks(getattr(current, name).all()):
                effective[name] = list(value)
        elif getattr(current, name) != value:
            effective[name] = value
    return effective


def validate_revision(current: AwardType, effective_from: dt.date | None, changes: dict) -> dict:
    """Check that ``changes`` can become a new version from ``effective_from``; return the changes that matter.

    Raises a Vietnamese ValidationError naming the field: the date must fall inside the current version's span and
    after its first day (a change cannot rewrite the past), and something must change.
    """
    if effective_from is None:
        raise ValidationError({"effective_from": _("Nhập ngày bắt đầu áp dụng thay đổi.")})
    if effective_from <= current.valid_from:
        raise ValidationError({
            "effective_from": _(
                "Ngày áp dụng phải sau ngày %(start)s, ngày bắt đầu hiệu lực của phiên bản hiện hành “%(name)s”: "
                "không sửa lại quá khứ."
            ) % {"start": _day(current.valid_from), "name": current.name}
        })  # fmt: skip
    if current.valid_to is not None and effective_from > current.valid_to:
        raise ValidationError({
            "effective_from": _(
                "Phiên bản “%(name)s” hết hiệu lực ngày %(end)s: hãy sửa phiên bản có hiệu lực vào ngày %(day)s."
            ) % {"name": current.name, "end": _day(current.valid_to), "day": _day(effective_from)}
        })  # fmt: skip
    effective = _effective_changes(current, changes)
    if not effective:
        raise ValidationError(_("Không có thay đổi nào so với phiên bản hiện hành."))
    return effective


@transaction.atomic
def revise_award_type(current: AwardType, *, by, effective_from: dt.date, **changes) -> AwardType:
    """Make a new version of ``current`` from ``effective_from`` with ``changes``; close ``current`` the day before.

    The old row keeps every value it had (only its ``valid_to`` is set), so awards decided before the change are still
    judged and paid by it. The new row copies everything not changed, including the granting authority kinds and the
    required documents, and ends when the old one would have ended.
    """
    current = AwardType.objects.select_for_update().get(pk=current.pk)
    effective = validate_revision(current, effective_from, changes)

    new = AwardType()
    for field in AwardType._meta.concrete_fields:
        if field.name not in _NOT_COPIED:
            setattr(new, field.attname, getattr(current, field.attname))
    for name, value in effective.items():
        if name not in REVISABLE_M2M:
            setattr(new, name, value)
    new.valid_from = effective_from
    new.valid_to = current.valid_to

    current.valid_to = effective_from - dt.timedelta(days=1)
    with acting_as(by):
        current.full_clean()
        current.save()
        new.full_clean()
        new.save()
        linked = {}
        for name in REVISABLE_M2M:
            before = sorted(str(item) for item in getattr(current, name).all())
            getattr(new, name).set(effective.get(name, getattr(current, name).all()))
            linked[name] = {"before": before, "after": sorted(str(item) for item in getattr(new, name).all())}
        # Many-to-many links are not in the field diffs of the model rows: the revision names them itself.
        record_action(
            new, code="catalog.awardtype.revised", by=by,
            data={"previous_version": current.pk, "effective_from": effective_from.isoformat(), **linked},
        )  # fmt: skip
    return new


# --- Named reads -------------------------------------------------------------------------------------------


def award_type_in_force(code: str, on: dt.date) -> AwardType:
    """The version of award type ``code`` in force on ``on``: a year is judged by the rules in force then."""
    found = AwardType.objects.filter(code=code).in_force(on).select_related("regime").order_by("-valid_from").first()
    if found is None:
        raise AwardType.DoesNotExist(
            _("Không có danh hiệu, hình thức khen thưởng mã %(code)s có hiệu lực ngày %(day)s.")
            % {"code": code, "day": _day(on)}
        )
    return found


def authorities_in_force(unit: OrgUnit, on: dt.date, *, include_ancestors: bool = False) -> QuerySet[Authority]:
    """The authorities bound to ``unit`` (and to its ancestors if asked) that may decide on ``on``.

    Both the authority and its kind must be in force: a Chủ tịch UBND cấp huyện issues nothing dated from 2025-07-01
    even if the deployment never closed its Authority row.
    """
    units = [unit.pk]
    if include_ancestors:
        units += list(unit.ancestors().values_list("pk", flat=True))
    return (
        Authority.objects.in_force(on)
        .filter(unit__in=units, kind__in=AuthorityKind.objects.in_force(on))
        .select_related("kind", "unit")
    )


def award_types_granted_by(kind: AuthorityKind, on: dt.date) -> QuerySet[AwardType]:
    """The award types an authority of ``kind`` may grant on ``on`` (none when the kind itself is not in force)."""
    if not AuthorityKind.objects.in_force(on).filter(pk=kind.pk).exists():
        return AwardType.objects.none()
    return AwardType.objects.in_force(on).filter(granting_authority_kinds=kind)


# --- Money ---------------------------------------------------------------------------------------------------


def coefficient(award_type: AwardType, recipient_kind: str) -> Decimal:
    """The coefficient of the base salary for one recipient kind; households get household_multiplier × individual."""
    if recipient_kind not in award_type.recipient_kinds:
        raise ValidationError({
            "recipient_kind": _("“%(award)s” không tặng cho đối tượng “%(recipient)s”.")
            % {"award": award_type.name, "recipient": RecipientKind(recipient_kind).label}
        })  # fmt: skip
    if recipient_kind == RecipientKind.COLLECTIVE:
        value = award_type.coef_collective
    elif award_type.coef_individual is None:
        value = None
    elif recipient_kind == RecipientKind.HOUSEHOLD:
        value = award_type.coef_individual * award_type.household_multiplier
    else:
        value = award_type.coef_individual
    if value is None:
        raise ValidationError({
            "coefficient": _("“%(award)s” (%(regime)s) chưa có hệ số tiền thưởng cho đối tượng “%(recipient)s”.")
            % {
                "award": award_type.name,
                "regime": award_type.regime.name,
                "recipient": RecipientKind(recipient_kind).label,
            }
        })  # fmt: skip
    return value


def money_amount(award_type: AwardType, recipient_kind: str, decision_date: dt.date) -> int:
    """The reward in đồng: coefficient × base salary on the decision date, rounded UP to the regime's step (10,000 đ).

    The coefficient is the one of the version in force on the decision date (the given row if it is in force then,
    else the version of the same code that is), so a past decision is paid by the rules of its day. Households get
    1.5 × the individual coefficient, and the rounding applies once, to the household's amount. For a ceiling
    (Kỷ niệm chương: "không quá 0,6 lần") this is the maximum.
    """
    version = award_type
    if not award_type.is_in_force(decision_date):
        version = award_type_in_force(award_type.code, decision_date)
    raw = coefficient(version, recipient_kind) * BaseSalary.on(decision_date).amount
    step = version.regime.money_round_to
    return int((raw / step).to_integral_value(rounding=ROUND_CEILING) * step)
