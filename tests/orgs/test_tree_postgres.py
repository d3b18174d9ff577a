"""Two structural changes at once on PostgreSQL: the second waits for the first, so no path is copied stale."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from thidua.orgs import services
from thidua.orgs.models import OrgUnit

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has a single writer"),
]


def test_concurrent_moves_leave_every_path_under_its_parent(city):
    moved = threading.Event()
    release = threading.Event()

    def move_an_bien() -> None:
        try:
            with transaction.atomic():
                services.move_unit(
                    city["an_bien"], by=None, new_parent=city["thuy_nguyen"], effective_on=dt.date(2021, 1, 1)
                )
                moved.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    worker = threading.Thread(target=move_an_bien)
    worker.start()
    assert moved.wait(timeout=10)
    # While the first move is uncommitted, start the second; let the first commit a moment later.
    threading.Timer(0.5, release.set).start()
    services.move_unit(city["minh_duc"], by=None, new_parent=city["an_bien"], effective_on=dt.date(2021, 1, 1))
    worker.join(timeout=15)
    an_bien, minh_duc = OrgUnit.objects.get(pk=city["an_bien"].pk), OrgUnit.objects.get(pk=city["minh_duc"].pk)
    assert (an_bien.path.startswith(city["thuy_nguyen"].path), minh_duc.path.startswith(an_bien.path)) == (True, True)
