"""Bằng khen của Thủ tướng Chính phủ, criterion 73.1.b (Luật TĐKT; DOMAIN.md §2.2, §11.10): a Bằng khen of a
ministry or province, then five consecutive years of "hoàn thành tốt nhiệm vụ" or better up to the proposal, with
three Chiến sĩ thi đua cơ sở titles among them. An ad-hoc Bằng khen does not count (NĐ 152/2025 Điều 4)."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import (
    EVERY_REGIME,
    REGIME_OF_YEAR,
    discipline,
    give,
    leaf,
    rate,
    regime_of,
    verdict,
)
from thidua.catalog.models import CommendationKind
from thidua.eligibility.engine import Outcome, Status


def five_good_years(person, year: int, bk_year: int) -> None:
    give(person, "BK_TINH", bk_year)
    rate(person, *range(year - 4, year + 1))
    give(person, "CSTDCS", year - 4, year - 2, year)


@EVERY_REGIME
def test_bk_ttg_bk_tinh_then_five_htt_years_with_three_cstdcs_is_eligible(scene, year):
    five_good_years(scene["officer"], year, bk_year=year - 5)

    found = verdict(scene["officer"], "BK_TTG", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.ELIGIBLE


@EVERY_REGIME
def test_bk_ttg_bk_tinh_too_recent_is_not_eligible(scene, year):
    five_good_years(scene["officer"], year, bk_year=year - 3)

    found = verdict(scene["officer"], "BK_TTG", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Đã được tặng Bằng khen").text.endswith(f"— lần gần nhất: {year - 3}")


@EVERY_REGIME
def test_bk_ttg_two_cstdcs_only_is_not_eligible(scene, year):
    five_good_years(scene["officer"], year, bk_year=year - 6)
    scene["officer"].awards.filter(award_code="CSTDCS", year=year - 2).delete()

    found = verdict(scene["officer"], "BK_TTG", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Đạt Chiến sĩ thi đua cơ sở ít nhất 3 lần").text.endswith(": có 2")


@EVERY_REGIME
def test_bk_ttg_one_year_rated_only_ht_is_not_eligible(scene, year):
    five_good_years(scene["officer"], year, bk_year=year - 5)
    scene["officer"].ratings.filter(year=year - 1).update(level="ht", rank=2)

    assert verdict(scene["officer"], "BK_TTG", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_bk_ttg_ad_hoc_bk_tinh_does_not_count_as_the_earlier_award(scene, year):
    five_good_years(scene["officer"], year, bk_year=year - 5)
    scene["officer"].awards.filter(award_code="BK_TINH").update(
        commendation_kind=CommendationKind.AD_HOC, counts_toward_merit=False
    )

    found = verdict(scene["officer"], "BK_TTG", year)

    earlier = leaf(found, "Đã được tặng Bằng khen")
    assert found.status == Status.NOT_ELIGIBLE
    assert earlier.outcome == Outcome.UNMET
    assert earlier.records[0].endswith("— khen thưởng đột xuất, không tính cho khen thưởng công trạng")


@EVERY_REGIME
def test_bk_ttg_under_discipline_is_not_eligible(scene, year):
    five_good_years(scene["officer"], year, bk_year=year - 5)
    discipline(scene["officer"], dt.date(year, 8, 1), kind="canh_cao")

    assert verdict(scene["officer"], "BK_TTG", year).status == Status.NOT_ELIGIBLE
