"""Giấy xác nhận khen thưởng: issued by the board of an authority from the awards in force of a person or a unit,
printed as PDF and DOCX with its verification address, and verifiable at /verify/<code>."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.decisions.certificate_scene import HOA, certificates_of, pdf_text, seed_layouts, signed_with_certificates
from tests.decisions.scene import sign
from tests.factories.records import AwardFactory
from thidua.audit.models import AuditEntry
from thidua.decisions import extracts, services
from thidua.decisions.certificates import verify_url
from thidua.decisions.enums import DecisionKind
from thidua.decisions.models import Extract

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoa(scene):
    seed_layouts()
    signed_with_certificates(scene, ((HOA, "BK_TINH"),))
    person = scene.people[HOA]
    AwardFactory(person=person, award_type=scene.awards["LDTT"], year=2023, decision_number="15/QĐ-UBND",
                 decision_date=dt.date(2023, 12, 20), authority_name="Chủ tịch UBND quận Lê Chân",
                 recipient_name=HOA)  # fmt: skip
    return person


def issue(scene, person):
    return extracts.issue_extract(by=scene.users["board"], person=person, issuer=scene.city_authority)


def test_extract_lists_the_awards_in_force_oldest_first(scene, hoa):
    extract = issue(scene, hoa)

    assert [(row["award_name"], row["year"]) for row in extract.awards] == [
        ("Lao động tiên tiến", 2023), ("Bằng khen của Chủ tịch UBND thành phố", 2025)]  # fmt: skip
    assert (extract.subject_name, extract.issuer, extract.issued_by) == (
        HOA,
        scene.city_authority,
        scene.users["board"],
    )


def test_extract_leaves_out_a_revoked_award(scene, hoa):
    award = hoa.awards.get(award_code="BK_TINH")
    decision = award.decision_item.decision
    sign(scene, services.draft_amendment(decision, by=scene.users["board"], kind=DecisionKind.REVOCATION,
                                         changes=[{"award": award}], reason="Kê khai sai."))  # fmt: skip

    extract = issue(scene, hoa)

    assert [row["award_code"] for row in extract.awards] == ["LDTT"]


def test_extract_code_starts_with_x_and_differs_from_certificate_codes(scene, hoa):
    extract = issue(scene, hoa)

    assert extract.code.startswith("X")
    assert len(extract.code) == 13
    assert not Extract.objects.exclude(pk=extract.pk).filter(code=extract.code).exists()


def test_extract_is_audited(scene, hoa):
    extract = issue(scene, hoa)

    assert AuditEntry.objects.filter(code="decisions.extract.issued", object_pk=str(extract.pk)).exists()


def test_extract_pdf_lists_the_awards_and_its_verification_address(scene, hoa):
    extract = issue(scene, hoa)

    # Table cells wrap: compare the words, not the line breaks.
    text = " ".join(" ".join(pdf_text(extracts.extract_pdf(extract))).split())

    for shown in (HOA, "Lao động tiên tiến", "Bằng khen của Chủ tịch UBND thành phố", "GIẤY XÁC NHẬN"):
        assert shown in text
    assert verify_url(extract.code) in text.replace(" ", "")


def test_extract_docx_opens_with_the_names_and_the_awards(scene, hoa):
    extract = issue(scene, hoa)

    document = docx.Document(io.BytesIO(extracts.extract_docx(extract)))
    text = "\n".join(
        [paragraph.text for paragraph in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )

    assert HOA in text
    assert "Lao động tiên tiến" in text
    assert extract.code in text


def test_extract_verifies_at_the_same_address_as_certificates(client, scene, hoa):
    extract = issue(scene, hoa)

    response = client.get(reverse("verify", args=[extract.code]))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Giấy xác nhận khen thưởng hợp lệ" in page
    assert HOA in page
    assert "Lao động tiên tiến" in page
    assert "20/12/2023" in page


def test_extract_verification_marks_an_award_revoked_since(client, scene, hoa):
    extract = issue(scene, hoa)
    award = hoa.awards.get(award_code="BK_TINH")
    revocation = sign(scene, services.draft_amendment(award.decision_item.decision, by=scene.users["board"],
                                                      kind=DecisionKind.REVOCATION, changes=[{"award": award}],
                                                      reason="Kê khai sai."))  # fmt: skip

    page = client.get(reverse("verify", args=[extract.code])).content.decode()

    assert f"Đã bị hủy bỏ sau ngày cấp giấy, theo Quyết định {revocation.number_text}" in page


def test_only_the_board_of_the_issuer_issues_an_extract(scene, hoa):
    for outsider in (scene.users["officer"], scene.users["signer"], scene.users["district_board"]):
        with pytest.raises(PermissionDenied):
            extracts.issue_extract(by=outsider, person=hoa, issuer=scene.city_authority)

    assert not Extract.objects.exists()


def test_extract_needs_exactly_one_subject(scene, hoa):
    with pytest.raises(ValidationError):
        extracts.issue_extract(by=scene.users["board"], issuer=scene.city_authority)
    with pytest.raises(ValidationError):
        extracts.issue_extract(by=scene.users["board"], person=hoa, unit=scene.units["le_chan"],
                               issuer=scene.city_authority)  # fmt: skip


def test_unit_extract_lists_the_units_awards(scene):
    seed_layouts()
    unit = scene.units["le_chan"]
    AwardFactory(person=None, unit=unit, award_type=scene.awards["BK_TINH"], year=2024, recipient_name=unit.name)

    extract = extracts.issue_extract(by=scene.users["board"], unit=unit, issuer=scene.city_authority)

    assert extract.subject_name == "Quận Lê Chân"
    assert [row["award_code"] for row in extract.awards] == ["BK_TINH"]


def test_certificate_and_extract_codes_do_not_clash(scene, hoa):
    certificate_codes = {certificate.code for certificate in certificates_of(hoa.awards.get(
        award_code="BK_TINH").decision_item.decision)}  # fmt: skip

    extract = issue(scene, hoa)

    assert extract.code not in certificate_codes
    assert all(len(code) == 12 for code in certificate_codes)
