"""Import pages: the kinds with their templates and the upload form, the user's batches, one batch's dry run
(what would be created/updated/skipped, errors by row and column, duplicates, conversions) and its commit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.core.views import ScopedDetailView, StaffView, apply_service_error
from thidua.imports import services
from thidua.imports.base import importers
from thidua.imports.forms import UploadForm
from thidua.imports.models import ImportBatch
from thidua.imports.rules import can_import
from thidua.imports.templates_xlsx import template_response

LIST_LIMIT = 50


class ImportRequiredMixin(StaffView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportIndexView(ImportRequiredMixin, TemplateView):
    template_name = "imports/index.html"
    nav_section = "imports"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context["importers"] = importers()
        batches = scoped(ImportBatch, self.request.user).select_related("file", "job").order_by("-created_at", "-pk")
        context["batches"] = list(batches[:LIST_LIMIT])
        context["job_rows"] = services.job_threshold()
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = services.create_batch(
                    by=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                return redirect("imports:detail", pk=batch.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TemplateDownloadView(ImportRequiredMixin, View):
    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        return template_response(kind)


class BatchDetailView(ImportRequiredMixin, ScopedDetailView):
    model = ImportBatch
    context_object_name = "batch"
    template_name = "imports/batch_detail.html"
    nav_section = "imports"

    def get_queryset(self):
        return super().get_queryset().select_related("file", "job", "created_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        batch = self.object
        context["certain_duplicates"] = [d for d in batch.duplicates if d.get("certain")]
        context["possible_duplicates"] = [d for d in batch.duplicates if not d.get("certain")]
        return context


class BatchProgressView(BatchDetailView):
    """The status fragment alone, fetched every second while a job checks or imports the file."""

    template_name = "imports/batch_detail.html#status"


class BatchCommitView(ImportRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        batch = get_object_or_404(scoped(ImportBatch, request.user), pk=pk)
        try:
            batch = services.start_commit(batch, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("imports:detail", pk=batch.pk)
        if batch.status == "committed":
            messages.success(request, batch.message)
        elif batch.status == "committing":
            messages.info(request, batch.message)
        else:
            messages.error(request, batch.message)
        return redirect("imports:detail", pk=batch.pk)
