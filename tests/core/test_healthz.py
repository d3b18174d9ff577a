import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_migrations_and_jobs(client):
    response = client.get("/healthz")
    body = response.json()
    assert (response.status_code, body["ok"], body["database"]["ok"], body["migrations"]) == (
        200,
        True,
        True,
        {"ok": True, "pending": 0},
    )
    assert body["jobs"]["backend"] in {"inprocess", "celery"}


def test_healthz_needs_no_login(client):
    assert client.get("/healthz")["Content-Type"] == "application/json"
