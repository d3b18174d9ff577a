"""The benchmark of issue 7: importing 100,000 people from XLSX, then the yearly report over the generated province.

    .venv/bin/python bench/import_report.py            # both at full size (see each script for its sizes)
    .venv/bin/python bench/import_report.py --smoke    # both at their smoke sizes (seconds)

Only ``--smoke`` and ``--database-url`` are shared; for the other options of a half (``--rows``, ``--reuse`` …) run
that half's script itself.

Each half is its own script with its own fresh database and its own baseline measured in the same run:
bench/import_bench.py (baseline: openpyxl reading the file alone) and bench/report_bench.py (baseline: the bare SQL
aggregate of the window). They run one after the other as separate processes, because each sets Django up on its
own database. Figures and ratios go to docs/benchmarks.md; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PARTS = ["import_bench.py", "report_bench.py"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="both halves at their smoke sizes")
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL, else SQLite under var/bench/")
    args = parser.parse_args(argv)
    shared = ["--smoke"] if args.smoke else []
    if args.database_url:
        shared += ["--database-url", args.database_url]
    failed = 0
    for script in PARTS:
        print(f"\n=== {script} {' '.join(shared)}".rstrip(), flush=True)
        failed |= subprocess.call([sys.executable, str(BENCH_DIR / script), *shared])
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
