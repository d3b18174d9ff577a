"""Money: coefficient × base salary on the decision date, rounded UP to 10,000 đ (NĐ 152/2025 Art. 49)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.catalog.models import AwardType, BaseSalary, RecipientKind
from thidua.catalog.services import award_type_in_force, money_amount

AT_2_340_000 = dt.date(2025, 8, 1)  # NĐ 73/2024 base salary, NĐ 152/2025 coefficients
AT_2_530_000 = dt.date(2026, 8, 1)  # NĐ 161/2026 base salary
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE, RecipientKind.HOUSEHOLD

# DOMAIN.md §3.2, "Worked amounts": (code, recipient, amount at 2,340,000, amount at 2,530,000).
WORKED_AMOUNTS = [
    ("CSTD_TQ", INDIVIDUAL, 10_530_000, 11_390_000),
    ("CSTD_TINH", INDIVIDUAL, 7_020_000, 7_590_000),
    ("CSTDCS", INDIVIDUAL, 2_340_000, 2_530_000),
    ("LDTT", INDIVIDUAL, 710_000, 760_000),
    ("TTLDXS", COLLECTIVE, 3_510_000, 3_800_000),
    ("TTLDTT", COLLECTIVE, 1_880_000, 2_030_000),
    ("CO_TD_TINH", COLLECTIVE, 18_720_000, 20_240_000),
    ("BK_TINH", INDIVIDUAL, 3_510_000, 3_800_000),
    ("BK_TINH", COLLECTIVE, 7_020_000, 7_590_000),
    ("GK", INDIVIDUAL, 710_000, 760_000),
    ("GK", COLLECTIVE, 1_410_000, 1_520_000),
    ("BK_TTG", INDIVIDUAL, 8_190_000, 8_860_000),
    ("BK_TTG", COLLECTIVE, 16_380_000, 17_710_000),
    ("HCLD1", INDIVIDUAL, 21_060_000, 22_770_000),
    ("HCLD2", INDIVIDUAL, 17_550_000, 18_980_000),
    ("HCLD3", INDIVIDUAL, 10_530_000, 11_390_000),
]


def amounts_on(day: dt.date) -> dict[tuple[str, str], int]:
    return {
        (code, recipient): money_amount(award_type_in_force(code, day), recipient, day)
        for code, recipient, _earlier, _later in WORKED_AMOUNTS
    }


def test_money_amount_at_base_salary_2_340_000_matches_the_worked_table(catalog):
    expected = {(code, recipient): amount for code, recipient, amount, _later in WORKED_AMOUNTS}

    assert amounts_on(AT_2_340_000) == expected


def test_money_amount_at_base_salary_2_530_000_matches_the_worked_table(catalog):
    expected = {(code, recipient): amount for code, recipient, _earlier, amount in WORKED_AMOUNTS}

    assert amounts_on(AT_2_530_000) == expected


def test_money_amount_rounds_up_to_the_next_ten_thousand(catalog):
    ldtt = award_type_in_force("LDTT", AT_2_340_000)  # 0.3 × 2,340,000 = 702,000

    assert money_amount(ldtt, INDIVIDUAL, AT_2_340_000) == 710_000


def test_money_amount_keeps_an_exact_ten_thousand(catalog):
    cstdcs = award_type_in_force("CSTDCS", AT_2_340_000)

    assert money_amount(cstdcs, INDIVIDUAL, AT_2_340_000) == 2_340_000


def test_money_amount_household_is_one_and_a_half_times_the_individual(catalog):
    bk_tinh = award_type_in_force("BK_TINH", AT_2_340_000)  # 1.5 × 1.5 × 2,340,000 = 5,265,000

    assert money_amount(bk_tinh, HOUSEHOLD, AT_2_340_000) == 5_270_000


def test_money_amount_household_giay_khen_is_rounded_once(catalog):
    gk = award_type_in_force("GK", AT_2_340_000)  # 1.5 × 0.3 × 2,340,000 = 1,053,000

    assert money_amount(gk, HOUSEHOLD, AT_2_340_000) == 1_060_000


def test_money_amount_uses_the_base_salary_of_the_decision_date(catalog):
    cstdcs = award_type_in_force("CSTDCS", dt.date(2024, 6, 30))

    assert money_amount(cstdcs, INDIVIDUAL, dt.date(2024, 6, 30)) == 1_800_000
    assert money_amount(cstdcs, INDIVIDUAL, dt.date(2024, 7, 1)) == 2_340_000


def test_money_amount_of_a_2021_decision_follows_the_2021_regime(catalog):
    current_bk_tinh = award_type_in_force("BK_TINH", AT_2_340_000)

    assert money_amount(current_bk_tinh, INDIVIDUAL, dt.date(2021, 12, 1)) == 1_490_000  # 1.0 × 1,490,000


def test_money_amount_of_ldtt_in_2021_rounds_up(catalog):
    ldtt_2021 = award_type_in_force("LDTT", dt.date(2021, 12, 1))  # 0.3 × 1,490,000 = 447,000

    assert money_amount(ldtt_2021, INDIVIDUAL, dt.date(2021, 12, 1)) == 450_000


def test_money_amount_refuses_a_recipient_the_award_is_not_for(catalog):
    ldtt = award_type_in_force("LDTT", AT_2_340_000)

    with pytest.raises(ValidationError) as refused:
        money_amount(ldtt, COLLECTIVE, AT_2_340_000)

    assert refused.value.message_dict == {
        "recipient_kind": ["“Lao động tiên tiến” không tặng cho đối tượng “Tập thể”."]
    }


def test_money_amount_refuses_an_award_without_a_known_coefficient(catalog):
    cultural_family = award_type_in_force("GD_VAN_HOA", AT_2_340_000)

    with pytest.raises(ValidationError) as refused:
        money_amount(cultural_family, HOUSEHOLD, AT_2_340_000)

    assert "chưa có hệ số tiền thưởng" in refused.value.message_dict["coefficient"][0]


def test_money_amount_before_any_base_salary_is_refused(catalog):
    ldtt_2017 = AwardType.objects.get(code="LDTT", regime__code="nd91_2017")

    with pytest.raises(BaseSalary.DoesNotExist):
        money_amount(ldtt_2017, INDIVIDUAL, dt.date(2018, 12, 1))
