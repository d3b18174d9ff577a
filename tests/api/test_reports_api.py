"""/api/v1/reports/year/ and /api/v1/reports/movements/{id}/: the hand-counted figures of
tests/reports/analytics_scene.py as JSON and XLSX, and who may read them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.reports import analytics_scene


@pytest.fixture
def scene(city):
    return analytics_scene.build(city)


@pytest.fixture
def city_board_client(city):
    return token_client(user_with_role("board_officer", city["root"], username="ban.thanhpho"))


def test_the_year_report_holds_the_hand_counted_figures(scene, city_board_client):
    body = city_board_client.get("/api/v1/reports/year/?year=2024").json()

    assert (body["total"], body["start"], body["end"], body["basis"]) == (6, "2023-12-01", "2024-11-30", "window")
    assert {row["code"]: row["total"] for row in body["by_type"]} == {"HCLD3": 1, "BK_TINH": 3, "LDTT": 2}
    assert {row["key"]: row["numerator"] for row in body["shares"]}["direct_workers"] == 1
    assert body["money"]["total"] == 7_020_000
    assert [(row["name"], row["total"]) for row in body["by_unit"]] == [("Quận Lê Chân", 4), ("Huyện Thủy Nguyên", 2)]


def test_the_year_report_compares_with_the_previous_year(scene, city_board_client):
    body = city_board_client.get("/api/v1/reports/year/?year=2024").json()

    assert {row["code"]: row["change"] for row in body["year_on_year"]} == {"HCLD3": 1, "BK_TINH": 2, "LDTT": 0}


def test_the_calendar_basis_counts_the_calendar_year(scene, city_board_client):
    body = city_board_client.get("/api/v1/reports/year/?year=2024&basis=calendar").json()

    assert (body["total"], body["start"], body["end"]) == (6, "2024-01-01", "2024-12-31")


def test_a_bad_year_is_a_400_in_vietnamese(scene, city_board_client):
    response = city_board_client.get("/api/v1/reports/year/?year=abc")

    assert response.status_code == 400
    assert response.json()["year"] == ["Năm phải là một số từ 1945 đến 2100."]


def test_a_year_out_of_range_is_refused_like_the_official_forms(scene, city_board_client):
    response = city_board_client.get("/api/v1/reports/year/?year=1900")

    assert (response.status_code, response.json()["year"]) == (400, ["Năm phải là một số từ 1945 đến 2100."])


def test_an_integrator_reads_the_year_report(scene, city):
    client = token_client(user_with_role("integrator", city["root"], username="tichhop"))

    assert client.get("/api/v1/reports/year/?year=2024").json()["total"] == 6


def test_the_year_xlsx_holds_the_same_total(scene, city_board_client):
    response = city_board_client.get("/api/v1/reports/year.xlsx?year=2024")

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert list(workbook["Theo danh hiệu"].iter_rows(values_only=True))[-1][-1] == 6


def test_the_movement_report_holds_its_awards_and_answers(scene, city_board_client):
    body = city_board_client.get(f"/api/v1/reports/movements/{scene['movement'].pk}/").json()

    assert (body["total"], body["money"]["total"], body["compliance"]["units"]) == (2, 7_020_000, 2)


def test_the_movement_xlsx_downloads(scene, city_board_client):
    response = city_board_client.get(f"/api/v1/reports/movements/{scene['movement'].pk}.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("url", ["/api/v1/reports/year/", "/api/v1/reports/year.xlsx", "/api/v1/reports/movements/1/"])
def test_anonymous_callers_get_401(anonymous, db, url):
    assert anonymous.get(url).status_code == 401


def test_a_unit_officer_gets_403(scene, le_chan_client):
    assert le_chan_client.get("/api/v1/reports/year/?year=2024").status_code == 403


def test_a_user_without_a_role_gets_403(no_role_client):
    assert no_role_client.get("/api/v1/reports/year/").status_code == 403


def test_a_movement_outside_the_scope_is_404(scene):
    client = token_client(user_with_role("board_officer", scene["elsewhere"], username="ban.hanoi"))

    assert client.get(f"/api/v1/reports/movements/{scene['movement'].pk}/").status_code == 404


def test_a_district_board_reads_only_its_district(scene, city):
    client = token_client(user_with_role("board_officer", city["le_chan"], username="ban.lechan"))

    assert client.get("/api/v1/reports/year/?year=2024").json()["total"] == 4
