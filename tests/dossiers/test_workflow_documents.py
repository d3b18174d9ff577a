"""Documents, entry edits and the unit's own council on the way: who adds what when; a failed upload leaves nothing
(no row, no file); every edit is a new version on the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from tests.dossiers.workflow_scene import (
    HOA,
    TITLE,
    YEAR,
    attach,
    draft,
    entry_of,
    fresh,
    received,
    state_of,
    submitted,
)
from tests.factories.files import docx_upload, fake_pdf, pdf_upload
from thidua.core.models import StoredFile
from thidua.dossiers import services, workflow
from thidua.dossiers.enums import DossierKind, DossierState, Procedure
from thidua.dossiers.models import DossierAttachment, DossierEvent

pytestmark = pytest.mark.django_db


# --- Attachments ---------------------------------------------------------------------------------------------


def test_the_unit_attaches_a_document_to_its_draft(scene):
    dossier = draft(scene, documents=False)

    upload = docx_upload("Tờ trình số 12.docx")

    attachment = workflow.add_attachment(dossier, by=scene.users["officer"], upload=upload, title="Tờ trình số 12",
                                         document_kind=scene.documents["to_trinh"])  # fmt: skip

    event = DossierEvent.objects.get(dossier=dossier, action="attachment_added")
    assert (attachment.file.kind, attachment.file.name, attachment.uploaded_by, event.data["side"]) == (
        "docx", "Tờ trình số 12.docx", scene.users["officer"], "unit",
    )  # fmt: skip
    assert default_storage.exists(attachment.file.file.name)
    assert fresh(dossier).version == dossier.version + 1


def test_a_file_that_is_not_what_it_claims_leaves_nothing(scene):
    dossier = draft(scene, documents=False)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.add_attachment(dossier, by=scene.users["officer"], upload=fake_pdf(),
                                document_kind=scene.documents["to_trinh"])  # fmt: skip

    assert "file" in refused.value.message_dict
    assert state_of(dossier) == before


def test_a_failure_after_the_file_was_stored_leaves_no_row_and_no_file(scene, monkeypatch):
    dossier = draft(scene, documents=False)
    before = state_of(dossier)
    stored = []
    real_store = workflow.store_upload

    def store_and_remember(*args, **kwargs):
        row = real_store(*args, **kwargs)
        assert default_storage.exists(row.file.name)
        stored.append((row.pk, row.file.name))
        return row

    def broken(*args, **kwargs):
        raise RuntimeError("disk full while writing the timeline")

    monkeypatch.setattr(workflow, "store_upload", store_and_remember)
    monkeypatch.setattr(workflow, "record_event", broken)

    with pytest.raises(RuntimeError):
        workflow.add_attachment(dossier, by=scene.users["officer"], upload=pdf_upload(),
                                document_kind=scene.documents["to_trinh"])  # fmt: skip

    [(pk, name)] = stored
    assert (default_storage.exists(name), StoredFile.objects.filter(pk=pk).exists()) == (False, False)
    assert state_of(dossier) == before


def test_the_unit_cannot_add_documents_once_the_dossier_is_sent(scene):
    dossier = submitted(scene)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        attach(scene, dossier, "bien_ban_hoi_dong")

    assert state_of(dossier) == before


def test_another_units_officer_cannot_add_documents(scene):
    from tests.conftest import user_with_role

    stranger = user_with_role("unit_officer", scene.units["thuy_nguyen"], username="canbo.thuynguyen")
    dossier = draft(scene, documents=False)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        attach(scene, dossier, "to_trinh", by=stranger)

    assert state_of(dossier) == before


def test_the_board_adds_its_own_documents_while_it_holds_the_dossier(scene):
    dossier = received(scene)

    attachment = attach(scene, dossier, "ket_qua_lay_y_kien", by=scene.users["board"])

    assert attachment.document_kind.code == "ket_qua_lay_y_kien"
    assert DossierEvent.objects.get(dossier=dossier, action="attachment_added",
                                    data__attachment=attachment.pk).data["side"] == "authority"  # fmt: skip


def test_the_unit_does_not_file_the_authoritys_documents(scene):
    dossier = draft(scene, documents=False)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        attach(scene, dossier, "ket_qua_lay_y_kien")

    assert refused.value.message_dict["document_kind"] == [
        "“Báo cáo kết quả công khai, lấy ý kiến Nhân dân” do cấp xét duyệt lập, đơn vị không nộp."
    ]
    assert state_of(dossier) == before


def test_a_per_entry_document_names_its_entry(scene):
    dossier = draft(scene, documents=False)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        attach(scene, dossier, "bao_cao_thanh_tich")

    assert "entry" in refused.value.message_dict
    assert state_of(dossier) == before


def test_an_entry_of_another_dossier_is_refused(scene):
    dossier = draft(scene, documents=False)
    other = draft(scene, documents=False)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        attach(scene, dossier, "bao_cao_thanh_tich", entry=entry_of(other))

    assert "entry" in refused.value.message_dict
    assert state_of(dossier) == before


def test_removing_a_document_is_on_the_timeline_and_keeps_the_file(scene):
    dossier = draft(scene)
    attachment = DossierAttachment.objects.filter(dossier=dossier, entry__isnull=True).get()

    workflow.remove_attachment(attachment, by=scene.users["officer"])

    event = DossierEvent.objects.get(dossier=dossier, action="attachment_removed")
    assert (DossierAttachment.objects.filter(pk=attachment.pk).exists(), event.data["name"]) == (
        False, "Tờ trình đề nghị khen thưởng: to_trinh-hs.pdf",
    )  # fmt: skip
    assert StoredFile.objects.filter(pk=attachment.file_id).exists()


def test_the_unit_cannot_remove_the_boards_documents(scene):
    dossier = received(scene)
    board_document = attach(scene, dossier, "ket_qua_lay_y_kien", by=scene.users["board"])
    workflow.return_dossier(dossier, by=scene.users["board"], reason="Bổ sung tờ trình có chữ ký.")
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        workflow.remove_attachment(board_document, by=scene.users["officer"])

    assert state_of(dossier) == before


# --- Entries and the unit's own council ----------------------------------------------------------------------


def test_update_entry_records_the_changed_fields(scene):
    dossier = draft(scene)
    entry = entry_of(dossier)

    workflow.update_entry(entry, by=scene.users["officer"], expected_version=fresh(dossier).version,
                          achievement="Vận động 120 hộ tiêm vắc-xin.", posthumous=False)  # fmt: skip

    event = DossierEvent.objects.get(dossier=dossier, action="entry_updated")
    assert (entry_of(dossier).achievement, event.data) == ("Vận động 120 hộ tiêm vắc-xin.", {"fields": ["achievement"]})


def test_update_entry_with_a_stale_version_is_refused(scene):
    dossier = draft(scene)
    seen = fresh(dossier).version
    workflow.update_entry(entry_of(dossier), by=scene.users["officer"], expected_version=seen, achievement="Bản 1.")
    before = state_of(dossier)

    with pytest.raises(ValidationError):
        workflow.update_entry(entry_of(dossier), by=scene.users["head"], expected_version=seen, achievement="Bản 2.")

    assert state_of(dossier) == before
    assert entry_of(dossier).achievement == "Bản 1."


def test_update_entry_is_refused_to_another_unit(scene):
    dossier = draft(scene)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        workflow.update_entry(entry_of(dossier), by=scene.users["outsider"], achievement="Sửa trộm.")

    assert state_of(dossier) == before


def test_an_entry_of_a_sent_dossier_is_not_edited(scene):
    dossier = submitted(scene)
    before = state_of(dossier)

    with pytest.raises(ValidationError):
        workflow.update_entry(entry_of(dossier), by=scene.users["officer"], achievement="Sửa sau khi trình.")

    assert state_of(dossier) == before


def test_own_council_votes_cannot_exceed_those_present(scene):
    dossier = draft(scene)
    workflow.record_own_council(dossier, by=scene.users["officer"], met_on=dt.date(2025, 1, 10), members=7,
                                present=5)  # fmt: skip
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.update_entry(entry_of(dossier), by=scene.users["officer"], own_council_votes_for=6)

    assert "own_council_votes_for" in refused.value.message_dict
    assert state_of(dossier) == before


def test_record_own_council_keeps_the_meeting(scene):
    dossier = draft(scene, kind=DossierKind.YEAR_END)

    workflow.record_own_council(dossier, by=scene.users["officer"], met_on=dt.date(2025, 1, 10), members=7,
                                present=6, notes="Nhất trí 100%.")  # fmt: skip

    dossier = fresh(dossier)
    assert (dossier.own_council_met_on, dossier.own_council_members, dossier.own_council_present) == (
        dt.date(2025, 1, 10), 7, 6,
    )  # fmt: skip
    assert DossierEvent.objects.filter(dossier=dossier, action="own_council_recorded").count() == 1


@pytest.mark.parametrize(("members", "present", "field"), [(0, 0, "members"), (7, 8, "present")])
def test_record_own_council_refuses_impossible_figures(scene, members, present, field):
    dossier = draft(scene)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.record_own_council(dossier, by=scene.users["officer"], met_on=dt.date(2025, 1, 10), members=members,
                                    present=present)  # fmt: skip

    assert field in refused.value.message_dict
    assert state_of(dossier) == before


# --- Creating dossiers and entries ---------------------------------------------------------------------------


def test_create_dossier_is_addressed_to_the_default_authority_and_on_the_timeline(scene):
    dossier = services.create_dossier(scene.units["an_bien"], by=scene.users["officer"], kind=DossierKind.AD_HOC,
                                      title="Khen thưởng đột xuất cứu người", year=YEAR)  # fmt: skip

    assert (dossier.authority, dossier.state, dossier.created_by) == (
        scene.district_authority, DossierState.DRAFT, scene.users["officer"],
    )  # fmt: skip
    assert list(dossier.events.values_list("action", flat=True)) == ["created"]


def test_create_dossier_refuses_an_authority_outside(scene):
    with pytest.raises(ValidationError) as refused:
        services.create_dossier(scene.units["le_chan"], by=scene.users["officer"], kind=DossierKind.MOVEMENT,
                                title=TITLE, authority=scene.prime_minister)  # fmt: skip

    assert "authority" in refused.value.message_dict


def test_a_year_end_dossier_needs_its_year(scene):
    with pytest.raises(ValidationError) as refused:
        services.create_dossier(scene.units["le_chan"], by=scene.users["officer"], kind=DossierKind.YEAR_END,
                                title="Tổng kết năm")  # fmt: skip

    assert "year" in refused.value.message_dict


def test_the_year_end_round_is_never_a_simplified_procedure(scene):
    """Law Art. 85 lists the simplified procedure's cases (ad-hoc, long service, foreign …), not the merit round."""
    with pytest.raises(ValidationError) as refused:
        services.create_dossier(scene.units["le_chan"], by=scene.users["officer"], kind=DossierKind.YEAR_END,
                                title="Tổng kết năm", year=2025, procedure=Procedure.SIMPLIFIED)  # fmt: skip

    assert "procedure" in refused.value.message_dict


def test_add_entry_stores_the_verdict_and_is_on_the_timeline(scene):
    dossier = draft(scene, nominees=(), documents=False)

    entry = services.add_entry(dossier, by=scene.users["officer"], award_type=scene.awards["BK_TINH"],
                               person=scene.people[HOA], posthumous=True,
                               eligibility={"status": "eligible", "unmet": [], "review": []})  # fmt: skip

    assert (entry.posthumous, workflow.eligibility_summary(entry)["label"]) == (True, "Đủ điều kiện")
    assert list(dossier.events.order_by("pk").values_list("action", flat=True)) == ["created", "entry_added"]


def test_event_labels_name_every_transition_and_step(scene):
    from thidua.dossiers.transitions import TRANSITIONS

    steps = {"created", "entry_added", "entry_removed", "entry_updated", "attachment_added", "attachment_removed",
             "own_council_recorded", "checklist", "forwarded_in", "consultation_comment", "council_scheduled",
             "voting_opened", "voting_closed"}  # fmt: skip
    assert set(workflow.EVENT_LABELS) == set(TRANSITIONS) | steps
    assert str(workflow.EVENT_LABELS["return_entry"]) == "Trả lại đề nghị để bổ sung"
    # Taken by signing a decision (thidua.decisions.services.sign): the timeline names it too.
    assert str(workflow.EVENT_LABELS["decide"]) == "Quyết định khen thưởng"
