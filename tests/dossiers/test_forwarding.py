"""Forwarding entries up (trình cấp trên): inside the deployment as a new submitted dossier linked both ways; outside
it as an electronic package (Word and PDF of every document, manifest.json) with the centre's answer recorded by the
board; an upstream rejection mirrored onto the original entry. Who may, and the guards (nothing changes when refused).

Set-up: dossiers are written in the state the test needs (received, entries appraised or voted with a proposal),
without walking the workflow there; attachments are stored files linked directly."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.conftest import user_with_role
from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from tests.factories.files import docx_upload, pdf_upload
from thidua.core.models import StoredFile
from thidua.core.uploads import store_upload
from thidua.dossiers import forwarding, queries, transitions, workflow
from thidua.dossiers.enums import DossierState, EntrySource, EntryState, Recommendation
from thidua.dossiers.models import Consultation, Dossier, DossierAttachment, DossierEntry, DossierEvent
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

YEAR = 2025
HOA, BINH = "Nguyễn Thị Hoa", "Trần Văn Bình"
ELIGIBILITY = {"status": "eligible", "rule_id": None, "year": YEAR, "unmet": [], "review": [], "computed_at": None}


@pytest.fixture
def district_head(scene):
    return user_with_role("board_head", scene.units["le_chan"], username="truongphong.lechan", full_name="Ngô Văn An")


def received(scene, *, unit, authority, award, state, names=(HOA,), title="Hồ sơ đề nghị khen thưởng năm 2025"):
    """A received dossier whose entries (one per name) are in ``state`` with a proposal to award."""
    dossier = DossierFactory(unit=scene.units[unit], authority=authority, state=DossierState.RECEIVED, year=YEAR,
                             title=title, version=7)  # fmt: skip
    entries = [
        DossierEntryFactory(
            dossier=dossier,
            person=scene.people[name],
            award_type=scene.awards[award],
            state=state,
            recommendation=Recommendation.PROPOSE,
            recipient_name=name,
            unit_name="Phường An Biên",
            position="Chuyên viên",
            snapshot_at=timezone.now(),
            eligibility=ELIGIBILITY,
            posthumous=False,
        )
        for name in names
    ]
    return dossier, entries


def ward_dossier(scene, **kwargs):
    """Phường An Biên's dossier to the district's chairman, who cannot grant the city's Bằng khen."""
    kwargs = {"award": "BK_TINH", "state": EntryState.APPRAISED, **kwargs}
    return received(scene, unit="an_bien", authority=scene.district_authority,
                    title="Hồ sơ khen thưởng của Phường An Biên", **kwargs)  # fmt: skip


def district_dossier(scene, **kwargs):
    """Quận Lê Chân's dossier to the city's chairman, who cannot grant the Prime Minister's Bằng khen."""
    kwargs = {"award": "BK_TTG", "state": EntryState.VOTED, **kwargs}
    return received(scene, unit="le_chan", authority=scene.city_authority,
                    title="Hồ sơ khen thưởng của quận Lê Chân", **kwargs)  # fmt: skip


def attach(dossier, code, upload, *, scene, entry=None):
    stored = store_upload(upload, by=None)
    return DossierAttachment.objects.create(dossier=dossier, entry=entry, document_kind=scene.documents[code],
                                            file=stored, title=code)  # fmt: skip


def attach_both_formats(dossier, entries, *, scene):
    attach(dossier, "to_trinh", pdf_upload("to-trinh.pdf"), scene=scene)
    attach(dossier, "to_trinh", docx_upload("to-trinh.docx"), scene=scene)
    for entry in entries:
        attach(dossier, "bao_cao_thanh_tich", pdf_upload("bao-cao.pdf", text=entry.recipient_name), scene=scene,
               entry=entry)  # fmt: skip
        attach(dossier, "bao_cao_thanh_tich", docx_upload("bao-cao.docx", text=entry.recipient_name), scene=scene,
               entry=entry)  # fmt: skip


def state_of(dossier) -> dict:
    """What a refused step must leave as it was."""
    dossier.refresh_from_db()
    return {
        "dossier": (dossier.state, dossier.version, dossier.due_on),
        "entries": list(dossier.entries.order_by("pk").values_list("pk", "state")),
        "dossiers": Dossier.objects.count(),
        "events": DossierEvent.objects.count(),
        "files": StoredFile.objects.count(),
        "notifications": Notification.objects.count(),
    }


# --- Where entries go ------------------------------------------------------------------------------------------


def test_target_is_the_granting_authority_seated_above(scene):
    _dossier, [entry] = ward_dossier(scene)

    assert forwarding.target_authority(entry) == scene.city_authority
    assert not forwarding.is_outside(scene.city_authority)


def test_target_of_a_central_award_sits_outside(scene):
    _dossier, [entry] = district_dossier(scene)

    assert forwarding.target_authority(entry) == scene.prime_minister
    assert forwarding.is_outside(scene.prime_minister)


# --- Inside the deployment -------------------------------------------------------------------------------------


def test_forwarding_inside_creates_a_submitted_dossier_upstream_linked_both_ways(scene, district_head):
    dossier, entries = ward_dossier(scene, names=(HOA, BINH))
    attach(dossier, "to_trinh", pdf_upload(), scene=scene)
    report = attach(dossier, "bao_cao_thanh_tich", pdf_upload("bao-cao.pdf"), scene=scene, entry=entries[0])

    upper = forwarding.forward(entries, by=district_head, reason="Vượt thẩm quyền của quận.")

    assert upper.state == DossierState.SUBMITTED
    assert (upper.unit, upper.authority, upper.forwarded_from) == (
        scene.units["le_chan"],
        scene.city_authority,
        dossier,
    )
    assert list(dossier.forwarded_dossiers.all()) == [upper]
    assert upper.title == "Hồ sơ khen thưởng của Phường An Biên – chuyển Chủ tịch UBND thành phố Hải Phòng"
    assert (upper.kind, upper.year, upper.submitted_by) == (dossier.kind, YEAR, district_head)
    assert upper.due_on == transitions.deadline_after("receive")
    copies = list(upper.entries.order_by("pk"))
    for entry, copy in zip(entries, copies, strict=True):
        entry.refresh_from_db()
        assert entry.state == EntryState.FORWARDED
        assert list(entry.forwarded_copies.all()) == [copy]
        assert (copy.forwarded_from, copy.state, copy.source) == (entry, EntryState.PROPOSED, EntrySource.FORWARDED)
        assert (copy.person, copy.award_type, copy.recipient_name, copy.unit_name, copy.eligibility) == (
            entry.person, entry.award_type, entry.recipient_name, "Phường An Biên", ELIGIBILITY,
        )  # fmt: skip
    shared = {(a.document_kind.code, a.entry_id, a.file_id) for a in upper.attachments.all()}
    assert shared == {("to_trinh", None, dossier.attachments.get(entry=None).file_id),
                      ("bao_cao_thanh_tich", copies[0].pk, report.file_id)}  # fmt: skip
    assert upper.package is None


def test_forwarding_inside_puts_it_on_the_timelines_and_in_the_upper_boards_inbox(scene, district_head):
    dossier, [entry] = ward_dossier(scene)

    upper = forwarding.forward([entry], by=district_head, reason="Vượt thẩm quyền của quận.")

    forwarded = DossierEvent.objects.get(dossier=dossier, action="forward")
    assert (forwarded.entry, forwarded.actor, forwarded.reason) == (entry, district_head, "Vượt thẩm quyền của quận.")
    assert forwarded.data["to_dossier"] == upper.pk
    arrived = DossierEvent.objects.get(dossier=upper, action="forwarded_in")
    assert arrived.data["from_dossier"] == dossier.pk
    told = Notification.objects.filter(title__startswith="Hồ sơ do cấp dưới trình lên").values_list("user", flat=True)
    assert set(told) == {scene.users[name].pk for name in ("board", "board2", "board_head")}
    board = scene.users["board"]
    assert upper in queries.inbox(board)


@pytest.mark.parametrize("who", ["board_officer", "unit_head", "city_board_head"])
def test_forwarding_is_refused_to_anyone_but_the_board_head_of_the_current_authority(scene, who):
    dossier, entries = ward_dossier(scene)
    users = {
        "board_officer": user_with_role("board_officer", scene.units["le_chan"], username="canbo.phong"),
        "unit_head": scene.users["head"],
        "city_board_head": scene.users["board_head"],
    }
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        forwarding.forward(entries, by=users[who])

    assert state_of(dossier) == before


def test_forwarding_is_refused_when_the_authority_may_grant_it_itself(scene):
    dossier, entries = received(scene, unit="le_chan", authority=scene.city_authority, award="BK_TINH",
                                state=EntryState.APPRAISED)  # fmt: skip
    before = state_of(dossier)

    with pytest.raises(ValidationError, match="có thẩm quyền khen thưởng, không trình cấp trên"):
        forwarding.forward(entries, by=scene.users["board_head"])

    assert state_of(dossier) == before


def test_forwarding_is_refused_without_a_proposal_from_the_appraisal(scene, district_head):
    dossier, [entry] = ward_dossier(scene)
    DossierEntry.objects.filter(pk=entry.pk).update(recommendation=Recommendation.NOT_PROPOSE)
    before = state_of(dossier)

    with pytest.raises(ValidationError, match="ý kiến đề nghị khen thưởng"):
        forwarding.forward([entry], by=district_head)

    assert state_of(dossier) == before


def test_forwarding_a_council_award_is_refused_before_the_council_voted(scene):
    dossier, entries = district_dossier(scene, state=EntryState.APPRAISED)
    attach_both_formats(dossier, entries, scene=scene)
    before = state_of(dossier)

    with pytest.raises(ValidationError, match="Hội đồng Thi đua - Khen thưởng chưa bỏ phiếu đạt"):
        forwarding.forward(entries, by=scene.users["board_head"])

    assert state_of(dossier) == before


def test_forwarding_an_award_needing_consultation_is_refused_until_it_ended(scene):
    dossier, [entry] = district_dossier(scene, award="HCLD3")
    consultation = Consultation.objects.create(authority=scene.city_authority, title="Lấy ý kiến Nhân dân",
                                               starts_on=timezone.localdate(), working_days=10,
                                               ends_on=timezone.localdate() + dt.timedelta(days=14))  # fmt: skip
    DossierEntry.objects.filter(pk=entry.pk).update(consultation=consultation)
    before = state_of(dossier)

    with pytest.raises(ValidationError, match="chưa kết thúc công khai"):
        forwarding.forward([entry], by=scene.users["board_head"])

    assert state_of(dossier) == before


def test_an_entry_cannot_be_forwarded_twice(scene, district_head):
    dossier, [entry] = ward_dossier(scene)
    forwarding.forward([entry], by=district_head)
    before = state_of(dossier)

    with pytest.raises(ValidationError, match="Đã trình cấp trên"):
        forwarding.forward([entry], by=district_head)

    assert state_of(dossier) == before


def test_forwarding_entries_of_two_dossiers_at_once_is_refused(scene, district_head):
    _one, [first] = ward_dossier(scene)
    _two, [second] = ward_dossier(scene, names=(BINH,))

    with pytest.raises(ValidationError, match="cùng một hồ sơ"):
        forwarding.forward([first, second], by=district_head)


# --- Outside the deployment: the electronic package -------------------------------------------------------------


def test_forwarding_outside_is_refused_without_word_and_pdf_of_every_document(scene):
    dossier, [entry] = district_dossier(scene)
    attach(dossier, "to_trinh", pdf_upload(), scene=scene)
    attach(dossier, "to_trinh", docx_upload(), scene=scene)
    attach(dossier, "bao_cao_thanh_tich", pdf_upload("bao-cao.pdf"), scene=scene, entry=entry)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        forwarding.forward([entry], by=scene.users["board_head"])

    [message] = refused.value.message_dict["attachments"]
    assert "cần bản Word (DOCX) và bản PDF của mọi tài liệu" in message
    assert "Nguyễn Thị Hoa: “Báo cáo thành tích” – thiếu bản Word (DOCX)" in message
    assert "Tờ trình" not in message
    assert state_of(dossier) == before


def test_forwarding_outside_builds_the_package_with_a_manifest_and_every_file(scene):
    dossier, entries = district_dossier(scene, names=(HOA, BINH))
    attach_both_formats(dossier, entries, scene=scene)

    upper = forwarding.forward(entries, by=scene.users["board_head"], reason="Đề nghị Thủ tướng tặng Bằng khen.")

    assert (upper.authority, upper.state, upper.due_on) == (scene.prime_minister, DossierState.SUBMITTED, None)
    package = upper.package
    assert (package.kind, package.content_type) == ("zip", "application/zip")
    with package.file.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == package.sha256
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        files = {name: archive.read(name) for name in archive.namelist() if name.startswith("documents/")}
    assert manifest["target"]["name"] == "Thủ tướng Chính phủ"
    assert manifest["authority"]["name"] == "Chủ tịch UBND thành phố Hải Phòng"
    assert manifest["dossier"]["from_dossier"]["id"] == dossier.pk
    assert [item["recipient"]["recipient_name"] for item in manifest["entries"]] == [HOA, BINH]
    assert {item["award_type"]["code"] for item in manifest["entries"]} == {"BK_TTG"}
    assert len(manifest["documents"]) == 6 == len(files)
    for document in manifest["documents"]:
        content = files[document["path"]]
        assert hashlib.sha256(content).hexdigest() == document["sha256"]
        assert len(content) == document["size"]
    formats = {(d["kind"], d["entry"], d["format"]) for d in manifest["documents"]}
    copies = list(upper.entries.order_by("pk").values_list("pk", flat=True))
    assert formats == {("to_trinh", None, "pdf"), ("to_trinh", None, "docx")} | {
        ("bao_cao_thanh_tich", copy, fmt) for copy in copies for fmt in ("pdf", "docx")
    }


def test_the_package_downloads_as_a_zip_and_a_dossier_without_one_is_not_found(scene):
    dossier, entries = district_dossier(scene)
    attach_both_formats(dossier, entries, scene=scene)
    upper = forwarding.forward(entries, by=scene.users["board_head"])

    response = forwarding.package_response(upper)

    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    with pytest.raises(Http404):
        forwarding.package_response(dossier)


# --- The centre's answer -----------------------------------------------------------------------------------------


@pytest.fixture
def sent_to_the_centre(scene):
    dossier, entries = district_dossier(scene, names=(HOA, BINH))
    attach_both_formats(dossier, entries, scene=scene)
    upper = forwarding.forward(entries, by=scene.users["board_head"])
    return dossier, entries, upper


def test_recording_the_centres_decision_decides_the_entry_and_its_copy(scene, sent_to_the_centre):
    dossier, [hoa, _binh], upper = sent_to_the_centre
    on = timezone.localdate() - dt.timedelta(days=3)

    forwarding.record_outcome(hoa, by=scene.users["board"], decided=True, reference="1234/QĐ-TTg", on=on)

    hoa.refresh_from_db()
    copy = hoa.forwarded_copies.get()
    assert (hoa.state, hoa.outcome_reference, hoa.outcome_on) == (EntryState.DECIDED, "1234/QĐ-TTg", on)
    assert (copy.state, copy.outcome_reference, copy.outcome_on) == (EntryState.DECIDED, "1234/QĐ-TTg", on)
    assert DossierEvent.objects.filter(dossier=dossier, entry=hoa, action="record_decision").exists()
    mirrored = DossierEvent.objects.get(dossier=upper, entry=copy, action="record_decision")
    assert (mirrored.from_state, mirrored.to_state) == (EntryState.PROPOSED, EntryState.DECIDED)
    upper.refresh_from_db()
    assert upper.state == DossierState.SUBMITTED  # Bình is still waiting


def test_recording_a_refusal_needs_a_reason_and_closes_the_upper_dossier_when_all_are_answered(
    scene, sent_to_the_centre
):
    _dossier, [hoa, binh], upper = sent_to_the_centre
    board, on = scene.users["board"], timezone.localdate()
    forwarding.record_outcome(hoa, by=board, decided=True, reference="1234/QĐ-TTg", on=on)

    with pytest.raises(ValidationError):
        forwarding.record_outcome(binh, by=board, decided=False, reference="56/VPCP-TĐKT", on=on)
    forwarding.record_outcome(binh, by=board, decided=False, reference="56/VPCP-TĐKT", on=on,
                              reason="Chưa đủ điều kiện về thời gian.")  # fmt: skip

    binh.refresh_from_db()
    assert (binh.state, binh.decision_reason) == (EntryState.REJECTED, "Chưa đủ điều kiện về thời gian.")
    assert binh.forwarded_copies.get().state == EntryState.REJECTED
    upper.refresh_from_db()
    assert (upper.state, upper.due_on) == (DossierState.CLOSED, None)
    assert upper.closed_at is not None


@pytest.mark.parametrize("who", ["head", "chair", "outsider"])
def test_recording_the_centres_answer_is_refused_to_anyone_but_the_board(scene, sent_to_the_centre, who):
    dossier, [hoa, _binh], _upper = sent_to_the_centre
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        forwarding.record_outcome(hoa, by=scene.users[who], decided=True, reference="1/QĐ-TTg",
                                  on=timezone.localdate())  # fmt: skip

    assert state_of(dossier) == before


@pytest.mark.parametrize(
    ("reference", "days", "field"),
    [("", 0, "reference"), ("1/QĐ-TTg", -1, "on")],
)
def test_recording_the_centres_answer_needs_its_reference_and_a_date_not_in_the_future(
    scene, sent_to_the_centre, reference, days, field
):
    dossier, [hoa, _binh], _upper = sent_to_the_centre
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        forwarding.record_outcome(hoa, by=scene.users["board"], decided=True, reference=reference,
                                  on=timezone.localdate() - dt.timedelta(days=days))  # fmt: skip

    assert field in refused.value.message_dict
    assert state_of(dossier) == before


def test_recording_an_answer_is_refused_for_an_entry_forwarded_inside(scene, district_head):
    dossier, [entry] = ward_dossier(scene)
    forwarding.forward([entry], by=district_head)
    before = state_of(dossier)

    with pytest.raises(ValidationError, match="kết quả do cấp đó ghi nhận"):
        forwarding.record_outcome(entry, by=district_head, decided=True, reference="9/QĐ-UBND",
                                  on=timezone.localdate())  # fmt: skip

    assert state_of(dossier) == before


# --- Upstream outcomes mirrored down -----------------------------------------------------------------------------


def test_an_upstream_rejection_rejects_the_original_entry_with_the_reason(scene, district_head):
    dossier, [entry] = ward_dossier(scene)
    upper = forwarding.forward([entry], by=district_head)
    Dossier.objects.filter(pk=upper.pk).update(state=DossierState.RECEIVED)
    copy = entry.forwarded_copies.get()

    workflow.reject(copy, by=scene.users["board_head"], reason="Thành tích chưa tiêu biểu ở cấp thành phố.")

    entry.refresh_from_db()
    assert (entry.state, entry.decision_reason) == (EntryState.REJECTED, "Thành tích chưa tiêu biểu ở cấp thành phố.")
    event = DossierEvent.objects.get(dossier=dossier, entry=entry, action="record_refusal")
    assert (event.reason, event.data["upstream_entry"]) == ("Thành tích chưa tiêu biểu ở cấp thành phố.", copy.pk)
    assert Notification.objects.filter(user=district_head).exists()


def test_propagate_mirrors_a_decision_and_leaves_an_answered_original_alone(scene, district_head):
    dossier, [entry] = ward_dossier(scene)
    forwarding.forward([entry], by=district_head)
    copy = entry.forwarded_copies.get()
    DossierEntry.objects.filter(pk=copy.pk).update(state=EntryState.DECIDED, outcome_reference="77/QĐ-UBND")

    forwarding.propagate(copy, by=None)
    forwarding.propagate(copy, by=None)

    entry.refresh_from_db()
    assert (entry.state, entry.outcome_reference) == (EntryState.DECIDED, "77/QĐ-UBND")
    assert DossierEvent.objects.filter(dossier=dossier, action="record_decision").count() == 1


def test_propagate_does_nothing_for_a_copy_still_in_progress(scene, district_head):
    dossier, [entry] = ward_dossier(scene)
    forwarding.forward([entry], by=district_head)
    before = state_of(dossier)

    forwarding.propagate(entry.forwarded_copies.get(), by=None)

    assert state_of(dossier) == before
