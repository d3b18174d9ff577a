"""Cờ thi đua của tỉnh (Bắc Ninh QĐ 86/2025 Điều 3.1, 8.4.c; DOMAIN.md §5, §11.7): yearly to the collective that
leads its emulation cluster on the locked score sheet; exceeding targets, being outstanding and united are for the
council to weigh."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import EVERY_REGIME, REGIME_OF_YEAR, discipline, leaf, regime_of, verdict
from tests.factories.movements import MovementFactory
from tests.factories.orgs import ClusterFactory
from thidua.eligibility.engine import Outcome, Status
from thidua.movements.enums import SheetState
from thidua.movements.models import ScoreSheet, SheetMember


def ranked(scene, year: int, rank: int, state: str = SheetState.LOCKED) -> None:
    """Sở Nội vụ ranked ``rank`` by its cluster for ``year``, Sở Giáo dục và Đào tạo the other."""
    cluster = ClusterFactory(name="Khối các sở, ban, ngành", organiser=scene["root"])
    sheet = ScoreSheet.objects.create(
        cluster=cluster, year=year, movement=MovementFactory(issuer_unit=scene["root"]), state=state
    )
    SheetMember.objects.create(sheet=sheet, unit=scene["so_nv"], rank=rank)
    SheetMember.objects.create(sheet=sheet, unit=scene["so_gd"], rank=3 - rank)


@EVERY_REGIME
def test_co_td_tinh_cluster_leader_leaves_the_rest_to_the_council(scene, year):
    ranked(scene, year, rank=1)

    found = verdict(scene["so_nv"], "CO_TD_TINH", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Dẫn đầu cụm, khối thi đua").records == [f"Khối các sở, ban, ngành – {year}: hạng 1"]


@EVERY_REGIME
def test_co_td_tinh_second_in_the_cluster_is_not_eligible(scene, year):
    ranked(scene, year, rank=2)

    found = verdict(scene["so_nv"], "CO_TD_TINH", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Dẫn đầu cụm, khối thi đua").outcome == Outcome.UNMET


@EVERY_REGIME
def test_co_td_tinh_rank_on_a_sheet_not_yet_locked_does_not_count(scene, year):
    ranked(scene, year, rank=1, state=SheetState.PUBLISHED)

    found = verdict(scene["so_nv"], "CO_TD_TINH", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Dẫn đầu cụm, khối thi đua").records == ["Chưa có bảng điểm đã khóa"]


@EVERY_REGIME
def test_co_td_tinh_leader_under_inspection_is_not_eligible(scene, year):
    ranked(scene, year, rank=1)
    discipline(scene["so_nv"], dt.date(year, 11, 20), status="pending")

    assert verdict(scene["so_nv"], "CO_TD_TINH", year).status == Status.NOT_ELIGIBLE
