"""Cluster covenants and score sheets (giao ước thi đua, bảng chấm điểm thi đua of a cụm / khối).

A sheet copies the movement's scored criteria (``SheetCriterion``, keeping the tree) and the cluster's members of the
year (``SheetMember``). It goes draft → scoring → published → locked. Members score themselves (SELF) and one
another (CROSS, the leader included); the system fills computed criteria (COMPUTED). A score counts once its scorer
has submitted it; a submitted score changes only with a reason, kept as a ``ScoreRevision``. Every write is one of
these functions (keyword arguments, ``by`` the acting user, one transaction, an audit row
``movements.<model>.<action>``); permission checks are the callers' (``thidua.movements.rules``).

The written rule for totals, ranks and proposals (docs/cluster-scoring.md says it in Vietnamese and English;
tests/movements/test_ranking.py takes each step):

1. A leaf criterion's points for a member = the mean of the submitted CROSS scores when there is at least one, else
   its submitted SELF score, else 0; a computed criterion uses the computed value. Capped at the criterion's maximum.
2. A parent's points = min(sum of its children's points, its maximum): a sub-criterion never lifts the parent above
   its maximum.
3. base_total = Σ over top-level STANDARD criteria of points × weight; bonus = Σ top-level BONUS points × weight;
   penalty = Σ top-level PENALTY points × weight; total = base_total + bonus − penalty, never below 0. Nothing is
   rounded on the way; the four figures are rounded to 2 decimals (ROUND_HALF_UP) when stored, and ranks compare the
   stored figures (two members showing the same total are equal).
4. Rank by total, highest first. Ties are broken, in order, by (a) higher base_total, (b) lower penalty, (c) more
   top-level standard criteria scored at their maximum. Members still equal share the rank (competition ranking:
   1, 1, 3) and are marked tied.
5. Proposals at lock: ranks 1..flag_count → FLAG; the next certificate_count ranks → CERTIFICATE. Shared ranks make
   a tie across a cut propose every tied member for the higher award; ``tie_at_cut`` names them, and the cluster
   must vote between them.

Computed criteria: registration_on_time → the maximum when the member's registration in the sheet's movement was
sent on or before its deadline, else 0; plan_on_time likewise for the unit plan; reports_on_time → maximum × (reports
sent on time / reports due by the end of the sheet's year), 0 when none is due; exemplary_models → min(maximum,
number of ACCEPTED exemplary models of the movement proposed by or about the member × 1 point).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from thidua.audit.context import acting_as
from thidua.audit.services import record_action
from thidua.catalog.models import AwardType, RecipientKind
from thidua.core.models import StoredFile
from thidua.core.uploads import ATTACHMENTS, DOCUMENTS, discard, store_upload, validate_upload
from thidua.core.writes import acting_user
from thidua.movements.enums import (
    Compliance,
    CriterionKind,
    CriterionSource,
    ExemplaryState,
    MovementState,
    Proposal,
    ScoreKind,
    SheetState,
)
from thidua.movements.models import (
    Covenant,
    CovenantSignature,
    Criterion,
    ExemplaryModel,
    Movement,
    ProgressReport,
    Registration,
    Score,
    ScoreRevision,
    ScoreSheet,
    SheetCriterion,
    SheetMember,
    TargetGroup,
    UnitPlan,
)
from thidua.orgs.models import Cluster, ClusterMembership, OrgUnit
from thidua.records.models import Award

ZERO = Decimal("0")
CENT = Decimal("0.01")
# One accepted exemplary model is worth one point on an "exemplary_models" criterion.
POINTS_PER_EXEMPLARY_MODEL = Decimal("1")
# One point per award the unit itself received in the sheet's year (records.Award), up to the criterion's maximum.
POINTS_PER_AWARD = Decimal("1")
SCORING_STATES = frozenset({SheetState.SCORING, SheetState.PUBLISHED})


def _stored(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _fmt(value: Decimal) -> str:
    """A number as Vietnamese write it (10; 2,5), for messages."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return formats.number_format(value.quantize(Decimal(1)))
    return formats.number_format(value.normalize())


def _label(criterion: SheetCriterion) -> str:
    return criterion.code or criterion.text[:60]


def _member_of(cluster: Cluster | int, year: int, unit: OrgUnit) -> bool:
    cluster_id = getattr(cluster, "pk", cluster)
    return ClusterMembership.objects.filter(cluster_id=cluster_id, year=year, unit=unit).exists()


def _not_a_member(unit: OrgUnit, cluster: Cluster, year: int) -> str:
    return _("Đơn vị “%(unit)s” không phải thành viên %(cluster)s năm %(year)s.") % {
        "unit": unit.name, "cluster": cluster.name, "year": year,
    }  # fmt: skip


def _state_error(sheet: ScoreSheet, expected: str) -> ValidationError:
    return ValidationError(
        _("Bảng điểm đang ở trạng thái “%(state)s”, cần ở trạng thái “%(expected)s”.")
        % {"state": sheet.get_state_display(), "expected": SheetState(expected).label}
    )


# --- Covenants -----------------------------------------------------------------------------------------------


def create_covenant(*, by, cluster: Cluster, year: int, title: str, text: str, movement: Movement | None = None,
                    document=None) -> Covenant:  # fmt: skip
    """The cluster's covenant for a year (one a year), with the signed document when there is one."""
    checked = validate_upload(document, allowed=DOCUMENTS, field="document") if document is not None else None
    stored: list[StoredFile] = []
    try:
        with transaction.atomic(), acting_as(by):
            if Covenant.objects.filter(cluster=cluster, year=year).exists():
                raise ValidationError(
                    {"year": _("%(cluster)s đã có giao ước thi đua năm %(year)s.")
                     % {"cluster": cluster.name, "year": year}}
                )  # fmt: skip
            if movement is not None and movement.state == MovementState.DRAFT:
                raise ValidationError({"movement": _("Phong trào “%(movement)s” chưa được phát động.")
                                       % {"movement": movement.title}})  # fmt: skip
            covenant = Covenant(cluster=cluster, year=year, title=title, text=text, movement=movement,
                                created_by=acting_user(by))  # fmt: skip
            if checked is not None:
                stored.append(store_upload(checked, by=by, allowed=DOCUMENTS, field="document"))
                covenant.document = stored[0]
            covenant.full_clean()
            covenant.save()
            record_action(covenant, code="movements.covenant.created", by=by)
    except Exception:
        discard(stored)
        raise
    return covenant


@transaction.atomic
def sign_covenant(covenant: Covenant, *, by, unit: OrgUnit, signer_name: str = "", signer_position: str = ""
                  ) -> CovenantSignature:  # fmt: skip
    """A member unit of the cluster that year signs its covenant, once. The signer is the acting user (their name
    and position), unless a name is given (the demo and imports sign for a named head)."""
    covenant = Covenant.objects.select_for_update(of=("self",)).select_related("cluster").get(pk=covenant.pk)
    if not _member_of(covenant.cluster, covenant.year, unit):
        raise ValidationError({"unit": _not_a_member(unit, covenant.cluster, covenant.year)})
    if covenant.signatures.filter(unit=unit).exists():
        raise ValidationError({"unit": _("Đơn vị “%(unit)s” đã ký giao ước này.") % {"unit": unit.name}})
    signature = CovenantSignature(
        covenant=covenant, unit=unit, signed_by=acting_user(by),
        signer_name=signer_name or getattr(by, "full_name", "") or (str(by) if by is not None else ""),
        signer_position=signer_position or getattr(by, "position", ""),
    )  # fmt: skip
    if not signature.signer_name.strip():
        raise ValidationError({"signer_name": _("Hãy nhập họ tên người ký.")})
    with acting_as(by):
        signature.full_clean(exclude=["signed_by"])  # None when the demo signs for a named head
        signature.save()
        record_action(covenant, code="movements.covenant.signed", by=by, data={"unit": unit.pk})
    return signature


# --- Creating a sheet --------------------------------------------------------------------------------------------


def _fits_collective(award_type: AwardType | None, field: str) -> None:
    if award_type is not None and RecipientKind.COLLECTIVE not in (award_type.recipient_kinds or []):
        raise ValidationError(
            {field: _("“%(award)s” không dành cho tập thể.") % {"award": award_type.name}}
        )  # fmt: skip


def _tree_order(criteria: list[Criterion]) -> list[tuple[Criterion, int]]:
    """The criteria depth first (parents before their children, siblings by position), with their depth."""
    chosen = {criterion.pk for criterion in criteria}
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id if criterion.parent_id in chosen else None].append(criterion)
    ordered: list[tuple[Criterion, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for criterion in sorted(children[parent_id], key=lambda item: (item.position, item.pk)):
            ordered.append((criterion, depth))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return ordered


@transaction.atomic
def create_score_sheet(*, by, cluster: Cluster, year: int, movement: Movement, target_group: TargetGroup | None = None,
                       flag_count: int = 1, certificate_count: int = 0, flag_award_type: AwardType | None = None,
                       certificate_award_type: AwardType | None = None) -> ScoreSheet:  # fmt: skip
    """A draft sheet: the movement's scored criteria (of the target group and those for every group; all when no
    group is named) copied with their tree, one member row per unit of the cluster that year."""
    if movement.state == MovementState.DRAFT:
        raise ValidationError({"movement": _("Phong trào “%(movement)s” chưa được phát động.")
                               % {"movement": movement.title}})  # fmt: skip
    if target_group is not None and target_group.movement_id != movement.pk:
        raise ValidationError({"target_group": _("Đối tượng thi đua này không thuộc phong trào đã chọn.")})
    _fits_collective(flag_award_type, "flag_award_type")
    _fits_collective(certificate_award_type, "certificate_award_type")
    if ScoreSheet.objects.filter(cluster=cluster, year=year, movement=movement).exists():
        raise ValidationError(
            _("%(cluster)s đã có bảng chấm điểm năm %(year)s cho phong trào này.")
            % {"cluster": cluster.name, "year": year}
        )
    criteria = Criterion.objects.filter(movement=movement, max_points__isnull=False)
    if target_group is not None:
        criteria = criteria.filter(Q(target_group=target_group) | Q(target_group__isnull=True))
    ordered = _tree_order(list(criteria))
    if not ordered:
        raise ValidationError({"movement": _("Phong trào chưa có tiêu chí chấm điểm nào cho đối tượng này.")})
    memberships = list(ClusterMembership.objects.filter(cluster=cluster, year=year).select_related("unit"))
    if len(memberships) < 2:
        raise ValidationError(
            {"cluster": _("%(cluster)s năm %(year)s cần ít nhất hai đơn vị thành viên để chấm điểm.")
             % {"cluster": cluster.name, "year": year}}
        )  # fmt: skip
    sheet = ScoreSheet(
        cluster=cluster, year=year, movement=movement, target_group=target_group, flag_count=flag_count,
        certificate_count=certificate_count, flag_award_type=flag_award_type,
        certificate_award_type=certificate_award_type, created_by=acting_user(by),
    )  # fmt: skip
    with acting_as(by):
        sheet.full_clean()
        sheet.save()
        # Copied in bulk, one level of the tree at a time, so each row's parent has its key.
        copies: dict[int, SheetCriterion] = {}
        for depth in range(max(level for _criterion, level in ordered) + 1):
            level = []
            for position, (criterion, criterion_depth) in enumerate(ordered, start=1):
                if criterion_depth != depth:
                    continue
                copy = SheetCriterion(
                    sheet=sheet, criterion=criterion, parent=copies.get(criterion.parent_id), position=position,
                    code=criterion.code, text=criterion.text, max_points=criterion.max_points,
                    weight=criterion.weight, kind=criterion.kind, source=criterion.source,
                )  # fmt: skip
                copies[criterion.pk] = copy
                level.append(copy)
            SheetCriterion.objects.bulk_create(level)
        SheetMember.objects.bulk_create([SheetMember(sheet=sheet, unit=item.unit) for item in memberships])
        record_action(sheet, code="movements.scoresheet.created", by=by,
                      data={"criteria": len(ordered), "members": len(memberships)})  # fmt: skip
    return sheet


# --- Computed criteria ---------------------------------------------------------------------------------------


def _computed_points(sheet: ScoreSheet, criteria: list[SheetCriterion], members: list[SheetMember]
                     ) -> dict[tuple[int, int], Decimal]:  # fmt: skip
    """(criterion id, member id) → points for every computed criterion, from a handful of queries."""
    sources = {criterion.source for criterion in criteria}
    unit_ids = [member.unit_id for member in members]
    movement_id = sheet.movement_id
    registration_ok: set[int] = set()
    plan_ok: set[int] = set()
    report_share: dict[int, Decimal] = {}
    models_count: dict[int, int] = defaultdict(int)
    if CriterionSource.REGISTRATION_ON_TIME in sources:
        registrations = Registration.objects.filter(movement_id=movement_id, unit_id__in=unit_ids)
        for answer in registrations.select_related("milestone"):
            if answer.compliance() == Compliance.ON_TIME:
                registration_ok.add(answer.unit_id)
    if CriterionSource.PLAN_ON_TIME in sources:
        plans = UnitPlan.objects.filter(movement_id=movement_id, unit_id__in=unit_ids)
        for answer in plans.select_related("milestone"):
            if answer.compliance() == Compliance.ON_TIME:
                plan_ok.add(answer.unit_id)
    if CriterionSource.REPORTS_ON_TIME in sources:
        due: dict[int, int] = defaultdict(int)
        on_time: dict[int, int] = defaultdict(int)
        reports = ProgressReport.objects.filter(
            movement_id=movement_id, unit_id__in=unit_ids, milestone__due_date__lte=dt.date(sheet.year, 12, 31)
        ).select_related("milestone")
        for answer in reports:
            due[answer.unit_id] += 1
            if answer.compliance() == Compliance.ON_TIME:
                on_time[answer.unit_id] += 1
        report_share = {unit_id: Decimal(on_time[unit_id]) / Decimal(count) for unit_id, count in due.items()}
    if CriterionSource.EXEMPLARY_MODELS in sources:
        accepted = ExemplaryModel.objects.filter(movement_id=movement_id, state=ExemplaryState.ACCEPTED).filter(
            Q(proposing_unit_id__in=unit_ids) | Q(subject_unit_id__in=unit_ids)
        )
        for _pk, proposing_id, subject_id in accepted.values_list("pk", "proposing_unit_id", "subject_unit_id"):
            for unit_id in {proposing_id, subject_id} - {None}:
                models_count[unit_id] += 1
    awards_count: dict[int, int] = defaultdict(int)
    if CriterionSource.AWARDS in sources:
        awards = Award.objects.in_force().filter(unit_id__in=unit_ids, year=sheet.year)
        for unit_id in awards.values_list("unit_id", flat=True):
            awards_count[unit_id] += 1
    points: dict[tuple[int, int], Decimal] = {}
    for criterion in criteria:
        if criterion.source == CriterionSource.MANUAL:
            continue
        top = criterion.max_points
        for member in members:
            unit_id = member.unit_id
            if criterion.source == CriterionSource.REGISTRATION_ON_TIME:
                value = top if unit_id in registration_ok else ZERO
            elif criterion.source == CriterionSource.PLAN_ON_TIME:
                value = top if unit_id in plan_ok else ZERO
            elif criterion.source == CriterionSource.REPORTS_ON_TIME:
                value = top * report_share.get(unit_id, ZERO)
            elif criterion.source == CriterionSource.AWARDS:
                value = min(top, awards_count[unit_id] * POINTS_PER_AWARD)
            else:
                value = min(top, models_count[unit_id] * POINTS_PER_EXEMPLARY_MODEL)
            points[(criterion.pk, member.pk)] = _stored(value)
    return points


def refresh_computed(sheet: ScoreSheet, *, by=None) -> int:
    """Write the computed criteria's points (one COMPUTED score per criterion and member); returns how many
    changed. Called when scoring opens and when the sheet is published."""
    criteria = [item for item in sheet.criteria.all() if item.source != CriterionSource.MANUAL]
    if not criteria:
        return 0
    members = list(sheet.members.all())
    points = _computed_points(sheet, criteria, members)
    existing = {
        (score.criterion_id, score.member_id): score
        for score in Score.objects.filter(sheet=sheet, kind=ScoreKind.COMPUTED)
    }
    now = timezone.now()
    created, updated = [], []
    for (criterion_id, member_id), value in points.items():
        score = existing.get((criterion_id, member_id))
        if score is None:
            created.append(Score(sheet=sheet, criterion_id=criterion_id, member_id=member_id, kind=ScoreKind.COMPUTED,
                                 scorer_unit=None, points=value, submitted_at=now))  # fmt: skip
        elif score.points != value:
            score.points = value
            score.submitted_at = now
            updated.append(score)
    with acting_as(by):
        Score.objects.bulk_create(created)
        Score.objects.bulk_update(updated, ["points", "submitted_at"])
    return len(created) + len(updated)


# --- The rule: points, totals, ranks, proposals ------------------------------------------------------------------


@dataclass
class Standing:
    """One member's figures, unrounded, as step 3 of the rule computes them."""

    member_id: int
    base_total: Decimal = ZERO
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    total: Decimal = ZERO
    at_maximum: int = 0  # top-level standard criteria scored at their maximum (tie-breaker c)

    def key(self) -> tuple:
        """What ranks compare, on the stored (rounded) figures: higher total, higher base, lower penalty, more
        criteria at maximum."""
        return (-_stored(self.total), -_stored(self.base_total), _stored(self.penalty), -self.at_maximum)


def member_points(criteria: Sequence[SheetCriterion], scores: Iterable[tuple[int, int, str, Decimal]]
                  ) -> dict[int, dict[int, Decimal]]:  # fmt: skip
    """member id → criterion id → points (steps 1 and 2), from the counted scores as (member id, criterion id,
    kind, points) tuples: submitted self and cross scores and the computed ones."""
    cross: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    own: dict[tuple[int, int], Decimal] = {}
    computed: dict[tuple[int, int], Decimal] = {}
    member_ids: set[int] = set()
    for member_id, criterion_id, kind, points in scores:
        member_ids.add(member_id)
        if kind == ScoreKind.CROSS:
            cross[(member_id, criterion_id)].append(Decimal(points))
        elif kind == ScoreKind.SELF:
            own[(member_id, criterion_id)] = Decimal(points)
        else:
            computed[(member_id, criterion_id)] = Decimal(points)
    children: dict[int | None, list[SheetCriterion]] = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id].append(criterion)
    result: dict[int, dict[int, Decimal]] = {}
    for member_id in member_ids:
        table: dict[int, Decimal] = {}

        def points_of(criterion: SheetCriterion, member_id: int = member_id, table: dict = table) -> Decimal:
            below = children.get(criterion.pk)
            if below:
                value = min(sum((points_of(child) for child in below), ZERO), criterion.max_points)
            elif criterion.source != CriterionSource.MANUAL:
                value = computed.get((member_id, criterion.pk), ZERO)
            elif cross.get((member_id, criterion.pk)):
                given = cross[(member_id, criterion.pk)]
                value = sum(given, ZERO) / len(given)
            else:
                value = own.get((member_id, criterion.pk), ZERO)
            value = min(value, criterion.max_points)
            table[criterion.pk] = value
            return value

        for criterion in children[None]:
            points_of(criterion)
        result[member_id] = table
    return result


def standings(criteria: Sequence[SheetCriterion], member_ids: Iterable[int],
              scores: Iterable[tuple[int, int, str, Decimal]]) -> dict[int, Standing]:  # fmt: skip
    """member id → its Standing (steps 1 to 3)."""
    points = member_points(criteria, scores)
    top_level = [criterion for criterion in criteria if criterion.parent_id is None]
    result: dict[int, Standing] = {}
    for member_id in member_ids:
        table = points.get(member_id, {})
        standing = Standing(member_id=member_id)
        for criterion in top_level:
            value = table.get(criterion.pk, ZERO)
            weighted = value * criterion.weight
            if criterion.kind == CriterionKind.BONUS:
                standing.bonus += weighted
            elif criterion.kind == CriterionKind.PENALTY:
                standing.penalty += weighted
            else:
                standing.base_total += weighted
                if value == criterion.max_points:
                    standing.at_maximum += 1
        standing.total = max(standing.base_total + standing.bonus - standing.penalty, ZERO)
        result[member_id] = standing
    return result


def rank(all_standings: Iterable[Standing]) -> dict[int, tuple[int, bool]]:
    """member id → (rank, tied) by step 4: competition ranking (1, 1, 3) on the tie-broken key."""
    ordered = sorted(all_standings, key=Standing.key)
    keys = [standing.key() for standing in ordered]
    result: dict[int, tuple[int, bool]] = {}
    position = 0
    for index, standing in enumerate(ordered):
        if index == 0 or keys[index] != keys[index - 1]:
            position = index + 1
        tied = (index > 0 and keys[index] == keys[index - 1]) or (
            index + 1 < len(keys) and keys[index] == keys[index + 1]
        )
        result[standing.member_id] = (position, tied)
    return result


def proposal_for(member_rank: int | None, *, flag_count: int, certificate_count: int) -> str:
    """Step 5: ranks 1..flag_count → flag; the next certificate_count ranks → certificate; else nothing."""
    if member_rank is None:
        return Proposal.NONE
    if member_rank <= flag_count:
        return Proposal.FLAG
    if member_rank <= flag_count + certificate_count:
        return Proposal.CERTIFICATE
    return Proposal.NONE


def cut_ties(members: Sequence[SheetMember], *, flag_count: int, certificate_count: int
             ) -> dict[str, list[SheetMember]]:  # fmt: skip
    """Proposal → the tied members whose shared rank straddles that award's cut (more tied members than places
    left): all are proposed for the award, and the cluster must vote between them."""
    by_rank: dict[int, list[SheetMember]] = defaultdict(list)
    for member in members:
        if member.rank is not None:
            by_rank[member.rank].append(member)
    cuts = []
    if flag_count:
        cuts.append((Proposal.FLAG, flag_count))
    if certificate_count:
        cuts.append((Proposal.CERTIFICATE, flag_count + certificate_count))
    result: dict[str, list[SheetMember]] = {}
    for shared_rank, group in sorted(by_rank.items()):
        last = shared_rank + len(group) - 1
        # A group is named once, at the first cut it straddles (the higher award).
        straddled = next((proposal for proposal, cut in cuts if shared_rank <= cut < last), None)
        if straddled is not None:
            result.setdefault(straddled, []).extend(sorted(group, key=lambda member: (member.unit.sort_key, member.pk)))
    return result


def tie_at_cut(sheet: ScoreSheet) -> list[SheetMember]:
    """The members tied across the flag cut or the certificate cut, by rank: the sheet proposes them all for the
    higher award and the cluster must vote between them. Empty when the ranks fall cleanly."""
    members = list(sheet.members.select_related("unit"))
    ties = cut_ties(members, flag_count=sheet.flag_count, certificate_count=sheet.certificate_count)
    return [member for proposal in (Proposal.FLAG, Proposal.CERTIFICATE) for member in ties.get(proposal, [])]


def _counted_scores(sheet: ScoreSheet) -> list[tuple[int, int, str, Decimal]]:
    return list(
        Score.objects.filter(sheet=sheet)
        .filter(Q(submitted_at__isnull=False) | Q(kind=ScoreKind.COMPUTED))
        .values_list("member_id", "criterion_id", "kind", "points")
    )


def points_table(sheet: ScoreSheet) -> dict[int, dict[int, Decimal]]:
    """member id → sheet criterion id → points (rounded to show), as the rule counts them now: for the sheet's page."""
    criteria = list(sheet.criteria.all())
    table = member_points(criteria, _counted_scores(sheet))
    return {member_id: {pk: _stored(value) for pk, value in row.items()} for member_id, row in table.items()}


def recompute(sheet: ScoreSheet) -> list[SheetMember]:
    """Totals and ranks of every member by the written rule, stored on the member rows; returns them by rank.

    A fixed number of queries whatever the size: the criteria, the members and the counted scores are read once,
    everything is computed in Python, and the members are written back in one bulk update."""
    criteria = list(sheet.criteria.all())
    members = list(sheet.members.select_related("unit"))
    computed = standings(criteria, [member.pk for member in members], _counted_scores(sheet))
    ranks = rank(computed.values())
    for member in members:
        standing = computed[member.pk]
        member.base_total = _stored(standing.base_total)
        member.bonus = _stored(standing.bonus)
        member.penalty = _stored(standing.penalty)
        member.total = _stored(standing.total)
        member.rank, member.tied = ranks[member.pk]
    with transaction.atomic():
        SheetMember.objects.bulk_update(members, ["base_total", "bonus", "penalty", "total", "rank", "tied"])
    return sorted(members, key=lambda member: (member.rank, member.unit.sort_key, member.pk))


# --- The sheet's life --------------------------------------------------------------------------------------------


def _locked_sheet(sheet: ScoreSheet) -> ScoreSheet:
    return ScoreSheet.objects.select_for_update(of=("self",)).select_related("cluster").get(pk=sheet.pk)


@transaction.atomic
def open_scoring(sheet: ScoreSheet, *, by) -> ScoreSheet:
    """Draft → scoring: the members may score; the computed criteria are filled in."""
    sheet = _locked_sheet(sheet)
    if sheet.state != SheetState.DRAFT:
        raise _state_error(sheet, SheetState.DRAFT)
    sheet.state = SheetState.SCORING
    with acting_as(by):
        sheet.full_clean()
        sheet.save()
        refresh_computed(sheet, by=by)
        recompute(sheet)
        record_action(sheet, code="movements.scoresheet.opened", by=by,
                      data={"from": SheetState.DRAFT, "to": SheetState.SCORING})  # fmt: skip
    return sheet


def _as_points(points, criterion: SheetCriterion) -> Decimal:
    try:
        value = Decimal(str(points).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or value < 0 or value > criterion.max_points:
        raise ValidationError(
            {"points": _("Tiêu chí %(code)s: điểm phải là số từ 0 đến %(max)s.")
             % {"code": _label(criterion), "max": _fmt(criterion.max_points)}}
        )  # fmt: skip
    if value != value.quantize(CENT):
        raise ValidationError(
            {"points": _("Tiêu chí %(code)s: điểm có nhiều nhất hai chữ số thập phân.") % {"code": _label(criterion)}}
        )
    return value.quantize(CENT)


def score(sheet: ScoreSheet, *, by, member: SheetMember, criterion: SheetCriterion, scorer_unit: OrgUnit,
          points, evidence: str = "", evidence_files: Sequence = (), reason: str = "") -> Score:  # fmt: skip
    """One scorer's points for one member on one leaf criterion: the member's own unit scores itself (SELF), another
    member of the cluster that year cross-scores (CROSS). Changing a submitted score needs a reason, which a
    ScoreRevision keeps. Totals and ranks are recomputed."""
    checked = [validate_upload(item, allowed=ATTACHMENTS, field="evidence_files") for item in evidence_files]
    stored: list[StoredFile] = []
    reason = (reason or "").strip()
    try:
        with transaction.atomic(), acting_as(by):
            sheet = _locked_sheet(sheet)
            if sheet.state not in SCORING_STATES:
                raise ValidationError(
                    _("Bảng điểm đang ở trạng thái “%(state)s”: không chấm hoặc sửa điểm được.")
                    % {"state": sheet.get_state_display()}
                )
            if member.sheet_id != sheet.pk:
                raise ValidationError({"member": _("Đơn vị này không có trong bảng điểm.")})
            if criterion.sheet_id != sheet.pk:
                raise ValidationError({"criterion": _("Tiêu chí này không thuộc bảng điểm.")})
            if SheetCriterion.objects.filter(parent=criterion).exists():
                raise ValidationError(
                    {"criterion": _("Tiêu chí %(code)s có tiêu chí thành phần: hãy chấm điểm từng tiêu chí thành "
                                    "phần.") % {"code": _label(criterion)}}
                )  # fmt: skip
            if criterion.source != CriterionSource.MANUAL:
                raise ValidationError(
                    {"criterion": _("Tiêu chí %(code)s do hệ thống tự tính (%(source)s), không nhập điểm.")
                     % {"code": _label(criterion), "source": criterion.get_source_display()}}
                )  # fmt: skip
            value = _as_points(points, criterion)
            kind = ScoreKind.SELF if scorer_unit.pk == member.unit_id else ScoreKind.CROSS
            if kind == ScoreKind.CROSS and not _member_of(sheet.cluster_id, sheet.year, scorer_unit):
                raise ValidationError({"scorer_unit": _not_a_member(scorer_unit, sheet.cluster, sheet.year)})
            current = (
                Score.objects.select_for_update()
                .filter(criterion=criterion, member=member, scorer_unit=scorer_unit)
                .first()
            )
            if current is not None and current.submitted_at is not None and not reason:
                message = _("Điểm tiêu chí %(code)s đã gửi: hãy ghi lý do sửa điểm.")
                raise ValidationError({"reason": message % {"code": _label(criterion)}})
            old_points = current.points if current is not None else None
            item = current or Score(sheet=sheet, criterion=criterion, member=member, scorer_unit=scorer_unit)
            item.kind = kind
            item.points = value
            item.evidence = evidence or ""
            item.scored_by = acting_user(by)
            item.full_clean()
            item.save()
            if checked:
                stored = [store_upload(entry, by=by, allowed=ATTACHMENTS, field="evidence_files") for entry in checked]
                item.evidence_files.add(*stored)
            if current is not None and current.submitted_at is not None:
                revision = ScoreRevision(score=item, old_points=old_points, new_points=value, reason=reason,
                                         changed_by=acting_user(by))  # fmt: skip
                revision.full_clean(exclude=["changed_by"])  # None when the system (the demo) revises
                revision.save()
                record_action(item, code="movements.score.revised", by=by, reason=reason,
                              data={"old": str(old_points), "new": str(value)})  # fmt: skip
            recompute(sheet)
    except Exception:
        discard(stored)
        raise
    return item


@transaction.atomic
def submit_scores(sheet: ScoreSheet, *, by, scorer_unit: OrgUnit) -> list[Score]:
    """The scorer unit sends the scores it has typed: they count from now on. A member's self-scores must cover
    every typed (not computed) leaf criterion; sending them marks the member's self-score as sent."""
    sheet = _locked_sheet(sheet)
    if sheet.state not in SCORING_STATES:
        raise ValidationError(
            _("Bảng điểm đang ở trạng thái “%(state)s”: không gửi điểm được.") % {"state": sheet.get_state_display()}
        )
    if not _member_of(sheet.cluster_id, sheet.year, scorer_unit):
        raise ValidationError({"scorer_unit": _not_a_member(scorer_unit, sheet.cluster, sheet.year)})
    pending = list(Score.objects.filter(sheet=sheet, scorer_unit=scorer_unit, submitted_at__isnull=True))
    own_member = sheet.members.filter(unit=scorer_unit).first()
    now = timezone.now()
    marks_self = False
    sends_self = any(item.kind == ScoreKind.SELF for item in pending)
    if own_member is not None and own_member.self_submitted_at is None and (sends_self or not pending):
        # Self-scores go up whole: every typed leaf criterion, or none (cross scores may go up before them).
        typed = set(
            Score.objects.filter(sheet=sheet, member=own_member, scorer_unit=scorer_unit).values_list(
                "criterion_id", flat=True
            )
        )
        leaves = sheet.criteria.filter(children__isnull=True, source=CriterionSource.MANUAL)
        missing = [_label(item) for item in leaves if item.pk not in typed]
        if missing:
            raise ValidationError(_("Tự chấm chưa đủ: còn thiếu tiêu chí %(codes)s.") % {"codes": ", ".join(missing)})
        marks_self = True
    if not pending and not marks_self:
        raise ValidationError(_("Không có điểm nào mới để gửi."))
    with acting_as(by):
        for item in pending:
            item.submitted_at = now
        Score.objects.bulk_update(pending, ["submitted_at"])
        if marks_self and own_member.self_submitted_at is None:
            own_member.self_submitted_at = now
            own_member.save(update_fields=["self_submitted_at"])
        record_action(sheet, code="movements.scoresheet.scores_submitted", by=by,
                      data={"scorer_unit": scorer_unit.pk, "scores": len(pending)})  # fmt: skip
        recompute(sheet)
    return pending


@transaction.atomic
def publish_sheet(sheet: ScoreSheet, *, by) -> ScoreSheet:
    """Scoring → published, once every member has sent its self-score; the computed criteria are refreshed."""
    sheet = _locked_sheet(sheet)
    if sheet.state != SheetState.SCORING:
        raise _state_error(sheet, SheetState.SCORING)
    waiting = [member.unit.name for member in sheet.members.select_related("unit").filter(self_submitted_at=None)]
    if waiting:
        raise ValidationError(
            _("Chưa công bố được: các đơn vị chưa gửi tự chấm: %(units)s.") % {"units": ", ".join(sorted(waiting))}
        )
    sheet.state = SheetState.PUBLISHED
    sheet.published_at = timezone.now()
    with acting_as(by):
        sheet.full_clean()
        sheet.save()
        refresh_computed(sheet, by=by)
        recompute(sheet)
        record_action(sheet, code="movements.scoresheet.published", by=by,
                      data={"from": SheetState.SCORING, "to": SheetState.PUBLISHED})  # fmt: skip
    return sheet


@transaction.atomic
def lock_sheet(sheet: ScoreSheet, *, by) -> ScoreSheet:
    """Published → locked: no score changes any more; each member gets its proposal by step 5 of the rule."""
    sheet = _locked_sheet(sheet)
    if sheet.state != SheetState.PUBLISHED:
        raise _state_error(sheet, SheetState.PUBLISHED)
    members = recompute(sheet)
    for member in members:
        member.proposal = proposal_for(member.rank, flag_count=sheet.flag_count,
                                       certificate_count=sheet.certificate_count)  # fmt: skip
    ties = cut_ties(members, flag_count=sheet.flag_count, certificate_count=sheet.certificate_count)
    sheet.state = SheetState.LOCKED
    sheet.locked_at = timezone.now()
    with acting_as(by):
        SheetMember.objects.bulk_update(members, ["proposal"])
        sheet.full_clean()
        sheet.save()
        record_action(
            sheet, code="movements.scoresheet.locked", by=by,
            data={"from": SheetState.PUBLISHED, "to": SheetState.LOCKED,
                  "proposals": {str(member.unit_id): member.proposal for member in members if member.proposal},
                  "tie_at_cut": {proposal: [member.unit_id for member in group] for proposal, group in ties.items()}},
        )  # fmt: skip
    return sheet
