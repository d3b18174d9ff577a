"""How Vietnamese official documents write dates, numbers and money (NĐ 30/2020/NĐ-CP, Phụ lục I).

Dates: "Hải Phòng, ngày 05 tháng 3 năm 2025" — a leading 0 for days 1–9 and for months 1 and 2 (so that nobody can
add a digit in front of them), none for the other months. Money: "2.340.000" (dots between thousands) and in words
("Hai triệu ba trăm bốn mươi nghìn đồng") on the lines that state a total.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

# The blank left for what is written by hand on a draft (the number, the day and the month of the signature): no-break
# spaces, which neither renderer collapses.
BLANK = "\u00a0" * 6


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(day: dt.date) -> str:
    """ "ngày 05 tháng 3 năm 2025"."""
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def place_date(place: str, day: dt.date) -> str:
    """ "Hải Phòng, ngày 05 tháng 3 năm 2025"."""
    return f"{place}, {date_words(day)}" if place else date_words(day).capitalize()


def blank_place_date(place: str, year: int) -> str:
    """The place/date line of a document not yet signed: "Hải Phòng, ngày      tháng      năm 2025"."""
    text = f"ngày {BLANK} tháng {BLANK} năm {year}"
    return f"{place}, {text}" if place else text.capitalize()


def short_date(day: dt.date | None) -> str:
    """ "05/3/2025" (tables and references: the same leading-zero rule)."""
    if day is None:
        return ""
    return f"{day_text(day.day)}/{month_text(day.month)}/{day.year}"


def number_line(number_text: str, symbol: str = "") -> str:
    """ "Số: 12/QĐ-UBND"; without a number yet, the blank of a draft: "Số:      /QĐ-UBND"."""
    if number_text:
        return f"Số: {number_text}"
    return f"Số: {BLANK}/{symbol}" if symbol else f"Số: {BLANK}"


def money(amount: int | Decimal) -> str:
    """ "2.340.000" (whole đồng)."""
    return f"{int(amount):,}".replace(",", ".")


def decimal_text(value: Decimal | float | int) -> str:
    """A coefficient as Vietnamese write it: "1,5", "0,3", "3"."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]


def _three_digits(number: int, *, full: bool) -> str:
    """0–999 in words; ``full`` when a higher group precedes it ("không trăm linh năm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_words(number: int) -> str:
    """A whole number in Vietnamese words: 2340000 → "hai triệu ba trăm bốn mươi nghìn"."""
    if number == 0:
        return _DIGITS[0]
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        higher = index < len(groups) - 1
        words.append(_three_digits(group, full=higher))
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    return " ".join(words)


def money_words(amount: int) -> str:
    """ "Hai triệu ba trăm bốn mươi nghìn đồng"."""
    text = f"{number_words(int(amount))} đồng"
    return text[0].upper() + text[1:]


def count_text(count: int) -> str:
    """A count in a document's sentence: "02", "12" (below 10 with a leading 0, as decisions write them)."""
    return f"{count:02d}"
