"""Administrators' view of dossiers: read-only (writes go through thidua.dossiers.services)."""

from django.contrib import admin

from thidua.core.admin_readonly import ReadOnlyAdmin
from thidua.dossiers import models


@admin.register(models.Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "kind", "state", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["title"]


@admin.register(models.DossierEntry)
class DossierEntryAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "dossier", "state", "source"]
    list_filter = ["state", "source"]
