"""Tập thể lao động tiên tiến. Since 2024 (Bắc Ninh QĐ 86/2025 Điều 4.2, detailing Luật TĐKT Điều 28; DOMAIN.md
§11.5): the unit rated "hoàn thành tốt nhiệm vụ", at least 70 % of its members Lao động tiên tiến, no member
disciplined at "cảnh cáo" or above, unity left to the board. Under the 2003 law: more than 50 % of the members."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.eligibility.conftest import (
    LAW_2022,
    REGIME_OF_YEAR,
    discipline,
    give,
    leaf,
    member,
    rate,
    regime_of,
    verdict,
)
from tests.factories.orgs import OrgUnitFactory
from thidua.eligibility.engine import Outcome, Status
from thidua.orgs.models import UnitKind


@pytest.fixture
def division(scene):
    """Phòng Tổ chức cán bộ of Sở Nội vụ with ten members."""
    unit = OrgUnitFactory(name="Phòng Tổ chức cán bộ", kind=UnitKind.objects.get(code="division"),
                          sector=scene["so_nv"].sector, parent=scene["so_nv"])  # fmt: skip
    return {"unit": unit, "members": [member(unit) for _ in range(10)]}


def with_ldtt(division, count: int, year: int) -> None:
    for person in division["members"][:count]:
        give(person, "LDTT", year)


@LAW_2022
def test_ttldtt_htt_and_seventy_percent_ldtt_leaves_unity_to_weigh(division, year):
    rate(division["unit"], year)
    with_ldtt(division, 7, year)

    found = verdict(division["unit"], "TTLDTT", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Từ 70% thành viên").text == (
        f"Từ 70% thành viên trở lên đạt Lao động tiên tiến năm {year}: 7/10 người (70%)"
    )
    assert leaf(found, "Có phong trào thi đua").outcome == Outcome.WEIGH


@LAW_2022
def test_ttldtt_sixty_percent_ldtt_is_not_eligible(division, year):
    rate(division["unit"], year)
    with_ldtt(division, 6, year)

    assert verdict(division["unit"], "TTLDTT", year).status == Status.NOT_ELIGIBLE


@LAW_2022
def test_ttldtt_unit_rated_only_ht_is_not_eligible(division, year):
    rate(division["unit"], year, level="ht")
    with_ldtt(division, 10, year)

    assert verdict(division["unit"], "TTLDTT", year).status == Status.NOT_ELIGIBLE


@LAW_2022
def test_ttldtt_member_warned_in_the_year_blocks(division, year):
    rate(division["unit"], year)
    with_ldtt(division, 8, year)
    discipline(division["members"][9], dt.date(year, 3, 1), dt.date(year + 1, 2, 28), kind="canh_cao")

    found = verdict(division["unit"], "TTLDTT", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Không có thành viên chịu kỷ luật").records == [
        f"{division['members'][9].full_name}: Cảnh cáo, từ 01/03/{year} đến 28/02/{year + 1}"
    ]


@LAW_2022
def test_ttldtt_member_reprimanded_does_not_block(division, year):
    rate(division["unit"], year)
    with_ldtt(division, 8, year)
    discipline(division["members"][9], dt.date(year, 3, 1), kind="khien_trach")

    assert verdict(division["unit"], "TTLDTT", year).status == Status.TO_WEIGH


@LAW_2022
def test_ttldtt_unit_under_investigation_is_not_eligible(division, year):
    rate(division["unit"], year)
    with_ldtt(division, 8, year)
    discipline(division["unit"], dt.date(year, 9, 1), status="pending")

    assert verdict(division["unit"], "TTLDTT", year).status == Status.NOT_ELIGIBLE


@LAW_2022
def test_ttldtt_member_who_left_before_the_year_end_does_not_count(division, year):
    rate(division["unit"], year)
    with_ldtt(division, 7, year)
    leaver = member(division["unit"], end=dt.date(year, 6, 30))
    give(leaver, "LDTT", year)

    assert leaf(verdict(division["unit"], "TTLDTT", year), "Từ 70%").text.endswith(": 7/10 người (70%)")


def test_ttldtt_unit_without_members_is_not_eligible(scene):
    rate(scene["ward"], 2024)

    found = verdict(scene["ward"], "TTLDTT", 2024)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Từ 70%").text.endswith("— đơn vị không có thành viên")


# --- 2021 (2003 law, Điều 28: more than 50 %) -----------------------------------------------------------------


def test_ttldtt_2021_sixty_percent_ldtt_leaves_unity_to_weigh(division):
    rate(division["unit"], 2021)
    with_ldtt(division, 6, 2021)

    found = verdict(division["unit"], "TTLDTT", 2021)

    assert regime_of(found) == "nd91_2017"
    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Từ 50,01% thành viên").outcome == Outcome.MET


def test_ttldtt_2021_exactly_half_ldtt_is_not_more_than_fifty_percent(division):
    rate(division["unit"], 2021)
    with_ldtt(division, 5, 2021)

    assert verdict(division["unit"], "TTLDTT", 2021).status == Status.NOT_ELIGIBLE


def test_ttldtt_2021_member_warned_blocks(division):
    rate(division["unit"], 2021)
    with_ldtt(division, 8, 2021)
    discipline(division["members"][0], dt.date(2021, 5, 1), dt.date(2022, 4, 30), kind="canh_cao")

    assert verdict(division["unit"], "TTLDTT", 2021).status == Status.NOT_ELIGIBLE
