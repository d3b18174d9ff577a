"""The eligibility panel of the person and unit pages, and the board's page of suggested nominees with its XLSX:
who reaches them, and what they say."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import user_with_role
from tests.eligibility.sweep_scenes import give, make_rule, member, open_regime, rate
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import PersonFactory
from tests.factories.records import DisciplineFactory

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def text_of(response) -> str:
    """The visible text, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


@pytest.fixture
def scene(city):
    """LĐTT: rated "tốt" this year and not disciplined, with the board's judgement on the spirit of the movement for
    CSTĐCS. TTLĐTT for units where half the members hold LĐTT. Hoa (An Biên) was rated in 2023 and 2024 and holds
    LĐTT 2024; Lan (An Biên) was disciplined in 2024; Đức works in Thủy Nguyên."""
    regime = open_regime()
    AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", regime=regime, sort_order=10)
    AwardTypeFactory(code="CSTDCS", name="Chiến sĩ thi đua cơ sở", regime=regime, sort_order=20)
    AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến", regime=regime, recipient_kinds=["collective"],
                     sort_order=30)  # fmt: skip
    make_rule(regime, {"all": [{"rating": {"min": "htt", "years": 1}}, {"no_discipline": {"window": 1}}]},
              code="LDTT")  # fmt: skip
    weigh = {"judgement": "Có sáng kiến hoặc giải pháp được công nhận"}
    make_rule(regime, {"all": [{"title": {"awards": ["LDTT"], "years": 1}}, weigh]}, code="CSTDCS")
    make_rule(regime, {"member_share": {"awards": ["LDTT"], "min": 0.5}}, code="TTLDTT", recipient="collective")
    hoa = member(city["an_bien"], PersonFactory(full_name="Nguyễn Thị Hoa"))
    rate(hoa, 2023, 2024)
    give(hoa, "LDTT", 2024, regime=regime)
    lan = member(city["an_bien"], PersonFactory(full_name="Trần Thị Lan"))
    rate(lan, 2024)
    DisciplineFactory(person=lan, start_date="2024-03-01", end_date="2025-02-28")
    duc = member(city["minh_duc"], PersonFactory(full_name="Đặng Văn Đức"))
    rate(duc, 2024)
    return {**city, "hoa": hoa, "lan": lan, "duc": duc}


def panel(client, subject, name="eligibility:panel-person", htmx=True, **params):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.get(reverse(name, args=[subject.pk]), params, **headers)


# --- The panel ----------------------------------------------------------------------------------------------------


def test_person_panel_anonymous_is_sent_to_login(client, scene):
    path = reverse("eligibility:panel-person", args=[scene["hoa"].pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_person_panel_without_a_role_is_404(no_role_client, scene):
    assert panel(no_role_client, scene["hoa"]).status_code == 404


def test_person_panel_out_of_scope_is_404(officer_client, scene):
    assert panel(officer_client, scene["duc"]).status_code == 404


def test_person_panel_says_what_the_person_is_eligible_for_in_the_latest_rated_year(officer_client, scene):
    response = panel(officer_client, scene["hoa"])
    text = text_of(response)
    assert (response.status_code, "<html" in response.content.decode()) == (200, False)
    assert "Điều kiện khen thưởng năm 2024" in text
    assert "Đủ điều kiện năm 2024: Lao động tiên tiến" in text


def test_person_panel_lists_what_the_board_must_weigh(officer_client, scene):
    text = text_of(panel(officer_client, scene["hoa"]))
    assert "Chiến sĩ thi đua cơ sở Cần xem xét" in text
    assert "Hội đồng, Ban Thi đua - Khen thưởng cần xem xét Có sáng kiến hoặc giải pháp được công nhận" in text


def test_person_panel_lists_what_is_missing(officer_client, scene):
    text = text_of(panel(officer_client, scene["lan"]))
    assert "Chưa đủ điều kiện danh hiệu, hình thức khen thưởng nào năm 2024." in text
    assert re.search(r"Lao động tiên tiến Không đủ điều kiện Còn thiếu Không chịu kỷ luật[^✓]*năm 2024", text)


def test_person_panel_of_another_year(officer_client, scene):
    text = text_of(panel(officer_client, scene["hoa"], year=2023))
    assert ("Điều kiện khen thưởng năm 2023" in text, "Đủ điều kiện năm 2023: Lao động tiên tiến" in text) == (
        True, True,
    )  # fmt: skip


def test_person_panel_year_selector_reloads_the_panel_in_place(officer_client, scene):
    html = panel(officer_client, scene["hoa"]).content.decode()
    url = reverse("eligibility:panel-person", args=[scene["hoa"].pk])
    assert f'hx-get="{url}" hx-target="#eligibility-panel" hx-swap="outerHTML"' in html
    assert '<option value="2024" selected>2024</option>' in html


def test_person_panel_opened_as_a_page_has_the_layout_and_the_way_back(officer_client, scene):
    response = panel(officer_client, scene["hoa"], htmx=False)
    html = response.content.decode()
    assert (response.status_code, "<html" in html, reverse("orgs:person-detail", args=[scene["hoa"].pk]) in html) == (
        200, True, True,
    )  # fmt: skip


def test_person_page_loads_the_panel_with_a_plain_link(officer_client, scene):
    html = officer_client.get(reverse("orgs:person-detail", args=[scene["hoa"].pk])).content.decode()
    url = reverse("eligibility:panel-person", args=[scene["hoa"].pk])
    assert f'hx-get="{url}" hx-trigger="load"' in html
    assert f'<a href="{url}">' in html


def test_unit_panel_judges_the_unit(officer_client, scene):
    text = text_of(panel(officer_client, scene["an_bien"], name="eligibility:panel-unit", year=2024))
    assert "Tập thể lao động tiên tiến Đủ điều kiện" in text


def test_unit_panel_links_to_the_suggestions_for_those_who_may_see_them(officer_client, scene):
    html = panel(officer_client, scene["an_bien"], name="eligibility:panel-unit", year=2024).content.decode()
    assert f"{reverse('eligibility:suggestions')}?scope={scene['an_bien'].pk}&amp;year=2024" in html


def test_unit_panel_out_of_scope_is_404(officer_client, scene):
    assert panel(officer_client, scene["minh_duc"], name="eligibility:panel-unit").status_code == 404


def test_unit_page_loads_the_panel(officer_client, scene):
    html = officer_client.get(reverse("orgs:unit-detail", args=[scene["an_bien"].pk])).content.decode()
    assert f'hx-get="{reverse("eligibility:panel-unit", args=[scene["an_bien"].pk])}"' in html


# --- The board's suggestions ----------------------------------------------------------------------------------------

SUGGESTIONS = "/app/eligibility/suggestions/"


def test_suggestions_anonymous_is_sent_to_login(client, scene):
    response = client.get(SUGGESTIONS)
    assert (response.status_code, response["Location"]) == (302, login_url_for(SUGGESTIONS))


def test_suggestions_without_a_role_is_403(no_role_client, scene):
    assert no_role_client.get(SUGGESTIONS).status_code == 403


def test_suggestions_for_a_role_that_prepares_no_nomination_is_403(client, scene):
    client.force_login(user_with_role("council_member", scene["le_chan"], username="hoidong.lechan"))
    assert client.get(SUGGESTIONS).status_code == 403


def test_suggestions_list_the_first_award_of_the_year_in_the_users_scope(officer_client, scene):
    response = officer_client.get(SUGGESTIONS)
    text = text_of(response)
    assert (response.status_code, response.context["form"].cleaned_data["award"]) == (200, "LDTT")
    assert [item.name for item in response.context["items"]] == ["Nguyễn Thị Hoa"]
    assert "1 Nguyễn Thị Hoa Phường An Biên 2024 Đủ điều kiện" in text


def test_suggestions_filter_by_award_status_and_scope(client, scene):
    client.force_login(user_with_role("board_officer", scene["root"], username="ban.thanhpho"))
    response = client.get(SUGGESTIONS, {"award": "LDTT", "status": "all", "scope": scene["le_chan"].pk, "year": 2024})
    assert [(item.name, item.row.status) for item in response.context["items"]] == [
        ("Nguyễn Thị Hoa", "eligible"), ("Trần Thị Lan", "not_eligible"),
    ]  # fmt: skip


def test_suggestions_of_a_scope_outside_the_users_is_refused(officer_client, scene):
    response = officer_client.get(SUGGESTIONS, {"scope": scene["minh_duc"].pk, "year": 2024})
    assert (response.status_code, response.context["items"], list(response.context["form"].errors)) == (
        200, [], ["scope"],
    )  # fmt: skip


def test_suggestions_xlsx_holds_the_rows(officer_client, scene):
    response = officer_client.get("/app/eligibility/suggestions.xlsx", {"award": "LDTT", "year": 2024, "status": "all"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        'attachment; filename="goi-y-khen-thuong-ldtt-2024.xlsx"',
    )
    assert rows == [
        ["STT", "Cá nhân, tập thể", "Đơn vị", "Mã đơn vị", "Kỳ xét", "Tình trạng"],
        [1, "Nguyễn Thị Hoa", "Phường An Biên", "HP-LC-AB", "2024", "Đủ điều kiện"],
        [2, "Trần Thị Lan", "Phường An Biên", "HP-LC-AB", "2024", "Không đủ điều kiện"],
    ]


def test_suggestions_xlsx_without_a_role_is_403(no_role_client, scene):
    assert no_role_client.get("/app/eligibility/suggestions.xlsx").status_code == 403


def test_suggestions_page_runs_as_many_queries_for_three_people_as_for_one(officer_client, scene):
    with CaptureQueriesContext(connection) as one:
        officer_client.get(SUGGESTIONS, {"award": "LDTT", "year": 2024, "status": "all"})
    for _ in range(2):
        rate(member(scene["an_bien"]), 2024)
    with CaptureQueriesContext(connection) as three:
        response = officer_client.get(SUGGESTIONS, {"award": "LDTT", "year": 2024, "status": "all"})
    assert (len(response.context["items"]), len(three.captured_queries)) == (4, len(one.captured_queries))
