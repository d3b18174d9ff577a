"""bench/certificates.py at its --smoke size (20 certificates), so the script never rots."""

import pytest

from tests.bench.test_smoke import cells_of, run_smoke


@pytest.fixture(scope="module")
def certificates_smoke():
    return run_smoke("certificates.py")


def test_bench_certificates_smoke_exits_cleanly(certificates_smoke):
    assert certificates_smoke.returncode == 0, certificates_smoke.stderr[-3000:]


def test_bench_certificates_smoke_prints_the_job_against_the_baseline(certificates_smoke):
    rows = cells_of(certificates_smoke.stdout, 6)

    assert rows["Phép đo"] == ["Giây", "Trang", "Trang/giây", "× gốc", "MB"]
    _seconds, pages, _per_second, ratio, _megabytes = rows["Gốc: reportlab, 1 dòng chữ mỗi trang"]
    assert (pages, ratio) == ("20", "1.0")
    for mode in ("in đầy đủ mẫu", "in trên phôi"):
        seconds, pages, _per_second, ratio, _megabytes = rows[f"Tác vụ in bằng khen, {mode}"]
        assert (pages, float(ratio) > 0, float(seconds) > 0) == ("20", True, True)


def test_bench_certificates_smoke_signs_one_decision_for_every_certificate(certificates_smoke):
    assert "Ký quyết định (cấp số, tính tiền, 20 khen thưởng, 20 số vào sổ)" in certificates_smoke.stdout
