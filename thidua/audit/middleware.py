"""Makes the signed-in user of each request the default actor of the audit rows the request writes."""

from __future__ import annotations

from auditlog.cid import set_cid
from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest, HttpResponse

from thidua.audit.context import acting_for_request


class AuditMiddleware:
    """Replaces django-auditlog's middleware, whose actor context leaks into nested contexts (see audit.context)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        set_cid(request)
        with acting_for_request(
            request,
            remote_addr=AuditlogMiddleware._get_remote_addr(request),
            remote_port=AuditlogMiddleware._get_remote_port(request),
        ):
            return self.get_response(request)
