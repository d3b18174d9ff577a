"""Benchmark of the eligibility engine on a generated province with ten years of history.

    .venv/bin/python bench/eligibility.py                  # 3,000 units, 150,000 people, 10 years, 1,000 explanations
    .venv/bin/python bench/eligibility.py --smoke          # 50 units, 500 people, 6 years, 20 explanations: seconds
    .venv/bin/python bench/eligibility.py --reuse          # measure again on the database of the last run
    .venv/bin/python bench/eligibility.py --database-url sqlite:////tmp/elig.sqlite3   # a SQLite file of your own
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua .venv/bin/python bench/eligibility.py

What it does, in one process: makes a fresh database (SQLite under var/bench/, or ``<name>_bench_elig`` beside the
PostgreSQL database of DATABASE_URL; for --smoke a temporary SQLite file or ``<name>_bench_elig_smoke``, dropped
after), migrates it, loads the catalog and the rules, runs ``gen_province --years`` into it (unless --reuse finds the
province there), then measures, for the last year of the history:

1. a baseline: one raw SQL query for the simplest rule, "Lao động tiên tiến two years running" (the lower bound of
   any evaluator: one indexed pass over the awards);
2. the full sweep (``thidua.eligibility.sweep.sweep``) of the province, every award type, and the sweep of each award
   type alone; each printed with its RATIO to the baseline of the same run, so figures from different machines
   compare; and where the full sweep's time goes (candidate tables, each kind of condition, the statuses);
3. the one-candidate explanation (``thidua.eligibility.evaluate.evaluate_all``, every rule in force) for N random
   candidates: median, 95th percentile and the number of SQL queries of one explanation.

Nothing here asserts a time: docs/benchmarks.md keeps the figures of each run that matters.
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists import (  # noqa: E402
    database_description,
    generate,
    percentile,
    prepare_database,
    print_rows,
    run_bench,
)

PROVINCE_CODE = "BENCH"
BASELINE_LABEL = "Truy vấn gốc: LĐTT 2 năm liên tục (SQL thuần)"
TOP_PHASES = 15


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny size (50 units, 500 people, 6 years)")
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run (no regeneration)")
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--years", type=int, default=None, help="years of history (default 10)")
    parser.add_argument("--last-year", type=int, default=2024, help="last year of the history, the year swept")
    parser.add_argument("--samples", type=int, default=None, help="random candidates explained (default 1000)")
    parser.add_argument("--repeat", type=int, default=None, help="runs of the full sweep (median; default 3)")
    parser.add_argument("--no-per-rule", action="store_true", help="skip the sweep of each award type alone")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default=None,
        help="default: DATABASE_URL, else SQLite under var/bench/; a sqlite:/// URL names the file",
    )
    args = parser.parse_args(argv)
    args.units = args.units or (50 if args.smoke else 3000)
    args.people = args.people or (500 if args.smoke else 150_000)
    args.years = args.years or (6 if args.smoke else 10)
    args.samples = args.samples or (20 if args.smoke else 1000)
    args.repeat = args.repeat or (1 if args.smoke else 3)
    return args


# --- Measuring ----------------------------------------------------------------------------------------------


def baseline(year: int) -> tuple[float, int]:
    """The lower bound: people holding a merit LĐTT in both of the last two periods of their kind, in raw SQL."""
    from django.db import connection

    from thidua.records.models import Award

    table = connection.ops.quote_name(Award._meta.db_table)
    sql = (
        f"SELECT person_id FROM {table} WHERE award_code = %s AND counts_toward_merit AND year IN (%s, %s) "
        f"AND person_id IS NOT NULL GROUP BY person_id, period_kind HAVING COUNT(DISTINCT year) = 2"
    )
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql, ["LDTT", year - 1, year])
        rows = cursor.fetchall()
    return time.perf_counter() - started, len(rows)


class SweepProfile:
    """Where a sweep's time goes: each statement timed and put down to the phase or condition it serves."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.current = "?"
        self.reading = False

    def __enter__(self) -> SweepProfile:
        from django.db import connection

        from thidua.eligibility import sweep as sweep_module

        self.module = sweep_module
        self.conditions = getattr(sweep_module, "CONDITIONS", {})
        self.original = dict(self.conditions)
        for name, function in self.original.items():
            self.conditions[name] = self._tagged(name, function)
        # A rule's statuses are read with one SELECT whose rows SQLite computes while they are fetched, after
        # execute() returns: the whole call is timed, per rule.
        self.original_statuses = getattr(sweep_module, "_statuses", None)
        if self.original_statuses is not None:
            sweep_module._statuses = self._timed_statuses
        self.met = getattr(sweep_module, "MET", "elig_met")
        self.candidates = getattr(sweep_module, "CANDIDATES", "elig_cand")
        self.members = getattr(sweep_module, "MEMBERS", "elig_member")
        self.wrapper = connection.execute_wrapper(self._time)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.wrapper.__exit__(*exc)
        self.conditions.update(self.original)
        if self.original_statuses is not None:
            self.module._statuses = self.original_statuses

    def _timed_statuses(self, rule, group, *args, **kwargs):
        started = time.perf_counter()
        self.reading = True
        try:
            return self.original_statuses(rule, group, *args, **kwargs)
        finally:
            self.reading = False
            self.seconds[f"trạng thái {rule.award_code} ({group.recipient})"] += time.perf_counter() - started

    def _tagged(self, name: str, function):
        def tagged(*args, **kwargs):
            self.current = name
            return function(*args, **kwargs)

        return tagged

    def _phase(self, sql: str) -> str:
        text = " ".join(sql.split())[:200]
        if text.startswith(f"INSERT INTO {self.met}"):
            return f"điều kiện {self.current}"
        if (
            f"TABLE {self.candidates} " in text
            or f"ON {self.candidates}" in text
            or f"ANALYZE {self.candidates}" in text
        ):
            return "bảng ứng viên"
        if f"TABLE {self.members} " in text or f"ON {self.members}" in text or f"ANALYZE {self.members}" in text:
            return "bảng thành viên"
        return "khác (quy tắc, bảng tạm)"

    def _time(self, execute, sql, params, many, context):
        if self.reading:  # timed with the whole rule by _timed_statuses
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds[self._phase(sql)] += time.perf_counter() - started


def time_sweep(year: int, province, award_codes: list[str] | None = None, profile: SweepProfile | None = None):
    from thidua.eligibility.sweep import sweep

    started = time.perf_counter()
    if profile is None:
        rows = sweep(year=year, scope_unit=province, award_codes=award_codes)
    else:
        with profile:
            rows = sweep(year=year, scope_unit=province, award_codes=award_codes)
    return time.perf_counter() - started, rows


def explain(year: int, people: list, samples: int, seed: int) -> tuple[list[float], int]:
    """Timings (ms) of evaluate_all on ``samples`` random candidates, and the queries of the first one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.eligibility.evaluate import evaluate_all
    from thidua.orgs.models import Person

    rng = random.Random(seed)
    chosen = rng.sample(people, min(samples, len(people)))
    with CaptureQueriesContext(connection) as captured:
        evaluate_all(Person.objects.get(pk=chosen[0]), year=year)  # warm-up: rules, award names
    queries = len(captured.captured_queries)
    timings = []
    for person_id in chosen:
        started = time.perf_counter()
        evaluate_all(Person.objects.get(pk=person_id), year=year)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, queries


def run(args: argparse.Namespace) -> int:
    from thidua.orgs.models import OrgUnit, Person
    from thidua.records.models import Award, Initiative, Rating

    started = time.perf_counter()
    outcome, generation_seconds = generate(args)
    province = OrgUnit.objects.get(code=PROVINCE_CODE)
    year = args.last_year

    base_runs = [baseline(year) for _run in range(5)]
    base_seconds = statistics.median(seconds for seconds, _rows in base_runs)
    base_rows = base_runs[0][1]

    full_runs = []
    profile = SweepProfile()
    for run_index in range(args.repeat):
        full_runs.append(time_sweep(year, province, profile=profile if run_index == 0 else None))
    full_seconds = statistics.median(seconds for seconds, _rows in full_runs)
    rows = full_runs[0][1]
    by_rule: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in rows:
        by_rule[(row.award_code, row.recipient_kind)][row.status] += 1

    per_rule = []
    if not args.no_per_rule:
        for code in sorted({code for code, _kind in by_rule}):
            seconds, rule_rows = time_sweep(year, province, [code])
            per_rule.append((code, seconds, len(rule_rows)))

    people = sorted({row.person_id for row in rows if row.person_id is not None})
    timings, queries = explain(year, people, args.samples, args.seed) if people else ([], 0)

    print(f"Cơ sở dữ liệu: {database_description()}; tỉnh {PROVINCE_CODE}: "
          f"{province.descendants(include_self=True).count()} đơn vị, {Person.objects.count()} cá nhân, "
          f"{Rating.objects.count()} xếp loại, {Award.objects.count()} khen thưởng, "
          f"{Initiative.objects.count()} sáng kiến ({'sinh mới' if outcome == 'generated' else 'dùng lại'}"
          f"{f', {generation_seconds:.1f} giây' if generation_seconds is not None else ''}).")  # fmt: skip
    print(f"Năm xét: {year}; quét toàn tỉnh {args.repeat} lần (trung vị); thời gian tính bằng giây.")
    print()
    table = [("Phép đo", "Giây", "Số dòng", "× truy vấn gốc")]
    table.append((BASELINE_LABEL, f"{base_seconds:.3f}", str(base_rows), "1.0"))
    table.append(("Quét toàn tỉnh, mọi danh hiệu", f"{full_seconds:.3f}", str(len(rows)),
                  f"{full_seconds / base_seconds:.1f}"))  # fmt: skip
    for code, seconds, count in per_rule:
        table.append((f"Quét riêng {code}", f"{seconds:.3f}", str(count), f"{seconds / base_seconds:.1f}"))
    print_rows(table)
    print()
    total = full_runs[0][0]
    profile.seconds["ngoài SQL (Python: dựng, sắp xếp các dòng)"] = max(0.0, total - sum(profile.seconds.values()))
    phases = [("Phần của lần quét đầu", "Giây", "Tỷ lệ")]
    shown = sorted(profile.seconds.items(), key=lambda item: -item[1])
    for phase, seconds in shown[:TOP_PHASES]:
        phases.append((phase, f"{seconds:.3f}", f"{100 * seconds / total:.0f} %"))
    rest = sum(seconds for _phase, seconds in shown[TOP_PHASES:])
    if rest:
        phases.append((f"{len(shown) - TOP_PHASES} phần khác", f"{rest:.3f}", f"{100 * rest / total:.0f} %"))
    print_rows(phases)
    print()
    statuses = [("Danh hiệu", "Đối tượng", "Đủ điều kiện", "Cần xem xét", "Không đủ")]
    for (code, kind), counts in sorted(by_rule.items()):
        statuses.append((code, kind, str(counts["eligible"]), str(counts["to_weigh"]), str(counts["not_eligible"])))
    print_rows(statuses)
    print()
    if timings:
        explanation = [("Giải thích một ứng viên", "Số mẫu", "Trung vị (ms)", "p95 (ms)", "Truy vấn")]
        explanation.append(("evaluate_all, mọi danh hiệu", str(len(timings)), f"{statistics.median(timings):.1f}",
                            f"{percentile(timings, 0.95):.1f}", str(queries)))  # fmt: skip
        print_rows(explanation)
        print()
    print(f"Tổng thời gian chạy: {time.perf_counter() - started:.1f} giây.")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_bench(parse_args(argv), functools.partial(prepare_database, label="elig"), run)


if __name__ == "__main__":
    sys.exit(main())
