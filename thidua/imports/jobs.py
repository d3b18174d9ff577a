"""Job kinds of imports: the dry run and the commit of a large file, with progress per row.

start_job("imports.dry_run", by=user, params={"batch_id": batch.pk})
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from thidua.imports import services
from thidua.imports.models import BatchStatus, ImportBatch
from thidua.jobs.registry import JobContext, job_kind


def _reporter(job: JobContext):
    def report(done: int, total: int | None, message: str) -> None:
        job.progress(done, total, message)

    return report


@job_kind(services.DRY_RUN_JOB, title=gettext_lazy("Chạy thử nhập dữ liệu từ tệp"), atomic=False)
def dry_run(job: JobContext, *, batch_id: int) -> dict:
    batch = ImportBatch.objects.select_related("file", "created_by").get(pk=batch_id)
    batch = services.dry_run(batch, report=_reporter(job))
    job.progress(batch.rows, batch.rows, batch.message)
    return {"batch": batch.pk, **batch.counts}


@job_kind(services.COMMIT_JOB, title=gettext_lazy("Nhập dữ liệu từ tệp"), atomic=False)
def commit(job: JobContext, *, batch_id: int) -> dict:
    batch = ImportBatch.objects.select_related("file", "created_by").get(pk=batch_id)
    batch = services.commit(batch, by=batch.created_by, report=_reporter(job))
    if batch.status != BatchStatus.COMMITTED:
        # The job fails with the batch's Vietnamese message; nothing was written.
        raise ValidationError(batch.message)
    job.progress(job.total or batch.rows, job.total or batch.rows, batch.message)
    return {"batch": batch.pk, **batch.summary}
