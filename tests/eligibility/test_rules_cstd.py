"""Chiến sĩ thi đua cấp tỉnh (Luật TĐKT Điều 22; DOMAIN.md §11.3): three consecutive Chiến sĩ thi đua cơ sở and an
initiative of provincial reach. Chiến sĩ thi đua toàn quốc (Điều 21; §11.4): two Chiến sĩ thi đua cấp tỉnh in a row
(each covering three years: two within six years) and an initiative of national reach. Both need a council vote."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import (
    EVERY_REGIME,
    REGIME_OF_YEAR,
    discipline,
    give,
    initiative,
    leaf,
    regime_of,
    verdict,
)
from thidua.eligibility.engine import Outcome, Status
from thidua.eligibility.models import Rule

# --- Chiến sĩ thi đua cấp tỉnh --------------------------------------------------------------------------------


@EVERY_REGIME
def test_cstd_tinh_three_consecutive_cstdcs_and_province_initiative_is_eligible(scene, year):
    give(scene["officer"], "CSTDCS", year - 2, year - 1, year)
    initiative(scene["officer"], year - 1, level="tinh")

    found = verdict(scene["officer"], "CSTD_TINH", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.ELIGIBLE


@EVERY_REGIME
def test_cstd_tinh_one_cstdcs_year_short_is_not_eligible(scene, year):
    give(scene["officer"], "CSTDCS", year - 2, year)
    initiative(scene["officer"], year, level="tinh")

    found = verdict(scene["officer"], "CSTD_TINH", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục").text.endswith(f"— chưa đạt: {year - 1}")


@EVERY_REGIME
def test_cstd_tinh_grassroots_initiative_only_is_not_eligible(scene, year):
    give(scene["officer"], "CSTDCS", year - 2, year - 1, year)
    initiative(scene["officer"], year, level="co_so")

    assert verdict(scene["officer"], "CSTD_TINH", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_cstd_tinh_province_initiative_already_backing_an_award_does_not_count(scene, year):
    [cstdcs, *_] = give(scene["officer"], "CSTDCS", year - 2, year - 1, year)
    initiative(scene["officer"], year - 2, level="tinh", backed_award=cstdcs)

    found = verdict(scene["officer"], "CSTD_TINH", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Có ít nhất 1 sáng kiến").records[0].endswith("— đã dùng làm căn cứ khen thưởng, không tính")


@EVERY_REGIME
def test_cstd_tinh_pending_investigation_blocks(scene, year):
    give(scene["officer"], "CSTDCS", year - 2, year - 1, year)
    initiative(scene["officer"], year, level="tinh")
    discipline(scene["officer"], dt.date(year, 12, 1), status="pending")

    assert verdict(scene["officer"], "CSTD_TINH", year).status == Status.NOT_ELIGIBLE


def test_cstd_tinh_2021_rule_is_seeded_to_verify(scene):
    give(scene["officer"], "CSTDCS", 2019, 2020, 2021)
    initiative(scene["officer"], 2021, level="tinh")

    found = verdict(scene["officer"], "CSTD_TINH", 2021)

    assert Rule.objects.get(pk=found.rule_id).confidence == "L"


# --- Chiến sĩ thi đua toàn quốc -------------------------------------------------------------------------------


@EVERY_REGIME
def test_cstd_tq_two_province_titles_and_national_initiative_is_eligible(scene, year):
    give(scene["officer"], "CSTD_TINH", year - 3, year)
    initiative(scene["officer"], year - 1, level="toan_quoc")

    found = verdict(scene["officer"], "CSTD_TQ", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.ELIGIBLE


@EVERY_REGIME
def test_cstd_tq_one_province_title_is_not_eligible(scene, year):
    give(scene["officer"], "CSTD_TINH", year)
    initiative(scene["officer"], year, level="toan_quoc")

    found = verdict(scene["officer"], "CSTD_TQ", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Đạt Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh ít nhất 2 lần").outcome == Outcome.UNMET


@EVERY_REGIME
def test_cstd_tq_earlier_province_title_outside_six_years_does_not_count(scene, year):
    give(scene["officer"], "CSTD_TINH", year - 6, year)
    initiative(scene["officer"], year, level="toan_quoc")

    assert verdict(scene["officer"], "CSTD_TQ", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_cstd_tq_province_initiative_only_is_not_eligible(scene, year):
    give(scene["officer"], "CSTD_TINH", year - 3, year)
    initiative(scene["officer"], year, level="tinh")

    assert verdict(scene["officer"], "CSTD_TQ", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_cstd_tq_discipline_in_effect_blocks(scene, year):
    give(scene["officer"], "CSTD_TINH", year - 3, year)
    initiative(scene["officer"], year, level="toan_quoc")
    discipline(scene["officer"], dt.date(year, 4, 1), dt.date(year + 1, 3, 31), kind="canh_cao")

    assert verdict(scene["officer"], "CSTD_TQ", year).status == Status.NOT_ELIGIBLE
