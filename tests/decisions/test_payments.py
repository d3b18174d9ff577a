"""The finance office's payment list of a signed decision (XLSX) and the totals per decision, unit and year."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.decisions.scene import BINH, CHAU, HOA, signed
from thidua.decisions import payments
from thidua.decisions.models import Decision

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)


def rows_of(data: bytes, sheet: int = 0) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(data))
    return [tuple(row) for row in workbook.worksheets[sheet].iter_rows(values_only=True)]


@pytest.fixture
def decision(scene):
    return signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH"), (CHAU, "BK_TINH")), signed_on=SIGNED_ON)


def test_the_payment_list_names_every_recipient_with_subtotals_per_unit_and_the_total(decision):
    rows = rows_of(payments.payment_list_xlsx(decision))

    titles = [row[0] for row in rows[:4]]
    assert titles[0] == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    assert titles[1] == "DANH SÁCH CHI TIỀN THƯỞNG"
    assert "Quyết định số 01/QĐ-UBND ngày 15/07/2025" in titles[2]
    header = rows.index(("STT", "Họ và tên / Tập thể", "Đơn vị", "Danh hiệu, hình thức", "Hệ số", "Mức lương cơ sở",
                         "Số tiền (đồng)", "Ghi chú", "Ký nhận"))  # fmt: skip
    body = [row[:7] for row in rows[header + 1 :]]
    award = "Bằng khen của Chủ tịch UBND thành phố"
    assert body == [
        (1, HOA, "Phường An Biên", award, 1.5, 2_340_000, 3_510_000),
        (2, BINH, "Phường An Biên", award, 1.5, 2_340_000, 3_510_000),
        (None, "Cộng: Phường An Biên", None, None, None, None, 7_020_000),
        (3, CHAU, "Quận Lê Chân", award, 1.5, 2_340_000, 3_510_000),
        (None, "Cộng: Quận Lê Chân", None, None, None, None, 3_510_000),
        (None, "Tổng cộng", None, None, None, None, 10_530_000),
    ]  # fmt: skip


def test_the_payment_list_is_in_times_new_roman_with_thousands_separators(decision):
    workbook = load_workbook(io.BytesIO(payments.payment_list_xlsx(decision)))
    sheet = workbook.active
    total = next(row for row in sheet.iter_rows() if row[1].value == "Tổng cộng")

    assert total[6].number_format == "#,##0"
    assert total[6].font.name == "Times New Roman"
    assert sheet["A1"].font.name == "Times New Roman"


def test_totals_per_decision_unit_and_year(scene, decision):
    later = signed(scene, ((HOA, "CSTDCS"),), signed_on=dt.date(2026, 8, 1), unit=scene.units["an_bien"])

    totals = payments.totals(Decision.objects.all())

    assert [(row["number_text"], row["items"], row["amount"]) for row in totals["by_decision"]] == [
        (later.number_text, 1, 2_530_000), ("01/QĐ-UBND", 3, 10_530_000)]  # fmt: skip
    assert [(row["unit"], row["amount"]) for row in totals["by_unit"]] == [
        ("Phường An Biên", 7_020_000 + 2_530_000), ("Quận Lê Chân", 3_510_000)]  # fmt: skip
    assert [(row["year"], row["amount"]) for row in totals["by_year"]] == [(2026, 2_530_000), (2025, 10_530_000)]
    assert totals["total"] == 13_060_000


def test_the_totals_workbook_has_a_sheet_per_grouping_with_its_total(scene, decision):
    data = payments.totals_xlsx(Decision.objects.all())

    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Theo quyết định", "Theo đơn vị", "Theo năm"]
    assert rows_of(data, 0)[-1][-1] == 10_530_000
    assert any("Phường An Biên" in row for row in rows_of(data, 1))
