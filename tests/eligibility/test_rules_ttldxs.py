"""Tập thể lao động xuất sắc (Bắc Ninh QĐ 86/2025 Điều 3.2, detailing Luật TĐKT Điều 27; DOMAIN.md §11.6): the unit
rated "hoàn thành xuất sắc nhiệm vụ"; every member completes their tasks; at least 70 % Lao động tiên tiến; at least
one member Chiến sĩ thi đua cơ sở; unity and law-abiding conduct left to the board."""

from __future__ import annotations

import datetime as dt

import pytest

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
from tests.factories.orgs import OrgUnitFactory
from thidua.eligibility.engine import Outcome, Status
from thidua.orgs.models import UnitKind


@pytest.fixture
def division(scene):
    unit = OrgUnitFactory(name="Phòng Công chức, viên chức", kind=UnitKind.objects.get(code="division"),
                          sector=scene["so_nv"].sector, parent=scene["so_nv"])  # fmt: skip
    return {"unit": unit, "members": [member(unit) for _ in range(10)]}


def excellent_year(division, year: int) -> None:
    """HTXS unit; all ten members rated at least "hoàn thành tốt", eight LĐTT, one of them CSTĐCS."""
    rate(division["unit"], year, level="htxs")
    for index, person in enumerate(division["members"]):
        rate(person, year, level="htt" if index < 8 else "ht")
        if index < 8:
            give(person, "LDTT", year)
    give(division["members"][0], "CSTDCS", year)


@EVERY_REGIME
def test_ttldxs_every_history_condition_met_leaves_unity_to_weigh(division, year):
    excellent_year(division, year)

    found = verdict(division["unit"], "TTLDXS", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.TO_WEIGH
    assert [result.outcome for result in found.conditions[0].children[:4]] == [Outcome.MET] * 4


@EVERY_REGIME
def test_ttldxs_one_member_not_completing_tasks_is_not_eligible(division, year):
    excellent_year(division, year)
    division["members"][9].ratings.update(level="kht", rank=1)

    found = verdict(division["unit"], "TTLDXS", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Tất cả thành viên hoàn thành nhiệm vụ trở lên").text.endswith(": 9/10 người (90%)")


@EVERY_REGIME
def test_ttldxs_without_a_cstdcs_member_is_not_eligible(division, year):
    excellent_year(division, year)
    division["members"][0].awards.filter(award_code="CSTDCS").delete()

    found = verdict(division["unit"], "TTLDXS", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Có ít nhất 1 thành viên đạt Chiến sĩ thi đua cơ sở").text.endswith(": có 0")


@EVERY_REGIME
def test_ttldxs_unit_rated_only_htt_is_not_eligible(division, year):
    excellent_year(division, year)
    division["unit"].ratings.update(level="htt", rank=3)

    assert verdict(division["unit"], "TTLDXS", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_ttldxs_unit_disciplined_in_the_year_is_not_eligible(division, year):
    excellent_year(division, year)
    discipline(division["unit"], dt.date(year, 7, 1), kind="khien_trach")

    assert verdict(division["unit"], "TTLDXS", year).status == Status.NOT_ELIGIBLE
