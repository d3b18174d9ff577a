"""Ratings (xếp loại) through thidua.records.services: rank and period derived, one rating per subject and period."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.audit.models import AuditEntry
from thidua.records import services
from thidua.records.models import Rating

pytestmark = pytest.mark.django_db


def test_rating_of_a_person_takes_rank_calendar_year_and_unit(officer, le_chan_person, city):
    rating = services.create_rating(by=officer, person=le_chan_person, year=2023, level="htxs")
    assert (rating.rank, rating.period_kind, rating.year, rating.rated_unit) == (4, "calendar", 2023, city["an_bien"])


def test_rating_of_a_teacher_is_kept_by_school_year(officer, teacher, school):
    rating = services.create_rating(by=officer, person=teacher, year=2023, level="htt")
    assert (rating.rank, rating.period_kind, rating.period_label, rating.rated_unit) == (
        3, "school", "năm học 2022–2023", school["school"]
    )  # fmt: skip


def test_rating_of_a_school_is_kept_by_school_year(officer, school):
    rating = services.create_rating(by=officer, unit=school["school"], year=2024, level="ht")
    assert (rating.rank, rating.period_kind, rating.person) == (2, "school", None)


def test_rating_period_kind_given_overrides_the_sector(officer, teacher):
    rating = services.create_rating(by=officer, person=teacher, year=2023, level="kht", period_kind="calendar")
    assert (rating.rank, rating.period_kind) == (1, "calendar")


def test_rating_of_a_person_outside_every_unit_is_calendar(officer):
    from tests.factories.orgs import PersonFactory

    rating = services.create_rating(by=officer, person=PersonFactory(), year=2022, level="htt")
    assert (rating.period_kind, rating.rated_unit) == ("calendar", None)


def test_rating_twice_in_a_year_names_the_year(officer, le_chan_person):
    services.create_rating(by=officer, person=le_chan_person, year=2023, level="htt")
    with pytest.raises(ValidationError) as error:
        services.create_rating(by=officer, person=le_chan_person, year=2023, level="htxs")
    assert error.value.message_dict == {"year": ["“Nguyễn Thị Hoa” đã có xếp loại năm 2023."]}


def test_rating_twice_in_a_school_year_names_the_school_year(officer, teacher):
    services.create_rating(by=officer, person=teacher, year=2023, level="htt")
    with pytest.raises(ValidationError) as error:
        services.create_rating(by=officer, person=teacher, year=2023, level="htxs")
    assert error.value.message_dict == {"year": ["“Lê Thị Mai” đã có xếp loại năm học 2022–2023."]}


def test_rating_of_the_same_year_in_the_other_kind_is_allowed(officer, teacher):
    services.create_rating(by=officer, person=teacher, year=2023, level="htt")
    services.create_rating(by=officer, person=teacher, year=2023, level="htxs", period_kind="calendar")
    assert sorted(Rating.objects.filter(person=teacher).values_list("period_kind", flat=True)) == ["calendar", "school"]


def test_rating_without_a_subject_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        services.create_rating(by=officer, year=2023, level="htt")
    assert error.value.message_dict == {"person": ["Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."]}


def test_rating_of_a_person_and_a_unit_at_once_is_refused(officer, le_chan_person, city):
    with pytest.raises(ValidationError) as error:
        services.create_rating(by=officer, person=le_chan_person, unit=city["an_bien"], year=2023, level="htt")
    assert list(error.value.message_dict) == ["person"]


def test_rating_with_an_unknown_level_names_the_field(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        services.create_rating(by=officer, person=le_chan_person, year=2023, level="gioi")
    assert list(error.value.message_dict) == ["level"]
    assert not Rating.objects.exists()


def test_rating_of_a_year_out_of_range_names_the_year(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        services.create_rating(by=officer, person=le_chan_person, year=1900, level="htt")
    assert error.value.message_dict["year"][0].startswith("Năm phải là một số từ 1945 đến ")


def test_rating_update_follows_the_level_with_the_rank(officer, le_chan_person):
    rating = services.create_rating(by=officer, person=le_chan_person, year=2023, level="htt")
    rating = services.update_rating(rating, by=officer, level="htxs", note="Bổ sung theo QĐ 12")
    rating.refresh_from_db()
    assert (rating.level, rating.rank, rating.note) == ("htxs", 4, "Bổ sung theo QĐ 12")


def test_rating_update_onto_a_taken_year_is_refused(officer, le_chan_person):
    services.create_rating(by=officer, person=le_chan_person, year=2022, level="htt")
    rating = services.create_rating(by=officer, person=le_chan_person, year=2023, level="htt")
    with pytest.raises(ValidationError) as error:
        services.update_rating(rating, by=officer, year=2022)
    assert error.value.message_dict == {"year": ["“Nguyễn Thị Hoa” đã có xếp loại năm 2022."]}


def test_rating_update_rejects_an_unknown_field(officer, le_chan_person):
    rating = services.create_rating(by=officer, person=le_chan_person, year=2023, level="htt")
    with pytest.raises(ValueError, match="rank"):
        services.update_rating(rating, by=officer, rank=4)


def test_rating_delete_removes_it(officer, le_chan_person):
    rating = services.create_rating(by=officer, person=le_chan_person, year=2023, level="htt")
    services.delete_rating(rating, by=officer)
    assert not Rating.objects.exists()


def test_rating_create_is_in_the_audit_log_with_its_actor(officer, le_chan_person):
    rating = services.create_rating(by=officer, person=le_chan_person, year=2023, level="htt")
    entry = AuditEntry.objects.get(object_pk=str(rating.pk), content_type__model="rating")
    assert (entry.action, entry.actor_id, entry.actor_name) == (AuditEntry.Action.CREATE, officer.pk, "Trần Thị Lan")


def test_rating_period_of_a_person_who_moved_is_that_of_the_year(officer, teacher, school, city):
    """A teacher who left the school in 2024 for the ward keeps school years for 2023, calendar years from 2025."""
    membership = teacher.memberships.get()
    membership.end_date = dt.date(2024, 8, 31)
    membership.save()
    teacher.memberships.create(unit=city["an_bien"], start_date=dt.date(2024, 9, 1), position="Chuyên viên")
    old = services.create_rating(by=officer, person=teacher, year=2023, level="htt")
    new = services.create_rating(by=officer, person=teacher, year=2025, level="htt")
    assert ((old.period_kind, old.rated_unit), (new.period_kind, new.rated_unit)) == (
        ("school", school["school"]), ("calendar", city["an_bien"])
    )  # fmt: skip
