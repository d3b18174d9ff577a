"""What /api/v1/decisions/ and /api/v1/certificates/ do for the caller they are for: draft a decision from approved
entries (the money previewed for today), edit and delete a draft, sign it (the signer on the system's register, the
clerk with a number and the signed PDF — multipart — on the clerical office's), draft a revocation or an amendment,
download the decision, its payment list and its certificates (a background job), read a certificate, sum the money.
A signed decision answers 409 to every change. Who may call what is in test_decisions_access.py."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import yaml
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from tests.api.conftest import token_client
from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, CHAU, HOA, approved, drafted, sign, signed
from tests.factories.decisions import CertificateLayoutFactory
from tests.factories.files import pdf_upload
from thidua.decisions.enums import DecisionKind, DecisionState, Numbering
from thidua.decisions.models import Decision
from thidua.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)
SIGNED_MESSAGE = "Quyết định đã ký ban hành không được sửa, xóa; hãy lập quyết định điều chỉnh hoặc hủy bỏ."


def client_of(scene, name: str):
    return token_client(scene.users[name])


def url(decision: Decision, tail: str = "") -> str:
    return f"/api/v1/decisions/{decision.pk}/{tail}"


# --- Drafts -----------------------------------------------------------------------------------------------------


def test_the_board_drafts_a_decision_from_entry_ids(scene):
    dossier = approved(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    entries = list(dossier.entries.order_by("pk").values_list("pk", flat=True))
    response = client_of(scene, "board").post(
        "/api/v1/decisions/", {"authority": scene.city_authority.pk, "entries": entries,
                               "signer_position": "PHÓ CHỦ TỊCH", "signing_capacity": "KT. CHỦ TỊCH"}, format="json"
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["subject"], body["signing_capacity"]) == (
        "draft", "Về việc tặng Bằng khen của Chủ tịch UBND thành phố", "KT. CHỦ TỊCH")  # fmt: skip
    assert [item["recipient_name"] for item in body["items"]] == [HOA, BINH]
    # A preview for today: 1,5 × 2.530.000 = 3.795.000, rounded up to 3.800.000 (nothing saved).
    assert [item["amount"] for item in body["items"]] == [3_800_000, 3_800_000]
    assert body["money_on"] == timezone.localdate().isoformat()
    assert body["permissions"] == {"edit": True, "sign": False, "amend": False, "print_certificates": False,
                                   "payment_list": False}  # fmt: skip
    assert Decision.objects.get().items.filter(amount__isnull=False).count() == 0


def test_an_entry_of_another_authority_is_refused_naming_the_entries(scene):
    district = approved(scene, ((HOA, "LDTT"),), unit=scene.units["an_bien"])
    entry = district.entries.get()
    response = client_of(scene, "board").post(
        "/api/v1/decisions/", {"authority": scene.city_authority.pk, "entries": [entry.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "entries" in response.json()
    assert Decision.objects.count() == 0


def test_a_draft_is_edited_for_the_version_seen(scene):
    draft = drafted(scene)
    client = client_of(scene, "board")
    response = client.patch(url(draft), {"signer_name": "Lê Anh Quân", "version": 0}, format="json")
    assert (response.status_code, response.json()["signer_name"], response.json()["version"]) == (200, "Lê Anh Quân", 1)
    stale = client.patch(url(draft), {"signer_name": "Người khác", "version": 0}, format="json")
    assert stale.status_code == 400
    assert "vừa được người khác cập nhật" in stale.json()["non_field_errors"][0]


def test_lines_are_added_and_removed(scene):
    draft = drafted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    client = client_of(scene, "board")
    binh = draft.items.get(recipient_name=BINH)
    assert client.delete(url(draft, f"items/{binh.pk}/?version=0")).status_code == 204
    response = client.post(url(draft, "entries/"), {"entries": [binh.entry_id], "version": 1}, format="json")
    assert response.status_code == 200
    assert sorted(item["recipient_name"] for item in response.json()["items"]) == sorted([HOA, BINH])


def test_a_draft_is_deleted(scene):
    draft = drafted(scene)
    assert client_of(scene, "board").delete(url(draft)).status_code == 204
    assert Decision.objects.count() == 0


# --- Signing ----------------------------------------------------------------------------------------------------


def test_the_signer_signs_and_the_system_numbers_it(scene):
    draft = drafted(scene)
    response = client_of(scene, "signer").post(url(draft, "sign/"), {"signed_on": "2025-07-15", "version": 0},
                                               format="json")  # fmt: skip
    body = response.json()
    assert (response.status_code, body["state"], body["number_text"], body["signed_on"]) == (
        200, "signed", "01/QĐ-UBND", "2025-07-15")  # fmt: skip
    assert [item["amount"] for item in body["items"]] == [3_510_000]
    assert body["items"][0]["award"] is not None


def test_the_clerk_records_a_signed_decision_with_its_pdf(scene):
    draft = drafted(scene, numbering_kind=Numbering.EXTERNAL)
    client = client_of(scene, "clerk")
    response = client.post(
        url(draft, "sign/"),
        {"signed_on": "2025-07-15", "number_text": "3998/QĐ-UBND", "signed_file": pdf_upload("qd-3998.pdf")},
        format="multipart",
    )
    assert (response.status_code, response.json()["number_text"], response.json()["has_signed_file"]) == (
        200, "3998/QĐ-UBND", True)  # fmt: skip
    downloaded = client.get(url(draft, "signed-file/"))
    assert b"".join(downloaded.streaming_content).startswith(b"%PDF")


def test_the_clerk_without_a_pdf_is_told_on_the_field(scene):
    draft = drafted(scene, numbering_kind=Numbering.EXTERNAL)
    response = client_of(scene, "clerk").post(url(draft, "sign/"), {"number_text": "3998/QĐ-UBND"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["signed_file"])


def test_a_signed_decision_answers_409_to_every_change(scene):
    decision = signed(scene, signed_on=SIGNED_ON)
    before = list(Decision.objects.values())
    board, signer = client_of(scene, "board"), client_of(scene, "signer")
    item = decision.items.get()
    answers = [
        board.patch(url(decision), {"subject": "Khác", "version": decision.version}, format="json"),
        board.delete(url(decision)),
        board.post(url(decision, "entries/"), {"entries": [item.entry_id]}, format="json"),
        board.delete(url(decision, f"items/{item.pk}/")),
        signer.post(url(decision, "sign/"), {"signed_on": "2025-07-16"}, format="json"),
    ]
    assert [(answer.status_code, answer.json()) for answer in answers] == [(409, {"detail": SIGNED_MESSAGE})] * 5
    assert list(Decision.objects.values()) == before


def test_the_board_records_a_decision_of_the_prime_minister(scene):
    body = {"authority": scene.prime_minister.pk, "number_text": "1234/QĐ-TTg", "signed_on": "2025-07-15",
            "subject": "Về việc tặng Bằng khen của Thủ tướng Chính phủ",
            "items": [{"person": scene.people[HOA].pk, "award_code": "BK_TTG", "year": 2025,
                       "achievement": "Đã có thành tích xuất sắc."}]}  # fmt: skip
    response = client_of(scene, "board").post("/api/v1/decisions/record/", body, format="json")
    assert response.status_code == 201, response.json()
    recorded = response.json()
    assert (recorded["state"], recorded["origin"], recorded["number_text"]) == ("signed", "recorded", "1234/QĐ-TTg")
    award = Decision.objects.get().items.get().award
    assert (award.recipient_name, award.award_code, award.decision_number) == (HOA, "BK_TTG", "1234/QĐ-TTg")
    again = client_of(scene, "board").post("/api/v1/decisions/record/", body, format="json")
    assert (again.status_code, list(again.json())) == (400, ["number_text"])


# --- Amendments -------------------------------------------------------------------------------------------------


def test_the_board_drafts_a_revocation(scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    award = decision.items.get(recipient_name=BINH).award
    response = client_of(scene, "board").post(url(decision, "amend/"), {
        "kind": "revocation", "changes": [{"award": award.pk}], "reason": "Trùng khen thưởng.",
    }, format="json")  # fmt: skip
    body = response.json()
    assert (response.status_code, body["kind"], body["amends"], body["state"]) == (201, "revocation", decision.pk,
                                                                                   "draft")  # fmt: skip
    assert [item["revokes"] for item in body["items"]] == [award.pk]
    assert client_of(scene, "board").get(url(decision)).json()["amendments"] == [body["id"]]


def test_an_amendment_corrects_a_name_and_signing_it_replaces_the_award(scene):
    decision = signed(scene, signed_on=SIGNED_ON)
    award = decision.items.get().award
    response = client_of(scene, "board").post(url(decision, "amend/"), {
        "kind": "amendment", "changes": [{"award": award.pk, "recipient_name": "Nguyễn Thị Hoà"}],
    }, format="json")  # fmt: skip
    amendment = Decision.objects.get(pk=response.json()["id"])
    assert (amendment.kind, amendment.items.get().recipient_name) == (DecisionKind.AMENDMENT, "Nguyễn Thị Hoà")
    sign(scene, amendment, signed_on=dt.date(2025, 8, 1))
    award.refresh_from_db()
    assert (award.revoked_on, award.revoked_reference) == (dt.date(2025, 8, 1), "02/QĐ-UBND")


def test_an_award_of_another_decision_is_refused(scene):
    first = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    second = signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    response = client_of(scene, "board").post(url(first, "amend/"), {
        "kind": "revocation", "changes": [{"award": second.items.get().award_id}]}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400, {"changes": ["Khen thưởng đã chọn không do quyết định này trao."]})  # fmt: skip


def test_a_draft_cannot_be_amended(scene):
    draft = drafted(scene)
    response = client_of(scene, "board").post(url(draft, "amend/"), {"kind": "revocation", "changes": [{"award": 1}]},
                                              format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Chỉ điều chỉnh, hủy bỏ quyết định đã ký ban hành."},
    )


# --- Files ------------------------------------------------------------------------------------------------------


def test_the_decision_downloads_as_docx_and_pdf(scene):
    decision = signed(scene, signed_on=SIGNED_ON)
    client = client_of(scene, "member1")
    pdf = client.get(url(decision, "documents/decision.pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert HOA in "".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages)
    docx = client.get(url(decision, "documents/decision.docx"))
    assert (docx.status_code, b"".join(docx.streaming_content)[:2]) == (200, b"PK")
    assert client.get(url(decision, "documents/decision.odt")).status_code == 404


def test_the_payment_list_is_a_spreadsheet(scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    response = client_of(scene, "finance").get(url(decision, "payment-list.xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row if cell is not None]
    assert HOA in cells
    assert BINH in cells
    assert 7_020_000 in cells


def test_certificates_are_printed_by_a_job_then_downloaded(scene, django_capture_on_commit_callbacks):
    CertificateLayoutFactory()
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    client = client_of(scene, "board")
    assert client.get(url(decision, "certificates.pdf")).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(decision, "certificates/"), {"mode": "full"}, format="json")
    job = Job.objects.get()
    body = response.json()
    assert (response.status_code, body["job"], body["url"]) == (202, str(job.pk),
                                                                f"http://testserver/api/v1/jobs/{job.pk}/")  # fmt: skip
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert client.get(body["url"]).json()["status"] == "succeeded"
    printed = client.get(body["file_url"])
    assert len(PdfReader(io.BytesIO(b"".join(printed.streaming_content))).pages) == 2


def test_a_certificate_is_read_by_its_code_and_says_when_revoked(scene):
    CertificateLayoutFactory()
    decision = signed(scene, signed_on=SIGNED_ON)
    certificate = decision.items.get().certificate
    client = client_of(scene, "board")
    body = client.get(f"/api/v1/certificates/{certificate.code}/").json()
    assert (body["recipient_name"], body["decision_number"], body["valid"]) == (HOA, "01/QĐ-UBND", True)
    assert body["verify_url"].endswith(f"/verify/{certificate.code}")
    revocation = client.post(url(decision, "amend/"), {"kind": "revocation",
                                                      "changes": [{"award": certificate.award_id}]},
                             format="json").json()  # fmt: skip
    sign(scene, Decision.objects.get(pk=revocation["id"]), signed_on=dt.date(2025, 8, 1))
    body = client.get(f"/api/v1/certificates/{certificate.code}/").json()
    assert (body["valid"], body["revoked_reference"]) == (False, "02/QĐ-UBND")
    assert client.get("/api/v1/certificates/KHONGCOMA/").status_code == 404


# --- Lists and totals -------------------------------------------------------------------------------------------


def test_the_list_filters_and_finds_names_without_diacritics(scene):
    draft = drafted(scene, ((CHAU, "BK_TINH"),))
    decision = signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    client = client_of(scene, "board")

    def found(**query) -> list[int]:
        return [row["id"] for row in client.get("/api/v1/decisions/", query).json()["results"]]

    assert found() == [decision.pk, draft.pk]
    assert found(state="signed") == [decision.pk]
    assert found(search="tran van binh") == [decision.pk]
    assert found(search="01/QD-UBND") == [decision.pk]
    assert found(search="Lê Minh Châu") == [draft.pk]
    assert found(award_type="BK_TINH", year=2025) == [decision.pk]
    assert client.get("/api/v1/decisions/", {"state": "lost"}).status_code == 400


def test_totals_sum_the_money_of_signed_decisions(scene):
    decision = signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)
    drafted(scene, ((CHAU, "BK_TINH"),))
    body = client_of(scene, "finance").get("/api/v1/decisions/totals/", {"year": 2025}).json()
    assert body["total"] == 7_020_000
    assert [(row["number_text"], row["items"], row["amount"]) for row in body["by_decision"]] == [
        (decision.number_text, 2, 7_020_000)]  # fmt: skip
    assert body["by_year"] == [{"year": 2025, "items": 2, "amount": 7_020_000}]
    assert client_of(scene, "finance").get("/api/v1/decisions/totals/", {"year": "x"}).status_code == 400


def test_the_schema_documents_the_decisions_endpoints(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    paths = yaml.safe_load(path.read_text())["paths"]
    assert {"/api/v1/decisions/", "/api/v1/decisions/{id}/", "/api/v1/decisions/{id}/sign/",
            "/api/v1/decisions/{id}/amend/", "/api/v1/decisions/{id}/documents/decision.{fmt}",
            "/api/v1/decisions/{id}/payment-list.xlsx", "/api/v1/decisions/{id}/certificates/",
            "/api/v1/decisions/{id}/certificates.pdf", "/api/v1/certificates/{code}/"} <= set(paths)  # fmt: skip
    assert set(paths["/api/v1/decisions/{id}/sign/"]["post"]["requestBody"]["content"]) >= {"multipart/form-data"}
    assert DecisionState.SIGNED in str(paths["/api/v1/decisions/"]["get"])
