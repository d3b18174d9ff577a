"""The dashboard (the user's scope at a glance) and the header's search page."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from thidua.core.pagination import CappedCount
from thidua.orgs import services

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


# --- Dashboard ------------------------------------------------------------------------------------------


def test_dashboard_without_role_says_so(no_role_client):
    html = no_role_client.get(reverse("core:dashboard")).content.decode()
    assert "Bạn chưa được phân vai trò tại đơn vị nào." in html


def test_dashboard_lists_the_units_of_the_users_roles(officer_client, city):
    html = officer_client.get(reverse("core:dashboard")).content.decode()
    assert f'<a href="/app/units/{city["le_chan"].pk}/">Quận Lê Chân</a>' in html


def test_dashboard_counts_units_and_people_in_scope(officer_client, city, le_chan_person, thuy_nguyen_person):
    response = officer_client.get(reverse("core:dashboard"))
    scope = next(panel for panel in response.context["number_panels"] if panel.key == "orgs.scope")
    assert [figure.value for figure in scope.figures] == [CappedCount(2, False), CappedCount(1, False)]


def test_dashboard_shows_recent_unit_changes_in_scope(officer_client, city):
    services.rename_unit(city["an_bien"], by=None, new_name="Phường An Biên Mới", effective_on=dt.date(2025, 7, 1))
    services.rename_unit(city["minh_duc"], by=None, new_name="Phường Minh Đức", effective_on=dt.date(2025, 7, 1))
    html = officer_client.get(reverse("core:dashboard")).content.decode()
    link = f'<a href="/app/units/{city["an_bien"].pk}/">Phường An Biên Mới</a>'
    assert (link in html, "Đổi tên (tên cũ: Phường An Biên)" in html, "Phường Minh Đức" in html) == (True, True, False)


def test_capped_count_above_the_cap_reads_more_than():
    assert render_to_string("_capped_count.html", {"count": CappedCount(10_000, True)}).strip() == "hơn 10.000"


def test_capped_count_below_the_cap_reads_the_number():
    assert render_to_string("_capped_count.html", {"count": CappedCount(1_234, False)}).strip() == "1.234"


# --- Search ---------------------------------------------------------------------------------------------


def test_search_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("orgs:search"), {"q": "nguyen"})
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/search/%3Fq%3Dnguyen"))


def test_search_without_role_finds_nothing(no_role_client, le_chan_person):
    html = no_role_client.get(reverse("orgs:search"), {"q": "nguyen thi"}).content.decode()
    assert ("Nguyễn Thị Hoa" in html, "Không tìm thấy cá nhân nào." in html) == (False, True)


def test_search_without_diacritics_finds_the_person(officer_client, le_chan_person):
    html = officer_client.get(reverse("orgs:search"), {"q": "nguyen thi"}).content.decode()
    assert f'<a href="/app/people/{le_chan_person.pk}/">Nguyễn Thị Hoa</a>' in html


def test_search_in_capitals_with_diacritics_finds_the_person(officer_client, le_chan_person):
    html = officer_client.get(reverse("orgs:search"), {"q": "NGUYỄN THỊ"}).content.decode()
    assert "Nguyễn Thị Hoa" in html


def test_search_does_not_reach_another_district(officer_client, thuy_nguyen_person):
    html = officer_client.get(reverse("orgs:search"), {"q": "dang van duc"}).content.decode()
    assert ("Đặng Văn Đức" in html, "Không tìm thấy cá nhân nào." in html) == (False, True)


def test_search_finds_units_too(officer_client, city):
    html = officer_client.get(reverse("orgs:search"), {"q": "an bien"}).content.decode()
    assert f'<a href="/app/units/{city["an_bien"].pk}/">Phường An Biên</a>' in html


def test_search_keeps_the_query_in_the_header_box(officer_client, city):
    html = officer_client.get(reverse("orgs:search"), {"q": "an bien"}).content.decode()
    assert 'name="q" value="an bien"' in html
