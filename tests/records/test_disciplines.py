"""Discipline (kỷ luật) through thidua.records.services: severity from the kind, pending cases without a kind,
dates in order, the period from the start date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.records import services
from thidua.records.models import Discipline

pytestmark = pytest.mark.django_db


def test_discipline_in_effect_takes_its_severity_and_year(officer, le_chan_person):
    discipline = services.create_discipline(
        by=officer, person=le_chan_person, kind="canh_cao", start_date=dt.date(2023, 5, 1),
        end_date=dt.date(2024, 4, 30), decision_number="7/QĐ-UBND", reason="Vi phạm quy chế",
    )  # fmt: skip
    assert (discipline.status, discipline.severity, discipline.period_kind, discipline.year) == (
        "in_effect", 2, "calendar", 2023
    )  # fmt: skip


def test_discipline_of_the_heaviest_kind_has_the_highest_severity(officer, le_chan_person):
    discipline = services.create_discipline(
        by=officer, person=le_chan_person, kind="buoc_thoi_viec", start_date=dt.date(2023, 5, 1)
    )
    assert discipline.severity == 6


def test_discipline_pending_has_no_kind_and_severity_zero(officer, le_chan_person):
    discipline = services.create_discipline(
        by=officer, person=le_chan_person, status="pending", start_date=dt.date(2024, 3, 1)
    )
    assert (discipline.kind, discipline.severity, discipline.end_date) == ("", 0, None)


def test_discipline_pending_with_a_kind_is_refused(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        services.create_discipline(
            by=officer, person=le_chan_person, status="pending", kind="khien_trach", start_date=dt.date(2024, 3, 1)
        )
    assert error.value.message_dict == {"kind": ["Chỉ ghi hình thức kỷ luật khi đã có quyết định kỷ luật."]}


def test_discipline_in_effect_without_a_kind_is_refused(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        services.create_discipline(by=officer, person=le_chan_person, start_date=dt.date(2024, 3, 1))
    assert error.value.message_dict == {"kind": ["Cần chọn hình thức kỷ luật đã quyết định."]}


def test_discipline_ending_before_it_starts_is_refused(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        services.create_discipline(by=officer, person=le_chan_person, kind="khien_trach",
                                   start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 2, 1))  # fmt: skip
    assert error.value.message_dict == {"end_date": ["Ngày kết thúc không được trước ngày bắt đầu (01/03/2024)."]}
    assert not Discipline.objects.exists()


def test_discipline_without_a_start_date_names_the_field(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        services.create_discipline(by=officer, person=le_chan_person, kind="khien_trach", start_date=None)
    assert error.value.message_dict == {"start_date": ["Cần nhập ngày bắt đầu."]}


def test_discipline_of_an_unknown_kind_names_the_field(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        services.create_discipline(by=officer, person=le_chan_person, kind="phat_tien", start_date=dt.date(2024, 3, 1))
    assert list(error.value.message_dict) == ["kind"]


def test_discipline_of_a_teacher_from_october_is_of_the_next_school_year(officer, teacher):
    discipline = services.create_discipline(
        by=officer, person=teacher, kind="khien_trach", start_date=dt.date(2023, 10, 2)
    )
    assert (discipline.period_kind, discipline.year) == ("school", 2024)


def test_discipline_of_a_unit(officer, city):
    discipline = services.create_discipline(
        by=officer, unit=city["an_bien"], kind="khien_trach", start_date=dt.date(2022, 6, 1)
    )
    assert (discipline.unit, discipline.person, discipline.severity) == (city["an_bien"], None, 1)


def test_discipline_pending_decided_takes_the_kind_severity(officer, le_chan_person):
    discipline = services.create_discipline(
        by=officer, person=le_chan_person, status="pending", start_date=dt.date(2024, 3, 1)
    )
    discipline = services.update_discipline(discipline, by=officer, status="in_effect", kind="ha_bac_luong")
    assert (discipline.status, discipline.kind, discipline.severity) == ("in_effect", "ha_bac_luong", 3)


def test_discipline_pending_cleared(officer, le_chan_person):
    discipline = services.create_discipline(
        by=officer, person=le_chan_person, status="pending", start_date=dt.date(2024, 3, 1)
    )
    discipline = services.update_discipline(discipline, by=officer, status="cleared", end_date=dt.date(2024, 6, 1))
    assert (discipline.status, discipline.severity, discipline.end_date) == ("cleared", 0, dt.date(2024, 6, 1))


def test_discipline_update_of_the_start_date_moves_the_year(officer, le_chan_person):
    discipline = services.create_discipline(
        by=officer, person=le_chan_person, kind="khien_trach", start_date=dt.date(2023, 5, 1)
    )
    discipline = services.update_discipline(discipline, by=officer, start_date=dt.date(2024, 1, 15))
    assert discipline.year == 2024


def test_discipline_delete_removes_it(officer, le_chan_person):
    discipline = services.create_discipline(
        by=officer, person=le_chan_person, kind="khien_trach", start_date=dt.date(2023, 5, 1)
    )
    services.delete_discipline(discipline, by=officer)
    assert not Discipline.objects.exists()
