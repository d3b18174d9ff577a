"""Administrators' view of decisions. Registers and certificate layouts are configuration and editable here (the
symbol and the numbering of a register that has numbered something are not); decisions, their items, certificates,
reissues and extracts are read-only (writes go through thidua.decisions.services) — a signed decision cannot be
changed or deleted here even by a superuser, and the database refuses it anyway (migration 0002)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from thidua.core.admin_readonly import ReadOnlyAdmin
from thidua.decisions import models


class RegisterCounterInline(admin.TabularInline):
    model = models.RegisterCounter
    fields = ["year", "last_number"]
    readonly_fields = ["year", "last_number"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(models.Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["name", "authority", "kind", "symbol", "numbering", "is_active"]
    list_filter = ["kind", "numbering", "is_active"]
    search_fields = ["name", "symbol", "authority__name"]
    raw_id_fields = ["authority"]
    inlines = [RegisterCounterInline]

    def _used(self, obj) -> bool:
        return obj is not None and (obj.decisions.exists() or obj.certificates.exists() or obj.counters.exists())

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # A book that has numbered something keeps its owner, kind, symbol and way of numbering: the numbers given
        # would otherwise change meaning (a new book is a new register).
        if self._used(obj):
            return ["authority", "kind", "symbol", "numbering"]
        return []

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._used(obj) and super().has_delete_permission(request, obj)


@admin.register(models.CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "title", "page_width_mm", "page_height_mm", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


class DecisionItemInline(admin.TabularInline):
    model = models.DecisionItem
    fields = ["recipient_name", "award_type", "year", "amount", "award"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(models.Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "authority", "kind", "state", "signed_on"]
    list_filter = ["state", "kind", "origin"]
    search_fields = ["number_text", "subject"]
    raw_id_fields = ["authority", "register", "amends", "movement", "signed_file", "signed_by", "created_by"]
    inlines = [DecisionItemInline]


@admin.register(models.DecisionItem)
class DecisionItemAdmin(ReadOnlyAdmin):
    list_display = ["recipient_name", "award_type", "decision", "year", "amount"]
    search_fields = ["recipient_name", "decision__number_text"]
    raw_id_fields = ["decision", "entry", "person", "unit", "household", "award_type", "replaces", "revokes", "award"]


@admin.register(models.Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["serial_text", "serial_year", "award", "code"]
    search_fields = ["serial_text", "code", "award__recipient_name"]
    raw_id_fields = ["decision_item", "award", "register"]


@admin.register(models.CertificateReissue)
class CertificateReissueAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "sequence", "reissued_on", "reissued_by"]
    raw_id_fields = ["certificate", "reissued_by"]


@admin.register(models.Extract)
class ExtractAdmin(ReadOnlyAdmin):
    list_display = ["subject_name", "issuer", "issued_on", "code"]
    search_fields = ["subject_name", "code"]
    raw_id_fields = ["person", "unit", "issuer", "issued_by"]


@admin.register(models.DecisionFile)
class DecisionFileAdmin(ReadOnlyAdmin):
    list_display = ["decision", "kind", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["decision", "file", "created_by"]
