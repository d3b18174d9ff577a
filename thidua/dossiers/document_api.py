"""The API's downloads of the documents generated for a dossier (issue 6), as DOCX or PDF:
``GET /api/v1/dossiers/{id}/documents/proposal.{fmt}`` (tờ trình),
``GET /api/v1/dossiers/{id}/entries/{entry_id}/documents/report.{fmt}`` (báo cáo thành tích of one entry) and
``GET /api/v1/council-sessions/{id}/documents/minutes.{fmt}`` (biên bản kiểm phiếu; 409 until the vote is closed).

Same scoping as the objects' own endpoints: whoever reads the dossier or the session downloads its documents (out of
scope: 404); ``fmt`` is docx or pdf (anything else: 404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.request import Request

from thidua.accounts.scoping import scoped
from thidua.core.api import ScopedViewSetMixin
from thidua.documents.http import FORMATS, document_response
from thidua.dossiers import documents
from thidua.dossiers.api import Conflict
from thidua.dossiers.enums import SessionState
from thidua.dossiers.models import CouncilSession, Dossier

FORMAT = OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORMATS),
                          description=_("Định dạng tệp: docx (Word) hoặc pdf"))  # fmt: skip
OBJECT_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
ENTRY_ID = OpenApiParameter("entry_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Mã đề nghị"))
DOCUMENT = {
    (200, "application/octet-stream"): OpenApiResponse(
        OpenApiTypes.BINARY, description=_("Tệp DOCX (Times New Roman) hoặc PDF (nhúng phông Liberation Serif)")
    ),
    404: OpenApiResponse(description=_("Không tìm thấy (ngoài phạm vi, hoặc định dạng không phải docx, pdf)")),
}


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


@extend_schema(tags=["dossiers"])
class DossierDocumentViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    filterset_class = None
    pagination_class = None

    def get_queryset(self) -> QuerySet[Dossier]:
        return scoped(Dossier, self.request.user)

    @extend_schema(summary=_("Tờ trình đề nghị khen thưởng của hồ sơ (tạo từ dữ liệu, kèm danh sách)"),
                   operation_id="v1_dossiers_proposal_document", parameters=[OBJECT_ID, FORMAT],
                   responses=DOCUMENT)  # fmt: skip
    def proposal(self, request: Request, pk: int, fmt: str):
        _format(fmt)
        return document_response(documents.proposal(self.get_object()), fmt)

    @extend_schema(summary=_("Báo cáo thành tích của một đề nghị (mẫu theo trường hợp, điền sẵn lịch sử khen thưởng)"),
                   operation_id="v1_dossiers_entries_report_document", parameters=[OBJECT_ID, ENTRY_ID, FORMAT],
                   responses=DOCUMENT)  # fmt: skip
    def report(self, request: Request, pk: int, entry_pk: int, fmt: str):
        _format(fmt)
        entry = self.get_object().entries.filter(pk=entry_pk).first()
        if entry is None:
            raise Http404
        return document_response(documents.achievement_report(entry), fmt)


@extend_schema(tags=["council-sessions"])
class SessionDocumentViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    filterset_class = None
    pagination_class = None

    def get_queryset(self) -> QuerySet[CouncilSession]:
        return scoped(CouncilSession, self.request.user)

    @extend_schema(
        summary=_("Biên bản họp Hội đồng và kết quả kiểm phiếu (sau khi kết thúc bỏ phiếu)"),
        operation_id="v1_council_sessions_minutes_document",
        parameters=[OBJECT_ID, FORMAT],
        responses={**DOCUMENT, 409: OpenApiResponse(description=_("Chưa kết thúc bỏ phiếu"))},
    )
    def minutes(self, request: Request, pk: int, fmt: str):
        _format(fmt)
        session = self.get_object()
        if session.state != SessionState.CLOSED:
            raise Conflict(_("Biên bản kiểm phiếu chỉ lập được sau khi Chủ tịch Hội đồng kết thúc bỏ phiếu."))
        return document_response(documents.council_minutes(session), fmt)
