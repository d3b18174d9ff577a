"""/api/v1/notifications/: the caller's own notifications, newest first, and marking them read. Anyone else's
notification does not exist for the caller (404), administrators included."""

import pytest

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from thidua.notifications.models import Notification
from thidua.notifications.services import notify

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}


@pytest.fixture
def inbox(le_chan_officer, city):
    """Two notifications for Lê Chân's officer (the older one read) and one for someone else."""
    other = user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen")
    older, newer = (
        notify([le_chan_officer], code="movements.launched", title="Phong trào mới", body="Hạn 31/10/2021",
               url="/app/movements/owed/", email=False)[0],
        notify([le_chan_officer], code="movements.reminder", title="Nhắc việc quá hạn", email=False)[0],
    )  # fmt: skip
    Notification.objects.filter(pk=older.pk).update(read_at="2021-11-01T08:00:00+07:00")
    foreign = notify([other], code="movements.reminder", title="Nhắc việc của Thủy Nguyên", email=False)[0]
    return {"older": older, "newer": newer, "foreign": foreign}


def test_notification_list_holds_mine_newest_first(le_chan_client, inbox):
    response = le_chan_client.get("/api/v1/notifications/")
    rows = response.json()["results"]
    for row in rows:
        del row["created_at"]
    assert (response.status_code, rows) == (200, [
        {"id": inbox["newer"].pk, "code": "movements.reminder", "title": "Nhắc việc quá hạn", "body": "", "url": "",
         "read_at": None, "is_read": False},
        {"id": inbox["older"].pk, "code": "movements.launched", "title": "Phong trào mới", "body": "Hạn 31/10/2021",
         "url": "/app/movements/owed/", "read_at": "2021-11-01T08:00:00+07:00", "is_read": True},
    ])  # fmt: skip


def test_notification_list_of_unread_only(le_chan_client, inbox):
    response = le_chan_client.get("/api/v1/notifications/", {"unread": "true"})
    assert [row["id"] for row in response.json()["results"]] == [inbox["newer"].pk]


def test_notification_of_someone_else_is_not_found(le_chan_client, inbox):
    response = le_chan_client.get(f"/api/v1/notifications/{inbox['foreign'].pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_notification_of_someone_else_is_not_found_even_for_a_superuser(inbox, city):
    superuser = user_with_role("admin", city["root"], username="quantri", is_superuser=True)
    response = token_client(superuser).post(f"/api/v1/notifications/{inbox['foreign'].pk}/read/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_notification_read_marks_it(le_chan_client, inbox):
    response = le_chan_client.post(f"/api/v1/notifications/{inbox['newer'].pk}/read/")
    assert (response.status_code, response.json()["is_read"], Notification.objects.unread().count()) == (200, True, 1)


def test_notification_read_all_marks_only_mine(le_chan_client, inbox):
    response = le_chan_client.post("/api/v1/notifications/read-all/")
    unread = list(Notification.objects.unread().values_list("pk", flat=True))
    assert (response.status_code, response.json(), unread) == (200, {"marked": 1}, [inbox["foreign"].pk])


def test_notification_read_of_someone_else_changes_nothing(le_chan_client, inbox):
    response = le_chan_client.post(f"/api/v1/notifications/{inbox['foreign'].pk}/read/")
    assert (response.status_code, Notification.objects.get(pk=inbox["foreign"].pk).read_at) == (404, None)
