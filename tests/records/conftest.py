"""Scenes of the history tests: the city of tests/conftest.py, award types in three regimes, a school and its
teacher (tests/records/scene.py), and users of each kind at Quận Lê Chân."""

from __future__ import annotations

import pytest

from tests.conftest import user_with_role
from tests.records.scene import make_award_types, make_school


@pytest.fixture
def award_types(db):
    return make_award_types()


@pytest.fixture
def school(city):
    return make_school(city)


@pytest.fixture
def teacher(school):
    return school["teacher"]


@pytest.fixture
def officer(le_chan_officer):
    """Trần Thị Lan, unit officer of Quận Lê Chân."""
    return le_chan_officer


@pytest.fixture
def officer_client(client, le_chan_officer):
    """Trần Thị Lan, unit officer of Quận Lê Chân, signed in: writes the history of Lê Chân."""
    client.force_login(le_chan_officer)
    return client


@pytest.fixture
def no_role_client(client, city):
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory(username="khong.vai.tro", full_name="Phạm Văn Không"))
    return client


@pytest.fixture
def reader_client(client, city):
    """A council member of Quận Lê Chân, signed in: sees Lê Chân's history, may not write it."""
    client.force_login(user_with_role("council_member", city["le_chan"], username="hoidong.lechan"))
    return client
