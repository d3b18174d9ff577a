"""The API: /api/v1/ resources, the OpenAPI schema and its interactive docs. Paths here are a public contract."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("v1/", include("thidua.orgs.api_urls")),
    path("v1/", include("thidua.catalog.api_urls")),
    path("v1/", include("thidua.jobs.api_urls")),
    path("v1/", include("thidua.notifications.api_urls")),
    path("v1/", include("thidua.movements.api_urls")),
    path("v1/", include("thidua.dossiers.api_urls")),
    path("v1/", include("thidua.decisions.api_urls")),
    path("v1/", include("thidua.records.api_urls")),
    path("v1/", include("thidua.eligibility.api_urls")),
    path("v1/", include("thidua.reports.api_urls")),
    path("v1/", include("thidua.reports.official_api_urls")),
    path("v1/", include("thidua.imports.api_urls")),
]
