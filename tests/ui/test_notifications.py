"""The notifications inbox: one's own notifications only, reading one, reading all, the unread count in the menu;
and the N+1 guards of the movement list pages (movements, "Việc cần làm", the inbox)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.ui.test_movements import (
    html_of,
    login_url_for,
    make_an_bien_officer,
    make_board,
    make_movement,
    signed_in,
)
from thidua.notifications.models import Notification
from thidua.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    return make_board(city)


@pytest.fixture
def an_bien_officer(city):
    return make_an_bien_officer(city)


@pytest.fixture
def reminder(le_chan_officer):
    sent = notify([le_chan_officer], code="movements.reminder", title="Nhắc việc quá hạn: Mục tiêu kép",
                  body="Quận Lê Chân chưa gửi đăng ký thi đua.", url="/app/movements/owed/", email=False)  # fmt: skip
    return sent[0]


@pytest.fixture
def someone_elses(city):
    other = UserFactory(username="nguoi.khac", full_name="Người Khác")
    return notify([other], code="movements.reminder", title="Thông báo của người khác", email=False)[0]


# --- List -----------------------------------------------------------------------------------------------------


def test_notification_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("notifications:list"))
    assert response["Location"] == login_url_for("/app/notifications/")


def test_notification_list_shows_only_ones_own(client, le_chan_officer, reminder, someone_elses):
    html = html_of(signed_in(client, le_chan_officer).get(reverse("notifications:list")))
    assert ("<strong>Nhắc việc quá hạn: Mục tiêu kép</strong>" in html, "Thông báo của người khác" in html) == (
        True,
        False,
    )


def test_notification_list_without_notifications_says_so(no_role_client, someone_elses):
    html = html_of(no_role_client.get(reverse("notifications:list")))
    assert ("Chưa có thông báo nào." in html, "Thông báo của người khác" in html) == (True, False)


def test_notification_list_unread_only(client, le_chan_officer, reminder):
    notify([le_chan_officer], code="movements.launched", title="Đã đọc rồi", email=False)
    Notification.objects.filter(title="Đã đọc rồi").update(read_at="2025-01-01T00:00:00Z")
    html = html_of(signed_in(client, le_chan_officer).get(reverse("notifications:list"), {"unread": "1"}))
    assert ("Nhắc việc quá hạn" in html, "Đã đọc rồi" in html) == (True, False)


# --- Read one -------------------------------------------------------------------------------------------------


def test_notification_read_anonymous_is_sent_to_login(client, reminder):
    path = reverse("notifications:read", args=[reminder.pk])
    assert client.post(path)["Location"] == login_url_for(path)


def test_notification_read_of_someone_else_is_not_found(client, le_chan_officer, someone_elses):
    response = signed_in(client, le_chan_officer).post(reverse("notifications:read", args=[someone_elses.pk]))
    someone_elses.refresh_from_db()
    assert (response.status_code, someone_elses.read_at) == (404, None)


def test_notification_read_marks_it_and_opens_its_page(client, le_chan_officer, reminder):
    response = signed_in(client, le_chan_officer).post(reverse("notifications:read", args=[reminder.pk]),
                                                       {"open": "1"})  # fmt: skip
    reminder.refresh_from_db()
    assert (response["Location"], reminder.read_at is not None) == ("/app/movements/owed/", True)


def test_notification_read_never_opens_another_site(client, le_chan_officer):
    outside = notify([le_chan_officer], code="x.y.z", title="Lạ", url="https://example.com/", email=False)[0]
    response = signed_in(client, le_chan_officer).post(reverse("notifications:read", args=[outside.pk]),
                                                       {"open": "1"})  # fmt: skip
    assert response["Location"] == "/app/notifications/"


# --- Read all -------------------------------------------------------------------------------------------------


def test_notification_read_all_anonymous_is_sent_to_login(client, city):
    path = reverse("notifications:read-all")
    assert client.post(path)["Location"] == login_url_for(path)


def test_notification_read_all_marks_only_ones_own(client, le_chan_officer, reminder, someone_elses):
    response = signed_in(client, le_chan_officer).post(reverse("notifications:read-all"))
    reminder.refresh_from_db()
    someone_elses.refresh_from_db()
    assert (response["Location"], reminder.read_at is not None, someone_elses.read_at) == (
        "/app/notifications/",
        True,
        None,
    )


# --- Unread count ---------------------------------------------------------------------------------------------


def test_unread_count_anonymous_is_sent_to_login(client, city):
    path = reverse("notifications:unread-count")
    assert client.get(path)["Location"] == login_url_for(path)


def test_unread_count_counts_ones_own_unread(client, le_chan_officer, reminder, someone_elses):
    html = html_of(signed_in(client, le_chan_officer).get(reverse("notifications:unread-count")))
    assert html.strip() == (
        '<span class="badge badge--count" id="nav-unread-count">1<span class="visually-hidden"> chưa đọc</span></span>'
    )


def test_menu_loads_the_unread_count_after_the_page(client, le_chan_officer):
    html = html_of(signed_in(client, le_chan_officer).get(reverse("core:dashboard")))
    assert ('hx-get="/app/notifications/unread-count/" hx-trigger="load"' in html) is True


def test_menu_links_the_movement_pages(client, le_chan_officer):
    html = html_of(signed_in(client, le_chan_officer).get(reverse("movements:owed")))
    assert '<a href="/app/movements/owed/" aria-current="page">Việc cần làm</a>' in html
    assert '<a href="/app/movements/" >Phong trào</a>' in html


# --- Query counts of the list pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3])
def test_notification_list_query_count(client, le_chan_officer, rows, django_assert_num_queries):
    for index in range(rows):
        notify([le_chan_officer], code="movements.reminder", title=f"Thông báo {index}", email=False)
    client = signed_in(client, le_chan_officer)
    with django_assert_num_queries(5):
        response = client.get(reverse("notifications:list"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_movement_list_query_count(client, city, board, rows, django_assert_num_queries):
    for index in range(rows):
        make_movement(city, board, title=f"Phong trào số {index}", launch=False)
    client = signed_in(client, board)
    with django_assert_num_queries(6):
        response = client.get(reverse("movements:list"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_owed_query_count(client, city, board, le_chan_officer, an_bien_officer, rows, django_assert_num_queries):
    for index in range(rows):
        make_movement(city, board, title=f"Phong trào số {index}")
    client = signed_in(client, le_chan_officer)
    with django_assert_num_queries(6):
        response = client.get(reverse("movements:owed"))
    assert len(response.context["owed"]) == rows
