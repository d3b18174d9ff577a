"""The staff pages of the official forms (/app/reports/forms/…): who reaches them, the figures in the HTML table
equal the hand-counted scene, the XLSX download, and a unit head sees only their own unit's subtree."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import user_with_role
from tests.factories import reports as f

pytestmark = pytest.mark.django_db

PAGES = [
    ("report_forms:list", ()),
    ("report_forms:detail", ("0603",)),
    ("report_forms:xlsx", ("0603",)),
]


@pytest.fixture
def forms(db):
    f.load_forms()


@pytest.fixture
def board_client(client, city, forms):
    client.force_login(user_with_role("board_officer", city["root"], username="ban.tdkt"))
    return client


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_is_sent_to_login(client, forms, name, args):
    path = reverse(name, args=args)
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('accounts:login')}?next={path}")


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_unit_officer_may_not_produce_official_statistics(officer_client, forms, name, args):
    assert officer_client.get(reverse(name, args=args), {"year": 2024}).status_code == 403


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_the_board_of_the_city_reaches_every_page(board_client, name, args):
    assert board_client.get(reverse(name, args=args), {"year": 2024}).status_code == 200


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_unit_the_user_does_not_report_for_is_not_found(client, city, forms, name, args):
    client.force_login(user_with_role("unit_head", city["le_chan"], username="thutruong.lechan"))
    assert client.get(reverse(name, args=args), {"year": 2024, "unit": city["root"].pk}).status_code == 404


def test_a_form_not_in_force_that_year_is_not_found(board_client):
    assert board_client.get(reverse("report_forms:detail", args=["0603"]), {"year": 2020}).status_code == 404


@pytest.mark.parametrize("year", ["20x4", "1900"])
def test_a_bad_year_is_shown_as_the_pickers_error(board_client, year):
    response = board_client.get(reverse("report_forms:detail", args=["0603"]), {"year": year})
    assert (response.status_code, "Năm phải là một số từ 1945 đến 2100." in response.content.decode()) == (200, True)


def test_a_bad_year_is_refused_for_the_download(board_client):
    assert board_client.get(reverse("report_forms:xlsx", args=["0603"]), {"year": "20x4"}).status_code == 400


def test_the_download_keeps_its_vietnamese_name(board_client):
    response = board_client.get(reverse("report_forms:xlsx", args=["0603"]), {"year": 2024})
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Bi%E1%BB%83u%200603%20n%C4%83m%202024.xlsx"


def test_a_council_chair_produces_the_official_forms(client, city, forms):
    client.force_login(user_with_role("council_chair", city["root"], username="chutich.hoidong"))
    assert client.get(reverse("report_forms:list"), {"year": 2024}).status_code == 200


def test_the_list_shows_the_three_forms_in_force(board_client):
    page = board_client.get(reverse("report_forms:list"), {"year": 2024}).content.decode()
    for number in ("0601.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0603.N/BNV-TĐKT"):
        assert number in page
    assert "từ 01/12/2023 đến 30/11/2024" in page


def test_the_page_table_shows_the_hand_counted_figures(board_client, city):
    f.province_awards(city)
    response = board_client.get(reverse("report_forms:detail", args=["0603"]), {"year": 2024})
    page = response.content.decode()
    total_row = page.split('<td class="official-form__code">01</td>')[1].split("</tr>")[0]
    assert [cell.split(">")[1] for cell in total_row.split("<td")[2:]] == ["7</td", "4</td", "1</td", "1</td", "1</td"]
    assert "TTLĐXS: 1" in page
    assert "Cảnh báo kiểm tra số liệu" not in page


def test_the_page_warns_of_a_failed_check(board_client, city):
    f.award("CO_TD_CP", f.dt.date(2024, 8, 1), person=f.member_of(city["an_bien"]))
    page = board_client.get(reverse("report_forms:detail", args=["0602"]), {"year": 2024}).content.decode()
    assert "Cảnh báo kiểm tra số liệu" in page


def test_the_download_is_the_forms_workbook(board_client, city):
    f.province_awards(city)
    response = board_client.get(reverse("report_forms:xlsx", args=["0603"]), {"year": 2024})
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["0603"]
    total = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "01")
    assert total[3] == 7


def test_a_district_head_counts_only_the_districts_awards(client, city, forms):
    f.province_awards(city)
    client.force_login(user_with_role("unit_head", city["le_chan"], username="thutruong.lechan"))
    page = client.get(reverse("report_forms:detail", args=["0603"]), {"year": 2024}).content.decode()
    total_row = page.split('<td class="official-form__code">01</td>')[1].split("</tr>")[0]
    # Lê Chân: its own Bằng khen, the enterprise under it, the civil servant and the department leader of An Biên,
    # the household of An Biên; not Thủy Nguyên's flag nor Minh Đức's farmer.
    assert total_row.split("<td")[2].split(">")[1] == "5</td"
