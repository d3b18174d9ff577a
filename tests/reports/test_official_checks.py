"""The forms' own arithmetic, run on filled forms: it holds on consistent data and warns (never refuses) when the
data break it; the specs are loaded by `thidua load_catalog` and parsed checks reject malformed text."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import user_with_role
from tests.factories import reports as f
from thidua.catalog.loader import CatalogDataError, data_files, load_catalog
from thidua.reports.models import ReportFormSpec
from thidua.reports.official import FORMS_DIR, build_report, form_for_year
from thidua.reports.official_checks import parse_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    f.load_forms()
    return user_with_role("board_officer", city["root"], username="ban.tdkt")


def filled(code: str, board, city):
    return build_report(form_for_year(code, 2024), board, city["root"], 2024)


@pytest.mark.parametrize("code", ["0602", "0603"])
def test_every_check_of_the_award_forms_holds_on_the_scene(board, city, code):
    f.province_awards(city)
    f.state_awards(city)
    report = filled(code, board, city)
    assert report.failed_checks == []
    assert report.value("01", 0) > 0


def test_every_check_of_the_movement_form_holds(board, city):
    chair = f.authority("ct_ubnd_tinh", "province", city["root"])
    f.movement(city["root"], authority=chair)
    f.movement(city["le_chan"], kind="regular", end=dt.date(2026, 12, 31))
    report = filled("0601", board, city)
    assert (report.value("01", 0), report.failed_checks) == (2, [])


def test_an_individual_given_the_government_flag_breaks_the_column_sum_and_is_reported(board, city):
    f.award("CO_TD_CP", dt.date(2024, 8, 1), person=f.member_of(city["an_bien"]))
    report = filled("0602", board, city)
    failed = {(failure["check"], failure["where"]) for failure in report.failed_checks}
    assert ("K1 = K2 + K3 + K4 + K5 + K6 + K7 + K8 + K9", "01") in failed
    assert "không đúng ở dòng 01: 1 so với 0" in report.failed_checks[0]["message"]


def test_load_catalog_registers_the_form_files():
    assert set(FORMS_DIR.glob("*.yaml")) <= set(data_files())


def test_loading_the_forms_twice_changes_nothing(db):
    f.load_forms()
    report = load_catalog(sorted(FORMS_DIR.glob("*.yaml")))
    assert not report.changed
    assert set(ReportFormSpec.objects.values_list("code", flat=True)) == {
        "0601",
        "0602",
        "0603",
        "0701",
        "0702",
        "0703",
    }


@pytest.mark.parametrize("text", ["R01 R02", "R01 = K2", "01 = 02 + 03"])
def test_a_malformed_check_is_refused(text):
    with pytest.raises(CatalogDataError):
        parse_check(text)


def test_a_check_reads_rows_or_key_columns():
    check = parse_check("R07 <= R06")
    assert (check.axis, check.left, check.op, check.right) == ("R", "07", "<=", ("06",))
