import datetime as dt

import pytest

from thidua.core.calendar import add_working_days, is_working_day, public_holidays, working_days_between
from thidua.core.models import DayOverride

pytestmark = pytest.mark.django_db

D = dt.date


def test_holidays_package_closes_tet_2025_from_27_january_to_1_february():
    assert [day for day in public_holidays(2025) if day.month in (1, 2)] == [
        D(2025, 1, 1),
        D(2025, 1, 27),
        D(2025, 1, 28),
        D(2025, 1, 29),
        D(2025, 1, 30),
        D(2025, 1, 31),
        D(2025, 2, 1),
    ]


def test_five_working_days_from_a_dossier_received_before_tet_2025_skip_the_holiday():
    # Friday 24/01; 25–26 weekend, 27/01–01/02 Tết, 02/02 Sunday: the first working day after is Monday 03/02.
    assert add_working_days(D(2025, 1, 24), 5) == D(2025, 2, 7)


def test_working_days_between_counts_the_days_after_start_up_to_end():
    assert working_days_between(D(2025, 1, 24), D(2025, 2, 7)) == 5


def test_working_days_between_is_negative_backwards():
    assert working_days_between(D(2025, 2, 7), D(2025, 1, 24)) == -5


def test_add_negative_working_days_counts_backwards_over_the_weekend():
    assert add_working_days(D(2025, 3, 10), -1) == D(2025, 3, 7)


def test_add_zero_working_days_is_the_start_itself():
    assert add_working_days(D(2025, 3, 8), 0) == D(2025, 3, 8)


def test_weekends_are_not_working_days():
    assert (is_working_day(D(2025, 3, 7)), is_working_day(D(2025, 3, 8)), is_working_day(D(2025, 3, 9))) == (
        True,
        False,
        False,
    )


def test_saturday_worked_in_exchange_for_2_may_2025_is_a_working_day():
    # The government moved the working Friday 02/05/2025 to Saturday 26/04/2025; the package knows it.
    assert (is_working_day(D(2025, 4, 26)), is_working_day(D(2025, 5, 2))) == (True, False)
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)


def test_override_working_saturday_is_counted():
    DayOverride.objects.create(date=D(2025, 3, 8), is_working_day=True, reason="Làm bù ngày 10/3")

    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 8)
    assert working_days_between(D(2025, 3, 7), D(2025, 3, 10)) == 2


def test_override_extra_day_off_is_not_counted():
    DayOverride.objects.create(date=D(2025, 3, 10), is_working_day=False, reason="Nghỉ bù")

    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 11)


def test_override_can_reopen_a_public_holiday():
    DayOverride.objects.create(date=D(2025, 1, 27), is_working_day=True, reason="Thử nghiệm làm việc ngày 28 Tết")

    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 1, 27)


def test_deadline_spanning_new_year_reads_both_years():
    # Wednesday 31/12/2025 + 1: 01/01/2026 is Tết Dương lịch, so Friday 02/01/2026.
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 2)


def test_admin_form_accepts_a_swapped_working_saturday():
    from thidua.core.admin import DayOverrideForm

    form = DayOverrideForm(data={"date": "08/03/2025", "is_working_day": True, "reason": "Làm bù", "legal_source": ""})

    assert form.is_valid(), form.errors


def test_admin_form_refuses_an_override_that_changes_nothing():
    from thidua.core.admin import DayOverrideForm

    form = DayOverrideForm(data={"date": "07/03/2025", "is_working_day": True, "reason": "Làm bù", "legal_source": ""})

    assert form.errors == {
        "is_working_day": ["Ngày 07/03/2025 vốn đã là ngày làm việc theo lịch; chỉ ghi những ngày được hoán đổi."]
    }


def test_admin_lists_overrides_for_a_superuser(admin_client):
    DayOverride.objects.create(date=D(2025, 3, 8), is_working_day=True, reason="Làm bù ngày 10/3")

    response = admin_client.get("/admin/core/dayoverride/")

    assert response.status_code == 200
    assert "Làm bù ngày 10/3" in response.content.decode()
    assert "Thứ Bảy" in response.content.decode()
