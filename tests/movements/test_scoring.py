"""Covenants and score sheets through the services: building a sheet, what may be typed, what counts, revisions,
computed criteria, publishing and locking. The ranking rule itself is tested step by step in test_ranking.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.movements import CriterionFactory, MilestoneFactory, MovementFactory, TargetGroupFactory
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from tests.factories.records import AwardFactory
from thidua.audit.models import AuditEntry
from thidua.catalog.models import RecipientKind
from thidua.movements import scoring
from thidua.movements.enums import (
    AnswerState,
    CriterionKind,
    CriterionSource,
    ExemplaryKind,
    ExemplaryState,
    MilestoneKind,
    MovementState,
    Proposal,
    ScoreKind,
    SheetState,
)
from thidua.movements.models import (
    CovenantSignature,
    ExemplaryModel,
    ProgressReport,
    Registration,
    Score,
    ScoreRevision,
    SheetCriterion,
    UnitPlan,
)
from thidua.orgs.models import ClusterRole
from thidua.orgs.services import set_cluster_members

pytestmark = pytest.mark.django_db

YEAR = 2021
D = Decimal


def sent_at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


@pytest.fixture
def board_officer(city):
    return user_with_role("board_officer", city["root"], username="ban.tdkt", full_name="Phạm Văn Bình",
                          position="Chuyên viên Ban Thi đua - Khen thưởng")  # fmt: skip


@pytest.fixture
def scene(city):
    """A launched movement with a scored tree (1 → 1.1, 1.2; 2 computed; 3 bonus; 4 penalty; 5 not scored) and a
    cluster of three districts in 2021, Lê Chân leading."""
    root = city["root"]
    ngo_quyen = OrgUnitFactory(code="HP-NQ", name="Quận Ngô Quyền", kind=city["le_chan"].kind, parent=root)
    movement = MovementFactory(issuer_unit=root, state=MovementState.LAUNCHED, title="Thi đua thực hiện mục tiêu kép")
    deadline = MilestoneFactory(movement=movement, kind=MilestoneKind.REGISTRATION, due_date=dt.date(2021, 10, 31))
    c1 = CriterionFactory(movement=movement, code="1", position=1, text="Tổ chức phong trào", max_points=D("30"))
    c11 = CriterionFactory(movement=movement, parent=c1, code="1.1", position=1, max_points=D("20"))
    c12 = CriterionFactory(movement=movement, parent=c1, code="1.2", position=2, max_points=D("10"))
    c2 = CriterionFactory(movement=movement, code="2", position=2, max_points=D("10"),
                          source=CriterionSource.REGISTRATION_ON_TIME)  # fmt: skip
    c3 = CriterionFactory(movement=movement, code="3", position=3, max_points=D("5"), kind=CriterionKind.BONUS)
    c4 = CriterionFactory(movement=movement, code="4", position=4, max_points=D("5"), kind=CriterionKind.PENALTY)
    CriterionFactory(movement=movement, code="5", position=5, max_points=None, text="Tiêu chí không chấm điểm")
    cluster = ClusterFactory(organiser=root, name="Cụm thi đua các quận")
    units = {"le_chan": city["le_chan"], "thuy_nguyen": city["thuy_nguyen"], "ngo_quyen": ngo_quyen}
    set_cluster_members(cluster, by=None, year=YEAR, members={
        units["le_chan"]: ClusterRole.LEADER, units["thuy_nguyen"]: ClusterRole.MEMBER,
        units["ngo_quyen"]: ClusterRole.MEMBER,
    })  # fmt: skip
    return {"movement": movement, "deadline": deadline, "cluster": cluster, "units": units, "root": root,
            "criteria": {"1": c1, "1.1": c11, "1.2": c12, "2": c2, "3": c3, "4": c4}}  # fmt: skip


def make_sheet(scene, by=None, **fields):
    fields.setdefault("flag_count", 1)
    return scoring.create_score_sheet(by=by, cluster=scene["cluster"], year=YEAR, movement=scene["movement"], **fields)


def opened(scene, **fields):
    return scoring.open_scoring(make_sheet(scene, **fields), by=None)


def member(sheet, unit):
    return sheet.members.get(unit=unit)


def criterion(sheet, code):
    return sheet.criteria.get(code=code)


def self_score(sheet, unit, points: dict[str, str], *, submit=True):
    for code, value in points.items():
        scoring.score(sheet, by=None, member=member(sheet, unit), criterion=criterion(sheet, code), scorer_unit=unit,
                      points=value)  # fmt: skip
    if submit:
        scoring.submit_scores(sheet, by=None, scorer_unit=unit)


def register(scene, unit, day: dt.date | None, state=AnswerState.PENDING):
    return Registration.objects.create(
        movement=scene["movement"], unit=unit, milestone=scene["deadline"], reviewer_unit=scene["root"],
        state=state if day else AnswerState.NOT_SENT, submitted_at=sent_at(day) if day else None,
    )  # fmt: skip


# --- Covenants ---------------------------------------------------------------------------------------------------


def test_create_covenant_keeps_the_document_and_one_per_year(scene, board_officer):
    document = SimpleUploadedFile("Giao ước 2021.pdf", b"%PDF-1.4 giao uoc", content_type="application/pdf")

    covenant = scoring.create_covenant(by=board_officer, cluster=scene["cluster"], year=YEAR,
                                       title="Giao ước thi đua năm 2021", text="Các đơn vị cam kết…",
                                       movement=scene["movement"], document=document)  # fmt: skip

    assert (covenant.document.name, covenant.document.kind) == ("Giao ước 2021.pdf", "pdf")
    with pytest.raises(ValidationError) as refused:
        scoring.create_covenant(by=board_officer, cluster=scene["cluster"], year=YEAR, title="Lần hai", text="…")
    assert refused.value.message_dict == {"year": ["Cụm thi đua các quận đã có giao ước thi đua năm 2021."]}


def test_sign_covenant_names_the_signer_from_the_user(scene):
    le_chan = scene["units"]["le_chan"]
    head = user_with_role("unit_head", le_chan, username="chutich.lechan", full_name="Vũ Thị Mai",
                          position="Chủ tịch UBND quận")  # fmt: skip
    covenant = scoring.create_covenant(by=None, cluster=scene["cluster"], year=YEAR, title="Giao ước", text="…")

    signature = scoring.sign_covenant(covenant, by=head, unit=le_chan)

    assert (signature.signer_name, signature.signer_position, signature.signed_by) == (
        "Vũ Thị Mai", "Chủ tịch UBND quận", head,
    )  # fmt: skip


def test_sign_covenant_twice_is_refused(scene, le_chan_officer):
    covenant = scoring.create_covenant(by=None, cluster=scene["cluster"], year=YEAR, title="Giao ước", text="…")
    scoring.sign_covenant(covenant, by=le_chan_officer, unit=scene["units"]["le_chan"])

    with pytest.raises(ValidationError) as refused:
        scoring.sign_covenant(covenant, by=le_chan_officer, unit=scene["units"]["le_chan"])

    assert refused.value.message_dict == {"unit": ["Đơn vị “Quận Lê Chân” đã ký giao ước này."]}
    assert CovenantSignature.objects.count() == 1


def test_sign_covenant_by_a_unit_outside_the_cluster_is_refused(scene, city, le_chan_officer):
    covenant = scoring.create_covenant(by=None, cluster=scene["cluster"], year=YEAR, title="Giao ước", text="…")

    with pytest.raises(ValidationError) as refused:
        scoring.sign_covenant(covenant, by=le_chan_officer, unit=city["an_bien"])

    assert refused.value.message_dict == {"unit": ["Đơn vị “Phường An Biên” không phải thành viên Cụm thi đua các "
                                                   "quận năm 2021."]}  # fmt: skip


# --- Creating a sheet ----------------------------------------------------------------------------------------------


def test_create_score_sheet_copies_the_scored_criteria_tree_and_the_members(scene, board_officer):
    sheet = make_sheet(scene, by=board_officer)

    rows = [(row.position, row.code, row.parent.code if row.parent else None, row.max_points, row.source)
            for row in sheet.criteria.select_related("parent")]  # fmt: skip
    assert rows == [
        (1, "1", None, D("30"), CriterionSource.MANUAL),
        (2, "1.1", "1", D("20"), CriterionSource.MANUAL),
        (3, "1.2", "1", D("10"), CriterionSource.MANUAL),
        (4, "2", None, D("10"), CriterionSource.REGISTRATION_ON_TIME),
        (5, "3", None, D("5"), CriterionSource.MANUAL),
        (6, "4", None, D("5"), CriterionSource.MANUAL),
    ]
    assert sorted(sheet.members.values_list("unit__name", flat=True)) == [
        "Huyện Thủy Nguyên", "Quận Lê Chân", "Quận Ngô Quyền",
    ]  # fmt: skip
    assert (sheet.state, sheet.created_by) == (SheetState.DRAFT, board_officer)


def test_create_score_sheet_keeps_only_the_target_groups_criteria_and_the_common_ones(scene):
    movement = scene["movement"]
    districts = TargetGroupFactory(movement=movement, name="Quận, huyện")
    departments = TargetGroupFactory(movement=movement, name="Sở, ban, ngành")
    CriterionFactory(movement=movement, target_group=districts, code="6", position=6, max_points=D("10"))
    CriterionFactory(movement=movement, target_group=departments, code="7", position=7, max_points=D("10"))

    sheet = make_sheet(scene, target_group=districts)

    assert list(sheet.criteria.values_list("code", flat=True)) == ["1", "1.1", "1.2", "2", "3", "4", "6"]


def test_create_score_sheet_needs_two_members(scene):
    set_cluster_members(scene["cluster"], by=None, year=YEAR, members={scene["units"]["le_chan"]: ClusterRole.LEADER})

    with pytest.raises(ValidationError) as refused:
        make_sheet(scene)

    assert refused.value.message_dict == {
        "cluster": ["Cụm thi đua các quận năm 2021 cần ít nhất hai đơn vị thành viên để chấm điểm."]
    }


def test_create_score_sheet_needs_a_scored_criterion(scene):
    scene["movement"].criteria.update(max_points=None)

    with pytest.raises(ValidationError) as refused:
        make_sheet(scene)

    assert refused.value.message_dict == {"movement": ["Phong trào chưa có tiêu chí chấm điểm nào cho đối tượng này."]}


def test_create_score_sheet_refuses_a_flag_award_not_for_collectives(scene):
    individual = AwardTypeFactory(name="Chiến sĩ thi đua cơ sở", recipient_kinds=[RecipientKind.INDIVIDUAL])

    with pytest.raises(ValidationError) as refused:
        make_sheet(scene, flag_award_type=individual)

    assert refused.value.message_dict == {"flag_award_type": ["“Chiến sĩ thi đua cơ sở” không dành cho tập thể."]}


# --- Computed criteria -------------------------------------------------------------------------------------------


def test_open_scoring_computes_registration_on_time_versus_late(scene):
    units = scene["units"]
    register(scene, units["le_chan"], dt.date(2021, 10, 31))
    register(scene, units["thuy_nguyen"], dt.date(2021, 11, 2))
    register(scene, units["ngo_quyen"], None)

    sheet = opened(scene)

    computed = {
        score.member.unit.name: score.points
        for score in Score.objects.filter(sheet=sheet, kind=ScoreKind.COMPUTED).select_related("member__unit")
    }
    assert computed == {"Quận Lê Chân": D("10.00"), "Huyện Thủy Nguyên": D("0.00"), "Quận Ngô Quyền": D("0.00")}
    assert member(sheet, units["le_chan"]).total == D("10.00")


def test_returned_registration_is_not_sent_on_time(scene):
    register(scene, scene["units"]["le_chan"], dt.date(2021, 10, 20), state=AnswerState.RETURNED)

    sheet = opened(scene)

    assert Score.objects.get(sheet=sheet, member__unit=scene["units"]["le_chan"]).points == D("0.00")


def test_plan_on_time_is_computed_from_the_unit_plan(scene):
    movement = scene["movement"]
    plan_due = MilestoneFactory(movement=movement, kind=MilestoneKind.PLAN, due_date=dt.date(2021, 11, 15))
    scene["criteria"]["2"].source = CriterionSource.PLAN_ON_TIME
    scene["criteria"]["2"].save()
    UnitPlan.objects.create(movement=movement, unit=scene["units"]["le_chan"], milestone=plan_due,
                            state=AnswerState.PENDING, submitted_at=sent_at(dt.date(2021, 11, 1)))  # fmt: skip
    UnitPlan.objects.create(movement=movement, unit=scene["units"]["thuy_nguyen"], milestone=plan_due,
                            state=AnswerState.PENDING, submitted_at=sent_at(dt.date(2021, 12, 1)))  # fmt: skip

    sheet = opened(scene)

    assert [m.total for m in sheet.members.order_by("unit__code")] == [D("10.00"), D("0.00"), D("0.00")]


def test_reports_on_time_is_the_share_of_reports_due_that_year_sent_on_time(scene):
    movement = scene["movement"]
    scene["criteria"]["2"].source = CriterionSource.REPORTS_ON_TIME
    scene["criteria"]["2"].save()
    due = [MilestoneFactory(movement=movement, kind=MilestoneKind.REPORT, title=f"Báo cáo {n}", due_date=day,
                            requires_report=True)
           for n, day in enumerate([dt.date(2021, 6, 30), dt.date(2021, 9, 30), dt.date(2021, 12, 15),
                                    dt.date(2022, 6, 30)])]  # fmt: skip
    le_chan = scene["units"]["le_chan"]
    # Sent: on time, late, on time; the 2022 report is not due by the end of 2021.
    for milestone, day in zip(due, [dt.date(2021, 6, 30), dt.date(2021, 10, 5), dt.date(2021, 12, 1), None],
                              strict=True):  # fmt: skip
        ProgressReport.objects.create(movement=movement, unit=le_chan, milestone=milestone,
                                      state=AnswerState.PENDING if day else AnswerState.NOT_SENT,
                                      submitted_at=sent_at(day) if day else None)  # fmt: skip

    sheet = opened(scene)

    assert Score.objects.get(sheet=sheet, member__unit=le_chan).points == D("6.67")  # 10 × 2/3


def test_exemplary_models_count_accepted_models_by_or_about_the_unit(scene, city):
    movement = scene["movement"]
    scene["criteria"]["2"].source = CriterionSource.EXEMPLARY_MODELS
    scene["criteria"]["2"].max_points = D("2")
    scene["criteria"]["2"].save()
    le_chan, thuy_nguyen = scene["units"]["le_chan"], scene["units"]["thuy_nguyen"]

    def model(proposing, subject=None, state=ExemplaryState.ACCEPTED):
        return ExemplaryModel.objects.create(kind=ExemplaryKind.GOOD_MODEL, title="Mô hình", story="…",
                                             movement=movement, proposing_unit=proposing, subject_unit=subject,
                                             subject_name="" if subject else "Tổ dân phố 5", state=state)  # fmt: skip

    model(thuy_nguyen, subject=thuy_nguyen)  # by and about: counts once
    model(city["root"], subject=thuy_nguyen)  # about
    model(thuy_nguyen, state=ExemplaryState.SUBMITTED)  # not accepted
    for _n in range(3):
        model(le_chan)  # three, capped at the maximum 2

    sheet = opened(scene)

    points = dict(Score.objects.filter(sheet=sheet).values_list("member__unit__name", "points"))
    assert points == {"Quận Lê Chân": D("2.00"), "Huyện Thủy Nguyên": D("2.00"), "Quận Ngô Quyền": D("0.00")}


def test_awards_count_the_units_own_awards_of_the_sheets_year(scene):
    scene["criteria"]["2"].source = CriterionSource.AWARDS
    scene["criteria"]["2"].max_points = D("2")
    scene["criteria"]["2"].save()
    le_chan, thuy_nguyen = scene["units"]["le_chan"], scene["units"]["thuy_nguyen"]
    for _n in range(3):
        AwardFactory(person=None, unit=le_chan, year=YEAR)  # three, capped at the maximum 2
    AwardFactory(person=None, unit=thuy_nguyen, year=YEAR)
    AwardFactory(person=None, unit=thuy_nguyen, year=YEAR - 1)  # another year

    sheet = opened(scene)

    points = dict(Score.objects.filter(sheet=sheet).values_list("member__unit__name", "points"))
    assert points == {"Quận Lê Chân": D("2.00"), "Huyện Thủy Nguyên": D("1.00"), "Quận Ngô Quyền": D("0.00")}


def test_computed_criterion_cannot_be_typed(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "2"),
                      scorer_unit=le_chan, points="10")  # fmt: skip

    assert refused.value.message_dict == {
        "criterion": ["Tiêu chí 2 do hệ thống tự tính (Tự tính: đăng ký thi đua đúng hạn), không nhập điểm."]
    }


def test_publish_refreshes_computed_criteria(scene):
    units = scene["units"]
    sheet = opened(scene)
    register(scene, units["thuy_nguyen"], dt.date(2021, 10, 30))
    for unit in units.values():
        self_score(sheet, unit, {"1.1": "10", "1.2": "5", "3": "0", "4": "0"})

    sheet = scoring.publish_sheet(sheet, by=None)

    assert member(sheet, units["thuy_nguyen"]).total == D("25.00")


# --- Typing scores -------------------------------------------------------------------------------------------------


def test_score_above_the_maximum_is_refused_naming_the_criterion(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "1.1"),
                      scorer_unit=le_chan, points="20.5")  # fmt: skip

    assert refused.value.message_dict == {"points": ["Tiêu chí 1.1: điểm phải là số từ 0 đến 20."]}
    assert not Score.objects.filter(kind=ScoreKind.SELF).exists()


def test_negative_score_is_refused(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "3"),
                      scorer_unit=le_chan, points="-1")  # fmt: skip

    assert refused.value.message_dict == {"points": ["Tiêu chí 3: điểm phải là số từ 0 đến 5."]}


def test_score_on_a_parent_criterion_is_refused(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "1"),
                      scorer_unit=le_chan, points="25")  # fmt: skip

    assert refused.value.message_dict == {
        "criterion": ["Tiêu chí 1 có tiêu chí thành phần: hãy chấm điểm từng tiêu chí thành phần."]
    }


def test_score_kind_is_self_for_the_member_and_cross_for_another_member(scene):
    sheet = opened(scene)
    le_chan, thuy_nguyen = scene["units"]["le_chan"], scene["units"]["thuy_nguyen"]
    target = member(sheet, thuy_nguyen)

    own = scoring.score(sheet, by=None, member=target, criterion=criterion(sheet, "1.1"), scorer_unit=thuy_nguyen,
                        points="18")  # fmt: skip
    other = scoring.score(sheet, by=None, member=target, criterion=criterion(sheet, "1.1"), scorer_unit=le_chan,
                          points=D("15.5"), evidence="Biên bản kiểm tra ngày 10/12/2021")  # fmt: skip

    assert (own.kind, other.kind, other.points, other.evidence) == (
        ScoreKind.SELF, ScoreKind.CROSS, D("15.50"), "Biên bản kiểm tra ngày 10/12/2021",
    )  # fmt: skip


def test_cross_score_by_a_unit_outside_the_cluster_is_refused(scene, city):
    sheet = opened(scene)

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, scene["units"]["le_chan"]),
                      criterion=criterion(sheet, "1.1"), scorer_unit=city["an_bien"], points="10")  # fmt: skip

    assert refused.value.message_dict == {
        "scorer_unit": ["Đơn vị “Phường An Biên” không phải thành viên Cụm thi đua các quận năm 2021."]
    }


def test_score_keeps_evidence_files(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]
    upload = SimpleUploadedFile("Minh chứng.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")

    item = scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "1.1"),
                         scorer_unit=le_chan, points="12", evidence_files=[upload])  # fmt: skip

    assert [stored.name for stored in item.evidence_files.all()] == ["Minh chứng.pdf"]


def test_score_while_the_sheet_is_a_draft_is_refused(scene):
    sheet = make_sheet(scene)
    le_chan = scene["units"]["le_chan"]

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "1.1"),
                      scorer_unit=le_chan, points="10")  # fmt: skip

    assert refused.value.messages == ["Bảng điểm đang ở trạng thái “Dự thảo”: không chấm hoặc sửa điểm được."]


def test_unsubmitted_scores_do_not_count(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]

    self_score(sheet, le_chan, {"1.1": "15", "1.2": "8", "3": "2", "4": "0"}, submit=False)

    assert member(sheet, le_chan).total == D("0.00")
    scoring.submit_scores(sheet, by=None, scorer_unit=le_chan)
    assert member(sheet, le_chan).total == D("25.00")


def test_submitted_cross_scores_replace_the_self_score(scene):
    sheet = opened(scene)
    units = scene["units"]
    self_score(sheet, units["thuy_nguyen"], {"1.1": "20", "1.2": "10", "3": "0", "4": "0"})
    target = member(sheet, units["thuy_nguyen"])
    for scorer, points in ((units["le_chan"], "14"), (units["ngo_quyen"], "15")):
        scoring.score(sheet, by=None, member=target, criterion=criterion(sheet, "1.1"), scorer_unit=scorer,
                      points=points)  # fmt: skip
        scoring.submit_scores(sheet, by=None, scorer_unit=scorer)

    target.refresh_from_db()
    assert target.total == D("24.50")  # mean(14, 15) = 14.5 on 1.1, self 10 on 1.2


def test_stored_totals_round_half_up(scene):
    sheet = opened(scene)
    units = scene["units"]
    target = member(sheet, units["thuy_nguyen"])
    for scorer, points in ((units["le_chan"], "3.32"), (units["ngo_quyen"], "3.33")):
        scoring.score(sheet, by=None, member=target, criterion=criterion(sheet, "1.1"), scorer_unit=scorer,
                      points=points)  # fmt: skip
        scoring.submit_scores(sheet, by=None, scorer_unit=scorer)

    target.refresh_from_db()
    assert (target.base_total, target.total) == (D("3.33"), D("3.33"))  # 3.325 → 3.33, not 3.32


def test_changing_a_submitted_score_without_a_reason_is_refused(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]
    self_score(sheet, le_chan, {"1.1": "15", "1.2": "8", "3": "0", "4": "0"})

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "1.1"),
                      scorer_unit=le_chan, points="18")  # fmt: skip

    assert refused.value.message_dict == {"reason": ["Điểm tiêu chí 1.1 đã gửi: hãy ghi lý do sửa điểm."]}
    assert Score.objects.get(member__unit=le_chan, criterion__code="1.1").points == D("15.00")


def test_changing_a_submitted_score_with_a_reason_keeps_a_revision(scene, le_chan_officer):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]
    self_score(sheet, le_chan, {"1.1": "15", "1.2": "8", "3": "0", "4": "0"})

    reason = "Bổ sung minh chứng mô hình dân vận khéo"
    item = scoring.score(sheet, by=le_chan_officer, member=member(sheet, le_chan), criterion=criterion(sheet, "1.1"),
                         scorer_unit=le_chan, points="18", reason=reason)  # fmt: skip

    revision = ScoreRevision.objects.get()
    assert (revision.score, revision.old_points, revision.new_points, revision.reason, revision.changed_by) == (
        item, D("15.00"), D("18.00"), reason, le_chan_officer,
    )  # fmt: skip
    assert member(sheet, le_chan).total == D("26.00")
    assert AuditEntry.objects.filter(code="movements.score.revised").count() == 1


def test_changing_an_unsubmitted_score_needs_no_reason(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]
    self_score(sheet, le_chan, {"1.1": "15"}, submit=False)

    self_score(sheet, le_chan, {"1.1": "16"}, submit=False)

    assert Score.objects.get(member__unit=le_chan, criterion__code="1.1").points == D("16.00")
    assert not ScoreRevision.objects.exists()


# --- Submitting, publishing, locking ------------------------------------------------------------------------------


def test_submit_incomplete_self_scores_is_refused(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]
    self_score(sheet, le_chan, {"1.1": "15", "3": "1"}, submit=False)

    with pytest.raises(ValidationError) as refused:
        scoring.submit_scores(sheet, by=None, scorer_unit=le_chan)

    assert refused.value.messages == ["Tự chấm chưa đủ: còn thiếu tiêu chí 1.2, 4."]
    assert member(sheet, le_chan).self_submitted_at is None


def test_submit_self_scores_marks_the_member_as_sent(scene):
    sheet = opened(scene)
    le_chan = scene["units"]["le_chan"]

    self_score(sheet, le_chan, {"1.1": "15", "1.2": "8", "3": "1", "4": "0"})

    assert member(sheet, le_chan).self_submitted_at is not None
    assert not Score.objects.filter(scorer_unit=le_chan, submitted_at=None).exists()


def test_cross_scores_go_up_before_the_self_scores(scene):
    sheet = opened(scene)
    units = scene["units"]
    scoring.score(sheet, by=None, member=member(sheet, units["thuy_nguyen"]), criterion=criterion(sheet, "1.1"),
                  scorer_unit=units["le_chan"], points="12")  # fmt: skip

    sent = scoring.submit_scores(sheet, by=None, scorer_unit=units["le_chan"])

    assert [item.kind for item in sent] == [ScoreKind.CROSS]
    assert member(sheet, units["le_chan"]).self_submitted_at is None


def test_publish_needs_every_members_self_score(scene):
    sheet = opened(scene)
    self_score(sheet, scene["units"]["le_chan"], {"1.1": "15", "1.2": "8", "3": "1", "4": "0"})

    with pytest.raises(ValidationError) as refused:
        scoring.publish_sheet(sheet, by=None)

    assert refused.value.messages == [
        "Chưa công bố được: các đơn vị chưa gửi tự chấm: Huyện Thủy Nguyên, Quận Ngô Quyền."
    ]


def published(scene, totals: dict[str, str], **fields):
    """A published sheet where each member self-scored ``totals[unit key]`` on 1.1 (nothing else)."""
    sheet = opened(scene, **fields)
    for key, unit in scene["units"].items():
        self_score(sheet, unit, {"1.1": totals[key], "1.2": "0", "3": "0", "4": "0"})
    return scoring.publish_sheet(sheet, by=None)


def test_lock_sets_proposals_by_rank(scene, board_officer):
    sheet = published(scene, {"le_chan": "18", "thuy_nguyen": "20", "ngo_quyen": "12"}, flag_count=1,
                      certificate_count=1)  # fmt: skip

    sheet = scoring.lock_sheet(sheet, by=board_officer)

    rows = list(sheet.members.order_by("rank").values_list("unit__name", "rank", "tied", "proposal"))
    assert rows == [
        ("Huyện Thủy Nguyên", 1, False, Proposal.FLAG),
        ("Quận Lê Chân", 2, False, Proposal.CERTIFICATE),
        ("Quận Ngô Quyền", 3, False, Proposal.NONE),
    ]
    assert (sheet.state, sheet.locked_at is not None) == (SheetState.LOCKED, True)
    assert scoring.tie_at_cut(sheet) == []


def test_lock_with_a_tie_across_the_flag_cut_proposes_both_and_asks_the_cluster_to_vote(scene):
    sheet = published(scene, {"le_chan": "18", "thuy_nguyen": "18", "ngo_quyen": "12"}, flag_count=1,
                      certificate_count=1)  # fmt: skip

    sheet = scoring.lock_sheet(sheet, by=None)

    rows = list(sheet.members.order_by("rank", "unit__code").values_list("unit__name", "rank", "tied", "proposal"))
    assert rows == [
        ("Quận Lê Chân", 1, True, Proposal.FLAG),
        ("Huyện Thủy Nguyên", 1, True, Proposal.FLAG),
        ("Quận Ngô Quyền", 3, False, Proposal.NONE),
    ]
    assert sorted(m.unit.name for m in scoring.tie_at_cut(sheet)) == ["Huyện Thủy Nguyên", "Quận Lê Chân"]
    entry = AuditEntry.objects.get(code="movements.scoresheet.locked")
    assert sorted(entry.additional_data["tie_at_cut"][Proposal.FLAG]) == sorted(
        [scene["units"]["le_chan"].pk, scene["units"]["thuy_nguyen"].pk]
    )


def test_scores_change_while_published_with_a_reason(scene):
    sheet = published(scene, {"le_chan": "18", "thuy_nguyen": "20", "ngo_quyen": "12"})
    le_chan = scene["units"]["le_chan"]

    scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "1.1"),
                  scorer_unit=le_chan, points="20", reason="Sửa theo biên bản họp cụm")  # fmt: skip

    assert member(sheet, le_chan).total == D("20.00")


def test_score_after_lock_is_refused(scene):
    sheet = scoring.lock_sheet(published(scene, {"le_chan": "18", "thuy_nguyen": "20", "ngo_quyen": "12"}), by=None)
    le_chan = scene["units"]["le_chan"]

    with pytest.raises(ValidationError) as refused:
        scoring.score(sheet, by=None, member=member(sheet, le_chan), criterion=criterion(sheet, "1.1"),
                      scorer_unit=le_chan, points="20", reason="Muộn")  # fmt: skip

    assert refused.value.messages == ["Bảng điểm đang ở trạng thái “Đã khóa”: không chấm hoặc sửa điểm được."]


def test_lock_before_publishing_is_refused(scene):
    sheet = opened(scene)

    with pytest.raises(ValidationError) as refused:
        scoring.lock_sheet(sheet, by=None)

    assert refused.value.messages == ["Bảng điểm đang ở trạng thái “Đang chấm điểm”, cần ở trạng thái “Đã công bố”."]


def test_recompute_reads_a_fixed_number_of_queries_whatever_the_size(scene, city):
    small = opened(scene)
    extra = [OrgUnitFactory(name=f"Huyện thử {n}", parent=city["root"]) for n in range(5)]
    members = dict.fromkeys([*scene["units"].values(), *extra], ClusterRole.MEMBER)
    set_cluster_members(scene["cluster"], by=None, year=YEAR + 1, members=members)
    large = scoring.open_scoring(scoring.create_score_sheet(by=None, cluster=scene["cluster"], year=YEAR + 1,
                                                            movement=scene["movement"]), by=None)  # fmt: skip
    for sheet in (small, large):
        for m in sheet.members.select_related("unit"):
            scoring.score(sheet, by=None, member=m, criterion=criterion(sheet, "1.1"), scorer_unit=m.unit,
                          points="10")  # fmt: skip

    counts = []
    for sheet in (small, large):
        with CaptureQueriesContext(connection) as queries:
            scoring.recompute(sheet)
        counts.append(len(queries))

    assert large.members.count() == 8
    # Criteria, members, counted scores; one bulk UPDATE inside a savepoint.
    assert counts == [6, 6]


def test_sheet_criteria_are_kept_when_the_movement_changes(scene):
    sheet = make_sheet(scene)

    scene["criteria"]["1.1"].max_points = D("25")
    scene["criteria"]["1.1"].save()

    assert SheetCriterion.objects.get(sheet=sheet, code="1.1").max_points == D("20")
