"""Import pages and API: who may reach them (anonymous → login/401, no import role → 403, another user's batch →
404, the officer → 200), the upload → dry run → commit flow, templates with Vietnamese headers."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.imports.conftest import xlsx_upload
from thidua.imports.services import create_batch
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db

ROWS = [["Nguyễn Văn An", "Nam", "05/03/1980", "HP-LC-AB", "Chủ tịch"]]


@pytest.fixture
def batch(le_chan_officer):
    return create_batch(by=le_chan_officer, kind="people", upload=xlsx_upload(ROWS))


@pytest.fixture
def other_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen")


@pytest.fixture
def council_member(city):
    return user_with_role("council_member", city["le_chan"], username="hoidong.lechan")


# --- pages --------------------------------------------------------------------------------------------------------


def page_urls(batch) -> list[str]:
    return [
        reverse("imports:index"),
        reverse("imports:template", args=["people"]),
        reverse("imports:detail", args=[batch.pk]),
        reverse("imports:status", args=[batch.pk]),
    ]


def test_anonymous_is_sent_to_login(client, batch):
    for url in page_urls(batch):
        response = client.get(url)
        assert (response.status_code, "login" in response["Location"]) == (302, True), url


def test_a_user_without_an_import_role_is_refused(client, batch, council_member):
    client.force_login(council_member)
    for url in page_urls(batch):
        assert client.get(url).status_code == 403, url


def test_another_officers_batch_is_not_found(client, batch, other_officer):
    client.force_login(other_officer)
    assert client.get(reverse("imports:detail", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 404


def test_the_officer_sees_the_index_and_the_batch(client, batch, le_chan_officer):
    client.force_login(le_chan_officer)
    index = client.get(reverse("imports:index"))
    assert index.status_code == 200
    assert "nhan-su.xlsx" in index.content.decode()
    detail = client.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    assert "Nguyễn Văn An — Phường An Biên" in detail
    assert "Nhập dữ liệu" in detail


def test_upload_dry_run_then_commit_through_the_pages(client, le_chan_officer):
    client.force_login(le_chan_officer)
    response = client.post(reverse("imports:index"), {"kind": "people", "file": xlsx_upload(ROWS)})
    assert response.status_code == 302
    assert not Person.objects.filter(full_name="Nguyễn Văn An").exists()
    response = client.post(response["Location"] + "commit/", follow=True)
    assert "Đã nhập: 1 mới" in response.content.decode()
    assert Person.objects.filter(full_name="Nguyễn Văn An").exists()


def test_errors_are_shown_by_row_and_column(client, le_chan_officer):
    client.force_login(le_chan_officer)
    bad = [["Nguyễn Văn An", "Nam", "31/02/1990", "HP-LC-AB", ""]]
    response = client.post(reverse("imports:index"), {"kind": "people", "file": xlsx_upload(bad)}, follow=True)
    html = response.content.decode()
    assert "Lỗi cần sửa" in html
    assert "Ngày sinh" in html
    assert "31/02/1990" in html
    assert 'action="/app/imports/' not in html.split("Lỗi cần sửa")[0].split("batch-status")[-1]


def test_a_pdf_is_refused_with_a_vietnamese_message(client, le_chan_officer):
    from tests.factories.files import pdf_upload

    client.force_login(le_chan_officer)
    response = client.post(reverse("imports:index"), {"kind": "people", "file": pdf_upload("nhan-su.pdf")})
    assert response.status_code == 400
    assert "XLSX" in response.content.decode()


def test_the_template_has_vietnamese_headers_and_a_notes_sheet(client, le_chan_officer):
    client.force_login(le_chan_officer)
    response = client.get(reverse("imports:template", args=["people"]))
    workbook = load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in workbook.worksheets[0][1]]
    assert headers[:3] == ["Họ và tên (*)", "Giới tính (*)", "Ngày sinh"]
    assert workbook.sheetnames[1] == "Hướng dẫn"


def test_a_filled_in_template_imports(le_chan_officer, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(le_chan_officer)
    workbook = load_workbook(io.BytesIO(client.get(reverse("imports:template", args=["people"])).content))
    workbook.worksheets[0].append(["Lê Thị Mai", "Nữ", "01/01/1990", "HP-LC-AB"])
    output = io.BytesIO()
    workbook.save(output)
    batch = create_batch(by=le_chan_officer, kind="people", upload=SimpleUploadedFile("mau.xlsx", output.getvalue()))
    assert batch.counts["create"] == 1, batch.errors


# --- API ----------------------------------------------------------------------------------------------------------


def api_paths(batch) -> list[tuple[str, str]]:
    return [
        ("get", "/api/v1/imports/"),
        ("post", "/api/v1/imports/"),
        ("get", "/api/v1/imports/kinds/"),
        ("get", "/api/v1/imports/templates/people.xlsx"),
        ("get", f"/api/v1/imports/{batch.pk}/"),
        ("post", f"/api/v1/imports/{batch.pk}/commit/"),
    ]


def test_api_anonymous_gets_401(batch):
    for method, path in api_paths(batch):
        assert getattr(APIClient(), method)(path).status_code == 401, path


def test_api_without_an_import_role_gets_403(batch, council_member):
    api = token_client(council_member)
    for method, path in api_paths(batch):
        assert getattr(api, method)(path).status_code == 403, path


def test_api_another_officers_batch_is_404(batch, other_officer):
    api = token_client(other_officer)
    assert api.get(f"/api/v1/imports/{batch.pk}/").status_code == 404
    assert api.post(f"/api/v1/imports/{batch.pk}/commit/").status_code == 404
    assert api.get("/api/v1/imports/").json()["results"] == []


def test_api_upload_runs_the_dry_run_and_commit_imports(le_chan_officer):
    api = token_client(le_chan_officer)
    response = api.post("/api/v1/imports/", {"kind": "people", "file": xlsx_upload(ROWS)}, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "dry_run"
    assert body["counts"]["create"] == 1
    assert body["can_commit"]
    response = api.post(f"/api/v1/imports/{body['id']}/commit/")
    assert response.status_code == 200
    assert response.json()["status"] == "committed"
    assert Person.objects.filter(full_name="Nguyễn Văn An").exists()


def test_api_commit_of_a_batch_with_errors_is_a_400(le_chan_officer):
    api = token_client(le_chan_officer)
    bad = [["", "Nam", "", "HP-LC-AB", ""]]
    body = api.post("/api/v1/imports/", {"kind": "people", "file": xlsx_upload(bad)}, format="multipart").json()
    assert body["errors"] == [{"row": 2, "column": "Họ và tên", "message": "bắt buộc, chưa điền."}]
    assert api.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 400


def test_api_unknown_kind_is_a_400(le_chan_officer):
    api = token_client(le_chan_officer)
    response = api.post("/api/v1/imports/", {"kind": "khong-co", "file": xlsx_upload(ROWS)}, format="multipart")
    assert response.status_code == 400
    assert "kind" in response.json()
