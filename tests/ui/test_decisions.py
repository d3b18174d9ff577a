"""The staff pages of decisions (issue 6): the list with its filters and search, "Lập quyết định" from the approved
entries of an authority, the decision page (header of a draft, the list with the money, adding and removing lines,
deleting), signing (the signer on the system's register; the clerk with the number and the signed PDF on the
clerical office's), the downloads (the decision as DOCX and PDF, the payment list, the certificates printed by a
background job), the correcting and revoking decisions, and the money totals. A signed decision cannot be changed
through any page. Who reaches each page is in test_decisions_access.py."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, CHAU, HOA, approved, drafted, external_register, signed
from tests.documents.reading import pdf_text
from tests.factories.decisions import CertificateLayoutFactory
from tests.factories.files import pdf_upload
from thidua.decisions.enums import DecisionFileKind, DecisionKind, DecisionState, Numbering
from thidua.decisions.models import Decision, DecisionItem
from thidua.dossiers.enums import EntryState
from thidua.dossiers.models import DossierEntry
from thidua.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)
BK_TINH = "Bằng khen của Chủ tịch UBND thành phố"


def as_user(client, scene, name: str):
    client.force_login(scene.users[name])
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def fresh(decision: Decision) -> Decision:
    return Decision.objects.select_related("register").get(pk=decision.pk)


def detail(decision: Decision) -> str:
    return reverse("decisions:detail", args=[decision.pk])


# --- The list ---------------------------------------------------------------------------------------------------


def test_the_menu_has_an_entry_for_decisions(client, scene):
    html = page(as_user(client, scene, "board"), reverse("core:dashboard"))
    assert f'<a href="{reverse("decisions:list")}"' in html
    assert ">Quyết định</a>" in html


def test_the_list_shows_drafts_and_signed_decisions_with_their_money(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    decision = signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    html = page(as_user(client, scene, "board"), reverse("decisions:list"))
    assert decision.number_text in html
    assert "15/07/2025" in html
    assert "3.510.000" in html
    assert detail(draft) in html
    assert "Dự thảo" in html


def test_the_list_finds_a_decision_by_number_or_by_a_name_without_diacritics(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    decision = signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    client = as_user(client, scene, "board")

    def found(query: str) -> list[int]:
        response = client.get(reverse("decisions:list"), {"q": query})
        return [row.pk for row in response.context["page"].items]

    assert found(decision.number_text) == [decision.pk]
    assert found(decision.number_text.replace("Đ", "D")) == [decision.pk]
    assert found("tran van binh") == [decision.pk]
    assert found("Nguyễn Thị Hoa") == [draft.pk]
    assert found("nguyen thi hoa") == [draft.pk]
    assert found("Phạm Văn Không Có") == []


def test_the_list_filters_by_state_and_award_type(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    decision = signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    client = as_user(client, scene, "board")

    def found(**query) -> set[int]:
        return {row.pk for row in client.get(reverse("decisions:list"), query).context["page"].items}

    assert found(state="signed") == {decision.pk}
    assert found(state="draft") == {draft.pk}
    assert found(award_type="BK_TINH") == {draft.pk, decision.pk}
    assert found(award_type="LDTT") == set()
    assert found(year=2025) == {decision.pk}


# --- Drafting ---------------------------------------------------------------------------------------------------


def test_the_board_picks_approved_entries_grouped_by_award_type(client, scene):
    dossier = approved(scene, ((HOA, "BK_TINH"), (BINH, "CSTD_TINH")))
    html = page(as_user(client, scene, "board"), reverse("decisions:create"))  # one authority: chosen already
    assert BK_TINH in html
    assert "Chiến sĩ thi đua thành phố" in html
    assert html.index("Chiến sĩ thi đua thành phố") != html.index(BK_TINH)
    hoa = dossier.entries.get(person__full_name=HOA)
    response = client.post(reverse("decisions:create"), {"authority": scene.city_authority.pk, "entries": [hoa.pk]})
    decision = Decision.objects.get()
    assert (response.status_code, response["Location"]) == (302, detail(decision))
    assert list(decision.items.values_list("recipient_name", flat=True)) == [HOA]
    assert decision.subject == f"Về việc tặng {BK_TINH}"


def test_an_entry_already_in_a_draft_is_not_offered_again(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    entry = draft.items.get().entry
    client = as_user(client, scene, "board")
    assert HOA not in page(client, reverse("decisions:create"))
    response = client.post(reverse("decisions:create"), {"authority": scene.city_authority.pk, "entries": [entry.pk]})
    assert response.status_code == 200
    assert "Đề nghị đã chọn không còn chờ quyết định" in response.content.decode()
    assert Decision.objects.count() == 1


def test_nothing_chosen_is_refused_with_a_message(client, scene):
    approved(scene, ((HOA, "BK_TINH"),))
    response = as_user(client, scene, "board").post(reverse("decisions:create"),
                                                    {"authority": scene.city_authority.pk})  # fmt: skip
    assert "Chọn ít nhất một đề nghị đã được duyệt." in response.content.decode()
    assert Decision.objects.count() == 0


def test_the_draft_page_previews_the_money_for_today(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    html = page(as_user(client, scene, "board"), detail(draft))
    # 1,5 × 2.530.000 (from 01/7/2026) = 3.795.000, rounded up to 3.800.000
    assert "3.800.000" in html
    assert "Tổng cộng (tạm tính)" in html
    assert DecisionItem.objects.get().amount is None  # a preview, never saved


def test_the_board_edits_the_header_of_the_version_it_saw(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    client = as_user(client, scene, "board")
    data = {"subject": "Về việc tặng Bằng khen cho cá nhân có thành tích xuất sắc", "legal_basis": draft.legal_basis,
            "proposal": draft.proposal, "executors": draft.executors, "recipients": draft.recipients,
            "commendation_kind": draft.commendation_kind, "signing_capacity": "KT. CHỦ TỊCH",
            "signer_position": "PHÓ CHỦ TỊCH", "signer_name": "Lê Anh Quân", "version": draft.version}  # fmt: skip
    response = client.post(reverse("decisions:edit", args=[draft.pk]), data)
    assert (response.status_code, response["Location"]) == (302, detail(draft))
    saved = fresh(draft)
    assert (saved.signing_capacity, saved.signer_name, saved.version) == ("KT. CHỦ TỊCH", "Lê Anh Quân", 1)
    stale = client.post(reverse("decisions:edit", args=[draft.pk]), {**data, "signer_name": "Người khác"})
    assert stale.status_code == 200
    assert "vừa được người khác cập nhật. Tải lại trang rồi thao tác lại." in stale.content.decode()
    assert fresh(draft).signer_name == "Lê Anh Quân"


def test_lines_are_removed_and_added_back(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    client = as_user(client, scene, "board")
    binh = draft.items.get(recipient_name=BINH)
    response = client.post(reverse("decisions:item-remove", args=[binh.pk]), {"version": draft.version}, follow=True)
    assert f"Đã bỏ “{BINH}” khỏi dự thảo." in messages_of(response)
    assert list(draft.items.values_list("recipient_name", flat=True)) == [HOA]
    entry = DossierEntry.objects.get(person__full_name=BINH)
    assert BINH in response.content.decode()  # offered again, below
    response = client.post(reverse("decisions:add-entries", args=[draft.pk]),
                           {"entries": [entry.pk], "version": fresh(draft).version}, follow=True)  # fmt: skip
    assert "Đã thêm 1 người, tập thể vào dự thảo." in messages_of(response)
    assert sorted(draft.items.values_list("recipient_name", flat=True)) == sorted([HOA, BINH])


def test_the_last_line_is_kept_and_the_reason_said(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    response = as_user(client, scene, "board").post(
        reverse("decisions:item-remove", args=[draft.items.get().pk]), {"version": draft.version}, follow=True
    )
    assert any(message.startswith("Danh sách kèm theo: Quyết định phải có ít nhất một")
               for message in messages_of(response))  # fmt: skip
    assert draft.items.count() == 1


def test_a_deleted_draft_frees_its_entries(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    response = as_user(client, scene, "board").post(reverse("decisions:delete", args=[draft.pk]), follow=True)
    assert "Đã xóa dự thảo quyết định; các đề nghị trở lại danh sách chờ quyết định." in messages_of(response)
    assert Decision.objects.count() == 0
    assert HOA in page(client, reverse("decisions:create"))


# --- Signing ----------------------------------------------------------------------------------------------------


def test_the_signer_signs_and_the_system_numbers_it(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    client = as_user(client, scene, "signer")
    form = page(client, reverse("decisions:sign", args=[draft.pk]))
    assert "Ký ban hành" in form
    assert "Số, ký hiệu" not in form
    response = client.post(
        reverse("decisions:sign", args=[draft.pk]),
        {"version": draft.version, "signed_on": "15/07/2025", "confirm": "on"},
        follow=True,
    )
    decision = fresh(draft)
    assert (decision.state, decision.number_text, decision.signed_on) == (DecisionState.SIGNED, "01/QĐ-UBND", SIGNED_ON)
    assert "Đã ký ban hành Quyết định số 01/QĐ-UBND ngày 15/07/2025." in messages_of(response)
    assert "3.510.000" in response.content.decode()
    assert DossierEntry.objects.get(person__full_name=HOA).state == EntryState.DECIDED


def test_signing_needs_the_confirmation(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    response = as_user(client, scene, "signer").post(reverse("decisions:sign", args=[draft.pk]),
                                                     {"version": draft.version, "signed_on": "15/07/2025"})  # fmt: skip
    assert response.context["form"].errors["confirm"] == ["Hãy xác nhận trước khi ký ban hành."]
    assert fresh(draft).state == DecisionState.DRAFT


def test_the_clerk_records_the_number_date_and_signed_pdf(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),), numbering_kind=Numbering.EXTERNAL)
    client = as_user(client, scene, "clerk")
    assert "Bản đã ký (PDF)" in page(client, reverse("decisions:sign", args=[draft.pk]))
    response = client.post(
        reverse("decisions:sign", args=[draft.pk]),
        {"version": draft.version, "number_text": "3998/QĐ-UBND", "signed_on": "15/07/2025",
         "signed_file": pdf_upload("qd-3998.pdf")},
    )  # fmt: skip
    decision = fresh(draft)
    assert (response.status_code, decision.number_text, decision.signed_file.name) == (302, "3998/QĐ-UBND",
                                                                                        "qd-3998.pdf")  # fmt: skip
    downloaded = client.get(reverse("decisions:signed-file", args=[decision.pk]))
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content).startswith(b"%PDF")


def test_a_number_already_used_in_the_year_is_refused_on_its_field(client, scene):
    first = signed(scene, ((BINH, "BK_TINH"),), numbering=Numbering.EXTERNAL, signed_on=SIGNED_ON,
                   number_text="3998/QĐ-UBND")  # fmt: skip
    draft = drafted(scene, ((HOA, "BK_TINH"),), numbering_kind=Numbering.EXTERNAL)
    assert draft.register_id == first.register_id == external_register(scene.city_authority).pk
    response = as_user(client, scene, "clerk").post(
        reverse("decisions:sign", args=[draft.pk]),
        {"version": draft.version, "number_text": "3998/QĐ-UBND", "signed_on": "16/07/2025",
         "signed_file": pdf_upload("qd.pdf")},
    )  # fmt: skip
    assert response.status_code == 200
    [error] = response.context["form"].errors["number_text"]
    assert error.startswith("Số 3998/QĐ-UBND đã được dùng trong")
    assert error.endswith("năm 2025.")
    assert fresh(draft).state == DecisionState.DRAFT


def test_the_board_cannot_sign(client, scene):
    draft = drafted(scene, ((HOA, "BK_TINH"),))
    html = page(as_user(client, scene, "board"), detail(draft))
    assert reverse("decisions:sign", args=[draft.pk]) not in html
    assert client.get(reverse("decisions:sign", args=[draft.pk])).status_code == 403


# --- A signed decision cannot be changed ------------------------------------------------------------------------


def test_no_page_changes_a_signed_decision(client, scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    before = (list(Decision.objects.values()), list(DecisionItem.objects.order_by("pk").values()))
    item = decision.items.order_by("pk").first()
    for user in ("board", "signer"):
        client = as_user(client, scene, user)
        html = page(client, detail(decision))
        assert "Lưu nội dung" not in html
        assert "Bỏ khỏi dự thảo" not in html
        assert "Xóa dự thảo" not in html
        assert client.post(reverse("decisions:edit", args=[decision.pk]), {"subject": "Khác", "version": 1}
                           ).status_code == 403  # fmt: skip
        assert client.post(reverse("decisions:delete", args=[decision.pk])).status_code == 403
        assert client.post(reverse("decisions:item-remove", args=[item.pk])).status_code == 403
        assert client.post(reverse("decisions:add-entries", args=[decision.pk]), {"entries": []}).status_code == 403
        assert client.post(reverse("decisions:sign", args=[decision.pk]),
                           {"signed_on": "16/07/2025", "confirm": "on", "version": 1}).status_code == 403  # fmt: skip
    assert (list(Decision.objects.values()), list(DecisionItem.objects.order_by("pk").values())) == before


# --- Documents, payment list, certificates -------------------------------------------------------------------


def test_the_decision_downloads_as_pdf_and_docx(client, scene):
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    client = as_user(client, scene, "board")
    pdf = client.get(reverse("decisions:document", args=[decision.pk, "pdf"]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body(pdf))).pages)
    assert HOA in text
    assert "01/QĐ-UBND" in text
    docx = client.get(reverse("decisions:document", args=[decision.pk, "docx"]))
    assert docx.status_code == 200
    assert body(docx).startswith(b"PK")
    assert client.get(reverse("decisions:document", args=[decision.pk, "odt"])).status_code == 404


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_signed_decision_is_downloaded_as_first_issued_whatever_changes_later(client, scene):
    """The issued copy is kept: a later change of the catalog's wording does not rewrite a signed decision."""
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    client = as_user(client, scene, "board")
    url = reverse("decisions:document", args=[decision.pk, "pdf"])
    first = body(client.get(url))
    type(scene.awards["BK_TINH"]).objects.filter(code="BK_TINH").update(name="Bằng khen (tên mới)")
    assert body(client.get(url)) == first
    assert decision.files.filter(kind=DecisionFileKind.DECISION_PDF).count() == 1


def test_a_draft_is_rendered_afresh_and_kept_nowhere(client, scene):
    decision = drafted(scene, ((HOA, "BK_TINH"),))
    client = as_user(client, scene, "board")
    url = reverse("decisions:document", args=[decision.pk, "pdf"])
    assert "DỰ THẢO" in pdf_text(body(client.get(url)))
    type(scene.awards["BK_TINH"]).objects.filter(code="BK_TINH").update(name="Bằng khen (tên mới)")
    assert "Bằng khen (tên mới)" in pdf_text(body(client.get(url)))
    assert not decision.files.exists()


def test_the_payment_list_opens_in_a_spreadsheet(client, scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    response = as_user(client, scene, "finance").get(reverse("decisions:payment-list", args=[decision.pk]))
    assert response.status_code == 200
    assert unquote(response["Content-Disposition"]).endswith("Danh sách chi tiền thưởng 01-QĐ-UBND.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row if cell is not None]
    assert HOA in cells
    assert BINH in cells
    assert 7_020_000 in cells


def test_certificates_are_printed_by_a_job_and_downloaded(client, scene, django_capture_on_commit_callbacks):
    CertificateLayoutFactory()
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    client = as_user(client, scene, "board")
    html = page(client, detail(decision))
    assert "Quyết định có 2 bằng, giấy khen đã vào sổ." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("decisions:certificates", args=[decision.pk]), {"mode": "full"})
    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"{detail(decision)}#certificates")
    assert (job.kind, job.params, job.status) == (
        "decisions.certificates",
        {"decision_id": decision.pk, "mode": "full"},
        JobStatus.SUCCEEDED,
    )
    assert decision.files.filter(kind=DecisionFileKind.CERTIFICATES).exists()
    html = page(client, detail(decision))
    assert "Bằng, giấy khen – in đầy đủ (PDF)" in html
    assert reverse("jobs:detail", args=[job.pk]) in html
    printed = client.get(reverse("decisions:certificates-file", args=[decision.pk]), {"mode": "full"})
    reader = PdfReader(io.BytesIO(b"".join(printed.streaming_content)))
    assert len(reader.pages) == 2
    assert client.get(reverse("decisions:certificates-file", args=[decision.pk]), {"mode": "blank"}).status_code == 404


def test_a_certificate_run_under_way_is_not_started_twice(client, scene):
    CertificateLayoutFactory()
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    client = as_user(client, scene, "board")
    client.post(reverse("decisions:certificates", args=[decision.pk]), {"mode": "full"})
    second = client.post(reverse("decisions:certificates", args=[decision.pk]), {"mode": "full"}, follow=True)
    assert Job.objects.count() == 1
    assert "Bằng, giấy khen của quyết định đang được in; chờ tác vụ này xong." in messages_of(second)
    # The page fetches its certificates part again every 2 seconds while the job runs.
    status_url = reverse("decisions:certificates-status", args=[decision.pk])
    assert f'hx-get="{status_url}"' in second.content.decode()
    fragment = client.get(status_url).content.decode()
    assert '<div id="certificates-status"' in fragment
    assert "<html" not in fragment
    assert "Đang chờ" in fragment


def test_the_signed_page_links_each_certificate_to_its_verification(client, scene):
    CertificateLayoutFactory()
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    certificate = decision.items.get().certificate
    html = page(as_user(client, scene, "member1"), detail(decision))
    assert f"Số vào sổ: {certificate.serial_text}" in html
    assert reverse("verify", args=[certificate.code]) in html


# --- Amendments and revocations --------------------------------------------------------------------------------


def test_the_board_drafts_a_revocation_of_a_signed_award(client, scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    award = decision.items.get(recipient_name=BINH).award
    response = as_user(client, scene, "board").post(
        reverse("decisions:amend", args=[decision.pk]),
        {"kind": "revocation", "awards": [award.pk], "reason": "Phát hiện trùng khen thưởng."},
    )
    revocation = Decision.objects.get(amends=decision)
    assert (response.status_code, response["Location"]) == (302, detail(revocation))
    assert (revocation.kind, revocation.state) == (DecisionKind.REVOCATION, DecisionState.DRAFT)
    assert list(revocation.items.values_list("revokes", flat=True)) == [award.pk]
    html = page(client, detail(revocation))
    assert f"Hủy bỏ khen thưởng theo Quyết định số {decision.number_text}" in html
    assert "Lập quyết định điều chỉnh, hủy bỏ" in page(client, detail(decision))


def test_an_amendment_carries_the_corrected_name(client, scene):
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    award = decision.items.get().award
    client = as_user(client, scene, "board")
    form = page(client, reverse("decisions:amend", args=[decision.pk]))
    assert f'value="{HOA}"' in form
    client.post(reverse("decisions:amend", args=[decision.pk]), {
        "kind": "amendment", "awards": [award.pk], "reason": "Sai chính tả họ tên.",
        f"recipient_name_{award.pk}": "Nguyễn Thị Hoà", f"position_{award.pk}": award.position,
        f"unit_name_{award.pk}": award.unit_name, f"achievement_{award.pk}": award.achievement,
    })  # fmt: skip
    amendment = Decision.objects.get(amends=decision)
    item = amendment.items.get()
    assert (amendment.kind, item.recipient_name, item.replaces_id) == (DecisionKind.AMENDMENT, "Nguyễn Thị Hoà",
                                                                       award.pk)  # fmt: skip
    html = page(client, detail(decision))
    assert detail(amendment) in html


def test_an_amendment_names_at_least_one_award(client, scene):
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    response = as_user(client, scene, "board").post(reverse("decisions:amend", args=[decision.pk]),
                                                    {"kind": "revocation", "reason": "Lý do"})  # fmt: skip
    assert response.context["form"].errors["awards"] == ["Chọn ít nhất một khen thưởng của quyết định."]
    assert Decision.objects.count() == 1


# --- Totals ---------------------------------------------------------------------------------------------------


def test_the_totals_page_sums_the_money_per_decision_unit_and_year(client, scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    drafted(scene, ((CHAU, "BK_TINH"),))
    client = as_user(client, scene, "finance")
    html = page(client, reverse("decisions:totals"))
    assert decision.number_text in html
    assert "7.020.000" in html
    assert "Phường An Biên" in html
    response = client.get(reverse("decisions:totals-xlsx"), {"year": 2025})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row if cell is not None]
    assert decision.number_text in cells
    assert 7_020_000 in cells
