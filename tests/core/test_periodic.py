import pytest
from django.db import connection

from thidua.core.periodic import optimize_database, registered

pytestmark = pytest.mark.django_db


def test_database_optimisation_is_a_periodic_task():
    assert registered()["core.optimize_database"] is optimize_database


def test_database_optimisation_says_what_it_did():
    expected = "đã chạy PRAGMA optimize" if connection.vendor == "sqlite" else "không cần làm gì"
    assert optimize_database().startswith(expected)
