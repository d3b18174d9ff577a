"""/api/v1/ paths of nomination dossiers, and the actions that turn movements' results into draft entries. Paths and
names are a public contract (docs/api.md): add, never rename."""

from django.urls import path

from thidua.dossiers.api import DossierViewSet, ExemplaryModelProposeViewSet, ScoreSheetProposeViewSet

# Single-object actions: no list filters, no pages.
ACTION = {"filterset_class": None, "pagination_class": None}

urlpatterns = [
    path("dossiers/", DossierViewSet.as_view({"get": "list", "post": "create"}), name="api-dossier-list"),
    path("dossiers/<int:pk>/", DossierViewSet.as_view({"get": "retrieve"}), name="api-dossier-detail"),
    path(
        "dossiers/<int:pk>/entries/",
        DossierViewSet.as_view({"post": "add_entry"}, **ACTION),
        name="api-dossier-entries",
    ),
    path(
        "dossiers/<int:pk>/entries/<int:entry_pk>/",
        DossierViewSet.as_view({"delete": "remove_entry"}, **ACTION),
        name="api-dossier-entry",
    ),
    path(
        "exemplary-models/<int:pk>/propose/",
        ExemplaryModelProposeViewSet.as_view({"post": "propose"}),
        name="api-exemplary-model-propose",
    ),
    path(
        "score-sheets/<int:pk>/propose/",
        ScoreSheetProposeViewSet.as_view({"post": "propose"}),
        name="api-score-sheet-propose",
    ),
]
