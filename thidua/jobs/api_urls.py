"""/api/v1/ paths of background jobs (read-only). Paths and names are a public contract (docs/api.md)."""

from django.urls import path

from thidua.jobs.api import JobViewSet

urlpatterns = [
    path("jobs/", JobViewSet.as_view({"get": "list"}), name="api-job-list"),
    path("jobs/<uuid:pk>/", JobViewSet.as_view({"get": "retrieve"}), name="api-job-detail"),
]
