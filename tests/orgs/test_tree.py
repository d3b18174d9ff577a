import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory
from thidua.orgs import services
from thidua.orgs.models import OrgUnit, OrgUnitEventKind

pytestmark = pytest.mark.django_db


def test_new_unit_path_extends_parent_path(city):
    assert city["an_bien"].path.startswith(city["le_chan"].path)
    assert city["an_bien"].depth == 2


def test_subtree_holds_the_unit_and_its_descendants_only(city):
    names = set(OrgUnit.objects.subtree_of(city["le_chan"]).values_list("name", flat=True))
    assert names == {"Quận Lê Chân", "Phường An Biên"}


def test_ancestors_are_ordered_from_the_root(city):
    assert [u.name for u in city["an_bien"].ancestors()] == ["Thành phố Hải Phòng", "Quận Lê Chân"]


def test_move_unit_rewrites_the_whole_subtree(city):
    school = OrgUnitFactory(name="Trường THCS An Biên", parent=city["an_bien"])
    services.move_unit(city["an_bien"], by=None, new_parent=city["thuy_nguyen"], effective_on=dt.date(2021, 1, 1))
    school.refresh_from_db()
    assert school.path.startswith(city["thuy_nguyen"].path)
    assert school.depth == 3
    assert set(OrgUnit.objects.subtree_of(city["le_chan"]).values_list("name", flat=True)) == {"Quận Lê Chân"}


def test_move_unit_into_its_own_subtree_is_refused(city):
    with pytest.raises(ValidationError):
        services.move_unit(city["le_chan"], by=None, new_parent=city["an_bien"], effective_on=dt.date(2021, 1, 1))


def test_rename_unit_keeps_the_old_name(city):
    services.rename_unit(city["an_bien"], by=None, new_name="Phường An Biên mới", effective_on=dt.date(2025, 7, 1))
    event = city["an_bien"].events.get()
    assert (event.kind, event.old_name, event.new_name) == (
        OrgUnitEventKind.RENAMED,
        "Phường An Biên",
        "Phường An Biên mới",
    )


def test_merge_units_moves_people_and_keeps_the_merged_unit(city):
    person = PersonFactory(full_name="Lê Văn Sáp")
    MembershipFactory(person=person, unit=city["an_bien"], start_date=dt.date(2020, 1, 1))
    services.merge_units([city["an_bien"]], into=city["le_chan"], by=None, effective_on=dt.date(2025, 7, 1))
    city["an_bien"].refresh_from_db()
    assert city["an_bien"].dissolved_on == dt.date(2025, 7, 1)
    assert city["an_bien"].merged_into == city["le_chan"]
    assert list(person.memberships.current(dt.date(2025, 8, 1)).values_list("unit__name", flat=True)) == [
        "Quận Lê Chân"
    ]
    assert person.memberships.get(unit=city["an_bien"]).end_date == dt.date(2025, 6, 30)


def test_merge_moves_a_membership_that_starts_on_the_merge_date(city):
    person = PersonFactory(full_name="Lê Văn Mới")
    MembershipFactory(person=person, unit=city["an_bien"], start_date=dt.date(2025, 7, 1))
    services.merge_units([city["an_bien"]], into=city["le_chan"], by=None, effective_on=dt.date(2025, 7, 1))
    assert list(person.memberships.values_list("unit__name", "start_date", "end_date")) == [
        ("Quận Lê Chân", dt.date(2025, 7, 1), None)
    ]


def test_merge_into_a_dissolved_unit_is_refused(city):
    services.merge_units([city["an_bien"]], into=city["le_chan"], by=None, effective_on=dt.date(2025, 7, 1))
    with pytest.raises(ValidationError, match="đã giải thể hoặc sáp nhập"):
        services.merge_units([city["minh_duc"]], into=city["an_bien"], by=None, effective_on=dt.date(2025, 8, 1))


def test_move_under_a_dissolved_unit_is_refused(city):
    services.merge_units([city["an_bien"]], into=city["le_chan"], by=None, effective_on=dt.date(2025, 7, 1))
    with pytest.raises(ValidationError, match="đã giải thể hoặc sáp nhập"):
        services.move_unit(city["minh_duc"], by=None, new_parent=city["an_bien"], effective_on=dt.date(2025, 8, 1))


def test_cluster_members_with_an_unknown_role_are_refused(city):
    from tests.factories.orgs import ClusterFactory

    cluster = ClusterFactory(organiser=city["root"])
    with pytest.raises(ValidationError, match="Vai trò không hợp lệ"):
        services.set_cluster_members(cluster, by=None, year=2021, members={city["le_chan"]: "boss"})


def test_person_with_an_absurdly_long_word_in_the_name_is_refused_on_full_name(city):
    with pytest.raises(ValidationError) as error:
        services.create_person(by=None, full_name="Nguyễn " + "A" * 70, gender="M", unit=city["an_bien"])
    assert list(error.value.message_dict) == ["full_name"]
