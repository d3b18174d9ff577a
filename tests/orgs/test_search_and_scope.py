"""Search, Vietnamese order and scoping at the queryset level: the same answers on SQLite and PostgreSQL."""

import pytest

from tests.conftest import user_with_role
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.accounts.scoping import scoped
from thidua.core.text import person_sort_key
from thidua.orgs.models import OrgUnit, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_people(db):
    names = ["Nguyễn Thị Hoa", "Nguyễn Văn An", "Lê Thị Lan", "Đặng Văn Đức", "Trần Thị Ánh", "Ngô Anh", "Phạm Đức"]
    return {name: PersonFactory(full_name=name) for name in names}


def names(queryset):
    return sorted(queryset.values_list("full_name", flat=True))


def test_search_without_diacritics_finds_the_accented_name(named_people):
    assert names(Person.objects.search("nguyen thi")) == ["Nguyễn Thị Hoa"]


def test_search_in_capitals_with_diacritics_finds_the_name(named_people):
    assert names(Person.objects.search("NGUYỄN THỊ")) == ["Nguyễn Thị Hoa"]


def test_search_maps_d_with_stroke_to_d(named_people):
    assert names(Person.objects.search("dang van duc")) == ["Đặng Văn Đức"]


def test_search_word_matches_the_start_of_a_word_only(named_people):
    assert set(names(Person.objects.search("an"))) == {"Ngô Anh", "Nguyễn Văn An", "Trần Thị Ánh"}


def test_search_words_may_come_in_any_order(named_people):
    assert names(Person.objects.search("duc dang")) == ["Đặng Văn Đức"]


def test_people_order_is_vietnamese_on_every_database(named_people):
    in_database = list(Person.objects.order_by("sort_key", "pk").values_list("full_name", flat=True))
    assert in_database == sorted(named_people, key=person_sort_key)


def test_unit_search_ignores_diacritics(city):
    assert list(OrgUnit.objects.search("thuy nguyen").values_list("name", flat=True)) == ["Huyện Thủy Nguyên"]


def test_officer_sees_the_units_of_their_district_only(city, le_chan_officer):
    assert names_of_units(scoped(OrgUnit, le_chan_officer)) == ["Phường An Biên", "Quận Lê Chân"]


def names_of_units(queryset):
    return sorted(queryset.values_list("name", flat=True))


def test_officer_sees_people_of_their_district_only(le_chan_officer, le_chan_person, thuy_nguyen_person):
    assert names(scoped(Person, le_chan_officer)) == ["Nguyễn Thị Hoa"]


def test_city_board_officer_sees_every_district(city, le_chan_person, thuy_nguyen_person):
    officer = user_with_role("board_officer", city["root"])
    assert names(scoped(Person, officer)) == ["Nguyễn Thị Hoa", "Đặng Văn Đức"]


def test_user_without_role_sees_nothing(city, le_chan_person):
    from tests.factories.accounts import UserFactory

    assert names(scoped(Person, UserFactory())) == []


def test_person_outside_the_tree_is_seen_by_the_unit_that_owns_them(city, le_chan_officer):
    PersonFactory(full_name="John Smith", owner_unit=city["an_bien"])
    PersonFactory(full_name="Jane Doe", owner_unit=city["minh_duc"])
    assert names(scoped(Person, le_chan_officer)) == ["John Smith"]


def test_former_member_leaves_the_scope_of_the_old_unit(city, le_chan_officer):
    import datetime as dt

    person = PersonFactory(full_name="Vũ Văn Chuyển")
    MembershipFactory(person=person, unit=city["an_bien"], end_date=dt.date(2020, 12, 31))
    MembershipFactory(person=person, unit=city["minh_duc"], start_date=dt.date(2021, 1, 1))
    assert names(scoped(Person, le_chan_officer)) == []
