"""Huân chương Lao động hạng Ba for individuals (Luật TĐKT Điều 44; DOMAIN.md §2.2, §11.11): (44.1.e) a Bằng khen
của Thủ tướng, then five consecutive years of "hoàn thành tốt nhiệm vụ" or better with at least one year of
"hoàn thành xuất sắc" and three Chiến sĩ thi đua cơ sở; (44.1.g) long service in a post; (44.2) workers and
farmers."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import (
    EVERY_REGIME,
    REGIME_OF_YEAR,
    discipline,
    give,
    leaf,
    member,
    rate,
    regime_of,
    verdict,
)
from thidua.eligibility.engine import Outcome, Status
from thidua.orgs.models import PositionCategory


def after_bk_ttg(person, year: int, bk_year: int) -> None:
    give(person, "BK_TTG", bk_year)
    rate(person, *range(year - 4, year))
    rate(person, year, level="htxs")
    give(person, "CSTDCS", year - 3, year - 1, year)


@EVERY_REGIME
def test_hcld3_bk_ttg_then_five_years_with_one_htxs_is_eligible_under_44_1_e(scene, year):
    after_bk_ttg(scene["officer"], year, bk_year=year - 5)

    found = verdict(scene["officer"], "HCLD3", year)

    branch = found.conditions[0].children[0].children[0]
    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.ELIGIBLE
    assert [result.outcome for result in branch.children] == [Outcome.MET] * 4


@EVERY_REGIME
def test_hcld3_five_years_without_a_year_of_htxs_is_not_eligible(scene, year):
    after_bk_ttg(scene["officer"], year, bk_year=year - 5)
    scene["officer"].ratings.filter(year=year).update(level="htt", rank=3)

    found = verdict(scene["officer"], "HCLD3", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Hoàn thành xuất sắc nhiệm vụ ít nhất 1 lần").outcome == Outcome.UNMET


@EVERY_REGIME
def test_hcld3_bk_ttg_too_recent_is_not_eligible(scene, year):
    after_bk_ttg(scene["officer"], year, bk_year=year - 2)

    found = verdict(scene["officer"], "HCLD3", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Đã được tặng Bằng khen của Thủ tướng Chính phủ").outcome == Outcome.UNMET


@EVERY_REGIME
def test_hcld3_two_cstdcs_only_is_not_eligible(scene, year):
    after_bk_ttg(scene["officer"], year, bk_year=year - 5)
    scene["officer"].awards.filter(award_code="CSTDCS", year=year - 1).delete()

    assert verdict(scene["officer"], "HCLD3", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_hcld3_leader_is_weighed_for_long_service(scene, year):
    leader = member(scene["so_nv"], position_category=PositionCategory.DEPARTMENT_LEADER)

    found = verdict(leader, "HCLD3", year)

    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Có quá trình cống hiến").outcome == Outcome.WEIGH


@EVERY_REGIME
def test_hcld3_worker_is_weighed_for_outstanding_achievements(scene, year):
    worker = member(scene["ward"], position_category=PositionCategory.WORKER)

    assert verdict(worker, "HCLD3", year).status == Status.TO_WEIGH


@EVERY_REGIME
def test_hcld3_under_discipline_is_not_eligible(scene, year):
    after_bk_ttg(scene["officer"], year, bk_year=year - 5)
    discipline(scene["officer"], dt.date(year, 10, 1), status="pending")

    assert verdict(scene["officer"], "HCLD3", year).status == Status.NOT_ELIGIBLE
