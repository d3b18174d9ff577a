"""Realistic Vietnamese names for demo and scale data, drawn from a seeded ``random.Random``.

Family names follow their real frequency (Nguyễn about 38 %, then Trần, Lê, Phạm, Hoàng, Vũ …), weighted for the
north where Hải Phòng lies (Vũ and Hoàng far above Võ and Huỳnh). Middle names are gendered (Văn, Đức, Quang … for
men; Thị, Thu, Ngọc … for women, sometimes two of them: "Nguyễn Thị Thu Hà"). About one person in a hundred
belongs to an ethnic minority (Tày, Hoa, Mường, Nùng, Thái), with the family names usual for that people.
The weights are rough shares, not census figures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass

FAMILY_NAMES: dict[str, float] = {
    "Nguyễn": 38.0, "Trần": 11.0, "Lê": 9.0, "Phạm": 7.5, "Hoàng": 4.5, "Vũ": 4.2, "Phan": 2.4, "Bùi": 2.2,
    "Đặng": 2.1, "Đỗ": 2.0, "Ngô": 1.4, "Dương": 1.0, "Đào": 0.9, "Hồ": 0.8, "Đinh": 0.8, "Đoàn": 0.7,
    "Trịnh": 0.6, "Hà": 0.6, "Lương": 0.5, "Mai": 0.5, "Cao": 0.5, "Trương": 0.5, "Võ": 0.4, "Lý": 0.4,
    "Lưu": 0.4, "Tô": 0.3, "Tạ": 0.3, "Vương": 0.3, "Phùng": 0.3, "Lâm": 0.3, "Huỳnh": 0.3, "Chu": 0.2,
    "Lại": 0.15, "Mạc": 0.15, "Triệu": 0.15, "Tống": 0.15, "Khúc": 0.1, "Quách": 0.1, "Kiều": 0.1,
    "Nghiêm": 0.1, "Thân": 0.1, "Ninh": 0.1, "Nhữ": 0.05, "Đồng": 0.1, "Lã": 0.05,
}  # fmt: skip

MALE_MIDDLE_NAMES: dict[str, float] = {
    "Văn": 40, "Đức": 7, "Minh": 7, "Quang": 5, "Hữu": 4, "Xuân": 4, "Thanh": 4, "Đình": 4, "Ngọc": 3, "Công": 3,
    "Quốc": 3, "Tuấn": 2, "Mạnh": 2, "Hoàng": 2, "Trọng": 2, "Thế": 2, "Tiến": 2, "Duy": 2, "Anh": 2, "Việt": 2,
    "Bá": 1, "Khắc": 1, "Huy": 1, "Hải": 1, "Trung": 1, "Đăng": 1, "Hồng": 1, "Chí": 1, "Kim": 0.5,
}  # fmt: skip

FEMALE_MIDDLE_NAMES: dict[str, float] = {
    "Thị": 45, "Thu": 6, "Ngọc": 5, "Thanh": 5, "Hồng": 4, "Minh": 3, "Phương": 3, "Thúy": 2, "Kim": 2, "Hải": 2,
    "Bích": 2, "Khánh": 2, "Thùy": 2, "Mai": 1, "Diệu": 1, "Hoài": 1, "Quỳnh": 1, "Bảo": 1, "Mỹ": 1, "Lan": 1,
    "Thị Thu": 2, "Thị Minh": 1.5, "Thị Ngọc": 1.5, "Thị Thanh": 1.5, "Thị Kim": 1, "Thị Hồng": 1, "Thị Thúy": 0.5,
}  # fmt: skip

MALE_GIVEN_NAMES: dict[str, float] = {
    "Hùng": 4, "Dũng": 4, "Tuấn": 4, "Hải": 4, "Minh": 3, "Nam": 3, "Long": 3, "Sơn": 3, "Thắng": 3, "Cường": 3,
    "Hưng": 3, "Đức": 3, "Thành": 3, "Trung": 3, "Anh": 3, "Quang": 2, "Huy": 2, "Hiếu": 2, "Hoàng": 2, "Bình": 2,
    "Phong": 2, "Tùng": 2, "Việt": 2, "Quân": 2, "Khánh": 2, "Toàn": 2, "Hòa": 2, "Tiến": 2, "Vinh": 2, "Mạnh": 2,
    "Nghĩa": 2, "Đạt": 2, "Chiến": 2, "Trường": 2, "Hiệp": 1, "Lâm": 1, "Lợi": 1, "Phúc": 1, "Tài": 1, "Thịnh": 1,
    "Duy": 1, "Công": 1, "Giang": 1, "Hậu": 1, "Khải": 1, "Kiên": 1, "Lộc": 1, "Luân": 1, "Thanh": 1, "Tú": 1,
    "An": 1, "Bảo": 1, "Đông": 1, "Quý": 1, "Tâm": 1, "Thái": 1, "Thiện": 1, "Thuận": 1, "Vũ": 1, "Khoa": 1,
    "Hà": 0.5, "Sang": 0.5, "Tín": 0.5, "Xuân": 0.5, "Hợp": 0.5, "Thọ": 0.5, "Cảnh": 0.5, "Tuyên": 0.5,
}  # fmt: skip

FEMALE_GIVEN_NAMES: dict[str, float] = {
    "Hương": 4, "Trang": 4, "Lan": 3, "Hoa": 3, "Hằng": 3, "Hà": 3, "Linh": 3, "Thảo": 3, "Huyền": 3, "Mai": 3,
    "Phương": 3, "Thủy": 3, "Anh": 3, "Ngọc": 2, "Nga": 2, "Thu": 2, "Yến": 2, "Dung": 2, "Hạnh": 2, "Hiền": 2,
    "Hồng": 2, "Nhung": 2, "Oanh": 2, "Vân": 2, "Loan": 2, "Quỳnh": 2, "Duyên": 2, "Thúy": 2, "Liên": 1, "Tâm": 1,
    "Chi": 1, "Giang": 1, "Huệ": 1, "Ánh": 1, "Bích": 1, "Hậu": 1, "Lệ": 1, "Ly": 1, "My": 1, "Ngân": 1,
    "Nguyệt": 1, "Quyên": 1, "Tuyết": 1, "Uyên": 1, "Xuân": 1, "Hường": 1, "Trinh": 1, "Vy": 1, "Minh": 1,
    "Thoa": 1, "Nhàn": 1, "Thơm": 0.5, "Diệp": 0.5, "Sen": 0.5, "Đào": 0.5, "Luyến": 0.5, "Tình": 0.5,
}  # fmt: skip

# Ethnic minorities living in and around Hải Phòng, by the code of the official list of ethnic groups, with the
# family names usual among them. Their middle and given names are drawn like everyone else's.
MINORITY_FAMILY_NAMES: dict[str, dict[str, float]] = {
    "02": {"Hoàng": 3, "Nông": 3, "Lương": 2, "Bế": 2, "Vi": 1, "Lục": 1},  # Tày
    "04": {"Lý": 3, "Trương": 2, "Lâm": 2, "Hứa": 1, "Quan": 1, "Mã": 1},  # Hoa
    "06": {"Đinh": 3, "Bùi": 3, "Quách": 2, "Hà": 1},  # Mường
    "07": {"Hoàng": 2, "Nông": 2, "Lục": 1, "Mã": 1, "Vi": 1},  # Nùng
    "03": {"Lò": 2, "Cầm": 2, "Lường": 1, "Hà": 1, "Vi": 1},  # Thái
}
MINORITY_SHARES: dict[str, float] = {"04": 4, "02": 3, "06": 2, "07": 1, "03": 1}
KINH = "01"

# Syllables of Sino-Vietnamese place names, for synthetic provinces, districts, communes and villages.
PLACE_SYLLABLES = (
    "An", "Bình", "Hòa", "Phú", "Tân", "Thịnh", "Hưng", "Long", "Phúc", "Thành", "Quang", "Trung", "Đông", "Tây",
    "Nam", "Bắc", "Hải", "Sơn", "Thủy", "Lạc", "Mỹ", "Vĩnh", "Xuân", "Hợp", "Đồng", "Nghĩa", "Thuận", "Lợi", "Lộc",
    "Khánh", "Minh", "Đức", "Tiến", "Thắng", "Quảng", "Cẩm", "Kim", "Ngọc", "Hồng", "Thượng", "Hạ", "Yên", "Định",
    "Phong", "Tường", "Thái", "Lam", "Hiệp", "Tam", "Liên", "Đại", "Cao", "Thanh", "Gia", "Kiến", "Dương", "Hoàng",
    "Quốc", "Tự", "Chính", "Thiện", "Hiền", "Tiên", "Lập", "Kỳ", "Văn", "Bảo", "Diên", "Tràng", "Cát",
)  # fmt: skip


@dataclass(frozen=True)
class GeneratedName:
    full_name: str
    gender: str  # "M" or "F", the codes of orgs.Gender
    ethnicity_code: str


class _Weighted:
    """Draws from a dict of weights in O(log n) with a precomputed cumulative table."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.values = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


class NameGenerator:
    """Deterministic Vietnamese names: the same ``rng`` state always gives the same sequence.

    ``reserved`` names are never produced, so that people the demo places on purpose (the acceptance tests look for
    "Đặng Văn Đức" in Thủy Nguyên) stay unique.
    """

    def __init__(self, rng: random.Random, *, minority_share: float = 0.01, reserved: frozenset[str] = frozenset()):
        self.rng = rng
        self.minority_share = minority_share
        self.reserved = reserved
        self._family = _Weighted(FAMILY_NAMES)
        self._middle = {"M": _Weighted(MALE_MIDDLE_NAMES), "F": _Weighted(FEMALE_MIDDLE_NAMES)}
        self._given = {"M": _Weighted(MALE_GIVEN_NAMES), "F": _Weighted(FEMALE_GIVEN_NAMES)}
        self._minority = _Weighted(MINORITY_SHARES)
        self._minority_family = {code: _Weighted(names) for code, names in MINORITY_FAMILY_NAMES.items()}

    def gender(self, female_share: float = 0.5) -> str:
        return "F" if self.rng.random() < female_share else "M"

    def person(self, gender: str | None = None, *, female_share: float = 0.5) -> GeneratedName:
        rng = self.rng
        gender = gender or self.gender(female_share)
        while True:
            ethnicity = KINH
            if rng.random() < self.minority_share:
                ethnicity = self._minority.draw(rng)
                family = self._minority_family[ethnicity].draw(rng)
            else:
                family = self._family.draw(rng)
            middle = self._middle[gender].draw(rng)
            given = self._given[gender].draw(rng)
            if given in middle.split():
                continue  # "Nguyễn Minh Minh" is not a name anyone gives
            full_name = f"{family} {middle} {given}"
            if full_name not in self.reserved:
                return GeneratedName(full_name, gender, ethnicity)

    def place(self, *, syllables: int = 2, avoid: set[str] | None = None) -> str:
        """A place name like "Tân Phú" or "Hòa Bình", different from those in ``avoid`` (which it extends)."""
        rng = self.rng
        for attempt in itertools.count():
            parts = rng.sample(PLACE_SYLLABLES, syllables)
            name = " ".join(parts) if attempt < 50 else f"{' '.join(parts)} {attempt}"
            if avoid is None or name not in avoid:
                if avoid is not None:
                    avoid.add(name)
                return name
        raise AssertionError("unreachable")


def birth_date(rng: random.Random, *, min_age: int, max_age: int, on: dt.date) -> dt.date:
    """A birth date making someone between ``min_age`` and ``max_age`` years old on ``on``."""
    earliest = dt.date(on.year - max_age - 1, on.month, 1) + dt.timedelta(days=1)
    latest = dt.date(on.year - min_age, on.month, 1)
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))


def citizen_id(rng: random.Random, *, birth: dt.date, gender: str, province_code: str = "031") -> str:
    """A well-formed 12-digit citizen ID (căn cước công dân): place of birth, century and gender, year, serial.

    031 is Hải Phòng. The serial is random, so the number belongs to no one.
    """
    century_gender = (0 if birth.year < 2000 else 2) + (1 if gender == "F" else 0)
    return f"{province_code}{century_gender}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day from ``start`` to ``end`` inclusive (``start`` itself when the span is empty)."""
    return start + dt.timedelta(days=rng.randrange(max((end - start).days, 0) + 1))


def career_start(rng: random.Random, born: dt.date, *, first_age: int, earliest: dt.date,
                 latest: dt.date = dt.date(2020, 12, 1)) -> dt.date:  # fmt: skip
    """When someone born on ``born`` started in their unit: from age ``first_age`` (22 at most) until ``latest``."""
    adult = min(dt.date(born.year + min(first_age, 22), born.month, 1), latest)
    return date_between(rng, max(earliest, adult), latest)
