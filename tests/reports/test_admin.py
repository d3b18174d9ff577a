"""The report forms and import batches in the admin site (superusers only)."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from thidua.catalog.loader import load_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def test_admin_lists_the_report_forms_loaded_with_the_catalog(superuser_client):
    load_catalog()
    response = superuser_client.get(reverse("admin:reports_reportformspec_changelist"))
    assert (response.status_code, "0602.N/BNV-TĐKT" in response.content.decode()) == (200, True)


def test_admin_shows_import_batches_but_offers_no_add(superuser_client):
    listing = superuser_client.get(reverse("admin:imports_importbatch_changelist"))
    adding = superuser_client.get(reverse("admin:imports_importbatch_add"))
    assert (listing.status_code, adding.status_code) == (200, 403)
