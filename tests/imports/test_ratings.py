"""Ratings from XLSX/CSV: people found by name + birth date + unit, units by code, duplicates shown and skipped."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import MembershipFactory, PersonFactory
from tests.factories.records import RatingFactory
from tests.imports.conftest import csv_upload, xlsx_upload
from thidua.core.legacy_text import VNI, from_unicode
from thidua.imports.models import BatchStatus
from thidua.imports.services import create_batch, start_commit
from thidua.orgs.models import PeriodKind
from thidua.records.enums import RatingLevel
from thidua.records.models import Rating

pytestmark = pytest.mark.django_db

HEADERS = ["Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Mức xếp loại"]


@pytest.fixture
def an(city):
    person = PersonFactory(full_name="Nguyễn Văn An", birth_date=dt.date(1980, 3, 5))
    MembershipFactory(person=person, unit=city["an_bien"])
    return person


def test_commit_creates_person_and_unit_ratings(importer_user, an, city):
    rows = [
        ["Nguyễn Văn An", "05/03/1980", "HP-LC-AB", "2023", "Hoàn thành xuất sắc nhiệm vụ"],
        ["", "", "Phường An Biên", "2023", "HTTNV"],
    ]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors == []
    assert batch.counts["create"] == 2
    batch = start_commit(batch, by=importer_user)
    assert batch.status == BatchStatus.COMMITTED, batch.message
    person_rating = Rating.objects.get(person=an, year=2023)
    assert person_rating.level == RatingLevel.EXCELLENT
    assert person_rating.rated_unit == city["an_bien"]
    assert Rating.objects.get(unit=city["an_bien"], year=2023).level == RatingLevel.GOOD


def test_dry_run_writes_nothing(importer_user, an):
    rows = [["Nguyễn Văn An", "", "HP-LC-AB", "2023", "htxs"]]
    batch = create_batch(by=importer_user, kind="ratings", upload=csv_upload(rows, headers=HEADERS))
    assert batch.counts["create"] == 1
    assert not Rating.objects.exists()


def test_a_school_year_is_kept_by_the_year_it_ends_in(importer_user, an):
    rows = [["Nguyễn Văn An", "", "HP-LC-AB", "2022-2023", "Hoàn thành tốt nhiệm vụ"]]
    start_commit(create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS)),
                 by=importer_user)  # fmt: skip
    rating = Rating.objects.get(person=an)
    assert (rating.year, rating.period_kind) == (2023, PeriodKind.SCHOOL_YEAR)


def test_a_rating_already_there_is_a_duplicate_and_is_skipped(importer_user, an):
    RatingFactory(person=an, year=2023, level=RatingLevel.GOOD)
    rows = [["Nguyễn Văn An", "05/03/1980", "HP-LC-AB", "2023", "Hoàn thành tốt nhiệm vụ"]]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.counts["duplicates"] == 1
    assert batch.counts["skip"] == 1
    assert batch.duplicates[0]["row"] == 2
    start_commit(batch, by=importer_user)
    assert Rating.objects.filter(person=an).count() == 1


def test_the_same_subject_twice_with_another_level_is_an_error(importer_user, an):
    rows = [
        ["Nguyễn Văn An", "", "HP-LC-AB", "2023", "HTXSNV"],
        ["Nguyễn Văn An", "", "HP-LC-AB", "2023", "HTNV"],
    ]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "Mức xếp loại")]


def test_a_name_matching_only_without_diacritics_is_an_error_naming_the_near_match(importer_user, an):
    rows = [["Nguyễn Văn Ân", "", "HP-LC-AB", "2023", "HTTNV"]]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors[0]["column"] == "Họ và tên"
    assert "Nguyễn Văn An" in batch.errors[0]["message"]


def test_two_people_of_the_same_name_need_the_birth_date(importer_user, an, city):
    namesake = PersonFactory(full_name="Nguyễn Văn An", birth_date=dt.date(1990, 1, 1))
    MembershipFactory(person=namesake, unit=city["an_bien"])
    ambiguous = [["Nguyễn Văn An", "", "HP-LC-AB", "2023", "HTTNV"]]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(ambiguous, headers=HEADERS))
    assert "ngày sinh" in batch.errors[0]["message"]
    precise = [["Nguyễn Văn An", "1990", "HP-LC-AB", "2023", "HTTNV"]]
    batch = start_commit(create_batch(by=importer_user, kind="ratings",
                                      upload=xlsx_upload(precise, headers=HEADERS)), by=importer_user)  # fmt: skip
    assert Rating.objects.get().person == namesake


def test_one_bad_row_imports_nothing_and_names_row_and_field(importer_user, an):
    rows = [
        ["Nguyễn Văn An", "", "HP-LC-AB", "2023", "HTTNV"],
        ["", "", "HP-LC-AB", "20x3", "Xuất sắc lắm"],
    ]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS))
    assert {(e["row"], e["column"]) for e in batch.errors} == {(3, "Năm"), (3, "Mức xếp loại")}
    with pytest.raises(Exception):  # noqa: B017, PT011 - the framework refuses a batch with errors
        start_commit(batch, by=importer_user)
    assert not Rating.objects.exists()


def test_a_unit_outside_the_scope_is_an_error(importer_user, thuy_nguyen_person):
    rows = [["Đặng Văn Đức", "", "HP-TN-MD", "2023", "HTTNV"]]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Đơn vị")]


def test_names_typed_in_vni_are_converted_before_matching(importer_user, an):
    rows = [[from_unicode("Nguyễn Văn An", VNI), "", "HP-LC-AB", "2023", from_unicode("Hoàn thành tốt nhiệm vụ", VNI)]]
    batch = create_batch(by=importer_user, kind="ratings", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors == []
    assert {c["encoding"] for c in batch.conversions} == {"vni"}
