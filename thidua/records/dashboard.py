"""Dashboard panel of the history (registry: ``thidua.core.dashboard``): the awards in the user's scope decided in
this reporting year, by level, and all the awards in force there."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scoped
from thidua.catalog.models import AwardLevel
from thidua.core.dashboard import NUMBERS, Figure, Panel, Viewer, panel
from thidua.core.pagination import capped_count
from thidua.records.models import Award


def reporting_window(on: dt.date) -> tuple[int, dt.date, dt.date]:
    """The reporting year containing ``on`` and its window: 1 December of the year before to 30 November (the
    yearly report forms count awards by decision date over it, REPORT-FORMS.md), so December belongs to the next."""
    year = on.year + 1 if on.month == 12 else on.year
    return year, dt.date(year - 1, 12, 1), dt.date(year, 11, 30)


def _reports_url() -> str:
    # The reports app comes later in the import order: link to it only once it is wired.
    try:
        return reverse("reports:index")
    except NoReverseMatch:
        return ""


@panel(order=180, section=NUMBERS)
def awards_this_year(viewer: Viewer) -> Panel:
    """Awards in force in scope decided in the reporting window, by level (one grouped count), and all the awards
    in force in scope (one capped count)."""
    year, start, end = reporting_window(timezone.localdate())
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
    return Panel(
        key="records.awards",
        title=_("Khen thưởng năm báo cáo %(year)d") % {"year": year},
        note=_("Tính theo ngày quyết định, từ %(start)s đến %(end)s.")
        % {"start": date_format(start, "d/m/Y"), "end": date_format(end, "d/m/Y")},
        figures=figures,
        url=_reports_url(),
        url_label=_("Mở báo cáo, thống kê"),
    )
