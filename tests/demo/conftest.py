"""The catalog and the Hải Phòng demo, loaded once for the module that asks for them and rolled back after it.

Loading takes seconds; each test runs inside its own savepoint on top of the seeded data (pytest-django's ``db``
fixture nests in the outer transaction), so tests stay independent and nothing leaks to other test modules.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def catalog_loaded(django_db_setup, django_db_blocker):
    """The reference data and award catalog, loaded once for the module (loading takes seconds)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalog", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def catalog(catalog_loaded, db):
    return None


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The output of a first ``thidua seed_demo`` on an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", force=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output
