"""Kinds of background job: plain functions ``fn(job: JobContext, **params)`` registered under a stable code.

    @job_kind("orgs.reindex_people", title=_("Lập lại chỉ mục tìm kiếm cá nhân"), atomic=False)
    def reindex_people(job: JobContext, *, batch_size: int = 1000) -> dict:
        ...
        job.progress(done, total, _("Đã xử lý …"))
        return {"people": done}

The return value (JSON) becomes ``Job.result``. With ``atomic=True`` (the default) the whole function runs in one
transaction, so a failure leaves nothing half-written; long jobs that commit in batches say ``atomic=False`` and
keep each batch atomic themselves. Apps keep their kinds in a ``jobs.py`` module, found at start-up.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q, sql
from django.utils import timezone
from django.utils.functional import Promise

from thidua.jobs.models import Job

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    code: str
    title: Promise | str
    function: Callable[..., Any]
    atomic: bool


_KINDS: dict[str, JobKind] = {}


def job_kind(code: str, *, title: Promise | str, atomic: bool = True) -> Callable[[Callable], Callable]:
    def register(function: Callable) -> Callable:
        existing = _KINDS.get(code)
        if existing is not None and existing.function is not function:
            raise ValueError(f"Job kind {code!r} is registered twice.")
        _KINDS[code] = JobKind(code=code, title=title, function=function, atomic=atomic)
        return function

    return register


def get_kind(code: str) -> JobKind:
    """The kind registered under ``code``; KeyError when there is none."""
    return _KINDS[code]


def kinds() -> dict[str, JobKind]:
    return dict(_KINDS)


class JobContext:
    """What a running job sees: its parameters and a way to report progress the user can watch.

    Progress is written at most every ``interval`` seconds (and always on the last step), with an UPDATE of its
    own that commits at once: on the job's connection when it is not inside a transaction, otherwise on a second
    connection (PostgreSQL), so the page shows it while the job's transaction is still open. SQLite has one writer,
    so there progress inside a transaction is written with that transaction and shows when it commits.
    """

    interval = 0.5

    def __init__(self, job: Job) -> None:
        self.job = job
        self.job_id = job.pk
        self.done = job.done
        self.total = job.total
        self.message = job.message
        self._last_write = -math.inf  # the first progress is always written
        self._side_connection = None

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        self.done = max(0, int(done))
        if total is not None:
            self.total = max(int(total), self.done)
        if message:
            self.message = str(message)[:500]
        last_step = self.total is not None and self.done >= self.total
        now = time.monotonic()
        if last_step or now - self._last_write >= self.interval:
            self.flush()
            self._last_write = now

    def flush(self) -> None:
        values = {"done": self.done, "total": self.total, "message": self.message, "heartbeat_at": timezone.now()}
        connection = connections[DEFAULT_DB_ALIAS]
        if not connection.in_atomic_block:
            Job.objects.filter(pk=self.job_id).update(**values)
            return
        if connection.vendor != "sqlite" and self._update_on_side_connection(values):
            return
        # SQLite, or a job row not yet committed (a job run eagerly inside its creator's transaction).
        Job.objects.filter(pk=self.job_id).update(**values)

    def _update_on_side_connection(self, values: dict) -> int:
        if self._side_connection is None:
            self._side_connection = connections.create_connection(DEFAULT_DB_ALIAS)
        query = sql.UpdateQuery(Job)
        query.add_update_values(values)
        query.add_q(Q(pk=self.job_id))
        statement, params = query.get_compiler(connection=self._side_connection).as_sql()
        with self._side_connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount

    def close(self) -> None:
        if self._side_connection is not None:
            self._side_connection.close()
            self._side_connection = None
