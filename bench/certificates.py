"""Benchmark of certificate printing: 1,000 certificates of one signed decision in one background job.

    .venv/bin/python bench/certificates.py                 # 1,000 certificates, fresh SQLite database under var/bench/
    .venv/bin/python bench/certificates.py --smoke         # 20 certificates: seconds (run by make test)
    .venv/bin/python bench/certificates.py --count 5000    # another size
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua .venv/bin/python bench/certificates.py

What it does, in one process: makes a fresh database (SQLite under var/bench/, or ``<name>_bench_cert`` beside the
PostgreSQL database of DATABASE_URL; for --smoke a temporary SQLite file or ``<name>_bench_cert_smoke``, dropped
after), migrates it, loads the catalog (with the certificate layouts), generates a small province with
``gen_province`` for its people, and builds one draft decision of the province's Chairman granting the Bằng khen
tỉnh to COUNT of them (the draft's items are bulk-created: the dossier workflow is not what is measured). It then
measures:

1. the signing (``decisions.services.sign``: the number, the money, COUNT awards, COUNT certificates numbered in the
   register), once;
2. the BASELINE: reportlab's canvas writing a plain COUNT-page document, one line of text per page in the same font
   (Liberation Serif, embedded) on the same page size, compressed like the certificates (median of 3);
3. the job "decisions.certificates" (full design, then blank mode): rendering every page with its QR code and storing
   the PDF as the decision's file, from start to finish, each with its pages per second and its RATIO to the baseline
   of the same run, so figures from different machines compare.

Nothing here asserts a time: docs/benchmarks.md keeps the figures of each run that matters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists import database_description, prepare_database, print_rows, run_bench  # noqa: E402

PROVINCE_CODE = "BENCH"
SIGNED_ON = dt.date(2025, 10, 7)
BASELINE_LABEL = "Gốc: reportlab, 1 dòng chữ mỗi trang"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny size (20 certificates)")
    parser.add_argument("--count", type=int, default=None, help="certificates in the decision (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL, else SQLite under var/bench/")
    args = parser.parse_args(argv)
    args.count = args.count or (20 if args.smoke else 1000)
    args.reuse = False
    return args


# --- The database -------------------------------------------------------------------------------------------


# --- The scene ----------------------------------------------------------------------------------------------


def build_decision(args: argparse.Namespace):
    """The province's Chairman's draft decision granting Bằng khen tỉnh to ``count`` generated people."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from thidua.catalog.models import Authority, AwardType
    from thidua.decisions import numbering
    from thidua.decisions.enums import Numbering, RegisterKind
    from thidua.decisions.models import Decision, DecisionItem, Register
    from thidua.demo.province import generate_province
    from thidua.orgs.models import Membership, Person

    call_command("migrate", verbosity=0)
    call_command("load_catalog", stdout=io.StringIO())
    people_wanted = int(args.count * 1.3) + 50
    generate_province(code=PROVINCE_CODE, units=max(50, people_wanted // 40), people=people_wanted, seed=args.seed,
                      progress=False, replace=True)  # fmt: skip
    authority = Authority.objects.select_related("unit").get(kind__code="ct_ubnd_tinh", unit__code=PROVINCE_CODE)
    register = numbering.default_register(authority, RegisterKind.DECISION)
    # The province's book is its clerical office's by default; here the system numbers it (no signed PDF needed).
    Register.objects.filter(pk=register.pk).update(numbering=Numbering.INTERNAL)
    register.refresh_from_db()
    award_type = AwardType.objects.filter(code="BK_TINH").in_force(SIGNED_ON).get()
    signer = get_user_model().objects.create_superuser("bench.signer", "signer@example.invalid", "bench-password")
    decision = Decision.objects.create(
        authority=authority, register=register, subject="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        signer_position="CHỦ TỊCH", signer_name="Nguyễn Văn Tùng", created_by=signer,
    )  # fmt: skip
    memberships = (
        Membership.objects.current().filter(person__death_date__isnull=True).select_related("person", "unit")
        .order_by("person_id")
    )  # fmt: skip
    items, seen = [], set()
    for membership in memberships.iterator(chunk_size=2000):
        person: Person = membership.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        items.append(DecisionItem(
            decision=decision, person=person, award_type=award_type, year=SIGNED_ON.year,
            achievement=f"Đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm {SIGNED_ON.year}.",
            recipient_name=person.full_name, gender=person.gender or "", birth_year=person.birth_year,
            position=membership.position or "", unit_name=membership.unit.name, sort_order=len(items) + 1,
        ))  # fmt: skip
        if len(items) == args.count:
            break
    DecisionItem.objects.bulk_create(items, batch_size=500)
    return decision, signer


# --- Measuring ----------------------------------------------------------------------------------------------


def baseline(pages: int, size_mm: tuple[float, float]) -> float:
    """A plain ``pages``-page PDF with reportlab, one line per page, same font and page size, compressed."""
    from reportlab.pdfgen.canvas import Canvas

    from thidua.documents import fonts

    fonts.serif_font()
    started = time.perf_counter()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(size_mm[0] * 72 / 25.4, size_mm[1] * 72 / 25.4), pageCompression=1,
                    invariant=1)  # fmt: skip
    for number in range(1, pages + 1):
        canvas.setFont(fonts.face(), 14)
        canvas.drawString(72, 300, f"Trang {number}: Nguyễn Thị Hoa — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - started


def run_job(decision, signer, mode: str):
    from thidua.decisions.jobs import CERTIFICATES
    from thidua.jobs.models import Job
    from thidua.jobs.services import start_job

    started = time.perf_counter()
    job = start_job(CERTIFICATES, by=signer, params={"decision_id": decision.pk, "mode": mode})
    seconds = time.perf_counter() - started
    job = Job.objects.get(pk=job.pk)
    if job.status != "succeeded":
        raise RuntimeError(f"certificate job failed: {job.message} {job.error}")
    return seconds, job


def run(args: argparse.Namespace) -> int:
    from thidua.core.models import StoredFile
    from thidua.decisions import services
    from thidua.decisions.certificates import layout_of
    from thidua.decisions.enums import PrintMode
    from thidua.decisions.models import Certificate

    started = time.perf_counter()
    decision, signer = build_decision(args)
    setup_seconds = time.perf_counter() - started

    signing_started = time.perf_counter()
    decision = services.sign(decision, by=signer, signed_on=SIGNED_ON)
    signing_seconds = time.perf_counter() - signing_started
    count = Certificate.objects.filter(decision_item__decision=decision).count()
    page = layout_of(Certificate.objects.filter(decision_item__decision=decision)
                     .select_related("decision_item__award_type").first())  # fmt: skip
    size = (float(page.page_width_mm), float(page.page_height_mm))

    base_seconds = statistics.median(baseline(count, size) for _run in range(3))
    measured = []
    for mode, label in ((PrintMode.FULL, "Tác vụ in bằng khen, in đầy đủ mẫu"),
                        (PrintMode.BLANK, "Tác vụ in bằng khen, in trên phôi")):  # fmt: skip
        seconds, job = run_job(decision, signer, mode)
        stored = StoredFile.objects.get(pk=job.result["file"])
        measured.append((label, seconds, job.result["pages"], stored.size))

    print(f"Cơ sở dữ liệu: {database_description()}; quyết định {decision.number_text} ngày "
          f"{decision.signed_on:%d/%m/%Y}: {count} bằng khen, khổ {size[0]:g} × {size[1]:g} mm "
          f"(chuẩn bị {setup_seconds:.1f} giây).")  # fmt: skip
    print(f"Ký quyết định (cấp số, tính tiền, {count} khen thưởng, {count} số vào sổ): {signing_seconds:.2f} giây.")
    print()
    table = [("Phép đo", "Giây", "Trang", "Trang/giây", "× gốc", "MB")]
    table.append((BASELINE_LABEL, f"{base_seconds:.2f}", str(count), f"{count / base_seconds:.0f}", "1.0", ""))
    for label, seconds, pages, size_bytes in measured:
        table.append((label, f"{seconds:.2f}", str(pages), f"{pages / seconds:.0f}", f"{seconds / base_seconds:.1f}",
                      f"{size_bytes / 1024 / 1024:.1f}"))  # fmt: skip
    print_rows(table)
    print()
    print(f"Tổng thời gian chạy: {time.perf_counter() - started:.1f} giây.")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_bench(parse_args(argv), functools.partial(prepare_database, label="cert", jobs_in_process=True), run)


if __name__ == "__main__":
    sys.exit(main())
