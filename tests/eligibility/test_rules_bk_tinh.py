"""Bằng khen của Chủ tịch UBND tỉnh. Individuals (Luật TĐKT Điều 74.1.d; Bắc Ninh QĐ 86/2025 Điều 3.3; DOMAIN.md
§11.8): one of (a)–(c) outstanding, ad-hoc or contributing — for the board to weigh —, (d) two consecutive years of
Chiến sĩ thi đua cơ sở or of "hoàn thành xuất sắc nhiệm vụ" with two grassroots initiatives in them, or (e) a worker
or farmer with achievements. Only (d) is history: it alone makes a candidate "đủ điều kiện". Collectives (§11.9):
united, and one of outstanding, ad-hoc, contributing, or two consecutive years of HTXS (or TTLĐXS) with good
democracy and care for members — all weighed."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import (
    EVERY_REGIME,
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
from thidua.eligibility.engine import ConditionKind, Outcome, Status
from thidua.orgs.models import PositionCategory

# --- Individuals ----------------------------------------------------------------------------------------------


@EVERY_REGIME
def test_bk_tinh_two_consecutive_cstdcs_and_two_initiatives_is_eligible(scene, year):
    give(scene["officer"], "CSTDCS", year - 1, year)
    initiative(scene["officer"], year - 1)
    initiative(scene["officer"], year)

    found = verdict(scene["officer"], "BK_TINH", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.ELIGIBLE


@EVERY_REGIME
def test_bk_tinh_two_consecutive_htxs_and_two_initiatives_is_eligible(scene, year):
    rate(scene["officer"], year - 1, year, level="htxs")
    initiative(scene["officer"], year - 1)
    initiative(scene["officer"], year, kind="research")

    assert verdict(scene["officer"], "BK_TINH", year).status == Status.ELIGIBLE


@EVERY_REGIME
def test_bk_tinh_one_initiative_short_leaves_only_the_judgement_branches(scene, year):
    give(scene["officer"], "CSTDCS", year - 1, year)
    initiative(scene["officer"], year)

    found = verdict(scene["officer"], "BK_TINH", year)

    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Có ít nhất 2 sáng kiến").outcome == Outcome.UNMET


@EVERY_REGIME
def test_bk_tinh_one_htxs_year_short_is_not_branch_d(scene, year):
    rate(scene["officer"], year - 1, level="htt")
    rate(scene["officer"], year, level="htxs")
    initiative(scene["officer"], year - 1)
    initiative(scene["officer"], year)

    found = verdict(scene["officer"], "BK_TINH", year)

    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Hoàn thành xuất sắc nhiệm vụ 2 năm").text.endswith(f"— chưa đạt: {year - 1}")


@EVERY_REGIME
def test_bk_tinh_with_no_history_is_to_weigh_never_eligible(scene, year):
    found = verdict(scene["officer"], "BK_TINH", year)

    weighed = [result.text for result in found.conditions[0].children if result.outcome == Outcome.WEIGH]
    assert found.status == Status.TO_WEIGH
    assert weighed[0] == "Tiêu biểu xuất sắc trong phong trào thi đua do bộ, ban, ngành, tỉnh phát động"
    assert len(weighed) == 3


@EVERY_REGIME
def test_bk_tinh_worker_branch_is_weighed_for_a_farmer(scene, year):
    farmer = member(scene["ward"], position_category=PositionCategory.FARMER)

    found = verdict(farmer, "BK_TINH", year)

    worker_branch = found.conditions[0].children[4]
    assert found.status == Status.TO_WEIGH
    assert worker_branch.outcome == Outcome.WEIGH
    assert worker_branch.children[0].records == ["Đối tượng: Nông dân"]


@EVERY_REGIME
def test_bk_tinh_under_discipline_is_not_eligible(scene, year):
    give(scene["officer"], "CSTDCS", year - 1, year)
    initiative(scene["officer"], year - 1)
    initiative(scene["officer"], year)
    discipline(scene["officer"], dt.date(year, 6, 1), dt.date(year + 1, 5, 31), kind="khien_trach")

    assert verdict(scene["officer"], "BK_TINH", year).status == Status.NOT_ELIGIBLE


# --- Collectives ----------------------------------------------------------------------------------------------


@EVERY_REGIME
def test_bk_tinh_collective_two_htxs_years_meets_the_history_of_branch_d(scene, year):
    rate(scene["ward"], year - 1, year, level="htxs")

    found = verdict(scene["ward"], "BK_TINH", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục").outcome == Outcome.MET


@EVERY_REGIME
def test_bk_tinh_collective_two_ttldxs_years_meets_the_history_of_branch_d(scene, year):
    give(scene["ward"], "TTLDXS", year - 1, year)

    found = verdict(scene["ward"], "BK_TINH", year)

    assert leaf(found, "Đạt Tập thể lao động xuất sắc 2 năm liên tục").outcome == Outcome.MET


@EVERY_REGIME
def test_bk_tinh_collective_one_htxs_year_short_still_needs_weighing(scene, year):
    rate(scene["ward"], year, level="htxs")

    found = verdict(scene["ward"], "BK_TINH", year)

    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục").outcome == Outcome.UNMET


@EVERY_REGIME
def test_bk_tinh_collective_is_never_eligible_without_the_board(scene, year):
    rate(scene["ward"], year - 1, year, level="htxs")

    found = verdict(scene["ward"], "BK_TINH", year)

    assert found.conditions[0].children[0].kind == ConditionKind.JUDGEMENT
    assert found.status != Status.ELIGIBLE


@EVERY_REGIME
def test_bk_tinh_collective_under_inspection_is_not_eligible(scene, year):
    rate(scene["ward"], year - 1, year, level="htxs")
    discipline(scene["ward"], dt.date(year, 2, 1), status="pending")

    assert verdict(scene["ward"], "BK_TINH", year).status == Status.NOT_ELIGIBLE
