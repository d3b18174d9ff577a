"""Fixtures of the staff UI tests: signed-in clients for the users of the Hải Phòng scene (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import user_with_role
from tests.factories.accounts import UserFactory


@pytest.fixture
def officer_client(client, le_chan_officer):
    """Trần Thị Lan, unit officer of Quận Lê Chân: sees and edits the people of Lê Chân and its wards."""
    client.force_login(le_chan_officer)
    return client


@pytest.fixture
def no_role_client(client, city):
    """A signed-in user holding no role anywhere: sees nothing."""
    client.force_login(UserFactory(username="khong.vai.tro", full_name="Phạm Văn Không"))
    return client


@pytest.fixture
def le_chan_viewer(city):
    """A board officer at Quận Lê Chân: sees Lê Chân but may not edit its people or units."""
    return user_with_role("board_officer", city["le_chan"], username="ban.lechan", full_name="Vũ Thị Xem")


@pytest.fixture
def viewer_client(client, le_chan_viewer):
    client.force_login(le_chan_viewer)
    return client


@pytest.fixture
def le_chan_admin(city):
    """An administrator at Quận Lê Chân: may manage Lê Chân's units."""
    return user_with_role("admin", city["le_chan"], username="quantri.lechan", full_name="Hoàng Văn Quản")


@pytest.fixture
def admin_client(client, le_chan_admin):
    client.force_login(le_chan_admin)
    return client
