"""/api/v1/ paths of movements, what units owe them, exemplary models, covenants and score sheets. Paths and names
are a public contract (docs/api.md): add, never rename."""

from django.urls import path
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from thidua.movements.api import (
    CovenantViewSet,
    ExemplaryModelViewSet,
    MovementViewSet,
    ProgressReportViewSet,
    RegistrationViewSet,
    ScoreSheetViewSet,
    UnitPlanViewSet,
)

LIST = {"get": "list", "post": "create"}
READ_LIST = {"get": "list"}
DETAIL = {"get": "retrieve", "put": "update", "patch": "partial_update"}
READ = {"get": "retrieve"}
POST = "post"
# Single-object actions: no list filters, no pages.
ACTION = {"filterset_class": None, "pagination_class": None}
UPLOAD = {**ACTION, "parser_classes": [MultiPartParser]}
# Writes that may carry files (photos, a document, evidence) come as multipart; without files, JSON works too.
WITH_FILES = {"parser_classes": [JSONParser, MultiPartParser, FormParser]}


def action(viewset, name: str, method: str = POST, **initkwargs):
    return viewset.as_view({method: name}, **{**ACTION, **initkwargs})


urlpatterns = [
    # Movements
    path("movements/", MovementViewSet.as_view(LIST), name="api-movement-list"),
    path("movements/<int:pk>/", MovementViewSet.as_view(DETAIL), name="api-movement-detail"),
    path("movements/<int:pk>/launch/", action(MovementViewSet, "launch"), name="api-movement-launch"),
    path("movements/<int:pk>/amend/", action(MovementViewSet, "amend"), name="api-movement-amend"),
    path("movements/<int:pk>/close/", action(MovementViewSet, "close"), name="api-movement-close"),
    path("movements/<int:pk>/remind/", action(MovementViewSet, "remind"), name="api-movement-remind"),
    path(
        "movements/<int:pk>/compliance/", action(MovementViewSet, "compliance", "get"), name="api-movement-compliance"
    ),
    path(
        "movements/<int:pk>/consolidated/",
        action(MovementViewSet, "consolidated", "get"),
        name="api-movement-consolidated",
    ),
    path(
        "movements/<int:pk>/plan-document/",
        MovementViewSet.as_view({"get": "plan_document", "post": "upload_plan_document"}, **UPLOAD),
        name="api-movement-plan-document",
    ),
    path(
        "movements/<int:pk>/sub-movements/", action(MovementViewSet, "sub_movements"), name="api-movement-sub-movements"
    ),
    # Unit plans
    path("unit-plans/", UnitPlanViewSet.as_view(READ_LIST), name="api-unit-plan-list"),
    path("unit-plans/<int:pk>/", UnitPlanViewSet.as_view(DETAIL), name="api-unit-plan-detail"),
    path("unit-plans/<int:pk>/submit/", action(UnitPlanViewSet, "submit"), name="api-unit-plan-submit"),
    path(
        "unit-plans/<int:pk>/document/",
        UnitPlanViewSet.as_view({"get": "document", "post": "upload_document"}, **UPLOAD),
        name="api-unit-plan-document",
    ),
    # Registrations
    path("registrations/", RegistrationViewSet.as_view(READ_LIST), name="api-registration-list"),
    path("registrations/<int:pk>/", RegistrationViewSet.as_view(DETAIL), name="api-registration-detail"),
    path("registrations/<int:pk>/submit/", action(RegistrationViewSet, "submit"), name="api-registration-submit"),
    path("registrations/<int:pk>/approve/", action(RegistrationViewSet, "approve"), name="api-registration-approve"),
    path("registrations/<int:pk>/return/", action(RegistrationViewSet, "return_"), name="api-registration-return"),
    # Progress reports
    path("progress-reports/", ProgressReportViewSet.as_view(READ_LIST), name="api-progress-report-list"),
    path("progress-reports/<int:pk>/", ProgressReportViewSet.as_view(DETAIL), name="api-progress-report-detail"),
    path(
        "progress-reports/<int:pk>/submit/", action(ProgressReportViewSet, "submit"), name="api-progress-report-submit"
    ),
    path(
        "progress-reports/<int:pk>/attachments/",
        action(ProgressReportViewSet, "add_attachments", **UPLOAD),
        name="api-progress-report-attachments",
    ),
    path(
        "progress-reports/<int:pk>/attachments/<uuid:file_id>/",
        ProgressReportViewSet.as_view({"get": "attachment", "delete": "remove_attachment"}, **ACTION),
        name="api-progress-report-attachment",
    ),
    # Exemplary models
    path("exemplary-models/", ExemplaryModelViewSet.as_view(LIST, **WITH_FILES), name="api-exemplary-model-list"),
    path(
        "exemplary-models/<int:pk>/",
        ExemplaryModelViewSet.as_view(DETAIL, **WITH_FILES),
        name="api-exemplary-model-detail",
    ),
    path(
        "exemplary-models/<int:pk>/review/", action(ExemplaryModelViewSet, "review"), name="api-exemplary-model-review"
    ),
    path(
        "exemplary-models/<int:pk>/publish/",
        action(ExemplaryModelViewSet, "publish"),
        name="api-exemplary-model-publish",
    ),
    path(
        "exemplary-models/<int:pk>/photos/<uuid:file_id>/",
        action(ExemplaryModelViewSet, "photo", "get"),
        name="api-exemplary-model-photo",
    ),
    # Covenants
    path("covenants/", CovenantViewSet.as_view(LIST, **WITH_FILES), name="api-covenant-list"),
    path("covenants/<int:pk>/", CovenantViewSet.as_view(READ), name="api-covenant-detail"),
    path("covenants/<int:pk>/sign/", action(CovenantViewSet, "sign"), name="api-covenant-sign"),
    path("covenants/<int:pk>/document/", action(CovenantViewSet, "document", "get"), name="api-covenant-document"),
    # Score sheets
    path("score-sheets/", ScoreSheetViewSet.as_view(LIST), name="api-score-sheet-list"),
    path("score-sheets/<int:pk>/", ScoreSheetViewSet.as_view(READ), name="api-score-sheet-detail"),
    path("score-sheets/<int:pk>/open/", action(ScoreSheetViewSet, "open"), name="api-score-sheet-open"),
    path(
        "score-sheets/<int:pk>/scores/",
        ScoreSheetViewSet.as_view({"get": "scores", "post": "add_score"}, **ACTION, **WITH_FILES),
        name="api-score-sheet-scores",
    ),
    path(
        "score-sheets/<int:pk>/submit-scores/",
        action(ScoreSheetViewSet, "submit_scores"),
        name="api-score-sheet-submit-scores",
    ),
    path("score-sheets/<int:pk>/publish/", action(ScoreSheetViewSet, "publish"), name="api-score-sheet-publish"),
    path("score-sheets/<int:pk>/lock/", action(ScoreSheetViewSet, "lock"), name="api-score-sheet-lock"),
]
