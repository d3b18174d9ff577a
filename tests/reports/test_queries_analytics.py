"""The year and movement reports equal the figures counted by hand in tests/reports/analytics_scene.py."""

from __future__ import annotations

import pytest

from tests.conftest import user_with_role
from tests.reports import analytics_scene
from thidua.reports import queries


@pytest.fixture
def scene(city):
    return analytics_scene.build(city)


@pytest.fixture
def city_board(city):
    return user_with_role("board_officer", city["root"], username="ban.thanhpho")


@pytest.fixture
def le_chan_board(city):
    return user_with_role("board_officer", city["le_chan"], username="ban.lechan")


def test_the_reporting_window_runs_from_1_december_to_30_november():
    period = queries.Period(2024)

    assert (str(period.start), str(period.end)) == ("2023-12-01", "2024-11-30")


def test_the_calendar_option_runs_from_1_january_to_31_december():
    period = queries.Period(2024, queries.CALENDAR)

    assert (str(period.start), str(period.end)) == ("2024-01-01", "2024-12-31")


def test_the_year_counts_in_force_awards_in_scope_decided_in_the_window(scene, city_board):
    awards = queries.awards_in(city_board, queries.Period(2024))

    assert set(awards.values_list("pk", flat=True)) == {scene["awards"][n].pk for n in (1, 2, 3, 4, 5, 6)}


def test_the_calendar_year_moves_the_boundary_awards(scene, city_board):
    awards = queries.awards_in(city_board, queries.Period(2024, queries.CALENDAR))

    assert set(awards.values_list("pk", flat=True)) == {scene["awards"][n].pk for n in (2, 3, 4, 5, 6, 7)}


def test_awards_by_type_split_collectives_individuals_and_households(scene, city_board):
    report = queries.year_report(city_board, 2024)

    assert [(row["code"], row["collective"], row["individual"], row["household"], row["total"])
            for row in report["by_type"]] == [
        ("HCLD3", 0, 1, 0, 1), ("BK_TINH", 1, 1, 1, 3), ("LDTT", 0, 2, 0, 2),
    ]  # fmt: skip
    assert report["total"] == 6


def test_awards_by_level_list_every_level(scene, city_board):
    report = queries.year_report(city_board, 2024)

    assert [(row["level"], row["total"]) for row in report["by_level"]] == [
        ("state", 1), ("province", 3), ("grassroots", 2),
    ]  # fmt: skip


def test_awards_by_recipient_kind(scene, city_board):
    report = queries.year_report(city_board, 2024)

    assert {row["kind"]: row["count"] for row in report["by_recipient"]} == {
        "collective": 1, "individual": 4, "household": 1,
    }  # fmt: skip


def test_shares_are_counted_from_the_snapshots_of_the_individuals(scene, city_board):
    report = queries.year_report(city_board, 2024)

    assert {row["key"]: (row["numerator"], row["denominator"], row["percent"]) for row in report["shares"]} == {
        "direct_workers": (1, 4, 25.0), "women": (2, 4, 50.0), "ethnic_minorities": (1, 4, 25.0),
        "leaders": (2, 4, 50.0), "staff": (2, 4, 50.0),
    }  # fmt: skip


def test_awards_by_top_level_unit_of_the_city(scene, city, city_board):
    report = queries.year_report(city_board, 2024)

    assert [(row["name"], row["individual"], row["total"]) for row in report["by_unit"]] == [
        ("Quận Lê Chân", 3, 4), ("Huyện Thủy Nguyên", 1, 2),
    ]  # fmt: skip


def test_a_district_board_sees_its_wards_as_top_level_units(scene, le_chan_board):
    report = queries.year_report(le_chan_board, 2024)

    assert report["total"] == 4
    assert sorted((row["name"], row["total"]) for row in report["by_unit"]) == [
        ("Phường An Biên", 2), ("Quận Lê Chân", 2),
    ]  # fmt: skip


def test_money_counts_signed_lines_of_awards_in_force(scene, city_board):
    money = queries.year_report(city_board, 2024)["money"]

    assert (money["total"], money["items"]) == (7_020_000, 2)
    assert [(row["code"], row["amount"]) for row in money["by_type"]] == [("HCLD3", 4_680_000), ("BK_TINH", 2_340_000)]


def test_year_on_year_compares_each_award_type_with_the_previous_window(scene, city_board):
    report = queries.year_report(city_board, 2024)

    assert [(row["code"], row["current"], row["previous"], row["change"]) for row in report["year_on_year"]] == [
        ("HCLD3", 1, 0, 1), ("BK_TINH", 3, 1, 2), ("LDTT", 2, 2, 0),
    ]  # fmt: skip


def test_the_trend_counts_five_reporting_years(scene, city_board):
    report = queries.year_report(city_board, 2024)

    assert [(row["year"], row["total"]) for row in report["trend"]] == [
        (2020, 0), (2021, 0), (2022, 0), (2023, 3), (2024, 6),
    ]  # fmt: skip


def test_the_year_report_follows_the_movements_of_the_year(scene, city_board):
    report = queries.year_report(city_board, 2024)

    (item,) = report["compliance"]
    plan = item["obligations"][0]
    assert (item["title"], item["units"]) == ("Thi đua Mục tiêu kép", 2)
    assert (plan["kind"], plan["total"], plan["answered"], plan["on_time"], plan["missing"], plan["percent"]) == (
        "plan", 2, 1, 1, 1, 50.0,
    )  # fmt: skip


def test_the_movement_report_counts_the_awards_of_its_signed_decisions(scene, city_board):
    report = queries.movement_report(city_board, scene["movement"])

    assert report["total"] == 2
    assert {row["code"]: row["total"] for row in report["by_type"]} == {"BK_TINH": 1, "HCLD3": 1}
    assert report["money"]["total"] == 7_020_000
    assert report["compliance"]["units"] == 2


def test_the_year_report_runs_a_fixed_number_of_queries(scene, city_board, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        queries.year_report(city_board, 2024)
