"""The notifications inbox: the user's own notifications, newest first; reading one opens what it points to.

Thin views on the bases of ``thidua.core.views``: a notification is its recipient's alone (``visible_to`` gives
nobody else's: another user's is a 404), writes go through ``thidua.notifications.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.core.views import ScopedListView, StaffView
from thidua.notifications import services
from thidua.notifications.models import Notification


class NotificationListView(ScopedListView):
    """The inbox, newest first; ``?unread=1`` keeps only the unread ones."""

    nav_section = "notifications"
    template_name = "notifications/notification_list.html"
    model = Notification
    descending = True
    paginate_by = 30

    @cached_property
    def unread_only(self) -> bool:
        return self.request.GET.get("unread") == "1"

    def get_queryset(self):
        notifications = super().get_queryset()
        return notifications.unread() if self.unread_only else notifications

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(unread_only=self.unread_only, **kwargs)


class NotificationReadView(StaffView, View):
    """Mark one notification read; with ``open`` go where it points (a page of this site only)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = get_object_or_404(scoped(Notification, request.user), pk=pk)
        services.mark_read(notification, by=request.user)
        target = notification.url
        safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
        if request.POST.get("open") and target and safe:
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(reverse("notifications:list"))


class NotificationReadAllView(StaffView, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        count = services.mark_all_read(by=request.user)
        messages.success(request, gettext("Đã đánh dấu %(count)d thông báo là đã đọc.") % {"count": count})
        return HttpResponseRedirect(reverse("notifications:list"))


class UnreadCountView(StaffView, TemplateView):
    """The unread count beside the menu link, fetched by htmx after the page loads (so pages do not pay for it)."""

    template_name = "notifications/_unread_count.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        unread = scoped(Notification, self.request.user).unread().order_by().values("pk")[:100].count()
        return super().get_context_data(unread=unread, **kwargs)
