"""Drafting a decision from approved entries and signing it: who may, what the draft carries, what signing creates
(the number, the awards in the history, the entries decided on their dossier's timeline, the certificates), and what
it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.decisions.scene import BINH, CHAU, HOA, approved, board_of, drafted, internal_register, sign, signed
from tests.dossiers.workflow_scene import appraised, check_all, draft, fresh
from tests.factories.decisions import CertificateLayoutFactory
from tests.factories.files import fake_pdf, pdf_upload
from thidua.audit.models import AuditEntry
from thidua.catalog.models import CommendationKind
from thidua.decisions import services
from thidua.decisions.enums import DecisionOrigin, DecisionState, Numbering
from thidua.decisions.models import Certificate, Decision, DecisionItem
from thidua.dossiers import forwarding, workflow
from thidua.dossiers.enums import DossierKind, EntryState, Recommendation
from thidua.dossiers.models import DossierEntry, DossierEvent
from thidua.notifications.models import Notification
from thidua.records.enums import AwardSource
from thidua.records.models import Award

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)
BK_TINH = "Bằng khen của Chủ tịch UBND thành phố"


# --- Drafting -------------------------------------------------------------------------------------------------


def test_a_draft_lists_the_approved_entries_with_their_snapshot(scene):
    decision = drafted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))

    items = list(decision.items.order_by("sort_order"))
    assert decision.state == DecisionState.DRAFT
    assert [(item.recipient_name, item.unit_name, item.year) for item in items] == [
        (HOA, "Phường An Biên", 2025), (BINH, "Phường An Biên", 2025)]  # fmt: skip
    assert items[0].achievement == "Thành tích của Nguyễn Thị Hoa năm 2025."


def test_a_draft_fills_in_the_usual_header(scene):
    decision = drafted(scene)

    assert decision.subject == f"Về việc tặng {BK_TINH}"
    first_basis = decision.legal_basis.splitlines()[0]
    assert first_basis == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for line in decision.legal_basis.splitlines())
    assert decision.recipients == "Như Điều 3;\nLưu: VT, TĐKT."
    assert decision.signer_position == "CHỦ TỊCH"
    assert decision.commendation_kind == CommendationKind.MOVEMENT  # a movement dossier
    assert "Quận Lê Chân" in decision.executors


def test_a_draft_of_titles_recognises_them_and_posthumous_awards_are_truy_tang(scene):
    decision = drafted(scene, ((HOA, "LDTT"),), unit=scene.units["an_bien"])

    assert decision.subject == "Về việc công nhận danh hiệu Lao động tiên tiến"
    assert services.default_subject([scene.awards["BK_TINH"]], posthumous=True) == f"Về việc truy tặng {BK_TINH}"


def test_only_the_authoritys_board_drafts(scene):
    dossier = approved(scene)
    for user in (scene.users["signer"], scene.users["head"], scene.users["district_board"]):
        with pytest.raises(PermissionDenied):
            services.draft_decision(by=user, authority=scene.city_authority, entries=dossier.entries.all())
    assert not Decision.objects.exists()


def test_an_entry_not_yet_approved_cannot_be_drafted(scene):
    dossier = appraised(scene)

    with pytest.raises(ValidationError) as refused:
        services.draft_decision(by=scene.users["board"], authority=scene.city_authority, entries=dossier.entries.all())

    assert "chưa được duyệt" in refused.value.message_dict["entries"][0]
    assert not Decision.objects.exists()


def test_an_entry_addressed_to_another_authority_cannot_be_drafted(scene):
    dossier = approved(scene, ((HOA, "LDTT"),), unit=scene.units["an_bien"])

    with pytest.raises(ValidationError) as refused:
        services.draft_decision(by=scene.users["board"], authority=scene.city_authority, entries=dossier.entries.all())

    assert "không trình “Chủ tịch UBND thành phố Hải Phòng”" in refused.value.message_dict["entries"][0]


def test_an_entry_is_in_one_decision_only(scene):
    decision = drafted(scene)

    with pytest.raises(ValidationError) as refused:
        services.draft_decision(by=scene.users["board"], authority=scene.city_authority,
                                entries=[decision.items.get().entry])  # fmt: skip

    assert "đã có trong quyết định" in refused.value.message_dict["entries"][0]
    assert Decision.objects.count() == 1


# --- Editing a draft ------------------------------------------------------------------------------------------


def test_the_board_edits_a_drafts_header_and_the_version_moves(scene):
    decision = drafted(scene)

    services.update_decision(decision, by=scene.users["board"], expected_version=decision.version,
                             signing_capacity="KT. CHỦ TỊCH", signer_position="PHÓ CHỦ TỊCH",
                             signer_name="Lê Khắc Nam")  # fmt: skip

    decision.refresh_from_db()
    assert (decision.signing_capacity, decision.signer_position, decision.signer_name, decision.version) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Khắc Nam", 1)  # fmt: skip


def test_an_edit_of_an_older_version_is_refused(scene):
    decision = drafted(scene)
    services.update_decision(decision, by=scene.users["board"], signer_name="Lê Khắc Nam")

    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.update_decision(decision, by=scene.users["board2"], expected_version=0, signer_name="Người khác")


def test_entries_are_added_and_removed_while_drafting(scene):
    decision = drafted(scene, ((HOA, "BK_TINH"),))
    other = approved(scene, ((BINH, "BK_TINH"),))

    services.add_entries(decision, by=scene.users["board"], entries=other.entries.all())
    assert sorted(decision.items.values_list("recipient_name", flat=True)) == [HOA, BINH]

    services.remove_item(decision.items.get(recipient_name=HOA), by=scene.users["board"])
    assert list(decision.items.values_list("recipient_name", flat=True)) == [BINH]
    # Hoa's entry is free for another decision again.
    again = services.draft_decision(by=scene.users["board"], authority=scene.city_authority,
                                    entries=DossierEntry.objects.filter(person__full_name=HOA))  # fmt: skip
    assert again.items.get().recipient_name == HOA


def test_the_last_line_is_not_removed_the_draft_is_deleted(scene):
    decision = drafted(scene)

    with pytest.raises(ValidationError):
        services.remove_item(decision.items.get(), by=scene.users["board"])
    services.delete_draft(decision, by=scene.users["board"])

    assert not Decision.objects.exists()
    assert not DecisionItem.objects.exists()
    assert AuditEntry.objects.filter(code="decisions.decision.deleted").exists()


# --- Signing on the system's register (the signer) ------------------------------------------------------------


def test_signing_numbers_the_decision_and_grants_the_awards(scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)

    assert (decision.state, decision.number, decision.number_year, decision.number_text) == (
        DecisionState.SIGNED, 1, 2025, "01/QĐ-UBND")  # fmt: skip
    assert (decision.signed_on, decision.signed_by) == (SIGNED_ON, scene.users["signer"])
    items = list(decision.items.select_related("award").order_by("sort_order"))
    awards = [item.award for item in items]
    assert [award.recipient_name for award in awards] == [HOA, BINH]
    assert {
        (
            award.source,
            award.decision_number,
            award.decision_date,
            award.authority_id,
            award.award_code,
            award.year,
            award.unit_name,
        )
        for award in awards
    } == {(AwardSource.DECISION, "01/QĐ-UBND", SIGNED_ON, scene.city_authority.pk, "BK_TINH", 2025, "Phường An Biên")}
    assert [item.amount for item in items] == [3_510_000, 3_510_000]  # 1,5 × 2.340.000
    assert AuditEntry.objects.filter(code="decisions.decision.signed").count() == 1


def test_numbers_follow_each_other_in_the_year_and_start_again_the_next(scene):
    first = signed(scene, ((HOA, "BK_TINH"),), signed_on=dt.date(2025, 7, 15))
    second = signed(scene, ((BINH, "BK_TINH"),), signed_on=dt.date(2025, 9, 1))
    third = signed(scene, ((CHAU, "BK_TINH"),), signed_on=dt.date(2026, 1, 5))

    assert [first.number_text, second.number_text, third.number_text] == ["01/QĐ-UBND", "02/QĐ-UBND", "01/QĐ-UBND"]


def test_signing_decides_the_entries_on_their_dossiers_timeline(scene):
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)

    entry = decision.items.get().entry
    entry.refresh_from_db()
    event = DossierEvent.objects.get(entry=entry, action="decide")
    assert (entry.state, entry.outcome_reference, entry.outcome_on) == (EntryState.DECIDED, "01/QĐ-UBND", SIGNED_ON)
    assert (event.from_state, event.to_state, event.actor) == (EntryState.APPROVED, EntryState.DECIDED,
                                                               scene.users["signer"])  # fmt: skip
    assert event.data["number"] == "01/QĐ-UBND"


def test_the_board_and_the_submitting_unit_are_told(scene):
    signed(scene, signed_on=SIGNED_ON)

    told = set(Notification.objects.filter(code="decisions.decision").values_list("user__username", flat=True))
    assert {"bantdkt", "truongban", "canbo.lechan", "thutruong.lechan"} <= told


def test_a_title_counts_toward_merit_whatever_the_dossier_a_form_takes_the_decisions_kind(scene):
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    ldtt = signed(scene, ((BINH, "LDTT"),), signed_on=SIGNED_ON, unit=scene.units["an_bien"])

    form = decision.items.get().award
    title = ldtt.items.get().award
    assert (form.commendation_kind, form.counts_toward_merit) == (CommendationKind.MOVEMENT, False)
    assert (title.commendation_kind, title.counts_toward_merit) == (CommendationKind.MERIT, True)


def test_a_year_end_dossiers_forms_count_toward_merit(scene):
    decision = signed(scene, signed_on=SIGNED_ON, kind=DossierKind.YEAR_END)

    award = decision.items.get().award
    assert (decision.commendation_kind, award.counts_toward_merit) == (CommendationKind.MERIT, True)


def test_only_the_signer_signs_on_the_systems_register(scene):
    decision = drafted(scene)
    for user in (scene.users["board"], scene.users["board_head"], scene.users["clerk"],
                 scene.users["district_signer"]):  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.sign(decision, by=user, signed_on=SIGNED_ON)

    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert not Award.objects.exists()


def test_a_signing_date_in_the_future_is_refused(scene):
    decision = drafted(scene)

    with pytest.raises(ValidationError) as refused:
        services.sign(decision, by=scene.users["signer"], signed_on=timezone.localdate() + dt.timedelta(days=1))

    assert refused.value.message_dict == {"signed_on": ["Ngày ký không được sau ngày hôm nay."]}


def test_signing_refuses_an_entry_no_longer_approved_and_names_it(scene):
    decision = drafted(scene)
    entry = decision.items.get().entry
    workflow.reject(entry, by=scene.users["board_head"], reason="Phát hiện vi phạm sau khi duyệt.")

    with pytest.raises(ValidationError) as refused:
        services.sign(decision, by=scene.users["signer"], signed_on=SIGNED_ON)

    assert f"{HOA} – {BK_TINH} (Không duyệt)" in refused.value.message_dict["items"][0]
    assert not Award.objects.exists()


def test_a_signed_decision_is_not_signed_again(scene):
    decision = signed(scene, signed_on=SIGNED_ON)

    with pytest.raises(ValidationError, match="đã ký ban hành"):
        services.sign(decision, by=scene.users["signer"], signed_on=SIGNED_ON)


def test_the_district_signs_its_giay_khen_book_itself(scene):
    decision = signed(scene, ((HOA, "CSTDCS"),), signed_on=SIGNED_ON, unit=scene.units["an_bien"])

    assert (decision.register.numbering, decision.number_text) == (Numbering.INTERNAL, "01/QĐ-UBND")
    assert decision.signed_by == scene.users["district_signer"]


# --- Signing on the clerical office's register (the clerk) ----------------------------------------------------


def test_the_clerk_records_the_number_date_and_signed_file_of_an_external_register(scene):
    decision = drafted(scene, numbering_kind=Numbering.EXTERNAL)

    decision = services.sign(decision, by=scene.users["clerk"], signed_on=SIGNED_ON, number_text="3998/QĐ-UBND",
                             signed_file=pdf_upload("qd-3998.pdf"))  # fmt: skip

    assert (decision.number, decision.number_text, decision.signed_file.name) == (3998, "3998/QĐ-UBND", "qd-3998.pdf")
    assert decision.items.get().award.decision_number == "3998/QĐ-UBND"


def test_an_external_number_is_written_as_the_register_writes_it(scene):
    decision = drafted(scene, numbering_kind=Numbering.EXTERNAL)

    decision = sign(scene, decision, signed_on=SIGNED_ON, number_text="Số: 5 / QĐ-UBND")

    assert (decision.number, decision.number_text) == (5, "05/QĐ-UBND")


@pytest.mark.parametrize(("number_text", "message"), [
    ("", "Nhập số, ký hiệu của quyết định do văn thư cấp"),
    ("QĐ-UBND", "không đúng dạng “số/ký hiệu”"),
    ("12/QĐ-CT", "Ký hiệu “QĐ-CT” không phải ký hiệu của sổ"),
])  # fmt: skip
def test_an_external_number_must_be_a_number_of_the_register(scene, number_text, message):
    decision = drafted(scene, numbering_kind=Numbering.EXTERNAL)

    with pytest.raises(ValidationError) as refused:
        sign(scene, decision, signed_on=SIGNED_ON, number_text=number_text or " ")

    assert message in refused.value.message_dict["number_text"][0]


def test_the_signed_file_is_required_and_must_be_a_pdf(scene):
    decision = drafted(scene, numbering_kind=Numbering.EXTERNAL)

    with pytest.raises(ValidationError) as missing:
        services.sign(decision, by=scene.users["clerk"], signed_on=SIGNED_ON, number_text="12/QĐ-UBND")
    with pytest.raises(ValidationError) as fake:
        services.sign(decision, by=scene.users["clerk"], signed_on=SIGNED_ON, number_text="12/QĐ-UBND",
                      signed_file=fake_pdf())  # fmt: skip

    assert list(missing.value.message_dict) == ["signed_file"]
    assert list(fake.value.message_dict) == ["signed_file"]


def test_the_board_cannot_record_the_clerks_number(scene):
    decision = drafted(scene, numbering_kind=Numbering.EXTERNAL)

    with pytest.raises(PermissionDenied):
        services.sign(decision, by=scene.users["board"], signed_on=SIGNED_ON, number_text="12/QĐ-UBND",
                      signed_file=pdf_upload())  # fmt: skip


# --- Certificates ---------------------------------------------------------------------------------------------


def test_signing_numbers_a_certificate_for_each_award_with_a_layout(scene):
    CertificateLayoutFactory(award_codes=["BK_TINH"])
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    signed(scene, ((CHAU, "BK_TINH"),), signed_on=SIGNED_ON)

    certificates = list(Certificate.objects.order_by("serial_number"))
    assert [(c.serial_number, c.serial_year, c.serial_text) for c in certificates] == [
        (1, 2025, "01/BK"), (2, 2025, "02/BK"), (3, 2025, "03/BK")]  # fmt: skip
    assert [c.award.recipient_name for c in certificates] == [HOA, BINH, CHAU]
    assert {c.decision_item.decision_id for c in certificates[:2]} == {decision.pk}
    assert len({c.code for c in certificates}) == 3
    assert all(len(c.code) == 12 and c.code.isalnum() and c.code.isupper() for c in certificates)


def test_no_certificate_without_an_active_layout(scene):
    CertificateLayoutFactory(award_codes=["BK_TINH"], is_active=False)
    CertificateLayoutFactory(award_codes=["CSTD_TINH"])

    signed(scene, signed_on=SIGNED_ON)

    assert not Certificate.objects.exists()


def test_internal_register_helper_keeps_one_register(scene):
    assert internal_register(scene.city_authority) == internal_register(scene.city_authority)


# --- Recorded decisions ---------------------------------------------------------------------------------------


def test_the_board_records_a_prime_ministers_decision_and_its_awards(scene):
    decision = services.record_decision(
        by=scene.users["board"], authority=scene.prime_minister, number_text="1234/QĐ-TTg", signed_on=SIGNED_ON,
        subject="Về việc tặng Bằng khen của Thủ tướng Chính phủ", signed_file=pdf_upload("qd-1234.pdf"),
        items=[{"person": scene.people[HOA], "award_code": "BK_TTG", "year": 2025,
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua."}],
    )  # fmt: skip

    award = decision.items.get().award
    assert (decision.origin, decision.state, decision.number_text) == (
        DecisionOrigin.RECORDED, DecisionState.SIGNED, "1234/QĐ-TTg")  # fmt: skip
    assert (award.source, award.decision_number, award.authority_name, award.recipient_name) == (
        AwardSource.DECISION, "1234/QĐ-TTg", "Thủ tướng Chính phủ", HOA)  # fmt: skip
    assert decision.items.get().amount == 8_190_000


def test_a_recorded_number_is_refused_when_used_in_the_same_year(scene):
    def record(number_text, day):
        return services.record_decision(
            by=scene.users["board"], authority=scene.prime_minister, number_text=number_text, signed_on=day,
            subject="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
            items=[{"person": scene.people[BINH], "award_code": "BK_TTG", "year": day.year}])  # fmt: skip

    record("1234/QĐ-TTg", dt.date(2025, 3, 1))
    with pytest.raises(ValidationError) as refused:
        record("1234/QĐ-TTg", dt.date(2025, 6, 1))
    record("1234/QĐ-TTg", dt.date(2026, 3, 1))

    assert "đã được dùng" in refused.value.message_dict["number_text"][0]
    assert Decision.objects.count() == 2


def test_a_unit_officer_cannot_record_a_decision(scene):
    with pytest.raises(PermissionDenied):
        services.record_decision(by=scene.users["officer"], authority=scene.prime_minister,
                                 number_text="1234/QĐ-TTg", signed_on=SIGNED_ON, subject="Về việc tặng Bằng khen",
                                 items=[{"person": scene.people[HOA], "award_code": "BK_TTG"}])  # fmt: skip


def test_a_district_board_cannot_record_in_the_citys_register(scene):
    """The city's register is the city's: a board records there only for its own authority or a central one."""
    with pytest.raises(PermissionDenied):
        services.record_decision(by=scene.users["district_board"], authority=scene.city_authority,
                                 number_text="77/QĐ-UBND", signed_on=SIGNED_ON, subject="Về việc tặng Bằng khen",
                                 items=[{"person": scene.people[HOA], "award_code": "BK_TINH"}])  # fmt: skip
    assert not Decision.objects.exists()


def test_a_district_board_records_the_prime_ministers_decision_on_its_people(scene):
    decision = services.record_decision(
        by=scene.users["district_board"], authority=scene.prime_minister, number_text="88/QĐ-TTg",
        signed_on=SIGNED_ON, subject="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
        items=[{"person": scene.people[HOA], "award_code": "BK_TTG", "year": 2025}],
    )  # fmt: skip
    assert decision.items.get().award.decision_number == "88/QĐ-TTg"


def test_signing_a_forwarded_copy_decides_the_entry_it_came_from(scene):
    # Phường An Biên asks Quận Lê Chân for the city's Bằng khen; the district forwards it to the city.
    lower = draft(scene, ((HOA, "BK_TINH"),), unit=scene.units["an_bien"])
    lower = workflow.receive(workflow.submit(lower, by=scene.users["head"]), by=scene.users["district_board"])
    entry = DossierEntry.objects.get(dossier=lower)
    check_all(entry)
    workflow.appraise(entry, by=scene.users["district_board"], recommendation=Recommendation.PROPOSE)
    upper = forwarding.forward([DossierEntry.objects.get(pk=entry.pk)], by=scene.users["district_board_head"])
    workflow.receive(fresh(upper), by=board_of(scene, upper))
    copy = DossierEntry.objects.get(dossier=upper)
    check_all(copy)
    workflow.appraise(copy, by=scene.users["board"], recommendation=Recommendation.PROPOSE)
    workflow.approve(DossierEntry.objects.get(pk=copy.pk), by=scene.users["board_head"])

    decision = drafted(scene, dossier=fresh(upper))
    sign(scene, decision, signed_on=SIGNED_ON)

    original = DossierEntry.objects.get(pk=entry.pk)
    assert (original.state, original.outcome_reference, original.outcome_on) == (
        EntryState.DECIDED,
        "01/QĐ-UBND",
        SIGNED_ON,
    )
    assert DossierEvent.objects.filter(entry=original, action="record_decision").exists()
