"""In-app notifications: what a user must look at (a reminder, a dossier returned …), with a link to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.scoping import Scope


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> NotificationQuerySet:
        """A notification is its recipient's alone (administrators included: it is personal mail)."""
        if scope.user_id is None:
            return self.none()
        return self.filter(user_id=scope.user_id)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    # Namespaced like audit codes: "movements.reminder", "dossiers.returned" …
    code = models.CharField(_("loại thông báo"), max_length=80)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed = models.BooleanField(_("đã gửi thư điện tử"), default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = pgettext_lazy("số nhiều", "thông báo")
        indexes = [models.Index(fields=["user", "read_at", "-id"], name="notification_inbox_idx")]

    def __str__(self) -> str:
        return self.title
