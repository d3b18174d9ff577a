"""The working-day calendar: deadlines of the workflow are counted in working days (ngày làm việc).

A day is a working day when it is a weekday that is not a Vietnamese public holiday (the ``holidays`` package: Tết
Dương lịch, Tết Nguyên Đán with the extra days the government grants, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh, and
the days off swapped with a working Saturday), or a Saturday the package knows was worked in exchange. An
administrator's ``core.DayOverride`` rows decide last: a swapped working Saturday the package does not know yet is a
working day, an extra day off announced late is not.

The package's holidays are cached per year for the life of the process; overrides are read from the database for
each call (one query per year the call touches), so an administrator's change applies at once in every process.
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays

COUNTRY = "VN"
_ONE_DAY = dt.timedelta(days=1)
# No run of days off is this long; a loop that finds none is a bug in the data, not a long holiday.
_MAX_DAYS_OFF_IN_A_ROW = 60


@functools.lru_cache(maxsize=64)
def _package_days(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(holidays, weekend days worked in exchange) of one year, from the ``holidays`` package."""
    calendar = holidays.country_holidays(COUNTRY, years=year)
    worked_weekends = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return frozenset(calendar), worked_weekends


def public_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of a year with their Vietnamese names (for display in the admin and reports)."""
    return dict(sorted(holidays.country_holidays(COUNTRY, years=year, language="vi").items()))


class _Overrides:
    """DayOverride rows, loaded one year at a time for the duration of one calculation."""

    def __init__(self) -> None:
        self._years: dict[int, dict[dt.date, bool]] = {}

    def get(self, day: dt.date) -> bool | None:
        if day.year not in self._years:
            from thidua.core.models import DayOverride

            self._years[day.year] = dict(
                DayOverride.objects.filter(date__year=day.year).values_list("date", "is_working_day")
            )
        return self._years[day.year].get(day)


def _is_working_day(day: dt.date, overrides: _Overrides) -> bool:
    override = overrides.get(day)
    if override is not None:
        return override
    days_off, worked_weekends = _package_days(day.year)
    if day in days_off:
        return False
    return day.weekday() < 5 or day in worked_weekends


def is_working_day(day: dt.date) -> bool:
    return _is_working_day(day, _Overrides())


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (before it when n < 0); ``start`` itself is not counted.

    A dossier received on Friday 24/01/2025 with 5 working days to answer is due on 07/02/2025: Tết Ất Tỵ closes
    27/01–01/02 and the weekends around it.
    """
    overrides = _Overrides()
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day = start
    remaining = abs(n)
    days_off_in_a_row = 0
    while remaining:
        day += step
        if _is_working_day(day, overrides):
            remaining -= 1
            days_off_in_a_row = 0
        else:
            days_off_in_a_row += 1
            if days_off_in_a_row > _MAX_DAYS_OFF_IN_A_ROW:
                raise ValueError(f"No working day in {_MAX_DAYS_OFF_IN_A_ROW} days in a row, up to {day}.")
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end is before start).

    The inverse of ``add_working_days``: ``working_days_between(d, add_working_days(d, n)) == n``.
    """
    if end < start:
        return -working_days_between(end, start)
    overrides = _Overrides()
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if _is_working_day(day, overrides):
            count += 1
    return count
