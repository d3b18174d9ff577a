"""Named reads of movements shared by the views, the API and the exports: what a user's units owe, the compliance
dashboard and its summary, the consolidated pledge list. Each runs a fixed number of queries, however many units."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import models
from django.utils import timezone

from thidua.accounts.models import RoleAssignment
from thidua.accounts.scoping import scope_for
from thidua.movements import rules
from thidua.movements.enums import AnswerState, Compliance, MovementState, ObligationKind
from thidua.movements.models import (
    CollectivePledge,
    IndividualPledge,
    Movement,
    ProgressReport,
    Registration,
    UnitPlan,
)
from thidua.orgs.models import PATH_SEGMENT, OrgUnit, UnitKind, subtree_range

# --- What my units owe -------------------------------------------------------------------------------------------


class Owed(NamedTuple):
    movement: Movement
    unit: OrgUnit
    plan: UnitPlan | None
    registration: Registration | None
    reports: list[ProgressReport]

    @property
    def answers(self) -> list:
        return [answer for answer in (self.plan, self.registration, *self.reports) if answer is not None]

    @property
    def is_open(self) -> bool:
        """The movement runs and something is still to be sent (or sent again)."""
        return self.movement.state == MovementState.LAUNCHED and any(
            answer.state in (AnswerState.NOT_SENT, AnswerState.RETURNED) for answer in self.answers
        )

    @property
    def next_due(self) -> dt.date | None:
        dues = [
            answer.due_date
            for answer in self.answers
            if answer.state in (AnswerState.NOT_SENT, AnswerState.RETURNED) and answer.due_date
        ]
        return min(dues) if dues else None


def owed_by(user) -> list[Owed]:
    """What the units where the user answers (unit officer, head …) owe launched and closed movements: the open
    ones first, the nearest deadline first."""
    if user is None or not user.is_authenticated:
        return []
    units = RoleAssignment.objects.current().filter(user=user, role__code__in=rules.ANSWER_ROLES).values("unit_id")
    grouped: dict[tuple[int, int], dict[str, Any]] = {}
    for model, key in ((UnitPlan, "plan"), (Registration, "registration"), (ProgressReport, "reports")):
        answers = (
            model.objects.filter(unit_id__in=units)
            .exclude(movement__state=MovementState.DRAFT)
            .select_related("movement", "unit", "milestone")
            .order_by("milestone__due_date", "pk")
        )
        for answer in answers:
            entry = grouped.setdefault(
                (answer.movement_id, answer.unit_id),
                {"movement": answer.movement, "unit": answer.unit, "plan": None, "registration": None, "reports": []},
            )
            if key == "reports":
                entry["reports"].append(answer)
            else:
                entry[key] = answer
    owed = [Owed(**entry) for entry in grouped.values()]
    far = dt.date.max
    owed.sort(key=lambda item: (not item.is_open, item.next_due or far, item.movement.title, item.unit.sort_key))
    return owed


# --- Compliance dashboard ------------------------------------------------------------------------------------------


@dataclass
class ComplianceRow:
    """One obligated unit on the dashboard: its answers and how each stands on the day (enums.Compliance).

    ``report_compliance`` sums up the unit's reports (missing if one is missing, else late if one was late, else
    on time if one was sent, else not due); ``report_compliances`` has one value per report, by deadline."""

    unit: OrgUnit
    kind: UnitKind
    district: OrgUnit | None
    plan: UnitPlan | None
    registration: Registration | None
    reports: list[ProgressReport]
    plan_compliance: str | None
    registration_compliance: str | None
    report_compliance: str | None
    report_compliances: list[str] = field(default_factory=list)
    has_sub_movement: bool = False

    @property
    def is_late(self) -> bool:
        statuses = (self.plan_compliance, self.registration_compliance, *self.report_compliances)
        return Compliance.MISSING in statuses


def _summarise_reports(statuses: list[str]) -> str | None:
    if not statuses:
        return None
    for status in (Compliance.MISSING, Compliance.LATE, Compliance.ON_TIME):
        if status in statuses:
            return status
    return Compliance.NOT_DUE


def _id_of(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return value.pk if isinstance(value, models.Model) else int(value)


def compliance_rows(
    movement: Movement,
    *,
    user,
    as_of: dt.date | None = None,
    unit_kind: UnitKind | int | str | None = None,
    district: OrgUnit | int | str | None = None,
) -> list[ComplianceRow]:
    """One row per obligated unit the user may follow: every unit for the board side and the co-organisers (and
    for ``user=None``, the system), otherwise those in the user's scope. Filters: a unit kind, a district (the
    unit at depth 1 of the tree: quận, huyện or sở) and its subtree."""
    as_of = as_of or timezone.localdate()
    base = UnitPlan.objects.filter(movement=movement)
    if user is not None and not rules.can_view_dashboard(user, movement):
        base = base.filter(unit__in=OrgUnit.objects.visible_to(scope_for(user)))
    kind_id = _id_of(unit_kind)
    if kind_id is not None:
        base = base.filter(unit__kind_id=kind_id)
    district_id = _id_of(district)
    if district_id is not None:
        chosen = OrgUnit.objects.filter(pk=district_id).only("path").first()
        if chosen is None:
            return []
        low, high = subtree_range(chosen.path)
        base = base.filter(unit__path__gte=low, unit__path__lt=high)
    plans = list(base.select_related("unit__kind", "milestone"))
    # The same filters as a subquery, not a list of ids: a province has thousands of units.
    in_rows = base.values("unit_id")
    registrations = {
        registration.unit_id: registration
        for registration in Registration.objects.filter(movement=movement, unit_id__in=in_rows).select_related(
            "milestone"
        )
    }
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in (
        ProgressReport.objects.filter(movement=movement, unit_id__in=in_rows)
        .select_related("milestone")
        .order_by("milestone__due_date", "pk")
    ):
        reports[report.unit_id].append(report)
    district_paths = {plan.unit.path[: 2 * PATH_SEGMENT] for plan in plans if plan.unit.depth >= 1}
    districts = {unit.path: unit for unit in OrgUnit.objects.filter(path__in=district_paths)}
    sub_issuers = set(
        Movement.objects.filter(parent=movement, issuer_unit_id__in=in_rows)
        .exclude(state=MovementState.DRAFT)
        .values_list("issuer_unit_id", flat=True)
    )
    rows = []
    for plan in plans:
        unit = plan.unit
        registration = registrations.get(unit.pk)
        unit_reports = reports.get(unit.pk, [])
        statuses = [report.compliance(as_of) for report in unit_reports]
        rows.append(
            ComplianceRow(
                unit=unit,
                kind=unit.kind,
                district=districts.get(unit.path[: 2 * PATH_SEGMENT]) if unit.depth >= 1 else None,
                plan=plan,
                registration=registration,
                reports=unit_reports,
                plan_compliance=plan.compliance(as_of),
                registration_compliance=registration.compliance(as_of) if registration else None,
                report_compliance=_summarise_reports(statuses),
                report_compliances=statuses,
                has_sub_movement=unit.pk in sub_issuers,
            )
        )
    rows.sort(key=lambda row: (row.district.sort_key if row.district else "", row.unit.depth, row.unit.sort_key))
    return rows


STATUS_KEYS = tuple(Compliance.values)


def _counts() -> dict[str, Any]:
    return {kind: dict.fromkeys((*STATUS_KEYS, "answered", "total"), 0) for kind in ObligationKind.values}


def _add(bucket: dict[str, Any], row: ComplianceRow) -> None:
    bucket["units"] += 1
    pairs = [(ObligationKind.PLAN, row.plan_compliance), (ObligationKind.REGISTRATION, row.registration_compliance)]
    pairs += [(ObligationKind.REPORT, status) for status in row.report_compliances]
    for kind, status in pairs:
        if status is None:
            continue
        counts = bucket[kind]
        counts[status] += 1
        counts["total"] += 1
        if status in (Compliance.ON_TIME, Compliance.LATE):
            counts["answered"] += 1


def compliance_summary(rows: list[ComplianceRow]) -> dict[str, Any]:
    """Counts per unit kind and overall, per obligation kind (plan, registration, report): on_time, late,
    missing, not_due, answered (= on_time + late) and total. Every report counts, not every unit.

    ``{"overall": bucket, "by_kind": [bucket, …]}``; a bucket is ``{"kind": UnitKind | None, "label": str,
    "units": int, "plan": counts, "registration": counts, "report": counts}``, kinds in tree level and name order.
    """
    overall = {"kind": None, "label": "", "units": 0, **_counts()}
    by_kind: dict[int, dict[str, Any]] = {}
    for row in rows:
        bucket = by_kind.get(row.kind.pk)
        if bucket is None:
            bucket = by_kind[row.kind.pk] = {"kind": row.kind, "label": row.kind.name, "units": 0, **_counts()}
        _add(bucket, row)
        _add(overall, row)
    ordered = sorted(by_kind.values(), key=lambda bucket: (bucket["kind"].level, bucket["kind"].name))
    return {"overall": overall, "by_kind": ordered}


# --- Consolidated pledges ------------------------------------------------------------------------------------------


def movement_tree_ids(movement: Movement) -> list[int]:
    """The movement and every movement answering it, down the tree (one query per level)."""
    ids, level = [movement.pk], [movement.pk]
    while level:
        level = list(Movement.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        level = [pk for pk in level if pk not in ids]
        ids += level
    return ids


def consolidated_pledges(movement: Movement, unit: OrgUnit) -> tuple[models.QuerySet, models.QuerySet]:
    """The pledges ``unit`` passes up: approved registrations of the units in its subtree, in this movement and the
    movements answering it, plus the unit's own registration in this movement whatever its state.

    Returns (collective pledges, individual pledges), in tree order of the registering unit."""
    low, high = subtree_range(unit.path)
    chosen = models.Q(
        registration__movement_id__in=movement_tree_ids(movement),
        registration__unit__path__gte=low,
        registration__unit__path__lt=high,
        registration__state=AnswerState.APPROVED,
    ) | models.Q(registration__movement=movement, registration__unit=unit)
    collective = (
        CollectivePledge.objects.filter(chosen)
        .select_related("registration__unit", "registration__movement", "unit", "award_type")
        .order_by("registration__unit__path", "registration__movement_id", "pk")
    )
    individual = (
        IndividualPledge.objects.filter(chosen)
        .select_related("registration__unit", "registration__movement", "person", "award_type")
        .order_by("registration__unit__path", "registration__movement_id", "person__sort_key", "pk")
    )
    return collective, individual
