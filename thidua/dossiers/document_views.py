"""Downloads of the documents generated for a dossier (issue 6): the unit's tờ trình, the council's biên bản kiểm
phiếu of a closed session, and each entry's báo cáo thành tích, as DOCX or PDF.

Same scoping as the page each hangs from (the dossier page, the session page, the dossier page's entry rows):
whoever sees the object may download its document; anything else is a 404. A session whose vote is not closed has
no result to print (404 here; 409 in the API).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from thidua.accounts.scoping import scoped
from thidua.core.views import StaffView
from thidua.documents.http import FORMATS, document_response
from thidua.dossiers import documents
from thidua.dossiers.enums import SessionState
from thidua.dossiers.models import CouncilSession, Dossier, DossierEntry


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404


class ProposalDocumentView(StaffView, View):
    """ "Tờ trình" of a dossier the user may see."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        check_format(fmt)
        dossier = get_object_or_404(scoped(Dossier, request.user), pk=pk)
        return document_response(documents.proposal(dossier), fmt)


class MinutesDocumentView(StaffView, View):
    """ "Biên bản họp và kết quả kiểm phiếu" of a closed session the user may see."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        check_format(fmt)
        session = get_object_or_404(scoped(CouncilSession, request.user), pk=pk)
        if session.state != SessionState.CLOSED:
            raise Http404
        return document_response(documents.council_minutes(session), fmt)


class ReportDocumentView(StaffView, View):
    """ "Báo cáo thành tích" of an entry of a dossier the user may see."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        check_format(fmt)
        entry = get_object_or_404(scoped(DossierEntry, request.user), pk=pk)
        return document_response(documents.achievement_report(entry), fmt)
