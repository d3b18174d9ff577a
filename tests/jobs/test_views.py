import time

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories.accounts import UserFactory
from thidua.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_job(city_admin):
    return Job.objects.create(
        kind="orgs.reindex_people", title="Lập lại chỉ mục tìm kiếm cá nhân", created_by=city_admin,
        status=JobStatus.RUNNING, done=3, total=12, message="Đã lập chỉ mục 3/12 cá nhân",
    )  # fmt: skip


@pytest.fixture
def admin_client(client, city_admin):
    client.force_login(city_admin)
    return client


@pytest.fixture
def other_client(client, le_chan_officer):
    client.force_login(le_chan_officer)
    return client


# --- list -----------------------------------------------------------------------------------------------


def test_job_list_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("jobs:list"))

    assert (response.status_code, response["Location"]) == (302, "/app/login/?next=/app/jobs/")


def test_job_list_shows_the_users_own_jobs_and_the_start_button(admin_client, admin_job):
    html = admin_client.get(reverse("jobs:list")).content.decode()

    assert reverse("jobs:detail", args=[admin_job.pk]) in html
    assert "25%" in html
    assert f'action="{reverse("jobs:start-reindex")}"' in html


def test_job_list_hides_other_users_jobs_and_the_start_button(other_client, admin_job):
    html = other_client.get(reverse("jobs:list")).content.decode()

    assert reverse("jobs:detail", args=[admin_job.pk]) not in html
    assert "Bạn chưa chạy tác vụ nền nào." in html
    assert reverse("jobs:start-reindex") not in html


@pytest.mark.parametrize("count", [1, 3])
def test_job_list_query_count_does_not_grow_with_jobs(admin_client, city_admin, django_assert_num_queries, count):
    for _index in range(count):
        Job.objects.create(kind="orgs.reindex_people", title="Thử", created_by=city_admin)
    admin_client.get(reverse("jobs:list"))  # warm the content types cache

    # session, user, the user's scope, the jobs with their creators, the start-button rule, the header's roles
    with django_assert_num_queries(6):
        response = admin_client.get(reverse("jobs:list"))

    assert response.content.decode().count('<th scope="row"><a href="/app/jobs/') == count


# --- detail and progress -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jobs:detail", "jobs:progress"])
def test_job_pages_send_anonymous_visitors_to_login(client, admin_job, name):
    response = client.get(reverse(name, args=[admin_job.pk]))

    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/app/login/")


@pytest.mark.parametrize("name", ["jobs:detail", "jobs:progress"])
def test_job_pages_of_another_user_are_not_found(other_client, admin_job, name):
    assert other_client.get(reverse(name, args=[admin_job.pk])).status_code == 404


def test_job_page_shows_progress_and_polls_while_running(admin_client, admin_job):
    response = admin_client.get(reverse("jobs:detail", args=[admin_job.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert '<progress class="job-progress__bar" max="100" value="25"' in html
    assert "25% — đã xử lý 3/12" in html
    assert f'hx-get="{reverse("jobs:progress", args=[admin_job.pk])}" hx-trigger="every 1s"' in html


def test_progress_fragment_stops_polling_once_finished(admin_client, admin_job):
    Job.objects.filter(pk=admin_job.pk).update(status=JobStatus.SUCCEEDED, done=12, message="Đã lập chỉ mục 12 cá nhân")

    response = admin_client.get(reverse("jobs:progress", args=[admin_job.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="job-progress"')
    assert 'data-status="succeeded"' in html
    assert "Đã lập chỉ mục 12 cá nhân" in html
    assert "hx-trigger" not in html


def test_superuser_sees_any_job(client, admin_job):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))

    assert "Đã lập chỉ mục 3/12 cá nhân" in client.get(reverse("jobs:detail", args=[admin_job.pk])).content.decode()


# --- starting the reindex job ---------------------------------------------------------------------------


def test_start_reindex_sends_anonymous_visitors_to_login(client):
    response = client.post(reverse("jobs:start-reindex"))

    assert (response.status_code, response["Location"].split("?")[0], Job.objects.count()) == (302, "/app/login/", 0)


def test_start_reindex_is_forbidden_without_the_admin_role(other_client):
    response = other_client.post(reverse("jobs:start-reindex"))

    assert (response.status_code, Job.objects.count()) == (403, 0)


def test_start_reindex_is_forbidden_to_the_admin_of_one_ward(client, city):
    from tests.conftest import user_with_role

    client.force_login(user_with_role("admin", city["an_bien"], username="quantri.anbien"))
    assert (client.post(reverse("jobs:start-reindex")).status_code, Job.objects.count()) == (403, 0)


def test_start_reindex_while_one_runs_opens_the_running_job(admin_client, admin_job):
    response = admin_client.post(reverse("jobs:start-reindex"))
    assert (response["Location"], Job.objects.count()) == (reverse("jobs:detail", args=[admin_job.pk]), 1)


def test_start_reindex_refuses_get(admin_client):
    assert (admin_client.get(reverse("jobs:start-reindex")).status_code, Job.objects.count()) == (405, 0)


def test_start_reindex_creates_the_job_and_opens_its_page(admin_client, city_admin):
    response = admin_client.post(reverse("jobs:start-reindex"))

    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, reverse("jobs:detail", args=[job.pk]))
    assert (job.kind, job.title, job.created_by) == (
        "orgs.reindex_people",
        "Lập lại chỉ mục tìm kiếm cá nhân",
        city_admin,
    )


# --- end to end, in a thread of the web process --------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@override_settings(THIDUA_JOBS_EAGER=False, CELERY_BROKER_URL="")
def test_job_started_from_the_ui_reports_progress_and_finishes_in_a_thread(client, city_admin, people):
    client.force_login(city_admin)

    response = client.post(reverse("jobs:start-reindex"))
    job = Job.objects.get()
    progress_url = reverse("jobs:progress", args=[job.pk])
    deadline = time.monotonic() + 30
    html = client.get(progress_url).content.decode()
    while 'data-status="succeeded"' not in html and 'data-status="failed"' not in html:
        assert time.monotonic() < deadline, html
        time.sleep(0.1)
        html = client.get(progress_url).content.decode()

    job.refresh_from_db()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.backend, job.done, job.total, job.message) == (
        JobStatus.SUCCEEDED, "thread", 5, 5, "Đã lập chỉ mục 5 cá nhân",
    )  # fmt: skip
    assert "100% — đã xử lý 5/5" in html
