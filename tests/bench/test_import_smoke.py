"""bench/import_bench.py at its --smoke size (300 people), so the script never rots."""

import pytest

from tests.bench.test_smoke import cells_of, run_smoke


@pytest.fixture(scope="module")
def import_smoke():
    return run_smoke("import_bench.py")


def test_bench_import_smoke_exits_cleanly(import_smoke):
    assert import_smoke.returncode == 0, import_smoke.stderr[-3000:]


def test_bench_import_smoke_prints_the_jobs_against_the_baseline(import_smoke):
    rows = cells_of(import_smoke.stdout, 5)

    assert rows["Phép đo"] == ["Giây", "Dòng", "Dòng/giây", "× gốc"]
    assert rows["Gốc: openpyxl chỉ đọc tệp"][1:] == ["300", rows["Gốc: openpyxl chỉ đọc tệp"][2], "1.0"]
    for label in ("Chạy thử (tác vụ nền)", "Nhập (tác vụ nền)", "Chạy thử + nhập"):
        seconds, count, _per_second, ratio = rows[label]
        assert (count, float(seconds) > 0, float(ratio) > 0) == ("300", True, True)


def test_bench_import_smoke_names_the_one_bad_row_and_imports_everything_else(import_smoke):
    assert "Tệp có một dòng sai: 1 lỗi — dòng 152, cột Ngày sinh" in import_smoke.stdout
    assert "Đã nhập: 300 mới" in import_smoke.stdout
