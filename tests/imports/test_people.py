"""People and memberships from XLSX/CSV: dry run, all-or-nothing commit, duplicates, NFC, scope."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from tests.factories.orgs import MembershipFactory, PersonFactory
from tests.imports.conftest import csv_upload, xlsx_upload
from thidua.imports.models import BatchStatus, ImportBatch
from thidua.imports.services import create_batch, start_commit
from thidua.orgs.models import Membership, Person, PersonNameToken

pytestmark = pytest.mark.django_db

GOOD = [
    ["Nguyễn Văn An", "Nam", "05/03/1980", "HP-LC-AB", "Chủ tịch"],
    ["Trần Thị Bình", "Nữ", "1985-11-20", "Phường An Biên", "Công chức"],
]


def test_dry_run_writes_nothing_and_says_what_would_be_created(importer_user):
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(GOOD))
    assert batch.status == BatchStatus.DRY_RUN
    assert batch.counts["create"] == 2
    assert batch.counts["errors"] == 0
    assert [p["label"] for p in batch.preview] == ["Nguyễn Văn An — Phường An Biên", "Trần Thị Bình — Phường An Biên"]
    assert not Person.objects.filter(full_name="Nguyễn Văn An").exists()


def test_commit_creates_people_memberships_and_search_tokens(importer_user, city):
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(GOOD))
    batch = start_commit(batch, by=importer_user)
    assert batch.status == BatchStatus.COMMITTED, batch.message
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert an.birth_date == dt.date(1980, 3, 5)
    assert an.given_name == "An"
    assert an.sort_key
    assert Membership.objects.get(person=an).unit == city["an_bien"]
    assert set(PersonNameToken.objects.filter(person=an).values_list("token", flat=True)) == {"nguyen", "van", "an"}
    assert Person.objects.search("nguyen van an").filter(pk=an.pk).exists()


def test_one_bad_row_among_good_ones_imports_nothing_and_names_row_and_column(importer_user):
    rows = [*GOOD, ["Lê Văn Cường", "Nam", "31/02/1990", "HP-LC-AB", ""], [*GOOD[0][:1], "Nam", "", "HP-LC", ""]]
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(rows))
    assert batch.counts["errors"] == 1
    message = "“31/02/1990” không phải ngày hợp lệ (dd/mm/yyyy)."
    assert batch.errors == [{"row": 4, "column": "Ngày sinh", "message": message}]
    assert not batch.can_commit
    with pytest.raises(ValidationError, match="không có lỗi"):
        start_commit(batch, by=importer_user)
    assert not Person.objects.filter(full_name__in=["Nguyễn Văn An", "Trần Thị Bình"]).exists()


def test_csv_with_semicolons_and_windows_1258_is_read(importer_user):
    upload = csv_upload(GOOD, delimiter=";", encoding="cp1258")
    batch = create_batch(by=importer_user, kind="people", upload=upload)
    assert batch.file_format == "csv"
    assert batch.counts["create"] == 2, batch.errors


def test_headers_match_without_diacritics(importer_user):
    upload = csv_upload(GOOD, headers=["Ho va ten", "GIOI TINH", "ngay sinh", "Don vi", "Chuc vu"])
    batch = create_batch(by=importer_user, kind="people", upload=upload)
    assert batch.counts["create"] == 2, batch.errors


def test_text_is_stored_in_nfc(importer_user):
    decomposed = unicodedata.normalize("NFD", "Phạm Thị Hường")
    batch = create_batch(by=importer_user, kind="people", upload=csv_upload([[decomposed, "Nữ", "", "HP-LC-AB", ""]]))
    start_commit(batch, by=importer_user)
    person = Person.objects.get(name_folded="pham thi huong")
    assert person.full_name == unicodedata.normalize("NFC", "Phạm Thị Hường")


def test_same_name_birth_date_and_unit_is_a_duplicate_and_is_skipped(importer_user, city):
    existing = PersonFactory(full_name="Nguyễn Văn An", birth_date=dt.date(1980, 3, 5))
    MembershipFactory(person=existing, unit=city["an_bien"])
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(GOOD))
    assert batch.counts["duplicates"] == 1
    assert batch.counts["create"] == 1
    assert batch.duplicates[0]["row"] == 2
    assert batch.duplicates[0]["certain"]
    start_commit(batch, by=importer_user)
    assert Person.objects.filter(full_name="Nguyễn Văn An").count() == 1


def test_same_name_only_without_diacritics_is_a_possible_duplicate(importer_user, city):
    existing = PersonFactory(full_name="Nguyễn Văn Hưng", birth_date=dt.date(1980, 3, 5))
    MembershipFactory(person=existing, unit=city["an_bien"])
    batch = create_batch(
        by=importer_user, kind="people", upload=xlsx_upload([["Nguyễn Văn Hùng", "Nam", "05/03/1980", "HP-LC-AB", ""]])
    )
    assert batch.counts["possible_duplicates"] == 1
    assert batch.counts["create"] == 1
    assert "Có thể trùng" in batch.duplicates[0]["message"]
    assert not batch.duplicates[0]["certain"]


def test_two_equal_rows_of_the_file_are_one_person(importer_user):
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload([GOOD[0], GOOD[0]]))
    assert batch.counts["create"] == 1
    assert batch.counts["duplicates"] == 1
    assert "dòng 2" in batch.duplicates[0]["message"]


def test_a_unit_outside_the_officers_scope_is_an_error_on_that_row(importer_user):
    batch = create_batch(
        by=importer_user, kind="people", upload=xlsx_upload([["Đỗ Văn Ngoài", "Nam", "", "HP-TN-MD", ""]])
    )
    assert batch.errors == [{"row": 2, "column": "Đơn vị", "message": "đơn vị “HP-TN-MD” không thuộc phạm vi của bạn."}]


def test_a_missing_required_column_is_named(importer_user):
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload([["An"]], headers=["Họ và tên"]))
    assert {e["column"] for e in batch.errors} == {"Giới tính", "Đơn vị"}


def test_a_title_row_above_the_headers_is_allowed(importer_user):
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(GOOD, title="DANH SÁCH CÁN BỘ"))
    assert batch.counts["create"] == 2
    assert batch.preview[0]["row"] == 3


def test_committed_batch_is_audited_once(importer_user):
    from thidua.audit.models import AuditEntry

    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(GOOD))
    start_commit(batch, by=importer_user)
    assert AuditEntry.objects.filter(code="imports.batch.committed", object_pk=str(batch.pk)).count() == 1
    assert ImportBatch.objects.get(pk=batch.pk).summary["created"] == 2
