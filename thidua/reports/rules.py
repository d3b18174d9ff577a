"""Who may read the reports of their scope: the board (Ban Thi đua - Khen thưởng), the leaders who answer for the
scope (unit heads, signers) and integrators through the API. Everyone reads only their own scope (the querysets
start from ``accounts.scoping.scoped``); these predicates say whether they may open a report at all."""

from __future__ import annotations

from thidua.accounts.rules import BOARD_ROLES, has_role
from thidua.movements import rules as movement_rules

REPORT_ROLES = BOARD_ROLES | frozenset({"unit_head", "signer", "integrator"})


def can_view_reports(user) -> bool:
    """The year report and the official forms of the user's scope."""
    return has_role(user, REPORT_ROLES)


def can_view_movement_report(user, movement) -> bool:
    """A movement's report: report readers of a scope the movement reaches, and whoever follows its answers (the
    issuer's board side, the co-organisers)."""
    return can_view_reports(user) or movement_rules.can_view_dashboard(user, movement)
