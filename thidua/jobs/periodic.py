"""Periodic work of the jobs app: jobs whose process died are marked failed instead of "running" forever."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.periodic import periodic
from thidua.jobs.models import Job, JobStatus

# No progress for this long means the worker or web process running the job is gone (a restart, a crash).
STALE_AFTER = dt.timedelta(hours=2)
# A queued job nobody picked up for this long was never sent (its dispatch failed before it could say so).
NEVER_STARTED_AFTER = dt.timedelta(days=1)


@periodic("jobs.fail_stale")
def fail_stale_jobs(now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    stale = Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER) | Q(
        status=JobStatus.QUEUED, created_at__lt=now - NEVER_STARTED_AFTER
    )
    count = Job.objects.filter(stale).update(
        status=JobStatus.FAILED,
        finished_at=now,
        message=_("Tác vụ bị gián đoạn (máy chủ hoặc tiến trình xử lý đã dừng). Hãy chạy lại."),
    )
    return _("đã đánh dấu %(count)d tác vụ bị gián đoạn") % {"count": count}
