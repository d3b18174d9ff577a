"""N+1 guards: each list costs the same literal number of queries for one row as for three.

Counted: the token lookup, the caller's scope (their role units), the page, and the prefetches the list needs.
"""

import datetime as dt

import pytest

from tests.factories.orgs import ClusterFactory, MembershipFactory, OrgUnitFactory, PersonFactory
from thidua.catalog.models import Authority, AuthorityKind, AwardType, DocumentKind, LegalRegime

pytestmark = pytest.mark.django_db


def add_people(city, count):
    for _ in range(count):
        MembershipFactory(person=PersonFactory(), unit=city["an_bien"])


def add_units(city, count):
    for _ in range(count):
        OrgUnitFactory(parent=city["an_bien"])


def add_clusters(city, count):
    for _ in range(count):
        ClusterFactory(organiser=city["le_chan"])


def add_authorities(city, count):
    kind = AuthorityKind.objects.create(code="ct", name="Chủ tịch", level="province")
    for index in range(count):
        Authority.objects.create(kind=kind, unit=city["root"], name=f"Chủ tịch {index}", issuing_body="UBND",
                                 document_code="UBND", place_name="Hải Phòng")  # fmt: skip


def add_award_types(city, count):
    regime = LegalRegime.objects.create(code="r", name="R", instruments="-", valid_from=dt.date(2025, 7, 1))
    kind = AuthorityKind.objects.create(code="ct", name="Chủ tịch", level="province")
    document = DocumentKind.objects.create(code="to_trinh", name="Tờ trình")
    for index in range(count):
        award_type = AwardType.objects.create(
            code=f"A{index}", name=f"Khen {index}", kind="form", level="province", regime=regime, legal_source="-",
            valid_from=dt.date(2025, 7, 1),
        )  # fmt: skip
        award_type.granting_authority_kinds.set([kind])
        award_type.required_documents.set([document])


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_list_query_count(le_chan_client, city, django_assert_num_queries, rows):
    add_units(city, rows)
    with django_assert_num_queries(3):
        # Quận Lê Chân and Phường An Biên, then the new units.
        assert len(le_chan_client.get("/api/v1/units/").json()["results"]) == 2 + rows


@pytest.mark.parametrize("rows", [1, 3])
def test_person_list_query_count(le_chan_client, city, django_assert_num_queries, rows):
    add_people(city, rows)
    with django_assert_num_queries(5):
        assert len(le_chan_client.get("/api/v1/people/").json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_person_search_query_count(le_chan_client, city, django_assert_num_queries, rows):
    add_people(city, rows)
    with django_assert_num_queries(5):
        assert len(le_chan_client.get("/api/v1/people/", {"search": "nguyen thu"}).json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_membership_list_query_count(le_chan_client, city, django_assert_num_queries, rows):
    add_people(city, rows)
    with django_assert_num_queries(4):
        assert len(le_chan_client.get("/api/v1/memberships/").json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_cluster_list_query_count(le_chan_client, city, django_assert_num_queries, rows):
    add_clusters(city, rows)
    with django_assert_num_queries(3):
        assert len(le_chan_client.get("/api/v1/clusters/").json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_authority_list_query_count(le_chan_client, city, django_assert_num_queries, rows):
    add_authorities(city, rows)
    with django_assert_num_queries(3):
        assert len(le_chan_client.get("/api/v1/authorities/").json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_award_type_list_query_count(le_chan_client, city, django_assert_num_queries, rows):
    add_award_types(city, rows)
    with django_assert_num_queries(5):
        assert len(le_chan_client.get("/api/v1/award-types/").json()["results"]) == rows
