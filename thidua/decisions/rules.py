"""Who may do what to a decision, as the pages and the API ask it before calling a service (403 otherwise).

The services (``thidua.decisions.services``) check the same roles again inside their transaction; these predicates
only decide which buttons a page shows and which requests are refused early with a clear message. Every role is
held at the decision's authority's own unit (``holds_role_at``): the board, signer and clerk of one authority act
for no other.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import (
    BOARD_ROLES,
    CLERK_ROLES,
    DECISION_DRAFT_ROLES,
    FINANCE_ROLES,
    SIGNER_ROLES,
    holds_role_at,
)
from thidua.catalog.models import Authority
from thidua.decisions.enums import DecisionState, Numbering
from thidua.decisions.models import Decision

# Who prints the certificates of a signed decision: its board and its clerical office.
PRINT_ROLES = BOARD_ROLES | CLERK_ROLES
# Who records a decision of their own authority signed before the system or outside it: its board and its clerk.
RECORD_ROLES = BOARD_ROLES | CLERK_ROLES


def serving_units(user, roles: frozenset[str]) -> list[int]:
    """The units where the user holds one of ``roles`` now (the authorities seated there are theirs to act for)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        RoleAssignment.objects.current().filter(user=user, role__code__in=roles).values_list("unit_id", flat=True)
    )


def drafting_authorities(user):
    """The authorities inside the deployment whose decisions the user may draft (board roles at their unit)."""
    authorities = Authority.objects.filter(unit__is_external=False).select_related("unit", "kind")
    if not user.is_superuser:
        authorities = authorities.filter(unit_id__in=serving_units(user, DECISION_DRAFT_ROLES))
    return authorities.order_by("unit__path", "name")


def can_draft(user, authority: Authority) -> bool:
    return holds_role_at(user, authority.unit, DECISION_DRAFT_ROLES)


def may_draft_any(user) -> bool:
    return user.is_superuser or bool(serving_units(user, DECISION_DRAFT_ROLES))


def can_edit(user, decision: Decision) -> bool:
    """A draft, by the board of its authority: header, items, deletion."""
    return decision.state == DecisionState.DRAFT and can_draft(user, decision.authority)


def sign_roles(decision: Decision) -> frozenset[str]:
    """The system numbers it: only the signer signs; the clerical office's book numbers it: the clerk records it."""
    return SIGNER_ROLES if decision.register.numbering == Numbering.INTERNAL else CLERK_ROLES


def can_sign(user, decision: Decision) -> bool:
    return decision.state == DecisionState.DRAFT and holds_role_at(user, decision.authority.unit, sign_roles(decision))


def can_amend(user, decision: Decision) -> bool:
    """A correcting or revoking decision is drafted by the board of the authority that signed the first one."""
    return decision.state == DecisionState.SIGNED and can_draft(user, decision.authority)


def can_print(user, decision: Decision) -> bool:
    return decision.state == DecisionState.SIGNED and holds_role_at(user, decision.authority.unit, PRINT_ROLES)


def can_record(user, authority: Authority) -> bool:
    """A decision signed before the system or outside it, recorded after the fact: the authority's board or clerk;
    for an authority outside the deployment (Thủ tướng, Chủ tịch nước), the board of any authority the user serves
    (the city's board records the Prime Minister's decision on its people). Another authority of the deployment keeps
    its own register, which only its board and clerk write in."""
    if holds_role_at(user, authority.unit, RECORD_ROLES):
        return True
    return authority.unit.is_external and _serves_a_board(user)


def _serves_a_board(user) -> bool:
    return Authority.objects.filter(unit_id__in=serving_units(user, BOARD_ROLES)).exists()


def recording_authorities(user) -> QuerySet[Authority]:
    """The authorities the record page offers, those ``can_record`` allows: seated where the user is on the board or
    the clerical office, and, for a board serving an authority, the central ones outside the deployment."""
    authorities = Authority.objects.select_related("unit", "kind")
    if not user.is_superuser:
        offered = Q(unit_id__in=serving_units(user, RECORD_ROLES))
        if _serves_a_board(user):
            offered |= Q(unit__is_external=True)
        authorities = authorities.filter(offered)
    return authorities.order_by("unit__is_external", "unit__path", "name")


def may_record_any(user) -> bool:
    return user.is_authenticated and recording_authorities(user).exists()


def can_pay(user, decision: Decision) -> bool:
    """The payment list names every recipient's amount: the finance office and the board of the authority."""
    return decision.state == DecisionState.SIGNED and holds_role_at(user, decision.authority.unit, FINANCE_ROLES)


def money_units(user) -> list[int] | None:
    """The units whose authorities' totals the user may read (None: every unit, for a superuser)."""
    return None if user.is_superuser else serving_units(user, FINANCE_ROLES)
