"""Every benchmark runs at its --smoke size in the test suite, so the scripts never rot."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]


def run_smoke(script: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, str(PROJECT_DIR / "bench" / script), "--smoke"],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def lists_smoke() -> subprocess.CompletedProcess:
    return run_smoke("lists.py")


def table_rows(output: str) -> dict[tuple[str, str], list[str]]:
    """The rows of the printed table, by (page, user)."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) == 7:
            rows[(cells[0], cells[1])] = cells[2:]
    return rows


def test_bench_lists_smoke_exits_cleanly(lists_smoke):
    assert lists_smoke.returncode == 0, lists_smoke.stderr[-3000:]


def test_bench_lists_smoke_prints_the_ratio_table(lists_smoke):
    rows = table_rows(lists_smoke.stdout)

    assert rows[("Trang", "Người dùng")] == ["Trung vị", "p95", "× /healthz", "Truy vấn", "Ghi chú"]
    assert rows[("/healthz", "—")][2] == "1.0"


def test_bench_lists_smoke_measures_the_people_list_for_both_users(lists_smoke):
    rows = table_rows(lists_smoke.stdout)

    for user in ("Ban TĐKT tỉnh", "Cán bộ huyện"):
        median, p95, ratio, _queries, note = rows[("Danh sách cá nhân, trang đầu", user)]
        assert float(ratio) > 0
        assert float(p95) >= float(median)
        assert note == ""


@pytest.fixture(scope="module")
def eligibility_smoke() -> subprocess.CompletedProcess:
    return run_smoke("eligibility.py")


def cells_of(output: str, width: int) -> dict[str, list[str]]:
    """The rows of the printed tables that have ``width`` cells, by their first cell."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) == width:
            rows[cells[0]] = cells[1:]
    return rows


def test_bench_eligibility_smoke_exits_cleanly(eligibility_smoke):
    assert eligibility_smoke.returncode == 0, eligibility_smoke.stderr[-3000:]


def test_bench_eligibility_smoke_prints_the_sweep_against_the_baseline(eligibility_smoke):
    rows = cells_of(eligibility_smoke.stdout, 4)

    assert rows["Phép đo"] == ["Giây", "Số dòng", "× truy vấn gốc"]
    assert rows["Truy vấn gốc: LĐTT 2 năm liên tục (SQL thuần)"][2] == "1.0"
    assert float(rows["Quét toàn tỉnh, mọi danh hiệu"][2]) > 0
    assert int(rows["Quét riêng BK_TTG"][1]) > 0  # one row per candidate person


def test_bench_eligibility_smoke_explains_random_candidates(eligibility_smoke):
    rows = cells_of(eligibility_smoke.stdout, 5)
    samples, median, p95, queries = rows["evaluate_all, mọi danh hiệu"]

    assert (int(samples), float(p95) >= float(median), int(queries) > 0) == (20, True, True)
