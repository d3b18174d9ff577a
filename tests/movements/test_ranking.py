"""The written rule for totals, ranks, ties and proposals (docs/cluster-scoring.md), one test per step and
tie-breaker. The rule is pure Python over criteria and counted scores, so these tests need no database; the flow
through the services (what counts as submitted, what is stored, what lock does) is in test_scoring.py."""

from __future__ import annotations

from decimal import Decimal

from thidua.movements import scoring
from thidua.movements.enums import CriterionKind, CriterionSource, Proposal, ScoreKind
from thidua.movements.models import SheetCriterion, SheetMember
from thidua.orgs.models import OrgUnit

D = Decimal
A, B, C, E = 1, 2, 3, 4  # member ids


def crit(pk, max_points, *, parent=None, kind=CriterionKind.STANDARD, weight="1", source=CriterionSource.MANUAL):
    return SheetCriterion(pk=pk, parent_id=parent, code=str(pk), text=f"Tiêu chí {pk}", position=pk,
                          max_points=D(max_points), weight=D(weight), kind=kind, source=source)  # fmt: skip


def cross(member, criterion, points):
    return (member, criterion, ScoreKind.CROSS, D(points))


def own(member, criterion, points):
    return (member, criterion, ScoreKind.SELF, D(points))


def computed(member, criterion, points):
    return (member, criterion, ScoreKind.COMPUTED, D(points))


def ranks_of(criteria, members, scores):
    return scoring.rank(scoring.standings(criteria, members, scores).values())


def sheet_members(ranks: dict[int, int]) -> list[SheetMember]:
    """Unsaved member rows carrying only what cut_ties reads."""
    members = []
    for pk, member_rank in ranks.items():
        member = SheetMember(pk=pk, rank=member_rank)
        member.unit = OrgUnit(name=f"Đơn vị {pk}", sort_key=f"{pk:04d}")
        members.append(member)
    return members


# --- Step 1: a leaf's points ---------------------------------------------------------------------------------


def test_leaf_points_are_the_mean_of_cross_scores_when_there_is_one():
    criteria = [crit(1, "10")]

    points = scoring.member_points(criteria, [own(A, 1, "10"), cross(A, 1, "6"), cross(A, 1, "7.5")])

    assert points[A][1] == D("6.75")


def test_leaf_points_fall_back_to_the_self_score_without_cross_scores():
    points = scoring.member_points([crit(1, "10")], [own(A, 1, "8.5")])

    assert points[A][1] == D("8.5")


def test_leaf_points_are_zero_without_any_counted_score():
    result = scoring.standings([crit(1, "10")], [A], [])

    assert result[A].base_total == D("0")


def test_leaf_points_of_a_computed_criterion_are_the_computed_value():
    criteria = [crit(1, "10", source=CriterionSource.REGISTRATION_ON_TIME)]

    points = scoring.member_points(criteria, [computed(A, 1, "0"), own(A, 1, "10"), cross(A, 1, "10")])

    assert points[A][1] == D("0")


def test_leaf_points_are_capped_at_the_criterion_maximum():
    # A maximum lowered after scoring (or data from before the check) never gives more than the maximum.
    points = scoring.member_points([crit(1, "5")], [cross(A, 1, "7")])

    assert points[A][1] == D("5")


# --- Step 2: a parent's points -------------------------------------------------------------------------------


def test_parent_points_are_the_sum_of_its_children():
    criteria = [crit(1, "30"), crit(2, "20", parent=1), crit(3, "10", parent=1)]

    points = scoring.member_points(criteria, [own(A, 2, "12"), own(A, 3, "7")])

    assert points[A][1] == D("19")


def test_sub_criterion_never_lifts_the_parent_above_its_maximum():
    criteria = [crit(1, "30"), crit(2, "20", parent=1), crit(3, "15", parent=1)]

    points = scoring.member_points(criteria, [own(A, 2, "20"), own(A, 3, "15")])

    assert points[A][1] == D("30")
    assert scoring.standings(criteria, [A], [own(A, 2, "20"), own(A, 3, "15")])[A].base_total == D("30")


# --- Step 3: totals --------------------------------------------------------------------------------------------


def test_totals_weight_top_level_criteria_and_add_bonus_minus_penalty():
    criteria = [
        crit(1, "10", weight="2"),
        crit(2, "10"),
        crit(3, "5", kind=CriterionKind.BONUS),
        crit(4, "5", kind=CriterionKind.PENALTY, weight="1.5"),
    ]
    scores = [own(A, 1, "8"), own(A, 2, "6"), own(A, 3, "3"), own(A, 4, "2")]

    standing = scoring.standings(criteria, [A], scores)[A]

    assert (standing.base_total, standing.bonus, standing.penalty) == (D("22"), D("3"), D("3.0"))
    assert standing.total == D("22")


def test_total_is_never_below_zero():
    criteria = [crit(1, "10"), crit(2, "10", kind=CriterionKind.PENALTY)]

    standing = scoring.standings(criteria, [A], [own(A, 1, "2"), own(A, 2, "5")])[A]

    assert standing.total == D("0")


def test_totals_are_not_rounded_on_the_way():
    standing = scoring.standings([crit(1, "10")], [A], [cross(A, 1, "3.32"), cross(A, 1, "3.33")])[A]

    assert standing.total == D("3.325")


# --- Step 4: ranks ---------------------------------------------------------------------------------------------


def test_rank_orders_by_total_highest_first():
    criteria = [crit(1, "100")]

    ranks = ranks_of(criteria, [A, B, C], [own(A, 1, "70"), own(B, 1, "90"), own(C, 1, "80")])

    assert ranks == {B: (1, False), C: (2, False), A: (3, False)}


def test_equal_totals_are_broken_by_higher_base_total():
    criteria = [crit(1, "100"), crit(2, "10", kind=CriterionKind.BONUS)]
    # A: 80 + 5 bonus = 85; B: 85 on the criteria alone.
    ranks = ranks_of(criteria, [A, B], [own(A, 1, "80"), own(A, 2, "5"), own(B, 1, "85")])

    assert ranks == {B: (1, False), A: (2, False)}


def test_equal_totals_and_base_are_broken_by_lower_penalty():
    criteria = [crit(1, "100"), crit(2, "10", kind=CriterionKind.BONUS), crit(3, "10", kind=CriterionKind.PENALTY)]
    # Both 80 on the criteria and 81 in all: A with 2 bonus and 1 penalty, B with 1 bonus and no penalty.
    scores = [own(A, 1, "80"), own(A, 2, "2"), own(A, 3, "1"), own(B, 1, "80"), own(B, 2, "1")]

    ranks = ranks_of(criteria, [A, B], scores)

    assert ranks == {B: (1, False), A: (2, False)}


def test_then_by_more_top_level_standard_criteria_at_their_maximum():
    criteria = [crit(1, "10"), crit(2, "10")]
    # Both 15: A has criterion 1 at its maximum, B none.
    ranks = ranks_of(criteria, [A, B], [own(A, 1, "10"), own(A, 2, "5"), own(B, 1, "8"), own(B, 2, "7")])

    assert ranks == {A: (1, False), B: (2, False)}


def test_a_parent_at_its_maximum_counts_for_the_maximum_tie_breaker():
    criteria = [crit(1, "10"), crit(2, "6", parent=1), crit(3, "6", parent=1), crit(4, "10")]
    # Both 15; A's parent 1 is capped at its maximum 10 (6 + 6 = 12), B reaches no maximum.
    scores = [own(A, 2, "6"), own(A, 3, "6"), own(A, 4, "5"), own(B, 2, "4"), own(B, 3, "4"), own(B, 4, "7")]

    ranks = ranks_of(criteria, [A, B], scores)

    assert ranks == {A: (1, False), B: (2, False)}


def test_members_still_equal_share_the_rank_and_are_tied():
    criteria = [crit(1, "100")]

    ranks = ranks_of(criteria, [A, B, C], [own(A, 1, "90"), own(B, 1, "90"), own(C, 1, "70")])

    assert ranks == {A: (1, True), B: (1, True), C: (3, False)}


def test_shared_rank_in_the_middle_skips_the_next_places():
    criteria = [crit(1, "100")]
    scores = [own(A, 1, "95"), own(B, 1, "80"), own(C, 1, "80"), own(E, 1, "60")]

    ranks = ranks_of(criteria, [A, B, C, E], scores)

    assert ranks == {A: (1, False), B: (2, True), C: (2, True), E: (4, False)}


def test_ranks_compare_the_stored_figures():
    # 3.325 and 3.33 are both stored as 3.33 (ROUND_HALF_UP): members showing the same total are equal.
    criteria = [crit(1, "10")]
    scores = [cross(A, 1, "3.32"), cross(A, 1, "3.33"), own(B, 1, "3.33")]

    ranks = ranks_of(criteria, [A, B], scores)

    assert ranks == {A: (1, True), B: (1, True)}


# --- Step 5: proposals -----------------------------------------------------------------------------------------


def test_proposals_give_flags_then_certificates_then_nothing():
    proposals = [scoring.proposal_for(rank, flag_count=1, certificate_count=2) for rank in (1, 2, 3, 4)]

    assert proposals == [Proposal.FLAG, Proposal.CERTIFICATE, Proposal.CERTIFICATE, Proposal.NONE]


def test_tie_across_the_flag_cut_proposes_both_for_the_flag_and_asks_for_a_vote():
    members = sheet_members({A: 1, B: 1, C: 3})

    proposals = {m.pk: scoring.proposal_for(m.rank, flag_count=1, certificate_count=1) for m in members}
    ties = scoring.cut_ties(members, flag_count=1, certificate_count=1)

    # The tie takes the second place too: rank 3 is beyond the flag and certificate places (1 + 1).
    assert proposals == {A: Proposal.FLAG, B: Proposal.FLAG, C: Proposal.NONE}
    assert {key: [m.pk for m in group] for key, group in ties.items()} == {Proposal.FLAG: [A, B]}


def test_tie_across_the_certificate_cut_proposes_all_tied_for_the_certificate():
    members = sheet_members({A: 1, B: 2, C: 2, E: 4})

    proposals = {m.pk: scoring.proposal_for(m.rank, flag_count=1, certificate_count=1) for m in members}
    ties = scoring.cut_ties(members, flag_count=1, certificate_count=1)

    assert proposals == {A: Proposal.FLAG, B: Proposal.CERTIFICATE, C: Proposal.CERTIFICATE, E: Proposal.NONE}
    assert {key: [m.pk for m in group] for key, group in ties.items()} == {Proposal.CERTIFICATE: [B, C]}


def test_tie_inside_the_flag_places_needs_no_vote():
    members = sheet_members({A: 1, B: 1, C: 3})

    proposals = {m.pk: scoring.proposal_for(m.rank, flag_count=2, certificate_count=0) for m in members}

    assert proposals == {A: Proposal.FLAG, B: Proposal.FLAG, C: Proposal.NONE}
    assert scoring.cut_ties(members, flag_count=2, certificate_count=0) == {}


def test_tie_across_both_cuts_is_named_once_at_the_flag():
    members = sheet_members({A: 1, B: 1, C: 1})

    ties = scoring.cut_ties(members, flag_count=1, certificate_count=1)

    assert {key: [m.pk for m in group] for key, group in ties.items()} == {Proposal.FLAG: [A, B, C]}
