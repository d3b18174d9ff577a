"""``thidua seed_demo``: the dossiers of the "Mục tiêu kép" movement in every state, the council's session, the package
for the Thủ tướng and the 2021 year-end round (thidua.demo.dossiers_seed)."""

import hashlib
import io
import json
import zipfile
from xml.etree import ElementTree

from django.core.management import call_command

from thidua.core.uploads import sniff_kind
from thidua.decisions.enums import DecisionFileKind, DecisionKind, Numbering
from thidua.decisions.models import Certificate, Decision
from thidua.demo import decisions_seed, dossiers_seed, haiphong, history_seed
from thidua.demo import muc_tieu_kep as plan
from thidua.dossiers import council
from thidua.dossiers.enums import (
    CommentState,
    ConsultationState,
    DossierKind,
    DossierState,
    EntryState,
    SessionState,
)
from thidua.dossiers.models import (
    AgendaItem,
    Consultation,
    CouncilSession,
    Dossier,
    DossierAttachment,
    DossierEntry,
    DossierEvent,
    EntryCheck,
    Recusal,
    VoteReceipt,
)
from thidua.orgs.models import Person
from thidua.records.enums import AwardSource
from thidua.records.models import Award

COUNTED = [Dossier, DossierEntry, DossierEvent, DossierAttachment, EntryCheck, CouncilSession, AgendaItem,
           VoteReceipt, Consultation, Person, Decision, Certificate]  # fmt: skip
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def movement_dossiers():
    """The dossiers of the city's movement (and of its sub-movement), the forwarded ones upstream included."""
    return Dossier.objects.filter(movement__issuer_unit__code=plan.ISSUER, movement__title=plan.TITLE)


def review() -> Dossier:
    return movement_dossiers().get(unit__code="HP-LC", state=DossierState.RECEIVED)


def session() -> CouncilSession:
    return CouncilSession.objects.get(title=dossiers_seed.SESSION_TITLE)


# --- The documents (no database) -------------------------------------------------------------------------------


def test_demo_word_document_is_wordprocessingml_with_the_vietnamese_text():
    data = dossiers_seed.docx_document(("ỦY BAN NHÂN DÂN QUẬN LÊ CHÂN",), "TỜ TRÌNH", ["Đề nghị khen thưởng"])

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        document = ElementTree.fromstring(archive.read("word/document.xml"))
        relationships = archive.read("_rels/.rels").decode()
    texts = [node.text for node in document.iter(f"{W}t")]

    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
    assert 'Target="word/document.xml"' in relationships
    assert texts == ["ỦY BAN NHÂN DÂN QUẬN LÊ CHÂN", "TỜ TRÌNH", "Đề nghị khen thưởng"]
    assert sniff_kind(data[:8], io.BytesIO(data)) == "docx"


def test_demo_pdf_cross_reference_table_points_at_its_objects():
    data = dossiers_seed.pdf_document(("SỞ Y TẾ",), "Tờ trình (đợt 1)", ["Đồng ý 100%"])
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    table = data[start:].split(b"\n")
    count = int(table[1].split()[1])
    offsets = [int(line.split()[0]) for line in table[3 : 2 + count]]

    assert data.startswith(b"%PDF-1.4")
    assert data.rstrip().endswith(b"%%EOF")
    assert table[0] == b"xref"
    assert [data[offset:].split(b"\n", 1)[0] for offset in offsets] == [b"%d 0 obj" % n for n in range(1, count)]
    assert b"(To trinh \\(dot 1\\)) Tj" in data
    assert sniff_kind(data[:8], io.BytesIO(data)) == "pdf"


def test_demo_documents_are_the_same_bytes_each_time():
    make = dossiers_seed.docx_document

    assert make(("A",), "B", ["C"]) == make(("A",), "B", ["C"])


# --- The seeded dossiers -----------------------------------------------------------------------------------------


def test_demo_movement_has_dossiers_in_every_state(demo):
    states = set(movement_dossiers().values_list("state", flat=True))

    assert states == set(DossierState.values)


def test_demo_movement_has_entries_in_every_state(demo):
    states = set(DossierEntry.objects.filter(dossier__in=movement_dossiers()).values_list("state", flat=True))

    assert states == set(EntryState.values)


def test_demo_dossiers_belong_to_the_movements_first_year(demo):
    years = set(movement_dossiers().exclude(year=None).values_list("year", flat=True))

    assert years == {2021}


def test_demo_returned_dossier_says_which_entry_and_why(demo):
    returned = movement_dossiers().get(state=DossierState.RETURNED)
    entry = returned.entries.get(state=EntryState.RETURNED)

    assert returned.return_reason
    assert "Mẫu số 05" in entry.return_reason
    assert returned.entries.filter(state=EntryState.PROPOSED).exists()


def test_demo_resubmission_shows_what_changed(demo):
    event = review().events.get(action="resubmit", entry=None)
    [change] = event.data["changes"]

    assert change["nominee"] == "Nguyễn Thị Hoa"
    assert change["fields"]
    assert change["added"]


def test_demo_received_dossier_has_its_checklists_and_an_assigned_officer(demo):
    dossier = review()
    appraised = dossier.entries.exclude(recommendation="")

    assert dossier.assignee.username == "bantdkt"
    assert appraised.count() == dossier.entries.count()
    assert not EntryCheck.objects.filter(entry__in=appraised, ok=None).exists()
    assert EntryCheck.objects.filter(entry__in=appraised, ok=False, item="discipline").exists()
    # The two approved Bằng khen were then granted by the city's decision (thidua.demo.decisions_seed).
    assert dossier.entries.filter(state=EntryState.DECIDED, decision_items__isnull=False).count() == 2
    assert dossier.entries.filter(state=EntryState.APPRAISED).exists()


def test_demo_council_of_seven_voted_online_and_closed(demo):
    found = session()
    chair = found.members.get(role="chair").user

    results = council.results(found, user=chair)

    assert found.state == SessionState.CLOSED
    assert found.members.count() == 7
    assert not found.members.filter(user=None).exists()
    assert [(row["votes_for"], row["votes_against"], row["passed"]) for row in results] == [
        (7, 0, True), (6, 1, True), (5, 1, True), (2, 5, False),
    ]  # fmt: skip
    assert VoteReceipt.objects.filter(item__session=found).count() == 27
    assert Recusal.objects.filter(item__session=found).count() == 1


def test_demo_council_members_are_demo_accounts(demo):
    usernames = set(session().members.values_list("user__username", flat=True))

    assert usernames == {spec.username for spec in haiphong.ACCOUNTS if spec.role.startswith("council_")}


def test_demo_failed_vote_rejected_the_entry_with_the_figures(demo):
    item = session().items.get(passed=False)

    assert item.entry.state == EntryState.REJECTED
    assert "2/7" in item.entry.decision_reason


def test_demo_forwarded_entry_waits_at_the_prime_minister_with_its_package(demo):
    entry = review().entries.get(state=EntryState.FORWARDED)
    copy = entry.forwarded_copies.get()
    upper = copy.dossier

    assert (upper.authority.kind.code, upper.state, upper.forwarded_from_id) == ("thu_tuong", DossierState.SUBMITTED,
                                                                                 review().pk)  # fmt: skip
    with upper.package.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        documents = manifest["documents"]
        contents = {document["path"]: archive.read(document["path"]) for document in documents}
    assert manifest["target"]["kind"] == "thu_tuong"
    assert {document["format"] for document in documents} == {"pdf", "docx"}
    assert {document["kind"] for document in documents} == {"to_trinh", "bien_ban_hoi_dong", "bao_cao_thanh_tich"}
    assert all(hashlib.sha256(contents[d["path"]]).hexdigest() == d["sha256"] for d in documents)


def test_demo_centres_decision_recorded_and_both_dossiers_closed(demo):
    decided = DossierEntry.objects.get(
        dossier__in=movement_dossiers(), state=EntryState.DECIDED, forwarded_from=None,
        outcome_reference__contains="QĐ-TTg",
    )  # fmt: skip

    assert "QĐ-TTg" in decided.outcome_reference
    assert decided.dossier.state == DossierState.CLOSED
    assert decided.forwarded_copies.get().dossier.state == DossierState.CLOSED


def test_demo_huan_chuong_in_public_consultation_with_comments(demo):
    entry = DossierEntry.objects.get(state=EntryState.IN_CONSULTATION)
    states = set(entry.public_comments.values_list("state", flat=True))

    assert entry.award_type.code == "HCLD3"
    assert entry.consultation.state == ConsultationState.OPEN
    assert states == {CommentState.PUBLISHED, CommentState.PENDING}


def test_demo_submitted_dossier_is_assigned_and_withdrawn_one_has_its_reason(demo):
    submitted = movement_dossiers().get(state=DossierState.SUBMITTED, unit__code="HP-LC")
    withdrawn = movement_dossiers().get(state=DossierState.WITHDRAWN)

    assert submitted.assignee is not None
    assert submitted.due_on is not None
    assert withdrawn.events.get(action="withdraw").reason


def test_demo_draft_of_thuy_nguyen_still_misses_documents(demo):
    from thidua.dossiers.queries import missing_documents

    draft = movement_dossiers().get(unit__code="HP-TN", state=DossierState.DRAFT)

    assert draft.created_by.username == "canbo.thuynguyen"
    assert missing_documents(draft)


def test_demo_transitions_are_taken_by_demo_accounts(demo):
    usernames = {spec.username for spec in haiphong.ACCOUNTS}
    actors = set(DossierEvent.objects.exclude(actor=None).values_list("actor__username", flat=True))

    assert actors <= usernames
    assert {"canbo.lechan", "thutruong.lechan", "bantdkt", "truongban", "chutich.hd"} <= actors


def test_demo_year_end_dossiers_of_2021_submitted_by_several_units(demo):
    year_end = Dossier.objects.filter(kind=DossierKind.YEAR_END, year=2021)

    assert year_end.count() >= 3
    # Phường Niệm Nghĩa's was received and decided (thidua.demo.decisions_seed); the others wait.
    assert set(year_end.exclude(unit__code=decisions_seed.NIEM_NGHIA).values_list("state", flat=True)) == {
        DossierState.SUBMITTED
    }
    assert year_end.get(unit__code=decisions_seed.NIEM_NGHIA).state == DossierState.RECEIVED
    assert not year_end.filter(own_council_met_on=None).exists()
    assert set(DossierEntry.objects.filter(dossier__in=year_end).values_list("award_type__code", flat=True)) == {"LDTT"}


def test_demo_year_end_dossier_of_the_health_sector_has_over_200_entries(demo):
    dossier = Dossier.objects.get(kind=DossierKind.YEAR_END, year=2021, unit__code="HP-SYT")

    assert dossier.entries.filter(award_type__code="LDTT").count() >= 200
    assert not dossier.entries.filter(recipient_name="").exists()


def test_demo_year_end_dossiers_are_those_of_the_units_whose_2021_round_is_open(demo):
    units = Dossier.objects.filter(kind=DossierKind.YEAR_END, year=2021).values_list("unit__code", flat=True)

    assert sorted(units) == sorted(history_seed.YEAR_END_PENDING)


def test_demo_year_end_dossiers_propose_nobody_who_already_holds_lao_dong_tien_tien_2021(demo):
    entries = DossierEntry.objects.filter(dossier__kind=DossierKind.YEAR_END, dossier__year=2021)

    earlier = Award.objects.filter(year=2021, award_code="LDTT").exclude(source=AwardSource.DECISION)

    assert entries.exists()
    assert not earlier.filter(person__in=entries.values("person_id")).exists()


def test_demo_second_run_creates_no_dossier(demo):
    before = {model.__name__: model.objects.count() for model in COUNTED}

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert {model.__name__: model.objects.count() for model in COUNTED} == before


# --- The decisions (thidua.demo.decisions_seed) ----------------------------------------------------------------------


def test_demo_city_decision_recorded_by_the_clerk_with_its_signed_file_and_certificates(demo):
    decision = Decision.objects.get(number_text=decisions_seed.CITY_NUMBER)

    assert decision.register.numbering == Numbering.EXTERNAL
    assert decision.signed_by.username == "vanthu"
    assert sniff_kind(decision.signed_file.file.read(8), None) == "pdf"
    assert decision.items.count() == Certificate.objects.filter(decision_item__decision=decision).count() == 2
    assert decision.files.filter(kind=DecisionFileKind.CERTIFICATES).exists()


def test_demo_amendment_replaces_one_award_of_the_city_decision(demo):
    amendment = Decision.objects.get(number_text=decisions_seed.AMENDMENT_NUMBER)
    item = amendment.items.get()

    assert amendment.kind == DecisionKind.AMENDMENT
    assert amendment.amends.number_text == decisions_seed.CITY_NUMBER
    assert item.replaces.revoked_reference == decisions_seed.AMENDMENT_NUMBER
    assert item.award.unit_name.startswith("Trường Trung học cơ sở Trần Phú")


def test_demo_wards_decisions_are_numbered_by_the_system(demo):
    wards = Decision.objects.filter(authority__unit__code__in=[decisions_seed.AN_BIEN, decisions_seed.NIEM_NGHIA])

    assert wards.count() == 2
    assert {decision.register.numbering for decision in wards} == {Numbering.INTERNAL}
    assert {decision.number_text for decision in wards} == {"01/QĐ-UBND"}


def test_demo_leaves_one_approved_entry_for_the_next_decision(demo):
    waiting = DossierEntry.objects.filter(state=EntryState.APPROVED)

    assert waiting.count() == 1
    assert waiting.get().dossier.unit.code == "HP-SYT"
