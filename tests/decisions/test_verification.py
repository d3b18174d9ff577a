"""The public verification page /verify/<code>: no login; a genuine certificate is shown as valid with what the
paper must say and nothing private; a revoked award is clearly NOT valid; an unknown code is a 404 that says so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.decisions.certificate_scene import certificates_of, seed_layouts, signed_with_certificates
from tests.decisions.scene import sign
from thidua.decisions import certificates, services
from thidua.decisions.enums import DecisionKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(scene):
    seed_layouts()
    return signed_with_certificates(scene)


@pytest.fixture
def certificate(decision):
    return certificates_of(decision)[0]


def verify(client, code: str):
    return client.get(reverse("verify", args=[code]))


def test_verification_address_is_slash_verify_slash_code(certificate):
    assert reverse("verify", args=[certificate.code]) == f"/verify/{certificate.code}"


def test_genuine_certificate_is_shown_as_valid_without_login(client, decision, certificate):
    response = verify(client, certificate.code)
    page = response.content.decode()

    assert response.status_code == 200
    assert "Bằng khen hợp lệ" in page
    for shown in ("Nguyễn Thị Hoa", "Bằng khen của Chủ tịch UBND thành phố", decision.number_text, "15/01/2026",
                  "Chủ tịch UBND thành phố Hải Phòng", certificate.serial_text, "Phường An Biên"):  # fmt: skip
        assert shown in page


def test_the_award_is_named_as_the_deciding_authority_grants_it(client, decision, certificate):
    award_type = certificate.decision_item.award_type
    type(award_type).objects.filter(pk=award_type.pk).update(name="Bằng khen của bộ, ban, ngành, tỉnh",
                                                             issued_name="Bằng khen của {authority}")  # fmt: skip
    page = verify(client, certificate.code).content.decode()
    assert f"Bằng khen của {decision.authority.name}" in page


def test_verification_page_shows_no_birth_date_gender_or_ethnicity(client, scene, certificate):
    person = scene.people["Nguyễn Thị Hoa"]
    item = certificate.decision_item

    page = verify(client, certificate.code).content.decode()

    assert str(person.birth_date.year) not in page
    assert person.birth_date.strftime("%d/%m/%Y") not in page
    assert "Giới tính" not in page
    assert "Dân tộc" not in page
    if item.ethnicity_name:
        assert item.ethnicity_name not in page


def test_code_typed_in_lower_case_with_dashes_still_verifies(client, certificate):
    typed = "-".join([certificate.code[:4], certificate.code[4:8], certificate.code[8:]]).lower()

    response = verify(client, typed)

    assert response.status_code == 200
    assert "hợp lệ" in response.content.decode()


def test_unknown_code_is_a_404_that_says_not_valid(client, decision):
    response = verify(client, "ZZZZZZZZZZZZ")
    page = response.content.decode()

    assert response.status_code == 404
    assert "KHÔNG HỢP LỆ" in page
    assert "ZZZZZZZZZZZZ" in page


def test_revoked_award_is_clearly_not_valid(client, scene, decision, certificate):
    revocation = services.draft_amendment(decision, by=scene.users["board"], kind=DecisionKind.REVOCATION,
                                          changes=[{"award": certificate.award}],
                                          reason="Phát hiện kê khai thành tích không đúng.")  # fmt: skip
    revocation = sign(scene, revocation)

    response = verify(client, certificate.code)
    page = response.content.decode()

    assert response.status_code == 200
    assert "KHÔNG CÒN HỢP LỆ" in page
    assert f"đã bị hủy bỏ theo Quyết định {revocation.number_text}" in page
    assert "Bằng khen hợp lệ" not in page


def test_reissues_are_listed_on_the_verification_page(client, scene, certificate):
    certificates.reissue(certificate, by=scene.users["board"], reason="Bị mất.")

    page = verify(client, certificate.code).content.decode()

    assert "Lần 1 ngày" in page


def test_verification_page_asks_not_to_be_indexed(client, certificate):
    response = verify(client, certificate.code)

    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
