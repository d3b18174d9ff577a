"""Chiến sĩ thi đua cơ sở. Since 2024 (Luật TĐKT Điều 23; DOMAIN.md §1.2, §11.2): Lao động tiên tiến AND one of
"hoàn thành xuất sắc nhiệm vụ", a grassroots initiative or research, combat creativity; no cap. Under NĐ 91/2017
(DOMAIN.md, 2021 regime): Lao động tiên tiến AND an initiative or research — no HTXS branch — and at most 15 % of the
unit's Lao động tiên tiến holders."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import (
    LAW_2022,
    REGIME_OF_YEAR,
    discipline,
    give,
    initiative,
    leaf,
    member,
    rate,
    regime_of,
    verdict,
)
from thidua.eligibility.engine import Outcome, Status
from thidua.orgs.models import PositionCategory


def colleagues_with_ldtt(unit, count: int, year: int) -> list:
    people = [member(unit) for _ in range(count)]
    for person in people:
        give(person, "LDTT", year)
    return people


# --- 2024 onwards ---------------------------------------------------------------------------------------------


@LAW_2022
def test_cstdcs_htxs_and_ldtt_is_eligible(scene, year):
    rate(scene["officer"], year, level="htxs")
    give(scene["officer"], "LDTT", year)

    found = verdict(scene["officer"], "CSTDCS", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.ELIGIBLE


@LAW_2022
def test_cstdcs_ldtt_and_grassroots_initiative_is_eligible(scene, year):
    rate(scene["officer"], year)
    give(scene["officer"], "LDTT", year)
    initiative(scene["officer"], year, title="Số hóa hồ sơ thi đua")

    found = verdict(scene["officer"], "CSTDCS", year)

    assert found.status == Status.ELIGIBLE
    assert leaf(found, "Có ít nhất 1 sáng kiến").records == [f"{year}: Số hóa hồ sơ thi đua (cấp cơ sở)"]


@LAW_2022
def test_cstdcs_ldtt_without_htxs_or_initiative_is_not_eligible(scene, year):
    rate(scene["officer"], year)
    give(scene["officer"], "LDTT", year)

    assert verdict(scene["officer"], "CSTDCS", year).status == Status.NOT_ELIGIBLE


@LAW_2022
def test_cstdcs_htxs_without_ldtt_is_not_eligible(scene, year):
    rate(scene["officer"], year, level="htxs")

    found = verdict(scene["officer"], "CSTDCS", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Đạt Lao động tiên tiến").outcome == Outcome.UNMET


@LAW_2022
def test_cstdcs_research_accepted_counts_like_an_initiative(scene, year):
    rate(scene["officer"], year)
    give(scene["officer"], "LDTT", year)
    initiative(scene["officer"], year, kind="research")

    assert verdict(scene["officer"], "CSTDCS", year).status == Status.ELIGIBLE


@LAW_2022
def test_cstdcs_soldier_without_htxs_or_initiative_is_weighed_for_combat_creativity(scene, year):
    soldier = member(scene["so_nv"], position_category=PositionCategory.ARMED_FORCES)
    rate(soldier, year)
    give(soldier, "CSTT", year)

    found = verdict(soldier, "CSTDCS", year)

    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Mưu trí, sáng tạo trong chiến đấu").outcome == Outcome.WEIGH


@LAW_2022
def test_cstdcs_has_no_share_cap_since_2024(scene, year):
    rate(scene["officer"], year, level="htxs")
    give(scene["officer"], "LDTT", year)
    for colleague in colleagues_with_ldtt(scene["so_nv"], 9, year)[:3]:
        give(colleague, "CSTDCS", year)

    assert verdict(scene["officer"], "CSTDCS", year).status == Status.ELIGIBLE


@LAW_2022
def test_cstdcs_under_discipline_in_the_year_is_not_eligible(scene, year):
    rate(scene["officer"], year, level="htxs")
    give(scene["officer"], "LDTT", year)
    discipline(scene["officer"], dt.date(year, 2, 1), dt.date(year + 1, 1, 31))

    assert verdict(scene["officer"], "CSTDCS", year).status == Status.NOT_ELIGIBLE


# --- 2021 (NĐ 91/2017) ----------------------------------------------------------------------------------------


def test_cstdcs_2021_ldtt_and_initiative_is_eligible(scene):
    rate(scene["officer"], 2021)
    give(scene["officer"], "LDTT", 2021)
    initiative(scene["officer"], 2021)

    found = verdict(scene["officer"], "CSTDCS", 2021)

    assert regime_of(found) == "nd91_2017"
    assert found.status == Status.ELIGIBLE


def test_cstdcs_2021_without_initiative_is_not_eligible(scene):
    rate(scene["officer"], 2021, level="htxs")
    give(scene["officer"], "LDTT", 2021)

    found = verdict(scene["officer"], "CSTDCS", 2021)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Có ít nhất 1 sáng kiến").outcome == Outcome.UNMET


def test_cstdcs_2021_initiative_without_ldtt_is_not_eligible(scene):
    rate(scene["officer"], 2021)
    initiative(scene["officer"], 2021)

    assert verdict(scene["officer"], "CSTDCS", 2021).status == Status.NOT_ELIGIBLE


def test_cstdcs_2021_over_the_fifteen_percent_cap_is_not_eligible(scene):
    rate(scene["officer"], 2021)
    give(scene["officer"], "LDTT", 2021)
    initiative(scene["officer"], 2021)
    colleagues = colleagues_with_ldtt(scene["so_nv"], 9, 2021)  # 10 holders: at most max(1, 1.5) = 1
    give(colleagues[0], "CSTDCS", 2021)

    found = verdict(scene["officer"], "CSTDCS", 2021)

    cap = leaf(found, "Trong chỉ tiêu Chiến sĩ thi đua cơ sở")
    assert found.status == Status.NOT_ELIGIBLE
    assert cap.text.endswith("— Sở Nội vụ: 10 người đạt, tối đa 1, đã có 1")
    assert cap.records == [f"{colleagues[0].full_name}: Chiến sĩ thi đua cơ sở"]


def test_cstdcs_2021_within_the_fifteen_percent_cap_is_eligible(scene):
    rate(scene["officer"], 2021)
    give(scene["officer"], "LDTT", 2021)
    initiative(scene["officer"], 2021)
    colleagues = colleagues_with_ldtt(scene["so_nv"], 19, 2021)  # 20 holders: at most 3
    for colleague in colleagues[:2]:
        give(colleague, "CSTDCS", 2021)

    found = verdict(scene["officer"], "CSTDCS", 2021)

    assert found.status == Status.ELIGIBLE
    assert leaf(found, "Trong chỉ tiêu").text.endswith("20 người đạt, tối đa 3, đã có 2")


def test_cstdcs_2021_own_title_does_not_count_against_the_cap(scene):
    rate(scene["officer"], 2021)
    give(scene["officer"], "LDTT", 2021)
    give(scene["officer"], "CSTDCS", 2021)
    initiative(scene["officer"], 2021)

    assert verdict(scene["officer"], "CSTDCS", 2021).status == Status.ELIGIBLE


def test_cstdcs_2021_pending_investigation_blocks(scene):
    rate(scene["officer"], 2021)
    give(scene["officer"], "LDTT", 2021)
    initiative(scene["officer"], 2021)
    discipline(scene["officer"], dt.date(2021, 11, 1), status="pending")

    assert verdict(scene["officer"], "CSTDCS", 2021).status == Status.NOT_ELIGIBLE
