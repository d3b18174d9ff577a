"""Giấy xác nhận khen thưởng: a person's or a unit's award history as it stands today, issued by the board of an
authority, verifiable by its QR code at /verify/<code> (the same page as certificates; extract codes start with "X").

``Extract.awards`` keeps what the paper prints (award, period, decision number and date, deciding authority), so the
verification page shows the paper's content even after later awards; the page also says which of those awards a
later decision has revoked since.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.rules import BOARD_ROLES, holds_role_at
from thidua.accounts.scoping import scoped
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import Authority
from thidua.decisions.certificates import EXTRACT_PREFIX, new_code
from thidua.decisions.models import Extract
from thidua.orgs.models import OrgUnit, Person
from thidua.records.models import Award

register_action_label("decisions.extract.issued", gettext_lazy("Cấp giấy xác nhận khen thưởng"))


def can_issue(user, issuer: Authority) -> bool:
    return holds_role_at(user, issuer.unit, BOARD_ROLES)


def award_rows(awards) -> list[dict]:
    """What the paper prints of each award, oldest first (JSON: dates as ISO text)."""
    rows = []
    for award in awards:
        rows.append({
            "award_id": award.pk,
            "award_code": award.award_code,
            "award_name": award.award_type.name,
            "year": award.year,
            "period_label": award.period_label,
            "posthumous": award.posthumous,
            "decision_number": award.decision_number,
            "decision_date": award.decision_date.isoformat() if award.decision_date else "",
            "authority_name": award.authority_name or (award.authority.name if award.authority_id else ""),
        })  # fmt: skip
    return rows


@transaction.atomic
def issue_extract(*, by, person: Person | None = None, unit: OrgUnit | None = None, issuer: Authority) -> Extract:
    """Issue a giấy xác nhận of ``person``'s or ``unit``'s awards in force (revoked ones are left out).

    The board of ``issuer`` issues it, for a subject it may see."""
    if (person is None) == (unit is None):
        raise ValidationError({"person": _("Chọn một cá nhân hoặc một tập thể cần xác nhận.")})
    if not can_issue(by, issuer):
        raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng của “%(issuer)s” được cấp giấy xác nhận.") % {
            "issuer": issuer.name})  # fmt: skip
    subject = person or unit
    if not scoped(type(subject).objects.filter(pk=subject.pk), by).exists():
        raise PermissionDenied(_("Người, tập thể này nằm ngoài phạm vi bạn được xem."))
    awards = (
        Award.objects.in_force().of(subject).select_related("award_type", "authority")
        .order_by("year", "decision_date", "pk")
    )  # fmt: skip
    with acting_as(by):
        extract = Extract.objects.create(
            person=person, unit=unit, issuer=issuer,
            subject_name=person.full_name if person is not None else unit.name,
            issued_on=timezone.localdate(), awards=award_rows(awards), code=EXTRACT_PREFIX + new_code(),
            issued_by=by if getattr(by, "pk", None) else None,
        )  # fmt: skip
        record_action(extract, code="decisions.extract.issued", by=by,
                      data={"awards": len(extract.awards), "code": extract.code})  # fmt: skip
    return extract


def extract_pdf(extract: Extract) -> bytes:
    """The giấy xác nhận as PDF (NĐ 30 layout, QR code of its verification page at the bottom left)."""
    from thidua.decisions.documents import extract_document
    from thidua.documents.pdf import render_pdf

    return render_pdf(extract_document(extract))


def extract_docx(extract: Extract) -> bytes:
    """The giấy xác nhận as DOCX (the same content, editable; its QR code as a picture)."""
    from thidua.decisions.documents import extract_document
    from thidua.documents.docx import render_docx

    return render_docx(extract_document(extract))
