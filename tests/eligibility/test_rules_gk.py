"""Giấy khen (Bắc Ninh QĐ 86/2025 Điều 4.3, detailing Luật TĐKT Điều 75; DOMAIN.md §2.2, §11.12): rated "hoàn thành
tốt nhiệm vụ", law-abiding, and an achievement in a movement or an ad-hoc one — the last two for the issuer to
weigh, so the best verdict is "cần xem xét". Collectives: the same, and united."""

from __future__ import annotations

import datetime as dt

from tests.eligibility.conftest import EVERY_REGIME, REGIME_OF_YEAR, discipline, leaf, rate, regime_of, verdict
from thidua.catalog.models import RecipientKind
from thidua.eligibility.engine import Outcome, Status


@EVERY_REGIME
def test_gk_individual_htt_leaves_the_achievement_to_weigh(scene, year):
    rate(scene["officer"], year)

    found = verdict(scene["officer"], "GK", year)

    assert regime_of(found) == REGIME_OF_YEAR[year]
    assert (found.recipient_kind, found.status) == (RecipientKind.INDIVIDUAL, Status.TO_WEIGH)
    assert leaf(found, "Có thành tích được công nhận trong phong trào thi đua").outcome == Outcome.WEIGH


@EVERY_REGIME
def test_gk_individual_rated_only_ht_is_not_eligible(scene, year):
    rate(scene["officer"], year, level="ht")

    assert verdict(scene["officer"], "GK", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_gk_individual_under_discipline_is_not_eligible(scene, year):
    rate(scene["officer"], year)
    discipline(scene["officer"], dt.date(year, 1, 15), dt.date(year, 7, 14))

    assert verdict(scene["officer"], "GK", year).status == Status.NOT_ELIGIBLE


@EVERY_REGIME
def test_gk_collective_htt_leaves_unity_and_achievement_to_weigh(scene, year):
    rate(scene["ward"], year)

    found = verdict(scene["ward"], "GK", year)

    assert (found.recipient_kind, found.status) == (RecipientKind.COLLECTIVE, Status.TO_WEIGH)
    assert leaf(found, "Chấp hành tốt chủ trương").text.endswith("nội bộ đoàn kết")


@EVERY_REGIME
def test_gk_collective_without_a_rating_is_not_eligible(scene, year):
    rate(scene["ward"], year - 1)

    found = verdict(scene["ward"], "GK", year)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Hoàn thành tốt nhiệm vụ trở lên").records == []


@EVERY_REGIME
def test_gk_collective_under_discipline_is_not_eligible(scene, year):
    rate(scene["ward"], year)
    discipline(scene["ward"], dt.date(year, 5, 1), kind="canh_cao")

    assert verdict(scene["ward"], "GK", year).status == Status.NOT_ELIGIBLE
