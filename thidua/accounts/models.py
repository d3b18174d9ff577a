"""Users and the roles they hold at units (RoleAssignment)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.orgs.models import OrgUnit


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("số nhiều", "người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Role(models.Model):
    """A role a user can hold at a unit; the list is data (DESIGN.md lists the seeded ones)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên vai trò"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    api_only = models.BooleanField(_("chỉ dùng API"), default=False)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = pgettext_lazy("số nhiều", "vai trò")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="roles")
    role = models.ForeignKey(Role, verbose_name=_("vai trò"), on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("tại đơn vị"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công vai trò")
        verbose_name_plural = pgettext_lazy("số nhiều", "phân công vai trò")
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.role} – {self.unit}"
