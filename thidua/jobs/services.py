"""Starting jobs: the one way to run long work (imports, batch documents, sweeps) with progress a user can watch."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.jobs import runner
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.registry import get_kind

logger = logging.getLogger(__name__)


def _create(kind: str, *, by, params: dict | None, backend: str) -> Job:
    return Job.objects.create(
        kind=kind,
        title=str(get_kind(kind).title),
        params=params or {},
        created_by=by if by is not None and by.is_authenticated else None,
        backend=backend,
    )


def start_job(kind: str, *, by, params: dict | None = None) -> Job:
    """Create the job row and, once the caller's transaction commits, run it where the settings say.

    Synchronously when ``THIDUA_JOBS_EAGER``, on a Celery worker when ``CELERY_BROKER_URL`` is set, otherwise in a
    background thread of this process. ``params`` must be JSON; they are passed to the job's function as keywords.
    """
    backend = runner.backend_name()
    job = _create(kind, by=by, params=params, backend=backend)
    transaction.on_commit(partial(_dispatch, job.pk, backend))
    return job


def run_now(kind: str, *, by, params: dict | None = None) -> Job:
    """Create the job row and run it at once in this thread, inside the caller's transaction (commands and the demo
    seed, which need the result before they go on); the row is kept, like any job's, with its progress and result."""
    job = _create(kind, by=by, params=params, backend=runner.EAGER)
    runner.run_job(job.pk, backend=runner.EAGER)
    job.refresh_from_db()
    return job


def _dispatch(job_id, backend: str) -> None:
    if backend == runner.EAGER:
        runner.run_job(job_id, backend=backend)
    elif backend == runner.CELERY:
        try:
            runner.send_to_celery(job_id)
        except Exception as error:
            logger.exception("Could not queue job %s on Celery", job_id)
            Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
                status=JobStatus.FAILED,
                message=_("Không gửi được tác vụ tới hàng đợi: %(error)s") % {"error": runner.describe_error(error)},
                error=f"{type(error).__name__}: {error}",
                finished_at=timezone.now(),
            )
    else:
        runner.run_in_thread(job_id)
