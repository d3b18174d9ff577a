"""Reading files: legacy TCVN3/VNI text converted and reported in the dry run; CSV encodings and separators."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.imports.conftest import PEOPLE_HEADERS, csv_upload, xlsx_upload
from thidua.core.legacy_text import TCVN3, VNI, detect, from_unicode
from thidua.imports.services import create_batch, start_commit
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db


def test_tcvn3_names_in_xlsx_are_converted_and_the_dry_run_says_so(importer_user):
    legacy = from_unicode("Nguyễn Văn Hùng", "tcvn3")
    batch = create_batch(by=importer_user, kind="people",
                         upload=xlsx_upload([[legacy, "Nam", "", "HP-LC-AB", ""]]))  # fmt: skip
    assert batch.preview[0]["label"] == "Nguyễn Văn Hùng — Phường An Biên"
    assert batch.conversions == [
        {
            "row": 2,
            "column": "Họ và tên",
            "encoding": "tcvn3",
            "message": "Dòng 2, cột Họ và tên: chuyển từ mã TCVN3 (ABC)",
        }
    ]
    start_commit(batch, by=importer_user)
    assert Person.objects.filter(full_name="Nguyễn Văn Hùng").exists()


def test_short_cells_of_a_tcvn3_column_are_converted_with_the_column(importer_user):
    # Alone, "HuÕ" reads as VNI and "Vò" as Unicode; the column's other cells show it is TCVN3.
    assert (detect(from_unicode("Huế", TCVN3)), detect(from_unicode("Vũ", TCVN3))) == (VNI, None)
    places = ["Huế", "Vũ", "Đồ Sơn, Hải Phòng", "Thủy Nguyên, Hải Phòng"]
    names = ["Lê Thị Hà", "Phạm Văn Dũng", "Trần Thị Hường", "Nguyễn Văn Hùng"]
    rows = [[from_unicode(name, TCVN3), "Nam", "", "HP-LC-AB", "", from_unicode(place, TCVN3)]
            for name, place in zip(names, places, strict=True)]  # fmt: skip
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(rows, [*PEOPLE_HEADERS, "Quê quán"]))
    assert {c["encoding"] for c in batch.conversions} == {TCVN3}
    start_commit(batch, by=importer_user)
    assert sorted(Person.objects.values_list("hometown", flat=True)) == sorted(places)


def test_a_unicode_column_is_left_alone_whatever_a_cell_looks_like(importer_user):
    # "Hùng Vương" alone is plain Unicode; a column of Unicode Vietnamese is never converted.
    rows = [["Lê Văn Tám", "Nam", "", "HP-LC-AB", "", "Phường Hùng Vương"], ["Lê Văn Chín", "Nam", "", "HP-LC-AB", "",
            "Thành phố Huế"]]  # fmt: skip
    batch = create_batch(by=importer_user, kind="people", upload=xlsx_upload(rows, [*PEOPLE_HEADERS, "Quê quán"]))
    assert batch.conversions == []


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
