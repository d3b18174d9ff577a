"""Who may do what, as tables: role × place of the role × target unit → allowed."""

import pytest

from tests.conftest import user_with_role
from tests.factories.accounts import UserFactory
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.accounts import rules

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "held_at", "target", "allowed"),
    [
        ("unit_officer", "le_chan", "le_chan", True),
        ("unit_officer", "le_chan", "an_bien", True),
        ("unit_officer", "le_chan", "thuy_nguyen", False),
        ("unit_officer", "le_chan", "root", False),
        ("unit_head", "root", "minh_duc", True),
        ("integrator", "le_chan", "an_bien", True),
        ("board_officer", "root", "an_bien", False),
        ("council_member", "root", "le_chan", False),
    ],
)
def test_can_edit_people_of(city, role, held_at, target, allowed):
    user = user_with_role(role, city[held_at])
    assert rules.can_edit_people_of(user, city[target]) is allowed


@pytest.mark.parametrize(
    ("role", "held_at", "target", "allowed"),
    [
        ("admin", "root", "an_bien", True),
        ("admin", "le_chan", "thuy_nguyen", False),
        ("unit_head", "le_chan", "an_bien", False),
    ],
)
def test_can_manage_unit(city, role, held_at, target, allowed):
    user = user_with_role(role, city[held_at])
    assert rules.can_manage_unit(user, city[target]) is allowed


def test_superuser_may_edit_everywhere(city):
    assert rules.can_edit_people_of(UserFactory(is_superuser=True), city["minh_duc"]) is True


def test_inactive_user_may_edit_nothing(city):
    user = user_with_role("unit_officer", city["le_chan"], is_active=False)
    assert rules.can_edit_people_of(user, city["an_bien"]) is False


def test_can_edit_person_follows_the_persons_current_unit(city, le_chan_officer, thuy_nguyen_person):
    mover = PersonFactory(full_name="Vũ Thị Chuyển")
    MembershipFactory(person=mover, unit=city["an_bien"])
    assert (
        rules.can_edit_person(le_chan_officer, mover),
        rules.can_edit_person(le_chan_officer, thuy_nguyen_person),
    ) == (
        True,
        False,
    )
