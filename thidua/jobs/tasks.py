"""Celery tasks: thin doors to the same functions the in-process runner and ``thidua run_periodic`` call."""

from __future__ import annotations

from celery import shared_task

from thidua.core.periodic import run_all
from thidua.jobs import runner


@shared_task(name="thidua.jobs.run_job", ignore_result=True)
def run_job(job_id: str) -> None:
    runner.run_job(job_id, backend=runner.CELERY)


@shared_task(name="thidua.core.run_periodic", ignore_result=True)
def run_periodic() -> list[str]:
    return [f"{result.name}: {result.message}" for result in run_all()]
