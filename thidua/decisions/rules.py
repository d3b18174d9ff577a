"""Who may do what to a decision, as the pages and the API ask it before calling a service (403 otherwise).

The services (``thidua.decisions.services``) check the same roles again inside their transaction; these predicates
only decide which buttons a page shows and which requests are refused early with a clear message. Every role is
held at the decision's authority's own unit (``holds_role_at``): the board, signer and clerk of one authority act
for no other.
"""

from __future__ import annotations

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
    """A decision signed elsewhere (Thủ tướng, Chủ tịch nước) or before the system, recorded after the fact: the
    authority's board or clerk, or the board of any authority the user serves (the city's board records the Prime
    Minister's decision on its people), as ``services.record_decision`` checks."""
    if holds_role_at(user, authority.unit, BOARD_ROLES | CLERK_ROLES):
        return True
    return Authority.objects.filter(unit_id__in=serving_units(user, BOARD_ROLES)).exists()


def can_pay(user, decision: Decision) -> bool:
    """The payment list names every recipient's amount: the finance office and the board of the authority."""
    return decision.state == DecisionState.SIGNED and holds_role_at(user, decision.authority.unit, FINANCE_ROLES)


def money_units(user) -> list[int] | None:
    """The units whose authorities' totals the user may read (None: every unit, for a superuser)."""
    return None if user.is_superuser else serving_units(user, FINANCE_ROLES)
