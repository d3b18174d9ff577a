"""Who may write the history (thidua.records.rules), as tables."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import user_with_role
from tests.factories.accounts import UserFactory
from tests.factories.orgs import PersonFactory
from thidua.orgs.models import Household
from thidua.records import rules

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "at", "expected"), [
    ("unit_officer", "le_chan", True),
    ("unit_head", "le_chan", True),
    ("admin", "le_chan", True),
    ("integrator", "le_chan", True),
    ("board_officer", "le_chan", True),
    ("board_head", "root", True),
    ("unit_officer", "an_bien", True),
    ("unit_officer", "thuy_nguyen", False),  # another district
    ("council_member", "le_chan", False),
    ("media", "le_chan", False),
    ("signer", "root", False),
])  # fmt: skip
def test_can_write_history_of_a_person(city, le_chan_person, role, at, expected):
    assert rules.can_write_history_of(user_with_role(role, city[at]), le_chan_person) is expected


@pytest.mark.parametrize(("role", "at", "expected"), [
    ("unit_officer", "le_chan", True),
    ("unit_officer", "an_bien", True),
    ("unit_officer", "minh_duc", False),
    ("board_officer", "root", True),
    ("council_member", "root", False),
])  # fmt: skip
def test_can_write_history_of_a_unit(city, role, at, expected):
    assert rules.can_write_history_of(user_with_role(role, city[at]), city["an_bien"]) is expected


def test_can_write_history_of_a_person_outside_the_tree_by_the_unit_owning_the_record(city):
    outsider = PersonFactory(full_name="Nguyễn Văn Dân", owner_unit=city["an_bien"])
    officer, other = user_with_role("unit_officer", city["le_chan"]), user_with_role("unit_officer", city["minh_duc"])
    assert (rules.can_write_history_of(officer, outsider), rules.can_write_history_of(other, outsider)) == (True, False)


def test_can_write_history_of_a_household_by_its_commune(city):
    household = Household.objects.create(name="Hộ ông Nguyễn Văn An", unit=city["an_bien"])
    officer, other = user_with_role("unit_officer", city["le_chan"]), user_with_role("unit_officer", city["minh_duc"])
    assert (rules.can_write_history_of(officer, household), rules.can_write_history_of(other, household)) == (
        True, False
    )  # fmt: skip


def test_can_write_history_of_a_superuser_and_not_of_anonymous_or_inactive_users(city, le_chan_person):
    superuser = UserFactory(username="root", is_superuser=True)
    inactive = user_with_role("unit_officer", city["le_chan"], is_active=False)
    assert (
        rules.can_write_history_of(superuser, le_chan_person),
        rules.can_write_history_of(AnonymousUser(), le_chan_person),
        rules.can_write_history_of(inactive, le_chan_person),
    ) == (True, False, False)


def test_can_write_initiative_needs_one_current_subject_and_every_added_one(city, le_chan_person, thuy_nguyen_person):
    officer = user_with_role("unit_officer", city["le_chan"])
    assert (
        rules.can_write_initiative(officer, added=[le_chan_person]),
        rules.can_write_initiative(officer, added=[le_chan_person, thuy_nguyen_person]),
        rules.can_write_initiative(officer, current=[le_chan_person, thuy_nguyen_person]),
        rules.can_write_initiative(officer, current=[thuy_nguyen_person]),
        rules.can_write_initiative(officer, current=[le_chan_person], added=[city["minh_duc"]]),
        rules.can_write_initiative(officer),
    ) == (True, False, True, False, False, False)
