"""``thidua gen_province``: a synthetic province, deterministic for a seed, searchable and sorted like real data."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from thidua.core.text import fold, person_sort_key, search_words
from thidua.demo.province import ProvinceExists, generate_province, plan_shape
from thidua.orgs.models import Cluster, Membership, OrgUnit, Person, PersonNameToken

pytestmark = pytest.mark.django_db

SIZE = {"units": 60, "people": 400}


def generate(code: str = "GENT", seed: int = 7, **options):
    return generate_province(code=code, seed=seed, progress=False, **{**SIZE, **options})


def province_units(code: str = "GENT"):
    return OrgUnit.objects.get(code=code).descendants(include_self=True)


def province_people(code: str = "GENT"):
    units = province_units(code)
    members = Membership.objects.filter(unit__in=units).values("person_id")
    return Person.objects.filter(Q(pk__in=members) | Q(owner_unit__in=units))


def snapshot(code: str = "GENT") -> tuple[list, list]:
    """What a seed decides: the tree as code chains and names, the people with their units and birth dates."""
    units = list(province_units(code).select_related("parent"))
    by_id = {unit.pk: unit for unit in units}
    tree = sorted((unit.code, unit.name, unit.kind_id, by_id[unit.parent_id].code if unit.parent_id in by_id else None,
                   unit.depth) for unit in units)  # fmt: skip
    memberships = Membership.objects.filter(unit__in=province_units(code)).select_related("person", "unit")
    people = sorted((m.person.full_name, m.person.birth_date, m.unit.code, m.position, m.start_date, m.end_date)
                    for m in memberships)  # fmt: skip
    return tree, people


def test_gen_province_creates_the_requested_numbers(catalog):
    report = generate()

    assert (report.units, report.people) == (60, 400)
    assert province_units().count() == 60
    assert province_people().count() == 400


def test_gen_province_same_seed_gives_the_same_province(catalog):
    generate()
    first = snapshot()

    generate(replace=True)

    assert snapshot() == first


def test_gen_province_other_seed_gives_other_names(catalog):
    generate(code="GENA", seed=1)
    generate(code="GENB", seed=2)

    assert snapshot("GENA")[1] != snapshot("GENB")[1]


def test_gen_province_paths_follow_the_parents(catalog):
    generate()

    for unit in province_units().select_related("parent"):
        expected = (unit.parent.path if unit.parent else "") + f"{unit.pk:08d}"
        assert (unit.path, unit.depth) == (expected, len(expected) // 8 - 1)


def test_gen_province_subtree_query_finds_a_districts_units(catalog):
    generate()
    district = province_units().filter(kind__code="rural_district").first()

    assert set(district.descendants().values_list("parent__kind__code", flat=True)) <= {
        "rural_district",
        "commune",
        "township",
        "ward",
    }
    assert district.descendants().filter(kind__code="commune").exists()


def test_gen_province_people_have_their_name_tokens(catalog):
    generate()

    for person in province_people().prefetch_related("name_tokens"):
        assert sorted(token.token for token in person.name_tokens.all()) == sorted(set(search_words(person.full_name)))


def test_gen_province_people_are_searchable_without_diacritics(catalog):
    generate()
    # Each query word must begin some word of the name: "nguyen thi" also finds "Nguyễn Văn Thịnh".
    nguyen_thi = [p for p in province_people() if all(any(word.startswith(q) for word in fold(p.full_name).split())
                                                      for q in ("nguyen", "thi"))]  # fmt: skip

    found = Person.objects.search("nguyen thi").filter(pk__in=province_people().values("pk"))

    assert nguyen_thi
    assert sorted(found.values_list("pk", flat=True)) == sorted(p.pk for p in nguyen_thi)


def test_gen_province_people_have_the_vietnamese_sort_key(catalog):
    generate()

    for person in province_people():
        assert person.sort_key == person_sort_key(person.full_name)
        assert (person.family_name, person.given_name) == (person.full_name.split()[0], person.full_name.split()[-1])


def test_gen_province_refuses_an_existing_code(catalog):
    generate()

    with pytest.raises(ProvinceExists):
        generate()


def test_gen_province_command_explains_how_to_replace(catalog):
    generate()

    with pytest.raises(CommandError, match="Dùng --replace"):
        call_command("gen_province", "--units", "60", "--people", "400", "--seed", "7", "--code", "GENT",
                     "--no-progress", stdout=io.StringIO())  # fmt: skip


def test_gen_province_replace_leaves_no_orphans(catalog):
    generate()

    generate(replace=True)

    assert PersonNameToken.objects.count() == PersonNameToken.objects.filter(person__in=province_people()).count()
    assert Person.objects.count() == 400


def test_gen_province_two_tier_puts_communes_under_the_province(catalog):
    generate(two_tier=True)
    province = OrgUnit.objects.get(code="GENT")

    assert not province_units().filter(kind__code__in=["rural_district", "town"]).exists()
    assert province.children.filter(kind__code="commune").exists()


def test_gen_province_groups_districts_into_a_cluster(catalog):
    generate(units=600, people=600)

    cluster = Cluster.objects.get(code="gent-cum-huyen")

    assert cluster.members.filter(year=2021).count() == province_units().filter(
        kind__code__in=["rural_district", "town"]).count()  # fmt: skip


def test_gen_province_shape_fills_the_rest_with_villages():
    shape = plan_shape(3000)

    assert (shape["departments"], shape["districts"], shape["communes"]) == (20, 10, 100)
    assert 1 + sum(shape.values()) == 3000


def test_gen_province_shape_fits_a_tiny_province():
    shape = plan_shape(10)

    assert 1 + sum(shape.values()) == 10
    assert shape["communes"] >= 2


def test_gen_province_careers_start_before_2021(catalog):
    generate()

    memberships = Membership.objects.filter(unit__in=province_units())

    assert memberships.exists()
    assert not memberships.filter(start_date__gt=dt.date(2021, 1, 1)).exists()
