"""The year-end dossier (hồ sơ tổng kết năm) built in one step from the eligibility sweep.

At the year's review a unit proposes hundreds of its people for Lao động tiên tiến: who qualifies is what the sweep
(``thidua.eligibility.sweep``) already knows, set-based over the unit's subtree. ``build_year_end_dossier`` turns the
sweep's rows into one draft dossier with one entry per subject, in a bounded number of queries whatever the number of
people: the entries are inserted in bulk with the sweep's verdict as their eligibility (so submission need not judge
them again today) and the nominee's snapshot (``workflow.take_snapshots``), read for all of them at once.

A title is awarded once a year: who already holds the award for the year (a ``records.Award`` of the same code, year
and period kind — the subject's, so a school's people by the school year that ends in that year) is not proposed
again, and neither is who is already proposed for it in another dossier not withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import Authority
from thidua.core.writes import acting_user
from thidua.dossiers import rules, services, transitions
from thidua.dossiers.enums import DossierKind, DossierState, EntrySource, EntryState
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.dossiers.workflow import take_snapshots
from thidua.eligibility.engine import Status
from thidua.eligibility.models import Rule
from thidua.eligibility.sweep import SweepRow, sweep
from thidua.orgs.models import Membership, OrgUnit, Person
from thidua.records.models import Award

TITLE_LENGTH = 500
BULK_BATCH = 500
# Years the builder accepts: the law's records in the system start long before; a typo (20211) is refused.
FIRST_YEAR, LAST_YEAR = 2000, 2100

register_action_label("dossiers.dossier.year_end_built", gettext_lazy("Lập hồ sơ tổng kết năm từ gợi ý"))


@transaction.atomic
def build_year_end_dossier(unit: OrgUnit, *, by, year: int, award_codes: Iterable[str] = ("LDTT",),
                           authority: Authority | None = None,
                           statuses: Iterable[str] = (Status.ELIGIBLE, Status.TO_WEIGH)) -> Dossier:  # fmt: skip
    """A new draft year-end dossier of ``unit`` for ``year`` with one entry per subject of the sweep of the unit's
    subtree whose status is in ``statuses`` for one of ``award_codes`` — except subjects who already hold that award
    for that year and nominees already proposed for it in another dossier not withdrawn. Refused when nobody is left.

    By default the eligible and those "to weigh": what the law leaves to judgement (LĐTT's "hoàn thành tốt nhiệm vụ,
    chấp hành tốt chủ trương…") is for the unit's own council, which meets before the dossier is submitted."""
    if not rules.can_create_dossier(by, unit):
        raise PermissionDenied(_("Bạn không có quyền lập hồ sơ đề nghị khen thưởng của đơn vị này."))
    codes, statuses = _check_arguments(year, award_codes, statuses)
    authority = authority or services.default_authority(unit)
    services.check_authority(unit, authority)
    rows = [row for row in sweep(year=year, scope_unit=unit, award_codes=codes) if row.status in statuses]
    rows = _not_yet_proposed(_not_yet_awarded(rows, unit, year), year)
    if not rows:
        message = _("Không có cá nhân, tập thể nào của %(unit)s đủ điều kiện %(awards)s năm %(year)s mà chưa được đề "
                    "nghị hoặc công nhận.")  # fmt: skip
        raise ValidationError({"award_codes": message % {"unit": unit.name, "awards": ", ".join(codes), "year": year}})
    title = _("Hồ sơ đề nghị khen thưởng tổng kết năm %(year)s – %(unit)s") % {"year": year, "unit": unit.name}
    dossier = Dossier(unit=unit, authority=authority, kind=DossierKind.YEAR_END, title=title[:TITLE_LENGTH],
                      year=year, state=DossierState.DRAFT, created_by=acting_user(by))  # fmt: skip
    with acting_as(by):
        dossier.full_clean()
        dossier.save()
    entries = _entries(dossier, rows, year=year, by=by)
    DossierEntry.objects.bulk_create(entries, batch_size=BULK_BATCH)
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.award_type.code] = counts.get(entry.award_type.code, 0) + 1
    data = {"source": EntrySource.SUGGESTION.value, "year": year, "entries": len(entries), "by_award": counts,
            "statuses": sorted(statuses)}  # fmt: skip
    transitions.record_event(dossier, action="created", by=by, data=data)
    record_action(dossier, code="dossiers.dossier.year_end_built", by=by, data=data)
    return dossier


def _check_arguments(year, award_codes, statuses) -> tuple[list[str], set[str]]:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": _("Năm tổng kết phải là một năm từ %(first)d đến %(last)d.")
                               % {"first": FIRST_YEAR, "last": LAST_YEAR}})  # fmt: skip
    if isinstance(award_codes, str):  # one code typed alone, not its letters
        award_codes = [award_codes]
    codes = sorted({str(code).strip() for code in award_codes if str(code).strip()})
    if not codes:
        raise ValidationError({"award_codes": _("Chọn ít nhất một danh hiệu để lập hồ sơ tổng kết năm.")})
    unknown = sorted(set(codes) - set(Rule.objects.filter(award_code__in=codes).values_list("award_code", flat=True)))
    if unknown:
        raise ValidationError({"award_codes": _("Chưa có quy định điều kiện cho mã %(codes)s: không lập được gợi ý.")
                               % {"codes": ", ".join(unknown)}})  # fmt: skip
    statuses = {str(status) for status in statuses}
    if not statuses or not statuses <= set(Status.values):
        raise ValidationError({"statuses": _("Chọn kết quả xét điều kiện trong: %(choices)s.")
                               % {"choices": ", ".join(str(label) for label in Status.labels)}})  # fmt: skip
    return codes, statuses


def _not_yet_awarded(rows: list[SweepRow], unit: OrgUnit, year: int) -> list[SweepRow]:
    """The rows whose subject does not already hold the award for the period: one query for the whole scope.

    The awards are read by the scope (people with a primary membership in the unit's subtree, the subtree's units),
    not by a list of ids that grows with the unit; a row matches on subject, code and its own period kind."""
    if not rows:
        return rows
    subtree = OrgUnit.objects.subtree_of(unit)
    members = Membership.objects.filter(unit__in=subtree, is_primary=True).values("person_id")
    held = (
        Award.objects.in_force()
        .filter(year=year, award_code__in={row.award_code for row in rows})
        .filter(Q(person__in=members) | Q(unit__in=subtree))
        .values_list("person_id", "unit_id", "award_code", "period_kind")
    )
    awarded = set(held)
    return [row for row in rows if (row.person_id, row.unit_id, row.award_code, row.period_kind) not in awarded]


def _not_yet_proposed(rows: list[SweepRow], year: int) -> list[SweepRow]:
    """The rows whose nominee is not already proposed for the award code and year in a dossier not withdrawn."""
    taken = (
        DossierEntry.objects.filter(dossier__year=year, award_type__code__in={row.award_code for row in rows})
        .exclude(dossier__state=DossierState.WITHDRAWN)
        .values_list("person_id", "unit_id", "award_type__code")
    )
    proposed = {(person_id, unit_id, code) for person_id, unit_id, code in taken}
    return [row for row in rows if (row.person_id, row.unit_id, row.award_code) not in proposed]


def _entries(dossier: Dossier, rows: list[SweepRow], *, year: int, by) -> list[DossierEntry]:
    """Unsaved entries for the rows, with the sweep's verdict and the nominee's snapshot (a few queries in all)."""
    rules_by_id = {rule.pk: rule for rule in Rule.objects.filter(pk__in={row.rule_id for row in rows})
                   .select_related("award_type")}  # fmt: skip
    # The nominees loaded as take_snapshots wants them: one query for the people (with ethnicity), one for units.
    people = Person.objects.select_related("ethnicity").in_bulk({row.person_id for row in rows if row.person_id})
    units = OrgUnit.objects.in_bulk({row.unit_id for row in rows if row.unit_id})
    computed_at = timezone.now().isoformat()
    creator = acting_user(by)
    entries = []
    for row in rows:
        rule = rules_by_id[row.rule_id]
        eligibility = {"status": row.status, "rule_id": row.rule_id, "year": year, "unmet": [],
                       "review": _judgements(rule.expression) if row.status == Status.TO_WEIGH else [],
                       "computed_at": computed_at}  # fmt: skip
        if row.status == Status.NOT_ELIGIBLE:
            # The sweep tells that, not why: leave the verdict for submission to explain (it judges again).
            eligibility["computed_at"] = None
        entries.append(DossierEntry(
            dossier=dossier, person=people.get(row.person_id), unit=units.get(row.unit_id), award_type=rule.award_type,
            state=EntryState.PROPOSED, source=EntrySource.SUGGESTION, created_by=creator, eligibility=eligibility,
        ))  # fmt: skip
    take_snapshots(entries)
    return entries


def _judgements(expression) -> list[str]:
    """The texts of the rule's ``judgement`` conditions: what the board weighs for a subject "to weigh"."""
    if not isinstance(expression, dict) or len(expression) != 1:
        return []
    [(key, params)] = expression.items()
    if key in ("all", "any"):
        return [text for child in params for text in _judgements(child)]
    return [str(params)] if key == "judgement" else []
