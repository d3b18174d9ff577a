"""The reporting year of the TĐKT field (TT 2/2023/TT-BNV): 1 December of the year before to 30 November, in one
place (thidua.records.reporting) for the dashboard, the analytical reports and the official forms; the pickers'
default year."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.records.reporting import reporting_window, reporting_year
from thidua.reports import queries
from thidua.reports.forms import default_year


def test_the_window_runs_from_1_december_of_the_year_before_to_30_november():
    assert reporting_window(2024) == (dt.date(2023, 12, 1), dt.date(2024, 11, 30))


@pytest.mark.parametrize(
    ("day", "year"),
    [(dt.date(2024, 1, 1), 2024), (dt.date(2024, 11, 30), 2024), (dt.date(2024, 12, 1), 2025),
     (dt.date(2024, 12, 31), 2025)],
)  # fmt: skip
def test_december_already_belongs_to_the_next_reporting_year(day, year):
    assert reporting_year(day) == year


def test_the_analytical_reports_count_over_the_same_window():
    period = queries.Period(2024)
    assert (period.start, period.end) == reporting_window(2024)


def test_in_december_the_pickers_default_to_the_next_reporting_year():
    assert default_year(queries.WINDOW, dt.date(2024, 12, 5)) == 2025


def test_the_calendar_basis_defaults_to_the_current_calendar_year():
    assert default_year(queries.CALENDAR, dt.date(2024, 12, 5)) == 2024
