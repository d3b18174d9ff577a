import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from thidua.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def admin_job(city_admin):
    return Job.objects.create(
        kind="orgs.reindex_people", title="Lập lại chỉ mục tìm kiếm cá nhân", created_by=city_admin,
        status=JobStatus.SUCCEEDED, done=12, total=12, message="Đã lập chỉ mục 12 cá nhân", result={"people": 12},
    )  # fmt: skip


@pytest.mark.parametrize("path", ["/api/v1/jobs/", "/api/v1/jobs/00000000-0000-0000-0000-000000000000/"])
def test_jobs_api_needs_authentication(path):
    response = APIClient().get(path)

    assert (response.status_code, response["WWW-Authenticate"]) == (401, "Token")


def test_jobs_api_lists_only_the_callers_jobs(admin_job, city_admin, le_chan_officer):
    Job.objects.create(kind="orgs.reindex_people", title="Của người khác", created_by=le_chan_officer)

    response = token_client(city_admin).get("/api/v1/jobs/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(admin_job.pk)]


def test_jobs_api_hides_another_users_job(admin_job, le_chan_officer):
    response = token_client(le_chan_officer).get(f"/api/v1/jobs/{admin_job.pk}/")

    assert response.status_code == 404


def test_jobs_api_shows_status_and_progress_to_the_owner(admin_job, city_admin):
    response = token_client(city_admin).get(f"/api/v1/jobs/{admin_job.pk}/")

    body = response.json()
    assert response.status_code == 200
    assert {key: body[key] for key in ("kind", "status", "status_display", "done", "total", "percent", "result")} == {
        "kind": "orgs.reindex_people",
        "status": "succeeded",
        "status_display": "Hoàn thành",
        "done": 12,
        "total": 12,
        "percent": 100,
        "result": {"people": 12},
    }


def test_jobs_api_is_read_only(admin_job, city_admin):
    response = token_client(city_admin).delete(f"/api/v1/jobs/{admin_job.pk}/")

    assert (response.status_code, Job.objects.filter(pk=admin_job.pk).exists()) == (405, True)
