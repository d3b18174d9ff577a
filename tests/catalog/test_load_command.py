"""`thidua load_catalog` on an empty database (no catalog scene in this module)."""

from __future__ import annotations

import io

from django.core.management import call_command


def test_load_catalog_prints_a_vietnamese_summary(db):
    out = io.StringIO()

    call_command("load_catalog", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "Nạp danh mục khen thưởng và dữ liệu tham chiếu:"
    assert "  Danh hiệu, hình thức khen thưởng: 59 (mới 59, cập nhật 0, giữ nguyên 0)" in lines
    assert "  Vai trò: 14 (mới 14, cập nhật 0, giữ nguyên 0)" in lines
    assert "  Mẫu in bằng, giấy khen: 3 (mới 3, cập nhật 0, giữ nguyên 0)" in lines
    assert lines[-1] == "Xong: 252 mục mới, 0 mục cập nhật."
