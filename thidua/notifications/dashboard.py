"""Dashboard panel of the notifications (registry: ``thidua.core.dashboard``): the user's unread ones."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scoped
from thidua.core.dashboard import ITEMS_SHOWN, Item, Panel, Viewer, panel
from thidua.core.pagination import capped_count
from thidua.notifications.models import Notification

# The count stops here (as the menu's badge does): "hơn 99" is all anyone needs to know.
COUNT_CAP = 99


@panel(order=90)
def unread(viewer: Viewer) -> Panel:
    """The newest unread notifications and how many there are (two queries)."""
    mine = scoped(Notification, viewer.user).unread()
    count = capped_count(mine, cap=COUNT_CAP)
    items = [
        # Only the site's own paths become links: the stored URL is the page the notification is about.
        Item(
            text=note.title,
            url=note.url if note.url.startswith("/") and not note.url.startswith("//") else "",
            detail=note.body[:160],
            day=timezone.localdate(note.created_at),
        )
        for note in mine.order_by("-id")[:ITEMS_SHOWN]
    ]
    return Panel(
        key="notifications.unread",
        title=_("Thông báo chưa đọc"),
        items=items,
        count=count,
        url=f"{reverse('notifications:list')}?unread=1",
        url_label=_("Xem tất cả thông báo chưa đọc"),
        empty=_("Không có thông báo mới."),
    )
