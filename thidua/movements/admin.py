"""Administrators' view of movements, answers, exemplary models and score sheets: read-only (writes go through
thidua.movements.services, exemplary and scoring)."""

from django.contrib import admin

from thidua.core.admin_readonly import ReadOnlyAdmin
from thidua.movements import models


@admin.register(models.Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "issuer_unit", "state", "period_start", "period_end"]
    list_filter = ["state", "kind"]
    search_fields = ["title", "document_number"]


@admin.register(models.UnitPlan, models.ProgressReport)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["unit", "movement", "state", "submitted_at"]
    list_filter = ["state"]
    raw_id_fields = ["unit", "movement"]


@admin.register(models.Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["unit", "movement", "state", "reviewer_unit", "submitted_at", "reviewed_at"]
    list_filter = ["state"]


@admin.register(models.ExemplaryModel)
class ExemplaryModelAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "proposing_unit", "state", "publish"]
    list_filter = ["state", "kind", "publish"]
    search_fields = ["title"]


@admin.register(models.Covenant)
class CovenantAdmin(ReadOnlyAdmin):
    list_display = ["title", "cluster", "year"]


@admin.register(models.ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ["cluster", "year", "movement", "state"]
    list_filter = ["state", "year"]


@admin.register(models.Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["unit", "movement", "sent_at", "sent_by", "recipients"]
