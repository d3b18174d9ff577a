"""Who may do what with movements (rules.py, as tables) and what each user sees of them (visible_to)."""

from __future__ import annotations

import pytest

from tests.conftest import user_with_role
from tests.factories.accounts import UserFactory
from tests.factories.movements import MovementFactory
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from thidua.accounts.scoping import scoped
from thidua.movements import rules, services
from thidua.movements.models import ExemplaryModel, Movement, ProgressReport, Registration, UnitPlan
from thidua.orgs.models import ClusterMembership, ClusterRole

pytestmark = pytest.mark.django_db


def user(role: str, unit, name: str):
    return user_with_role(role, unit, username=name)


# --- Movements -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "at", "expected"),
    [
        ("board_officer", "root", True),
        ("board_head", "root", True),
        ("admin", "root", True),
        ("board_officer", "le_chan", False),  # a district's board does not run the city's movement
        ("unit_officer", "root", False),
        ("unit_head", "root", False),
        ("media", "root", False),
    ],
)
def test_can_manage_movement(draft, wards, role, at, expected):
    assert rules.can_manage_movement(user(role, wards[at], "u"), draft) is expected


def test_can_manage_movement_of_a_superuser_and_not_of_an_anonymous_user(draft):
    from django.contrib.auth.models import AnonymousUser

    superuser = UserFactory(username="root", is_superuser=True)
    assert (rules.can_manage_movement(superuser, draft), rules.can_manage_movement(AnonymousUser(), draft)) == (
        True, False,
    )  # fmt: skip


@pytest.mark.parametrize(("role", "at", "expected"), [
    ("unit_officer", "le_chan", True), ("unit_head", "le_chan", True), ("unit_officer", "thuy_nguyen", False),
    ("media", "le_chan", False),
])  # fmt: skip
def test_can_manage_a_sub_movement_as_the_unit_that_launched_it(draft, wards, role, at, expected):
    sub = MovementFactory(issuer_unit=wards["le_chan"], parent=draft, title="Phong trào hưởng ứng của Lê Chân")

    assert rules.can_manage_movement(user(role, wards[at], "u"), sub) is expected


def test_can_manage_movement_not_for_an_inactive_user(draft, wards):
    officer = user("board_officer", wards["root"], "nghi.viec")
    officer.is_active = False

    assert rules.can_manage_movement(officer, draft) is False


@pytest.mark.parametrize(("role", "at", "expected"), [
    ("board_officer", "le_chan", True), ("board_head", "root", True), ("unit_officer", "le_chan", False),
])  # fmt: skip
def test_can_create_movement(wards, role, at, expected):
    assert rules.can_create_movement(user(role, wards[at], "u"), wards["le_chan"]) is expected


@pytest.mark.parametrize(
    ("role", "at", "expected"),
    [
        ("board_officer", "root", True),  # the board side
        ("unit_officer", "health", True),  # any role at a co-organiser
        ("media", "health_office", True),  # or below it
        ("unit_officer", "le_chan", False),  # an obligated unit follows its own answers, not the dashboard
    ],
)
def test_can_view_dashboard(draft, wards, role, at, expected):
    health = OrgUnitFactory(name="Sở Y tế", parent=wards["root"])
    places = {**wards, "health": health, "health_office": OrgUnitFactory(name="Văn phòng Sở", parent=health)}
    services.set_co_organisers(draft, by=None, units=[health])

    assert rules.can_view_dashboard(user(role, places[at], "u"), draft) is expected


# --- Answers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "at", "expected"),
    [
        ("unit_officer", "an_bien", True),
        ("unit_head", "an_bien", True),
        ("integrator", "an_bien", True),
        ("unit_officer", "le_chan", True),  # above the unit
        ("unit_officer", "ho_nam", False),  # a sibling
        ("board_officer", "an_bien", False),
        ("media", "an_bien", False),
    ],
)
def test_can_answer(launched, wards, role, at, expected):
    plan = UnitPlan.objects.get(movement=launched, unit=wards["an_bien"])

    assert rules.can_answer(user(role, wards[at], "u"), plan) is expected


@pytest.mark.parametrize(
    ("role", "at", "expected"),
    [
        ("unit_officer", "le_chan", True),  # An Biên's reviewer is Lê Chân
        ("board_officer", "le_chan", True),
        ("board_head", "root", True),
        ("unit_officer", "an_bien", False),  # a unit does not review itself
        ("unit_officer", "thuy_nguyen", False),
        ("media", "le_chan", False),
    ],
)
def test_can_review_registration(launched, wards, role, at, expected):
    registration = Registration.objects.get(movement=launched, unit=wards["an_bien"])

    assert rules.can_review_registration(user(role, wards[at], "u"), registration) is expected


@pytest.mark.parametrize(
    ("role", "at", "unit", "expected"),
    [
        ("unit_officer", "le_chan", "le_chan", True),
        ("board_officer", "le_chan", "le_chan", True),
        ("unit_officer", "an_bien", "le_chan", False),  # below the unit
        ("unit_officer", "root", "root", False),  # the issuer owes nothing
        ("media", "le_chan", "le_chan", False),
    ],
)
def test_can_launch_sub_movement(launched, wards, role, at, unit, expected):
    assert rules.can_launch_sub_movement(user(role, wards[at], "u"), launched, wards[unit]) is expected


def test_can_launch_sub_movement_not_of_a_draft(draft, wards):
    assert rules.can_launch_sub_movement(user("unit_officer", wards["le_chan"], "u"), draft, wards["le_chan"]) is False


# --- Exemplary models ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [
    ("media", True), ("unit_officer", True), ("unit_head", True), ("board_officer", True), ("admin", True),
    ("integrator", False), ("signer", False),
])  # fmt: skip
def test_can_submit_exemplary(wards, role, expected):
    assert rules.can_submit_exemplary(user(role, wards["le_chan"], "u"), wards["an_bien"]) is expected


def test_can_curate_exemplary_is_the_board_of_the_movement(launched, wards):
    model = ExemplaryModel(movement=launched, proposing_unit=wards["an_bien"], title="Mô hình", story="Câu chuyện")

    board, district_board = user("board_officer", wards["root"], "ban"), user("board_officer", wards["le_chan"], "q")
    assert (rules.can_curate_exemplary(board, model), rules.can_curate_exemplary(district_board, model)) == (
        True, False,
    )  # fmt: skip


def test_can_curate_exemplary_without_a_movement_is_the_board_over_the_proposer(wards):
    model = ExemplaryModel(proposing_unit=wards["an_bien"], title="Mô hình", story="Câu chuyện")

    assert rules.can_curate_exemplary(user("board_officer", wards["le_chan"], "q"), model) is True


# --- Clusters --------------------------------------------------------------------------------------------------


@pytest.fixture
def cluster(wards):
    cluster = ClusterFactory(name="Cụm thi đua các quận", organiser=wards["root"])
    ClusterMembership.objects.create(cluster=cluster, unit=wards["le_chan"], year=2021, role=ClusterRole.LEADER)
    ClusterMembership.objects.create(cluster=cluster, unit=wards["thuy_nguyen"], year=2021)
    return cluster


@pytest.mark.parametrize(
    ("role", "at", "year", "expected"),
    [
        ("cluster_leader", "le_chan", 2021, True),
        ("unit_head", "le_chan", 2021, True),
        ("cluster_leader", "le_chan", 2022, False),  # the leader of another year
        ("cluster_leader", "thuy_nguyen", 2021, False),  # a member, not the leader
        ("unit_officer", "root", 2021, False),  # a role above the leader is not the leader's
        ("board_officer", "root", 2021, True),  # the board over the organiser
    ],
)
def test_can_lead_cluster(cluster, wards, role, at, year, expected):
    assert rules.can_lead_cluster(user(role, wards[at], "u"), cluster, year) is expected


@pytest.mark.parametrize(("role", "expected"), [
    ("unit_officer", True), ("unit_head", True), ("cluster_leader", True), ("media", False),
])  # fmt: skip
def test_can_score_for_and_sign_covenant(wards, role, expected):
    member = user(role, wards["thuy_nguyen"], "u")

    assert (rules.can_score_for(member, wards["thuy_nguyen"]), rules.can_sign_covenant(member, wards["thuy_nguyen"])
            ) == (expected, expected)  # fmt: skip


# --- What each user sees ---------------------------------------------------------------------------------------


@pytest.fixture
def le_chan_only(wards, board_officer):
    """A city movement launched for Lê Chân and its wards only."""
    from tests.movements.conftest import create_launchable

    movement = create_launchable(issuer=wards["root"], scope={"mode": "subtree", "root": wards["le_chan"]})
    return services.launch_movement(movement, by=board_officer)


def test_a_unit_out_of_scope_sees_nothing_of_the_movement(le_chan_only, wards):
    officer = user("unit_officer", wards["thuy_nguyen"], "canbo.tn")

    assert list(scoped(Movement, officer)) == []
    assert [scoped(model, officer).count() for model in (UnitPlan, Registration, ProgressReport)] == [0, 0, 0]


def test_a_ward_under_an_obligated_district_sees_the_launched_movement(launched, wards):
    officer = user("unit_officer", wards["an_bien"], "canbo.ab")

    assert list(scoped(Movement, officer)) == [launched]
    assert list(scoped(UnitPlan, officer).values_list("unit__name", flat=True)) == ["Phường An Biên"]


def test_an_obligated_district_sees_its_wards_answers(le_chan_only, wards, le_chan_officer):
    units = sorted(scoped(Registration, le_chan_officer).values_list("unit__name", flat=True))

    assert units == ["Phường An Biên", "Phường Hồ Nam"]


def test_a_draft_is_seen_by_the_issuer_side_and_co_organisers_only(draft, wards, board_officer, le_chan_officer):
    health = OrgUnitFactory(name="Sở Y tế", parent=wards["root"])
    services.set_co_organisers(draft, by=None, units=[health])
    health_officer = user("unit_officer", health, "canbo.syt")

    seen = [list(scoped(Movement, someone)) for someone in (board_officer, health_officer, le_chan_officer)]

    assert seen == [[draft], [draft], []]


def test_a_co_organiser_sees_every_answer(launched, wards):
    health = OrgUnitFactory(name="Sở Y tế", parent=wards["root"])
    services.set_co_organisers(launched, by=None, units=[health])

    assert scoped(UnitPlan, user("unit_officer", health, "canbo.syt")).count() == 5
