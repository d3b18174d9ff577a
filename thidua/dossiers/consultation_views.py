"""Staff pages of public consultations (công khai, lấy ý kiến Nhân dân), the board's side: the list, publishing
appraised entries whose award type needs it, and one consultation with the comments to moderate and its close with
the summary (after the period's end). The public page is ``thidua.dossiers.public_views``.

Thin views: scope from ``scoped`` (404), rights from ``consultation.can_manage_consultations`` (403), writes from
``thidua.dossiers.consultation``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES
from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority
from thidua.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, StaffView
from thidua.dossiers import consultation
from thidua.dossiers.enums import CommentState, ConsultationState, DossierState, EntryState, Recommendation
from thidua.dossiers.forms import AuthorityChoiceField, date_field
from thidua.dossiers.models import Consultation, ConsultationComment, DossierEntry
from thidua.dossiers.views import DossierAreaMixin, report_error, report_form_errors


def board_authorities(user):
    """In-force authorities seated where the user holds a board role: whose consultations the user runs."""
    authorities = Authority.objects.in_force(timezone.localdate()).select_related("unit").order_by("unit__path", "name")
    if user.is_superuser:
        return authorities.filter(unit__is_external=False)
    held = RoleAssignment.objects.current().filter(user=user, role__code__in=BOARD_ROLES).values("unit")
    return authorities.filter(unit__in=held)


def candidates(user, authorities) -> list[DossierEntry]:
    """Appraised entries, proposed for an award that must be published, of received dossiers addressed to one of
    ``authorities``, not yet published."""
    entries = (
        scoped(DossierEntry, user)
        .filter(
            dossier__authority__in=authorities, dossier__state=DossierState.RECEIVED, state=EntryState.APPRAISED,
            award_type__needs_public_consultation=True, recommendation=Recommendation.PROPOSE,
            consultation__isnull=True,
        )
        .select_related("award_type", "dossier__unit", "dossier__authority", "person", "unit", "household")
        .order_by("dossier_id", "pk")
    )  # fmt: skip
    return list(entries[:500])


class ConsultationForm(forms.Form):
    authority = AuthorityChoiceField(label=gettext_lazy("Cấp có thẩm quyền"), queryset=Authority.objects.none())
    title = forms.CharField(
        label=gettext_lazy("Tiêu đề"),
        max_length=300,
        help_text=gettext_lazy("Ví dụ: Lấy ý kiến Nhân dân đề nghị tặng Huân chương Lao động."),
    )
    introduction = forms.CharField(label=gettext_lazy("Nội dung thông báo"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    starts_on = date_field(gettext_lazy("Bắt đầu từ ngày"), required=False,
                           help_text=gettext_lazy("Để trống: hôm nay. Thời hạn tính theo ngày làm việc."))  # fmt: skip
    entries = forms.MultipleChoiceField(label=gettext_lazy("Đề nghị công khai"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, entries: list[DossierEntry], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = board_authorities(user)
        self.fields["entries"].choices = [
            (entry.pk, f"{entry.nominee_name} – {entry.award_type.name} ({entry.dossier.unit.name})")
            for entry in entries
        ]


class ConsultationListView(DossierAreaMixin, ScopedListView):
    area_tab = "consultations"
    template_name = "dossiers/consultation_list.html"
    model = Consultation
    descending = True

    def get_queryset(self):
        return super().get_queryset().select_related("authority")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_create = board_authorities(self.request.user).exists()
        return super().get_context_data(can_create=can_create, **kwargs)


class ConsultationCreateView(DossierAreaMixin, ScopedCreateView):
    """Publish appraised entries for comment for the working days their award types ask."""

    area_tab = "consultations"
    template_name = "dossiers/consultation_form.html"
    service_error_labels = {"entries": gettext_lazy("Đề nghị công khai")}

    def has_permission(self) -> bool:
        return board_authorities(self.request.user).exists()

    @cached_property
    def candidates(self) -> list[DossierEntry]:
        return candidates(self.request.user, board_authorities(self.request.user))

    def get_form(self, form_class=None) -> ConsultationForm:
        return ConsultationForm(user=self.request.user, entries=self.candidates, **self.get_form_kwargs())

    def save(self, form: ConsultationForm) -> Consultation:
        data = form.cleaned_data
        ids = {int(pk) for pk in data["entries"]}
        entries = [entry for entry in self.candidates if entry.pk in ids]
        return consultation.open_consultation(
            data["authority"], entries, by=self.request.user, title=data["title"], introduction=data["introduction"],
            starts_on=data["starts_on"],
        )  # fmt: skip

    def still_allowed(self, obj: Consultation) -> bool:
        return scoped(Consultation, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        item = self.saved_object
        messages.success(
            self.request,
            _("Đã công khai lấy ý kiến từ ngày %(start)s đến hết ngày %(end)s.")
            % {"start": item.starts_on.strftime("%d/%m/%Y"), "end": item.ends_on.strftime("%d/%m/%Y")},
        )
        return reverse("dossiers:consultation-detail", args=[item.pk])


class ConsultationDetailView(DossierAreaMixin, ScopedDetailView):
    """One consultation: its entries, every comment with its moderation, and the close once the period is over."""

    area_tab = "consultations"
    template_name = "dossiers/consultation_detail.html"
    model = Consultation

    def get_queryset(self):
        return super().get_queryset().select_related("authority__unit", "created_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        item, user = self.object, self.request.user
        return super().get_context_data(
            consultation=item,
            entries=list(item.entries.select_related("award_type", "dossier__unit").order_by("pk")),
            comments=list(item.comments.select_related("entry__award_type", "moderated_by").order_by("created_at")),
            pending=CommentState.PENDING,
            can_manage=consultation.can_manage_consultations(user, item.authority),
            ended=consultation.has_ended(item),
            is_open=item.state == ConsultationState.OPEN,
            **kwargs,
        )


def consultation_url(pk: int, anchor: str = "") -> str:
    url = reverse("dossiers:consultation-detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


class ModerateView(StaffView, View):
    """Publish a comment on the public page, or keep it off it."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        comments = ConsultationComment.objects.filter(consultation__in=scoped(Consultation, request.user))
        comment = get_object_or_404(comments.select_related("consultation__authority__unit"), pk=pk)
        if not consultation.can_manage_consultations(request.user, comment.consultation.authority):
            raise PermissionDenied
        publish = request.POST.get("publish") == "1"
        try:
            consultation.moderate(comment, by=request.user, publish=publish, note=request.POST.get("note", ""))
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Đã đăng ý kiến.") if publish else _("Đã không đăng ý kiến."))
        return HttpResponseRedirect(consultation_url(comment.consultation_id, f"comment-{comment.pk}"))


class CloseForm(forms.Form):
    summary = forms.CharField(label=gettext_lazy("Kết quả lấy ý kiến"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseConsultationView(StaffView, View):
    """Close a consultation whose period is over, with the summary of what the public said."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = get_object_or_404(scoped(Consultation, request.user).select_related("authority__unit"), pk=pk)
        if not consultation.can_manage_consultations(request.user, item.authority):
            raise PermissionDenied
        form = CloseForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return HttpResponseRedirect(consultation_url(item.pk, "close"))
        try:
            consultation.close_consultation(item, by=request.user, summary=form.cleaned_data["summary"])
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Đã kết thúc đợt lấy ý kiến."))
        return HttpResponseRedirect(consultation_url(item.pk))
