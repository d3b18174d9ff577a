"""Who may do what: small named predicates, tested as tables (tests/accounts/test_rules.py)."""

from __future__ import annotations

from thidua.accounts.models import RoleAssignment
from thidua.orgs.models import PATH_SEGMENT, Membership, OrgUnit, Person

# Roles that prepare a unit's data: its people, memberships and sub-units' people.
ORG_EDITOR_ROLES = frozenset({"unit_officer", "unit_head", "admin", "integrator"})
# Roles that may create, rename, move and merge units.
UNIT_ADMIN_ROLES = frozenset({"admin"})
# The board (Ban/Phòng Thi đua - Khen thưởng) of a unit: runs its movements and clusters, appraises what reaches it.
BOARD_ROLES = frozenset({"board_officer", "board_head", "admin"})
# Roles that may edit clusters and their members (the board runs clusters).
CLUSTER_EDITOR_ROLES = BOARD_ROLES
# Who prepares a unit's nomination dossiers (drafts, entries).
DOSSIER_ROLES = frozenset({"unit_officer", "unit_head", "admin"})
# Who submits, resubmits and withdraws a unit's dossiers (DESIGN.md: only the unit's head submits).
SUBMIT_ROLES = frozenset({"unit_head", "admin"})
# Who serves an authority (Authority.unit): what is addressed to it is theirs to see.
AUTHORITY_ROLES = frozenset({
    "board_officer", "board_head", "council_member", "council_secretary", "council_chair", "signer", "clerk",
    "finance_officer", "admin",
})  # fmt: skip
# The head of the board: assigns, approves, rejects, forwards and closes.
BOARD_HEAD_ROLES = frozenset({"board_head", "admin"})
# The council: members vote; the secretary prepares sessions and enters paper tallies; the chair opens and closes.
COUNCIL_VOTER_ROLES = frozenset({"council_member", "council_secretary", "council_chair"})
COUNCIL_SECRETARY_ROLES = frozenset({"council_secretary", "board_officer", "board_head", "admin"})
COUNCIL_CHAIR_ROLES = frozenset({"council_chair", "admin"})
# Decisions of an authority: the board drafts them; only the signer signs one the system numbers; the clerk (văn
# thư) records the number, date and signed file of one the authority's own book numbers; finance pays.
DECISION_DRAFT_ROLES = BOARD_ROLES
SIGNER_ROLES = frozenset({"signer", "admin"})
CLERK_ROLES = frozenset({"clerk", "signer", "admin"})
FINANCE_ROLES = frozenset({"finance_officer", "board_officer", "board_head", "admin"})


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


def holds_role_at(user, unit: OrgUnit, roles: frozenset[str]) -> bool:
    """True when the user holds one of ``roles`` at exactly ``unit`` (an authority's own people, not its parents')."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.current().filter(user=user, role__code__in=roles, unit=unit).exists()


def has_role(user, roles: frozenset[str]) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.current().filter(user=user, role__code__in=roles).exists()


def is_system_admin(user) -> bool:
    """A superuser, or an ``admin`` at a root of the tree: may run work that touches every unit and person."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        RoleAssignment.objects.current()
        .filter(user=user, role__code__in=UNIT_ADMIN_ROLES, unit__parent__isnull=True)
        .exists()
    )


def is_api_only(user) -> bool:
    """An integrator's account: every role it holds is for the API, so it may not sign in to the UI."""
    if user.is_superuser:
        return False
    flags = set(RoleAssignment.objects.current().filter(user=user).values_list("role__api_only", flat=True))
    return flags == {True}


def can_edit_people_of(user, unit: OrgUnit) -> bool:
    return holds_role_over(user, unit, ORG_EDITOR_ROLES)


def person_units(person: Person) -> list[OrgUnit]:
    """The units whose editors answer for a person: their current units and, for people outside the tree, the
    unit that owns their record. A permission input, so deliberately not narrowed to the asking user's scope."""
    units = list(OrgUnit.objects.filter(memberships__in=Membership.objects.current().filter(person=person)))
    if person.owner_unit_id and all(unit.pk != person.owner_unit_id for unit in units):
        units.append(person.owner_unit)
    return units


def can_edit_person(user, person: Person) -> bool:
    """True when the user edits the people of one of the units that answer for this person."""
    return any(can_edit_people_of(user, unit) for unit in person_units(person))


def can_manage_unit(user, unit: OrgUnit) -> bool:
    return holds_role_over(user, unit, UNIT_ADMIN_ROLES)


def can_edit_cluster(user, organiser: OrgUnit) -> bool:
    return holds_role_over(user, organiser, CLUSTER_EDITOR_ROLES)
