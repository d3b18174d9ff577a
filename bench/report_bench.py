"""Benchmark of the yearly report (thidua.reports.queries.year_report) on a generated province with its history.

    .venv/bin/python bench/report_bench.py                 # 3,000 units, 150,000 people, 10 years of history
    .venv/bin/python bench/report_bench.py --smoke         # 50 units, 500 people, 3 years: seconds
    .venv/bin/python bench/report_bench.py --reuse         # measure again on the database of the last run
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua .venv/bin/python bench/report_bench.py

What it does, in one process: makes a fresh database (SQLite under var/bench/, or ``<name>_bench_report`` beside the
PostgreSQL database of DATABASE_URL; for --smoke a temporary SQLite file or ``<name>_bench_report_smoke``, dropped
after), migrates it, loads the catalog, runs ``gen_province --years`` into it (unless --reuse finds the province),
signs in a board officer of the province (``board_officer``: the whole province in scope), then measures, for the
last year of the history (reporting window 1/12 of the year before to 30/11):

1. a baseline: the bare SQL aggregate, awards in force decided in the window counted per award code (one indexed
   pass over the awards: the lower bound of any report);
2. the whole year report (every breakdown, shares, money, year on year, trend, movement compliance), as the board
   officer sees it, and its XLSX; each printed with its RATIO to the baseline of the same run.

``measure_report(year, repeat)`` is the part another script can call (bench/import_report.py) once Django is set up
and the province is in the database. Nothing asserts a time: docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists import database_description, generate, prepare_database, print_rows, run_bench  # noqa: E402

PROVINCE_CODE = "BENCH"
BASELINE_LABEL = "Truy vấn gốc: đếm khen thưởng theo danh hiệu (SQL thuần)"
REPORT_LABEL = "Báo cáo năm, toàn tỉnh (Ban TĐKT tỉnh)"
XLSX_LABEL = "Báo cáo năm, tệp XLSX"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny size (50 units, 500 people, 3 years)")
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run (no regeneration)")
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--years", type=int, default=None, help="years of history (default 10)")
    parser.add_argument("--last-year", type=int, default=2024, help="last year of the history, the year reported")
    parser.add_argument("--repeat", type=int, default=None, help="runs of each measure (median; default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default=None,
        help="default: DATABASE_URL, else SQLite under var/bench/; a sqlite:/// URL names the file",
    )
    args = parser.parse_args(argv)  # fmt: skip
    args.units = args.units or (50 if args.smoke else 3000)
    args.people = args.people or (500 if args.smoke else 150_000)
    args.years = args.years or (3 if args.smoke else 10)
    args.repeat = args.repeat or (2 if args.smoke else 5)
    return args


# --- The scene ----------------------------------------------------------------------------------------------


def board_officer(province_code: str = PROVINCE_CODE):
    """A board officer of the province: the whole province in scope."""
    from thidua.accounts.models import Role, RoleAssignment, User
    from thidua.orgs.models import OrgUnit

    province = OrgUnit.objects.get(code=province_code)
    user, _created = User.objects.get_or_create(username="bench.report", defaults={"full_name": "bench.report"})
    role, _created = Role.objects.get_or_create(code="board_officer", defaults={"name": "board_officer"})
    RoleAssignment.objects.get_or_create(user=user, role=role, unit=province)
    return User.objects.get(pk=user.pk)  # a fresh object: no cached scope


# --- Measuring ----------------------------------------------------------------------------------------------


def baseline(year: int) -> tuple[float, int]:
    """The bare aggregate: awards in force decided in the reporting window, counted per award code, in raw SQL."""
    from django.db import connection

    from thidua.records.models import Award
    from thidua.reports.queries import Period

    period = Period(year)
    table = connection.ops.quote_name(Award._meta.db_table)
    sql = (f"SELECT award_code, COUNT(*) FROM {table} WHERE revoked_on IS NULL AND decision_date >= %s "
           f"AND decision_date <= %s GROUP BY award_code")  # fmt: skip
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql, [period.start, period.end])
        rows = cursor.fetchall()
    return time.perf_counter() - started, sum(count for _code, count in rows)


def _timed(function, repeat: int) -> tuple[float, object, int]:
    """Median seconds of ``repeat`` runs after one warm-up, the last result and the queries of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = function()
    seconds = []
    for _run in range(repeat):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result, len(captured.captured_queries)


def measure_report(year: int, repeat: int = 5, province_code: str = PROVINCE_CODE) -> dict:
    """Times the year report of ``year`` for the province's board officer against the bare SQL aggregate.

    Returns {"baseline": {"seconds", "rows"}, "report": {"seconds", "rows", "queries", "ratio"},
    "xlsx": {"seconds", "bytes", "queries", "ratio"}}; rows are awards counted (both must agree)."""
    from thidua.reports import queries, xlsx

    user = board_officer(province_code)
    base_runs = [baseline(year) for _run in range(max(repeat, 5))]
    base_seconds = statistics.median(seconds for seconds, _rows in base_runs)
    base_rows = base_runs[0][1]
    report_seconds, report, report_queries = _timed(lambda: queries.year_report(user, year), repeat)

    def workbook() -> bytes:
        return xlsx.year_report_xlsx(queries.year_report(user, year), queries.scope_name(user))

    xlsx_seconds, content, xlsx_queries = _timed(workbook, repeat)
    ratio = lambda seconds: seconds / base_seconds if base_seconds else float("nan")  # noqa: E731
    return {
        "baseline": {"seconds": base_seconds, "rows": base_rows},
        "report": {"seconds": report_seconds, "rows": report["total"], "queries": report_queries,
                   "ratio": ratio(report_seconds)},
        "xlsx": {"seconds": xlsx_seconds, "bytes": len(content), "queries": xlsx_queries,
                 "ratio": ratio(xlsx_seconds)},
    }  # fmt: skip


def print_report(figures: dict) -> None:
    table = [("Phép đo", "Giây", "Số khen thưởng", "Truy vấn", "× truy vấn gốc")]
    table.append((BASELINE_LABEL, f"{figures['baseline']['seconds']:.4f}", str(figures["baseline"]["rows"]), "1",
                  "1.0"))  # fmt: skip
    report = figures["report"]
    table.append((REPORT_LABEL, f"{report['seconds']:.4f}", str(report["rows"]), str(report["queries"]),
                  f"{report['ratio']:.1f}"))  # fmt: skip
    workbook = figures["xlsx"]
    table.append((XLSX_LABEL, f"{workbook['seconds']:.4f}", str(report["rows"]), str(workbook["queries"]),
                  f"{workbook['ratio']:.1f}"))  # fmt: skip
    print_rows(table)


def run(args: argparse.Namespace) -> int:
    from thidua.orgs.models import OrgUnit, Person
    from thidua.records.models import Award

    started = time.perf_counter()
    outcome, generation_seconds = generate(args)
    province = OrgUnit.objects.get(code=PROVINCE_CODE)
    figures = measure_report(args.last_year, args.repeat)
    print(f"Cơ sở dữ liệu: {database_description()}; tỉnh {PROVINCE_CODE}: "
          f"{province.descendants(include_self=True).count()} đơn vị, {Person.objects.count()} cá nhân, "
          f"{Award.objects.count()} khen thưởng ({'sinh mới' if outcome == 'generated' else 'dùng lại'}"
          f"{f', {generation_seconds:.1f} giây' if generation_seconds is not None else ''}).")  # fmt: skip
    print(f"Năm báo cáo: {args.last_year} (01/12/{args.last_year - 1} – 30/11/{args.last_year}); "
          f"{args.repeat} lần đo mỗi phép (trung vị); thời gian tính bằng giây.")  # fmt: skip
    print()
    print_report(figures)
    print()
    print(f"Tổng thời gian chạy: {time.perf_counter() - started:.1f} giây.")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_bench(parse_args(argv), functools.partial(prepare_database, label="report"), run)


if __name__ == "__main__":
    sys.exit(main())
