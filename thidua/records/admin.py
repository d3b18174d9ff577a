"""Administrators' view of the history: read-only (writes go through thidua.records.services, which derive ranks,
award codes, merit flags, snapshots and severities that a plain admin save would skip)."""

from django.contrib import admin

from thidua.core.admin_readonly import ReadOnlyAdmin
from thidua.records import models


@admin.register(models.Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "period_kind", "year", "level"]
    list_filter = ["period_kind", "level", "year"]
    raw_id_fields = ["person", "unit", "rated_unit"]


@admin.register(models.Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["recipient_name", "award_code", "period_kind", "year", "decision_number", "counts_toward_merit",
                    "source"]  # fmt: skip
    list_filter = ["source", "commendation_kind", "counts_toward_merit", "period_kind"]
    search_fields = ["recipient_name", "decision_number", "award_code"]
    raw_id_fields = ["person", "unit", "household", "award_type", "authority", "created_by"]


class InitiativeAuthorInline(admin.TabularInline):
    model = models.InitiativeAuthor
    raw_id_fields = ["person"]
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["title", "level", "recognised_on", "period_kind", "year", "backed_award"]
    list_filter = ["level", "kind", "period_kind"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "backed_award"]
    inlines = [InitiativeAuthorInline]


@admin.register(models.Discipline)
class DisciplineAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "kind", "start_date", "end_date"]
    list_filter = ["status", "kind", "period_kind"]
    raw_id_fields = ["person", "unit"]
