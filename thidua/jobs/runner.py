"""Running jobs: the one function every backend calls (eager, a thread of the web process, a Celery worker).

``run_job`` claims a queued job, runs its function as the job's creator (so audit rows name them), and leaves the
row succeeded with its result, or failed with a Vietnamese message and no result. ``backend_status`` tells /healthz
where jobs run and whether the broker answers.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.context import acting_as, acting_as_system
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.registry import JobContext, get_kind

logger = logging.getLogger(__name__)

EAGER, THREAD, CELERY = "eager", "thread", "celery"
BROKER_TIMEOUT = 1.0


def backend_name() -> str:
    """Where start_job sends a job now: the settings decide, in this order."""
    if settings.THIDUA_JOBS_EAGER:
        return EAGER
    if settings.CELERY_BROKER_URL:
        return CELERY
    return THREAD


def describe_error(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error) or type(error).__name__


def run_job(job_id: uuid.UUID | str, *, backend: str) -> None:
    """Run one queued job to the end in the calling thread. A job already claimed (a redelivery) is left alone."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now(), backend=backend
    )
    if not claimed:
        logger.info("Job %s is not queued any more; not running it again.", job_id)
        return
    job = Job.objects.select_related("created_by").get(pk=job_id)
    context = JobContext(job)
    try:
        kind = get_kind(job.kind)
    except KeyError:
        _finish(context, JobStatus.FAILED, error=_("Không có loại tác vụ “%(kind)s”.") % {"kind": job.kind})
        return
    try:
        actor = acting_as(job.created_by) if job.created_by else acting_as_system(str(kind.title))
        # Inside a caller's transaction (eager runs) a savepoint keeps a failing job from breaking that transaction.
        atomic = kind.atomic or connection.in_atomic_block
        with actor, transaction.atomic() if atomic else contextlib.nullcontext():
            result = kind.function(context, **job.params)
        result = json.loads(json.dumps(result, cls=DjangoJSONEncoder))
    except Exception as error:
        logger.exception("Job %s (%s) failed", job_id, job.kind)
        _finish(context, JobStatus.FAILED, error=describe_error(error), detail=f"{type(error).__name__}: {error}")
    else:
        _finish(context, JobStatus.SUCCEEDED, result=result)
    finally:
        context.close()


def _finish(context: JobContext, status: str, *, result=None, error: str = "", detail: str = "") -> None:
    if status == JobStatus.FAILED:
        message = _("Tác vụ thất bại: %(error)s") % {"error": error}
    else:
        message = context.message or _("Hoàn thành")
    Job.objects.filter(pk=context.job_id).update(
        status=status,
        done=context.done,
        total=context.total,
        message=message[:500],
        result=result if status == JobStatus.SUCCEEDED else None,
        error=detail or error,
        finished_at=timezone.now(),
    )


def run_in_thread(job_id: uuid.UUID) -> threading.Thread:
    """Run a job in a background thread of this process; the thread closes its database connections at the end."""

    def target() -> None:
        try:
            run_job(job_id, backend=THREAD)
        except Exception:
            logger.exception("Job %s crashed its thread", job_id)
        finally:
            connections.close_all()

    thread = threading.Thread(target=target, name=f"thidua-job-{job_id}", daemon=True)
    thread.start()
    return thread


def send_to_celery(job_id: uuid.UUID) -> None:
    from thidua.celery import app

    # The broker named by the settings now (the Celery app reads its configuration once per process).
    with app.connection_for_write(settings.CELERY_BROKER_URL) as broker:
        app.send_task("thidua.jobs.run_job", args=[str(job_id)], queue=queue_name(), connection=broker)


def queue_name() -> str:
    return getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "") or "celery"


def broker_reachable(url: str, *, timeout: float = BROKER_TIMEOUT) -> bool:
    from kombu import Connection

    try:
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
        with Connection(url, connect_timeout=timeout, transport_options=options) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
    except Exception:
        logger.warning("Celery broker %s is unreachable", url.split("@")[-1], exc_info=True)
        return False
    return True


def backend_status() -> dict:
    """For /healthz: where jobs run and, with Celery, whether the broker answers (within a second)."""
    if backend_name() != CELERY:
        return {"ok": True, "backend": "inprocess", "broker": None}
    reachable = broker_reachable(settings.CELERY_BROKER_URL)
    return {"ok": reachable, "backend": "celery", "broker": "reachable" if reachable else "unreachable"}
