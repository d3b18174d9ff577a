"""Notifications: one row per active recipient, e-mail only after the caller's transaction commits."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.factories.accounts import UserFactory
from thidua.accounts.scoping import scoped
from thidua.notifications import services
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_notify_creates_one_row_per_active_user_once():
    lan = UserFactory(username="lan", email="lan@example.vn")
    gone = UserFactory(username="nghi.huu", is_active=False)

    created = services.notify([lan, lan, gone], code="movements.reminder", title="Nhắc gửi đăng ký thi đua")

    assert [n.user for n in created] == [lan]
    assert Notification.objects.get().title == "Nhắc gửi đăng ký thi đua"


def test_notify_sends_email_only_after_commit(django_capture_on_commit_callbacks):
    lan = UserFactory(username="lan", email="lan@example.vn")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify([lan], code="movements.reminder", title="Nhắc gửi báo cáo", body="Hạn 31/12/2021.",
                        url="/app/movements/1/")  # fmt: skip
    assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert [(m.subject, m.to) for m in mail.outbox] == [("Nhắc gửi báo cáo", ["lan@example.vn"])]
    assert "/app/movements/1/" in mail.outbox[0].body
    assert Notification.objects.get().emailed is True


def test_notify_without_address_sends_no_email(django_capture_on_commit_callbacks):
    user = UserFactory(username="khong.thu", email="")

    with django_capture_on_commit_callbacks(execute=True):
        services.notify([user], code="movements.reminder", title="Nhắc")

    assert mail.outbox == []
    assert Notification.objects.get().emailed is False


def test_notifications_are_visible_to_their_recipient_only():
    lan, hai = UserFactory(username="lan"), UserFactory(username="hai", is_superuser=True)
    services.notify([lan], code="movements.reminder", title="Của Lan", email=False)

    assert list(scoped(Notification, lan).values_list("title", flat=True)) == ["Của Lan"]
    assert list(scoped(Notification, hai)) == []


def test_mark_read_by_someone_else_is_refused():
    lan, hai = UserFactory(username="lan"), UserFactory(username="hai")
    notification = services.notify([lan], code="movements.reminder", title="Của Lan", email=False)[0]

    with pytest.raises(PermissionError):
        services.mark_read(notification, by=hai)
    services.mark_read(notification, by=lan)
    notification.refresh_from_db()
    assert notification.read_at is not None
