import datetime as dt
import time

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import override_settings

from thidua.audit.models import AuditEntry
from thidua.core.models import DayOverride
from thidua.jobs import runner
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.registry import JobContext, job_kind
from thidua.jobs.services import run_now, start_job
from thidua.orgs import services as org_services
from thidua.orgs.models import Person, PersonNameToken

pytestmark = pytest.mark.django_db


@job_kind("tests.fails_after_writing", title="Tác vụ thử: lỗi sau khi ghi")
def fails_after_writing(job: JobContext) -> dict:
    DayOverride.objects.create(date=dt.date(2025, 3, 8), is_working_day=True, reason="Làm bù")
    job.progress(1, 2)
    raise ValidationError("Dòng 2: thiếu họ và tên.")


@job_kind("tests.renames_person", title="Tác vụ thử: đổi tên")
def renames_person(job: JobContext, *, person_id: int, full_name: str) -> dict:
    org_services.update_person(Person.objects.get(pk=person_id), by=None, full_name=full_name)
    return {"renamed": 1}


def run_eagerly(django_capture_on_commit_callbacks, kind: str, *, by, params: dict | None = None) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(kind, by=by, params=params)
    job.refresh_from_db()
    return job


def test_reindex_job_rebuilds_sort_keys_and_tokens_and_reports_progress(
    people, city_admin, django_capture_on_commit_callbacks
):
    Person.objects.update(sort_key="", name_folded="")
    PersonNameToken.objects.all().delete()

    job = run_eagerly(
        django_capture_on_commit_callbacks, "orgs.reindex_people", by=city_admin, params={"batch_size": 2}
    )

    assert (job.status, job.done, job.total, job.percent, job.message, job.result, job.backend) == (
        JobStatus.SUCCEEDED,
        5,
        5,
        100,
        "Đã lập chỉ mục 5 cá nhân",
        {"people": 5},
        "eager",
    )
    assert list(Person.objects.search("dang van duc").values_list("full_name", flat=True)) == ["Đặng Văn Đức"]
    assert list(Person.objects.order_by("sort_key").values_list("given_name", flat=True)) == [
        "An", "Bình", "Cường", "Dung", "Đức",
    ]  # fmt: skip


def test_reindex_job_records_who_rebuilt_the_index(people, city_admin, django_capture_on_commit_callbacks):
    job = run_eagerly(django_capture_on_commit_callbacks, "orgs.reindex_people", by=city_admin)

    entry = AuditEntry.objects.get(code="orgs.people.reindexed")
    assert (entry.object_pk, entry.actor_name, entry.additional_data) == (str(job.pk), "Phạm Văn Quản", {"people": 5})


def test_failed_job_keeps_a_vietnamese_message_and_nothing_it_wrote(city_admin, django_capture_on_commit_callbacks):
    job = run_eagerly(django_capture_on_commit_callbacks, "tests.fails_after_writing", by=city_admin)

    assert (job.status, job.message, job.result, job.done, job.total) == (
        JobStatus.FAILED,
        "Tác vụ thất bại: Dòng 2: thiếu họ và tên.",
        None,
        1,
        2,
    )
    assert job.finished_at is not None
    assert not DayOverride.objects.exists()


def test_job_writes_are_audited_in_the_name_of_its_creator(people, city_admin, django_capture_on_commit_callbacks):
    person = people[0]

    run_eagerly(
        django_capture_on_commit_callbacks,
        "tests.renames_person",
        by=city_admin,
        params={"person_id": person.pk, "full_name": "Nguyễn Văn Ân"},
    )

    entry = AuditEntry.objects.filter(object_pk=str(person.pk), code="orgs.person.updated").get()
    assert (entry.actor, entry.actor_name) == (city_admin, "Phạm Văn Quản")


def test_job_starts_only_after_the_creating_transaction_commits(city_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start_job("orgs.reindex_people", by=city_admin)

    job.refresh_from_db()
    assert (job.status, len(callbacks)) == (JobStatus.QUEUED, 1)


def test_run_now_runs_the_job_at_once_inside_the_callers_transaction(
    people, city_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = run_now("tests.renames_person", by=city_admin,
                      params={"person_id": people[0].pk, "full_name": "Nguyễn Văn Ân"})  # fmt: skip

    people[0].refresh_from_db()
    assert (job.status, job.result, job.backend) == (JobStatus.SUCCEEDED, {"renamed": 1}, runner.EAGER)
    assert callbacks == []
    assert people[0].full_name == "Nguyễn Văn Ân"


def test_start_job_refuses_an_unknown_kind(city_admin):
    with pytest.raises(KeyError):
        start_job("tests.no_such_kind", by=city_admin)


def test_a_job_already_claimed_is_not_run_twice(city_admin, django_capture_on_commit_callbacks):
    job = run_eagerly(django_capture_on_commit_callbacks, "orgs.reindex_people", by=city_admin)
    finished_at = job.finished_at

    runner.run_job(job.pk, backend="celery")

    job.refresh_from_db()
    assert (job.status, job.finished_at, job.backend) == (JobStatus.SUCCEEDED, finished_at, "eager")


def test_progress_is_written_at_most_every_interval(city_admin):
    job = Job.objects.create(kind="orgs.reindex_people", title="Thử", created_by=city_admin)
    context = JobContext(job)
    context.interval = 60

    try:
        context.progress(1, 10, "bước 1")
        context.progress(2, 10, "bước 2")
        job.refresh_from_db()
        written_early = (job.done, job.message)
        context.progress(10, 10, "xong")
        job.refresh_from_db()
    finally:
        context.close()

    assert (written_early, (job.done, job.total, job.message)) == ((1, "bước 1"), (10, 10, "xong"))


@override_settings(THIDUA_JOBS_EAGER=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_job_that_cannot_reach_the_broker_fails_with_a_message(city_admin, django_capture_on_commit_callbacks):
    started = time.monotonic()
    job = run_eagerly(django_capture_on_commit_callbacks, "orgs.reindex_people", by=city_admin)

    assert (job.status, job.backend) == (JobStatus.FAILED, "celery")
    assert job.message.startswith("Không gửi được tác vụ tới hàng đợi: ")
    assert time.monotonic() - started < 15


@override_settings(THIDUA_JOBS_EAGER=False, CELERY_BROKER_URL="")
def test_backend_status_without_a_broker_is_in_process():
    assert runner.backend_status() == {"ok": True, "backend": "inprocess", "broker": None}


@override_settings(THIDUA_JOBS_EAGER=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_backend_status_reports_an_unreachable_broker_quickly():
    started = time.monotonic()

    status = runner.backend_status()

    assert status == {"ok": False, "backend": "celery", "broker": "unreachable"}
    assert time.monotonic() - started < 3


@pytest.mark.celery
@pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs CELERY_BROKER_URL (a real broker to reach)")
def test_backend_status_reports_a_reachable_broker():
    with override_settings(THIDUA_JOBS_EAGER=False):
        status = runner.backend_status()

    assert status == {"ok": True, "backend": "celery", "broker": "reachable"}


def test_celery_beat_task_runs_the_periodic_tasks(city):
    from thidua.jobs.tasks import run_periodic

    lines = run_periodic()  # the task's body, as a beat-triggered worker runs it

    assert "audit.seal" in [line.split(":")[0] for line in lines]
    assert not AuditEntry.objects.filter(seal_seq__isnull=True).exists()
