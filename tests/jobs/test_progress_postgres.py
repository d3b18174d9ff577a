"""On PostgreSQL, progress of a job working inside one long transaction is visible while that transaction is open."""

import threading
import time

import pytest
from django.db import connection
from django.test import override_settings

from thidua.core.models import DayOverride
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.registry import JobContext, job_kind
from thidua.jobs.services import start_job

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has a single writer"),
]

halfway = threading.Event()
may_finish = threading.Event()


@job_kind("tests.waits_halfway", title="Tác vụ thử: dừng giữa chừng")
def waits_halfway(job: JobContext) -> dict:
    import datetime as dt

    DayOverride.objects.create(date=dt.date(2025, 3, 8), is_working_day=True, reason="Làm bù")
    job.progress(1, 2, "Một nửa")
    halfway.set()
    may_finish.wait(timeout=30)
    job.progress(2, 2, "Xong")
    return {}


@override_settings(THIDUA_JOBS_EAGER=False, CELERY_BROKER_URL="")
def test_progress_shows_while_the_jobs_transaction_is_open(city_admin):
    halfway.clear()
    may_finish.clear()
    job = start_job("tests.waits_halfway", by=city_admin)
    try:
        assert halfway.wait(timeout=10)
        during = Job.objects.values_list("status", "done", "total", "message").get(pk=job.pk)
        written_meanwhile = DayOverride.objects.exists()
    finally:
        may_finish.set()
    deadline = time.monotonic() + 10
    while Job.objects.get(pk=job.pk).status == JobStatus.RUNNING and time.monotonic() < deadline:
        time.sleep(0.05)

    assert (during, written_meanwhile) == ((JobStatus.RUNNING, 1, 2, "Một nửa"), False)
    assert Job.objects.values_list("status", "done", "message").get(pk=job.pk) == (JobStatus.SUCCEEDED, 2, "Xong")
    assert DayOverride.objects.count() == 1
