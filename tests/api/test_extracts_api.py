"""What a permitted caller gets from the reissue and extract endpoints: ``POST /api/v1/certificates/{code}/reissue/``
(the same register number, a PDF marked "Cấp lại"), ``/api/v1/certificate-reissues/{id}.pdf``, and the giấy xác nhận
(``/api/v1/extracts/``: issue, list, read, DOCX and PDF that verify at /verify/<code>). Who reaches them is in
test_decisions_access.py."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import io

import docx
import pytest

from tests.api.conftest import token_client
from tests.decisions.certificate_scene import BINH, certificates_of, pdf_text, seed_layouts, signed_with_certificates
from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from thidua.decisions.certificates import verify_url
from thidua.decisions.models import CertificateReissue, Extract

pytestmark = pytest.mark.django_db

AWARD = "Bằng khen của Chủ tịch UBND thành phố"


@pytest.fixture
def certificate(scene):
    seed_layouts()
    return certificates_of(signed_with_certificates(scene, ((BINH, "BK_TINH"),)))[0]


@pytest.fixture
def board(scene):
    return token_client(scene.users["board"])


def folded(data: bytes) -> str:
    """The PDF's text with line breaks folded into spaces (table cells wrap)."""
    return " ".join(" ".join(pdf_text(data)).split())


def test_reissue_answers_201_with_the_same_serial_and_its_pdf_url(board, certificate):
    response = board.post(f"/api/v1/certificates/{certificate.code}/reissue/", {"reason": "Bị mất."}, format="json")
    assert response.status_code == 201
    body = response.json()
    reissue = CertificateReissue.objects.get()
    assert {key: body[key] for key in ("id", "certificate", "serial_text", "sequence", "reason")} == {
        "id": reissue.pk, "certificate": certificate.code, "serial_text": certificate.serial_text, "sequence": 1,
        "reason": "Bị mất."}  # fmt: skip
    assert body["pdf_url"] == f"http://testserver/api/v1/certificate-reissues/{reissue.pk}.pdf"


def test_the_reissue_pdf_keeps_the_serial_and_says_cap_lai(board, certificate):
    board.post(f"/api/v1/certificates/{certificate.code}/reissue/", {"reason": "Bị mất."}, format="json")
    response = board.get(f"/api/v1/certificate-reissues/{CertificateReissue.objects.get().pk}.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    [text] = pdf_text(response.content)
    assert "Cấp lại lần 1" in text
    assert certificate.serial_text in text


def test_the_certificate_lists_its_reissues(board, certificate):
    board.post(f"/api/v1/certificates/{certificate.code}/reissue/", {"reason": "Bị mất."}, format="json")
    board.post(f"/api/v1/certificates/{certificate.code}/reissue/", {"reason": "Bị hỏng."}, format="json")
    reissues = board.get(f"/api/v1/certificates/{certificate.code}/").json()["reissues"]
    assert [row["sequence"] for row in reissues] == [1, 2]


@pytest.mark.parametrize("body", [{"reason": ""}, {"reason": "   "}])
def test_a_reissue_without_a_reason_is_refused_naming_the_field(board, certificate, body):
    response = board.post(f"/api/v1/certificates/{certificate.code}/reissue/", body, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"reason": ["Ghi lý do cấp lại (ví dụ: bị mất, bị hư hỏng)."]},
    )
    assert not CertificateReissue.objects.exists()


def test_a_reissue_with_no_reason_field_is_refused_naming_it(board, certificate):
    response = board.post(f"/api/v1/certificates/{certificate.code}/reissue/", {}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["reason"])


def test_issuing_an_extract_lists_the_awards_in_force(scene, board, certificate):
    person = scene.people[BINH]
    response = board.post("/api/v1/extracts/", {"person": person.pk, "issuer": scene.city_authority.pk}, format="json")
    assert response.status_code == 201
    body = response.json()
    extract = Extract.objects.get()
    assert (body["id"], body["subject_name"], body["person"], body["unit"]) == (extract.pk, BINH, person.pk, None)
    assert [row["award_name"] for row in body["awards"]] == [AWARD]
    assert body["verify_url"] == verify_url(extract.code)
    assert body["pdf_url"] == f"http://testserver/api/v1/extracts/{extract.pk}/document.pdf"


def test_an_extract_needs_one_subject(scene, board, certificate):
    response = board.post("/api/v1/extracts/", {"issuer": scene.city_authority.pk}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["person"])
    assert not Extract.objects.exists()


def test_the_extract_is_listed_and_read(scene, board, certificate):
    made = board.post("/api/v1/extracts/", {"person": scene.people[BINH].pk, "issuer": scene.city_authority.pk},
                      format="json").json()  # fmt: skip
    assert [row["id"] for row in board.get("/api/v1/extracts/").json()["results"]] == [made["id"]]
    assert board.get(f"/api/v1/extracts/{made['id']}/").json() == made


def test_the_extract_pdf_and_docx_list_the_awards_and_verify(client, scene, board, certificate):
    made = board.post("/api/v1/extracts/", {"person": scene.people[BINH].pk, "issuer": scene.city_authority.pk},
                      format="json").json()  # fmt: skip
    pdf = board.get(f"/api/v1/extracts/{made['id']}/document.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert BINH in folded(pdf.content)
    assert AWARD in folded(pdf.content)
    document = docx.Document(io.BytesIO(board.get(f"/api/v1/extracts/{made['id']}/document.docx").content))
    cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert AWARD in " ".join(cells.split())
    assert board.get(f"/api/v1/extracts/{made['id']}/document.odt").status_code == 404

    page = client.get(f"/verify/{made['code']}")
    assert page.status_code == 200
    assert AWARD in page.content.decode()
