"""Administrators' screens for the organisation. Edits of units and people still go through the services."""

from django.contrib import admin

from thidua.orgs import models


@admin.register(models.Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "period_kind"]
    search_fields = ["code", "name"]


@admin.register(models.UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "is_locality", "valid_from", "valid_to"]
    list_filter = ["level", "is_locality"]
    search_fields = ["code", "name"]


@admin.register(models.Ethnicity)
class EthnicityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_minority"]
    search_fields = ["code", "name"]


class OrgUnitEventInline(admin.TabularInline):
    model = models.OrgUnitEvent
    fk_name = "unit"
    extra = 0
    raw_id_fields = ["old_parent", "new_parent", "target"]


@admin.register(models.OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "dissolved_on"]
    list_filter = ["kind", "sector", "is_external"]
    search_fields = ["code", "name_folded"]
    raw_id_fields = ["parent", "merged_into"]
    inlines = [OrgUnitEventInline]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        # Moving, merging and dissolving rewrite the subtree's paths and people: they go through the services
        # (thidua.orgs.services.move_unit, merge_units), never through a plain save of one row.
        if obj is None:
            return ["path", "depth"]
        return ["path", "depth", "parent", "merged_into", "dissolved_on"]

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "gender", "birth_date", "position_category", "is_direct_worker"]
    list_filter = ["gender", "position_category", "is_direct_worker"]
    raw_id_fields = ["owner_unit"]
    inlines = [MembershipInline]
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False


class ClusterMembershipInline(admin.TabularInline):
    model = models.ClusterMembership
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(models.Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "organiser"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["organiser"]
    inlines = [ClusterMembershipInline]


@admin.register(models.Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "address"]
    search_fields = ["name_folded"]
    raw_id_fields = ["head", "unit"]
