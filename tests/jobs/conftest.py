"""Job scenes: an administrator who may start the reindex job, an officer who may not, and a few people."""

from __future__ import annotations

import pytest

from tests.conftest import user_with_role
from tests.factories.orgs import MembershipFactory, PersonFactory


@pytest.fixture
def city_admin(city):
    return user_with_role("admin", city["root"], username="quantri.thanhpho", full_name="Phạm Văn Quản")


@pytest.fixture
def people(city):
    """Five people of Phường An Biên."""
    result = []
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Văn Đức"):
        person = PersonFactory(full_name=name)
        MembershipFactory(person=person, unit=city["an_bien"])
        result.append(person)
    return result
