"""The reports pages under /app/reports/: the index (year picker, movements, official forms), the year report and a
movement's report, each with its XLSX (``?format=xlsx``) and print CSS. Thin: the figures come from
``thidua.reports.queries``, the permission from ``thidua.reports.rules`` (403), the movement from a scoped queryset
(404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.core.views import StaffView
from thidua.core.xlsx import bytes_response, xlsx_name
from thidua.movements.models import Movement
from thidua.reports import charts, official, queries, rules, xlsx
from thidua.reports.forms import YearForm

MOVEMENTS_ON_INDEX = 30


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


class ReportsMixin(StaffView):
    nav_section = "reports"
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self) -> None:
        if not rules.can_view_reports(self.request.user):
            raise PermissionDenied


class IndexView(ReportsMixin, TemplateView):
    template_name = "reports/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = YearForm(self.request.GET or None)
        year, basis = form.chosen()
        movements = queries.movements_of(self.request.user, queries.Period(year, basis))[:MOVEMENTS_ON_INDEX]
        # The link names the forms of the circular in force that year (0701–0703 before TT 2/2023, 0601–0603 after).
        official_forms = official.forms_for_year(year)
        return super().get_context_data(form=form, year=year, basis=basis, movements=movements,
                                        official_codes=[spec.code for spec in official_forms],
                                        official_circulars=sorted({spec.circular for spec in official_forms}),
                                        official_missing=official.describe_missing(year),
                                        scope_name=queries.scope_name(self.request.user), **kwargs)  # fmt: skip


class YearReportView(ReportsMixin, TemplateView):
    template_name = "reports/year.html"

    @cached_property
    def form(self) -> YearForm:
        return YearForm(self.request.GET or None)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if wants_xlsx(request) and self.form.is_bound and not self.form.is_valid():
            # The page shows the year's error and the year under way; a file of another year would mislead.
            return HttpResponseBadRequest("; ".join(self.form.errors.get("year", self.form.errors.get("basis", []))))
        year, basis = self.form.chosen()
        self.report = queries.year_report(request.user, year, basis)
        if wants_xlsx(request):
            content = xlsx.year_report_xlsx(self.report, queries.scope_name(request.user))
            return bytes_response(content, filename=xlsx_name(_("Báo cáo khen thưởng năm %(year)s") % {"year": year}))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET.copy()
        params["format"] = "xlsx"
        return super().get_context_data(form=self.form, report=self.report, charts=charts.report_charts(self.report),
                                        scope_name=queries.scope_name(self.request.user), xlsx_query=params.urlencode(),
                                        **kwargs)  # fmt: skip


class MovementReportView(ReportsMixin, TemplateView):
    template_name = "reports/movement.html"

    def check_permission(self) -> None:
        self.movement = get_object_or_404(scoped(Movement, self.request.user), pk=self.kwargs["pk"])
        if not rules.can_view_movement_report(self.request.user, self.movement):
            raise PermissionDenied

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.report = queries.movement_report(request.user, self.movement)
        if wants_xlsx(request):
            content = xlsx.movement_report_xlsx(self.report, queries.scope_name(request.user))
            return bytes_response(
                content, filename=xlsx_name(_("Báo cáo phong trào %(id)s") % {"id": self.movement.pk})
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(movement=self.movement, report=self.report,
                                        charts=charts.report_charts(self.report),
                                        scope_name=queries.scope_name(self.request.user), **kwargs)  # fmt: skip
