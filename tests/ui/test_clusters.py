"""Cluster pages (read-only): the list and one cluster's members per year."""

import pytest
from django.urls import reverse

from tests.factories.orgs import ClusterFactory
from thidua.orgs.models import ClusterMembership, ClusterRole

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


@pytest.fixture
def le_chan_cluster(city):
    cluster = ClusterFactory(name="Cụm thi đua các phường Lê Chân", organiser=city["le_chan"])
    ClusterMembership.objects.create(cluster=cluster, unit=city["an_bien"], year=2024, role=ClusterRole.LEADER)
    ClusterMembership.objects.create(cluster=cluster, unit=city["an_bien"], year=2025)
    return cluster


@pytest.fixture
def thuy_nguyen_cluster(city):
    cluster = ClusterFactory(name="Cụm thi đua các xã Thủy Nguyên", organiser=city["thuy_nguyen"])
    ClusterMembership.objects.create(cluster=cluster, unit=city["minh_duc"], year=2025)
    return cluster


def test_cluster_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("orgs:cluster-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/clusters/"))


def test_cluster_list_without_role_shows_none(no_role_client, le_chan_cluster):
    html = no_role_client.get(reverse("orgs:cluster-list")).content.decode()
    assert ("Cụm thi đua các phường Lê Chân" in html, "Không có cụm, khối thi đua nào" in html) == (False, True)


def test_cluster_list_shows_the_officers_clusters_only(officer_client, le_chan_cluster, thuy_nguyen_cluster):
    html = officer_client.get(reverse("orgs:cluster-list")).content.decode()
    assert f'<a href="/app/clusters/{le_chan_cluster.pk}/">Cụm thi đua các phường Lê Chân</a>' in html
    assert "Cụm thi đua các xã Thủy Nguyên" not in html


def test_cluster_detail_anonymous_is_sent_to_login(client, le_chan_cluster):
    path = reverse("orgs:cluster-detail", args=[le_chan_cluster.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_cluster_detail_without_role_is_not_found(no_role_client, le_chan_cluster):
    assert no_role_client.get(reverse("orgs:cluster-detail", args=[le_chan_cluster.pk])).status_code == 404


def test_cluster_detail_of_another_district_is_not_found(officer_client, thuy_nguyen_cluster):
    assert officer_client.get(reverse("orgs:cluster-detail", args=[thuy_nguyen_cluster.pk])).status_code == 404


def test_cluster_detail_lists_members_by_year(officer_client, le_chan_cluster):
    response = officer_client.get(reverse("orgs:cluster-detail", args=[le_chan_cluster.pk]))
    html = response.content.decode()
    assert (response.status_code, html.index("<h3>Năm 2025</h3>") < html.index("<h3>Năm 2024</h3>")) == (200, True)
    assert '<span class="badge">Cụm trưởng / Khối trưởng</span>' in html
