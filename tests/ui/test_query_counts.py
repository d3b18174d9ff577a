"""N+1 guards: every list page reads the same, literal number of queries for 1 row as for 3."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.catalog import AuthorityFactory, AwardTypeFactory, DocumentKindFactory
from tests.factories.orgs import ClusterFactory, MembershipFactory, OrgUnitFactory, PersonFactory
from thidua.orgs.models import ClusterMembership

pytestmark = pytest.mark.django_db

# Every signed-in page reads the session, the user, the user's role paths (scope) and the user's roles (header);
# the rest of each count is the page's own.


def add_people(city, count: int) -> None:
    for index in range(count):
        person = PersonFactory(full_name=f"Nguyễn Thị Đếm {index}")
        MembershipFactory(person=person, unit=city["an_bien"])
        MembershipFactory(person=person, unit=city["le_chan"], position="Kiêm nhiệm")


def add_children(parent, count: int) -> None:
    for index in range(count):
        child = OrgUnitFactory(name=f"Tổ dân phố số {index}", parent=parent)
        OrgUnitFactory(name=f"Chi hội số {index}", parent=child)


def add_clusters(city, count: int) -> None:
    for index in range(count):
        cluster = ClusterFactory(name=f"Cụm thi đua số {index}", organiser=city["le_chan"])
        ClusterMembership.objects.create(cluster=cluster, unit=city["an_bien"], year=2025)


def add_award_types(count: int) -> None:
    document = DocumentKindFactory()
    for _index in range(count):
        award_type = AwardTypeFactory()
        award_type.required_documents.add(document)


@pytest.mark.parametrize("rows", [1, 3])
def test_person_list_query_count(officer_client, city, rows, django_assert_num_queries):
    add_people(city, rows)
    with django_assert_num_queries(7):
        response = officer_client.get(reverse("orgs:person-list"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_person_search_query_count(officer_client, city, rows, django_assert_num_queries):
    add_people(city, rows)
    with django_assert_num_queries(8):
        response = officer_client.get(reverse("orgs:person-list"), {"q": "nguyen thi dem", "unit": city["le_chan"].pk})
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_tree_query_count(client, city, rows, django_assert_num_queries):
    for index in range(rows - 1):
        OrgUnitFactory(name=f"Tỉnh thử {index}")
    add_children(city["root"], 1)
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    with django_assert_num_queries(4):
        response = client.get(reverse("orgs:unit-list"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_search_query_count(officer_client, city, rows, django_assert_num_queries):
    add_children(city["an_bien"], rows)
    with django_assert_num_queries(5):
        response = officer_client.get(reverse("orgs:unit-list"), {"q": "to dan pho"})
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_children_query_count(officer_client, city, rows, django_assert_num_queries):
    add_children(city["an_bien"], rows)
    with django_assert_num_queries(5):
        response = officer_client.get(reverse("orgs:unit-children", args=[city["an_bien"].pk]), HTTP_HX_REQUEST="true")
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_detail_query_count(officer_client, city, rows, django_assert_num_queries):
    add_children(city["an_bien"], rows)
    add_people(city, rows)
    add_clusters(city, rows)
    with django_assert_num_queries(15):
        response = officer_client.get(reverse("orgs:unit-detail", args=[city["an_bien"].pk]))
    assert (len(response.context["children_page"]), len(response.context["members_page"])) == (rows, rows)


@pytest.mark.parametrize("rows", [1, 3])
def test_cluster_list_query_count(officer_client, city, rows, django_assert_num_queries):
    add_clusters(city, rows)
    with django_assert_num_queries(5):
        response = officer_client.get(reverse("orgs:cluster-list"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_search_page_query_count(officer_client, city, rows, django_assert_num_queries):
    add_people(city, rows)
    with django_assert_num_queries(8):
        response = officer_client.get(reverse("orgs:search"), {"q": "nguyen thi dem"})
    assert len(response.context["people"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_award_type_list_query_count(officer_client, rows, django_assert_num_queries):
    add_award_types(rows)
    with django_assert_num_queries(8):
        response = officer_client.get(reverse("catalog:award-type-list"))
    assert response.context["count"] == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_authority_list_query_count(officer_client, city, rows, django_assert_num_queries):
    for index in range(rows):
        AuthorityFactory(unit=city["root"], name=f"Giám đốc sở số {index}")
    with django_assert_num_queries(5):
        response = officer_client.get(reverse("catalog:authority-list"))
    assert len(response.context["page"]) == rows
