"""Who may do what with movements, answers, exemplary models and clusters (ISSUE3 "Roles"); tested as tables.

Every predicate is "holds one of these roles at the unit or above it" (``holds_role_over``), except the cluster
leader side, which holds its role at the leading unit itself.
"""

from __future__ import annotations

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, can_edit_cluster, holds_role_over
from thidua.orgs.models import Cluster, ClusterMembership, ClusterRole, OrgUnit, subtree_range

# The board side of a movement (accounts.rules.BOARD_ROLES) runs it for the issuing unit.
# The unit side: they edit and send the unit's plan, registration and reports (integrators do it by the API).
ANSWER_ROLES = frozenset({"unit_officer", "unit_head", "admin", "integrator"})
# Who reviews a registration at its reviewer unit, and who launches a sub-movement for an obligated unit.
REVIEW_ROLES = frozenset({"unit_officer", "unit_head", "board_officer", "board_head", "admin"})
# Who submits exemplary models for a unit (the media for their own newsroom).
EXEMPLARY_ROLES = frozenset({"unit_officer", "unit_head", "media", "board_officer", "board_head", "admin"})
# Who leads a cluster at its leading unit.
CLUSTER_LEADER_ROLES = frozenset({"cluster_leader", "unit_head", "unit_officer"})
# Who acts for a member unit of a cluster: scores, signs the covenant (the cluster leader for the leading unit).
CLUSTER_MEMBER_ROLES = frozenset({"unit_officer", "unit_head", "cluster_leader"})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_create_movement(user, unit: OrgUnit) -> bool:
    """The board side of ``unit`` issues movements in its name."""
    return _active(user) and holds_role_over(user, unit, BOARD_ROLES)


def can_manage_movement(user, movement) -> bool:
    """The board side of the issuer edits, launches, amends, closes, reminds and curates. A sub-movement (a unit
    answering its parent's movement for its own units) is run by those who may launch it: the unit's officers too,
    since a district or a department seldom has a board of its own."""
    if not _active(user):
        return False
    roles = REVIEW_ROLES if movement.parent_id else BOARD_ROLES
    return holds_role_over(user, movement.issuer_unit, roles)


def is_co_organiser(user, movement) -> bool:
    """Any current role at a co-organiser, in its subtree or above it."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    organisers = list(movement.co_organisers.all())
    if not organisers:
        return False
    held = RoleAssignment.objects.current().filter(user=user).values_list("unit__path", flat=True)
    for path in held:
        for organiser in organisers:
            low, high = subtree_range(organiser.path)
            if low <= path < high or organiser.path.startswith(path):
                return True
    return False


def can_view_dashboard(user, movement) -> bool:
    """The board side and the co-organisers follow who has answered."""
    return can_manage_movement(user, movement) or is_co_organiser(user, movement)


def can_answer(user, answer) -> bool:
    """The unit side of the answering unit (or above it) edits and sends its plan, registration or report."""
    return _active(user) and holds_role_over(user, answer.unit, ANSWER_ROLES)


def can_review_registration(user, registration) -> bool:
    """Review roles over the registration's reviewer unit (the board side when the reviewer is the issuer)."""
    return _active(user) and holds_role_over(user, registration.reviewer_unit, REVIEW_ROLES)


def can_launch_sub_movement(user, parent, unit: OrgUnit) -> bool:
    """Review roles over a unit that owes the launched parent movement an answer."""
    from thidua.movements.enums import MovementState
    from thidua.movements.models import UnitPlan

    return (
        _active(user)
        and parent.state == MovementState.LAUNCHED
        and holds_role_over(user, unit, REVIEW_ROLES)
        and UnitPlan.objects.filter(movement=parent, unit=unit).exists()
    )


def can_submit_exemplary(user, unit: OrgUnit) -> bool:
    """Unit officers, heads, the media and the board submit exemplary models for a unit they hold the role over."""
    return _active(user) and holds_role_over(user, unit, EXEMPLARY_ROLES)


def can_curate_exemplary(user, model) -> bool:
    """The board side of the model's movement, or without a movement the board over the proposing unit."""
    if model.movement_id:
        return can_manage_movement(user, model.movement)
    return _active(user) and holds_role_over(user, model.proposing_unit, BOARD_ROLES)


def can_lead_cluster(user, cluster: Cluster, year: int) -> bool:
    """Leader roles at the unit leading the cluster that year, or the board over the cluster's organiser."""
    if not _active(user):
        return False
    if user.is_superuser or can_edit_cluster(user, cluster.organiser):
        return True
    leaders = ClusterMembership.objects.filter(cluster=cluster, year=year, role=ClusterRole.LEADER).values("unit_id")
    return (
        RoleAssignment.objects.current()
        .filter(user=user, role__code__in=CLUSTER_LEADER_ROLES, unit_id__in=leaders)
        .exists()
    )


def can_score_for(user, unit: OrgUnit) -> bool:
    """Member roles over a scoring unit (the service checks it is a member of the cluster that year)."""
    return _active(user) and holds_role_over(user, unit, CLUSTER_MEMBER_ROLES)


def can_sign_covenant(user, unit: OrgUnit) -> bool:
    """Member roles over the signing unit (the service checks it is a member of the cluster that year)."""
    return _active(user) and holds_role_over(user, unit, CLUSTER_MEMBER_ROLES)
