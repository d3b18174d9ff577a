"""Benchmark of the import of people from XLSX: 100,000 rows, dry run and commit, each as a background job.

    .venv/bin/python bench/import_bench.py                 # 100,000 people, fresh SQLite database under var/bench/
    .venv/bin/python bench/import_bench.py --smoke         # 300 people: seconds (run by make test)
    .venv/bin/python bench/import_bench.py --rows 20000    # another size
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua .venv/bin/python bench/import_bench.py

What it does, in one process: makes a fresh database (SQLite under var/bench/, or ``<name>_bench_import`` beside
the PostgreSQL database of DATABASE_URL; for --smoke a temporary SQLite file or ``<name>_bench_import_smoke``,
dropped after), migrates it, loads the catalog, builds a province of 1 + UNITS units, and writes an XLSX of ROWS
people (name, gender, birth date, unit code, position, ethnicity) in the layout of the downloadable template. It then
measures:

1. the BASELINE: openpyxl reading the same file alone (read-only, every cell's value), the least any import pays;
2. the dry run of a copy of the file with ONE bad row in the middle (a date that does not exist): the job must
   report exactly that row and column, and nothing may be written;
3. the dry run of the good file (job "imports.dry_run": read, NFC, legacy-encoding check, validation, duplicates);
4. the commit (job "imports.commit": checks again, then writes people, search tokens and memberships in batches),

each with its rows per second and its RATIO to the baseline of the same run, so figures from different machines
compare. ``run(rows=…)`` does the same inside an already set-up Django (for bench/import_report.py) and returns the
figures as a dict. Nothing here asserts a time: docs/benchmarks.md keeps the figures of each run that matters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import random
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists import database_description, prepare_database, print_rows, run_bench  # noqa: E402

BASELINE_LABEL = "Gốc: openpyxl chỉ đọc tệp"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân", "Ngọc", "Đình"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Diệu", "Phương", "Mai", "Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hùng", "Hưng", "Khoa", "Long", "Nam", "Phong", "Quân", "Sơn", "Tùng"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Thảo"]
POSITIONS = ["Chuyên viên", "Công chức", "Phó Trưởng phòng", "Trưởng phòng", "Nhân viên", "Giáo viên"]
HEADERS = ["Họ và tên (*)", "Giới tính (*)", "Ngày sinh", "Đơn vị (*)", "Chức vụ", "Dân tộc"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny size (300 people)")
    parser.add_argument("--rows", type=int, default=None, help="people in the file (default 100000)")
    parser.add_argument("--units", type=int, default=None, help="units they belong to (default rows / 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL, else SQLite under var/bench/")
    args = parser.parse_args(argv)
    args.rows = args.rows or (300 if args.smoke else 100_000)
    args.units = args.units or max(5, args.rows // 50)
    args.reuse = False
    return args


# --- The database -------------------------------------------------------------------------------------------


# --- The scene ----------------------------------------------------------------------------------------------


def build_units(count: int, *, prefix: str = "BI") -> list[str]:
    """A province and ``count`` units under it; returns the units' codes."""
    from thidua.orgs.models import OrgUnit, UnitKind

    province_kind, _ = UnitKind.objects.get_or_create(code="bench_province", defaults={"name": "Tỉnh", "level": 1})
    unit_kind, _ = UnitKind.objects.get_or_create(code="bench_agency", defaults={"name": "Cơ quan", "level": 2})
    root = OrgUnit.objects.filter(code=prefix).first() or OrgUnit.objects.create(
        code=prefix, name="Tỉnh Nhập Thử", kind=province_kind
    )
    codes = []
    for index in range(count):
        code = f"{prefix}-{index:05d}"
        if not OrgUnit.objects.filter(code=code).exists():
            OrgUnit.objects.create(code=code, name=f"Cơ quan nhập thử số {index}", kind=unit_kind, parent=root)
        codes.append(code)
    return codes


def people_rows(rows: int, unit_codes: list[str], seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _index in range(rows):
        female = rng.random() < 0.5
        name = " ".join((rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                         rng.choice(GIVEN_F if female else GIVEN_M)))  # fmt: skip
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 40))
        out.append([name, "Nữ" if female else "Nam", born.strftime("%d/%m/%Y"), rng.choice(unit_codes),
                    rng.choice(POSITIONS), "Kinh"])  # fmt: skip
    return out


def write_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def read_baseline(data: bytes) -> tuple[float, int]:
    """openpyxl alone: open read-only and touch every cell's value."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = 0
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        count += sum(1 for value in row if value is not None) > 0
    workbook.close()
    return time.perf_counter() - started, count - 1


# --- Measures -----------------------------------------------------------------------------------------------


def run(rows: int = 100_000, *, units: int | None = None, seed: int = 1, user=None) -> dict:
    """Build the scene, time the baseline, the dry run of a file with one bad row, the dry run and the commit.

    Needs Django set up, a migrated database and THIDUA_JOBS_EAGER (jobs run synchronously in this process).
    Returns the figures: seconds of each step, rows, ratios to the baseline, the bad row's reported error.
    """
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from thidua.imports.models import ImportBatch
    from thidua.imports.services import create_batch, start_commit
    from thidua.orgs.models import Ethnicity, Membership, Person

    Ethnicity.objects.get_or_create(code="01", defaults={"name": "Kinh", "is_minority": False})
    units = units or max(5, rows // 50)
    started = time.perf_counter()
    codes = build_units(units)
    if user is None:
        user = get_user_model().objects.filter(username="bench.importer").first() or (
            get_user_model().objects.create_superuser("bench.importer", "import@example.invalid", "bench-password")
        )
    good = people_rows(rows, codes, seed)
    bad_at = rows // 2
    bad = [list(row) for row in good]
    bad[bad_at][2] = "31/02/1990"
    good_file, bad_file = write_xlsx(good), write_xlsx(bad)
    setup_seconds = time.perf_counter() - started

    base_seconds, read_rows = read_baseline(good_file)
    people_before = Person.objects.count()
    # Every file, however small, goes through the background job: that is the path a 100,000-row file takes.
    with override_settings(THIDUA_IMPORT_JOB_ROWS=0):
        tick = time.perf_counter()
        bad_batch = create_batch(by=user, kind="people", upload=SimpleUploadedFile("sai-mot-dong.xlsx", bad_file))
        bad_seconds = time.perf_counter() - tick
        bad_batch = ImportBatch.objects.get(pk=bad_batch.pk)

        tick = time.perf_counter()
        batch = create_batch(by=user, kind="people", upload=SimpleUploadedFile("nhan-su.xlsx", good_file))
        dry_seconds = time.perf_counter() - tick
        batch = ImportBatch.objects.get(pk=batch.pk)

        tick = time.perf_counter()
        start_commit(batch, by=user)
        commit_seconds = time.perf_counter() - tick
    batch.refresh_from_db()
    created = Person.objects.count() - people_before
    return {
        "rows": rows,
        "read_rows": read_rows,
        "units": units,
        "setup_seconds": setup_seconds,
        "file_bytes": len(good_file),
        "baseline_seconds": base_seconds,
        "bad_dry_run_seconds": bad_seconds,
        "bad_errors": bad_batch.errors,
        "bad_status": bad_batch.status,
        "dry_run_seconds": dry_seconds,
        "dry_run_counts": batch.counts,
        "commit_seconds": commit_seconds,
        "status": batch.status,
        "message": batch.message,
        "created": created,
        "memberships": Membership.objects.filter(unit__code__in=codes).count(),
        "job_percent": batch.job.percent if batch.job else None,
        "ratio_dry_run": dry_seconds / base_seconds,
        "ratio_commit": commit_seconds / base_seconds,
        "ratio_total": (dry_seconds + commit_seconds) / base_seconds,
    }


def print_figures(figures: dict) -> None:
    rows, base = figures["rows"], figures["baseline_seconds"]
    print(f"Cơ sở dữ liệu: {database_description()}; tệp XLSX {rows} người, {figures['units']} đơn vị, "
          f"{figures['file_bytes'] / 1024 / 1024:.1f} MB (chuẩn bị {figures['setup_seconds']:.1f} giây).")  # fmt: skip
    error = figures["bad_errors"][0] if figures["bad_errors"] else {}
    print(f"Tệp có một dòng sai: {len(figures['bad_errors'])} lỗi — dòng {error.get('row')}, cột "
          f"{error.get('column')}: {error.get('message')}")  # fmt: skip
    print(f"Kết quả nhập: {figures['message']} ({figures['created']} cá nhân, tác vụ {figures['job_percent']}%).")
    print()
    table = [("Phép đo", "Giây", "Dòng", "Dòng/giây", "× gốc")]
    table.append((BASELINE_LABEL, f"{base:.2f}", str(figures["read_rows"]), f"{rows / base:.0f}", "1.0"))
    for label, seconds in (
        ("Chạy thử tệp có một dòng sai", figures["bad_dry_run_seconds"]),
        ("Chạy thử (tác vụ nền)", figures["dry_run_seconds"]),
        ("Nhập (tác vụ nền)", figures["commit_seconds"]),
        ("Chạy thử + nhập", figures["dry_run_seconds"] + figures["commit_seconds"]),
    ):
        table.append((label, f"{seconds:.2f}", str(rows), f"{rows / seconds:.0f}", f"{seconds / base:.1f}"))
    print_rows(table)


def run_cli(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_catalog", stdout=io.StringIO())
    figures = run(args.rows, units=args.units, seed=args.seed)
    print_figures(figures)
    print()
    print(f"Tổng thời gian chạy: {time.perf_counter() - started:.1f} giây.")
    ok = figures["status"] == "committed" and figures["created"] == args.rows and len(figures["bad_errors"]) == 1
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    return run_bench(
        parse_args(argv), functools.partial(prepare_database, label="import", jobs_in_process=True), run_cli
    )


if __name__ == "__main__":
    sys.exit(main())
