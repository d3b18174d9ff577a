"""An exported people list (orgs' "Xuất Excel", headers "Ngày sinh (năm sinh)", "Đơn vị công tác" …) imported back
is recognised: its columns match the people kind through the columns' aliases, and its rows are the people already
there — shown as duplicates, nothing created."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.imports.base import get_importer
from thidua.imports.reading import read_file
from thidua.imports.services import create_batch
from thidua.orgs.models import Gender, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def an_bien_people(city):
    people = [
        PersonFactory(full_name="Nguyễn Thị Hoa", gender=Gender.FEMALE, birth_date=dt.date(1985, 4, 2)),
        PersonFactory(full_name="Trần Văn Bình", birth_year=1979),
        PersonFactory(full_name="Lê Văn Tám", birth_date=dt.date(1990, 12, 31)),
    ]
    for person in people:
        MembershipFactory(person=person, unit=city["an_bien"], position="Chuyên viên")
    return people


@pytest.fixture
def exported(client, importer_user, an_bien_people) -> SimpleUploadedFile:
    client.force_login(importer_user)
    response = client.get(reverse("orgs:person-list"), {"format": "xlsx"})
    return SimpleUploadedFile("danh-sach-ca-nhan.xlsx", b"".join(response.streaming_content))


def test_the_exports_headers_are_the_people_kinds_columns(exported):
    sheet = read_file(exported.read(), "xlsx", get_importer("people"))
    assert {column.key for column in sheet.columns.values()} >= {"full_name", "birth_date", "gender", "unit"}


def test_an_exported_list_imported_back_shows_every_row_as_a_duplicate(importer_user, exported):
    batch = create_batch(by=importer_user, kind="people", upload=exported)
    assert (batch.counts["rows"], batch.counts["errors"], batch.counts["create"], batch.counts["duplicates"]) == (
        3, 0, 0, 3), batch.errors  # fmt: skip


def test_an_exported_list_imported_back_creates_nobody(importer_user, exported):
    before = Person.objects.count()
    create_batch(by=importer_user, kind="people", upload=exported)
    assert Person.objects.count() == before
