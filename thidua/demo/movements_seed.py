"""Demo steps of the movements issue: the "Mục tiêu kép" movement of Hải Phòng, as if it ran in 2021–2022.

Three steps, appended to ``thidua.demo.seed.STEPS``: (1) the movement seeded from the plan, launched to the units
directly under the city, answered by most of them (some late, some never), with Quận Lê Chân answering by its own
movement for its wards; (2) the exemplary models found along the way, curated by the board; (3) the covenant of the
cluster of quận for 2021 and its score sheet, scored, published, locked and turned into draft nominations.

Everything goes through the services with ``by=None`` (the system "seed_demo" acts). The one write outside them is
the back-dating of timestamps: services stamp "now", and the demo must look as if it happened in 2021–2022, so each
step moves the stamps back with a queryset update right after the service calls, in the same transaction.
The data (texts, dates, shares) lives in ``thidua.demo.muc_tieu_kep``; draws come from ``SeedContext.rng``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Case, DateTimeField, Model, Value, When

from thidua.catalog.models import Authority, AwardType
from thidua.demo import muc_tieu_kep as plan
from thidua.dossiers import services as dossier_services
from thidua.movements import exemplary, scoring
from thidua.movements import services as movement_services
from thidua.movements.enums import CriterionSource, MovementState, ScopeMode, ScoreKind, SheetState
from thidua.movements.models import (
    CovenantSignature,
    ExemplaryModel,
    Movement,
    ProgressReport,
    Registration,
    Score,
    ScoreSheet,
    SheetMember,
    UnitPlan,
)
from thidua.orgs.models import Cluster, ClusterRole, Membership, OrgUnit, Person, UnitKind

if TYPE_CHECKING:
    from thidua.demo.seed import SeedContext

ON_TIME, LATE, MISSING = "on_time", "late", "missing"
HABIT_WEIGHT = 0.6  # how often a unit answers as it usually does, rather than by a fresh draw
SUB_UNIT_KINDS = frozenset({"division", "agency", "public_service", "hospital", "school"})


# --- Helpers -------------------------------------------------------------------------------------------------


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    """A time in office hours on ``day``, in the project's time zone."""
    return dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.choice((0, 10, 20, 30, 40, 50))), tzinfo=plan.VN)


def _backdate(model: type[Model], field: str, moments: dict[int, dt.datetime]) -> None:
    """Move the stamps the services wrote ("now") back to when the demo says it happened: one update per field.
    The only write of the demo outside the services, made in the same step (hence transaction) as the service
    calls it corrects."""
    if not moments:
        return
    whens = [When(pk=pk, then=Value(moment)) for pk, moment in moments.items()]
    model.objects.filter(pk__in=list(moments)).update(**{field: Case(*whens, output_field=DateTimeField())})


def _award_types() -> dict[str, AwardType]:
    """Award types by code, in the versions in force when the plan was issued (the 2017–2023 regime)."""
    return {award.code: award for award in AwardType.objects.in_force(plan.AWARDS_IN_FORCE_ON)}


def _city_movement() -> Movement:
    return Movement.objects.get(issuer_unit__code=plan.ISSUER, title=plan.TITLE, parent=None)


def _draw(rng: random.Random, on_time: float, late: float) -> str:
    value = rng.random()
    return ON_TIME if value < on_time else LATE if value < on_time + late else MISSING


def _outcome(rng: random.Random, habit: str, on_time: float, late: float, *, extra_missing: float = 0.0) -> str:
    """On time, late or missing: the unit's habit most of the time, a fresh draw otherwise (the shares hold)."""
    outcome = habit if rng.random() < HABIT_WEIGHT else _draw(rng, on_time, late)
    if outcome != MISSING and rng.random() < extra_missing:
        outcome = MISSING
    return outcome


def _sent_on(rng: random.Random, due: dt.date, outcome: str, *, earliest: dt.date) -> dt.date:
    """The day an answer went up: up to 12 days before its deadline, or up to 24 days after (within 2022)."""
    if outcome == LATE:
        return min(due + dt.timedelta(days=rng.randint(1, 24)), max(due + dt.timedelta(days=1), plan.PERIOD_END))
    return max(earliest, due - dt.timedelta(days=rng.randint(0, 12)))


def _current_staff(root: OrgUnit) -> dict[int, list[Person]]:
    """Unit id → the people working there today, in name order: one query for the whole subtree."""
    staff: dict[int, list[Person]] = defaultdict(list)
    memberships = (
        Membership.objects.current()
        .filter(unit__in=root.descendants(include_self=True), is_primary=True)
        .select_related("person")
        .order_by("person__sort_key", "person_id")
    )
    for membership in memberships:
        staff[membership.unit_id].append(membership.person)
    return staff


def _children(root: OrgUnit) -> dict[int, list[OrgUnit]]:
    children: dict[int, list[OrgUnit]] = defaultdict(list)
    for unit in root.descendants().select_related("kind").order_by("path"):
        children[unit.parent_id].append(unit)
    return children


def _template_key(unit: OrgUnit) -> str:
    return plan.PLAN_TEMPLATE_OF_KIND.get(unit.kind.code, "other")


def _milestone_dicts(specs: tuple[plan.MilestoneSpec, ...]) -> list[dict]:
    return [{"kind": spec.kind, "title": spec.title, "due_date": spec.due_date,
             "requires_report": spec.requires_report} for spec in specs]  # fmt: skip


def _award_dicts(specs: tuple[plan.AwardSpec, ...], award_types: dict[str, AwardType]) -> list[dict]:
    return [{"level": spec.level, "award_type": award_types[spec.award_type], "quota": spec.quota,
             "note": spec.note} for spec in specs]  # fmt: skip


# --- Step 1: the movement, its answers, the sub-movement of Quận Lê Chân -------------------------------------------


def movement_done() -> bool:
    return Movement.objects.filter(
        issuer_unit__code=plan.ISSUER, title=plan.TITLE, parent=None, state=MovementState.LAUNCHED
    ).exists()


def seed_movement(context: SeedContext) -> None:
    """Create and launch the city's movement, answer it, and let Quận Lê Chân launch and collect its own."""
    movement = _create_city_movement(context)
    _answer_city_movement(context, movement)
    _le_chan_sub_movement(context, movement)


def _criteria() -> list[dict]:
    texts = [
        {"code": f"{group.code}.{number}", "text": text, "target_group": group.name}
        for group in plan.TARGET_GROUPS
        for number, text in enumerate(group.criteria, start=1)
    ]
    scored = [
        {"code": spec.code, "text": spec.text, "parent_code": spec.parent_code, "max_points": Decimal(spec.max_points),
         "kind": spec.kind, "source": spec.source}
        for spec in plan.SCORED_CRITERIA
    ]  # fmt: skip
    return texts + scored


def _create_city_movement(context: SeedContext) -> Movement:
    city = context.unit(plan.ISSUER)
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    award_types = _award_types()
    movement = movement_services.create_movement(
        by=None, issuer_unit=city, title=plan.TITLE, kind=plan.KIND, period_start=plan.PERIOD_START,
        period_end=plan.PERIOD_END, legal_basis=plan.LEGAL_BASIS, purpose=plan.PURPOSE,
        issuing_authority=Authority.objects.get(unit=city, kind__code=plan.ISSUING_AUTHORITY),
        co_organisers=[context.unit(code) for code in plan.CO_ORGANISERS],
        scope={"mode": ScopeMode.SUBTREE, "root": city, "depth": plan.SCOPE_DEPTH},
        contents=[{"title": title, "description": description} for title, description in plan.CONTENTS],
        target_groups=[{"name": group.name, "unit_kinds": [kinds[code] for code in group.unit_kinds]}
                       for group in plan.TARGET_GROUPS],
        criteria=_criteria(),
        awards=_award_dicts(plan.AWARDS, award_types),
        milestones=_milestone_dicts(plan.MILESTONES),
    )  # fmt: skip
    movement_services.launch_movement(movement, by=None)
    # Launched in October 2021, not today (see _backdate).
    _backdate(Movement, "launched_at", {movement.pk: plan.LAUNCHED_ON})
    return movement


class _Stamps:
    """The moments answers were sent and reviewed, applied once the services are done."""

    def __init__(self) -> None:
        self.sent: dict[type[Model], dict[int, dt.datetime]] = defaultdict(dict)
        self.reviewed: dict[int, dt.datetime] = {}

    def apply(self) -> None:
        for model, moments in self.sent.items():
            _backdate(model, "submitted_at", moments)
        _backdate(Registration, "reviewed_at", self.reviewed)


def _answer_city_movement(context: SeedContext, movement: Movement) -> None:
    """Each unit sends its plan, registration and reports on time, late or never (keeping its habits); the board
    approves most registrations sent, returns two, and leaves the rest pending."""
    rng = context.rng("movement_answers")
    city = context.unit(plan.ISSUER)
    award_types = _award_types()
    staff = _current_staff(city)
    children = _children(city)
    registrations = {item.unit_id: item for item in Registration.objects.filter(movement=movement)}
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in (
        ProgressReport.objects.filter(movement=movement).select_related("milestone").order_by("milestone__due_date")
    ):
        reports[report.unit_id].append(report)
    returned = dict(plan.RETURNED)
    launched_on = plan.LAUNCHED_ON.date() + dt.timedelta(days=2)
    stamps = _Stamps()
    plans = UnitPlan.objects.filter(movement=movement).select_related("unit__kind", "milestone").order_by("unit__path")
    for unit_plan in plans:
        unit = unit_plan.unit
        always = unit.code in plan.ALWAYS_ON_TIME
        habit = ON_TIME if always else _draw(rng, plan.ON_TIME_SHARE, plan.LATE_SHARE)

        def outcome(extra: float = 0.0, *, always: bool = always, habit: str = habit) -> str:
            return ON_TIME if always else _outcome(rng, habit, plan.ON_TIME_SHARE, plan.LATE_SHARE,
                                                   extra_missing=extra)  # fmt: skip

        key = _template_key(unit)
        params = _params(rng, unit)
        # Kế hoạch hưởng ứng.
        result = outcome()
        if result != MISSING:
            movement_services.save_unit_plan(unit_plan, by=None, targets=plan.PLAN_TARGETS[key].format(**params))
            movement_services.submit_unit_plan(unit_plan, by=None)
            day = _sent_on(rng, unit_plan.milestone.due_date, result, earliest=launched_on)
            stamps.sent[UnitPlan][unit_plan.pk] = _moment(day, rng)
        # Đăng ký thi đua: the returned ones were sent, then sent back.
        registration = registrations[unit.pk]
        result = outcome()
        if unit.code in returned and result == MISSING:
            result = LATE
        if result != MISSING:
            movement_services.save_registration(
                registration, by=None, note=plan.REGISTRATION_NOTE,
                collective=_collective_pledges(unit, children, award_types),
                individual=_individual_pledges(rng, unit, staff, children, award_types),
            )  # fmt: skip
            movement_services.submit_registration(registration, by=None)
            day = _sent_on(rng, registration.milestone.due_date, result, earliest=launched_on)
            stamps.sent[Registration][registration.pk] = _moment(day, rng)
            review_day = day + dt.timedelta(days=rng.randint(2, 12))
            if unit.code in returned:
                movement_services.return_registration(registration, by=None, reason=returned[unit.code])
                stamps.reviewed[registration.pk] = _moment(review_day, rng)
            elif always or rng.random() < plan.APPROVED_SHARE:
                movement_services.approve_registration(registration, by=None)
                stamps.reviewed[registration.pk] = _moment(review_day, rng)
        # Báo cáo: the 2021 report, sơ kết and tổng kết.
        for report in reports[unit.pk]:
            result = outcome(plan.REPORT_MISSING_BONUS.get(report.milestone.kind, 0.0))
            if result == MISSING:
                continue
            movement_services.save_progress_report(
                report, by=None, text=plan.REPORT_TEXT[report.milestone.kind].format(**params),
                figures=_figures(rng, key),
            )  # fmt: skip
            movement_services.submit_progress_report(report, by=None)
            day = _sent_on(rng, report.milestone.due_date, result, earliest=launched_on)
            stamps.sent[ProgressReport][report.pk] = _moment(day, rng)
    stamps.apply()


def _params(rng: random.Random, unit: OrgUnit) -> dict:
    """The figures a unit's plan and reports speak of."""
    total = rng.randint(8, 14)
    return {
        "unit": unit.name, "reach": plan.REPORT_REACH[_template_key(unit)], "vaccine": rng.randint(90, 95),
        "budget": rng.randint(100, 110), "invest": rng.randint(90, 100),
        "models": rng.randint(2, 5), "online": rng.choice((30, 40, 50, 60)), "fund": rng.randrange(200, 2000, 50),
        "teams": rng.randint(5, 30), "revenue": rng.randint(95, 110), "workers": rng.randrange(300, 5000, 50),
        "stories": rng.randrange(500, 3000, 100), "done": total - rng.randint(0, 2), "total": total,
        "rewarded": rng.randint(12, 80),
    }  # fmt: skip


def _figures(rng: random.Random, key: str) -> list[dict]:
    figures = []
    for label, low, high, unit in plan.REPORT_FIGURES[key]:
        value = round(rng.uniform(low, high), 1) if unit == "%" else rng.randint(low, high)
        figures.append({"label": label, "value": value, "unit": unit})
    return figures


def _collective_pledges(unit: OrgUnit, children: dict[int, list[OrgUnit]], award_types: dict[str, AwardType]
                        ) -> list[dict]:  # fmt: skip
    pledges = [{"unit": unit, "award_type": award_types[plan.COLLECTIVE_PLEDGE.get(unit.kind.code, "TTLDXS")]}]
    sub_units = [child for child in children[unit.pk] if child.kind.code in SUB_UNIT_KINDS][:2]
    pledges += [{"unit": child, "award_type": award_types[plan.SUB_UNIT_PLEDGE]} for child in sub_units]
    return pledges


def _individual_pledges(rng: random.Random, unit: OrgUnit, staff: dict[int, list[Person]],
                        children: dict[int, list[OrgUnit]], award_types: dict[str, AwardType]
                        ) -> list[dict]:  # fmt: skip
    """A few of the unit's own people (and of its offices below it when it has few), each with one title."""
    people = list(staff[unit.pk])
    for child in children[unit.pk]:
        if len(people) >= 8:
            break
        if child.kind.code in SUB_UNIT_KINDS:
            people += staff[child.pk]
    chosen = rng.sample(people, min(len(people), rng.randint(3, 7)))
    leading = rng.randint(1, 2)
    return [{"person": person, "award_type": award_types[plan.INDIVIDUAL_PLEDGES[0 if index < leading else 1]]}
            for index, person in enumerate(chosen)]  # fmt: skip


def _le_chan_sub_movement(context: SeedContext, parent: Movement) -> None:
    """Quận Lê Chân answers the city with its own movement for its 15 wards, and most of them answer it."""
    rng = context.rng("movement_le_chan")
    district = context.unit(plan.SUB_ISSUER)
    award_types = _award_types()
    start, end = plan.SUB_PERIOD
    movement = movement_services.launch_sub_movement(
        parent, by=None, issuer_unit=district, title=plan.SUB_TITLE, period_start=start, period_end=end,
        legal_basis=plan.SUB_LEGAL_BASIS,
        issuing_authority=Authority.objects.get(unit=district, kind__code=plan.SUB_AUTHORITY),
        scope={"mode": ScopeMode.SUBTREE, "root": district, "depth": 1,
               "unit_kinds": list(UnitKind.objects.filter(code__in=plan.SUB_SCOPE_KINDS))},
        contents=[{"title": title, "description": description} for title, description in plan.SUB_CONTENTS],
        awards=_award_dicts(plan.SUB_AWARDS, award_types),
        milestones=_milestone_dicts(plan.SUB_MILESTONES),
    )  # fmt: skip
    movement_services.launch_movement(movement, by=None)
    _backdate(Movement, "launched_at", {movement.pk: plan.SUB_LAUNCHED_ON})
    staff = _current_staff(district)
    children = _children(district)
    registrations = {item.unit_id: item for item in Registration.objects.filter(movement=movement)}
    reports = {item.unit_id: item for item in ProgressReport.objects.filter(movement=movement)
               .select_related("milestone")}  # fmt: skip
    earliest = plan.SUB_LAUNCHED_ON.date() + dt.timedelta(days=2)
    stamps = _Stamps()
    plans = UnitPlan.objects.filter(movement=movement).select_related("unit__kind", "milestone").order_by("unit__path")
    for unit_plan in plans:
        ward = unit_plan.unit
        habit = _draw(rng, plan.SUB_ON_TIME_SHARE, plan.SUB_LATE_SHARE)
        if habit == MISSING:
            continue  # a ward that never answered
        params = {"unit": ward.name, "vaccine": rng.randint(91, 96), "fund": rng.randrange(40, 400, 10),
                  "teams": rng.randint(8, 40)}  # fmt: skip
        movement_services.save_unit_plan(unit_plan, by=None, targets=plan.SUB_PLAN_TARGETS.format(**params))
        movement_services.submit_unit_plan(unit_plan, by=None)
        day = _sent_on(rng, unit_plan.milestone.due_date, habit, earliest=earliest)
        stamps.sent[UnitPlan][unit_plan.pk] = _moment(day, rng)
        registration = registrations[ward.pk]
        groups = [child for child in children[ward.pk] if child.kind.code == "village"]
        people = staff[ward.pk]
        movement_services.save_registration(
            registration, by=None,
            collective=[{"unit": ward, "award_type": award_types[plan.SUB_WARD_PLEDGE]}]
            + [{"unit": group, "award_type": award_types[plan.SUB_GROUP_PLEDGE]} for group in groups],
            individual=[{"person": person, "award_type": award_types["LDTT"]}
                        for person in rng.sample(people, min(len(people), rng.randint(2, 4)))],
        )  # fmt: skip
        movement_services.submit_registration(registration, by=None)
        stamps.sent[Registration][registration.pk] = _moment(day, rng)
        if rng.random() < 0.8:
            movement_services.approve_registration(registration, by=None)
            stamps.reviewed[registration.pk] = _moment(day + dt.timedelta(days=rng.randint(1, 6)), rng)
        report = reports[ward.pk]
        result = _outcome(rng, habit, plan.SUB_ON_TIME_SHARE, plan.SUB_LATE_SHARE)
        if result != MISSING:
            movement_services.save_progress_report(
                report, by=None, text=plan.SUB_REPORT_TEXT.format(**params),
                figures=[{"label": "Tỷ lệ người từ 18 tuổi trở lên tiêm đủ 2 mũi vắc-xin", "value": params["vaccine"],
                          "unit": "%"},
                         {"label": "Kinh phí vận động ủng hộ Quỹ phòng, chống dịch", "value": params["fund"],
                          "unit": "triệu đồng"}],
            )  # fmt: skip
            movement_services.submit_progress_report(report, by=None)
            stamps.sent[ProgressReport][report.pk] = _moment(
                _sent_on(rng, report.milestone.due_date, result, earliest=earliest), rng
            )
    stamps.apply()


# --- Step 2: exemplary models --------------------------------------------------------------------------------------


def exemplary_done() -> bool:
    return ExemplaryModel.objects.filter(movement__title=plan.TITLE, movement__issuer_unit__code=plan.ISSUER).exists()


def _subject(spec: plan.ExemplarySpec, context: SeedContext, rng: random.Random) -> dict:
    if spec.subject_unit:
        return {"subject_unit": context.unit(spec.subject_unit)}
    if spec.subject_person:
        return {"subject_person": Person.objects.get(full_name=spec.subject_person)}
    if spec.subject_staff_of:
        memberships = Membership.objects.current().filter(unit=context.unit(spec.subject_staff_of), is_leader=False)
        if spec.subject_position:
            memberships = memberships.filter(position=spec.subject_position)
        if spec.subject_gender:
            memberships = memberships.filter(person__gender=spec.subject_gender)
        people = [item.person for item in memberships.select_related("person").order_by("person__sort_key", "pk")]
        return {"subject_person": rng.choice(people)}
    return {"subject_name": spec.subject_name}


def seed_exemplary_models(context: SeedContext) -> None:
    """The models units and the media put forward, as the board curated them; a few become draft nominations."""
    rng = context.rng("exemplary_models")
    movement = _city_movement()
    contents = {content.position: content for content in movement.contents.all()}
    award_types = _award_types()
    created: dict[int, dt.datetime] = {}
    reviewed: dict[int, dt.datetime] = {}
    for spec in plan.EXEMPLARY_MODELS:
        model = exemplary.submit_exemplary_model(
            by=None, proposing_unit=context.unit(spec.proposer), kind=spec.kind, title=spec.title, story=spec.story,
            movement=movement, content=contents[spec.content], **_subject(spec, context, rng),
        )  # fmt: skip
        created[model.pk] = _moment(spec.submitted_on, rng)
        if spec.state != "submitted":
            exemplary.review_exemplary_model(model, by=None, state=spec.state, note=spec.note)
            delay = dt.timedelta(days=rng.randint(*plan.REVIEW_DELAY_DAYS))
            reviewed[model.pk] = _moment(spec.submitted_on + delay, rng)
        if spec.publish:
            exemplary.set_publication(model, by=None, publish=True)
        if spec.nominate:
            dossier_services.entry_from_exemplary_model(model, by=None, award_type=award_types[spec.nominate])
    # Submitted and reviewed in 2021–2022 (see _backdate).
    _backdate(ExemplaryModel, "created_at", created)
    _backdate(ExemplaryModel, "reviewed_at", reviewed)


# --- Step 3: the cluster of quận signs its covenant and scores its 2021 sheet ----------------------------------------


def cluster_done() -> bool:
    return ScoreSheet.objects.filter(
        cluster__code=plan.CLUSTER, year=plan.CLUSTER_YEAR, movement__title=plan.TITLE, state=SheetState.LOCKED
    ).exists()


def _head(unit: OrgUnit) -> tuple[str, str]:
    """The name and title of the unit's head today, who signs for it."""
    leaders = Membership.objects.current().filter(unit=unit, is_leader=True).select_related("person")
    head = next((item for item in leaders.order_by("pk") if not item.position.startswith("Phó")), None)
    if head is None:
        return unit.name, ""
    return head.person.full_name, f"{head.position} {unit.name[0].lower()}{unit.name[1:]}"


def _points(rng: random.Random, maximum: Decimal, level: float) -> Decimal:
    """A share of the maximum around ``level``, in quarter points."""
    share = min(1.0, max(0.0, level + rng.uniform(-0.04, 0.04)))
    quarters = (maximum * Decimal(str(share)) * 4).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return min(maximum, quarters / 4)


def seed_cluster_scoring(context: SeedContext) -> None:
    """The cluster of quận signs its 2021 covenant, scores itself and one another, publishes and locks the sheet;
    its proposals become draft nominations of the city."""
    rng = context.rng("cluster_scoring")
    movement = _city_movement()
    award_types = _award_types()
    cluster = Cluster.objects.get(code=plan.CLUSTER)
    covenant = scoring.create_covenant(by=None, cluster=cluster, year=plan.CLUSTER_YEAR, title=plan.COVENANT_TITLE,
                                       text=plan.COVENANT_TEXT, movement=movement)  # fmt: skip
    units = [membership.unit for membership in cluster.members.filter(year=plan.CLUSTER_YEAR).select_related("unit")
             .order_by("unit__path")]  # fmt: skip
    for unit in units:
        name, position = _head(unit)
        scoring.sign_covenant(covenant, by=None, unit=unit, signer_name=name, signer_position=position)
    # Signed at the cluster's conference in November 2021 (see _backdate).
    CovenantSignature.objects.filter(covenant=covenant).update(signed_at=plan.COVENANT_SIGNED_ON)

    sheet = scoring.create_score_sheet(
        by=None, cluster=cluster, year=plan.CLUSTER_YEAR, movement=movement, flag_count=plan.SHEET_FLAG_COUNT,
        certificate_count=plan.SHEET_CERTIFICATE_COUNT, flag_award_type=award_types[plan.SHEET_FLAG],
        certificate_award_type=award_types[plan.SHEET_CERTIFICATE],
    )  # fmt: skip
    scoring.open_scoring(sheet, by=None)
    criteria = list(sheet.criteria.all())
    parents = {criterion.parent_id for criterion in criteria}
    leaves = [item for item in criteria if item.pk not in parents and item.source == CriterionSource.MANUAL]
    members = sorted(sheet.members.select_related("unit"), key=lambda member: member.unit.path)

    def points(member: SheetMember, criterion, *, cross: bool) -> Decimal:
        code = member.unit.code
        if criterion.kind == "bonus":
            return Decimal(plan.BONUS_POINTS.get(code, "0"))
        if criterion.kind == "penalty":  # units do not take points off themselves; their peers do
            return Decimal(plan.PENALTY_POINTS.get(code, "0")) if cross else Decimal("0")
        level = plan.SCORE_LEVEL.get(code, 0.85) - (0.03 if cross else 0.0)
        return _points(rng, criterion.max_points, level)

    for member in members:
        evidence = plan.SELF_EVIDENCE.format(unit=member.unit.name)
        for criterion in leaves:
            scoring.score(sheet, by=None, member=member, criterion=criterion, scorer_unit=member.unit,
                          points=points(member, criterion, cross=False), evidence=evidence)  # fmt: skip
        scoring.submit_scores(sheet, by=None, scorer_unit=member.unit)
    # The leader (cụm trưởng) cross-scores every other quận, and its deputy cross-scores the leader.
    roles = dict(cluster.members.filter(year=plan.CLUSTER_YEAR).values_list("unit_id", "role"))
    leader = next(member for member in members if roles[member.unit_id] == ClusterRole.LEADER)
    deputy = next(member for member in members if roles[member.unit_id] == ClusterRole.DEPUTY)
    for scorer, scored in ((leader, [member for member in members if member != leader]), (deputy, [leader])):
        for member in scored:
            evidence = plan.CROSS_EVIDENCE.format(unit=member.unit.name)
            for criterion in leaves:
                scoring.score(sheet, by=None, member=member, criterion=criterion, scorer_unit=scorer.unit,
                              points=points(member, criterion, cross=True), evidence=evidence)  # fmt: skip
        scoring.submit_scores(sheet, by=None, scorer_unit=scorer.unit)
    scoring.publish_sheet(sheet, by=None)
    scoring.lock_sheet(sheet, by=None)
    dossier_services.entries_from_score_sheet(sheet, by=None)
    # Scored in December 2021 – January 2022, published and locked in January 2022 (see _backdate).
    Score.objects.filter(sheet=sheet, kind=ScoreKind.SELF).update(submitted_at=plan.SELF_SCORED_ON)
    Score.objects.filter(sheet=sheet, kind=ScoreKind.CROSS).update(submitted_at=plan.CROSS_SCORED_ON)
    SheetMember.objects.filter(sheet=sheet).update(self_submitted_at=plan.SELF_SCORED_ON)
    ScoreSheet.objects.filter(pk=sheet.pk).update(
        created_at=plan.SCORING_OPENED_ON, published_at=plan.SHEET_PUBLISHED_ON,
        locked_at=plan.SHEET_LOCKED_ON,
    )  # fmt: skip
