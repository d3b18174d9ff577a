"""/api/v1/reports/forms/…: the forms in force for a year, one filled form as JSON (columns, rows, values, checks)
with the hand-counted figures, and its XLSX; anonymous 401, no reporting role 403, someone else's unit 404."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories import reports as f

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("api-report-form-list", ()),
    ("api-report-form-detail", ("0602",)),
    ("api-report-form-xlsx", ("0602",)),
]


@pytest.fixture
def forms(db):
    f.load_forms()


@pytest.fixture
def board_api(city, forms):
    return token_client(user_with_role("board_officer", city["root"], username="ban.tdkt"))


@pytest.mark.parametrize(("name", "args"), ENDPOINTS)
def test_anonymous_is_unauthorised(anonymous, forms, name, args):
    assert anonymous.get(reverse(name, args=args)).status_code == 401


@pytest.mark.parametrize(("name", "args"), ENDPOINTS)
def test_a_unit_officer_is_refused(le_chan_client, forms, name, args):
    response = le_chan_client.get(reverse(name, args=args), {"year": 2024})
    assert response.status_code == 403
    assert "Ban Thi đua - Khen thưởng" in response.json()["detail"]


@pytest.mark.parametrize(("name", "args"), ENDPOINTS)
def test_the_board_reads_every_endpoint(board_api, name, args):
    assert board_api.get(reverse(name, args=args), {"year": 2024}).status_code == 200


@pytest.mark.parametrize(("name", "args"), ENDPOINTS)
def test_another_units_report_is_not_found(city, forms, name, args):
    client = token_client(user_with_role("signer", city["le_chan"], username="lanhdao.lechan"))
    assert client.get(reverse(name, args=args), {"year": 2024, "unit": city["root"].pk}).status_code == 404


def test_the_list_names_the_forms_and_the_window(board_api):
    body = board_api.get(reverse("api-report-form-list"), {"year": 2024}).json()
    assert [form["code"] for form in body["results"]] == ["0601", "0602", "0603"]
    assert body["period"] == {"start": "2023-12-01", "end": "2024-11-30"}
    assert body["results"][1]["xlsx_url"].endswith("/api/v1/reports/forms/0602.xlsx?year=2024&unit=" + str(
        body["unit"]["id"]))  # fmt: skip


def test_the_form_json_holds_the_hand_counted_figures(board_api, city):
    f.state_awards(city)
    body = board_api.get(reverse("api-report-form-detail", args=["0602"]), {"year": 2024}).json()
    rows = {row["code"]: row["values"] for row in body["rows"] if row["code"]}
    headers = [tuple(column["header"]) for column in body["columns"]]
    assert headers[0] == ("Tổng số",)
    assert [rows[code][0] for code in ("01", "09", "15", "18")] == [5, 3, 4, 1]
    order_pair = headers.index(("Chia ra", "Các loại huân chương, huy chương", "HCLĐ hạng Ba", "Cá nhân"))
    assert (rows["13"][order_pair], body["columns"][order_pair]["key"]) == (1, "2")
    assert body["checks"] == []


def test_the_form_json_reports_failed_checks(board_api, city):
    f.award("CO_TD_CP", f.dt.date(2024, 8, 1), person=f.member_of(city["an_bien"]))
    checks = board_api.get(reverse("api-report-form-detail", args=["0602"]), {"year": 2024}).json()["checks"]
    assert {check["check"] for check in checks} == {"K1 = K2 + K3 + K4 + K5 + K6 + K7 + K8 + K9"}


def test_a_year_without_a_form_in_force_is_not_found(board_api):
    assert board_api.get(reverse("api-report-form-detail", args=["0602"]), {"year": 2021}).status_code == 404


def test_the_xlsx_opens_with_the_figures(board_api, city):
    f.province_awards(city)
    response = board_api.get(reverse("api-report-form-xlsx", args=["0603"]), {"year": 2024})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["0603"]
    assert next(row for row in sheet.iter_rows(values_only=True) if row[1] == "05")[3] == 3


@pytest.mark.parametrize("year", ["20x4", "1900", "2101"])
def test_a_bad_year_is_a_400_naming_the_year(board_api, year):
    response = board_api.get(reverse("api-report-form-detail", args=["0602"]), {"year": year})
    assert (response.status_code, response.json()["year"]) == (400, ["Năm phải là một số từ 1945 đến 2100."])


def test_an_integrator_reads_the_forms_of_its_unit(city, forms):
    client = token_client(user_with_role("integrator", city["root"], username="tichhop"))
    assert client.get(reverse("api-report-form-list"), {"year": 2024}).json()["unit"]["id"] == city["root"].pk
