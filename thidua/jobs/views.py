"""Job pages: the user's jobs, one job with a progress bar that refreshes itself, and starting the reindex job."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.rules import is_system_admin
from thidua.accounts.scoping import scoped
from thidua.core.views import ScopedDetailView, StaffView
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import start_job

LIST_LIMIT = 100
REINDEX_KIND = "orgs.reindex_people"


def can_start_reindex(user) -> bool:
    # It rewrites every person of the deployment, so only an administrator of the whole tree may start it.
    return is_system_admin(user)


class JobListView(StaffView, TemplateView):
    """The newest jobs the user started (a superuser sees everyone's)."""

    template_name = "jobs/job_list.html"
    nav_section = "jobs"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        jobs = scoped(Job, self.request.user).select_related("created_by").order_by("-created_at", "-pk")
        context["jobs"] = list(jobs[:LIST_LIMIT])
        context["list_limit"] = LIST_LIMIT
        context["can_start_reindex"] = can_start_reindex(self.request.user)
        return context


class JobDetailView(ScopedDetailView):
    model = Job
    context_object_name = "job"
    template_name = "jobs/job_detail.html"
    nav_section = "jobs"


class JobProgressView(JobDetailView):
    """The progress fragment alone, fetched every second by the job page until the job is finished."""

    template_name = "jobs/job_detail.html#progress"


class StartReindexView(StaffView, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not can_start_reindex(request.user):
            raise PermissionDenied
        running = Job.objects.filter(kind=REINDEX_KIND, status__in=JobStatus.unfinished()).first()
        if running is not None:
            messages.warning(
                request, _("Tác vụ “%(title)s” đang chạy; chờ tác vụ này xong.") % {"title": running.title}
            )
            return redirect("jobs:detail", pk=running.pk)
        job = start_job(REINDEX_KIND, by=request.user, params={})
        messages.success(request, _("Đã bắt đầu tác vụ “%(title)s”.") % {"title": job.title})
        return redirect("jobs:detail", pk=job.pk)
