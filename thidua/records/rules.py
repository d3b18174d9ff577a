"""Who may write the history (ratings, initiatives, awards, discipline): tested as tables (tests/records/test_rules.py).

Reading follows the scope (``visible_to``). Writing the history of a person, a unit or a household takes one of
``HISTORY_EDITOR_ROLES`` at a unit that answers for the subject (``thidua.accounts.rules.person_units`` for a person,
the unit itself, a household's commune) or above it: the unit's own officers, head and administrators, integrators
by the API, and the emulation board, which keeps the history it appraises against.
"""

from __future__ import annotations

from collections.abc import Iterable

from thidua.accounts.rules import BOARD_ROLES, ORG_EDITOR_ROLES, holds_role_over, person_units
from thidua.orgs.models import Household, OrgUnit, Person

HISTORY_EDITOR_ROLES = ORG_EDITOR_ROLES | BOARD_ROLES


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def subject_units(subject: Person | OrgUnit | Household) -> list[OrgUnit]:
    """The units whose editors answer for a subject's history."""
    if isinstance(subject, Person):
        return person_units(subject)
    if isinstance(subject, OrgUnit):
        return [subject]
    return [subject.unit]


def can_write_history_of(user, subject: Person | OrgUnit | Household) -> bool:
    """History roles over one of the units that answer for the subject."""
    if not _active(user):
        return False
    return any(holds_role_over(user, unit, HISTORY_EDITOR_ROLES) for unit in subject_units(subject))


def can_write_initiative(user, *, current: Iterable = (), added: Iterable = ()) -> bool:
    """An initiative belongs to its authors and its unit: the user answers for at least one of its ``current``
    subjects (none for a new one) and for every subject it gains (``added``: new authors, a new unit)."""
    if not _active(user):
        return False
    current, added = list(current), list(added)
    if not current and not added:
        return False
    if current and not any(can_write_history_of(user, subject) for subject in current):
        return False
    return all(can_write_history_of(user, subject) for subject in added)
