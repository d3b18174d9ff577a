"""Historical awards from XLSX/CSV: award types from the catalog, recipients' snapshots, duplicates skipped."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import MembershipFactory, PersonFactory
from tests.factories.records import AwardFactory
from tests.imports.conftest import csv_upload, xlsx_upload
from thidua.catalog.models import CommendationKind, RecipientKind
from thidua.core.legacy_text import TCVN3, from_unicode
from thidua.imports.models import BatchStatus
from thidua.imports.services import create_batch, start_commit
from thidua.records.enums import AwardSource
from thidua.records.models import Award

pytestmark = pytest.mark.django_db

HEADERS = ["Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu, hình thức khen thưởng", "Năm", "Số quyết định",
           "Ngày quyết định"]  # fmt: skip


@pytest.fixture
def catalog(db):
    return {
        "LDTT": AwardTypeFactory(code="LDTT", name="Lao động tiên tiến"),
        "TTLDTT": AwardTypeFactory(
            code="TTLDTT", name="Tập thể lao động tiên tiến", recipient_kinds=[RecipientKind.COLLECTIVE]
        ),
    }


@pytest.fixture
def an(city):
    person = PersonFactory(full_name="Nguyễn Văn An", birth_date=dt.date(1980, 3, 5))
    MembershipFactory(person=person, unit=city["an_bien"], position="Chủ tịch")
    return person


def test_commit_creates_imported_awards_with_the_recipients_snapshot(importer_user, catalog, an, city):
    rows = [
        ["Nguyễn Văn An", "05/03/1980", "HP-LC-AB", "LDTT", "2022", "12/QĐ-UBND", "20/12/2022"],
        ["", "", "Phường An Biên", "Tập thể lao động tiên tiến", "2022", "13/QĐ-UBND", "20/12/2022"],
    ]
    batch = create_batch(by=importer_user, kind="awards", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors == []
    batch = start_commit(batch, by=importer_user)
    assert batch.status == BatchStatus.COMMITTED, batch.message
    award = Award.objects.get(person=an)
    assert award.award_code == "LDTT"
    assert award.source == AwardSource.IMPORT
    assert award.decision_date == dt.date(2022, 12, 20)
    assert award.commendation_kind == CommendationKind.MERIT
    assert award.recipient_name == "Nguyễn Văn An"
    assert award.unit_name == "Phường An Biên"
    assert Award.objects.get(unit=city["an_bien"]).award_code == "TTLDTT"


def test_dry_run_writes_nothing(importer_user, catalog, an):
    rows = [["Nguyễn Văn An", "", "HP-LC-AB", "ldtt", "2022", "", ""]]
    batch = create_batch(by=importer_user, kind="awards", upload=csv_upload(rows, headers=HEADERS))
    assert batch.counts["create"] == 1
    assert not Award.objects.exists()


def test_the_same_award_and_year_already_there_is_a_duplicate(importer_user, catalog, an):
    AwardFactory(person=an, award_type=catalog["LDTT"], year=2022)
    rows = [["Nguyễn Văn An", "", "HP-LC-AB", "LDTT", "2022", "", ""]]
    batch = create_batch(by=importer_user, kind="awards", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.counts["duplicates"] == 1
    assert batch.counts["skip"] == 1
    start_commit(batch, by=importer_user)
    assert Award.objects.count() == 1


def test_an_award_for_collectives_given_to_a_person_is_an_error_on_the_award_column(importer_user, catalog, an):
    rows = [["Nguyễn Văn An", "", "HP-LC-AB", "TTLDTT", "2022", "", ""]]
    batch = create_batch(by=importer_user, kind="awards", upload=xlsx_upload(rows, headers=HEADERS))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Danh hiệu, hình thức khen thưởng")]


def test_one_bad_row_imports_nothing_and_names_row_and_field(importer_user, catalog, an):
    rows = [
        ["Nguyễn Văn An", "", "HP-LC-AB", "LDTT", "2022", "", ""],
        ["Nguyễn Văn An", "", "HP-LC-AB", "Huy chương vàng Olympic", "2023", "", "31/13/2023"],
    ]
    batch = create_batch(by=importer_user, kind="awards", upload=xlsx_upload(rows, headers=HEADERS))
    assert {(e["row"], e["column"]) for e in batch.errors} == {
        (3, "Danh hiệu, hình thức khen thưởng"),
        (3, "Ngày quyết định"),
    }
    with pytest.raises(Exception):  # noqa: B017, PT011 - the framework refuses a batch with errors
        start_commit(batch, by=importer_user)
    assert not Award.objects.exists()


def test_a_person_outside_the_scope_is_an_error(importer_user, catalog, thuy_nguyen_person):
    rows = [["Đặng Văn Đức", "", "HP-TN-MD", "LDTT", "2022", "", ""]]
    batch = create_batch(by=importer_user, kind="awards", upload=xlsx_upload(rows, headers=HEADERS))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Đơn vị")]


def test_a_file_typed_in_tcvn3_is_converted_and_matched(importer_user, catalog, an):
    rows = [[from_unicode("Nguyễn Văn An", TCVN3), "", "HP-LC-AB", from_unicode("Lao động tiên tiến", TCVN3), "2022",
             "", ""]]  # fmt: skip
    batch = create_batch(by=importer_user, kind="awards", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors == []
    assert {c["encoding"] for c in batch.conversions} == {"tcvn3"}
