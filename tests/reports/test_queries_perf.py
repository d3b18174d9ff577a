"""The year report reads the awards in few passes (bench/report_bench.py: the scope filter of the awards costs as
much as the count on a province) and every figure of those passes equals a separate count of the same awards."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext

from tests.conftest import user_with_role
from tests.factories.accounts import UserFactory
from tests.reports import analytics_scene
from thidua.accounts.scoping import scoped
from thidua.decisions.enums import DecisionState
from thidua.decisions.models import DecisionItem
from thidua.orgs.models import Gender
from thidua.records.models import Award
from thidua.reports import queries


@pytest.fixture
def scene(city):
    return analytics_scene.build(city)


def _viewers(city) -> dict:
    return {
        "city": user_with_role("board_officer", city["root"], username="ban.thanhpho"),
        "district": user_with_role("board_officer", city["le_chan"], username="ban.lechan"),
        "everything": UserFactory(username="quantri", is_superuser=True),
    }


def _separate_counts(user, period: queries.Period) -> dict:
    """The figures counted one by one, each with its own query, as the report counted them before the tally."""
    awards = queries.awards_in(user, period)
    types = {row["award_code"]: (row["collective"], row["individual"], row["household"], row["total"])
             for row in awards.values("award_code").annotate(
                 collective=Count("pk", filter=Q(unit__isnull=False)),
                 individual=Count("pk", filter=Q(person__isnull=False)),
                 household=Count("pk", filter=Q(household__isnull=False)), total=Count("pk"))}  # fmt: skip
    people = awards.filter(person__isnull=False)
    leaders = Q(position_category__in=queries.LEADER_CATEGORIES)
    shares = people.aggregate(denominator=Count("pk"), direct=Count("pk", filter=Q(is_direct_worker=True)),
                              women=Count("pk", filter=Q(gender=Gender.FEMALE)),
                              minority=Count("pk", filter=Q(is_minority=True)), leaders=Count("pk", filter=leaders),
                              staff=Count("pk", filter=~leaders))  # fmt: skip
    items = DecisionItem.objects.filter(award__in=awards.values("pk"), decision__state=DecisionState.SIGNED,
                                        revokes__isnull=True)  # fmt: skip
    money = items.aggregate(items=Count("pk"), amount=Sum("amount"))
    in_force = scoped(Award, user).in_force()

    def count(p: queries.Period, code: str | None = None) -> int:
        chosen = in_force.filter(decision_date__gte=p.start, decision_date__lte=p.end)
        return (chosen.filter(award_code=code) if code else chosen).count()

    codes = set(in_force.values_list("award_code", flat=True))
    changes = {code: (count(period, code), count(period.previous, code)) for code in codes}
    years = [queries.Period(period.year - back, period.basis) for back in range(queries.TREND_YEARS - 1, -1, -1)]
    return {
        "by_type": types,
        "shares": {key: shares[key] for key in ("direct", "women", "minority", "leaders", "staff")},
        "denominator": shares["denominator"],
        "money": (money["items"], int(money["amount"] or 0)),
        "trend": [(p.year, count(p)) for p in years],
        "year_on_year": {code: pair for code, pair in changes.items() if any(pair)},
    }


@pytest.mark.parametrize("viewer", ["city", "district", "everything"])
@pytest.mark.parametrize("basis", [queries.WINDOW, queries.CALENDAR])
def test_every_figure_of_the_year_report_equals_a_separate_count(scene, city, viewer, basis):
    user = _viewers(city)[viewer]
    expected = _separate_counts(user, queries.Period(2024, basis))

    report = queries.year_report(user, 2024, basis)

    assert {row["code"]: (row["collective"], row["individual"], row["household"], row["total"])
            for row in report["by_type"]} == expected["by_type"]  # fmt: skip
    fields = {"direct_workers": "direct", "women": "women", "ethnic_minorities": "minority", "leaders": "leaders",
              "staff": "staff"}  # fmt: skip
    assert {fields[row["key"]]: row["numerator"] for row in report["shares"]} == expected["shares"]
    assert {row["denominator"] for row in report["shares"]} == {expected["denominator"]}
    assert (report["money"]["items"], report["money"]["total"]) == expected["money"]
    assert [(row["year"], row["total"]) for row in report["trend"]] == expected["trend"]
    assert {row["code"]: (row["current"], row["previous"]) for row in report["year_on_year"]} == expected[
        "year_on_year"
    ]
    assert sum(row["total"] for row in report["by_unit"]) == report["total"]


def test_the_year_report_reads_the_awards_in_two_passes(scene, city):
    user = _viewers(city)["city"]

    with CaptureQueriesContext(connection) as captured:
        queries.year_report(user, 2024)

    award_passes = [query for query in captured.captured_queries if 'FROM "records_award"' in query["sql"]]
    assert len(award_passes) == 2  # the tally of the year, the counts per year of the trend


def test_the_movement_report_reads_its_awards_in_one_pass(scene, city):
    user = _viewers(city)["city"]

    with CaptureQueriesContext(connection) as captured:
        report = queries.movement_report(user, scene["movement"])

    award_passes = [query for query in captured.captured_queries if 'FROM "records_award"' in query["sql"]]
    assert len(award_passes) == 1
    assert (report["total"], report["money"]["items"]) == (2, 2)
    # Whole đồng as int on every database (PostgreSQL sums a bigint as numeric), as the JSON and the XLSX expect.
    assert [
        type(value) for value in (report["money"]["total"], *(row["amount"] for row in report["money"]["by_type"]))
    ] == [int, int, int]
