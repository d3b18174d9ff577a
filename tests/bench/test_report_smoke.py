"""bench/report_bench.py at its --smoke size (50 units, 3 years of history), so the script never rots."""

import pytest

from tests.bench.test_smoke import cells_of, run_smoke


@pytest.fixture(scope="module")
def report_smoke():
    return run_smoke("report_bench.py")


def test_bench_report_smoke_exits_cleanly(report_smoke):
    assert report_smoke.returncode == 0, report_smoke.stderr[-3000:]


def test_bench_report_smoke_prints_the_year_report_against_the_bare_aggregate(report_smoke):
    rows = cells_of(report_smoke.stdout, 5)

    assert rows["Phép đo"] == ["Giây", "Số khen thưởng", "Truy vấn", "× truy vấn gốc"]
    _seconds, counted, _queries, ratio = rows["Truy vấn gốc: đếm khen thưởng theo danh hiệu (SQL thuần)"]
    assert (int(counted) > 0, ratio) == (True, "1.0")
    seconds, report_counted, queries, ratio = rows["Báo cáo năm, toàn tỉnh (Ban TĐKT tỉnh)"]
    assert (report_counted, int(queries) > 0, float(ratio) > 0, float(seconds) > 0) == (counted, True, True, True)
    assert float(rows["Báo cáo năm, tệp XLSX"][3]) > 0
