"""/api/v1/ paths of imports. Paths and names are a public contract (docs/api.md): add, never rename."""

from django.urls import path
from rest_framework.parsers import MultiPartParser

from thidua.imports.api import ImportBatchViewSet, ImportKindViewSet

ACTION = {"pagination_class": None}

urlpatterns = [
    path(
        "imports/",
        ImportBatchViewSet.as_view({"get": "list", "post": "create"}, parser_classes=[MultiPartParser]),
        name="api-import-list",
    ),
    path("imports/kinds/", ImportKindViewSet.as_view({"get": "list"}), name="api-import-kinds"),
    path(
        "imports/templates/<slug:kind>.xlsx",
        ImportKindViewSet.as_view({"get": "template"}),
        name="api-import-template",
    ),
    path("imports/<int:pk>/", ImportBatchViewSet.as_view({"get": "retrieve"}, **ACTION), name="api-import-detail"),
    path(
        "imports/<int:pk>/commit/",
        ImportBatchViewSet.as_view({"post": "commit"}, **ACTION),
        name="api-import-commit",
    ),
]
