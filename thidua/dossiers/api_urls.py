"""/api/v1/ paths of nomination dossiers and their workflow, council sessions and consultations, and the actions that
turn movements' results into draft entries. Paths and names are a public contract (docs/api.md): add, never rename.

The paths of the workflow's steps are made from the declared table (``thidua.dossiers.transitions.TRANSITIONS``): a
row's code is its path segment, ``api-dossier-<code>`` / ``api-dossier-entry-<code>`` its name."""

from django.urls import path
from rest_framework.parsers import MultiPartParser

from thidua.dossiers.api import (
    DOSSIER_STEPS,
    ENTRY_STEPS,
    ConsultationCommentViewSet,
    ConsultationViewSet,
    CouncilSessionViewSet,
    DossierViewSet,
    ExemplaryModelProposeViewSet,
    ScoreSheetProposeViewSet,
    step_viewset,
)
from thidua.dossiers.document_api import DossierDocumentViewSet, SessionDocumentViewSet
from thidua.dossiers.transitions import DOSSIER_TRANSITIONS, ENTRY_TRANSITIONS

LIST = {"get": "list", "post": "create"}
READ = {"get": "retrieve"}
# Single-object actions: no list filters, no pages.
ACTION = {"filterset_class": None, "pagination_class": None}
UPLOAD = {**ACTION, "parser_classes": [MultiPartParser]}


def action(viewset, name: str, method: str = "post", **initkwargs):
    return viewset.as_view({method: name}, **{**ACTION, **initkwargs})


def _name(code: str) -> str:
    return code.replace("_", "-")


# One path per row of the table that the API takes (see serializers.TAKEN_ELSEWHERE for the others).
DOSSIER_STEP_PATHS = [
    path(
        f"dossiers/<int:pk>/{row.code}/", action(step_viewset(row.code), "step"), name=f"api-dossier-{_name(row.code)}"
    )
    for row in DOSSIER_TRANSITIONS
    if row.code in DOSSIER_STEPS
]
ENTRY_STEP_PATHS = [
    path(
        f"dossiers/<int:pk>/entries/<int:entry_pk>/{row.code}/",
        action(step_viewset(row.code), "step"),
        name=f"api-dossier-entry-{_name(row.code)}",
    )
    for row in ENTRY_TRANSITIONS
    if row.code in ENTRY_STEPS
]

urlpatterns = [
    # Dossiers
    path("dossiers/", DossierViewSet.as_view(LIST), name="api-dossier-list"),
    path("dossiers/year-end/", action(DossierViewSet, "year_end"), name="api-dossier-year-end"),
    path("dossiers/<int:pk>/", DossierViewSet.as_view(READ), name="api-dossier-detail"),
    *DOSSIER_STEP_PATHS,
    path("dossiers/<int:pk>/entries/", action(DossierViewSet, "add_entry"), name="api-dossier-entries"),
    path(
        "dossiers/<int:pk>/entries/<int:entry_pk>/",
        DossierViewSet.as_view({"patch": "update_entry", "delete": "remove_entry"}, **ACTION),
        name="api-dossier-entry",
    ),
    path(
        "dossiers/<int:pk>/entries/<int:entry_pk>/checks/",
        DossierViewSet.as_view({"get": "checks", "put": "save_checks"}, **ACTION),
        name="api-dossier-entry-checks",
    ),
    *ENTRY_STEP_PATHS,
    path(
        "dossiers/<int:pk>/attachments/",
        action(DossierViewSet, "add_attachment", **UPLOAD),
        name="api-dossier-attachments",
    ),
    path(
        "dossiers/<int:pk>/attachments/<int:attachment_pk>/",
        action(DossierViewSet, "remove_attachment", "delete"),
        name="api-dossier-attachment",
    ),
    path(
        "dossiers/<int:pk>/attachments/<int:attachment_pk>/download/",
        action(DossierViewSet, "download_attachment", "get"),
        name="api-dossier-attachment-download",
    ),
    path("dossiers/<int:pk>/own-council/", action(DossierViewSet, "own_council"), name="api-dossier-own-council"),
    path("dossiers/<int:pk>/package/", action(DossierViewSet, "package", "get"), name="api-dossier-package"),
    # Generated documents (docx or pdf)
    path(
        "dossiers/<int:pk>/documents/proposal.<slug:fmt>",
        action(DossierDocumentViewSet, "proposal", "get"),
        name="api-dossier-proposal-document",
    ),
    path(
        "dossiers/<int:pk>/entries/<int:entry_pk>/documents/report.<slug:fmt>",
        action(DossierDocumentViewSet, "report", "get"),
        name="api-dossier-entry-report-document",
    ),
    # Council sessions
    path("council-sessions/", CouncilSessionViewSet.as_view(LIST), name="api-council-session-list"),
    path("council-sessions/<int:pk>/", CouncilSessionViewSet.as_view(READ), name="api-council-session-detail"),
    path(
        "council-sessions/<int:pk>/agenda/",
        action(CouncilSessionViewSet, "add_agenda"),
        name="api-council-session-agenda",
    ),
    path(
        "council-sessions/<int:pk>/agenda/<int:item_pk>/",
        action(CouncilSessionViewSet, "remove_agenda", "delete"),
        name="api-council-session-agenda-item",
    ),
    path(
        "council-sessions/<int:pk>/attendance/",
        action(CouncilSessionViewSet, "attendance", "put"),
        name="api-council-session-attendance",
    ),
    path("council-sessions/<int:pk>/open/", action(CouncilSessionViewSet, "open"), name="api-council-session-open"),
    path("council-sessions/<int:pk>/close/", action(CouncilSessionViewSet, "close"), name="api-council-session-close"),
    path(
        "council-sessions/<int:pk>/items/<int:item_pk>/vote/",
        action(CouncilSessionViewSet, "vote"),
        name="api-council-session-vote",
    ),
    path(
        "council-sessions/<int:pk>/items/<int:item_pk>/recuse/",
        action(CouncilSessionViewSet, "recuse"),
        name="api-council-session-recuse",
    ),
    path(
        "council-sessions/<int:pk>/items/<int:item_pk>/tally/",
        action(CouncilSessionViewSet, "tally"),
        name="api-council-session-tally",
    ),
    path(
        "council-sessions/<int:pk>/results/",
        action(CouncilSessionViewSet, "results", "get"),
        name="api-council-session-results",
    ),
    path(
        "council-sessions/<int:pk>/documents/minutes.<slug:fmt>",
        action(SessionDocumentViewSet, "minutes", "get"),
        name="api-council-session-minutes-document",
    ),
    # Consultations
    path("consultations/", ConsultationViewSet.as_view(LIST), name="api-consultation-list"),
    path("consultations/<int:pk>/", ConsultationViewSet.as_view(READ), name="api-consultation-detail"),
    path("consultations/<int:pk>/close/", action(ConsultationViewSet, "close"), name="api-consultation-close"),
    path(
        "consultations/<int:consultation_pk>/comments/",
        ConsultationCommentViewSet.as_view({"get": "list"}),
        name="api-consultation-comments",
    ),
    path(
        "consultations/<int:consultation_pk>/comments/<int:pk>/moderate/",
        action(ConsultationCommentViewSet, "moderate"),
        name="api-consultation-comment-moderate",
    ),
    # From the movements app's results
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
