"""A job started from the UI runs on a real Celery worker (a subprocess) through the real Redis broker."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from thidua.audit.models import AuditEntry
from thidua.jobs.models import Job, JobStatus

PROJECT_DIR = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL or connection.vendor != "postgresql",
        reason="needs CELERY_BROKER_URL and PostgreSQL (a worker process must share the test database)",
    ),
]


def test_database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgresql://{quote(db['USER'], safe='')}{password}@{host}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@pytest.fixture
def celery_worker(tmp_path):
    """A real worker on a queue of its own, so parallel runs sharing the Redis database never take our tasks."""
    queue = f"thidua-test-{uuid.uuid4().hex[:12]}"
    log = (tmp_path / "worker.log").open("w")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "THIDUA_VAR_DIR": str(tmp_path / "var"),
    }
    script = Path(sys.executable).with_name("celery")
    celery = [str(script)] if script.exists() else [sys.executable, "-m", "celery"]
    command = [
        *celery, "-A", "thidua", "worker", "--pool=solo", "-c", "1",
        "-Q", queue, "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    worker = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield queue
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
        print((tmp_path / "worker.log").read_text())  # shown by pytest when the test fails


def test_job_started_from_the_ui_runs_on_a_celery_worker(client, city_admin, people, celery_worker):
    client.force_login(city_admin)

    with override_settings(THIDUA_JOBS_EAGER=False, CELERY_TASK_DEFAULT_QUEUE=celery_worker):
        response = client.post(reverse("jobs:start-reindex"))
    job = Job.objects.get()
    deadline = time.monotonic() + 90
    while not job.is_finished:
        assert time.monotonic() < deadline, f"job still {job.status} after 90 s"
        time.sleep(0.2)
        job.refresh_from_db()

    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.backend, job.done, job.total, job.message, job.result) == (
        JobStatus.SUCCEEDED, "celery", 5, 5, "Đã lập chỉ mục 5 cá nhân", {"people": 5},
    )  # fmt: skip
    assert "100% — đã xử lý 5/5" in client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert AuditEntry.objects.get(code="orgs.people.reindexed").actor_name == "Phạm Văn Quản"
