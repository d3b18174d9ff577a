"""Benchmark of the list pages on a generated province: people list, search and a unit's subtree, against /healthz.

    .venv/bin/python bench/lists.py                  # 3,000 units, 150,000 people, 30 requests per page
    .venv/bin/python bench/lists.py --smoke          # 50 units, 500 people, 3 requests: seconds (run by make test)
    .venv/bin/python bench/lists.py --reuse          # measure again on the database of the last run
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua .venv/bin/python bench/lists.py

What it does, in one process: makes a fresh database (SQLite under var/bench/, or ``<name>_bench`` beside the
PostgreSQL database of DATABASE_URL; for --smoke a temporary SQLite file or ``<name>_bench_smoke``, dropped after),
migrates it, loads the catalog, runs ``gen_province`` into it (unless --reuse finds the province there), signs in
with Django's test client as a province-level board officer and as a district unit officer, and requests each page
N times after one warm-up. It prints the median and 95th percentile of each page and their RATIO to the /healthz
baseline measured in the same run, so figures from different machines compare. Nothing here asserts a time: the
ratios are for people to read (docs/benchmarks.md keeps the figures of each run that matters).
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

PROVINCE_CODE = "BENCH"
NEXT_LINK = re.compile(r"<a\b[^>]*\brel=\"next\"[^>]*>", re.IGNORECASE)
HREF = re.compile(r"\bhref=\"([^\"]+)\"")


@dataclass
class Measure:
    label: str
    user: str  # who asks, as printed
    url: str | None
    username: str = ""  # the signed-in user of the request; "" for anonymous
    deep: bool = False  # the URL is found at run time: the middle page of the user's people list
    note: str = ""
    median_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int | None = None
    status: int | None = None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny size (50 units, 500 people, 3 requests)")
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run (no regeneration)")
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--requests", type=int, default=None, help="timed requests per page (after one warm-up)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL, else SQLite under var/bench/")
    args = parser.parse_args(argv)
    args.units = args.units or (50 if args.smoke else 3000)
    args.people = args.people or (500 if args.smoke else 150_000)
    args.requests = args.requests or (3 if args.smoke else 30)
    return args


# --- The database -------------------------------------------------------------------------------------------


def bench_database_url(args: argparse.Namespace, scratch: Path, label: str = "") -> str:
    """A database of the benchmark's own, never the one DATABASE_URL names (that may hold real data):
    ``<name>_bench[_<label>]`` beside it on PostgreSQL, with ``_smoke`` for --smoke (a smoke run never drops the full
    run's data); else the SQLite file --database-url names for a full run, or one in ``scratch``."""
    url = args.database_url or os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "thidua"
        suffix = "_bench" + (f"_{label}" if label else "") + ("_smoke" if args.smoke else "")
        return parts._replace(path=f"/{name}{suffix}").geturl()
    if args.database_url and args.database_url.startswith("sqlite:///") and not args.smoke:
        return args.database_url
    filename = f"{label or 'lists'}.sqlite3"
    return f"sqlite:///{scratch / filename}"


def _maintenance_connection(url: str):
    """A connection to the server's "postgres" database, to create and drop the benchmark's own."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    server = {"user": config["USER"], "password": config["PASSWORD"], "host": config["HOST"], "port": config["PORT"]}
    return psycopg.connect(dbname="postgres", autocommit=True, **{key: value for key, value in server.items() if value})


def _quoted_name(url: str) -> str:
    return '"' + urlsplit(url).path.lstrip("/").replace('"', "") + '"'


def recreate_postgres(url: str) -> None:
    with _maintenance_connection(url) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {_quoted_name(url)} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {_quoted_name(url)}")


def drop_postgres(url: str) -> None:
    with _maintenance_connection(url) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {_quoted_name(url)} WITH (FORCE)")


def prepare_database(args: argparse.Namespace, scratch: Path, label: str = "", *, jobs_in_process: bool = False) -> str:
    """The benchmark's database, emptied unless --reuse; with ``jobs_in_process`` background jobs run synchronously
    in this process and their files go to the scratch folder, not to var/media."""
    url = bench_database_url(args, scratch, label)
    if not getattr(args, "reuse", False):
        if url.startswith("sqlite"):
            for suffix in ("", "-wal", "-shm"):
                Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        else:
            recreate_postgres(url)
    os.environ["DATABASE_URL"] = url
    if jobs_in_process:
        os.environ["THIDUA_JOBS_EAGER"] = "1"
        os.environ["CELERY_BROKER_URL"] = ""
        os.environ["MEDIA_ROOT"] = str(scratch / "media")
    return url


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ.setdefault("DEBUG", "1")  # the test client's host "testserver" is allowed in the demo settings
    import django
    from django.conf import settings

    django.setup()
    # Measure the pages, not Django's query log (kept in memory whenever DEBUG is on).
    settings.DEBUG = False


def generate(args: argparse.Namespace) -> tuple[str, float | None]:
    """The synthetic province of ``thidua gen_province`` (with ``args.years`` of history ending ``args.last_year``
    when the benchmark has those options), or the one already there with --reuse."""
    from django.core.management import call_command

    from thidua.demo.province import LAST_HISTORY_YEAR, generate_province
    from thidua.orgs.models import OrgUnit

    call_command("migrate", verbosity=0)
    call_command("load_catalog", stdout=io.StringIO())
    if args.reuse and OrgUnit.objects.filter(code=PROVINCE_CODE).exists():
        return "reused", None
    history = {"years": getattr(args, "years", 0) or 0, "last_year": getattr(args, "last_year", LAST_HISTORY_YEAR)}
    report = generate_province(code=PROVINCE_CODE, units=args.units, people=args.people, seed=args.seed,
                               progress=not args.smoke, replace=True, **history)  # fmt: skip
    return "generated", report.seconds


# --- Users and URLs -----------------------------------------------------------------------------------------


def bench_users():
    """A board officer of the province and a unit officer of its first district (of its first commune, two-tier)."""
    from thidua.accounts.models import Role, RoleAssignment, User
    from thidua.orgs.models import OrgUnit

    province = OrgUnit.objects.get(code=PROVINCE_CODE)
    district = (
        province.descendants().filter(kind__code__in=("rural_district", "town")).order_by("path").first()
        or province.descendants().filter(kind__code__in=("commune", "ward")).order_by("path").first()
    )
    users = {}
    for username, role_code, unit in (("bench.board", "board_officer", province),
                                      ("bench.district", "unit_officer", district)):  # fmt: skip
        user, _created = User.objects.get_or_create(username=username, defaults={"full_name": username})
        role, _created = Role.objects.get_or_create(code=role_code, defaults={"name": role_code})
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
        users[username] = user
    return province, district, users


def reverse_or_none(name: str, *args) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def with_query(url: str | None, **params) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({key: str(value) for key, value in params.items()})
    return parts._replace(query=urlencode(query)).geturl()


def deep_page_url(list_url: str | None, client, people) -> tuple[str | None, str]:
    """The list page starting in the middle of the user's people: a keyset cursor far from the first page."""
    if list_url is None:
        return None, ""
    middle = people.order_by("sort_key", "pk")[people.count() // 2 : people.count() // 2 + 1].first()
    if middle is None:
        return None, "không có dữ liệu"
    try:
        from thidua.core import pagination
    except ImportError:
        pagination = None
    if pagination is not None and hasattr(pagination, "encode_cursor"):
        return with_query(list_url, **{pagination.AFTER: pagination.encode_cursor(middle.sort_key, middle.pk)}), ""
    # No cursor helper: follow the "next" links of the pages instead.
    url = list_url
    for _page in range(10):
        link = NEXT_LINK.search(client.get(url).content.decode())
        href = HREF.search(link.group(0)) if link else None
        if href is None:
            break
        url = urlsplit(list_url)._replace(query="").geturl() + html.unescape(href.group(1))
    return url, "theo liên kết trang sau"


# --- Measuring ----------------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(client, item: Measure, requests: int) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if item.url is None:
        item.note = item.note or "chưa có trang này (URL chưa đăng ký)"
        return item
    with CaptureQueriesContext(connection) as captured:
        response = client.get(item.url)  # warm-up: caches, prepared templates
    item.status = response.status_code
    item.queries = len(captured.captured_queries)
    timings = []
    for _request in range(requests):
        started = time.perf_counter()
        response = client.get(item.url)
        timings.append((time.perf_counter() - started) * 1000)
        item.status = response.status_code
    item.median_ms = statistics.median(timings)
    item.p95_ms = percentile(timings, 0.95)
    return item


def plan(district) -> list[Measure]:
    """What to measure, the /healthz baseline first."""
    people_list = reverse_or_none("orgs:person-list")
    rows = [Measure("/healthz", "—", reverse_or_none("healthz"))]
    for username, label in (("bench.board", "Ban TĐKT tỉnh"), ("bench.district", "Cán bộ huyện")):
        rows += [
            Measure("Danh sách cá nhân, trang đầu", label, people_list, username),
            Measure("Danh sách cá nhân, trang giữa (keyset)", label, None, username, deep=True),
            Measure("Tìm «nguyen van»", label, with_query(people_list, q="nguyen van"), username),
            Measure("Tìm «dang duc»", label, with_query(people_list, q="dang duc"), username),
            Measure("Tìm «nguyen thi»", label, with_query(people_list, q="nguyen thi"), username),
            Measure(f"Cá nhân của {district.name} (cây con)", label, with_query(people_list, unit=district.pk),
                    username),
            Measure(f"Trang đơn vị {district.name}", label, reverse_or_none("orgs:unit-detail", district.pk),
                    username),
        ]  # fmt: skip
    return rows


def run(args: argparse.Namespace) -> int:
    from django.test import Client

    from thidua.accounts.scoping import scoped
    from thidua.orgs.models import Membership, Person

    started = time.perf_counter()
    outcome, generation_seconds = generate(args)
    province, district, users = bench_users()
    clients = {"": Client()}
    for username, user in users.items():
        clients[username] = Client()
        clients[username].force_login(user)

    results = []
    for item in plan(district):
        client = clients[item.username]
        if item.deep:
            people = scoped(Person, users[item.username])
            item.url, item.note = deep_page_url(reverse_or_none("orgs:person-list"), client, people)
        results.append(measure(client, item, args.requests))

    subtree = province.descendants(include_self=True)
    print(f"Cơ sở dữ liệu: {database_description()}; tỉnh {PROVINCE_CODE}: {subtree.count()} đơn vị, "
          f"{Person.objects.count()} cá nhân, {Membership.objects.filter(unit__in=subtree).count()} quá trình công tác "
          f"({'sinh mới' if outcome == 'generated' else 'dùng lại'}"
          f"{f', {generation_seconds:.1f} giây' if generation_seconds is not None else ''}).")  # fmt: skip
    print(f"Mỗi trang: 1 lượt khởi động rồi {args.requests} lượt đo; thời gian tính bằng mili giây.")
    print()
    print_table(results)
    print()
    print(f"Tổng thời gian chạy: {time.perf_counter() - started:.1f} giây.")
    failures = [item for item in results if item.status not in (None, 200)]
    return 1 if failures else 0


def database_description() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return "SQLite " + ".".join(str(part) for part in connection.Database.sqlite_version_info)
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    return f"PostgreSQL {version} (jit={jit})" if connection.vendor == "postgresql" else connection.vendor


def print_table(results: list[Measure]) -> None:
    baseline = results[0].median_ms or None
    header = ("Trang", "Người dùng", "Trung vị", "p95", "× /healthz", "Truy vấn", "Ghi chú")
    rows = [header]
    for item in results:
        if item.url is None or item.status is None:
            rows.append((item.label, item.user, "—", "—", "—", "—", item.note))
            continue
        ratio = f"{item.median_ms / baseline:.1f}" if baseline else "—"
        note = item.note if item.status == 200 else f"HTTP {item.status} {item.note}".strip()
        rows.append((item.label, item.user, f"{item.median_ms:.1f}", f"{item.p95_ms:.1f}", ratio,
                     str(item.queries), note))  # fmt: skip
    print_rows(rows)


def print_rows(rows: list[tuple[str, ...]]) -> None:
    """A plain-text table: the first row is the header, columns padded to their widest cell."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print("-+-".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    return run_bench(parse_args(argv), prepare_database, run)


def run_bench(args: argparse.Namespace, prepare, run_measures) -> int:
    """Prepare the bench database (a temporary one for --smoke, dropped after), set Django up, measure."""
    scratch_holder = tempfile.TemporaryDirectory(prefix="thidua-bench-") if args.smoke else None
    scratch = Path(scratch_holder.name) if scratch_holder else PROJECT_DIR / "var" / "bench"
    scratch.mkdir(parents=True, exist_ok=True)
    url = prepare(args, scratch)
    try:
        setup_django()
        return run_measures(args)
    finally:
        if args.smoke:
            from django.db import connections

            connections.close_all()
            if not url.startswith("sqlite"):
                drop_postgres(url)
            scratch_holder.cleanup()


if __name__ == "__main__":
    sys.exit(main())
