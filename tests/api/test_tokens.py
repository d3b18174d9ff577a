"""Token authentication and ``thidua createtoken USERNAME``."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def createtoken(*args) -> str:
    out = io.StringIO()
    call_command("createtoken", *args, stdout=out)
    return out.getvalue().strip()


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_createtoken_prints_only_the_key(le_chan_officer):
    assert re.fullmatch(r"[0-9a-f]{40}", createtoken("canbo.lechan"))


def test_createtoken_output_authenticates_an_api_request(le_chan_officer):
    response = client_with(createtoken("canbo.lechan")).get("/api/v1/units/")
    assert (response.status_code, [row["name"] for row in response.json()["results"]]) == (
        200, ["Quận Lê Chân", "Phường An Biên"]
    )  # fmt: skip


def test_createtoken_prints_the_same_key_again(le_chan_officer):
    assert createtoken("canbo.lechan") == createtoken("canbo.lechan")


def test_createtoken_reset_gives_a_new_key(le_chan_officer):
    old = createtoken("canbo.lechan")
    assert createtoken("canbo.lechan", "--reset") != old


def test_createtoken_reset_revokes_the_old_key(le_chan_officer):
    old = createtoken("canbo.lechan")
    createtoken("canbo.lechan", "--reset")
    assert client_with(old).get("/api/v1/units/").status_code == 401


def test_createtoken_for_an_unknown_user_says_so_in_vietnamese(db):
    with pytest.raises(CommandError, match=re.escape("Không có người dùng “ai.do”.")):
        createtoken("ai.do")


def test_createtoken_for_a_locked_user_is_refused(db):
    UserFactory(username="da.nghi", is_active=False)
    with pytest.raises(CommandError, match=re.escape("Người dùng “da.nghi” đã bị khóa.")):
        createtoken("da.nghi")


def test_token_of_a_locked_user_stops_working(le_chan_officer):
    key = createtoken("canbo.lechan")
    le_chan_officer.is_active = False
    le_chan_officer.save()
    response = client_with(key).get("/api/v1/units/")
    assert (response.status_code, response.json()) == (401, {"detail": "Token không hợp lệ hoặc tài khoản đã bị khóa."})


def test_session_of_a_signed_in_user_also_reaches_the_api(le_chan_officer):
    client = APIClient()
    client.force_login(le_chan_officer)
    assert client.get("/api/v1/units/").json()["results"][0]["name"] == "Quận Lê Chân"
