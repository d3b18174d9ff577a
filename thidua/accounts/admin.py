from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from thidua.accounts import models


class RoleAssignmentInline(admin.TabularInline):
    model = models.RoleAssignment
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Thi Đua"), {"fields": ["full_name", "position"]}),
    ]
    inlines = [RoleAssignmentInline]


@admin.register(models.Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "api_only"]
    search_fields = ["code", "name"]


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "valid_from", "valid_to"]
    list_filter = ["role"]
    raw_id_fields = ["user", "unit"]
