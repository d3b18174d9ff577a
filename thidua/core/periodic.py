"""Scheduled work (audit sealing, later reminders and deadline checks), run by ``thidua run_periodic``.

Each app declares its tasks in its own ``periodic.py`` with ``@periodic("app.name")``; a task takes no argument,
must be idempotent (cron and Celery beat may both call it, or call it twice) and returns one line saying what it did.
Cron runs ``thidua run_periodic``; with Celery, the beat entry in ``thidua/celery.py`` calls ``run_all`` too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PeriodicFunction = Callable[[], str]
_TASKS: dict[str, PeriodicFunction] = {}


def periodic(name: str) -> Callable[[PeriodicFunction], PeriodicFunction]:
    def register(function: PeriodicFunction) -> PeriodicFunction:
        existing = _TASKS.get(name)
        if existing is not None and existing is not function:
            raise ValueError(f"Periodic task {name!r} is registered twice.")
        _TASKS[name] = function
        return function

    return register


def registered() -> dict[str, PeriodicFunction]:
    autodiscover_modules("periodic")
    return dict(sorted(_TASKS.items()))


@dataclass(frozen=True)
class PeriodicResult:
    name: str
    ok: bool
    message: str


def run_all(only: list[str] | None = None) -> list[PeriodicResult]:
    """Run each registered task once (or those named in ``only``); one failing task does not stop the others."""
    from thidua.audit.context import acting_as_system

    tasks = registered()
    unknown = sorted(set(only or ()) - set(tasks))
    if unknown:
        raise KeyError(_("Không có tác vụ định kỳ: %(names)s") % {"names": ", ".join(unknown)})
    results = []
    for name, function in tasks.items():
        if only and name not in only:
            continue
        try:
            with acting_as_system(f"run_periodic {name}"):
                message = function()
        except Exception as error:
            logger.exception("Periodic task %s failed", name)
            results.append(PeriodicResult(name, False, _("lỗi: %(error)s") % {"error": error}))
        else:
            results.append(PeriodicResult(name, True, message))
    return results


@periodic("core.optimize_database")
def optimize_database() -> str:
    """Keep SQLite's planner statistics fresh (its query plans go badly wrong without them).

    PostgreSQL's autovacuum already analyses its tables, so there is nothing to do there.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        return _("không cần làm gì (%(vendor)s tự cập nhật thống kê)") % {"vendor": connection.vendor}
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return _("đã chạy PRAGMA optimize")
