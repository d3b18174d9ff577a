"""Reading files: legacy TCVN3/VNI text converted and reported in the dry run; CSV encodings and separators."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.imports.conftest import PEOPLE_HEADERS, csv_upload, xlsx_upload
from thidua.core.legacy_text import from_unicode
from thidua.imports.services import create_batch, start_commit
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db


def test_tcvn3_names_in_xlsx_are_converted_and_the_dry_run_says_so(importer_user):
    legacy = from_unicode("Nguyễn Văn Hùng", "tcvn3")
    batch = create_batch(by=importer_user, kind="people",
                         upload=xlsx_upload([[legacy, "Nam", "", "HP-LC-AB", ""]]))  # fmt: skip
    assert batch.preview[0]["label"] == "Nguyễn Văn Hùng — Phường An Biên"
    assert batch.conversions == [
        {"row": 2, "column": "Họ và tên", "encoding": "tcvn3", "message": "Dòng 2, cột Họ và tên: chuyển từ mã TCVN3"}
    ]
    start_commit(batch, by=importer_user)
    assert Person.objects.filter(full_name="Nguyễn Văn Hùng").exists()


def test_a_vni_csv_saved_by_an_old_excel_is_converted(importer_user):
    rows = [[from_unicode("Trần Thị Hường", "vni"), from_unicode("Nữ", "vni"), "", "HP-LC-AB", ""]]
    headers = [from_unicode(header, "vni") for header in PEOPLE_HEADERS]
    text = ",".join(headers) + "\r\n" + ",".join(rows[0]) + "\r\n"
    upload = SimpleUploadedFile("cu.csv", text.encode("cp1252"))
    batch = create_batch(by=importer_user, kind="people", upload=upload)
    assert batch.counts["errors"] == 0, batch.errors
    assert batch.preview[0]["label"] == "Trần Thị Hường — Phường An Biên"
    assert {c["encoding"] for c in batch.conversions} == {"vni"}


def test_tab_separated_utf8_with_bom_is_read(importer_user):
    upload = csv_upload([["Lê Văn Tám", "Nam", "", "HP-LC-AB", ""]], encoding="utf-8-sig", delimiter="\t")
    batch = create_batch(by=importer_user, kind="people", upload=upload)
    assert batch.preview[0]["label"] == "Lê Văn Tám — Phường An Biên"


def test_blank_rows_between_data_are_ignored(importer_user):
    rows = [["Lê Văn Tám", "Nam", "", "HP-LC-AB", ""], [None] * 5, ["Lê Văn Chín", "Nam", "", "HP-LC-AB", ""]]
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(rows))
    assert batch.counts["rows"] == 2
    assert [p["row"] for p in batch.preview] == [2, 4]


def test_dates_typed_as_excel_dates_are_read(importer_user):
    import datetime as dt

    excel_date = dt.datetime(1979, 12, 31)  # noqa: DTZ001 - Excel's dates carry no time zone
    rows = [["Lê Văn Tám", "Nam", excel_date, "HP-LC-AB", ""]]
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(rows))
    start_commit(batch, by=importer_user)
    assert Person.objects.get(full_name="Lê Văn Tám").birth_date == dt.date(1979, 12, 31)
