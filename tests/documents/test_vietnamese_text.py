"""How the documents write dates, numbers and money (NĐ 30/2020 Phụ lục I) and split an issuing body into lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thidua.documents import vn
from thidua.documents.layout import fit_size, issuing_lines


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2025, 3, 5), "Hải Phòng, ngày 05 tháng 3 năm 2025"),
        (dt.date(2025, 1, 9), "Hải Phòng, ngày 09 tháng 01 năm 2025"),
        (dt.date(2025, 2, 28), "Hải Phòng, ngày 28 tháng 02 năm 2025"),
        (dt.date(2025, 10, 7), "Hải Phòng, ngày 07 tháng 10 năm 2025"),
        (dt.date(2025, 12, 31), "Hải Phòng, ngày 31 tháng 12 năm 2025"),
    ],
)
def test_place_and_date_put_a_leading_zero_on_days_below_ten_and_on_months_one_and_two(day, text):
    assert vn.place_date("Hải Phòng", day) == text


def test_a_document_not_yet_signed_leaves_the_day_and_month_blank():
    assert vn.blank_place_date("Hải Phòng", 2025) == f"Hải Phòng, ngày {vn.BLANK} tháng {vn.BLANK} năm 2025"


def test_a_draft_leaves_the_number_blank_before_the_symbol():
    assert (vn.number_line("", "QĐ-UBND"), vn.number_line("05/QĐ-UBND")) == (
        f"Số: {vn.BLANK}/QĐ-UBND",
        "Số: 05/QĐ-UBND",
    )


def test_short_dates_follow_the_same_leading_zero_rule():
    assert [vn.short_date(dt.date(2025, 3, 5)), vn.short_date(dt.date(2024, 1, 20))] == ["05/3/2025", "20/01/2024"]


@pytest.mark.parametrize(
    ("amount", "text"), [(2_340_000, "2.340.000"), (710_000, "710.000"), (0, "0"), (11_390_000, "11.390.000")]
)
def test_money_has_dots_between_thousands(amount, text):
    assert vn.money(amount) == text


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
        (7_020_000, "Bảy triệu không trăm hai mươi nghìn đồng"),
        (2_005_000, "Hai triệu không trăm linh năm nghìn đồng"),
        (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
        (21_000_000, "Hai mươi mốt triệu đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (24_000_000_000, "Hai mươi tư tỷ đồng"),
    ],
)
def test_a_total_is_also_written_in_words(amount, words):
    assert vn.money_words(amount) == words


def test_coefficients_are_written_with_a_decimal_comma():
    assert [vn.decimal_text(Decimal("1.50")), vn.decimal_text(Decimal("0.3")), vn.decimal_text(3)] == [
        "1,5",
        "0,3",
        "3",
    ]


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"]),
        ("ỦY BAN NHÂN DÂN\nQUẬN LÊ CHÂN", ["ỦY BAN NHÂN DÂN", "QUẬN LÊ CHÂN"]),
        ("SỞ NỘI VỤ", ["SỞ NỘI VỤ"]),
        ("BAN THI ĐUA - KHEN THƯỞNG THÀNH PHỐ HẢI PHÒNG", ["BAN THI ĐUA - KHEN THƯỞNG", "THÀNH PHỐ HẢI PHÒNG"]),
    ],
)
def test_the_issuing_body_is_split_into_the_header_lines_by_custom(body, lines):
    assert issuing_lines(body) == lines


def test_a_header_line_too_long_for_its_column_is_printed_a_little_smaller():
    assert (fit_size("SỞ NỘI VỤ", 12, 74), fit_size("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", 12, 74, bold=True) < 12) == (
        12,
        True,
    )
