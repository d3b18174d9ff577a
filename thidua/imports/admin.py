from django.contrib import admin

from thidua.core.admin_readonly import ReadOnlyAdmin
from thidua.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    """Batches are written by the import services only (dry run, commit, audit)."""

    list_display = ["id", "kind", "file_format", "status", "rows", "created_by", "created_at", "committed_at"]
    list_filter = ["kind", "status"]
    date_hierarchy = "created_at"
