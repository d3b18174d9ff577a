"""Who may read the reports of their scope — the analytical year and movement reports and the official statistics
forms (Biểu 0601–0603) alike: the board (Ban Thi đua - Khen thưởng), the leaders who answer for a unit's figures
(its head, the signer of its decisions, the chair of its emulation council) and integrators (an API-only role:
their accounts cannot sign in to the pages, so for them this is the API).

Everyone reads only their own scope (the querysets start from ``accounts.scoping.scoped``); an official form is
produced for a unit where the user holds one of these roles (``reporting_units``)."""

from __future__ import annotations

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, has_role
from thidua.movements import rules as movement_rules
from thidua.orgs.models import OrgUnit

REPORT_ROLES = BOARD_ROLES | frozenset({"unit_head", "signer", "council_chair", "integrator"})
# The official forms are produced by the same people, for the units where they hold the role.
OFFICIAL_FORM_ROLES = REPORT_ROLES


def can_view_reports(user) -> bool:
    """The reports of the user's scope: the index, the year report, the official forms (every role is held at a
    unit, so whoever passes has at least one unit in ``reporting_units``)."""
    return has_role(user, REPORT_ROLES)


def can_view_movement_report(user, movement) -> bool:
    """A movement's report: report readers of a scope the movement reaches, and whoever follows its answers (the
    issuer's board side, the co-organisers)."""
    return can_view_reports(user) or movement_rules.can_view_dashboard(user, movement)


def reporting_units(user) -> list[OrgUnit]:
    """The units the user may produce the official forms for: where they hold a report role now (the roots for a
    superuser); the highest first."""
    if not user.is_authenticated or not user.is_active:
        return []
    units = OrgUnit.objects.select_related("kind", "parent")
    if user.is_superuser:
        return list(units.filter(parent__isnull=True).order_by("path"))
    held = RoleAssignment.objects.current().filter(user=user, role__code__in=OFFICIAL_FORM_ROLES)
    return list(units.filter(pk__in=held.values("unit_id")).order_by("depth", "path"))
