from django.contrib import admin

from thidua.reports.models import ReportFormSpec


@admin.register(ReportFormSpec)
class ReportFormSpecAdmin(admin.ModelAdmin):
    """The forms are law turned into data: an administrator may correct a layout (or add a successor circular's)."""

    list_display = ["number", "title", "regime", "valid_from", "valid_to", "confidence"]
    list_filter = ["regime", "confidence"]
    search_fields = ["code", "number", "title"]
