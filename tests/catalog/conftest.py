"""Scenes for the catalog tests: the seeded catalog as `thidua load_catalog` leaves it."""

from __future__ import annotations

import pytest
from django.db import transaction

from thidua.catalog.loader import load_catalog

# DOMAIN.md, "Stable codes": the award codes the API, imports, exports and the CLI refer to.
STABLE_CODES = [
    "LDTT", "CSTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TD_TINH", "CO_TD_CP", "XA_TIEU_BIEU",
    "THON_VAN_HOA", "GD_VAN_HOA", "GK", "BK_TINH", "BK_TTG", "HCLD1", "HCLD2", "HCLD3", "KNC", "AHLD",
]  # fmt: skip


@pytest.fixture(scope="module")
def loaded_catalog(django_db_setup, django_db_blocker):
    """The catalog loaded once per test module, inside a transaction rolled back when the module ends.

    Each test's own transaction (the ``db`` fixture) nests inside it as a savepoint, so a test sees the seeded
    catalog, may change it, and leaves it as it found it. Modules that use ``catalog`` must not also hold tests that
    expect an empty database.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_catalog()
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def catalog(loaded_catalog, db):
    """Load the reference data and the award catalog from the data files (see ``loaded_catalog``)."""
    return loaded_catalog
