"""Units from XLSX/CSV: created under a parent in scope or an earlier row, duplicates by code, all-or-nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import OrgUnitFactory, SectorFactory, UnitKindFactory
from tests.imports.conftest import csv_upload, xlsx_upload
from thidua.core.legacy_text import TCVN3, VNI, from_unicode
from thidua.imports.models import BatchStatus
from thidua.imports.services import create_batch, start_commit
from thidua.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Đơn vị cấp trên", "Lĩnh vực", "Ngày thành lập"]


@pytest.fixture
def school_kind(city):
    SectorFactory(code="giao-duc", name="Giáo dục")
    return UnitKindFactory(code="school", name="Trường học", level=4)


def rows_ok():
    return [
        ["HP-LC-AB-THCS", "Trường THCS An Biên", "Trường học", "HP-LC-AB", "Giáo dục", "01/09/1995"],
        ["HP-LC-AB-TH", "Trường Tiểu học An Biên", "school", "Phường An Biên", "", ""],
    ]


def test_dry_run_lists_the_units_and_writes_nothing(importer_user, school_kind):
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows_ok(), headers=HEADERS))
    assert batch.status == BatchStatus.DRY_RUN
    assert batch.errors == []
    assert [p["label"] for p in batch.preview] == [
        "HP-LC-AB-THCS — Trường THCS An Biên",
        "HP-LC-AB-TH — Trường Tiểu học An Biên",
    ]
    assert not OrgUnit.objects.filter(code="HP-LC-AB-THCS").exists()


def test_commit_creates_units_under_their_parent_with_kind_sector_and_date(importer_user, school_kind, city):
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows_ok(), headers=HEADERS))
    batch = start_commit(batch, by=importer_user)
    assert batch.status == BatchStatus.COMMITTED, batch.message
    school = OrgUnit.objects.get(code="HP-LC-AB-THCS")
    assert school.parent == city["an_bien"]
    assert school.kind == school_kind
    assert school.sector.code == "giao-duc"
    assert school.established_on == dt.date(1995, 9, 1)
    assert school.path.startswith(city["an_bien"].path)


def test_a_parent_may_be_an_earlier_row_of_the_file(importer_user, school_kind):
    rows = [
        ["HP-LC-AB-KP1", "Khu phố 1", "Trường học", "HP-LC-AB", "", ""],
        ["HP-LC-AB-KP1-T1", "Tổ dân phố số 1", "Trường học", "Khu phố 1", "", ""],
    ]
    batch = start_commit(create_batch(by=importer_user, kind="units", upload=csv_upload(rows, headers=HEADERS)),
                         by=importer_user)  # fmt: skip
    assert batch.status == BatchStatus.COMMITTED, batch.errors
    assert OrgUnit.objects.get(code="HP-LC-AB-KP1-T1").parent.code == "HP-LC-AB-KP1"


def test_a_code_already_in_scope_is_a_duplicate_and_is_skipped(importer_user, school_kind, city):
    OrgUnitFactory(code="HP-LC-AB-THCS", name="Trường THCS An Biên", kind=school_kind, parent=city["an_bien"])
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows_ok(), headers=HEADERS))
    assert batch.counts["duplicates"] == 1
    assert batch.counts["create"] == 1
    assert batch.counts["skip"] == 1
    assert batch.duplicates[0]["row"] == 2
    assert batch.duplicates[0]["certain"]
    start_commit(batch, by=importer_user)
    assert OrgUnit.objects.filter(code="HP-LC-AB-THCS").count() == 1


def test_same_name_under_the_same_parent_is_a_possible_duplicate(importer_user, school_kind, city):
    OrgUnitFactory(code="OLD-THCS", name="Trường THCS An Biên", kind=school_kind, parent=city["an_bien"])
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows_ok()[:1], headers=HEADERS))
    assert batch.counts["create"] == 1
    assert batch.counts["possible_duplicates"] == 1
    assert "OLD-THCS" in batch.duplicates[0]["message"]


def test_a_code_used_twice_in_the_file_is_an_error_naming_both_rows(importer_user, school_kind):
    rows = [rows_ok()[0], ["HP-LC-AB-THCS", "Trường khác", "Trường học", "HP-LC-AB", "", ""]]
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors == [
        {"row": 3, "column": "Mã đơn vị", "message": "mã “HP-LC-AB-THCS” trùng với dòng 2 của tệp."}
    ]


def test_a_parent_outside_the_officers_scope_is_an_error(importer_user, school_kind):
    rows = [["HP-TN-MD-TH", "Trường Tiểu học Minh Đức", "Trường học", "HP-TN-MD", "", ""]]
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors[0]["row"] == 2
    assert batch.errors[0]["column"] == "Đơn vị cấp trên"
    assert "không thuộc phạm vi" in batch.errors[0]["message"]


def test_a_unit_officer_cannot_create_a_root_unit(importer_user, school_kind):
    rows = [["NEW-ROOT", "Tỉnh mới", "Trường học", "", "", ""]]
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors[0]["column"] == "Đơn vị cấp trên"


def test_one_bad_row_imports_nothing_and_names_row_and_field(importer_user, school_kind):
    rows = [*rows_ok(), ["HP-LC-AB-MN", "Trường Mầm non An Biên", "Nhà trẻ", "HP-LC-AB", "", "32/01/2001"]]
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows, headers=HEADERS))
    assert {(e["row"], e["column"]) for e in batch.errors} == {(4, "Loại đơn vị"), (4, "Ngày thành lập")}
    with pytest.raises(Exception):  # noqa: B017, PT011 - the framework refuses a batch with errors
        start_commit(batch, by=importer_user)
    assert not OrgUnit.objects.filter(code__startswith="HP-LC-AB-").exists()


def test_a_bad_email_is_an_error_on_its_column(importer_user, school_kind):
    headers = [*HEADERS, "Thư điện tử"]
    rows = [[*rows_ok()[0], "không-phải-thư"]]
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows, headers=headers))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Thư điện tử")]


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_names_typed_in_legacy_encodings_are_converted(importer_user, school_kind, encoding):
    rows = [["HP-LC-AB-THCS", from_unicode("Trường Trung học cơ sở An Biên", encoding), "Trường học", "HP-LC-AB",
             "", ""]]  # fmt: skip
    batch = create_batch(by=importer_user, kind="units", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.conversions
    assert batch.conversions[0]["column"] == "Tên đơn vị"
    start_commit(batch, by=importer_user)
    assert OrgUnit.objects.get(code="HP-LC-AB-THCS").name == "Trường Trung học cơ sở An Biên"
