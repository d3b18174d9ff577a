import datetime as dt

import pytest
from django.utils import timezone

from thidua.jobs.models import Job, JobStatus
from thidua.jobs.periodic import fail_stale_jobs

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def job(status: str, **fields) -> Job:
    return Job.objects.create(kind="orgs.reindex_people", title="Lập lại chỉ mục", status=status, **fields)


def test_running_job_silent_for_hours_is_marked_failed():
    dead = job(JobStatus.RUNNING, heartbeat_at=NOW - dt.timedelta(hours=3))
    fail_stale_jobs(now=NOW)
    dead.refresh_from_db()
    assert (dead.status, dead.message.startswith("Tác vụ bị gián đoạn")) == (JobStatus.FAILED, True)


def test_running_job_reporting_progress_is_left_alone():
    alive = job(JobStatus.RUNNING, heartbeat_at=NOW - dt.timedelta(minutes=5))
    assert (fail_stale_jobs(now=NOW), Job.objects.get(pk=alive.pk).status) == (
        "đã đánh dấu 0 tác vụ bị gián đoạn",
        JobStatus.RUNNING,
    )


def test_queued_job_never_picked_up_for_a_day_is_marked_failed():
    lost = job(JobStatus.QUEUED)
    Job.objects.filter(pk=lost.pk).update(created_at=NOW - dt.timedelta(days=2))
    fail_stale_jobs(now=NOW)
    assert Job.objects.get(pk=lost.pk).status == JobStatus.FAILED


def test_progress_writes_a_heartbeat(db):
    from thidua.jobs.registry import JobContext

    running = job(JobStatus.RUNNING)
    context = JobContext(running)
    try:
        context.progress(1, 10, "một")
    finally:
        context.close()  # on PostgreSQL progress may open a second connection
    assert Job.objects.get(pk=running.pk).heartbeat_at >= timezone.now() - dt.timedelta(minutes=1)
