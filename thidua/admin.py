"""The Django admin site of Thi Đua: for system administrators (superusers) only.

Staff flags alone do not open it: officers work in the staff app under /app/, where every page is scoped to their
units; the admin shows every row of every table, so only superusers may enter.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class ThiDuaAdminSite(admin.AdminSite):
    site_header = _("Quản trị hệ thống Thi Đua")
    site_title = _("Quản trị Thi Đua")
    index_title = _("Danh mục quản trị")

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def login(self, request: HttpRequest, extra_context=None):
        # Imported here: this module is loaded while the app registry is still being built.
        from thidua.accounts.forms import SuperuserAuthenticationForm

        self.login_form = SuperuserAuthenticationForm
        return super().login(request, extra_context)


class ThiDuaAdminConfig(AdminConfig):
    """Replaces ``django.contrib.admin`` in INSTALLED_APPS so that ``admin.site`` is a ThiDuaAdminSite."""

    default_site = "thidua.admin.ThiDuaAdminSite"
