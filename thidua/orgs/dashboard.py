"""Dashboard panels of the organisation (registry: ``thidua.core.dashboard``): the size of the user's scope and the
latest renames, moves and merges of its units."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.dashboard import NUMBERS, Figure, Item, Panel, Viewer, panel
from thidua.orgs import queries


@panel(order=100, section=NUMBERS)
def scope_size(viewer: Viewer) -> Panel:
    """Units and people in scope, each counted up to a cap (two queries)."""
    summary = queries.scope_summary(viewer.user)
    return Panel(
        key="orgs.scope",
        title=_("Phạm vi của bạn"),
        figures=[
            Figure(_("đơn vị trong phạm vi"), summary["units"], reverse("orgs:unit-list")),
            Figure(_("cá nhân đang công tác"), summary["people"], reverse("orgs:person-list")),
        ],
    )


@panel(order=900, section=NUMBERS)
def recent_unit_changes(viewer: Viewer) -> Panel:
    """The latest unit events in scope (one query)."""
    items = []
    for event in queries.recent_unit_events(viewer.user, limit=5):
        detail = event.get_kind_display()
        if event.old_name:
            detail = f"{detail} ({_('tên cũ')}: {event.old_name})"
        items.append(
            Item(
                text=event.unit.name,
                url=reverse("orgs:unit-detail", args=[event.unit_id]),
                detail=detail,
                day=event.effective_on,
            )
        )
    return Panel(
        key="orgs.recent_events",
        title=_("Thay đổi gần đây của đơn vị"),
        items=items,
        empty=_("Chưa có thay đổi nào về đơn vị (đổi tên, chuyển, sáp nhập)."),
    )
