"""/api/v1/reports/ paths of the analytical reports (the official forms are in official_api_urls.py). Paths and names
are a public contract (docs/api.md): add, never rename."""

from django.urls import path

from thidua.reports.api import ReportViewSet


def action(name: str):
    return ReportViewSet.as_view({"get": name})


urlpatterns = [
    path("reports/year/", action("year"), name="api-report-year"),
    path("reports/year.xlsx", action("year_xlsx"), name="api-report-year-xlsx"),
    path("reports/movements/<int:pk>/", action("movement"), name="api-report-movement"),
    path("reports/movements/<int:pk>.xlsx", action("movement_xlsx"), name="api-report-movement-xlsx"),
]
