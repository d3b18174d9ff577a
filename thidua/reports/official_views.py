"""Staff pages of the official statistics forms: /app/reports/forms/ (the forms in force for a year),
/app/reports/forms/<code>/?year=&unit= (the filled form, printable) and …/<code>.xlsx (the form's layout).

The report readers (``rules.REPORT_ROLES``) report for the units where they hold such a role; anyone else gets a
403, an anonymous visitor the login page, a unit not theirs or a form not in force a 404; a bad year is shown as the
picker's error (the year under way is shown), and refused (400) for a download.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from thidua.core.views import StaffView
from thidua.core.xlsx import bytes_response, xlsx_name
from thidua.orgs.models import OrgUnit
from thidua.records.reporting import reporting_window
from thidua.reports import official, rules
from thidua.reports.forms import ReportYearForm, default_year
from thidua.reports.models import ReportFormSpec
from thidua.reports.official_xlsx import official_xlsx


def pick_unit(units: list[OrgUnit], raw: str | None) -> OrgUnit:
    """The unit asked for among those the user reports for (the highest by default); any other is a 404."""
    if not raw:
        return units[0]
    for unit in units:
        if str(unit.pk) == raw:
            return unit
    raise Http404(_("Bạn không lập báo cáo cho đơn vị này."))


class OfficialFormMixin(StaffView):
    nav_section = "reports"
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not rules.can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def units(self) -> list[OrgUnit]:
        return rules.reporting_units(self.request.user)

    @cached_property
    def picker(self) -> ReportYearForm:
        """Bound to the query, so a bad year is shown as the field's error (and the year under way is used)."""
        data = {"year": self.request.GET.get("year") or default_year(), "unit": self.unit.pk}
        return ReportYearForm(data, units=self.units)

    @cached_property
    def year(self) -> int:
        return self.picker.chosen_year()

    @cached_property
    def unit(self) -> OrgUnit:
        return pick_unit(self.units, self.request.GET.get("unit"))

    def form_spec(self, code: str) -> ReportFormSpec:
        found = official.form_for_year(code, self.year)
        if found is None:
            raise Http404(official.describe_missing(self.year))
        return found

    def query(self) -> str:
        return f"year={self.year}&unit={self.unit.pk}"


class OfficialFormListView(OfficialFormMixin, TemplateView):
    template_name = "reports/official_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        start, end = reporting_window(self.year)
        return super().get_context_data(
            forms=official.forms_for_year(self.year), year=self.year, unit=self.unit, picker=self.picker,
            window_start=start, window_end=end, query=self.query(), missing=official.describe_missing(self.year),
            **kwargs,
        )  # fmt: skip


class OfficialFormDetailView(OfficialFormMixin, TemplateView):
    template_name = "reports/official_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = official.build_report(self.form_spec(kwargs["code"]), self.request.user, self.unit, self.year)
        return super().get_context_data(report=report, header_rows=report.header_rows(), picker=self.picker,
                                        query=self.query(),
                                        letters=["A", "B", "C"] if report.spec.get("unit_column") else ["A", "B"],
                                        **kwargs)  # fmt: skip


class OfficialFormXlsxView(OfficialFormMixin, View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        if not self.picker.is_valid():  # a file of another year than the one asked for would mislead
            return HttpResponseBadRequest("; ".join(self.picker.errors.get("year", [])))
        report = official.build_report(self.form_spec(code), request.user, self.unit, self.year)
        name = xlsx_name(_("Biểu %(code)s năm %(year)s") % {"code": code, "year": self.year})
        return bytes_response(official_xlsx(report), filename=name)
