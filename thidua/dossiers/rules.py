"""Who may prepare nomination dossiers (for now: draft entries, by hand or from movements); tested as tables."""

from __future__ import annotations

from thidua.accounts.rules import BOARD_ROLES, DOSSIER_ROLES, holds_role_over
from thidua.movements.models import ExemplaryModel, ScoreSheet
from thidua.orgs.models import OrgUnit


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_prepare_dossier(user, unit: OrgUnit) -> bool:
    """Unit officers, heads and admins at the unit or above it build the unit's draft dossiers."""
    return _active(user) and holds_role_over(user, unit, DOSSIER_ROLES)


def can_propose_from(user, movement_issuer_unit: OrgUnit) -> bool:
    """The board over a movement's issuer may also create entries from its exemplary models and score sheets."""
    return _active(user) and holds_role_over(user, movement_issuer_unit, BOARD_ROLES)


def can_propose_from_model(user, model: ExemplaryModel) -> bool:
    """The proposing unit's side, or the board of the model's movement."""
    if can_prepare_dossier(user, model.proposing_unit):
        return True
    return model.movement is not None and can_propose_from(user, model.movement.issuer_unit)


def can_propose_from_sheet(user, sheet: ScoreSheet) -> bool:
    """The cluster organiser's side (whose dossier receives the entries), or the board of the sheet's movement."""
    return can_prepare_dossier(user, sheet.cluster.organiser) or can_propose_from(user, sheet.movement.issuer_unit)
