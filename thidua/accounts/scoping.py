"""The one scoping function: every view and every API queryset starts from ``scoped(queryset, user)``."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from thidua.core.scoping import NOTHING, Scope

QS = TypeVar("QS", bound=models.QuerySet)

_CACHE_ATTR = "_thidua_scope"


def scope_for(user) -> Scope:
    """The scope of a user: the subtrees of the units where they hold a current role (cached per user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True, user_id=user.pk)
    else:
        from thidua.accounts.models import RoleAssignment
        from thidua.accounts.rules import AUTHORITY_ROLES

        roles = list(
            RoleAssignment.objects.current().filter(user=user).values_list("unit__path", "unit_id", "role__code")
        )
        paths = {path for path, _unit, _role in roles}
        # A path inside another path's subtree adds nothing; dropping it keeps the SQL short.
        roots = tuple(sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths)))
        # The authorities the user serves (board, council, signer, clerk, finance) are those seated at a unit where
        # the user holds such a role: what is addressed to them is visible even from outside the subtrees.
        serving = frozenset(unit for _path, unit, role in roles if role in AUTHORITY_ROLES)
        scope = Scope(unit_paths=roots, user_id=user.pk, serving_unit_ids=serving)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope after the user's roles change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def scoped(queryset: QS | type[models.Model], user) -> QS:
    """Only the rows ``user`` may see. Every model that views or the API list must define ``visible_to(scope)``."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    if not hasattr(queryset, "visible_to"):
        raise TypeError(f"{queryset.model.__name__} has no visible_to(scope): it cannot be shown to users.")
    scope = scope_for(user)
    if scope.nothing and scope.user_id is None:
        return queryset.none()
    return queryset.visible_to(scope)
