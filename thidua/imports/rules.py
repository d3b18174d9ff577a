"""Who may import: the officers who edit a unit's units and people, the board, administrators — each only into the
subtrees of the units where they hold such a role (a row naming a unit outside them is an error on that row)."""

from __future__ import annotations

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, ORG_EDITOR_ROLES, has_role
from thidua.core.scoping import NOTHING, Scope

IMPORT_ROLES = ORG_EDITOR_ROLES | BOARD_ROLES


def can_import(user) -> bool:
    return has_role(user, IMPORT_ROLES)


def import_scope(user) -> Scope:
    """The units an import by ``user`` may write into: the subtrees of their import roles only."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Scope(everything=True, user_id=user.pk)
    paths = set(
        RoleAssignment.objects.current()
        .filter(user=user, role__code__in=IMPORT_ROLES)
        .values_list("unit__path", flat=True)
    )
    roots = tuple(sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths)))
    return Scope(unit_paths=roots, user_id=user.pk)


def can_see_batch(user, batch) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or batch.created_by_id == user.pk))
