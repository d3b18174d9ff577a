"""Public pages of consultations (công khai, lấy ý kiến Nhân dân) under /cong-khai/, no login: the list of
consultations that have started, and one consultation with its entries, the published comments and, while the
period runs, the comment form.

What the public sees of an entry: the nominee's name and unit as snapshotted, the award and the achievement summary
— never an ID number, a birth date or a contact. Of a comment: its author's name, its day and its text, once the
board has published it. A consultation that has not started is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from thidua.audit.middleware import client_address
from thidua.core.views import apply_service_error
from thidua.dossiers import consultation as consultations
from thidua.dossiers.enums import CommentState
from thidua.dossiers.models import Consultation
from thidua.dossiers.public_forms import HONEYPOT_HIT, CommentForm

THANKS = gettext_lazy("Cảm ơn, ý kiến của bạn sẽ được xem xét trước khi đăng.")


class ConsultationListView(ListView):
    template_name = "dossiers/public/consultation_list.html"
    context_object_name = "consultations"
    paginate_by = 20

    def get_queryset(self):
        return Consultation.objects.public().select_related("authority")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class ConsultationDetailView(View):
    template_name = "dossiers/public/consultation_detail.html"

    def get_consultation(self) -> Consultation:
        queryset = Consultation.objects.public().select_related("authority")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        form = CommentForm(consultation=consultation) if consultation.accepts_comments() else None
        return self.render_page(consultation, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        if not consultation.accepts_comments():
            messages.error(request, consultations.closed_message(consultation))
            return self.render_page(consultation, None, status=400)
        form = CommentForm(request.POST, consultation=consultation)
        spam = form.spam_code()
        if spam == HONEYPOT_HIT:
            # Say nothing a bot could learn from: the same answer as a real comment, and nothing is written.
            messages.success(request, str(THANKS))
            return redirect("consultations_public:detail", pk=consultation.pk)
        if spam is not None:
            form.refresh_token()
            form.add_error(None, form.spam_message(spam))
            return self.render_page(consultation, form, status=400)
        if not form.is_valid():
            form.refresh_token()
            return self.render_page(consultation, form, status=400)
        try:
            consultations.post_comment(
                consultation, author_name=form.cleaned_data["author_name"], contact=form.cleaned_data["contact"],
                body=form.cleaned_data["body"], entry=form.cleaned_data["entry"],
                sender_key=client_address(request) or "",
            )  # fmt: skip
        except ValidationError as error:
            consultation.refresh_from_db()
            if not consultation.accepts_comments():
                # The period ended while the visitor was writing: say so, and show no form to send again.
                for message in error.messages:
                    messages.error(request, message)
                return self.render_page(consultation, None, status=400)
            form.refresh_token()
            apply_service_error(form, error)
            return self.render_page(consultation, form, status=429 if _rate_limited(error) else 400)
        messages.success(request, str(THANKS))
        return redirect("consultations_public:detail", pk=consultation.pk)

    def render_page(self, consultation: Consultation, form: CommentForm | None, *, status: int = 200) -> HttpResponse:
        entries = consultation.entries.select_related("award_type").order_by("award_type__sort_order", "pk")
        comments = (
            consultation.comments.filter(state=CommentState.PUBLISHED).select_related("entry").order_by("created_at")
        )
        if not consultation.accepts_comments():
            form = None
        context = {
            "consultation": consultation, "entries": entries, "comments": comments, "form": form,
            "open": consultation.accepts_comments(), "ended": consultations.has_ended(consultation),
        }  # fmt: skip
        return render(self.request, self.template_name, context, status=status)


def _rate_limited(error: ValidationError) -> bool:
    return not hasattr(error, "error_dict") and any(e.code == consultations.RATE_LIMITED for e in error.error_list)
