"""Dashboard panel of the reports (registry: ``thidua.core.dashboard``): the awards in the user's scope decided in
this reporting year, by level, and all the awards in force there. It links to the reports only for those who may
read them (``rules.REPORT_ROLES``): the history app, below reports in the import order, could not know that."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scoped
from thidua.catalog.models import AwardLevel
from thidua.core.dashboard import NUMBERS, Figure, Panel, Viewer, panel
from thidua.core.pagination import capped_count
from thidua.records.models import Award
from thidua.records.reporting import reporting_window, reporting_year
from thidua.reports.rules import REPORT_ROLES


@panel(order=180, section=NUMBERS)
def awards_this_year(viewer: Viewer) -> Panel:
    """Awards in force in scope decided in the reporting window, by level (one grouped count), and all the awards
    in force in scope (one capped count)."""
    year = reporting_year(timezone.localdate())
    start, end = reporting_window(year)
    awards = scoped(Award, viewer.user).in_force()
    rows = (
        awards.filter(decision_date__gte=start, decision_date__lte=end)
        .order_by()
        .values("award_type__level")
        .annotate(count=Count("pk"))
    )
    by_level = {row["award_type__level"]: row["count"] for row in rows}
    figures = [Figure(_("khen thưởng trong năm báo cáo"), sum(by_level.values()))]
    figures += [Figure(str(level.label), by_level.get(level.value, 0)) for level in AwardLevel]
    figures.append(Figure(_("khen thưởng còn hiệu lực (mọi năm)"), capped_count(awards)))
    may_read = viewer.holds(REPORT_ROLES)  # the roles read once for the whole dashboard: no query
    return Panel(
        key="reports.awards",
        title=_("Khen thưởng năm báo cáo %(year)d") % {"year": year},
        note=_("Tính theo ngày quyết định, từ %(start)s đến %(end)s.")
        % {"start": date_format(start, "d/m/Y"), "end": date_format(end, "d/m/Y")},
        figures=figures,
        url=reverse("reports:index") if may_read else "",
        url_label=_("Mở báo cáo, thống kê") if may_read else "",
    )
