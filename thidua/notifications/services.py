"""Sending notifications: one row per recipient in the caller's transaction, e-mail after it commits."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from thidua.notifications.models import Notification


def notify(users: Iterable, *, code: str, title: str, body: str = "", url: str = "", email: bool = True
           ) -> list[Notification]:  # fmt: skip
    """Notify each active user once (in the app, and by e-mail to those with an address once the caller commits)."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        [Notification(user_id=pk, code=code, title=title[:255], body=body, url=url) for pk in recipients]
    )
    if email:
        addressed = [user for user in recipients.values() if user.email]
        if addressed:
            ids = [n.pk for n in notifications if n.user_id in {user.pk for user in addressed}]
            transaction.on_commit(lambda: _send_mail(addressed, title, body, url, ids))
    return notifications


def _send_mail(users: list, title: str, body: str, url: str, notification_ids: list[int]) -> None:
    site = getattr(settings, "THIDUA_SITE_URL", "").rstrip("/")
    text = body + (f"\n\n{site}{url}" if url else "")
    messages = [(title, text, settings.DEFAULT_FROM_EMAIL, [user.email]) for user in users]
    send_mass_mail(messages, fail_silently=False)
    if notification_ids and None not in notification_ids:
        Notification.objects.filter(pk__in=notification_ids).update(emailed=True)


def mark_read(notification: Notification, *, by) -> Notification:
    if notification.user_id != by.pk:
        raise PermissionError("A notification is read only by its recipient.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, by) -> int:
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
