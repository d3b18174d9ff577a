"""Initiatives from XLSX/CSV: authors of the row's unit with their shares, duplicates by title and date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import MembershipFactory, PersonFactory
from tests.factories.records import InitiativeFactory
from tests.imports.conftest import xlsx_upload
from thidua.imports.models import BatchStatus
from thidua.imports.services import create_batch, start_commit
from thidua.records.enums import InitiativeKind, RecognitionLevel
from thidua.records.models import Initiative

pytestmark = pytest.mark.django_db

HEADERS = ["Tên sáng kiến", "Loại", "Phạm vi công nhận", "Ngày công nhận", "Đơn vị", "Tác giả"]
TITLE = "Cải tiến quy trình tiếp nhận hồ sơ một cửa"


@pytest.fixture
def authors(city):
    an = PersonFactory(full_name="Nguyễn Văn An", birth_date=dt.date(1980, 3, 5))
    binh = PersonFactory(full_name="Trần Thị Bình", birth_date=dt.date(1985, 11, 20))
    for person in (an, binh):
        MembershipFactory(person=person, unit=city["an_bien"])
    return an, binh


def test_commit_creates_the_initiative_with_authors_and_shares(importer_user, authors, city):
    rows = [
        [TITLE, "Sáng kiến", "Cấp cơ sở", "15/11/2023", "HP-LC-AB", "Nguyễn Văn An 1980 (60%); Trần Thị Bình (40%)"]
    ]
    batch = create_batch(by=importer_user, kind="initiatives", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.errors == []
    batch = start_commit(batch, by=importer_user)
    assert batch.status == BatchStatus.COMMITTED, batch.message
    initiative = Initiative.objects.get(title=TITLE)
    assert initiative.level == RecognitionLevel.GRASSROOTS
    assert initiative.kind == InitiativeKind.INITIATIVE
    assert initiative.unit == city["an_bien"]
    assert initiative.year == 2023
    shares = {a.person.full_name: a.share for a in initiative.authorships.select_related("person")}
    assert shares == {"Nguyễn Văn An": 60, "Trần Thị Bình": 40}


def test_same_title_and_date_as_an_existing_initiative_is_a_duplicate(importer_user, authors):
    InitiativeFactory(title=TITLE.upper(), recognised_on=dt.date(2023, 11, 15), authors=[authors[0]])
    rows = [[TITLE, "", "Cấp cơ sở", "15/11/2023", "HP-LC-AB", "Nguyễn Văn An"]]
    batch = create_batch(by=importer_user, kind="initiatives", upload=xlsx_upload(rows, headers=HEADERS))
    assert batch.counts["duplicates"] == 1
    assert batch.counts["create"] == 0
    start_commit(batch, by=importer_user)
    assert Initiative.objects.count() == 1


def test_an_unknown_author_is_an_error_on_the_authors_column(importer_user, authors):
    rows = [[TITLE, "", "Cấp cơ sở", "15/11/2023", "HP-LC-AB", "Nguyễn Văn An; Lê Văn Cường"]]
    batch = create_batch(by=importer_user, kind="initiatives", upload=xlsx_upload(rows, headers=HEADERS))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Tác giả")]
    assert "Lê Văn Cường" in batch.errors[0]["message"]


def test_shares_over_one_hundred_are_an_error(importer_user, authors):
    rows = [[TITLE, "", "Cấp cơ sở", "15/11/2023", "HP-LC-AB", "Nguyễn Văn An (70%); Trần Thị Bình (40%)"]]
    batch = create_batch(by=importer_user, kind="initiatives", upload=xlsx_upload(rows, headers=HEADERS))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Tác giả")]


def test_one_bad_row_imports_nothing_and_names_row_and_field(importer_user, authors):
    rows = [
        [TITLE, "", "Cấp cơ sở", "15/11/2023", "HP-LC-AB", "Nguyễn Văn An"],
        ["Số hóa hồ sơ lưu trữ", "", "Cấp xã thôi", "", "HP-LC-AB", "Trần Thị Bình"],
    ]
    batch = create_batch(by=importer_user, kind="initiatives", upload=xlsx_upload(rows, headers=HEADERS))
    assert {(e["row"], e["column"]) for e in batch.errors} == {(3, "Phạm vi công nhận"), (3, "Ngày công nhận")}
    with pytest.raises(Exception):  # noqa: B017, PT011 - the framework refuses a batch with errors
        start_commit(batch, by=importer_user)
    assert not Initiative.objects.exists()


def test_authors_of_a_unit_outside_the_scope_cannot_be_named(importer_user, thuy_nguyen_person):
    rows = [[TITLE, "", "Cấp cơ sở", "15/11/2023", "HP-TN-MD", "Đặng Văn Đức"]]
    batch = create_batch(by=importer_user, kind="initiatives", upload=xlsx_upload(rows, headers=HEADERS))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Đơn vị")]
