"""Service functions the API needed beyond the first ones (thidua.orgs.services): each writes its audit actor."""

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.orgs import ClusterFactory, UnitKindFactory
from thidua.audit.models import AuditEntry
from thidua.orgs import services
from thidua.orgs.models import Membership

pytestmark = pytest.mark.django_db


def test_create_unit_with_a_kind_sets_the_kind(city):
    unit = services.create_unit(by=None, parent=city["le_chan"], code="HP-LC-X", name="Phường X",
                                kind=UnitKindFactory(code="ward"))  # fmt: skip
    assert (unit.kind.code, unit.parent) == ("ward", city["le_chan"])


def test_remove_membership_deletes_it(le_chan_person):
    membership = le_chan_person.memberships.get()
    services.remove_membership(membership, by=None)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_update_cluster_changes_the_given_fields_only(city):
    cluster = ClusterFactory(code="cum-1", name="Cụm 1", organiser=city["root"])
    services.update_cluster(cluster, by=None, name="Cụm thi đua số 1", description="Các quận")
    cluster.refresh_from_db()
    assert (cluster.code, cluster.name, cluster.description) == ("cum-1", "Cụm thi đua số 1", "Các quận")


def test_update_cluster_refuses_another_organiser(city):
    cluster = ClusterFactory(organiser=city["root"])
    with pytest.raises(ValueError, match="organiser"):
        services.update_cluster(cluster, by=None, organiser=city["le_chan"])


def test_update_cluster_records_the_actor(city):
    user = UserFactory(username="ban.tdkt")
    cluster = ClusterFactory(organiser=city["root"])
    services.update_cluster(cluster, by=user, name="Cụm mới")
    entry = AuditEntry.objects.filter(content_type__model="cluster", object_pk=str(cluster.pk)).latest("pk")
    assert (entry.actor, list(entry.changes_dict)) == (user, ["name"])
