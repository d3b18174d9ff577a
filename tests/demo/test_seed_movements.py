"""``thidua seed_demo``: the "Mục tiêu kép" movement of 2021, its answers, sub-movement, models and cluster sheet."""

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

from django.core.management import call_command

from thidua.demo import muc_tieu_kep as plan
from thidua.dossiers.enums import DossierState, EntrySource
from thidua.dossiers.models import DossierEntry
from thidua.movements.enums import (
    AnswerState,
    Compliance,
    CriterionKind,
    CriterionSource,
    ExemplaryKind,
    ExemplaryState,
    MilestoneKind,
    MovementState,
    Proposal,
    SheetState,
)
from thidua.movements.models import (
    CollectivePledge,
    Covenant,
    CovenantSignature,
    Criterion,
    ExemplaryModel,
    IndividualPledge,
    Milestone,
    Movement,
    ProgressReport,
    Registration,
    Score,
    ScoreSheet,
    UnitPlan,
)
from thidua.orgs.models import ClusterMembership, Membership, OrgUnit

COUNTED = [Movement, Criterion, Milestone, UnitPlan, Registration, CollectivePledge, IndividualPledge, ProgressReport,
           ExemplaryModel, Covenant, CovenantSignature, ScoreSheet, Score, DossierEntry]  # fmt: skip


def movement() -> Movement:
    return Movement.objects.get(issuer_unit__code="HP", parent=None, title=plan.TITLE)


def compliance(model) -> Counter:
    return Counter(answer.compliance() for answer in model.objects.filter(movement=movement()).select_related(
        "milestone"))  # fmt: skip


def test_seed_movements_city_launched_the_plan(demo):
    found = movement()

    assert (found.state, found.kind, found.issuing_authority.kind.code) == (
        MovementState.LAUNCHED, "thematic", "ct_ubnd_tinh",
    )  # fmt: skip
    assert "Quyết định số 1497/QĐ-TTg ngày 10/9/2021" in found.legal_basis
    assert list(found.co_organisers.values_list("code", flat=True)) == ["HP-SYT"]
    assert (found.period_start, found.period_end) == (dt.date(2021, 10, 1), dt.date(2022, 12, 31))
    assert found.launched_at.date() == dt.date(2021, 10, 4)


def test_seed_movements_six_contents_in_the_plans_order(demo):
    titles = list(movement().contents.order_by("position").values_list("title", flat=True))

    assert titles == [title for title, _description in plan.CONTENTS]
    assert len(titles) == 6


def test_seed_movements_seven_target_groups_each_with_its_criteria(demo):
    groups = movement().target_groups.order_by("position")

    assert [group.name for group in groups] == [spec.name for spec in plan.TARGET_GROUPS]
    assert [group.criteria.count() for group in groups] == [len(spec.criteria) for spec in plan.TARGET_GROUPS]
    assert groups.get(name="Các doanh nghiệp, doanh nhân thuộc các thành phần kinh tế").unit_kinds.get().code == (
        "enterprise"
    )


def test_seed_movements_scoring_table_is_worth_one_hundred_points(demo):
    top = movement().criteria.filter(parent=None, max_points__isnull=False)

    standard = sum(top.filter(kind=CriterionKind.STANDARD).values_list("max_points", flat=True))
    assert standard == Decimal("100")
    assert top.filter(kind=CriterionKind.BONUS).count() == 1
    assert top.filter(kind=CriterionKind.PENALTY).count() == 1
    assert set(movement().criteria.exclude(source=CriterionSource.MANUAL).values_list("source", flat=True)) == {
        CriterionSource.REGISTRATION_ON_TIME, CriterionSource.REPORTS_ON_TIME,
    }  # fmt: skip


def test_seed_movements_awards_at_three_levels_in_their_2021_versions(demo):
    awards = movement().awards.select_related("award_type")

    assert {(award.level, award.award_type.code) for award in awards} == {
        ("state", "HCLD3"), ("state", "BK_TTG"), ("province", "BK_TINH"), ("grassroots", "GK"),
    }  # fmt: skip
    assert all(award.award_type.is_in_force(dt.date(2021, 10, 1)) for award in awards)


def test_seed_movements_milestones_in_2021_and_2022(demo):
    milestones = movement().milestones.all()

    assert {milestone.kind for milestone in milestones} == {
        MilestoneKind.PLAN, MilestoneKind.REGISTRATION, MilestoneKind.REPORT, MilestoneKind.INTERIM_REVIEW,
        MilestoneKind.FINAL_REVIEW,
    }  # fmt: skip
    assert {milestone.due_date.year for milestone in milestones} == {2021, 2022}
    assert {milestone.kind for milestone in milestones if milestone.requires_report} == {
        MilestoneKind.REPORT, MilestoneKind.INTERIM_REVIEW, MilestoneKind.FINAL_REVIEW,
    }  # fmt: skip


def test_seed_movements_every_unit_directly_under_the_city_owes_answers(demo):
    city = OrgUnit.objects.get(code="HP")
    owing = set(UnitPlan.objects.filter(movement=movement()).values_list("unit__code", flat=True))

    assert owing == set(city.children.filter(is_external=False).values_list("code", flat=True))
    assert ProgressReport.objects.filter(movement=movement()).count() == 3 * len(owing)


def test_seed_movements_most_plans_on_time_some_late_some_missing(demo):
    counts = compliance(UnitPlan)

    assert counts[Compliance.ON_TIME] > sum(counts.values()) / 2
    assert counts[Compliance.LATE] > 0
    assert counts[Compliance.MISSING] > 0


def test_seed_movements_most_registrations_on_time_some_late_some_missing(demo):
    counts = compliance(Registration)

    assert counts[Compliance.ON_TIME] > sum(counts.values()) / 2
    assert counts[Compliance.LATE] > 0
    assert counts[Compliance.MISSING] > 0


def test_seed_movements_most_reports_on_time_some_late_some_missing(demo):
    counts = compliance(ProgressReport)

    assert counts[Compliance.ON_TIME] > sum(counts.values()) / 2
    assert counts[Compliance.LATE] > 0
    assert counts[Compliance.MISSING] > 0


def test_seed_movements_answers_were_sent_in_2021_and_2022(demo):
    for model in (UnitPlan, Registration, ProgressReport):
        sent = model.objects.filter(submitted_at__isnull=False)
        years = {moment.year for moment in sent.values_list("submitted_at", flat=True)}
        assert sent.exists()
        assert years <= {2021, 2022}


def test_seed_movements_registrations_approved_and_two_returned_with_a_reason(demo):
    registrations = Registration.objects.filter(movement=movement())
    returned = registrations.filter(state=AnswerState.RETURNED)

    assert registrations.filter(state=AnswerState.APPROVED).count() >= 10
    assert sorted(returned.values_list("unit__code", flat=True)) == sorted(code for code, _reason in plan.RETURNED)
    assert all(registration.return_reason for registration in returned)


def test_seed_movements_pledges_name_each_units_own_people(demo):
    pledges = IndividualPledge.objects.filter(registration__movement=movement()).select_related(
        "registration__unit")  # fmt: skip

    assert pledges.count() >= 100
    for pledge in pledges[:40]:
        subtree = pledge.registration.unit.descendants(include_self=True)
        assert Membership.objects.current().filter(person=pledge.person_id, unit__in=subtree).exists()


def test_seed_movements_reports_carry_text_and_figures(demo):
    sent = ProgressReport.objects.filter(movement=movement(), state=AnswerState.PENDING)

    assert sent.exists()
    assert not sent.filter(text="").exists()
    assert all(report.figures and report.figures[0]["label"] for report in sent)


def test_seed_movements_le_chan_answers_with_its_own_movement_to_its_wards(demo):
    sub = Movement.objects.get(parent=movement())
    owing = UnitPlan.objects.filter(movement=sub)

    assert (sub.issuer_unit.code, sub.state) == ("HP-LC", MovementState.LAUNCHED)
    assert set(owing.values_list("unit__kind__code", flat=True)) == {"ward"}
    assert owing.count() == 15
    assert 0 < owing.filter(submitted_at__isnull=False).count() < 15
    assert set(Registration.objects.filter(movement=sub).values_list("reviewer_unit__code", flat=True)) == {"HP-LC"}
    assert Registration.objects.filter(movement=sub, state=AnswerState.APPROVED).exists()


def test_seed_movements_a_few_dozen_exemplary_models_of_three_kinds(demo):
    models = ExemplaryModel.objects.filter(movement=movement())

    assert models.count() >= 24
    assert set(models.values_list("kind", flat=True)) == set(ExemplaryKind.values)
    assert set(models.values_list("state", flat=True)) == set(ExemplaryState.values)
    assert models.filter(state=ExemplaryState.ACCEPTED, publish=True).count() >= 5
    assert models.filter(proposing_unit__code="HP-BHP").count() >= 3
    assert not models.filter(state__in=[ExemplaryState.NEEDS_MORE, ExemplaryState.DECLINED], board_note="").exists()


def test_seed_movements_exemplary_models_became_draft_entries(demo):
    entries = DossierEntry.objects.filter(source=EntrySource.EXEMPLARY_MODEL)

    assert entries.count() == sum(1 for spec in plan.EXEMPLARY_MODELS if spec.nominate)
    assert set(entries.values_list("dossier__state", flat=True)) == {DossierState.DRAFT}


def test_seed_movements_cluster_of_quan_signed_its_2021_covenant(demo):
    covenant = Covenant.objects.get(cluster__code=plan.CLUSTER, year=2021)
    members = ClusterMembership.objects.filter(cluster__code=plan.CLUSTER, year=2021)

    assert set(covenant.signatures.values_list("unit", flat=True)) == set(members.values_list("unit", flat=True))
    assert not covenant.signatures.filter(signer_name="").exists()


def test_seed_movements_cluster_sheet_locked_and_ranked(demo):
    sheet = ScoreSheet.objects.get(cluster__code=plan.CLUSTER, year=2021, movement=movement())
    members = list(sheet.members.select_related("unit").order_by("rank"))

    assert sheet.state == SheetState.LOCKED
    assert [member.rank for member in members] == list(range(1, 8))
    assert [member.proposal for member in members[:3]] == [Proposal.FLAG, Proposal.CERTIFICATE, Proposal.CERTIFICATE]
    assert members[0].unit.code == "HP-LC"
    assert sheet.scores.filter(kind="self").exists()
    assert sheet.scores.filter(kind="cross").exists()


def test_seed_movements_cluster_proposals_became_draft_entries(demo):
    sheet = ScoreSheet.objects.get(cluster__code=plan.CLUSTER, year=2021, movement=movement())

    award = {Proposal.FLAG: plan.SHEET_FLAG, Proposal.CERTIFICATE: plan.SHEET_CERTIFICATE}
    proposed = sheet.members.exclude(proposal=Proposal.NONE).select_related("unit")

    entries = DossierEntry.objects.filter(score_sheet=sheet).select_related("dossier", "award_type", "unit")

    assert {(entry.unit.code, entry.award_type.code) for entry in entries} == {
        (member.unit.code, award[member.proposal]) for member in proposed
    }
    assert entries.count() == 3
    assert {(entry.dossier.unit.code, entry.dossier.state) for entry in entries} == {("HP", DossierState.DRAFT)}


def test_seed_movements_second_run_creates_nothing(demo):
    before = {model.__name__: model.objects.count() for model in COUNTED}

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert {model.__name__: model.objects.count() for model in COUNTED} == before
