"""Staff pages for the recipients of awards (issue 6, 4b): the reissue (cấp lại) of a lost or damaged certificate
and its single-page PDF, and the giấy xác nhận khen thưởng of a person or a unit (issue, list, page, DOCX/PDF).

Thin views like ``thidua.decisions.views``: the object comes from a scoped queryset (404), the right from
``certificates.can_reissue`` / ``extracts.can_issue`` (403), the write from the services of
``thidua.decisions.certificates`` and ``thidua.decisions.extracts``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from thidua.accounts.rules import BOARD_ROLES
from thidua.accounts.scoping import scope_for, scoped
from thidua.catalog.models import Authority
from thidua.core.uploads import safe_filename
from thidua.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedObjectFormView, StaffView
from thidua.decisions import certificates, extracts, rules
from thidua.decisions.documents import extract_document
from thidua.decisions.enums import PrintMode
from thidua.decisions.models import Certificate, CertificateReissue, Extract
from thidua.decisions.views import ERROR_LABELS, DecisionAreaMixin, title_of
from thidua.documents.http import document_response
from thidua.orgs.models import OrgUnit, Person

DOCUMENT_FORMATS = ("docx", "pdf")


# --- Reissue (cấp lại) ---------------------------------------------------------------------------------------


def visible_reissues(user) -> QuerySet[CertificateReissue]:
    """The reissues of the certificates the user sees (a reissue is seen with its certificate)."""
    return CertificateReissue.objects.filter(certificate__in=scoped(Certificate, user))


def pdf_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True,
                                                                 filename=safe_filename(name, ".pdf"))  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def reissue_pdf(reissue: CertificateReissue, mode: str) -> HttpResponse:
    """The single page of a reissue (``mode`` full or blank; anything else is a 404)."""
    if mode not in PrintMode.values:
        raise Http404
    name = _("Cấp lại %(serial)s lần %(sequence)d") % {
        "serial": reissue.certificate.serial_text.replace("/", "-"), "sequence": reissue.sequence}  # fmt: skip
    return pdf_response(certificates.render_reissue(reissue, mode=mode), name)


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do cấp lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Ghi lý do cấp lại (ví dụ: bị mất, bị hư hỏng).")},
        help_text=gettext_lazy("Ví dụ: bằng khen bị mất do thiên tai; ghi vào sổ và nhật ký hệ thống."),
    )


class CertificateReissueView(DecisionAreaMixin, ScopedObjectFormView):
    """ "Cấp lại" a certificate: the reason (required); the reissue keeps the register number and is printed as a
    single page marked "Cấp lại lần n ngày …". The page lists the earlier reissues with their PDFs."""

    template_name = "decisions/reissue.html"
    model = Certificate
    context_object_name = "certificate"
    service_error_labels = ERROR_LABELS

    def get_queryset(self):
        return super().get_queryset().select_related("decision_item__decision__authority__unit", "award__award_type")

    def has_permission(self) -> bool:
        return certificates.can_reissue(self.request.user, self.object)

    def get_form(self, form_class=None) -> ReissueForm:
        return ReissueForm(**self.get_form_kwargs())

    def save(self, form: ReissueForm) -> CertificateReissue:
        self.reissue = certificates.reissue(self.object, by=self.request.user, reason=form.cleaned_data["reason"])
        return self.reissue

    def still_allowed(self, obj) -> bool:
        return visible_reissues(self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã cấp lại lần %(sequence)d bằng, giấy khen số vào sổ %(serial)s; tải bản "
                                         "in dưới đây.") % {"sequence": self.reissue.sequence,
                                                           "serial": self.object.serial_text})  # fmt: skip
        return reverse("decisions:reissue", args=[self.object.pk]) + f"#reissue-{self.reissue.pk}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        certificate = self.object
        decision = certificate.decision_item.decision
        return super().get_context_data(decision=decision, decision_title=title_of(decision),
                                        reissues=list(certificate.reissues.order_by("sequence")),
                                        revoked=certificate.award.revoked_on is not None, **kwargs)  # fmt: skip


class ReissuePdfView(StaffView, View):
    """The single-page PDF of a reissue (``?mode=blank`` to print on a blank), for those who may reissue."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        reissues = visible_reissues(request.user).select_related(
            "certificate__decision_item__decision__authority__unit"
        )
        reissue = get_object_or_404(reissues, pk=pk)
        if not certificates.can_reissue(request.user, reissue.certificate):
            raise PermissionDenied
        return reissue_pdf(reissue, request.GET.get("mode") or PrintMode.FULL)


# --- Extracts (giấy xác nhận khen thưởng) ------------------------------------------------------------------------


def issuing_authorities(user) -> QuerySet[Authority]:
    """The authorities inside the deployment for which the user may issue a giấy xác nhận (board roles there)."""
    authorities = Authority.objects.filter(unit__is_external=False).select_related("unit")
    if not user.is_superuser:
        authorities = authorities.filter(unit_id__in=rules.serving_units(user, BOARD_ROLES))
    return authorities.order_by("unit__path", "name")


def may_issue_any(user) -> bool:
    """Whether the person and unit pages offer "Cấp giấy xác nhận khen thưởng". Board roles are authority roles: a
    user serving no authority (the cached scope says so) is answered without a query."""
    if not user.is_authenticated:
        return False
    if not user.is_superuser and not scope_for(user).serving_unit_ids:
        return False
    return issuing_authorities(user).exists()


class ExtractForm(forms.Form):
    issuer = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan xác nhận"),
        queryset=Authority.objects.none(),
        empty_label=gettext_lazy("— Chọn cơ quan xác nhận —"),
        help_text=gettext_lazy("Ban Thi đua - Khen thưởng của cấp này ký giấy xác nhận."),
    )

    def __init__(self, *args, authorities: QuerySet[Authority], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = authorities


class ExtractsAreaMixin:
    nav_section = "decisions"


class ExtractListView(ExtractsAreaMixin, ScopedListView):
    """The giấy xác nhận of the people and units the user sees, newest first."""

    template_name = "decisions/extract_list.html"
    model = Extract
    descending = True

    def get_queryset(self):
        return super().get_queryset().select_related("issuer", "person", "unit")


class ExtractCreateView(ExtractsAreaMixin, ScopedCreateView):
    """ "Cấp giấy xác nhận khen thưởng" for ``?person=<id>`` or ``?unit=<id>`` (one the user sees, else 404): the
    awards in force of the subject, issued by an authority whose board the user serves (pre-selected when one)."""

    template_name = "decisions/extract_create.html"
    service_error_labels = {**ERROR_LABELS, "person": gettext_lazy("Cá nhân"), "unit": gettext_lazy("Tập thể")}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.subject  # noqa: B018 — 404 before 403: a subject out of scope is not said to exist
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def subject(self) -> Person | OrgUnit:
        params = self.request.POST if self.request.method == "POST" else self.request.GET
        for name, model in (("person", Person), ("unit", OrgUnit)):
            raw = params.get(name) or self.request.GET.get(name) or ""
            if raw:
                if not raw.isdigit():
                    raise Http404
                return get_object_or_404(scoped(model, self.request.user), pk=int(raw))
        raise Http404

    @cached_property
    def authorities(self) -> QuerySet[Authority]:
        return issuing_authorities(self.request.user)

    def has_permission(self) -> bool:
        return self.authorities.exists()

    def get_form(self, form_class=None) -> ExtractForm:
        return ExtractForm(authorities=self.authorities, **self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        only = list(self.authorities[:2])
        return {"issuer": only[0]} if len(only) == 1 else {}

    def save(self, form: ExtractForm) -> Extract:
        person = self.subject if isinstance(self.subject, Person) else None
        unit = self.subject if isinstance(self.subject, OrgUnit) else None
        return extracts.issue_extract(by=self.request.user, person=person, unit=unit,
                                      issuer=form.cleaned_data["issuer"])  # fmt: skip

    def still_allowed(self, obj: Extract) -> bool:
        return scoped(Extract, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã cấp giấy xác nhận khen thưởng cho %(name)s.")
                         % {"name": self.saved_object.subject_name})  # fmt: skip
        return reverse("extracts:detail", args=[self.saved_object.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        subject = self.subject
        kind = "person" if isinstance(subject, Person) else "unit"
        name = subject.full_name if kind == "person" else subject.name
        url = reverse("orgs:person-detail" if kind == "person" else "orgs:unit-detail", args=[subject.pk])
        return super().get_context_data(subject=subject, subject_kind=kind, subject_name=name, subject_url=url,
                                        **kwargs)  # fmt: skip


class ExtractDetailView(ExtractsAreaMixin, ScopedDetailView):
    """One giấy xác nhận: what it certifies, its downloads and its public verification address."""

    template_name = "decisions/extract_detail.html"
    model = Extract
    context_object_name = "extract"

    def get_queryset(self):
        return super().get_queryset().select_related("issuer__unit", "person", "unit", "issued_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        extract = self.object
        rows = [{**row, "decision_date": dt.date.fromisoformat(row["decision_date"]) if row.get("decision_date")
                 else None} for row in extract.awards]  # fmt: skip
        return super().get_context_data(rows=rows, verify_url=certificates.verify_url(extract.code), **kwargs)


class ExtractDocumentView(StaffView, View):
    """The giấy xác nhận as DOCX or PDF (NĐ 30 layout, QR code of its verification page)."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in DOCUMENT_FORMATS:
            raise Http404
        extract = get_object_or_404(scoped(Extract, request.user).select_related("issuer__unit"), pk=pk)
        return document_response(extract_document(extract), fmt)
