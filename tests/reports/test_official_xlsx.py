"""The XLSX of a filled form, read back with openpyxl: the form's frame, merged multi-level headers, the key row,
the hand-counted figures, the footer, and the checks sheet."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.conftest import user_with_role
from tests.factories import reports as f
from thidua.reports.official import build_report, form_for_year
from thidua.reports.official_xlsx import official_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    f.load_forms()
    return user_with_role("board_officer", city["root"], username="ban.tdkt")


def workbook_of(code: str, board, city):
    report = build_report(form_for_year(code, 2024), board, city["root"], 2024)
    return load_workbook(io.BytesIO(official_xlsx(report)))


def cells(sheet) -> list[str]:
    return [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]


def row_of(sheet, code: str) -> list:
    for row in sheet.iter_rows(values_only=True):
        if row[1] == code:
            return list(row)
    raise AssertionError(code)


def test_the_sheet_carries_the_forms_frame_title_and_footer(board, city):
    sheet = workbook_of("0603", board, city)["0603"]
    text = cells(sheet)
    for expected in ("Biểu số: 0603.N/BNV-TĐKT", "Ban hành theo Thông tư số 2/2023/TT-BNV ngày 23/3/2023",
                     "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo", "Đơn vị báo cáo: Thành phố Hải Phòng",
                     "Năm 2024", "Người lập biểu", "Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)"):  # fmt: skip
        assert expected in text
    assert any(value.startswith("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ") for value in text)


def test_the_key_row_and_the_figures_follow_the_form(board, city):
    f.province_awards(city)
    sheet = workbook_of("0603", board, city)["0603"]
    key = next(row for row in sheet.iter_rows(values_only=True) if row[:3] == ("A", "B", "C"))
    assert list(key[3:8]) == ["1=2+3+4+5", "2", "3", "4", "5"]
    assert row_of(sheet, "01")[2:8] == [None, 7, 4, 1, 1, 1]
    assert row_of(sheet, "02")[2:8] == ["Tập thể", 3, 2, 0, 1, 0]
    assert row_of(sheet, "10")[3] == 2


def test_multi_level_headers_are_merged(board, city):
    f.state_awards(city)
    sheet = workbook_of("0602", board, city)["0602"]
    merged = {str(ranges) for ranges in sheet.merged_cells.ranges}
    header = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "Chia ra")
    # "Chia ra" spans every leaf column after "Tổng số" (D is Tổng số, the leaves start at E).
    assert any(ranges.startswith(f"E{header.row}:") for ranges in merged)
    orders = next(cell for row in sheet.iter_rows() for cell in row
                  if str(cell.value).startswith("Các loại huân chương"))  # fmt: skip
    assert orders.row == header.row + 1


def test_movement_form_names_its_unit_and_has_no_unit_column(board, city):
    sheet = workbook_of("0601", board, city)["0601"]
    assert "Đơn vị tính: Phong trào" in cells(sheet)
    key = next(row for row in sheet.iter_rows(values_only=True) if row[:2] == ("A", "B"))
    assert key[2] == "1=2+3+4"


def test_failed_checks_are_listed_on_their_own_sheet(board, city):
    f.award("CO_TD_CP", f.dt.date(2024, 8, 1), person=f.member_of(city["an_bien"]))
    text = cells(workbook_of("0602", board, city)["Kiểm tra số liệu"])
    assert any(value.startswith("Cảnh báo: Cột 1 = 2 + 3") for value in text)


def test_a_form_without_warnings_says_so(board, city):
    text = cells(workbook_of("0601", board, city)["Kiểm tra số liệu"])
    assert "Mọi phép kiểm tra của biểu đều đúng." in text
