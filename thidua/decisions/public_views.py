"""The public verification page, /verify/<code>, no login: what the QR code of a certificate or an extract opens.

A certificate's code shows whether it is genuine ("Bằng khen hợp lệ") and what the paper must say: the award, the
recipient's name, for a person the unit they worked in at the time, the decision (number, date, issuer), the register
number and the reissues — never a birth date, a gender, an ethnicity or an ID number. A revoked award is said to be
NOT valid, with the decision that revoked it. An extract's code shows the extract as issued. An unknown code is a 404
with a page that says, in words, that the paper is not valid. Pages are not indexed (robots meta and header).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from thidua.decisions.certificates import layouts_by_award_code, normalise_code
from thidua.decisions.models import Certificate, Extract
from thidua.records.models import Award

TEMPLATE = "decisions/public/verify.html"
# Longer strings are no code of ours: answered as unknown without a query.
MAX_CODE_LENGTH = 32


class VerifyView(View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        code = normalise_code(code)
        if 0 < len(code) <= MAX_CODE_LENGTH:
            certificate = (
                Certificate.objects.select_related(
                    "decision_item__decision__authority", "decision_item__award_type", "award", "register"
                )
                .filter(code=code)
                .first()
            )
            if certificate is not None:
                return self.page(certificate_context(certificate), code=code)
            extract = Extract.objects.select_related("issuer").filter(code=code).first()
            if extract is not None:
                return self.page(extract_context(extract), code=code)
        return self.page({"kind": "unknown"}, code=code, status=404)

    def page(self, context: dict, *, code: str, status: int = 200) -> HttpResponse:
        response = render(self.request, TEMPLATE, {**context, "code": code}, status=status)
        response["X-Robots-Tag"] = "noindex, nofollow"
        # The page of a paper whose award may be revoked tomorrow: never served from a cache.
        response["Cache-Control"] = "no-store"
        return response


def document_name(certificate: Certificate) -> str:
    """ "Bằng khen", "Giấy khen", "Giấy chứng nhận": the layout's title in sentence case."""
    layout = layouts_by_award_code().get(certificate.decision_item.award_type.code)
    title = layout.title if layout is not None else ""
    return title[:1].upper() + title[1:].lower() if title else ""


def certificate_context(certificate: Certificate) -> dict:
    item = certificate.decision_item
    decision = item.decision
    award = certificate.award
    replaced = award.replaced_by_items.exists() if award.revoked_on else False
    return {
        "kind": "certificate",
        "certificate": certificate,
        "document": document_name(certificate),
        "award_name": item.award_name,
        "posthumous": item.posthumous,
        "recipient_name": item.recipient_name,
        # A person's unit at the time; a collective's name says it all (its parent is not needed).
        "unit_name": item.unit_name if item.person_id else "",
        "period": item.year,
        "decision": decision,
        "issuer": decision.authority.name,
        "serial": certificate.serial_text,
        "reissues": list(certificate.reissues.order_by("sequence")),
        "valid": award.revoked_on is None,
        "revoked_on": award.revoked_on,
        "revoked_reference": award.revoked_reference,
        "replaced": replaced,
    }


def extract_context(extract: Extract) -> dict:
    rows = [dict(row) for row in extract.awards or []]
    ids = [row["award_id"] for row in rows if row.get("award_id")]
    revoked = dict(
        Award.objects.filter(pk__in=ids, revoked_on__isnull=False).values_list("pk", "revoked_reference")
    )  # fmt: skip
    for row in rows:
        row["decision_day"] = _day(row.get("decision_date"))
        reference = revoked.get(row.get("award_id"))
        row["revoked_since"] = reference is not None
        row["revoked_reference"] = reference or ""
    return {
        "kind": "extract",
        "extract": extract,
        "rows": rows,
        "valid": True,
        "any_revoked": any(row["revoked_since"] for row in rows),
    }


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
