"""The two evaluators agree: on a generated province with ten years of history, the set-based sweep and the
one-subject evaluation give the same status for every candidate and every rule in force (ISSUE4 acceptance).

Sized by ``THIDUA_AGREEMENT_PEOPLE`` (default: 5,000 people on PostgreSQL, 1,000 on SQLite) so that each CI leg stays
well inside its time limit: the evaluator reads each subject's history once for all its rules (``evaluate_all``).
Every person and unit is compared for the last year of the history (NĐ 98/2023); for a year of the 2021 regime
(NĐ 91/2017, other rules: the 50 % share, the CSTĐCS cap) every unit and an evenly spread sample of at most
``SAMPLE`` people.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from django.db import connection, transaction

from thidua.catalog.loader import load_catalog
from thidua.demo.province import LAST_HISTORY_YEAR, generate_province
from thidua.eligibility.evaluate import evaluate_all
from thidua.eligibility.sweep import sweep
from thidua.orgs.models import OrgUnit, Person

pytestmark = pytest.mark.django_db

CODE = "AGREE"
SAMPLE = 1000


def people_count() -> int:
    default = 5000 if connection.vendor == "postgresql" else 1000
    return int(os.environ.get("THIDUA_AGREEMENT_PEOPLE", default))


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    """The catalog, its rules and a province with ten years of history, made once for the module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_catalog()
        people = people_count()
        generate_province(code=CODE, units=max(30, people // 40), people=people, seed=4, years=10, progress=False)
        yield OrgUnit.objects.get(code=CODE)
        transaction.set_rollback(True)


def disagreements(root: OrgUnit, year: int, sample: int | None = None) -> tuple[list[str], Counter]:
    """Every (subject, award) whose two statuses differ, or that one evaluator judges and the other does not; with
    ``sample``, every unit but only that many people, evenly spread."""
    rows = sweep(year=year, scope_unit=root)
    swept: dict[tuple[str, int], dict[str, str]] = {}
    for row in rows:
        swept.setdefault((row.recipient_kind, row.person_id or row.unit_id), {})[row.award_code] = row.status
    if sample is not None:
        people = sorted(key for key in swept if key[0] == "individual")
        step = max(1, -(-len(people) // sample))
        kept = set(people[::step])
        swept = {key: value for key, value in swept.items() if key[0] == "collective" or key in kept}
    people = Person.objects.in_bulk([key[1] for key in swept if key[0] == "individual"])
    units = OrgUnit.objects.in_bulk([key[1] for key in swept if key[0] == "collective"])
    found = []
    for (recipient_kind, subject_id), by_sweep in sorted(swept.items()):
        subject = people[subject_id] if recipient_kind == "individual" else units[subject_id]
        verdicts = {verdict.award_code: verdict for verdict in evaluate_all(subject, year=year)}
        for code in sorted(set(by_sweep) | set(verdicts)):
            evaluated = verdicts[code].status if code in verdicts else None
            if by_sweep.get(code) != evaluated:
                why = verdicts[code].explanation() if code in verdicts else ""
                found.append(f"{year} {recipient_kind} {subject_id} {code}: sweep {by_sweep.get(code)}, "
                             f"evaluate {evaluated} — {why}")  # fmt: skip
    return found, Counter(row.status for row in rows)


def test_sweep_and_evaluate_agree_on_every_candidate_of_a_generated_province(province):
    found, statuses = disagreements(province, LAST_HISTORY_YEAR)
    assert found[:20] == []
    # Not vacuous: the province has candidates of each status.
    assert all(statuses[status] > 0 for status in ("eligible", "to_weigh", "not_eligible")), statuses


def test_sweep_and_evaluate_agree_under_the_2021_regime(province):
    found, statuses = disagreements(province, 2021, sample=SAMPLE)
    assert found[:20] == []
    assert all(statuses[status] > 0 for status in ("eligible", "to_weigh", "not_eligible")), statuses


# --- A small scene made of edge cases, with one rule per condition kind ---------------------------------------------

EDGE_RULES = {
    "E_RATING": {"rating": {"min": "htt", "years": 2}},
    "E_RATING_COUNT": {"rating_count": {"min": "htxs", "count": 1, "window": 3}},
    "E_TITLE": {"title": {"awards": ["XLDTT"], "years": 2}},
    "E_COUNT": {"title_count": {"awards": ["XLDTT", "XCSTDCS"], "min": 2, "window": 3}},
    "E_EARLIER": {"earlier_award": {"awards": ["XBK_TINH"], "min_years_since": 3}},
    "E_RECENT": {"no_recent_award": {"awards": ["XBK_TINH"], "window": 2}},
    "E_INIT": {"initiatives": {"min_level": "co_so", "min": 1, "window": 2}},
    "E_DISC": {"no_discipline": {"window": 2, "statuses": ["pending", "in_effect"]}},
    "E_SEVERE": {"no_discipline": {"window": 1, "min_severity": "canh_cao"}},
    "E_SERVICE": {"service": {"min_months": 30}},
    "E_WHO": {"recipient": {"direct_worker": True}},
    "E_KIND": {"recipient": {"unit_kinds": ["ward", "school"]}},
    "E_SHARE": {"member_share": {"awards": ["XLDTT"], "min": 0.5}},
    "E_RATED": {"member_share": {"rating_min": "htt", "min": 0.6}},
    "E_MEMBERS": {"member_count": {"awards": ["XLDTT"], "min": 2}},
    "E_MEMBER_DISC": {"no_member_discipline": {"window": 1, "min_severity": "khien_trach"}},
    "E_RANK": {"cluster_rank": {"max": 2}},
    "E_CAP": {"cap": {"award": "XCSTDCS", "of_awards": ["XLDTT"], "max_share": 0.34}},
    "E_MIXED": {"any": [{"all": [{"rating": {"min": "htxs", "years": 1}}, {"judgement": "Tiêu biểu"}]},
                        {"all": [{"title": {"awards": ["XLDTT"], "years": 1}}, {"procedure": "Bỏ phiếu"}]}]},
}  # fmt: skip


@pytest.fixture
def edge_scene(city):
    """Award codes of their own (X…): the catalog loaded by the province fixture keeps its own. A ward (calendar
    years) and a school (school years) under Lê Chân, with people on the edges: two primary
    memberships in units of different kinds, a membership ending just before or on the period's end, a member of
    two units, history of the other period kind, a pending investigation, a backed initiative."""
    import datetime as dt

    from tests.eligibility.sweep_scenes import give, initiative, make_rule, member, open_regime, rate
    from tests.factories.movements import MovementFactory
    from tests.factories.orgs import (
        ClusterFactory,
        MembershipFactory,
        OrgUnitFactory,
        PersonFactory,
        SectorFactory,
        UnitKindFactory,
    )
    from tests.factories.records import DisciplineFactory
    from thidua.movements.models import ScoreSheet, SheetMember
    from thidua.orgs.models import PeriodKind

    regime = open_regime()
    for code, expression in EDGE_RULES.items():
        make_rule(regime, expression, code=code)
        make_rule(regime, expression, code=code, recipient="collective")
    school = OrgUnitFactory(parent=city["an_bien"], kind=UnitKindFactory(code="school", name="Trường học", level=4),
                            sector=SectorFactory(code="education", period_kind="school"))  # fmt: skip
    ward = city["an_bien"]
    school_kind = PeriodKind.SCHOOL_YEAR
    a = member(ward, PersonFactory(is_direct_worker=True), start_date=dt.date(2022, 6, 30))
    rate(a, 2023, 2024)
    give(a, "XLDTT", 2023, 2024, regime=regime)
    give(a, "XCSTDCS", 2024, regime=regime)
    give(a, "XBK_TINH", 2021, regime=regime)
    b = member(ward)
    member(school, b)  # a second primary membership, of a higher id: the ward stays b's candidate unit
    rate(b, 2024, level="htxs")
    rate(b, 2023, period_kind=school_kind)
    give(b, "XLDTT", 2024, regime=regime, merit=False)
    give(b, "XBK_TINH", 2023, regime=regime)
    DisciplineFactory(person=b, status="pending", kind="", severity=0, start_date=dt.date(2023, 1, 5), end_date=None)
    teacher = member(school, start_date=dt.date(2019, 9, 1))
    rate(teacher, 2023, 2024, period_kind=school_kind)
    give(teacher, "XLDTT", 2023, 2024, regime=regime, period_kind=school_kind)
    give(teacher, "XCSTDCS", 2022, regime=regime, period_kind=school_kind)
    DisciplineFactory(person=teacher, kind="canh_cao", severity=2, start_date=dt.date(2024, 9, 1), end_date=None)
    initiative(teacher, year=2023)
    used = initiative(a, year=2024)
    used.backed_award = a.awards.filter(award_code="XCSTDCS").get()
    used.save()
    leaving = member(school, end_date=dt.date(2024, 8, 31))  # still a member at the school year's end
    rate(leaving, 2024, period_kind=school_kind)
    give(leaving, "XLDTT", 2024, regime=regime, period_kind=school_kind)
    give(leaving, "XCSTDCS", 2024, regime=regime, period_kind=school_kind)
    member(ward, end_date=dt.date(2024, 12, 30))  # gone a day before the calendar year ends
    MembershipFactory(person=PersonFactory(), unit=ward, is_primary=False)
    c = member(city["minh_duc"], start_date=None)
    DisciplineFactory(person=c, kind="khien_trach", severity=1, start_date=dt.date(2024, 2, 1))
    give(city["an_bien"], "XBK_TINH", 2020, regime=regime)
    cluster = ClusterFactory(organiser=city["root"])
    sheet = ScoreSheet.objects.create(cluster=cluster, year=2024, movement=MovementFactory(), state="locked")
    SheetMember.objects.create(sheet=sheet, unit=ward, rank=2)
    SheetMember.objects.create(sheet=sheet, unit=city["minh_duc"], rank=3)
    return city


def test_sweep_and_evaluate_agree_on_a_scene_of_edge_cases(edge_scene):
    found = []
    for year in (2023, 2024):
        errors, _statuses = disagreements(edge_scene["root"], year)
        found += errors
    assert found == []
