"""Lao động tiên tiến and Chiến sĩ tiên tiến (Luật TĐKT Điều 24; DOMAIN.md §1.2, §11.1): rated "hoàn thành tốt
nhiệm vụ" or better, in service long enough (6 months; 10 months under NĐ 91/2017), with the spirit of the movement
left to the board ("cần xem xét"); pending or in-effect discipline blocks."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import (
    EVERY_REGIME,
    LAW_2022,
    REGIME_OF_YEAR,
    discipline,
    member,
    rate,
    regime_of,
    verdict,
)
from thidua.eligibility.engine import Outcome, Status
from thidua.orgs.models import PositionCategory

SPIRIT = "Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua"


# --- Lao động tiên tiến ---------------------------------------------------------------------------------------


@EVERY_REGIME
def test_ldtt_htt_in_service_leaves_only_the_spirit_to_weigh(scene, year):
    rate(scene["officer"], year)

    found = verdict(scene["officer"], "LDTT", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.TO_WEIGH
    assert [result.text for result in found.conditions[0].children if result.outcome != Outcome.MET] == [SPIRIT]


@EVERY_REGIME
def test_ldtt_rated_only_ht_is_not_eligible(scene, year):
    rate(scene["officer"], year, level="ht")

    found = verdict(scene["officer"], "LDTT", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].children[0].text == f"Hoàn thành tốt nhiệm vụ trở lên năm {year} — chưa đạt: {year}"


@LAW_2022
def test_ldtt_recruited_five_months_before_the_year_end_is_not_eligible(scene, year):
    newcomer = member(scene["so_nv"], start=dt.date(year, 8, 1))
    rate(newcomer, year)

    found = verdict(newcomer, "LDTT", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].children[1].records == [f"Bắt đầu công tác: 01/08/{year}"]


@LAW_2022
def test_ldtt_recruited_six_months_before_the_year_end_is_counted(scene, year):
    newcomer = member(scene["so_nv"], start=dt.date(year, 6, 30))
    rate(newcomer, year)

    assert verdict(newcomer, "LDTT", year).status == Status.TO_WEIGH


def test_ldtt_2021_recruited_eight_months_before_is_not_eligible_under_the_ten_month_rule(scene):
    newcomer = member(scene["so_nv"], start=dt.date(2021, 4, 15))
    rate(newcomer, 2021)

    found = verdict(newcomer, "LDTT", 2021)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].children[1].text == "Thời gian công tác từ 10 tháng trở lên tính đến 31/12/2021"


def test_ldtt_2021_recruited_ten_months_before_is_counted(scene):
    newcomer = member(scene["so_nv"], start=dt.date(2021, 2, 28))
    rate(newcomer, 2021)

    assert verdict(newcomer, "LDTT", 2021).status == Status.TO_WEIGH


@EVERY_REGIME
def test_ldtt_pending_investigation_in_the_year_blocks(scene, year):
    rate(scene["officer"], year)
    discipline(scene["officer"], dt.date(year, 10, 1), status="pending")

    found = verdict(scene["officer"], "LDTT", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[-1].records == [f"Đang xem xét, điều tra, thanh tra, từ 01/10/{year}"]


@EVERY_REGIME
def test_ldtt_discipline_in_effect_during_the_year_blocks(scene, year):
    rate(scene["officer"], year)
    discipline(scene["officer"], dt.date(year - 1, 6, 1), dt.date(year, 5, 31), kind="khien_trach")

    assert verdict(scene["officer"], "LDTT", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_ldtt_discipline_ended_before_the_year_does_not_block(scene, year):
    rate(scene["officer"], year)
    discipline(scene["officer"], dt.date(year - 2, 6, 1), dt.date(year - 1, 5, 31), kind="canh_cao")

    assert verdict(scene["officer"], "LDTT", year).status == Status.TO_WEIGH


# --- Chiến sĩ tiên tiến ---------------------------------------------------------------------------------------


@EVERY_REGIME
def test_cstt_soldier_htt_in_service_needs_weighing(scene, year):
    soldier = member(scene["so_nv"], position_category=PositionCategory.ARMED_FORCES)
    rate(soldier, year)

    found = verdict(soldier, "CSTT", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.TO_WEIGH


@EVERY_REGIME
def test_cstt_civil_servant_is_not_eligible(scene, year):
    rate(scene["officer"], year)

    found = verdict(scene["officer"], "CSTT", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].children[0].records == ["Đối tượng: Cán bộ, công chức, viên chức"]


@EVERY_REGIME
def test_cstt_soldier_rated_only_ht_is_not_eligible(scene, year):
    soldier = member(scene["so_nv"], position_category=PositionCategory.ARMED_FORCES)
    rate(soldier, year, level="ht")

    assert verdict(soldier, "CSTT", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_cstt_soldier_under_discipline_is_not_eligible(scene, year):
    soldier = member(scene["so_nv"], position_category=PositionCategory.ARMED_FORCES)
    rate(soldier, year)
    discipline(soldier, dt.date(year, 3, 1), kind="canh_cao")

    assert verdict(soldier, "CSTT", year).status == Status.NOT_ELIGIBLE
