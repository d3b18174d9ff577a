"""The history in the admin site: administrators look, nobody adds, changes or deletes there (services do)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from thidua.records import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("model", ["rating", "award", "initiative", "discipline"])
def test_history_admin_lists_rows_and_offers_no_add(superuser_client, le_chan_person, award_types, model):
    services.create_rating(by=None, person=le_chan_person, year=2023, level="htt")
    services.create_award(by=None, person=le_chan_person, award_code="LDTT", year=2023)
    services.create_initiative(by=None, authors=[le_chan_person], title="Sổ tay số", level="co_so",
                               recognised_on=dt.date(2023, 5, 1))  # fmt: skip
    services.create_discipline(by=None, person=le_chan_person, kind="khien_trach", start_date=dt.date(2023, 5, 1))
    listing = superuser_client.get(reverse(f"admin:records_{model}_changelist"))
    adding = superuser_client.get(reverse(f"admin:records_{model}_add"))
    assert (listing.status_code, listing.context["cl"].result_count, adding.status_code) == (200, 1, 403)


def test_initiative_admin_page_shows_its_authors_read_only(superuser_client, le_chan_person):
    initiative = services.create_initiative(by=None, authors=[le_chan_person], title="Sổ tay số", level="co_so",
                                            recognised_on=dt.date(2023, 5, 1))  # fmt: skip
    response = superuser_client.get(reverse("admin:records_initiative_change", args=[initiative.pk]))
    assert (response.status_code, "Nguyễn Thị Hoa" in response.content.decode()) == (200, True)
