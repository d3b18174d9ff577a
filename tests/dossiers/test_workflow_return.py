"""Returning for completion, per entry with its reason; the unit fixes and resubmits, and the resubmission shows what
changed; receiving; withdrawing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.dossiers.workflow_scene import (
    BINH,
    HOA,
    appraised,
    attach,
    draft,
    entry_of,
    fresh,
    received,
    returned,
    state_of,
    submitted,
)
from thidua.dossiers import workflow
from thidua.dossiers.enums import DossierState, EntryState
from thidua.dossiers.models import DossierAttachment, DossierEvent
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

TWO = ((HOA, "BK_TINH"), (BINH, "BK_TINH"))


def test_return_entry_keeps_the_reason_and_the_entry_as_it_was(scene):
    dossier = submitted(scene, TWO)
    entry = entry_of(dossier)

    workflow.return_entry(entry, by=scene.users["board"], reason="Báo cáo thành tích chưa có xác nhận của thủ trưởng.")

    entry = entry_of(dossier)
    event = DossierEvent.objects.get(entry=entry, action="return_entry")
    assert (entry.state, entry.return_reason, event.reason) == (
        EntryState.RETURNED, "Báo cáo thành tích chưa có xác nhận của thủ trưởng.",
        "Báo cáo thành tích chưa có xác nhận của thủ trưởng.",
    )  # fmt: skip
    assert (event.data["achievement"], event.data["attachments"]) == (
        "Thành tích của Nguyễn Thị Hoa năm 2025.", list(entry.attachments.values_list("pk", flat=True)),
    )  # fmt: skip
    assert fresh(dossier).state == DossierState.SUBMITTED


def test_return_dossier_tells_the_unit_and_starts_its_deadline(scene):
    dossier = submitted(scene, TWO)
    workflow.return_entry(entry_of(dossier), by=scene.users["board"], reason="Bổ sung số liệu.")

    workflow.return_dossier(dossier, by=scene.users["board"])

    dossier = fresh(dossier)
    told = set(Notification.objects.filter(title__startswith="Trả lại hồ sơ").values_list("user__username", flat=True))
    assert (dossier.state, dossier.due_on is not None, told) == (
        DossierState.RETURNED, True, {"canbo.lechan", "thutruong.lechan"},
    )  # fmt: skip
    assert DossierEvent.objects.get(dossier=dossier, action="return").data["entries"] == [entry_of(dossier).pk]


def test_a_whole_dossier_may_be_returned_with_a_reason(scene):
    dossier = submitted(scene)

    workflow.return_dossier(dossier, by=scene.users["board"], reason="Tờ trình chưa ký.")

    dossier = fresh(dossier)
    assert (dossier.state, dossier.return_reason) == (DossierState.RETURNED, "Tờ trình chưa ký.")


def test_returning_nothing_without_a_reason_is_refused(scene):
    dossier = submitted(scene)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.return_dossier(dossier, by=scene.users["board"], reason="  ")

    assert "reason" in refused.value.message_dict
    assert state_of(dossier) == before


def test_return_entry_without_a_reason_is_refused(scene):
    dossier = submitted(scene)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.return_entry(entry_of(dossier), by=scene.users["board"], reason="")

    assert "reason" in refused.value.message_dict
    assert state_of(dossier) == before


def test_the_unit_edits_a_returned_entry_only(scene):
    dossier = returned(scene, TWO)

    workflow.update_entry(entry_of(dossier), by=scene.users["officer"], achievement="Đã bổ sung số liệu năm 2025.")
    with pytest.raises(ValidationError):
        workflow.update_entry(entry_of(dossier, BINH), by=scene.users["officer"], achievement="Sửa thêm.")

    assert (entry_of(dossier).achievement, entry_of(dossier, BINH).achievement) == (
        "Đã bổ sung số liệu năm 2025.", "Thành tích của Trần Văn Bình năm 2025.",
    )  # fmt: skip


def test_resubmission_shows_what_changed_since_the_return(scene):
    dossier = returned(scene, TWO)
    entry = entry_of(dossier)
    old_report = entry.attachments.get()
    workflow.update_entry(entry, by=scene.users["officer"], achievement="Đã bổ sung số liệu năm 2025.")
    workflow.remove_attachment(old_report, by=scene.users["officer"])
    attach(scene, dossier, "bao_cao_thanh_tich", entry=entry, name="bao-cao-co-xac-nhan.pdf")

    workflow.resubmit(dossier, by=scene.users["head"])

    entry = entry_of(dossier)
    change = {
        "entry": entry.pk, "nominee": HOA, "fields": ["tóm tắt thành tích"],
        "added": ["Báo cáo thành tích: bao-cao-co-xac-nhan.pdf"],
        "removed": [f"Báo cáo thành tích: bao_cao_thanh_tich-{entry.pk}.pdf"],
    }  # fmt: skip
    entry_event = DossierEvent.objects.get(entry=entry, action="resubmit")
    assert (entry.state, entry.return_reason, entry_event.from_state, entry_event.to_state) == (
        EntryState.PROPOSED, "", EntryState.RETURNED, EntryState.PROPOSED,
    )  # fmt: skip
    assert entry_event.data == {"changes": [change]}
    dossier_event = DossierEvent.objects.get(dossier=dossier, action="resubmit", entry=None)
    assert (fresh(dossier).state, dossier_event.data) == (DossierState.SUBMITTED, {"changes": [change]})


def test_resubmission_of_a_whole_dossier_lists_its_new_documents(scene):
    dossier = submitted(scene)
    workflow.return_dossier(dossier, by=scene.users["board"], reason="Thiếu biên bản họp Hội đồng.")
    attach(scene, dossier, "bien_ban_hoi_dong", name="bien-ban.pdf")

    workflow.resubmit(dossier, by=scene.users["head"])

    event = DossierEvent.objects.get(dossier=dossier, action="resubmit")
    assert event.data == {"changes": [{"entry": None, "nominee": "", "fields": [],
                                       "added": ["Biên bản họp Hội đồng Thi đua - Khen thưởng: bien-ban.pdf"],
                                       "removed": []}]}  # fmt: skip
    assert fresh(dossier).return_reason == ""


def test_resubmission_needs_the_documents_again(scene):
    dossier = returned(scene, TWO)
    entry = entry_of(dossier)
    workflow.remove_attachment(entry.attachments.get(), by=scene.users["officer"])
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.resubmit(dossier, by=scene.users["head"])

    assert refused.value.message_dict["attachments"][1] == (
        "Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố: thiếu “Báo cáo thành tích”."
    )
    assert state_of(dossier) == before


def test_receive_starts_the_appraisal_deadline(scene):
    dossier = submitted(scene)
    due_on_submission = dossier.due_on

    workflow.receive(dossier, by=scene.users["board"])

    dossier = fresh(dossier)
    assert (dossier.state, dossier.due_on > due_on_submission) == (DossierState.RECEIVED, True)


def test_a_dossier_with_a_returned_entry_is_returned_not_received(scene):
    dossier = submitted(scene, TWO)
    workflow.return_entry(entry_of(dossier), by=scene.users["board"], reason="Bổ sung số liệu.")
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.receive(dossier, by=scene.users["board"])

    assert refused.value.message_dict["entries"] == [
        "Có đề nghị đã bị trả lại (Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố): trả lại hồ sơ để đơn vị "
        "bổ sung, không tiếp nhận."
    ]
    assert state_of(dossier) == before


def test_the_unit_withdraws_with_a_reason(scene):
    dossier = submitted(scene)

    workflow.withdraw(dossier, by=scene.users["head"], reason="Đơn vị xét lại danh sách.")

    dossier = fresh(dossier)
    assert (dossier.state, dossier.due_on) == (DossierState.WITHDRAWN, None)


def test_withdrawal_needs_a_reason(scene):
    dossier = draft(scene)
    before = state_of(dossier)

    with pytest.raises(ValidationError):
        workflow.withdraw(dossier, by=scene.users["head"], reason="")

    assert state_of(dossier) == before


def test_a_dossier_with_an_appraised_entry_cannot_be_withdrawn(scene):
    dossier = appraised(scene)
    workflow.return_dossier(dossier, by=scene.users["board"], reason="Bổ sung tờ trình có chữ ký.")
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.withdraw(dossier, by=scene.users["head"], reason="Rút để làm lại.")

    assert refused.value.message_dict["entries"] == [
        "Không thể rút hồ sơ: đã có đề nghị được xử lý (Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố: "
        "Đã thẩm định)."
    ]
    assert state_of(dossier) == before


def test_the_unit_cannot_receive_its_own_dossier(scene):
    dossier = submitted(scene)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        workflow.receive(dossier, by=scene.users["head"])

    assert state_of(dossier) == before


def test_a_received_dossier_may_still_be_returned(scene):
    dossier = received(scene)

    workflow.return_dossier(dossier, by=scene.users["board"], reason="Cần bổ sung xác nhận của cơ quan thuế.")

    assert fresh(dossier).state == DossierState.RETURNED
    assert DossierAttachment.objects.filter(dossier=dossier).count() == 2
