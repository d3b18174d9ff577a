"""Who downloads the documents of a dossier, in the staff app and in the API: the same people who see the page each
hangs from (the dossier page and its entry rows, the council session page). Anonymous visitors go to the login page
(401 in the API); someone who cannot see the object gets a 404, like the page; whoever sees it — whatever their role
— gets the file: reading a document is reading its object. A session whose vote is not closed has no biên bản (404,
409 in the API). The pages link the downloads."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.documents.reading import open_docx, pdf_reader
from tests.dossiers.workflow_scene import HOA

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def logged_in(client, user):
    client.force_login(user)
    return client


def download_name(response) -> str:
    disposition = response["Content-Disposition"]
    return unquote(disposition.split("filename*=utf-8''", 1)[1]) if "filename*=" in disposition else disposition


@pytest.fixture
def urls(dossier, hoa_entry, closed_session):
    return {
        "proposal": reverse("dossiers:proposal-document", args=[dossier.pk, "pdf"]),
        "report": reverse("dossiers:report-document", args=[hoa_entry.pk, "pdf"]),
        "minutes": reverse("dossiers:minutes-document", args=[closed_session.pk, "pdf"]),
    }


# --- Staff app ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["proposal", "report", "minutes"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, urls, kind):
    response = client.get(urls[kind])
    assert (response.status_code, response["Location"].startswith(reverse("accounts:login"))) == (302, True)


@pytest.mark.parametrize("kind", ["proposal", "report", "minutes"])
def test_someone_who_cannot_see_the_object_gets_404(client, scene, urls, kind):
    assert logged_in(client, scene.users["outsider"]).get(urls[kind]).status_code == 404


@pytest.mark.parametrize(
    ("kind", "user", "name"),
    [
        ("proposal", "officer", "Tờ trình – Hồ sơ đề nghị khen thưởng phong trào “Mục tiêu kép”.pdf"),
        ("proposal", "board", "Tờ trình – Hồ sơ đề nghị khen thưởng phong trào “Mục tiêu kép”.pdf"),
        ("report", "head", f"Báo cáo thành tích – {HOA}.pdf"),
        ("report", "board_head", f"Báo cáo thành tích – {HOA}.pdf"),
        (
            "minutes",
            "chair",
            "Biên bản kiểm phiếu – Phiên họp Hội đồng Thi đua - Khen thưởng thành phố tháng 3-2025.pdf",
        ),
        (
            "minutes",
            "member1",
            "Biên bản kiểm phiếu – Phiên họp Hội đồng Thi đua - Khen thưởng thành phố tháng 3-2025.pdf",
        ),
    ],
)
def test_who_sees_the_object_downloads_its_pdf_under_a_vietnamese_name(client, scene, urls, kind, user, name):
    response = logged_in(client, scene.users[user]).get(urls[kind])
    assert (response.status_code, response["Content-Type"], download_name(response)) == (200, "application/pdf", name)
    assert len(pdf_reader(response.content).pages) >= 1


def test_the_docx_format_is_a_word_file(client, scene, dossier):
    url = reverse("dossiers:proposal-document", args=[dossier.pk, "docx"])
    response = logged_in(client, scene.users["officer"]).get(url)
    assert (response.status_code, response["Content-Type"], response["X-Content-Type-Options"]) == (
        200, DOCX_TYPE, "nosniff",
    )  # fmt: skip
    assert "TỜ TRÌNH" in [paragraph.text for paragraph in open_docx(response.content).paragraphs]


def test_another_format_is_404(client, scene, dossier):
    url = reverse("dossiers:proposal-document", args=[dossier.pk, "odt"])
    assert logged_in(client, scene.users["officer"]).get(url).status_code == 404


def test_a_session_still_voting_has_no_minutes_to_download(client, scene, planned_session):
    url = reverse("dossiers:minutes-document", args=[planned_session.pk, "pdf"])
    assert logged_in(client, scene.users["chair"]).get(url).status_code == 404


def test_the_dossier_page_links_the_proposal_and_each_entry_s_report(client, scene, dossier, hoa_entry):
    page = logged_in(client, scene.users["officer"]).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    links = [reverse("dossiers:proposal-document", args=[dossier.pk, fmt]) for fmt in ("docx", "pdf")]
    links += [reverse("dossiers:report-document", args=[entry.pk, "pdf"]) for entry in dossier.entries.all()]
    assert [link for link in links if f'href="{link}"' not in page] == []


def test_the_session_page_links_the_minutes_once_the_vote_is_closed(client, scene, planned_session):
    url = reverse("dossiers:minutes-document", args=[planned_session.pk, "pdf"])
    page = reverse("dossiers:session-detail", args=[planned_session.pk])
    client = logged_in(client, scene.users["chair"])
    before = url in client.get(page).content.decode()
    from tests.documents.conftest import VOTERS
    from thidua.dossiers import council

    session = council.open_voting(planned_session, by=scene.users["chair"])
    for item in session.items.all():
        for name in VOTERS:
            council.cast_vote(item, by=scene.users[name], choice="for")
    council.close_voting(session, by=scene.users["chair"])
    assert (before, url in client.get(page).content.decode()) == (False, True)


# --- API ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def api_urls(dossier, hoa_entry, closed_session):
    return {
        "proposal": f"/api/v1/dossiers/{dossier.pk}/documents/proposal.pdf",
        "report": f"/api/v1/dossiers/{dossier.pk}/entries/{hoa_entry.pk}/documents/report.pdf",
        "minutes": f"/api/v1/council-sessions/{closed_session.pk}/documents/minutes.pdf",
    }


@pytest.mark.parametrize("kind", ["proposal", "report", "minutes"])
def test_the_api_asks_anonymous_callers_to_authenticate(api_urls, kind):
    assert APIClient().get(api_urls[kind]).status_code == 401


@pytest.mark.parametrize("kind", ["proposal", "report", "minutes"])
def test_the_api_answers_404_out_of_scope(scene, api_urls, kind):
    assert token_client(scene.users["outsider"]).get(api_urls[kind]).status_code == 404


@pytest.mark.parametrize(("kind", "user"), [("proposal", "officer"), ("report", "board"), ("minutes", "secretary")])
def test_the_api_sends_the_pdf_to_who_sees_the_object(scene, api_urls, kind, user):
    response = token_client(scene.users[user]).get(api_urls[kind])
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (200, "application/pdf", b"%PDF-")


def test_the_api_sends_the_docx_too(scene, dossier):
    response = token_client(scene.users["officer"]).get(f"/api/v1/dossiers/{dossier.pk}/documents/proposal.docx")
    paragraphs = [paragraph.text for paragraph in open_docx(response.content).paragraphs]
    assert (response.status_code, response["Content-Type"], "TỜ TRÌNH" in paragraphs) == (200, DOCX_TYPE, True)


def test_the_api_reads_no_entry_of_another_dossier_through_a_dossier(scene, dossier, planned_session):
    other = planned_session.items.first().entry
    response = token_client(scene.users["board"]).get(
        f"/api/v1/dossiers/{dossier.pk}/entries/{other.pk}/documents/report.pdf"
    )
    assert response.status_code == 404


def test_the_api_answers_409_for_the_minutes_of_a_session_still_voting(scene, planned_session):
    response = token_client(scene.users["chair"]).get(
        f"/api/v1/council-sessions/{planned_session.pk}/documents/minutes.pdf"
    )
    assert (response.status_code, response.json()["detail"]) == (
        409, "Biên bản kiểm phiếu chỉ lập được sau khi Chủ tịch Hội đồng kết thúc bỏ phiếu.",
    )  # fmt: skip


def test_the_api_answers_404_for_another_format(scene, dossier):
    response = token_client(scene.users["officer"]).get(f"/api/v1/dossiers/{dossier.pk}/documents/proposal.odt")
    assert response.status_code == 404


def test_a_user_of_any_role_who_sees_the_dossier_reads_its_documents(scene, dossier):
    viewer = user_with_role("council_member", scene.units["le_chan"], username="hoidong.lechan")
    response = token_client(viewer).get(f"/api/v1/dossiers/{dossier.pk}/documents/proposal.pdf")
    assert response.status_code == 200
