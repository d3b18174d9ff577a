"""Staff pages of the official statistics forms: /app/reports/forms/ (the forms in force for a year),
/app/reports/forms/<code>/?year=&unit= (the filled form, printable) and …/<code>.xlsx (the form's layout).

Board officers and the leaders of a unit (``official.OFFICIAL_FORM_ROLES``) report for the units where they hold
such a role; anyone else gets a 403, an anonymous visitor the login page, a unit not theirs or a form not in force
a 404.
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from thidua.core.uploads import KINDS, safe_filename
from thidua.core.views import StaffView
from thidua.orgs.models import OrgUnit
from thidua.reports import official
from thidua.reports.models import ReportFormSpec
from thidua.reports.official_xlsx import official_xlsx

YEAR_MIN, YEAR_MAX = 2000, 2100


class ReportYearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm báo cáo"), min_value=YEAR_MIN, max_value=YEAR_MAX,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị báo cáo"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[unit.pk for unit in units]).order_by("path")
        if len(units) < 2:
            self.fields["unit"].widget = forms.HiddenInput()


def xlsx_response(data: bytes, name: str) -> FileResponse:
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=safe_filename(name, ".xlsx"),
                            content_type=KINDS["xlsx"][2])  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


def parse_year(raw: str | None) -> int:
    """The reporting year asked for (the current window's year when none); a malformed one is a 404."""
    if not raw:
        return official.default_year()
    if not raw.isdigit() or not YEAR_MIN <= int(raw) <= YEAR_MAX:
        raise Http404(_("Năm báo cáo không hợp lệ."))
    return int(raw)


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
        if not official.may_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def units(self) -> list[OrgUnit]:
        return official.reporting_units(self.request.user)

    @cached_property
    def year(self) -> int:
        return parse_year(self.request.GET.get("year"))

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

    def picker(self) -> ReportYearForm:
        return ReportYearForm(initial={"year": self.year, "unit": self.unit.pk}, units=self.units)


class OfficialFormListView(OfficialFormMixin, TemplateView):
    template_name = "reports/official_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        start, end = official.reporting_window(self.year)
        return super().get_context_data(
            forms=official.forms_for_year(self.year), year=self.year, unit=self.unit, picker=self.picker(),
            window_start=start, window_end=end, query=self.query(), missing=official.describe_missing(self.year),
            **kwargs,
        )  # fmt: skip


class OfficialFormDetailView(OfficialFormMixin, TemplateView):
    template_name = "reports/official_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = official.build_report(self.form_spec(kwargs["code"]), self.request.user, self.unit, self.year)
        return super().get_context_data(report=report, header_rows=report.header_rows(), picker=self.picker(),
                                        query=self.query(),
                                        letters=["A", "B", "C"] if report.spec.get("unit_column") else ["A", "B"],
                                        **kwargs)  # fmt: skip


class OfficialFormXlsxView(OfficialFormMixin, View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        report = official.build_report(self.form_spec(code), request.user, self.unit, self.year)
        return xlsx_response(official_xlsx(report), _("Biểu %(code)s năm %(year)s") % {"code": code, "year": self.year})
