"""Cấp lại on the staff pages: the decision page offers "Cấp lại" on each certificate to its board and clerical
office, the reissue page asks for the reason, and the reissue prints one page with the same register number marked
"Cấp lại lần n ngày …". Who reaches these pages is in test_decisions_access.py."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.decisions.certificate_scene import (
    BINH,
    certificates_of,
    pages,
    pdf_text,
    seed_layouts,
    signed_with_certificates,
)
from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from thidua.decisions.models import CertificateReissue

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(scene):
    seed_layouts()
    return certificates_of(signed_with_certificates(scene, ((BINH, "BK_TINH"),)))[0]


def reissue_url(certificate) -> str:
    return reverse("decisions:reissue", args=[certificate.pk])


def test_the_board_sees_cap_lai_on_the_decision_page_and_a_council_member_does_not(client, scene, certificate):
    decision_url = reverse("decisions:detail", args=[certificate.decision_item.decision_id])
    client.force_login(scene.users["board"])
    assert reissue_url(certificate) in client.get(decision_url).content.decode()
    client.force_login(scene.users["member1"])
    assert reissue_url(certificate) not in client.get(decision_url).content.decode()


def test_a_reissue_keeps_the_serial_and_its_pdf_says_cap_lai(client, scene, certificate):
    client.force_login(scene.users["board"])
    response = client.post(reissue_url(certificate), {"reason": "Bị mất do bão số 3."})
    reissue = CertificateReissue.objects.get(certificate=certificate)
    assert response["Location"] == f"{reissue_url(certificate)}#reissue-{reissue.pk}"
    assert (reissue.sequence, reissue.reason, reissue.reissued_by) == (1, "Bị mất do bão số 3.", scene.users["board"])

    pdf = client.get(reverse("decisions:reissue-pdf", args=[reissue.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    data = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    [text] = pdf_text(data)
    assert "Cấp lại lần 1" in text
    assert certificate.serial_text in text
    assert "Trần Văn Bình" in text


def test_the_blank_mode_prints_one_page_too(client, scene, certificate):
    client.force_login(scene.users["board"])
    client.post(reissue_url(certificate), {"reason": "Bị hư hỏng."})
    reissue = CertificateReissue.objects.get(certificate=certificate)
    response = client.get(reverse("decisions:reissue-pdf", args=[reissue.pk]) + "?mode=blank")
    assert (response.status_code, len(pages(response.content))) == (200, 1)
    assert client.get(reverse("decisions:reissue-pdf", args=[reissue.pk]) + "?mode=other").status_code == 404


def test_a_reissue_without_a_reason_is_refused_naming_the_field(client, scene, certificate):
    client.force_login(scene.users["board"])
    response = client.post(reissue_url(certificate), {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Ghi lý do cấp lại (ví dụ: bị mất, bị hư hỏng)."]
    page = response.content.decode()
    assert "Lý do cấp lại" in page
    assert "Ghi lý do cấp lại" in page
    assert not CertificateReissue.objects.exists()


def test_the_decision_page_lists_the_reissues_of_each_certificate(client, scene, certificate):
    client.force_login(scene.users["board"])
    client.post(reissue_url(certificate), {"reason": "Bị mất."})
    client.post(reissue_url(certificate), {"reason": "Bị mất lần nữa."})
    page = client.get(reverse("decisions:detail", args=[certificate.decision_item.decision_id])).content.decode()
    assert "Cấp lại lần 1 ngày" in page
    assert "Cấp lại lần 2 ngày" in page
