"""Biểu 0601–0603 filled from a small hand-counted scene of Hải Phòng (tests/conftest.py ``city``), for the
reporting year 2024: the window runs from 01/12/2023 to 30/11/2024 by decision date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import user_with_role
from tests.factories import reports as f
from thidua.records.reporting import reporting_window
from thidua.reports.models import ReportFormSpec
from thidua.reports.official import build_report, duration_bucket, form_for_year, forms_for_year

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def board(city):
    f.load_forms()
    return user_with_role("board_officer", city["root"], username="ban.tdkt")


@pytest.fixture
def province_awards(city):
    f.province_awards(city)


@pytest.fixture
def state_awards(city):
    f.state_awards(city)


def column(report, *header) -> int:
    """The index of the leaf column whose header path ends with ``header``."""
    paths = [entry["header"] for entry in report.as_dict()["columns"]]
    matches = [index for index, path in enumerate(paths) if tuple(path[-len(header) :]) == header]
    assert len(matches) == 1, (header, paths)
    return matches[0]


def figures(report, index: int) -> dict[str, int]:
    return {row.code: row.values[index] for row in report.rows if row.code and row.values[index]}


def report_of(code: str, board, city):
    return build_report(form_for_year(code, YEAR), board, city["root"], YEAR)


def test_the_window_runs_from_the_first_of_december_to_the_thirtieth_of_november():
    assert reporting_window(2024) == (dt.date(2023, 12, 1), dt.date(2024, 11, 30))


def test_the_2023_circular_is_in_force_for_2023_but_not_for_2022(board):
    assert form_for_year("0602", 2023).regime == "tt02_2023"
    assert form_for_year("0602", 2022) is None


def test_a_successor_circulars_version_takes_over_from_its_first_full_window(board):
    old = form_for_year("0602", 2026)
    ReportFormSpec.objects.create(code="0602", regime="tt18_2025", number="0602.N/BNV-TĐKT", title=old.title,
                                  legal_source="Thông tư 18/2025/TT-BNV", source=old.source, spec=old.spec,
                                  valid_from=dt.date(2026, 1, 1), sort_order=old.sort_order)  # fmt: skip
    assert form_for_year("0602", 2025).regime == "tt02_2023"
    assert form_for_year("0602", 2026).regime == "tt18_2025"
    assert [form.regime for form in forms_for_year(2026)] == ["tt02_2023", "tt18_2025", "tt02_2023"]


def test_0603_total_column_counts_the_province_awards_of_the_window_by_row(board, city, province_awards):
    report = report_of("0603", board, city)
    assert figures(report, column(report, "Tổng số")) == {
        "01": 7, "02": 3, "03": 1, "04": 1, "05": 3, "07": 1, "10": 2,
        "11": 2, "12": 2, "13": 1, "15": 1, "16": 1,
    }  # fmt: skip


def test_0603_columns_split_by_award(board, city, province_awards):
    report = report_of("0603", board, city)
    totals = {
        label: report.value("01", column(report, label)) for label in ("Bằng khen", "Chiến sĩ thi đua cấp bộ, cấp tỉnh")
    }
    assert totals == {"Bằng khen": 4, "Chiến sĩ thi đua cấp bộ, cấp tỉnh": 1}
    assert report.value("03", column(report, "Bằng khen")) == 1


def test_0603_lists_province_titles_without_a_column_apart(board, city, province_awards):
    report = report_of("0603", board, city)
    assert report.excluded == [{"award_code": "TTLDXS", "name": "TTLĐXS", "count": 1}]


def test_0602_counts_state_awards_with_one_pair_of_columns_per_order(board, city, state_awards):
    report = report_of("0602", board, city)
    assert figures(report, column(report, "Tổng số")) == {
        "01": 5, "03": 5, "06": 2, "09": 3, "10": 1, "12": 1, "13": 1, "15": 4, "18": 1,
    }  # fmt: skip
    assert report.value("01", column(report, "HCLĐ hạng Ba", "Tập thể")) == 1
    assert report.value("13", column(report, "HCLĐ hạng Ba", "Cá nhân")) == 1
    assert report.value("06", column(report, "Cờ thi đua của Chính phủ", "Tập thể")) == 1
    assert report.value("10", column(report, "AHLĐ", "Cá nhân")) == 1


def test_0601_counts_movements_launched_in_the_window(board, city):
    root, le_chan = city["root"], city["le_chan"]
    central = f.central_body()
    national = f.movement(central, authority=f.authority("thu_tuong", "state", central), kind="regular")
    f.answered_by(national, root)
    chair = f.authority("ct_ubnd_tinh", "province", root)
    f.movement(root, authority=chair, start=dt.date(2024, 3, 1), end=dt.date(2026, 2, 28),
               document_date=dt.date(2024, 11, 30))  # fmt: skip
    f.movement(le_chan, document_date=None, launched_at=dt.datetime(2023, 12, 1, 8, 0, tzinfo=dt.UTC),
               end=dt.date(2024, 6, 30))  # fmt: skip
    clustered = f.movement(root, authority=chair, kind="regular", end=dt.date(2028, 12, 31))
    f.run_by_cluster(clustered, root)
    f.movement(root, authority=chair, state="draft")
    f.movement(root, authority=chair, document_date=dt.date(2024, 12, 1))
    report = report_of("0601", board, city)
    assert [report.value("01", index) for index in range(4)] == [4, 1, 2, 1]
    assert figures(report, 0) == {"01": 4, "02": 1, "03": 1, "04": 1, "05": 1, "06": 1, "07": 1, "08": 1, "10": 1,
                                  "11": 2, "12": 2}  # fmt: skip


@pytest.mark.parametrize(("start", "end", "bucket"), [
    (dt.date(2024, 1, 1), dt.date(2024, 12, 30), "lt1"),
    (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "y1"),
    (dt.date(2023, 12, 1), dt.date(2024, 11, 30), "y1"),
    (dt.date(2024, 1, 1), dt.date(2025, 1, 1), "y1_3"),
    (dt.date(2024, 1, 1), dt.date(2027, 12, 31), "y3_5"),
    (dt.date(2024, 1, 1), dt.date(2028, 12, 31), "ge5"),
])  # fmt: skip
def test_movement_length_buckets_follow_the_form(start, end, bucket):
    assert duration_bucket(start, end) == bucket


def test_years_before_the_2023_circular_use_the_2018_forms(board):
    assert [form.number for form in forms_for_year(2021)] == ["0701.N/BNV-TĐKT", "0702.N/BNV-TĐKT", "0703.N/BNV-TĐKT"]
    assert [form.code for form in forms_for_year(2023)] == ["0601", "0602", "0603"]


def test_the_2018_movement_form_counts_only_central_and_provincial_movements(board, city):
    chair = f.authority("ct_ubnd_tinh", "province", city["root"])
    f.movement(city["root"], authority=chair, document_date=dt.date(2021, 3, 1), start=dt.date(2021, 1, 1),
               end=dt.date(2025, 12, 31))  # fmt: skip
    f.movement(city["le_chan"], document_date=dt.date(2021, 3, 1))
    report = build_report(form_for_year("0701", 2021), board, city["root"], 2021)
    assert figures(report, 0) == {"01": 1, "03": 1, "09": 1, "10": 1}
    assert report.failed_checks == []


def test_the_2018_award_forms_count_like_their_successors(board, city):
    f.award("BK_TINH", dt.date(2021, 5, 5), unit=city["le_chan"], person=None)
    report = build_report(form_for_year("0703", 2021), board, city["root"], 2021)
    assert (report.value("02", 0), report.value("02", column(report, "Bằng khen"))) == (1, 1)


def test_the_2018_movement_form_counts_a_clusters_movement_by_its_launching_level(board, city):
    chair = f.authority("ct_ubnd_tinh", "province", city["root"])
    f.run_by_cluster(f.movement(city["root"], authority=chair, document_date=dt.date(2021, 3, 1)), city["root"])
    report = build_report(form_for_year("0701", 2021), board, city["root"], 2021)
    assert (report.value("03", 0), report.failed_checks) == (1, [])
