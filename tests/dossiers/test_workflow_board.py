"""The board's side after receiving: assigning an officer (by hand, or automatically by unit and load), appraising
with the checklist, approving what the authority may grant, rejecting, closing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.dossiers.workflow_scene import (
    BINH,
    HOA,
    appraised,
    check_all,
    entry_of,
    fresh,
    received,
    state_of,
    submitted,
)
from tests.factories.dossiers import DossierFactory
from thidua.dossiers import workflow
from thidua.dossiers.enums import CheckItem, ConsultationState, DossierState, EntryState, Recommendation
from thidua.dossiers.models import Consultation, DossierEntry, EntryCheck
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


# --- Assignment ----------------------------------------------------------------------------------------------


def open_dossier(scene, unit_key: str, officer_key: str, state=DossierState.SUBMITTED):
    return DossierFactory(unit=scene.units[unit_key], authority=scene.city_authority, state=state,
                          assignee=scene.users[officer_key])  # fmt: skip


def test_assign_by_hand_tells_the_officer(scene):
    dossier = submitted(scene)

    workflow.assign(dossier, by=scene.users["board_head"], officer=scene.users["board2"])

    assert fresh(dossier).assignee == scene.users["board2"]
    titles = list(Notification.objects.filter(user=scene.users["board2"]).values_list("title", flat=True))
    assert "Bạn được phân công thẩm định hồ sơ “Hồ sơ đề nghị khen thưởng phong trào “Mục tiêu kép””" in titles


def test_automatic_assignment_among_equals_goes_by_username(scene):
    dossier = submitted(scene)

    workflow.assign(dossier, by=scene.users["board_head"])

    assert fresh(dossier).assignee == scene.users["board"]  # bantdkt before bantdkt2


def test_automatic_assignment_goes_to_the_least_loaded_officer(scene):
    open_dossier(scene, "thuy_nguyen", "board")
    open_dossier(scene, "minh_duc", "board", state=DossierState.RECEIVED)
    open_dossier(scene, "thuy_nguyen", "board2")
    # A closed dossier is no load.
    open_dossier(scene, "thuy_nguyen", "board2", state=DossierState.CLOSED)
    open_dossier(scene, "minh_duc", "board2", state=DossierState.CLOSED)
    dossier = submitted(scene)

    workflow.assign(dossier, by=scene.users["board_head"])

    assert fresh(dossier).assignee == scene.users["board2"]


def test_automatic_assignment_keeps_a_unit_with_its_officer(scene):
    open_dossier(scene, "le_chan", "board2")
    open_dossier(scene, "thuy_nguyen", "board2")
    dossier = submitted(scene)

    workflow.assign(dossier, by=scene.users["board_head"])

    assert fresh(dossier).assignee == scene.users["board2"]  # already handles Lê Chân, though more loaded


def test_an_officer_must_sit_on_the_authoritys_board(scene):
    dossier = submitted(scene)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.assign(dossier, by=scene.users["board_head"], officer=scene.users["head"])

    assert refused.value.message_dict["officer"] == [
        "“Vũ Đức Thắng” không phải cán bộ Ban Thi đua - Khen thưởng của “Chủ tịch UBND thành phố Hải Phòng”."
    ]
    assert state_of(dossier) == before


# --- Appraisal -----------------------------------------------------------------------------------------------


def test_appraise_records_the_recommendation(scene):
    dossier = received(scene)
    entry = entry_of(dossier)
    check_all(entry)

    workflow.appraise(entry, by=scene.users["board"], recommendation=Recommendation.PROPOSE, notes="Đủ tiêu chuẩn.")

    entry = entry_of(dossier)
    assert (entry.state, entry.recommendation, entry.appraisal_notes, entry.appraised_by) == (
        EntryState.APPRAISED, Recommendation.PROPOSE, "Đủ tiêu chuẩn.", scene.users["board"],
    )  # fmt: skip


def test_appraisal_needs_every_checklist_item(scene):
    dossier = received(scene)
    entry = entry_of(dossier)
    check_all(entry)
    EntryCheck.objects.filter(entry=entry, item__in=[CheckItem.CAPS, CheckItem.DISCIPLINE]).update(ok=None)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.appraise(entry, by=scene.users["board"], recommendation=Recommendation.PROPOSE)

    assert refused.value.message_dict["checks"] == [
        "“Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố” chưa kiểm tra xong: Tỷ lệ, số lượng khống chế, "
        "Kỷ luật."
    ]
    assert state_of(dossier) == before


def test_appraisal_waits_for_the_dossier_to_be_received(scene):
    dossier = submitted(scene)
    entry = entry_of(dossier)
    check_all(entry)
    before = state_of(dossier)

    with pytest.raises(ValidationError):
        workflow.appraise(entry, by=scene.users["board"], recommendation=Recommendation.PROPOSE)

    assert state_of(dossier) == before


# --- Approval ------------------------------------------------------------------------------------------------


def test_the_board_head_approves_what_the_authority_grants(scene):
    dossier = appraised(scene)

    workflow.approve(entry_of(dossier), by=scene.users["board_head"])

    assert entry_of(dossier).state == EntryState.APPROVED


def test_can_grant_follows_the_award_types_granting_authorities(scene):
    assert workflow.can_grant(scene.city_authority, scene.awards["BK_TINH"]) is True
    assert workflow.can_grant(scene.city_authority, scene.awards["BK_TTG"]) is False
    assert workflow.can_grant(None, scene.awards["BK_TINH"]) is False


def test_an_award_above_the_authoritys_power_is_forwarded_not_approved(scene):
    dossier = appraised(scene, ((HOA, "BK_TTG"),))
    entry = entry_of(dossier)
    DossierEntry.objects.filter(pk=entry.pk).update(state=EntryState.VOTED)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.approve(entry, by=scene.users["board_head"])

    assert refused.value.message_dict["entry"] == [
        "“Bằng khen của Thủ tướng Chính phủ” vượt thẩm quyền của “Chủ tịch UBND thành phố Hải Phòng”: trình cấp trên."
    ]
    assert state_of(dossier) == before


def test_an_entry_the_officer_did_not_propose_is_not_approved(scene):
    dossier = appraised(scene, recommendation=Recommendation.NOT_PROPOSE)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.approve(entry_of(dossier), by=scene.users["board_head"])

    assert "recommendation" in refused.value.message_dict
    assert state_of(dossier) == before


def test_an_award_needing_the_council_waits_for_its_vote(scene):
    dossier = appraised(scene, ((HOA, "CSTD_TINH"),))
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.approve(entry_of(dossier), by=scene.users["board_head"])
    assert refused.value.message_dict["entry"] == [
        "“Nguyễn Thị Hoa – Chiến sĩ thi đua thành phố” cần Hội đồng Thi đua - Khen thưởng bỏ phiếu trước khi duyệt."
    ]
    assert state_of(dossier) == before

    DossierEntry.objects.filter(pk=entry_of(dossier).pk).update(state=EntryState.VOTED)
    workflow.approve(entry_of(dossier), by=scene.users["board_head"])
    assert entry_of(dossier).state == EntryState.APPROVED


def test_an_award_needing_public_consultation_waits_for_its_end(scene):
    award = scene.awards["BK_TINH"]
    award.needs_public_consultation = True
    award.save()
    dossier = appraised(scene)
    entry = entry_of(dossier)
    today = timezone.localdate()
    consultation = Consultation.objects.create(authority=scene.city_authority, title="Công khai", starts_on=today,
                                               ends_on=today + dt.timedelta(days=14), working_days=10)  # fmt: skip
    DossierEntry.objects.filter(pk=entry.pk).update(consultation=consultation, state=EntryState.IN_CONSULTATION)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.approve(entry_of(dossier), by=scene.users["board_head"])
    assert "consultation" in refused.value.message_dict
    assert state_of(dossier) == before

    Consultation.objects.filter(pk=consultation.pk).update(state=ConsultationState.CLOSED)
    workflow.approve(entry_of(dossier), by=scene.users["board_head"])
    assert entry_of(dossier).state == EntryState.APPROVED


# --- Rejection and closing -----------------------------------------------------------------------------------


def test_reject_keeps_the_reason_and_tells_the_unit(scene):
    dossier = appraised(scene)

    workflow.reject(entry_of(dossier), by=scene.users["board_head"], reason="Chưa đủ thời gian từ lần khen trước.")

    entry = entry_of(dossier)
    assert (entry.state, entry.decision_reason) == (EntryState.REJECTED, "Chưa đủ thời gian từ lần khen trước.")
    told = set(Notification.objects.filter(title__startswith="Không duyệt").values_list("user__username", flat=True))
    assert told == {"canbo.lechan", "thutruong.lechan"}


def test_close_needs_every_entry_done_here(scene):
    dossier = appraised(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    workflow.reject(entry_of(dossier), by=scene.users["board_head"], reason="Không đủ tiêu chuẩn.")
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.close(dossier, by=scene.users["board_head"])
    assert refused.value.message_dict["entries"] == [
        "Chưa thể kết thúc hồ sơ: còn đề nghị chưa xử lý xong (Trần Văn Bình – Bằng khen của Chủ tịch UBND thành "
        "phố: Đã thẩm định)."
    ]
    assert state_of(dossier) == before

    workflow.reject(entry_of(dossier, BINH), by=scene.users["board_head"], reason="Không đủ tiêu chuẩn.")
    workflow.close(dossier, by=scene.users["board_head"])
    dossier = fresh(dossier)
    assert (dossier.state, dossier.closed_at is not None, dossier.due_on) == (DossierState.CLOSED, True, None)
