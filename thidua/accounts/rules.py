"""Who may do what: small named predicates, tested as tables (tests/accounts/test_rules.py)."""

from __future__ import annotations

from thidua.accounts.models import RoleAssignment
from thidua.orgs.models import PATH_SEGMENT, OrgUnit

# Roles that prepare a unit's data: its people, memberships and sub-units' people.
ORG_EDITOR_ROLES = frozenset({"unit_officer", "unit_head", "admin"})
# Roles that may create, rename, move and merge units.
UNIT_ADMIN_ROLES = frozenset({"admin"})
# Roles that may edit clusters and their members (the board runs clusters).
CLUSTER_EDITOR_ROLES = frozenset({"board_officer", "board_head", "admin"})


def holds_role_over(user, unit: OrgUnit, roles: frozenset[str]) -> bool:
    """True when the user holds one of ``roles`` at ``unit`` or at one of its ancestors."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ancestor_paths = [unit.path[:end] for end in range(len(unit.path), 0, -PATH_SEGMENT)]
    return (
        RoleAssignment.objects.current().filter(user=user, role__code__in=roles, unit__path__in=ancestor_paths).exists()
    )


def has_role(user, roles: frozenset[str]) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.current().filter(user=user, role__code__in=roles).exists()


def can_edit_people_of(user, unit: OrgUnit) -> bool:
    return holds_role_over(user, unit, ORG_EDITOR_ROLES)


def can_manage_unit(user, unit: OrgUnit) -> bool:
    return holds_role_over(user, unit, UNIT_ADMIN_ROLES)


def can_edit_cluster(user, organiser: OrgUnit) -> bool:
    return holds_role_over(user, organiser, CLUSTER_EDITOR_ROLES)
