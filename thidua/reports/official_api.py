"""/api/v1/reports/forms/: the official statistics forms (Biểu 0601–0603) in force for a year, one filled form as
JSON (columns, rows, values, failed checks) and as XLSX in the form's layout.

``?year=`` picks the reporting year (window 1/12 of the previous year – 30/11), ``?unit=`` the reporting unit among
those where the caller holds a report role (``rules.REPORT_ROLES``; the highest by default). Anonymous: 401; no
such role: 403; a bad year: 400; a unit not theirs, or a form not in force that year: 404.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.core.xlsx import bytes_response, xlsx_name
from thidua.orgs.models import OrgUnit
from thidua.records.reporting import reporting_window
from thidua.reports import official, rules
from thidua.reports.forms import YearForm
from thidua.reports.models import ReportFormSpec
from thidua.reports.official_views import pick_unit
from thidua.reports.official_xlsx import official_xlsx

PARAMETERS = [
    OpenApiParameter("year", int, required=False, description=str(_("Năm báo cáo (từ 01/12 năm trước đến 30/11)"))),
    OpenApiParameter("unit", int, required=False, description=str(_("Đơn vị báo cáo (mã số)"))),
]
FILE_RESPONSE = {(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description=_("Tệp"))}


@extend_schema(tags=["reports"])
class OfficialFormViewSet(viewsets.GenericViewSet):
    filterset_class = None
    pagination_class = None
    queryset = ReportFormSpec.objects.none()

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if not rules.can_view_reports(request.user):
            raise exceptions.PermissionDenied(_("Bạn không có quyền lập biểu mẫu báo cáo thống kê: việc của Ban Thi "
                                                "đua - Khen thưởng và lãnh đạo đơn vị."))  # fmt: skip

    def _year(self) -> int:
        """The year asked for, checked as the analytical reports check it: a bad one is a 400 naming ``year``."""
        form = YearForm({"year": self.request.query_params.get("year", "")})
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        return form.chosen()[0]

    def _unit(self) -> OrgUnit:
        return pick_unit(rules.reporting_units(self.request.user), self.request.query_params.get("unit"))

    def _report(self, code: str) -> official.OfficialReport:
        year = self._year()
        form = official.form_for_year(code, year)
        if form is None:
            raise exceptions.NotFound(official.describe_missing(year))
        return official.build_report(form, self.request.user, self._unit(), year)

    @extend_schema(operation_id="reports_forms_list", summary=_("Các biểu mẫu báo cáo thống kê có hiệu lực cho năm"),
                   parameters=PARAMETERS,
                   responses={200: OpenApiTypes.OBJECT})  # fmt: skip
    def list(self, request: Request) -> Response:
        year, unit = self._year(), self._unit()
        start, end = reporting_window(year)
        query = f"?year={year}&unit={unit.pk}"
        forms = [
            {"code": form.code, "number": form.number, "title": form.title, "regime": form.regime,
             "valid_from": form.valid_from, "valid_to": form.valid_to, "legal_source": form.legal_source,
             "url": request.build_absolute_uri(reverse("api-report-form-detail", args=[form.code]) + query),
             "xlsx_url": request.build_absolute_uri(reverse("api-report-form-xlsx", args=[form.code]) + query)}
            for form in official.forms_for_year(year)
        ]  # fmt: skip
        return Response({"year": year, "period": {"start": start, "end": end},
                         "unit": {"id": unit.pk, "name": unit.name}, "results": forms})  # fmt: skip

    @extend_schema(operation_id="reports_forms_retrieve", summary=_("Một biểu mẫu báo cáo thống kê đã tính"),
                   parameters=PARAMETERS,
                   responses={200: OpenApiTypes.OBJECT})  # fmt: skip
    def retrieve(self, request: Request, code: str) -> Response:
        return Response(self._report(code).as_dict())

    @extend_schema(
        operation_id="reports_forms_xlsx",
        summary=_("Một biểu mẫu báo cáo thống kê (XLSX)"),
        parameters=PARAMETERS,
        responses=FILE_RESPONSE,
    )
    def xlsx(self, request: Request, code: str):
        report = self._report(code)
        name = xlsx_name(_("Biểu %(code)s năm %(year)s") % {"code": code, "year": report.year})
        return bytes_response(official_xlsx(report), filename=name)
