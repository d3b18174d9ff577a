"""KeysetPagination on its own: descending orderings and non-text cursor values (datetimes, UUIDs)."""

import uuid

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from tests.factories.orgs import OrgUnitFactory
from thidua.core.api import KeysetPagination
from thidua.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


class NewestFirst:
    keyset_ordering = ("-created_at", "-id")


def page(url):
    paginator = KeysetPagination()
    rows = paginator.paginate_queryset(OrgUnit.objects.all(), Request(APIRequestFactory().get(url)), NewestFirst())
    return [row.pk for row in rows], paginator.get_next_link()


def test_descending_pages_cover_every_row_once_newest_first(db):
    units = [OrgUnitFactory() for _ in range(7)]
    ids, url = [], "/api/v1/units/?page_size=3"
    while url:
        page_ids, url = page(url)
        ids += page_ids
    assert ids == [unit.pk for unit in reversed(units)]


class Row:
    id = uuid.UUID("12345678-1234-5678-1234-567812345678")


def test_cursor_of_a_uuid_value_is_text():
    paginator = KeysetPagination()
    paginator.ordering = ("id",)
    paginator.request = Request(APIRequestFactory().get("/api/v1/jobs/"))
    next_url = paginator.encode_cursor(Row(), reverse=False)
    decoded = paginator.decode_cursor(Request(APIRequestFactory().get(next_url)))
    assert decoded == (["12345678-1234-5678-1234-567812345678"], False)
