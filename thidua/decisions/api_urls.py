"""/api/v1/ paths of decisions and certificates. Paths and names are a public contract (docs/api.md): add, never
rename."""

from django.urls import path
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from thidua.decisions.api import (
    CertificateReissueViewSet,
    CertificateViewSet,
    DecisionViewSet,
    ExtractViewSet,
    TotalsViewSet,
)

# Single-object actions: no list filters, no pages.
ACTION = {"filterset_class": None, "pagination_class": None}


def action(viewset, name: str, method: str = "post", **initkwargs):
    return viewset.as_view({method: name}, **{**ACTION, **initkwargs})


urlpatterns = [
    path("decisions/", DecisionViewSet.as_view({"get": "list", "post": "create"}), name="api-decision-list"),
    path("decisions/record/", action(DecisionViewSet, "record"), name="api-decision-record"),
    path("decisions/totals/", action(TotalsViewSet, "totals", "get"), name="api-decision-totals"),
    path("decisions/totals.xlsx", action(TotalsViewSet, "totals_xlsx", "get"), name="api-decision-totals-xlsx"),
    path(
        "decisions/<int:pk>/",
        DecisionViewSet.as_view({"get": "retrieve", "patch": "partial_update", "delete": "destroy"}, **ACTION),
        name="api-decision-detail",
    ),
    path("decisions/<int:pk>/entries/", action(DecisionViewSet, "add_entries"), name="api-decision-entries"),
    path(
        "decisions/<int:pk>/items/<int:item_pk>/",
        action(DecisionViewSet, "remove_item", "delete"),
        name="api-decision-item",
    ),
    path(
        "decisions/<int:pk>/sign/",
        action(DecisionViewSet, "sign", parser_classes=[JSONParser, MultiPartParser, FormParser]),
        name="api-decision-sign",
    ),
    path("decisions/<int:pk>/amend/", action(DecisionViewSet, "amend"), name="api-decision-amend"),
    path(
        "decisions/<int:pk>/documents/decision.<str:fmt>",
        action(DecisionViewSet, "document", "get"),
        name="api-decision-document",
    ),
    path(
        "decisions/<int:pk>/signed-file/",
        action(DecisionViewSet, "signed_file", "get"),
        name="api-decision-signed-file",
    ),
    path(
        "decisions/<int:pk>/payment-list.xlsx",
        action(DecisionViewSet, "payment_list", "get"),
        name="api-decision-payment-list",
    ),
    path("decisions/<int:pk>/certificates/", action(DecisionViewSet, "certificates"), name="api-decision-certificates"),
    path(
        "decisions/<int:pk>/certificates.pdf",
        action(DecisionViewSet, "certificates_file", "get"),
        name="api-decision-certificates-file",
    ),
    path("certificates/<str:code>/", CertificateViewSet.as_view({"get": "retrieve"}), name="api-certificate-detail"),
    path(
        "certificates/<str:code>/reissue/",
        action(CertificateViewSet, "reissue"),
        name="api-certificate-reissue",
    ),
    path(
        "certificate-reissues/<int:pk>.pdf",
        action(CertificateReissueViewSet, "pdf", "get"),
        name="api-certificate-reissue-pdf",
    ),
    path("extracts/", ExtractViewSet.as_view({"get": "list", "post": "create"}), name="api-extract-list"),
    path("extracts/<int:pk>/", ExtractViewSet.as_view({"get": "retrieve"}, **ACTION), name="api-extract-detail"),
    path(
        "extracts/<int:pk>/document.<str:fmt>",
        action(ExtractViewSet, "document", "get"),
        name="api-extract-document",
    ),
]
