"""GET /api/v1/reports/year/?year=&basis= and /api/v1/reports/movements/{id}/ (JSON), with their XLSX
(…/year.xlsx, …/movements/{id}.xlsx). Thin: the figures come from ``thidua.reports.queries`` in the caller's scope,
the right from ``thidua.reports.rules`` (403), the movement from a scoped queryset (404)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.scoping import scoped
from thidua.core.xlsx import bytes_response, xlsx_name
from thidua.movements.models import Movement
from thidua.reports import queries, rules, xlsx
from thidua.reports.forms import YearForm
from thidua.reports.serializers import MovementReportSerializer, YearReportSerializer

FILE_RESPONSE = {(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description=_("Tệp"))}
YEAR_PARAMETERS = [
    OpenApiParameter("year", int, required=False, description=str(_("Năm báo cáo (mặc định: năm hiện tại)"))),
    OpenApiParameter("basis", str, required=False, enum=list(queries.BASES),
                     description=str(_("window: từ 01/12 năm trước đến 30/11 (mặc định); calendar: năm dương lịch"))),
]  # fmt: skip
REFUSED = _("Bạn không có quyền xem báo cáo: việc của Ban Thi đua - Khen thưởng và lãnh đạo đơn vị.")


@extend_schema(tags=["reports"])
class ReportViewSet(viewsets.GenericViewSet):
    filterset_class = None
    pagination_class = None

    def _year_report(self) -> dict:
        if not rules.can_view_reports(self.request.user):
            raise exceptions.PermissionDenied(REFUSED)
        form = YearForm(self.request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        year, basis = form.chosen()
        return queries.year_report(self.request.user, year, basis)

    def _movement(self, pk: int) -> Movement:
        movement = get_object_or_404(scoped(Movement, self.request.user), pk=pk)
        if not rules.can_view_movement_report(self.request.user, movement):
            raise exceptions.PermissionDenied(REFUSED)
        return movement

    @extend_schema(summary=_("Báo cáo tổng hợp khen thưởng năm trong phạm vi của bạn: theo danh hiệu, cấp, đơn vị, "
                             "đối tượng; tỷ lệ; tiền thưởng; hưởng ứng phong trào; so sánh năm trước"),
                   parameters=YEAR_PARAMETERS, responses={200: YearReportSerializer})  # fmt: skip
    def year(self, request: Request) -> Response:
        return Response(YearReportSerializer(self._year_report()).data)

    @extend_schema(summary=_("Báo cáo tổng hợp khen thưởng năm (XLSX)"), parameters=YEAR_PARAMETERS,
                   responses=FILE_RESPONSE)  # fmt: skip
    def year_xlsx(self, request: Request):
        report = self._year_report()
        content = xlsx.year_report_xlsx(report, queries.scope_name(request.user))
        return bytes_response(
            content, filename=xlsx_name(_("Báo cáo khen thưởng năm %(year)s") % {"year": report["year"]})
        )

    @extend_schema(summary=_("Báo cáo một phong trào thi đua: khen thưởng theo quyết định của phong trào, hưởng ứng"),
                   responses={200: MovementReportSerializer})  # fmt: skip
    def movement(self, request: Request, pk: int) -> Response:
        return Response(MovementReportSerializer(queries.movement_report(request.user, self._movement(pk))).data)

    @extend_schema(summary=_("Báo cáo một phong trào thi đua (XLSX)"), responses=FILE_RESPONSE)
    def movement_xlsx(self, request: Request, pk: int):
        movement = self._movement(pk)
        report = queries.movement_report(request.user, movement)
        content = xlsx.movement_report_xlsx(report, queries.scope_name(request.user))
        return bytes_response(content, filename=xlsx_name(_("Báo cáo phong trào %(id)s") % {"id": movement.pk}))
