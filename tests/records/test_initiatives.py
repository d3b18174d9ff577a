"""Initiatives (sáng kiến) through thidua.records.services: authors, period from the recognition date, and the
principle that an initiative backs one award only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories.orgs import PersonFactory
from thidua.records import services
from thidua.records.models import Initiative, InitiativeAuthor

pytestmark = pytest.mark.django_db


def authors_of(initiative: Initiative) -> list[tuple[str, int | None]]:
    return [(row.person.full_name, row.share) for row in initiative.authorships.select_related("person").order_by("pk")]


def new_initiative(by, authors, **fields) -> Initiative:
    values = {"title": "Số hóa hồ sơ một cửa", "level": "co_so", "recognised_on": dt.date(2023, 11, 15)}
    return services.create_initiative(by=by, authors=authors, **{**values, **fields})


def test_initiative_year_is_the_calendar_year_of_recognition(officer, le_chan_person):
    initiative = new_initiative(officer, [le_chan_person])
    assert (initiative.period_kind, initiative.year, authors_of(initiative)) == (
        "calendar", 2023, [("Nguyễn Thị Hoa", None)]
    )  # fmt: skip


def test_initiative_of_a_teacher_recognised_in_october_counts_for_the_next_school_year(officer, teacher):
    initiative = new_initiative(officer, [teacher], recognised_on=dt.date(2023, 10, 5))
    assert (initiative.period_kind, initiative.year, initiative.period_label) == ("school", 2024, "năm học 2023–2024")


def test_initiative_applied_at_a_school_takes_the_school_year(officer, le_chan_person, school):
    initiative = new_initiative(officer, [le_chan_person], unit=school["school"], recognised_on=dt.date(2023, 5, 5))
    assert (initiative.period_kind, initiative.year) == ("school", 2023)


def test_initiative_year_given_is_kept(officer, le_chan_person):
    initiative = new_initiative(officer, [le_chan_person], year=2024)
    assert initiative.year == 2024


def test_initiative_authors_with_shares(officer, le_chan_person):
    partner = PersonFactory(full_name="Phạm Văn Bình")
    initiative = new_initiative(
        officer, [{"person": le_chan_person, "share": 60}, {"person": partner, "share": 40}], kind="research"
    )
    assert (initiative.kind, authors_of(initiative)) == ("research", [("Nguyễn Thị Hoa", 60), ("Phạm Văn Bình", 40)])


def test_initiative_without_authors_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        new_initiative(officer, [])
    assert error.value.message_dict == {"authors": ["Cần ít nhất một tác giả."]}


def test_initiative_with_an_author_twice_is_refused(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        new_initiative(officer, [le_chan_person, {"person": le_chan_person, "share": 10}])
    assert error.value.message_dict == {"authors": ["Tác giả “Nguyễn Thị Hoa” được kê hai lần."]}


def test_initiative_shares_above_a_hundred_are_refused(officer, le_chan_person):
    partner = PersonFactory(full_name="Phạm Văn Bình")
    with pytest.raises(ValidationError) as error:
        new_initiative(officer, [{"person": le_chan_person, "share": 70}, {"person": partner, "share": 40}])
    assert error.value.message_dict == {"authors": ["Tổng tỷ lệ đóng góp của các tác giả không được vượt quá 100."]}


def test_initiative_without_a_recognition_date_names_the_field(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        new_initiative(officer, [le_chan_person], recognised_on=None)
    assert error.value.message_dict == {"recognised_on": ["Cần nhập ngày công nhận sáng kiến."]}


def test_initiative_with_an_unknown_level_names_the_field(officer, le_chan_person):
    with pytest.raises(ValidationError) as error:
        new_initiative(officer, [le_chan_person], level="huyen")
    assert list(error.value.message_dict) == ["level"]
    assert not Initiative.objects.exists()


def test_initiative_update_replaces_the_authors(officer, le_chan_person):
    partner = PersonFactory(full_name="Phạm Văn Bình")
    initiative = new_initiative(officer, [le_chan_person])
    services.update_initiative(initiative, by=officer, authors=[{"person": partner, "share": 100}])
    assert authors_of(initiative) == [("Phạm Văn Bình", 100)]


def test_initiative_update_of_the_recognition_date_moves_the_year(officer, le_chan_person):
    initiative = new_initiative(officer, [le_chan_person])
    initiative = services.update_initiative(initiative, by=officer, recognised_on=dt.date(2024, 2, 1))
    assert (initiative.recognised_on, initiative.year) == (dt.date(2024, 2, 1), 2024)


def test_initiative_update_of_the_title_keeps_the_authors(officer, le_chan_person):
    initiative = new_initiative(officer, [le_chan_person])
    initiative = services.update_initiative(initiative, by=officer, title="Số hóa hồ sơ một cửa liên thông")
    assert (initiative.title, authors_of(initiative)) == ("Số hóa hồ sơ một cửa liên thông", [("Nguyễn Thị Hoa", None)])


def test_initiative_delete_removes_it_and_its_authorships(officer, le_chan_person):
    initiative = new_initiative(officer, [le_chan_person])
    services.delete_initiative(initiative, by=officer)
    assert (Initiative.objects.count(), InitiativeAuthor.objects.count()) == (0, 0)


def test_initiative_that_backs_an_award_cannot_be_deleted(officer, le_chan_person, award_types):
    initiative = new_initiative(officer, [le_chan_person])
    services.create_award(by=officer, person=le_chan_person, award_code="LDTT", year=2023,
                          backing_initiatives=[initiative])  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.delete_initiative(initiative, by=officer)
    assert error.value.message_dict == {"__all__": [
        "Sáng kiến “Số hóa hồ sơ một cửa” đã làm căn cứ cho khen thưởng “Nguyễn Thị Hoa: Lao động tiên tiến (2023)”: "
        "một sáng kiến chỉ làm căn cứ cho một khen thưởng."
    ]}  # fmt: skip
