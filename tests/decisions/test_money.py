"""Reward money (DOMAIN.md §3): coefficient × the base salary on the decision date, rounded up to 10.000 đồng
(NĐ 152/2025 Art. 49); households 1,5 × the individual amount; titles of the same period pay only the highest — in
one decision and across two."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.decisions.scene import HOA, signed
from tests.factories.catalog import AwardTypeFactory
from thidua.catalog.models import AwardKind, RecipientKind
from thidua.decisions import money
from thidua.decisions.models import DecisionItem
from thidua.orgs.models import PeriodKind

pytestmark = pytest.mark.django_db

ONE, GROUP, HOME = RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE, RecipientKind.HOUSEHOLD
BEFORE_2026 = dt.date(2025, 7, 15)  # 2.340.000 đồng
FROM_2026 = dt.date(2026, 7, 15)  # 2.530.000 đồng

# DOMAIN.md §3.3, "Worked amounts": (row, coefficient, recipient, on 2025-07-15, on 2026-07-15).
TABLE = [
    ("CSTĐ toàn quốc", "4.5", ONE, 10_530_000, 11_390_000),
    ("CSTĐ tỉnh", "3.0", ONE, 7_020_000, 7_590_000),
    ("CSTĐ cơ sở", "1.0", ONE, 2_340_000, 2_530_000),
    ("LĐTT", "0.3", ONE, 710_000, 760_000),
    ("TTLĐXS", "1.5", GROUP, 3_510_000, 3_800_000),
    ("TTLĐTT", "0.8", GROUP, 1_880_000, 2_030_000),
    ("Cờ thi đua tỉnh", "8.0", GROUP, 18_720_000, 20_240_000),
    ("Bằng khen tỉnh, cá nhân", "1.5", ONE, 3_510_000, 3_800_000),
    ("Bằng khen tỉnh, tập thể", "3.0", GROUP, 7_020_000, 7_590_000),
    ("Giấy khen, cá nhân", "0.3", ONE, 710_000, 760_000),
    ("Giấy khen, tập thể", "0.6", GROUP, 1_410_000, 1_520_000),
    ("Bằng khen Thủ tướng, cá nhân", "3.5", ONE, 8_190_000, 8_860_000),
    ("Bằng khen Thủ tướng, tập thể", "7.0", GROUP, 16_380_000, 17_710_000),
    ("HCLĐ hạng Nhất", "9.0", ONE, 21_060_000, 22_770_000),
    ("HCLĐ hạng Nhì", "7.5", ONE, 17_550_000, 18_980_000),
    ("HCLĐ hạng Ba", "4.5", ONE, 10_530_000, 11_390_000),
]


def award_type(coefficient: str, recipient: str = ONE, **fields):
    coefficients = {"coef_collective": Decimal(coefficient), "coef_individual": None} if recipient == GROUP else {
        "coef_individual": Decimal(coefficient)}  # fmt: skip
    return AwardTypeFactory(recipient_kinds=[RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE,
                                             RecipientKind.HOUSEHOLD], **coefficients, **fields)  # fmt: skip


@pytest.mark.parametrize(("row", "coefficient", "recipient", "before", "after"), TABLE, ids=[row[0] for row in TABLE])
def test_the_domain_table_on_both_base_salaries(scene, row, coefficient, recipient, before, after):
    kind = award_type(coefficient, recipient)

    assert money.amount_for(kind, recipient, BEFORE_2026).amount == before
    assert money.amount_for(kind, recipient, FROM_2026).amount == after


def test_the_base_salary_is_the_one_in_force_on_the_decision_date(scene):
    kind = award_type("1.0")

    assert [money.amount_for(kind, ONE, day).base_salary for day in (
        dt.date(2023, 6, 30), dt.date(2023, 7, 1), dt.date(2024, 6, 30), dt.date(2024, 7, 1), dt.date(2026, 6, 30),
        dt.date(2026, 7, 1))] == [1_490_000, 1_800_000, 1_800_000, 2_340_000, 2_340_000, 2_530_000]  # fmt: skip


def test_rounding_is_up_to_the_next_ten_thousand(scene):
    ldtt = money.amount_for(award_type("0.3"), ONE, BEFORE_2026)

    assert (ldtt.coefficient, ldtt.base_salary, ldtt.raw, ldtt.amount) == (Decimal("0.3"), 2_340_000,
                                                                          Decimal("702000.0"), 710_000)  # fmt: skip
    assert [money.round_up(Decimal(value), 10_000) for value in ("702000", "700000", "700001", "0")] == [
        710_000, 700_000, 710_000, 0]  # fmt: skip


def test_a_household_gets_one_and_a_half_times_the_rounded_individual_amount_rounded_again(scene):
    giay_khen = award_type("0.3")

    household = money.amount_for(giay_khen, HOME, BEFORE_2026)

    # 0,3 × 2.340.000 = 702.000 → 710.000; × 1,5 = 1.065.000 → 1.070.000 (not 0,45 × 2.340.000 → 1.060.000).
    assert (household.raw, household.amount) == (Decimal("1065000.0"), 1_070_000)
    assert household.note == "Hộ gia đình: 1,5 lần mức tiền thưởng của cá nhân."


def test_no_coefficient_no_money(scene):
    collective_only = award_type("1.5", GROUP)

    assert money.amount_for(collective_only, ONE, BEFORE_2026) is None


def test_ldtt_and_cstdcs_in_one_decision_pay_only_cstdcs(scene):
    decision = signed(scene, ((HOA, "LDTT"), (HOA, "CSTDCS")), signed_on=BEFORE_2026, unit=scene.units["an_bien"])

    paid = {item.award_type.code: (item.amount, item.money_note) for item in decision.items.all()}
    assert paid == {
        "CSTDCS": (2_340_000, ""),
        "LDTT": (0, "Chỉ hưởng tiền thưởng của danh hiệu cao nhất: Chiến sĩ thi đua cơ sở."),
    }


def test_cstdcs_after_ldtt_in_an_earlier_decision_pays_only_the_difference(scene):
    first = signed(scene, ((HOA, "LDTT"),), signed_on=BEFORE_2026, unit=scene.units["an_bien"])
    second = signed(scene, ((HOA, "CSTDCS"),), signed_on=dt.date(2025, 8, 1), unit=scene.units["an_bien"])

    assert first.items.get().amount == 710_000
    item = second.items.get()
    assert item.amount == 2_340_000 - 710_000
    assert "Đã hưởng 710.000 đồng của danh hiệu cùng kỳ" in item.money_note


def test_ldtt_after_cstdcs_in_an_earlier_decision_pays_nothing(scene):
    signed(scene, ((HOA, "CSTDCS"),), signed_on=BEFORE_2026, unit=scene.units["an_bien"])
    second = signed(scene, ((HOA, "LDTT"),), signed_on=dt.date(2025, 8, 1), unit=scene.units["an_bien"])

    assert second.items.get().amount == 0


def test_a_title_and_a_form_at_the_same_time_both_pay(scene):
    first = signed(scene, ((HOA, "CSTDCS"),), signed_on=BEFORE_2026, unit=scene.units["an_bien"])
    form = signed(scene, ((HOA, "BK_TINH"),), signed_on=BEFORE_2026)

    assert (first.items.get().amount, form.items.get().amount) == (2_340_000, 3_510_000)


def test_titles_of_different_periods_both_pay(scene):
    ldtt = scene.awards["LDTT"]
    items = []
    for year in (2024, 2025):
        items.append(DecisionItem(person=scene.people[HOA], award_type=ldtt, year=year,
                                  period_kind=PeriodKind.CALENDAR_YEAR))  # fmt: skip

    money.settle(items, BEFORE_2026)

    assert [item.amount for item in items] == [710_000, 710_000]
    assert ldtt.kind == AwardKind.TITLE
