"""Draft dossiers and their entries: by hand, from an accepted exemplary model (once), from a locked score sheet
(idempotent); and who may prepare them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.movements import CriterionFactory, MovementFactory
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from thidua.audit.models import AuditEntry
from thidua.catalog.models import RecipientKind
from thidua.dossiers import rules, services
from thidua.dossiers.enums import DossierKind, DossierState, EntrySource
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.movements import exemplary, scoring
from thidua.movements.enums import ExemplaryKind, ExemplaryState, MovementState
from thidua.orgs.models import ClusterRole
from thidua.orgs.services import set_cluster_members

pytestmark = pytest.mark.django_db

YEAR = 2021


@pytest.fixture
def movement(city):
    return MovementFactory(issuer_unit=city["root"], state=MovementState.LAUNCHED,
                           title="Thi đua thực hiện mục tiêu kép")  # fmt: skip


@pytest.fixture
def individual_award(db):
    return AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", recipient_kinds=[RecipientKind.INDIVIDUAL])


@pytest.fixture
def collective_award(db):
    return AwardTypeFactory(code="BK_TP", name="Bằng khen của Chủ tịch UBND thành phố",
                            recipient_kinds=[RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE])  # fmt: skip


@pytest.fixture
def flag_award(db):
    return AwardTypeFactory(
        code="CO_TP", name="Cờ thi đua của UBND thành phố", recipient_kinds=[RecipientKind.COLLECTIVE]
    )


@pytest.fixture
def board(city):
    return user_with_role("board_officer", city["root"], username="ban.tdkt", full_name="Phạm Văn Bình")


def accepted_model(city, board, movement, **subject):
    model = exemplary.submit_exemplary_model(
        by=None, proposing_unit=city["le_chan"], kind=ExemplaryKind.ADVANCED_EXAMPLE, movement=movement,
        title="Bà Nguyễn Thị Hoa, tổ trưởng tổ COVID cộng đồng", story="Vận động 120 hộ tiêm vắc-xin…", **subject,
    )  # fmt: skip
    return exemplary.review_exemplary_model(model, by=board, state=ExemplaryState.ACCEPTED)


# --- Draft dossiers and entries by hand --------------------------------------------------------------------------


def test_draft_dossier_for_is_created_once_and_reused(city, movement, le_chan_officer):
    first = services.draft_dossier_for(city["le_chan"], by=le_chan_officer, movement=movement)

    again = services.draft_dossier_for(city["le_chan"], by=le_chan_officer, movement=movement)

    assert again == first
    assert (first.title, first.kind, first.state, first.created_by) == (
        "Hồ sơ đề nghị khen thưởng – Thi đua thực hiện mục tiêu kép", DossierKind.MOVEMENT, DossierState.DRAFT,
        le_chan_officer,
    )  # fmt: skip


def test_draft_dossier_for_makes_a_new_draft_once_the_old_one_is_sent(city, movement):
    sent = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)
    Dossier.objects.filter(pk=sent.pk).update(state=DossierState.SUBMITTED)

    fresh = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)

    assert fresh != sent
    assert fresh.state == DossierState.DRAFT


def test_draft_dossier_without_a_movement_is_kept_by_kind_and_year(city):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, kind=DossierKind.AD_HOC, year=YEAR)

    assert dossier.title == "Hồ sơ đề nghị khen thưởng – Đột xuất năm 2021"
    assert services.draft_dossier_for(city["le_chan"], by=None, kind=DossierKind.AD_HOC, year=2022) != dossier


def test_add_entry_for_a_person(city, movement, le_chan_person, individual_award, le_chan_officer):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)

    entry = services.add_entry(dossier, by=le_chan_officer, award_type=individual_award, person=le_chan_person,
                               achievement="Hoàn thành xuất sắc nhiệm vụ")  # fmt: skip

    assert (entry.nominee, entry.source, entry.created_by) == (le_chan_person, EntrySource.MANUAL, le_chan_officer)
    assert AuditEntry.objects.filter(code="dossiers.dossierentry.added").count() == 1


def test_add_entry_with_an_award_type_not_for_the_nominee_is_refused(city, movement, individual_award):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)

    with pytest.raises(ValidationError) as refused:
        services.add_entry(dossier, by=None, award_type=individual_award, unit=city["an_bien"])

    assert refused.value.message_dict == {"award_type": ["“Lao động tiên tiến” không dành cho tập thể."]}


def test_add_entry_with_two_nominees_is_refused(city, movement, le_chan_person, collective_award):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)

    with pytest.raises(ValidationError) as refused:
        services.add_entry(dossier, by=None, award_type=collective_award, person=le_chan_person, unit=city["an_bien"])

    assert refused.value.message_dict == {
        "person": ["Chọn đúng một đối tượng đề nghị: cá nhân, tập thể hoặc hộ gia đình."]
    }


def test_add_entry_twice_for_the_same_nominee_and_award_is_refused(city, movement, collective_award):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)
    services.add_entry(dossier, by=None, award_type=collective_award, unit=city["an_bien"])

    with pytest.raises(ValidationError) as refused:
        services.add_entry(dossier, by=None, award_type=collective_award, unit=city["an_bien"])

    assert refused.value.message_dict == {
        "award_type": ["“Phường An Biên” đã được đề nghị “Bằng khen của Chủ tịch UBND thành phố” trong hồ sơ này."]
    }


def test_add_entry_to_a_sent_dossier_is_refused(city, movement, collective_award):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)
    Dossier.objects.filter(pk=dossier.pk).update(state=DossierState.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        services.add_entry(dossier, by=None, award_type=collective_award, unit=city["an_bien"])

    assert refused.value.messages == [
        "Hồ sơ “Hồ sơ đề nghị khen thưởng – Thi đua thực hiện mục tiêu kép” đã ở trạng thái “Đã trình”: chỉ sửa được "
        "hồ sơ dự thảo."
    ]


def test_remove_entry_from_a_draft(city, movement, collective_award):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)
    entry = services.add_entry(dossier, by=None, award_type=collective_award, unit=city["an_bien"])

    services.remove_entry(entry, by=None)

    assert not DossierEntry.objects.exists()
    assert AuditEntry.objects.filter(code="dossiers.dossier.entry_removed").count() == 1


def test_remove_entry_from_a_sent_dossier_is_refused(city, movement, collective_award):
    dossier = services.draft_dossier_for(city["le_chan"], by=None, movement=movement)
    entry = services.add_entry(dossier, by=None, award_type=collective_award, unit=city["an_bien"])
    Dossier.objects.filter(pk=dossier.pk).update(state=DossierState.SUBMITTED)

    with pytest.raises(ValidationError):
        services.remove_entry(entry, by=None)

    assert DossierEntry.objects.get() == entry


# --- From an exemplary model ---------------------------------------------------------------------------------------


def test_entry_from_exemplary_model_goes_into_the_proposing_units_draft(city, movement, board, le_chan_person,
                                                                        individual_award):  # fmt: skip
    model = accepted_model(city, board, movement, subject_person=le_chan_person)

    entry = services.entry_from_exemplary_model(model, by=board, award_type=individual_award)

    assert (entry.dossier.unit, entry.dossier.movement, entry.dossier.state) == (
        city["le_chan"], movement, DossierState.DRAFT,
    )  # fmt: skip
    assert (entry.person, entry.award_type, entry.source, entry.exemplary_model) == (
        le_chan_person, individual_award, EntrySource.EXEMPLARY_MODEL, model,
    )  # fmt: skip
    assert entry.achievement.startswith("Bà Nguyễn Thị Hoa, tổ trưởng tổ COVID cộng đồng\n\nVận động 120 hộ")


def test_entry_from_exemplary_model_a_second_time_is_refused_naming_the_entry(city, movement, board, le_chan_person,
                                                                              individual_award):  # fmt: skip
    model = accepted_model(city, board, movement, subject_person=le_chan_person)
    services.entry_from_exemplary_model(model, by=board, award_type=individual_award)

    with pytest.raises(ValidationError) as refused:
        services.entry_from_exemplary_model(model, by=board, award_type=individual_award)

    assert refused.value.message_dict == {
        "exemplary_model": ["Mô hình này đã được đề nghị: “Nguyễn Thị Hoa: Lao động tiên tiến” trong hồ sơ “Hồ sơ đề "
                            "nghị khen thưởng – Thi đua thực hiện mục tiêu kép”."]
    }  # fmt: skip
    assert DossierEntry.objects.count() == 1


def test_entry_from_a_model_not_accepted_is_refused(city, movement, le_chan_person, individual_award):
    model = exemplary.submit_exemplary_model(by=None, proposing_unit=city["le_chan"], kind=ExemplaryKind.GOOD_DEED,
                                             title="Người tốt", story="…", subject_person=le_chan_person)  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        services.entry_from_exemplary_model(model, by=None, award_type=individual_award)

    assert refused.value.message_dict == {
        "exemplary_model": ["Chỉ đề nghị khen thưởng từ mô hình, điển hình đã được công nhận (hiện: “Chờ xem xét”)."]
    }
    assert not Dossier.objects.exists()


def test_entry_from_a_model_with_only_a_name_is_refused(city, movement, board, individual_award):
    model = accepted_model(city, board, movement, subject_name="Ông Nguyễn Văn Tư")

    with pytest.raises(ValidationError) as refused:
        services.entry_from_exemplary_model(model, by=board, award_type=individual_award)

    assert list(refused.value.message_dict) == ["exemplary_model"]


def test_entry_from_a_unit_model_needs_a_collective_award(city, movement, board, individual_award):
    model = accepted_model(city, board, movement, subject_unit=city["an_bien"])

    with pytest.raises(ValidationError) as refused:
        services.entry_from_exemplary_model(model, by=board, award_type=individual_award)

    assert refused.value.message_dict == {"award_type": ["“Lao động tiên tiến” không dành cho tập thể."]}
    assert not DossierEntry.objects.exists()


def test_draft_dossier_for_an_exemplary_model_without_movement_is_ad_hoc(city, board, le_chan_person,
                                                                         individual_award):  # fmt: skip
    model = accepted_model(city, board, None, subject_person=le_chan_person)

    entry = services.entry_from_exemplary_model(model, by=board, award_type=individual_award)

    assert (entry.dossier.kind, entry.dossier.movement, entry.dossier.year) == (
        DossierKind.AD_HOC, None, timezone.localdate(model.created_at).year,
    )  # fmt: skip


# --- From a score sheet ----------------------------------------------------------------------------------------------


@pytest.fixture
def cluster_scene(city, movement, flag_award, collective_award):
    """A cluster of three districts with a one-criterion sheet: flag for rank 1, certificate for rank 2."""
    ngo_quyen = OrgUnitFactory(code="HP-NQ", name="Quận Ngô Quyền", parent=city["root"])
    units = [city["le_chan"], city["thuy_nguyen"], ngo_quyen]
    cluster = ClusterFactory(organiser=city["root"], name="Cụm thi đua các quận")
    set_cluster_members(cluster, by=None, year=YEAR, members={units[0]: ClusterRole.LEADER,
                                                              units[1]: ClusterRole.MEMBER,
                                                              units[2]: ClusterRole.MEMBER})  # fmt: skip
    CriterionFactory(movement=movement, code="1", position=1, max_points=Decimal("100"))
    sheet = scoring.create_score_sheet(by=None, cluster=cluster, year=YEAR, movement=movement, flag_count=1,
                                       certificate_count=1, flag_award_type=flag_award,
                                       certificate_award_type=collective_award)  # fmt: skip
    return {"sheet": scoring.open_scoring(sheet, by=None), "units": units}


def score_and_lock(scene, points: list[str]):
    sheet = scene["sheet"]
    criterion = sheet.criteria.get()
    for unit, value in zip(scene["units"], points, strict=True):
        scoring.score(sheet, by=None, member=sheet.members.get(unit=unit), criterion=criterion, scorer_unit=unit,
                      points=value)  # fmt: skip
        scoring.submit_scores(sheet, by=None, scorer_unit=unit)
    return scoring.lock_sheet(scoring.publish_sheet(sheet, by=None), by=None)


def test_entries_from_score_sheet_propose_the_flag_and_the_certificate(city, movement, cluster_scene, board):
    sheet = score_and_lock(cluster_scene, ["90", "95", "70"])

    entries = services.entries_from_score_sheet(sheet, by=board)

    assert [(entry.unit.name, entry.award_type.code, entry.source) for entry in entries] == [
        ("Huyện Thủy Nguyên", "CO_TP", EntrySource.SCORE_SHEET),
        ("Quận Lê Chân", "BK_TP", EntrySource.SCORE_SHEET),
    ]
    dossier = entries[0].dossier
    assert (dossier.unit, dossier.movement, dossier.state) == (city["root"], movement, DossierState.DRAFT)
    assert entries[0].achievement == "Xếp thứ 1/3 của Cụm thi đua các quận năm 2021 với 95,00 điểm."


def test_entries_from_score_sheet_are_idempotent(cluster_scene, board):
    sheet = score_and_lock(cluster_scene, ["90", "95", "70"])
    first = services.entries_from_score_sheet(sheet, by=board)

    again = services.entries_from_score_sheet(sheet, by=board)

    assert again == first
    assert (DossierEntry.objects.count(), Dossier.objects.count()) == (2, 1)


def test_entries_from_score_sheet_with_a_tie_at_the_flag_cut_propose_both_and_say_vote(cluster_scene, board):
    sheet = score_and_lock(cluster_scene, ["95", "95", "70"])

    entries = services.entries_from_score_sheet(sheet, by=board)

    assert sorted((entry.unit.name, entry.award_type.code) for entry in entries) == [
        ("Huyện Thủy Nguyên", "CO_TP"), ("Quận Lê Chân", "CO_TP"),
    ]  # fmt: skip
    assert all(entry.achievement.endswith("Đồng hạng ở ngưỡng đề nghị: cụm, khối cần bỏ phiếu.") for entry in entries)


def test_entries_from_a_sheet_not_locked_are_refused(cluster_scene):
    with pytest.raises(ValidationError) as refused:
        services.entries_from_score_sheet(cluster_scene["sheet"], by=None)

    assert refused.value.message_dict == {
        "score_sheet": ["Chỉ tạo đề nghị từ bảng điểm đã khóa (hiện: “Đang chấm điểm”)."]
    }


def test_entries_from_a_sheet_without_a_flag_award_type_are_refused(cluster_scene):
    sheet = cluster_scene["sheet"]
    type(sheet).objects.filter(pk=sheet.pk).update(flag_award_type=None)
    sheet = score_and_lock(cluster_scene, ["90", "95", "70"])

    with pytest.raises(ValidationError) as refused:
        services.entries_from_score_sheet(sheet, by=None)

    assert refused.value.message_dict == {"flag_award_type": ["Bảng điểm chưa chọn danh hiệu cờ để đề nghị."]}


# --- Rules ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "at", "unit", "expected"),
    [
        ("unit_officer", "le_chan", "le_chan", True),
        ("unit_head", "le_chan", "an_bien", True),
        ("admin", "root", "an_bien", True),
        ("unit_officer", "an_bien", "le_chan", False),
        ("unit_officer", "thuy_nguyen", "le_chan", False),
        ("board_officer", "root", "le_chan", False),
        ("media", "le_chan", "le_chan", False),
    ],
)
def test_can_prepare_dossier(city, role, at, unit, expected):
    user = user_with_role(role, city[at])

    assert rules.can_prepare_dossier(user, city[unit]) is expected


@pytest.mark.parametrize(
    ("role", "at", "expected"),
    [
        ("board_officer", "root", True),
        ("board_head", "root", True),
        ("admin", "root", True),
        ("board_officer", "le_chan", False),
        ("unit_officer", "root", False),
    ],
)
def test_can_propose_from(city, role, at, expected):
    user = user_with_role(role, city[at])

    assert rules.can_propose_from(user, city["root"]) is expected


def test_inactive_user_may_not_prepare_dossiers(city):
    user = user_with_role("unit_officer", city["le_chan"], is_active=False)

    assert rules.can_prepare_dossier(user, city["le_chan"]) is False
