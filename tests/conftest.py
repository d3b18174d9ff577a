"""Scene fixtures shared by every app's tests. Deeper conftest files add their own."""

from __future__ import annotations

import pytest

from tests.factories.accounts import RoleAssignmentFactory, RoleFactory, UserFactory
from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory, UnitKindFactory


@pytest.fixture
def city(db):
    """Thành phố Hải Phòng with two districts, Lê Chân and Thủy Nguyên, and one ward in each."""
    city_kind = UnitKindFactory(code="city", name="Thành phố trực thuộc Trung ương", level=1, is_locality=True)
    district_kind = UnitKindFactory(code="district", name="Quận, huyện", level=2, is_locality=True)
    ward_kind = UnitKindFactory(code="ward", name="Xã, phường, thị trấn", level=3, is_locality=True)
    root = OrgUnitFactory(code="HP", name="Thành phố Hải Phòng", kind=city_kind)
    le_chan = OrgUnitFactory(code="HP-LC", name="Quận Lê Chân", kind=district_kind, parent=root)
    thuy_nguyen = OrgUnitFactory(code="HP-TN", name="Huyện Thủy Nguyên", kind=district_kind, parent=root)
    return {
        "root": root,
        "le_chan": le_chan,
        "thuy_nguyen": thuy_nguyen,
        "an_bien": OrgUnitFactory(code="HP-LC-AB", name="Phường An Biên", kind=ward_kind, parent=le_chan),
        "minh_duc": OrgUnitFactory(code="HP-TN-MD", name="Thị trấn Minh Đức", kind=ward_kind, parent=thuy_nguyen),
    }


def user_with_role(role_code: str, unit, **user_fields):
    """A user holding one role at one unit."""
    user = UserFactory(**user_fields)
    RoleAssignmentFactory(user=user, role=RoleFactory(code=role_code), unit=unit)
    return user


@pytest.fixture
def le_chan_officer(city):
    return user_with_role("unit_officer", city["le_chan"], username="canbo.lechan", full_name="Trần Thị Lan")


@pytest.fixture
def thuy_nguyen_person(city):
    person = PersonFactory(full_name="Đặng Văn Đức")
    MembershipFactory(person=person, unit=city["minh_duc"])
    return person


@pytest.fixture
def le_chan_person(city):
    person = PersonFactory(full_name="Nguyễn Thị Hoa")
    MembershipFactory(person=person, unit=city["an_bien"])
    return person
