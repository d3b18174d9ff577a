"""The reports pages: the hand-counted figures of tests/reports/analytics_scene.py on the page and in the XLSX, the
charts drawn without scripts, and who may open them."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.conftest import user_with_role
from tests.factories.reports import load_forms
from tests.reports import analytics_scene


@pytest.fixture
def scene(city):
    return analytics_scene.build(city)


@pytest.fixture
def board_client(client, city):
    client.force_login(user_with_role("board_officer", city["root"], username="ban.thanhpho"))
    return client


def cell_after(html: str, marker: str) -> list[str]:
    """The cells of the table row that carries ``marker`` (a data attribute)."""
    row = re.search(rf"<tr {marker}>(.*?)</tr>", html, re.S)
    assert row, marker
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(1))]


def test_the_index_offers_the_year_report_the_movements_and_the_official_forms(scene, board_client):
    load_forms()
    response = board_client.get("/app/reports/?year=2024")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/app/reports/year/"' in html
    assert f'href="/app/reports/movements/{scene["movement"].pk}/"' in html
    assert "/app/reports/forms/?year=2024" in html


def test_the_index_names_the_forms_of_the_circular_in_force(board_client, db):
    load_forms()

    html_2024 = board_client.get("/app/reports/?year=2024").content.decode()
    html_2021 = board_client.get("/app/reports/?year=2021").content.decode()

    assert "Biểu 0601, 0602, 0603 theo Thông tư 2/2023/TT-BNV" in html_2024
    assert "Biểu 0701, 0702, 0703 theo Thông tư 03/2018/TT-BNV" in html_2021


def test_the_year_page_shows_the_hand_counted_figures(scene, board_client):
    html = board_client.get("/app/reports/year/?year=2024").content.decode()

    assert cell_after(html, 'data-code="BK_TINH"')[:5] == ["Bằng khen của Chủ tịch UBND thành phố", "1", "1", "1", "3"]
    assert cell_after(html, 'data-level="state"') == ["Cấp Nhà nước", "0", "1", "0", "1"]
    assert cell_after(html, 'data-share="women"') == ["Nữ", "2", "4", "50,0"]
    assert cell_after(html, 'data-kind="household"') == ["Hộ gia đình", "1"]
    assert 'data-figure="total">6<' in html
    assert 'data-figure="money">7.020.000<' in html


def test_the_year_page_compares_with_the_year_before(scene, board_client):
    html = board_client.get("/app/reports/year/?year=2024").content.decode()
    table = html[html.index('id="table-yoy"') :]

    assert cell_after(table, 'data-code="BK_TINH"') == ["Bằng khen của Chủ tịch UBND thành phố", "3", "1", "+2"]


def test_the_charts_are_inline_svg_with_a_title_and_no_script(scene, board_client):
    html = board_client.get("/app/reports/year/?year=2024").content.decode()

    assert html.count('<svg class="chart"') == 7
    assert '<title id="chart-trend-title">' in html
    assert 'role="img"' in html
    assert "<script>" not in html
    assert "cdn" not in html.lower()
    assert 'style="' not in html


def test_the_year_xlsx_holds_the_same_figures(scene, board_client):
    response = board_client.get("/app/reports/year/?year=2024&format=xlsx")

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [row for row in workbook["Theo danh hiệu"].iter_rows(values_only=True) if row[0] is not None or row[1]]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert any("Danh hiệu, hình thức" in row for row in rows)
    assert rows[-1][1:] == ("Tổng cộng", None, 1, 4, 1, 6)
    assert [row[3:] for row in workbook["Tiền thưởng"].iter_rows(values_only=True)][-1] == (7_020_000,)


def test_the_calendar_year_option_is_offered_and_counted(scene, board_client):
    html = board_client.get("/app/reports/year/?year=2024&basis=calendar").content.decode()

    assert 'data-figure="total">6<' in html
    assert "01/01/2024" in html
    assert "31/12/2024" in html


def test_the_movement_page_shows_its_awards_and_answers(scene, board_client):
    html = board_client.get(f"/app/reports/movements/{scene['movement'].pk}/").content.decode()

    assert 'data-figure="total">2<' in html
    assert cell_after(html, 'data-obligation="plan"') == ["Kế hoạch hưởng ứng", "2", "1", "1", "0", "1", "50,0"]


def test_the_movement_xlsx_downloads(scene, board_client):
    response = board_client.get(f"/app/reports/movements/{scene['movement'].pk}/?format=xlsx")

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert "Hưởng ứng phong trào" in workbook.sheetnames


def test_the_pages_print_with_their_own_css(scene, board_client):
    html = board_client.get("/app/reports/year/?year=2024").content.decode()

    assert "reports/reports.css" in html


# --- Who may open them ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/app/reports/", "/app/reports/year/", "/app/reports/movements/1/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize("url", ["/app/reports/", "/app/reports/year/?year=2024"])
def test_a_unit_officer_may_not_open_the_reports(officer_client, url):
    assert officer_client.get(url).status_code == 403


def test_a_council_chair_opens_the_reports(client, city):
    client.force_login(user_with_role("council_chair", city["root"], username="chutich.hoidong"))

    assert client.get("/app/reports/year/?year=2024").status_code == 200


def test_a_bad_year_is_shown_as_the_forms_error(scene, board_client):
    response = board_client.get("/app/reports/year/?year=abc")

    assert (response.status_code, "Năm phải là một số từ 1945 đến 2100." in response.content.decode()) == (200, True)


def test_a_bad_year_is_refused_for_the_download(scene, board_client):
    assert board_client.get("/app/reports/year/?year=abc&format=xlsx").status_code == 400


def test_a_user_without_a_role_may_not_open_the_reports(no_role_client):
    assert no_role_client.get("/app/reports/year/").status_code == 403


def test_a_movement_outside_the_scope_is_not_found(scene, city, client):
    elsewhere_board = user_with_role("board_officer", scene["elsewhere"], username="ban.hanoi")
    client.force_login(elsewhere_board)

    assert client.get(f"/app/reports/movements/{scene['movement'].pk}/").status_code == 404


def test_a_district_board_sees_only_its_district(scene, viewer_client):
    html = viewer_client.get("/app/reports/year/?year=2024").content.decode()

    assert 'data-figure="total">4<' in html
