"""Staff pages of decisions (issue 6): the list, "Lập quyết định" from the approved entries of an authority, the
decision page (the header of a draft, its list with the reward money, removing and adding entries, signing or
deleting it; for a signed one the documents, the certificates and the payment list, and the correcting decisions),
the signing page, "Lập quyết định điều chỉnh / hủy bỏ", and the money totals.

Thin views on the bases of ``thidua.core.views``: scope from ``scoped`` (404), rights from
``thidua.decisions.rules`` (403), writes from ``thidua.decisions.services``, whose Vietnamese errors are shown on the
field they name or as messages.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.rules import holds_role_at
from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority
from thidua.core import views as core_views
from thidua.core.uploads import file_response
from thidua.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectFormView,
    StaffView,
    report_form_errors,
)
from thidua.core.xlsx import MONEY_FORMAT, Column, XlsxExportMixin, bytes_response, form_filters
from thidua.decisions import layouts, money, payments, rules, services
from thidua.decisions.certificates import REISSUE_ROLES
from thidua.decisions.documents import decision_response
from thidua.decisions.enums import DecisionFileKind, DecisionKind, DecisionOrigin, DecisionState, Numbering, PrintMode
from thidua.decisions.filters import filter_decisions
from thidua.decisions.forms import (
    HEADER_FIELDS,
    AddEntriesForm,
    AmendForm,
    CertificatesForm,
    DecisionFilterForm,
    DecisionForm,
    DraftForm,
    TotalsFilterForm,
    available_entries,
    entry_groups,
    sign_form_class,
)
from thidua.decisions.models import Decision, DecisionFile, DecisionItem
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import start_job

CERTIFICATES_JOB = "decisions.certificates"
CERTIFICATE_FILE_KINDS = {PrintMode.FULL: DecisionFileKind.CERTIFICATES,
                          PrintMode.BLANK: DecisionFileKind.CERTIFICATES_BLANK}  # fmt: skip
DOCUMENT_FORMATS = ("docx", "pdf")

# Labels of a service error's keys that are no field of the form at hand: the message is shown after its label.
ERROR_LABELS: dict[str, Any] = {
    "authority": gettext_lazy("Cấp quyết định"),
    "entries": gettext_lazy("Đề nghị"),
    "entry": gettext_lazy("Đề nghị"),
    "items": gettext_lazy("Danh sách kèm theo"),
    "item": gettext_lazy("Danh sách kèm theo"),
    "version": gettext_lazy("Phiên bản quyết định"),
    "state": gettext_lazy("Trạng thái"),
    "number_text": gettext_lazy("Số, ký hiệu"),
    "signed_on": gettext_lazy("Ngày ký"),
    "signed_file": gettext_lazy("Bản đã ký (PDF)"),
    "register": gettext_lazy("Sổ quyết định"),
    "changes": gettext_lazy("Khen thưởng được điều chỉnh, hủy bỏ"),
    "award": gettext_lazy("Khen thưởng"),
    "award_code": gettext_lazy("Danh hiệu, hình thức"),
    "kind": gettext_lazy("Loại quyết định"),
    "reason": gettext_lazy("Lý do"),
    "subject": gettext_lazy("Trích yếu"),
    "amends": gettext_lazy("Quyết định được điều chỉnh"),
    "decision": gettext_lazy("Quyết định"),
}


def report_error(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal as messages, with this area's names of the fields it may name."""
    core_views.report_error(request, error, ERROR_LABELS)


def detail_url(decision_id: int, anchor: str = "") -> str:
    url = reverse("decisions:detail", args=[decision_id])
    return f"{url}#{anchor}" if anchor else url


def decision_for(user, pk: int) -> Decision:
    decisions = scoped(Decision, user).select_related("authority__unit", "authority__kind", "register")
    return get_object_or_404(decisions, pk=pk)


def title_of(decision: Decision) -> str:
    """ "Quyết định số 12/QĐ-UBND" once signed, "Dự thảo quyết định" before."""
    if decision.number_text:
        return _("Quyết định số %(number)s") % {"number": decision.number_text}
    return _("Dự thảo quyết định")


def file_stem(decision: Decision) -> str:
    """The decision's number as a file name part ("12-QĐ-UBND"); a slash would cut the name. (Only signed
    decisions have files named this way.)"""
    return (decision.number_text or str(decision.pk)).replace("/", "-")


class DecisionAreaMixin:
    """The pages of decisions share the "Quyết định" menu entry and a row of tabs: the list for everyone, drafting
    for the boards, recording a decision signed elsewhere for the boards and clerks, the money totals for the finance
    offices and boards."""

    nav_section = "decisions"
    area_tab = ""
    request: HttpRequest

    def area_tabs(self) -> list[dict]:
        user = self.request.user
        tabs = [("list", "decisions:list", _("Quyết định khen thưởng"), True),
                ("create", "decisions:create", _("Lập quyết định"), rules.may_draft_any(user)),
                ("record", "decisions:record", _("Ghi nhận quyết định đã ký"), rules.may_record_any(user)),
                ("totals", "decisions:totals", _("Tổng hợp tiền thưởng"), rules.money_units(user) != [])]  # fmt: skip
        return [
            {"url": reverse(name), "label": label, "current": key == self.area_tab}
            for key, name, label, shown in tabs
            if shown
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["area_tabs"] = self.area_tabs()
        return context


# --- The list --------------------------------------------------------------------------------------------------


def visible_authorities(user) -> QuerySet[Authority]:
    """The authorities of the decisions the user sees (the list's filter menu)."""
    return (
        Authority.objects.filter(pk__in=scoped(Decision, user).values("authority_id"))
        .select_related("unit")
        .order_by("unit__path", "name")
    )


class DecisionListView(XlsxExportMixin, DecisionAreaMixin, ScopedListView):
    """The decisions the user sees, newest first: number and date, authority, subject, state, recipients, money.
    Filters: state, kind, authority, year, award type; search by number or recipient (with or without diacritics).
    ``?format=xlsx``: every decision the filters select."""

    area_tab = "list"
    template_name = "decisions/decision_list.html"
    model = Decision
    descending = True

    @cached_property
    def filter_form(self) -> DecisionFilterForm:
        return DecisionFilterForm(self.request.GET or None, authorities=visible_authorities(self.request.user))

    def get_queryset(self):
        decisions = super().get_queryset().select_related("authority__unit", "amends")
        decisions = filter_decisions(decisions, **self.filter_form.values())
        return decisions.annotate(item_count=Count("items"), total_amount=Sum("items__amount"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(filter_form=self.filter_form, can_create=rules.may_draft_any(user),
                                        can_record=rules.may_record_any(user), **kwargs)  # fmt: skip

    xlsx_title = gettext_lazy("Quyết định khen thưởng")

    def xlsx_filters(self) -> list[str]:
        return form_filters(self.filter_form)

    def xlsx_columns(self) -> list[Column]:
        return [Column(_("Số, ký hiệu"), 18), Column(_("Ngày ký"), 12), Column(_("Loại quyết định"), 16),
                Column(_("Trích yếu"), 56), Column(_("Cấp quyết định"), 36), Column(_("Trạng thái"), 14),
                Column(_("Điều chỉnh quyết định số"), 18), Column(_("Số người, tập thể"), 12),
                Column(_("Tiền thưởng (đồng)"), 16, MONEY_FORMAT)]  # fmt: skip

    def xlsx_row(self, decision: Decision) -> list:
        signed = decision.state == DecisionState.SIGNED
        number = decision.number_text or pgettext("quyết định", "Dự thảo")
        return [number, decision.signed_on, decision.get_kind_display(), decision.subject, decision.authority.name,
                decision.get_state_display(), decision.amends.number_text if decision.amends else "",
                decision.item_count, (decision.total_amount or 0) if signed else ""]  # fmt: skip


# --- Drafting -------------------------------------------------------------------------------------------------


class DecisionCreateView(DecisionAreaMixin, ScopedCreateView):
    """ "Lập quyết định": choose the authority the user drafts for, then tick its approved entries (grouped by award
    type); the draft takes their snapshots and the regime's legal bases."""

    area_tab = "create"
    template_name = "decisions/decision_create.html"
    service_error_labels = ERROR_LABELS

    def has_permission(self) -> bool:
        return rules.may_draft_any(self.request.user)

    @cached_property
    def authorities(self) -> QuerySet[Authority]:
        return rules.drafting_authorities(self.request.user)

    @cached_property
    def authority(self) -> Authority | None:
        raw = self.request.POST.get("authority") or self.request.GET.get("authority") or ""
        if raw.isdigit():
            return self.authorities.filter(pk=int(raw)).first()
        only = list(self.authorities[:2])
        return only[0] if len(only) == 1 else None

    def get_form(self, form_class=None) -> DraftForm:
        return DraftForm(authorities=self.authorities, authority=self.authority, user=self.request.user,
                         **self.get_form_kwargs())  # fmt: skip

    def get_initial(self) -> dict[str, Any]:
        return {"authority": self.authority}

    def form_valid(self, form: DraftForm) -> HttpResponse:
        if not rules.can_draft(self.request.user, form.cleaned_data["authority"]):
            form.add_error("authority", _("Bạn không lập quyết định thay cấp có thẩm quyền này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: DraftForm) -> Decision:
        data = form.cleaned_data
        return services.draft_decision(by=self.request.user, authority=data["authority"],
                                       entries=list(data["entries"]), subject=data["subject"])  # fmt: skip

    def still_allowed(self, obj: Decision) -> bool:
        return scoped(Decision, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        decision = self.saved_object
        messages.success(
            self.request,
            _(
                "Đã lập dự thảo quyết định với %(count)d người, tập thể; hãy rà soát nội "
                "dung và tiền thưởng rồi trình ký."
            )
            % {"count": decision.items.count()},
        )
        return detail_url(decision.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        chosen = {str(value) for value in (form["entries"].value() or [])} if form.is_bound else set()
        entries = list(form.fields["entries"].queryset) if self.authority is not None else []
        context.update(authorities=self.authorities, authority=self.authority, groups=entry_groups(entries),
                       chosen=chosen)  # fmt: skip
        return context


# --- The decision page ----------------------------------------------------------------------------------------


def money_rows(decision: Decision, items: list[DecisionItem]) -> tuple[list[dict], int, Any]:
    """Each item with its money: fixed at signing for a signed decision; for a draft, a preview settled on unsaved
    copies for today (the amounts the signing would fix if it were signed today)."""
    if decision.is_signed:
        priced, on = items, decision.signed_on
    else:
        on = timezone.localdate()
        priced = [copy.copy(item) for item in items]
        money.settle(priced, on)
    rows = [{"item": item, "money": priced_item} for item, priced_item in zip(items, priced, strict=True)]
    total = sum(row["money"].amount or 0 for row in rows)
    return rows, total, on


def latest_files(decision: Decision) -> dict[str, DecisionFile]:
    """The newest file of each kind the decision has (a newer certificates run replaces an older one)."""
    found: dict[str, DecisionFile] = {}
    for generated in decision.files.select_related("file").order_by("-created_at", "-pk"):
        found.setdefault(generated.kind, generated)
    return found


def certificate_jobs(user, decision: Decision) -> QuerySet[Job]:
    return scoped(Job, user).filter(kind=CERTIFICATES_JOB, params__decision_id=decision.pk).order_by("-created_at")


def certificates_status(user, decision: Decision) -> dict[str, Any]:
    """What the certificates fragment shows: the latest files, the user's recent print jobs, whether one runs."""
    jobs = list(certificate_jobs(user, decision)[:5])
    return {"files": latest_files(decision), "jobs": jobs, "running": any(not job.is_finished for job in jobs)}


class DecisionDetailView(DecisionAreaMixin, ScopedDetailView):
    """One decision: its header (editable while a draft), the list with the money, the actions the user may take,
    the documents, certificates and payment list of a signed one, the decision it amends and those amending it."""

    template_name = "decisions/decision_detail.html"
    model = Decision
    context_object_name = "decision"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("authority__unit", "authority__kind", "register", "amends", "movement", "signed_by",
                            "created_by", "signed_file")
        )  # fmt: skip

    def items(self, decision: Decision) -> list[DecisionItem]:
        return list(
            decision.items.select_related("award_type", "person", "unit", "household", "entry__dossier", "award",
                                          "certificate", "replaces", "revokes")
            .prefetch_related("certificate__reissues")
            .order_by("award_type__sort_order", "sort_order", "pk")
        )  # fmt: skip

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        decision, user = self.object, self.request.user
        items = self.items(decision)
        rows, total, money_on = money_rows(decision, items)
        can_edit = rules.can_edit(user, decision)
        can_print = rules.can_print(user, decision)
        context = {
            "title": title_of(decision),
            "rows": rows,
            "total": total,
            "money_on": money_on,
            "internal": decision.register.numbering == Numbering.INTERNAL,
            "can_edit": can_edit,
            "can_sign": rules.can_sign(user, decision),
            "can_amend": rules.can_amend(user, decision),
            "can_print": can_print,
            # Cấp lại: the board or the clerical office of the authority (certificates.can_reissue).
            "can_reissue": decision.is_signed and holds_role_at(user, decision.authority.unit, REISSUE_ROLES),
            "can_pay": rules.can_pay(user, decision),
            "amendments": list(scoped(Decision, user).filter(amends=decision).order_by("pk")),
            "amends_visible": decision.amends_id is not None
            and scoped(Decision, user).filter(pk=decision.amends_id).exists(),
        }
        if can_edit:
            context["header_form"] = DecisionForm(initial={**{name: getattr(decision, name) for name in HEADER_FIELDS},
                                                           "version": decision.version})  # fmt: skip
            if decision.kind == DecisionKind.AWARD and decision.origin == DecisionOrigin.SYSTEM:
                context["addable"] = entry_groups(available_entries(user, decision.authority))
        if can_print:
            context.update(certificates_status(user, decision))
            context["certificates_form"] = CertificatesForm()
            context["certificate_count"] = sum(1 for item in items if getattr(item, "certificate", None) is not None)
            context["can_calibrate"] = layouts.can_calibrate(user)
        return super().get_context_data(**context, **kwargs)


class DecisionEditView(DecisionAreaMixin, ScopedObjectFormView):
    """The header of a draft (trích yếu, căn cứ, đề nghị, thi hành, nơi nhận, người ký), for the version shown."""

    template_name = "decisions/decision_form.html"
    model = Decision
    service_error_labels = ERROR_LABELS
    # The version is a hidden field: its refusal is said on top of the form.
    service_error_fields = {"version": NON_FIELD_ERRORS}

    def get_queryset(self):
        return super().get_queryset().select_related("authority__unit", "register")

    def has_permission(self) -> bool:
        return rules.can_edit(self.request.user, self.object)

    def get_form(self, form_class=None) -> DecisionForm:
        return DecisionForm(**self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        return {**{name: getattr(self.object, name) for name in HEADER_FIELDS}, "version": self.object.version}

    def save(self, form: DecisionForm) -> Decision:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.update_decision(self.object, by=self.request.user, expected_version=version, **data)

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lưu nội dung dự thảo quyết định."))
        return detail_url(self.object.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(decision=self.object, title=title_of(self.object), **kwargs)


class AddEntriesView(StaffView, View):
    """Take more approved entries of the authority into a draft."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = decision_for(request.user, pk)
        if not rules.can_edit(request.user, decision):
            raise PermissionDenied
        form = AddEntriesForm(request.POST, user=request.user, decision=decision)
        if not form.is_valid():
            report_form_errors(request, form)
            return HttpResponseRedirect(detail_url(decision.pk, "add-entries"))
        entries = list(form.cleaned_data["entries"])
        try:
            services.add_entries(
                decision, by=request.user, entries=entries, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Đã thêm %(count)d người, tập thể vào dự thảo.") % {"count": len(entries)})
        return HttpResponseRedirect(detail_url(decision.pk, "items"))


class ItemRemoveView(StaffView, View):
    """Take one line out of a draft (its entry waits for another decision)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        items = scoped(DecisionItem, request.user).select_related("decision__authority__unit", "decision__register")
        item = get_object_or_404(items, pk=pk)
        if not rules.can_edit(request.user, item.decision):
            raise PermissionDenied
        version = request.POST.get("version", "")
        try:
            services.remove_item(item, by=request.user, expected_version=int(version) if version.isdigit() else None)
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Đã bỏ “%(name)s” khỏi dự thảo.") % {"name": item.recipient_name})
        return HttpResponseRedirect(detail_url(item.decision_id, "items"))


class DecisionDeleteView(StaffView, View):
    """Delete a draft: its entries wait, approved, for another decision."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = decision_for(request.user, pk)
        if not rules.can_edit(request.user, decision):
            raise PermissionDenied
        try:
            services.delete_draft(decision, by=request.user)
        except ValidationError as error:
            report_error(request, error)
            return HttpResponseRedirect(detail_url(decision.pk))
        messages.success(request, _("Đã xóa dự thảo quyết định; các đề nghị trở lại danh sách chờ quyết định."))
        return HttpResponseRedirect(reverse("decisions:list"))


class SignView(DecisionAreaMixin, ScopedObjectFormView):
    """Signing. Numbered by the system: the signer confirms and dates it, the number comes from the register.
    Numbered by the clerical office: the clerk records the number, the date and the signed PDF."""

    template_name = "decisions/sign.html"
    model = Decision
    service_error_labels = ERROR_LABELS
    service_error_fields = {"version": NON_FIELD_ERRORS}

    def get_queryset(self):
        return super().get_queryset().select_related("authority__unit", "register")

    def has_permission(self) -> bool:
        return rules.can_sign(self.request.user, self.object)

    def get_form(self, form_class=None):
        return sign_form_class(self.object)(**self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.object.version, "signed_on": timezone.localdate()}

    def save(self, form) -> Decision:
        data = form.cleaned_data
        return services.sign(
            self.object, by=self.request.user, expected_version=data["version"], signed_on=data["signed_on"],
            number_text=data.get("number_text", ""), signed_file=data.get("signed_file"),
        )  # fmt: skip

    def still_allowed(self, obj: Decision) -> bool:
        return scoped(Decision, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        signed = self.saved_object
        messages.success(self.request, _("Đã ký ban hành Quyết định số %(number)s ngày %(day)s.")
                         % {"number": signed.number_text, "day": signed.signed_on.strftime("%d/%m/%Y")})  # fmt: skip
        return detail_url(signed.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        decision = self.object
        return super().get_context_data(
            decision=decision, title=title_of(decision), internal=decision.register.numbering == Numbering.INTERNAL,
            item_count=decision.items.count(), **kwargs,
        )  # fmt: skip


# --- Documents, certificates, payment list ---------------------------------------------------------------------


class DocumentView(StaffView, View):
    """The decision with its list (Danh sách kèm theo) as DOCX or PDF, in the layout of NĐ 30/2020; a draft prints
    "DỰ THẢO" and no number."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in DOCUMENT_FORMATS:
            raise Http404
        return decision_response(decision_for(request.user, pk), fmt, by=request.user)


class SignedFileView(StaffView, View):
    """The signed PDF the clerk recorded (a decision the authority's own book numbered)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = get_object_or_404(scoped(Decision, request.user).select_related("signed_file"), pk=pk)
        if decision.signed_file_id is None:
            raise Http404
        return file_response(decision.signed_file)


class PaymentListView(StaffView, View):
    """Danh sách chi tiền thưởng (XLSX) for the finance office."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = decision_for(request.user, pk)
        if not rules.can_pay(request.user, decision):
            raise PermissionDenied
        name = _("Danh sách chi tiền thưởng %(number)s") % {"number": file_stem(decision)}
        return bytes_response(payments.payment_list_xlsx(decision), filename=f"{name}.xlsx")


class CertificatesStartView(StaffView, View):
    """Print the certificates of a signed decision as one PDF, in a background job; the decision page shows the
    job's progress (and links its page) until the file is there. A run of the same mode already under way is shown
    rather than started twice."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = decision_for(request.user, pk)
        if not rules.can_print(request.user, decision):
            raise PermissionDenied
        form = CertificatesForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return HttpResponseRedirect(detail_url(decision.pk, "certificates"))
        mode = form.cleaned_data["mode"]
        running = (
            certificate_jobs(request.user, decision)
            .filter(status__in=JobStatus.unfinished(), params__mode=mode)
            .first()
        )
        if running is not None:
            messages.warning(request, _("Bằng, giấy khen của quyết định đang được in; chờ tác vụ này xong."))
            return HttpResponseRedirect(detail_url(decision.pk, "certificates"))
        start_job(CERTIFICATES_JOB, by=request.user, params={"decision_id": decision.pk, "mode": mode})
        messages.success(request, _("Đã bắt đầu in bằng, giấy khen của %(decision)s; tệp PDF hiện dưới đây khi tác "
                                    "vụ hoàn thành.") % {"decision": title_of(decision)})  # fmt: skip
        return HttpResponseRedirect(detail_url(decision.pk, "certificates"))


class CertificatesStatusView(StaffView, View):
    """The certificates fragment of the decision page, fetched again by htmx while a print job runs."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = decision_for(request.user, pk)
        if not rules.can_print(request.user, decision):
            raise PermissionDenied
        context = {"decision": decision, **certificates_status(request.user, decision)}
        return render(request, "decisions/_certificates_status.html", context)


class CertificatesFileView(StaffView, View):
    """The latest certificates PDF of a signed decision (``?mode=blank`` for the one printed on blanks)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = decision_for(request.user, pk)
        if not rules.can_print(request.user, decision):
            raise PermissionDenied
        mode = request.GET.get("mode") or PrintMode.FULL
        kind = CERTIFICATE_FILE_KINDS.get(mode)
        generated = latest_files(decision).get(kind) if kind else None
        if generated is None:
            raise Http404
        return file_response(generated.file)


# --- Amendments ---------------------------------------------------------------------------------------------


class AmendView(DecisionAreaMixin, ScopedObjectFormView):
    """ "Lập quyết định điều chỉnh / hủy bỏ": a new draft of the same authority that corrects (new text for each
    chosen award) or revokes awards of this signed decision; signed like any decision."""

    template_name = "decisions/amend.html"
    model = Decision
    service_error_labels = ERROR_LABELS

    def get_queryset(self):
        return super().get_queryset().select_related("authority__unit", "register")

    def has_permission(self) -> bool:
        return rules.can_amend(self.request.user, self.object)

    def get_form(self, form_class=None) -> AmendForm:
        return AmendForm(decision=self.object, **self.get_form_kwargs())

    def save(self, form: AmendForm) -> Decision:
        data = form.cleaned_data
        self.amendment = services.draft_amendment(self.object, by=self.request.user, kind=data["kind"],
                                                  changes=form.changes(), subject=data["subject"],
                                                  reason=data["reason"])  # fmt: skip
        return self.amendment

    def still_allowed(self, obj: Decision) -> bool:
        return scoped(Decision, self.request.user).filter(pk=obj.pk).exists() and super().still_allowed(obj)

    def get_success_url(self) -> str:
        label = DecisionKind(self.amendment.kind).label
        messages.success(self.request, _("Đã lập dự thảo quyết định (%(kind)s) cho %(decision)s.")
                         % {"kind": str(label).lower(), "decision": title_of(self.object)})  # fmt: skip
        return detail_url(self.amendment.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(decision=self.object, title=title_of(self.object), **kwargs)


# --- Totals ------------------------------------------------------------------------------------------------


class TotalsMixin(DecisionAreaMixin, StaffView):
    """The reward money of the signed decisions of the authorities where the user works in finance or the board
    (every authority for a superuser), per decision, unit and year."""

    area_tab = "totals"
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if rules.money_units(request.user) == []:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def signed(self) -> QuerySet[Decision]:
        decisions = scoped(Decision, self.request.user).filter(state=DecisionState.SIGNED)
        units = rules.money_units(self.request.user)
        return decisions if units is None else decisions.filter(authority__unit_id__in=units)

    @cached_property
    def filter_form(self) -> TotalsFilterForm:
        authorities = Authority.objects.filter(pk__in=self.signed.values("authority_id")).select_related("unit")
        return TotalsFilterForm(self.request.GET or None, authorities=authorities.order_by("unit__path", "name"))

    def decisions(self) -> QuerySet[Decision]:
        form = self.filter_form
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        decisions = self.signed
        if data.get("year"):
            decisions = decisions.filter(signed_on__year=data["year"])
        if data.get("authority"):
            decisions = decisions.filter(authority=data["authority"])
        return decisions


class TotalsView(TotalsMixin, TemplateView):
    template_name = "decisions/totals.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(filter_form=self.filter_form, totals=payments.totals(self.decisions()),
                                        query=self.request.GET.urlencode(), **kwargs)  # fmt: skip


class TotalsXlsxView(TotalsMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        title = _("Tổng hợp tiền thưởng")
        return bytes_response(payments.totals_xlsx(self.decisions()), filename=f"{title}.xlsx")
