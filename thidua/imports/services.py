"""The import flow: upload → dry run (nothing written) → commit (all or nothing).

A small file is checked and committed in the request; a large one (more than ``THIDUA_IMPORT_JOB_ROWS`` rows,
2,000 by default) as a background job with progress (``thidua.imports.jobs``). The commit checks the file again
against the database as it is then, and writes only when no row has an error, in one transaction: a file with one
bad row among 100,000 writes nothing and says which row and which column.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.context import acting_as
from thidua.audit.services import record_action
from thidua.core.models import StoredFile
from thidua.core.uploads import max_upload_bytes, safe_filename, store_generated, validate_upload
from thidua.imports.base import Importer, Plan, get_importer
from thidua.imports.models import BatchStatus, ImportBatch
from thidua.imports.reading import FileError, count_rows, read_file
from thidua.imports.rules import import_scope

DRY_RUN_JOB = "imports.dry_run"
COMMIT_JOB = "imports.commit"
DEFAULT_JOB_ROWS = 2000
# What a batch row keeps of a large file's findings; the counts are always complete.
KEEP_ITEMS = 1000
PREVIEW_ITEMS = 200

Report = Callable[[int, int | None, str], None]


def job_threshold() -> int:
    return int(getattr(settings, "THIDUA_IMPORT_JOB_ROWS", DEFAULT_JOB_ROWS))


# --- the file -----------------------------------------------------------------------------------------------------


def _store_csv(upload: UploadedFile, *, by) -> StoredFile:
    """A CSV upload: text (no NUL bytes), within the upload limit; stored like any checked upload."""
    size = upload.size or 0
    shown = safe_filename(upload.name or "")
    if size == 0:
        raise ValidationError({"file": [_("Tệp “%(name)s” rỗng.") % {"name": shown}]})
    if size > max_upload_bytes():
        raise ValidationError(
            {
                "file": [
                    _("Tệp “%(name)s” vượt giới hạn %(limit)d MB.")
                    % {"name": shown, "limit": max_upload_bytes() // 2**20}
                ]
            }
        )
    upload.seek(0)
    data = upload.read()
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError({"file": [_("Tệp “%(name)s” không phải tệp CSV (văn bản).") % {"name": shown}]})
    return store_generated(data, name=safe_filename(upload.name or "", ".csv"), kind="csv", by=by)


def store_import_file(upload: UploadedFile, *, by) -> tuple[StoredFile, str]:
    """Check and store an uploaded XLSX (by its content) or CSV (by its name and text content)."""
    from thidua.core.uploads import store_upload

    if (upload.name or "").lower().endswith((".csv", ".txt")):
        return _store_csv(upload, by=by), "csv"
    checked = validate_upload(upload, allowed=frozenset({"xlsx"}), field="file")
    return store_upload(checked, by=by), "xlsx"


def file_bytes(batch: ImportBatch) -> bytes:
    with batch.file.file.open("rb") as handle:
        return handle.read()


# --- dry run ------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_batch(*, by, kind: str, upload: UploadedFile) -> ImportBatch:
    """Store the file and check it: at once for a small file, as a background job for a large one."""
    from thidua.jobs.services import start_job

    try:
        get_importer(kind)
    except LookupError:
        raise ValidationError({"kind": [_("Không có loại dữ liệu “%(kind)s”.") % {"kind": kind}]}) from None
    stored, file_format = store_import_file(upload, by=by)
    batch = ImportBatch.objects.create(kind=kind, file=stored, file_format=file_format, created_by=by)
    estimate = count_rows(file_bytes(batch), file_format)
    batch.rows = estimate
    if estimate > job_threshold():
        batch.job = start_job(DRY_RUN_JOB, by=by, params={"batch_id": batch.pk})
        batch.message = _("Tệp lớn: đang kiểm tra trong tác vụ nền.")
        batch.save(update_fields=["rows", "job", "message"])
        return batch
    batch.save(update_fields=["rows"])
    return dry_run(batch)


def _check(batch: ImportBatch, importer: Importer, report: Report | None) -> Plan:
    """Read and check the whole file against the database as it is now; writes nothing."""
    plan = Plan(batch.kind)
    try:
        sheet = read_file(file_bytes(batch), batch.file_format, importer)
    except FileError as error:
        plan.errors.extend(error.errors)
        return plan
    total = sheet.total or None
    if report:
        report(0, total, _("Đang kiểm tra từng dòng"))

    def progress(done: int) -> None:
        if report:
            report(done, total, _("Đã kiểm tra %(done)d dòng") % {"done": done})

    plan = importer.prepare(sheet.rows, by=batch.created_by, scope=import_scope(batch.created_by), progress=progress)
    plan.conversions.extend(sheet.conversions)
    plan.errors.sort(key=lambda e: e.row_number)
    return plan


def _keep_findings(batch: ImportBatch, plan: Plan) -> None:
    batch.rows = plan.total_rows
    batch.counts = plan.counts()
    batch.errors = [{"row": e.row_number, "column": e.column, "message": e.message} for e in plan.errors[:KEEP_ITEMS]]
    batch.duplicates = [
        {"row": d.row_number, "message": d.message, "certain": d.certain, "existing_id": d.existing_id}
        for d in plan.duplicates[:KEEP_ITEMS]
    ]
    batch.conversions = [
        {"row": c.row_number, "column": c.column, "encoding": c.encoding, "message": str(c)}
        for c in plan.conversions[:KEEP_ITEMS]
    ]
    batch.preview = [
        {"row": e.row_number, "action": e.action, "label": e.label, "note": e.note}
        for e in plan.entries[:PREVIEW_ITEMS]
    ]


def dry_run(batch: ImportBatch, *, report: Report | None = None) -> ImportBatch:
    """Check the batch's file and keep what the commit would do; nothing else is written."""
    importer = get_importer(batch.kind)
    with transaction.atomic():
        plan = _check(batch, importer, report)
        # Importers write nothing in prepare; the rollback makes sure of it (and of sequences touched by lookups).
        transaction.set_rollback(True)
    _keep_findings(batch, plan)
    batch.status = BatchStatus.DRY_RUN
    batch.checked_at = timezone.now()
    batch.message = (
        _("Có %(n)d lỗi: sửa tệp rồi tải lên lại.") % {"n": len(plan.errors)} if plan.errors else _("Sẵn sàng nhập.")
    )
    batch.save()
    return batch


# --- commit -------------------------------------------------------------------------------------------------------


def start_commit(batch: ImportBatch, *, by) -> ImportBatch:
    """Commit a checked batch without errors: at once, or as a background job for a large file."""
    from thidua.jobs.services import start_job

    if not batch.can_commit:
        raise ValidationError(_("Chỉ nhập được tệp đã chạy thử và không có lỗi."))
    if batch.rows > job_threshold():
        with transaction.atomic():
            batch.status = BatchStatus.COMMITTING
            batch.message = _("Đang nhập trong tác vụ nền.")
            batch.job = start_job(COMMIT_JOB, by=by, params={"batch_id": batch.pk})
            batch.save(update_fields=["status", "message", "job"])
        return batch
    return commit(batch, by=by)


def commit(batch: ImportBatch, *, by, report: Report | None = None) -> ImportBatch:
    """Check again and write everything in one transaction; any error leaves the database as it was."""
    importer = get_importer(batch.kind)
    try:
        with transaction.atomic(), acting_as(by):
            plan = _check(batch, importer, _first_half(report))
            if not plan.ok:
                raise _Rejected(plan)
            summary = _apply(importer, plan, by=by, report=_second_half(report, plan))
            _keep_findings(batch, plan)
            batch.status = BatchStatus.COMMITTED
            batch.summary = summary
            batch.committed_at = timezone.now()
            batch.message = _("Đã nhập: %(created)d mới, %(updated)d cập nhật, %(skipped)d bỏ qua.") % {
                "created": summary.get("created", 0),
                "updated": summary.get("updated", 0),
                "skipped": summary.get("skipped", 0),
            }
            batch.save()
            record_action(batch, code="imports.batch.committed", by=by, data={"kind": batch.kind, **summary})
    except _Rejected as rejected:
        # The data changed since the dry run (or the file did not pass): back to a dry run showing the errors.
        batch.refresh_from_db()
        _keep_findings(batch, rejected.plan)
        batch.status = BatchStatus.DRY_RUN
        batch.message = _("Không nhập: có %(n)d lỗi.") % {"n": len(rejected.plan.errors)}
        batch.save()
    except ValidationError as error:
        batch.refresh_from_db()
        batch.status = BatchStatus.FAILED
        batch.message = (
            _("Không nhập được, không có dữ liệu nào được ghi: %(error)s") % {"error": "; ".join(error.messages)}
        )[:500]
        batch.save()
    return batch


class _Rejected(Exception):
    def __init__(self, plan: Plan) -> None:
        super().__init__("rejected")
        self.plan = plan


def _apply(importer: Importer, plan: Plan, *, by, report: Callable[[int], None] | None) -> dict:
    if report and "progress" in inspect.signature(importer.apply).parameters:
        return importer.apply(plan, by=by, progress=report)
    return importer.apply(plan, by=by)


def _first_half(report: Report | None) -> Report | None:
    """While committing, checking is the first half of the bar and writing the second."""
    if report is None:
        return None

    def half(done: int, total: int | None, message: str) -> None:
        report(done, total * 2 if total else None, message)

    return half


def _second_half(report: Report | None, plan: Plan) -> Callable[[int], None] | None:
    if report is None:
        return None
    total = plan.total_rows or 1
    writes = max(plan.count("create") + plan.count("update"), 1)

    def half(done: int) -> None:
        report(total + done * total // writes, total * 2, _("Đã ghi %(done)d dòng") % {"done": done})

    return half
