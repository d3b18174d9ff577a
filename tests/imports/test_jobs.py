"""Large files run as background jobs with progress: the dry run and the commit."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.imports.conftest import xlsx_upload
from thidua.imports.models import BatchStatus, ImportBatch
from thidua.imports.services import create_batch, start_commit
from thidua.jobs.models import JobStatus
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db

ROWS = [[f"Nguyễn Văn Thứ {n}", "Nam", "", "HP-LC-AB", ""] for n in range(30)]


@override_settings(THIDUA_IMPORT_JOB_ROWS=10)
def test_a_large_file_is_checked_and_imported_by_jobs_with_progress(
    le_chan_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = create_batch(by=le_chan_officer, kind="people", upload=xlsx_upload(ROWS))
    batch = ImportBatch.objects.get(pk=batch.pk)
    assert batch.job is not None
    assert batch.job.status == JobStatus.SUCCEEDED
    assert batch.status == BatchStatus.DRY_RUN
    assert batch.counts["create"] == 30
    assert batch.job.done == batch.job.total == 30
    with django_capture_on_commit_callbacks(execute=True):
        start_commit(batch, by=le_chan_officer)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED, batch.message
    assert batch.job.kind == "imports.commit"
    assert batch.job.status == JobStatus.SUCCEEDED
    assert batch.job.percent == 100
    assert Person.objects.filter(full_name__startswith="Nguyễn Văn Thứ").count() == 30


@override_settings(THIDUA_IMPORT_JOB_ROWS=10)
def test_a_large_file_with_one_bad_row_imports_nothing(le_chan_officer, django_capture_on_commit_callbacks):
    rows = [*ROWS[:20], ["Trần Văn Sai", "Không rõ", "", "HP-LC-AB", ""], *ROWS[20:]]
    with django_capture_on_commit_callbacks(execute=True):
        batch = create_batch(by=le_chan_officer, kind="people", upload=xlsx_upload(rows))
    batch.refresh_from_db()
    assert batch.errors == [{"row": 22, "column": "Giới tính", "message": "“Không rõ”: ghi Nam hoặc Nữ."}]
    assert not batch.can_commit
    assert not Person.objects.filter(full_name__startswith="Nguyễn Văn Thứ").exists()
