"""The reporting year of the emulation and commendation field (lĩnh vực thi đua, khen thưởng).

Thông tư 2/2023/TT-BNV (chế độ báo cáo thống kê ngành Nội vụ, effective 10/5/2023, and Thông tư 03/2018/TT-BNV
before it) fixes the yearly figures of the TĐKT field — the forms Biểu 0601–0603.N/BNV-TĐKT — over a window from
1 December of the previous year to 30 November of the reporting year, counted by decision date. So 1–31 December
already belong to the next reporting year.

The one place that says so: the dashboard, the analytical reports and the official forms all take the window from
here.
"""

from __future__ import annotations

import datetime as dt

# The window's first day is 1 December of the year before (month, day).
WINDOW_STARTS = (12, 1)


def reporting_window(year: int) -> tuple[dt.date, dt.date]:
    """The reporting year ``year``: 1 December of ``year - 1`` to 30 November of ``year``, both included."""
    month, day = WINDOW_STARTS
    return dt.date(year - 1, month, day), dt.date(year, month, day) - dt.timedelta(days=1)


def reporting_year(on: dt.date) -> int:
    """The reporting year whose window holds ``on``: from 1 December on, the next year's."""
    return on.year + 1 if (on.month, on.day) >= WINDOW_STARTS else on.year
