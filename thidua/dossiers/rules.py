"""Who may prepare nomination dossiers (for now: draft entries, by hand or from movements); tested as tables."""

from __future__ import annotations

from thidua.accounts.rules import BOARD_ROLES, DOSSIER_ROLES, holds_role_over
from thidua.orgs.models import OrgUnit


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_prepare_dossier(user, unit: OrgUnit) -> bool:
    """Unit officers, heads and admins at the unit or above it build the unit's draft dossiers."""
    return _active(user) and holds_role_over(user, unit, DOSSIER_ROLES)


def can_propose_from(user, movement_issuer_unit: OrgUnit) -> bool:
    """The board over a movement's issuer may also create entries from its exemplary models and score sheets."""
    return _active(user) and holds_role_over(user, movement_issuer_unit, BOARD_ROLES)
