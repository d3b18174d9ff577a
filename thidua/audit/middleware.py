"""Makes the signed-in user of each request the default actor of the audit rows the request writes."""

from __future__ import annotations

from auditlog.cid import set_cid
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
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
            remote_addr=client_address(request),
            remote_port=AuditlogMiddleware._get_remote_port(request),
        ):
            return self.get_response(request)


def client_address(request: HttpRequest) -> str | None:
    """The client's address for the audit row. X-Forwarded-For is anyone's to write, so it is believed only when the
    request comes from one of the reverse proxies named in TRUSTED_PROXIES; then its last hop is the client."""
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and remote in settings.TRUSTED_PROXIES:
        return forwarded.split(",")[-1].strip() or remote
    return remote
