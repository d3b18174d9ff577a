"""Who may prepare and handle nomination dossiers; tested as tables.

The workflow's transitions are authorised by ``thidua.dossiers.transitions.may`` (the declared table); the predicates
here cover what is not a transition: preparing drafts and entries, adding documents, recording the unit's own council,
and which boxes a user has.
"""

from __future__ import annotations

from thidua.accounts.rules import BOARD_ROLES, DOSSIER_ROLES, has_role, holds_role_at, holds_role_over
from thidua.dossiers.enums import DossierState, EntryState
from thidua.movements.models import ExemplaryModel, ScoreSheet
from thidua.orgs.models import OrgUnit

UNIT_SIDE = "unit"
AUTHORITY_SIDE = "authority"
# While the unit holds the dossier it edits it; once sent, only the addressed authority's board adds its documents.
UNIT_EDIT_STATES = frozenset({DossierState.DRAFT, DossierState.RETURNED})
AUTHORITY_EDIT_STATES = frozenset({DossierState.SUBMITTED, DossierState.RECEIVED})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_prepare_dossier(user, unit: OrgUnit) -> bool:
    """Unit officers, heads and admins at the unit or above it build the unit's draft dossiers."""
    return _active(user) and holds_role_over(user, unit, DOSSIER_ROLES)


def can_create_dossier(user, unit: OrgUnit) -> bool:
    """Who may open a new dossier for the unit: those who prepare its dossiers."""
    return can_prepare_dossier(user, unit)


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


def is_board_of(user, dossier) -> bool:
    """The board (officers, head) of the authority the dossier is addressed to."""
    return _active(user) and dossier.authority_id is not None and holds_role_at(user, dossier.authority.unit,
                                                                                 BOARD_ROLES)  # fmt: skip


def document_side(user, dossier) -> str | None:
    """Which side may add and remove documents of the dossier now: the unit while it holds the dossier (draft,
    returned), the addressed authority's board while the dossier is with it (submitted, received); else None."""
    if not _active(user):
        return None
    if dossier.state in UNIT_EDIT_STATES and holds_role_over(user, dossier.unit, DOSSIER_ROLES):
        return UNIT_SIDE
    if dossier.state in AUTHORITY_EDIT_STATES and is_board_of(user, dossier):
        return AUTHORITY_SIDE
    return None


def may_edit_documents(user, dossier) -> bool:
    """True when the user may add documents to the dossier (and remove their side's documents) now."""
    return document_side(user, dossier) is not None


def can_edit_entry(user, entry) -> bool:
    """The unit's side edits an entry while the dossier is a draft, or the entry was returned for completion."""
    dossier = entry.dossier
    editable = dossier.state == DossierState.DRAFT or (
        dossier.state == DossierState.RETURNED and entry.state == EntryState.RETURNED
    )
    return editable and can_prepare_dossier(user, dossier.unit)


def can_record_own_council(user, dossier) -> bool:
    """The unit's side records its own council's meeting while it holds the dossier (draft, returned)."""
    return dossier.state in UNIT_EDIT_STATES and can_prepare_dossier(user, dossier.unit)


def has_outbox(user) -> bool:
    """Users who prepare some unit's dossiers."""
    return _active(user) and has_role(user, DOSSIER_ROLES)


def has_inbox(user) -> bool:
    """Users on some authority's board."""
    return _active(user) and has_role(user, BOARD_ROLES)
