"""Adding and ending a person's memberships (quá trình công tác) from the person page."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.orgs import OrgUnitFactory

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def membership_data(unit, **changes) -> dict:
    data = {"unit": unit.pk, "position": "Tổ trưởng", "start_date": "01/03/2024", "end_date": "", "is_primary": "on"}
    data.update(changes)
    return data


# --- Add ------------------------------------------------------------------------------------------------


def test_membership_create_anonymous_is_sent_to_login(client, le_chan_person):
    path = reverse("orgs:membership-create", args=[le_chan_person.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_membership_create_without_role_is_not_found(no_role_client, le_chan_person):
    assert no_role_client.get(reverse("orgs:membership-create", args=[le_chan_person.pk])).status_code == 404


def test_membership_create_for_a_person_of_another_district_is_not_found(officer_client, thuy_nguyen_person):
    assert officer_client.get(reverse("orgs:membership-create", args=[thuy_nguyen_person.pk])).status_code == 404


def test_membership_create_by_a_viewer_is_forbidden(viewer_client, le_chan_person):
    assert viewer_client.get(reverse("orgs:membership-create", args=[le_chan_person.pk])).status_code == 403


def test_membership_create_form_opens_for_an_editor(officer_client, le_chan_person):
    response = officer_client.get(reverse("orgs:membership-create", args=[le_chan_person.pk]))
    html = response.content.decode()
    assert (response.status_code, "<h1>Thêm quá trình công tác</h1>" in html) == (200, True)


def test_membership_create_adds_a_membership(officer_client, city, le_chan_person):
    school = OrgUnitFactory(name="Trường Tiểu học An Biên", parent=city["an_bien"])
    response = officer_client.post(reverse("orgs:membership-create", args=[le_chan_person.pk]), membership_data(school))
    membership = le_chan_person.memberships.get(unit=school)
    assert (response.status_code, membership.position, membership.start_date) == (302, "Tổ trưởng", dt.date(2024, 3, 1))


def test_membership_create_in_another_district_is_refused(officer_client, city, le_chan_person):
    response = officer_client.post(
        reverse("orgs:membership-create", args=[le_chan_person.pk]), membership_data(city["minh_duc"])
    )
    assert (response.status_code, le_chan_person.memberships.count()) == (200, 1)
    assert 'id="id_unit_error"' in response.content.decode()


def test_membership_create_end_before_start_names_the_field(officer_client, city, le_chan_person):
    response = officer_client.post(
        reverse("orgs:membership-create", args=[le_chan_person.pk]),
        membership_data(city["an_bien"], start_date="01/03/2024", end_date="01/01/2024"),
    )
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()


# --- End ------------------------------------------------------------------------------------------------


def test_membership_end_anonymous_is_sent_to_login(client, le_chan_person):
    path = reverse("orgs:membership-end", args=[le_chan_person.memberships.get().pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_membership_end_without_role_is_not_found(no_role_client, le_chan_person):
    path = reverse("orgs:membership-end", args=[le_chan_person.memberships.get().pk])
    assert no_role_client.get(path).status_code == 404


def test_membership_end_in_another_district_is_not_found(officer_client, thuy_nguyen_person):
    membership = thuy_nguyen_person.memberships.get()
    response = officer_client.post(reverse("orgs:membership-end", args=[membership.pk]), {"end_date": "01/01/2025"})
    membership.refresh_from_db()
    assert (response.status_code, membership.end_date) == (404, None)


def test_membership_end_by_a_viewer_is_forbidden(viewer_client, le_chan_person):
    membership = le_chan_person.memberships.get()
    response = viewer_client.post(reverse("orgs:membership-end", args=[membership.pk]), {"end_date": "01/01/2025"})
    membership.refresh_from_db()
    assert (response.status_code, membership.end_date) == (403, None)


def test_membership_end_form_opens_for_an_editor(officer_client, le_chan_person):
    response = officer_client.get(reverse("orgs:membership-end", args=[le_chan_person.memberships.get().pk]))
    assert (response.status_code, "Nguyễn Thị Hoa" in response.content.decode()) == (200, True)


def test_membership_end_sets_the_end_date(officer_client, le_chan_person):
    membership = le_chan_person.memberships.get()
    response = officer_client.post(reverse("orgs:membership-end", args=[membership.pk]), {"end_date": "31/12/2024"})
    membership.refresh_from_db()
    assert (response.status_code, membership.end_date) == (302, dt.date(2024, 12, 31))
