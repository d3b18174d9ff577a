import pytest

from tests.conftest import user_with_role
from thidua.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_integrator_account_cannot_sign_in_to_the_ui(city, client):
    user_with_role("integrator", city["root"], username="tichhop")
    Role.objects.filter(code="integrator").update(api_only=True)
    response = client.post("/app/login/", {"username": "tichhop", "password": "mat-khau-thu-nghiem"})
    assert "chỉ dùng để kết nối qua API" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unit_officer_signs_in_to_the_ui(le_chan_officer, client):
    response = client.post("/app/login/", {"username": "canbo.lechan", "password": "mat-khau-thu-nghiem"})
    assert (response.status_code, response["Location"]) == (302, "/app/")
