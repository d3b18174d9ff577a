"""/api/v1/reports/forms/… paths of the official statistics forms. Paths and names are a public contract
(docs/api.md): add, never rename."""

from django.urls import path

from thidua.reports.official_api import OfficialFormViewSet

urlpatterns = [
    path("reports/forms/", OfficialFormViewSet.as_view({"get": "list"}), name="api-report-form-list"),
    path("reports/forms/<str:code>.xlsx", OfficialFormViewSet.as_view({"get": "xlsx"}), name="api-report-form-xlsx"),
    path("reports/forms/<str:code>/", OfficialFormViewSet.as_view({"get": "retrieve"}), name="api-report-form-detail"),
]
