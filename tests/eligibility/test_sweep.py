"""The set-based sweep (thidua/eligibility/sweep.py): small known scenes, one per condition kind and per candidate
rule, each checked against the semantics of notes/ISSUE4.md. The same tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.eligibility.sweep_scenes import CODE, give, initiative, make_rule, member, open_regime, rate, statuses
from tests.factories.catalog import LegalRegimeFactory
from tests.factories.movements import MovementFactory
from tests.factories.orgs import ClusterFactory, MembershipFactory, OrgUnitFactory, PersonFactory, SectorFactory
from tests.factories.records import DisciplineFactory
from thidua.eligibility.models import Principle, Rule
from thidua.eligibility.sweep import months_before, sweep
from thidua.movements.models import ScoreSheet, SheetMember
from thidua.orgs.models import PeriodKind
from thidua.records.models import Award

pytestmark = pytest.mark.django_db


@pytest.fixture
def regime(db):
    return open_regime()


# --- Candidates -------------------------------------------------------------------------------------------------


def test_sweep_judges_people_with_a_primary_membership_active_at_the_period_end(city, regime):
    make_rule(regime, {"procedure": "Hội đồng xét"})
    current = member(city["an_bien"])
    left = member(city["an_bien"], end_date=dt.date(2024, 6, 30))
    secondary = member(city["an_bien"], is_primary=False)
    late = member(city["an_bien"], start_date=dt.date(2025, 1, 1))
    found = statuses()
    assert (current.pk in found, left.pk in found, secondary.pk in found, late.pk in found) == (
        True,
        False,
        False,
        False,
    )


def test_sweep_takes_the_lowest_membership_id_for_the_candidate_unit(city, regime):
    make_rule(regime, {"procedure": "Hội đồng xét"})
    person = member(city["an_bien"])
    member(city["minh_duc"], person)
    rows = [row for row in sweep(year=2024) if row.person_id == person.pk]
    assert [(row.candidate_unit_id, row.period_kind) for row in rows] == [(city["an_bien"].pk, "calendar")]


def test_sweep_leaves_out_external_and_dissolved_units(city, regime):
    make_rule(regime, {"procedure": "Hội đồng xét"}, recipient="collective")
    external = OrgUnitFactory(parent=city["root"], is_external=True)
    dissolved = OrgUnitFactory(parent=city["root"], dissolved_on=dt.date(2024, 12, 31))
    dissolved_later = OrgUnitFactory(parent=city["root"], dissolved_on=dt.date(2025, 1, 1))
    found = statuses()
    assert (external.pk in found, dissolved.pk in found, dissolved_later.pk in found, city["root"].pk in found) == (
        False, False, True, True,
    )  # fmt: skip


def test_sweep_of_a_scope_judges_only_its_subtree(city, regime):
    make_rule(regime, {"procedure": "Hội đồng xét"})
    make_rule(regime, {"procedure": "Hội đồng xét"}, recipient="collective")
    inside = member(city["an_bien"])
    outside = member(city["minh_duc"])
    rows = sweep(year=2024, scope_unit=city["le_chan"])
    assert sorted((row.recipient_kind, row.person_id or row.unit_id) for row in rows) == sorted([
        ("individual", inside.pk), ("collective", city["le_chan"].pk), ("collective", city["an_bien"].pk),
    ])  # fmt: skip
    assert outside.pk not in {row.person_id for row in rows}


def test_sweep_runs_the_same_number_of_queries_for_one_person_and_for_many(city, regime):
    make_rule(regime, {"all": [{"rating": {"min": "htt", "years": 2}}, {"no_discipline": {"window": 1}}]})
    rate(member(city["an_bien"]), 2023, 2024)
    with CaptureQueriesContext(connection) as one:
        sweep(year=2024)
    for _ in range(5):
        rate(member(city["minh_duc"]), 2023, 2024)
    with CaptureQueriesContext(connection) as six:
        rows = sweep(year=2024)
    assert (len(six.captured_queries), len(rows)) == (len(one.captured_queries), 6)


# --- History conditions -----------------------------------------------------------------------------------------


def test_rating_needs_each_year_of_the_window(city, regime):
    make_rule(regime, {"rating": {"min": "htt", "years": 2}})
    both = member(city["an_bien"])
    rate(both, 2023, 2024)
    one_year_short = member(city["an_bien"])
    rate(one_year_short, 2022, 2024)
    too_low = member(city["an_bien"])
    rate(too_low, 2024)
    rate(too_low, 2023, level="ht")
    excellent = member(city["an_bien"])
    rate(excellent, 2023, 2024, level="htxs")
    found = statuses()
    assert [found[p.pk] for p in (both, one_year_short, too_low, excellent)] == [
        "eligible", "not_eligible", "not_eligible", "eligible",
    ]  # fmt: skip


def test_rating_count_needs_enough_years_at_the_level_in_the_window(city, regime):
    make_rule(regime, {"rating_count": {"min": "htxs", "count": 2, "window": 3}})
    twice = member(city["an_bien"])
    rate(twice, 2022, 2024, level="htxs")
    rate(twice, 2023)
    once = member(city["an_bien"])
    rate(once, 2024, level="htxs")
    rate(once, 2022, 2023)
    before_the_window = member(city["an_bien"])
    rate(before_the_window, 2021, 2024, level="htxs")
    found = statuses()
    assert [found[p.pk] for p in (twice, once, before_the_window)] == ["eligible", "not_eligible", "not_eligible"]


def test_title_counts_only_merit_awards_of_the_list_in_each_year(city, regime):
    make_rule(regime, {"title": {"awards": ["LDTT", "CSTDCS"], "years": 2}})
    mixed = member(city["an_bien"])
    give(mixed, "LDTT", 2023, regime=regime)
    give(mixed, "CSTDCS", 2024, regime=regime)
    ad_hoc = member(city["an_bien"])
    give(ad_hoc, "LDTT", 2024, regime=regime)
    give(ad_hoc, "LDTT", 2023, regime=regime, merit=False)
    found = statuses()
    assert (found[mixed.pk], found[ad_hoc.pk]) == ("eligible", "not_eligible")


def test_title_count_needs_min_distinct_years_in_the_window(city, regime):
    make_rule(regime, {"title_count": {"awards": ["CSTDCS"], "min": 3, "window": 5}})
    three = member(city["an_bien"])
    give(three, "CSTDCS", 2020, 2022, 2024, regime=regime)
    one_out_of_window = member(city["an_bien"])
    give(one_out_of_window, "CSTDCS", 2019, 2022, 2024, regime=regime)
    found = statuses()
    assert (found[three.pk], found[one_out_of_window.pk]) == ("eligible", "not_eligible")


def test_earlier_award_needs_the_latest_one_old_enough(city, regime):
    make_rule(regime, {"earlier_award": {"awards": ["BK_TINH"], "min_years_since": 5}})
    old = member(city["an_bien"])
    give(old, "BK_TINH", 2019, regime=regime)
    too_recent = member(city["an_bien"])
    give(too_recent, "BK_TINH", 2015, 2020, regime=regime)
    never = member(city["an_bien"])
    later = member(city["an_bien"])
    give(later, "BK_TINH", 2018, 2025, regime=regime)
    found = statuses()
    assert [found[p.pk] for p in (old, too_recent, never, later)] == [
        "eligible", "not_eligible", "not_eligible", "eligible",
    ]  # fmt: skip


def test_no_recent_award_is_blocked_by_any_award_of_the_list_in_the_window(city, regime):
    make_rule(regime, {"no_recent_award": {"awards": ["BK_TINH"], "window": 2}})
    recent = member(city["an_bien"])
    give(recent, "BK_TINH", 2023, regime=regime, merit=False)
    older = member(city["an_bien"])
    give(older, "BK_TINH", 2022, regime=regime)
    found = statuses()
    assert (found[recent.pk], found[older.pk]) == ("not_eligible", "eligible")


def test_initiatives_count_authored_unused_ones_at_the_level_or_above(city, regime):
    make_rule(regime, {"initiatives": {"min_level": "tinh", "min": 1, "window": 2}})
    province = member(city["an_bien"])
    initiative(province, year=2023, level="tinh")
    national = member(city["an_bien"])
    initiative(national, year=2024, level="toan_quoc")
    grassroots = member(city["an_bien"])
    initiative(grassroots, year=2024, level="co_so")
    used = member(city["an_bien"])
    give(used, "BK_TINH", 2023, regime=regime)
    initiative(used, year=2024, level="tinh", backed_award=Award.objects.get(person=used))
    too_old = member(city["an_bien"])
    initiative(too_old, year=2022, level="tinh")
    found = statuses()
    assert [found[p.pk] for p in (province, national, grassroots, used, too_old)] == [
        "eligible", "eligible", "not_eligible", "not_eligible", "not_eligible",
    ]  # fmt: skip


def test_initiatives_of_a_kind_list_count_only_those_kinds(city, regime):
    make_rule(regime, {"initiatives": {"min_level": "co_so", "min": 1, "window": 1, "kinds": ["research"]}})
    research = member(city["an_bien"])
    initiative(research, year=2024, kind="research")
    plain = member(city["an_bien"])
    initiative(plain, year=2024, kind="initiative")
    found = statuses()
    assert (found[research.pk], found[plain.pk]) == ("eligible", "not_eligible")


def test_no_discipline_is_blocked_by_an_overlapping_one_in_effect(city, regime):
    make_rule(regime, {"no_discipline": {"window": 1}})
    overlapping = member(city["an_bien"])
    DisciplineFactory(person=overlapping, start_date=dt.date(2023, 5, 1), end_date=dt.date(2024, 1, 1))
    ended = member(city["an_bien"])
    DisciplineFactory(person=ended, start_date=dt.date(2023, 5, 1), end_date=dt.date(2023, 12, 31))
    open_ended = member(city["an_bien"])
    DisciplineFactory(person=open_ended, start_date=dt.date(2020, 1, 1), end_date=None)
    cleared = member(city["an_bien"])
    DisciplineFactory(person=cleared, status="cleared", start_date=dt.date(2024, 3, 1))
    found = statuses()
    assert [found[p.pk] for p in (overlapping, ended, open_ended, cleared)] == [
        "not_eligible", "eligible", "not_eligible", "eligible",
    ]  # fmt: skip


def test_no_discipline_with_statuses_and_severity_blocks_only_those(city, regime):
    make_rule(regime, {"no_discipline": {"window": 1, "statuses": ["pending", "in_effect"]}})
    make_rule(regime, {"no_discipline": {"window": 1, "min_severity": "canh_cao"}}, code="SEVERE")
    pending = member(city["an_bien"])
    DisciplineFactory(person=pending, status="pending", kind="", severity=0, start_date=dt.date(2024, 9, 1),
                      end_date=None)  # fmt: skip
    reprimand = member(city["an_bien"])
    DisciplineFactory(person=reprimand, start_date=dt.date(2024, 3, 1))
    pending_rule, severe_rule = statuses(), statuses(code="SEVERE")
    assert [(pending_rule[p.pk], severe_rule[p.pk]) for p in (pending, reprimand)] == [
        ("not_eligible", "eligible"), ("not_eligible", "eligible"),
    ]  # fmt: skip


def test_service_counts_months_from_the_earliest_dated_membership(city, regime):
    make_rule(regime, {"service": {"min_months": 6}})
    exactly = member(city["an_bien"], start_date=dt.date(2024, 6, 30))
    a_day_short = member(city["an_bien"], start_date=dt.date(2024, 7, 1))
    moved = member(city["an_bien"], start_date=dt.date(2024, 10, 1))
    MembershipFactory(person=moved, unit=city["minh_duc"], start_date=dt.date(2019, 1, 1),
                      end_date=dt.date(2024, 9, 30), is_primary=False)  # fmt: skip
    undated = member(city["an_bien"], start_date=None)
    found = statuses()
    assert [found[p.pk] for p in (exactly, a_day_short, moved, undated)] == [
        "eligible", "not_eligible", "eligible", "not_eligible",
    ]  # fmt: skip


def test_months_before_clamps_to_the_end_of_the_month():
    assert [months_before(dt.date(2024, 8, 31), 6), months_before(dt.date(2024, 12, 31), 6),
            months_before(dt.date(2024, 12, 31), 60)] == [
        dt.date(2024, 2, 29), dt.date(2024, 6, 30), dt.date(2019, 12, 31),
    ]  # fmt: skip


def test_recipient_checks_every_key_given(city, regime):
    make_rule(regime, {"recipient": {"direct_worker": True, "position_categories": ["worker", "farmer"]}})
    worker = member(city["an_bien"], PersonFactory(is_direct_worker=True, position_category="worker"))
    not_direct = member(city["an_bien"], PersonFactory(is_direct_worker=False, position_category="worker"))
    officer = member(city["an_bien"], PersonFactory(is_direct_worker=True, position_category="civil_servant"))
    found = statuses()
    assert [found[p.pk] for p in (worker, not_direct, officer)] == ["eligible", "not_eligible", "not_eligible"]


def test_recipient_unit_kinds_hold_for_units_only(city, regime):
    make_rule(regime, {"recipient": {"unit_kinds": ["ward"]}}, recipient="collective")
    make_rule(regime, {"recipient": {"unit_kinds": ["ward"]}})
    person = member(city["an_bien"])
    units, people = statuses(code=CODE), {row.person_id: row.status for row in sweep(year=2024) if row.person_id}
    assert (units[city["an_bien"].pk], units[city["le_chan"].pk], people[person.pk]) == (
        "eligible", "not_eligible", "not_eligible",
    )  # fmt: skip


# --- Member conditions, cluster rank, cap -----------------------------------------------------------------------


def test_member_share_divides_holders_by_members(city, regime):
    make_rule(regime, {"member_share": {"awards": ["LDTT"], "min": 0.5}}, recipient="collective")
    make_rule(regime, {"member_share": {"awards": ["LDTT"], "min": 0.7}}, code="SEVENTY", recipient="collective")
    holder = member(city["an_bien"])
    give(holder, "LDTT", 2024, regime=regime)
    member(city["an_bien"])
    half, seventy = statuses(), statuses(code="SEVENTY")
    assert (half[city["an_bien"].pk], seventy[city["an_bien"].pk], half[city["le_chan"].pk]) == (
        "eligible", "not_eligible", "not_eligible",
    )  # fmt: skip


def test_member_share_by_rating_and_only_current_members(city, regime):
    make_rule(regime, {"member_share": {"rating_min": "htt", "min": 1.0}}, recipient="collective")
    rate(member(city["an_bien"]), 2024)
    rate(member(city["an_bien"]), 2024, level="htxs")
    member(city["an_bien"], end_date=dt.date(2024, 6, 1))  # left during the year: not a member
    rate(member(city["minh_duc"]), 2024, level="ht")
    found = statuses()
    assert (found[city["an_bien"].pk], found[city["minh_duc"].pk]) == ("eligible", "not_eligible")


def test_member_count_needs_min_members_with_the_award(city, regime):
    make_rule(regime, {"member_count": {"awards": ["CSTDCS"], "min": 2}}, recipient="collective")
    for unit, count in ((city["an_bien"], 2), (city["minh_duc"], 1)):
        for _ in range(count):
            give(member(unit), "CSTDCS", 2024, regime=regime)
    found = statuses()
    assert (found[city["an_bien"].pk], found[city["minh_duc"].pk]) == ("eligible", "not_eligible")


def test_no_member_discipline_is_blocked_by_one_member(city, regime):
    make_rule(regime, {"no_member_discipline": {"window": 1, "min_severity": "canh_cao"}}, recipient="collective")
    warned = member(city["an_bien"])
    DisciplineFactory(person=warned, kind="canh_cao", severity=2, start_date=dt.date(2024, 2, 1))
    reprimanded = member(city["minh_duc"])
    DisciplineFactory(person=reprimanded, kind="khien_trach", severity=1, start_date=dt.date(2024, 2, 1))
    found = statuses()
    assert (found[city["an_bien"].pk], found[city["minh_duc"].pk]) == ("not_eligible", "eligible")


def test_cluster_rank_reads_locked_sheets_of_the_year(city, regime):
    make_rule(regime, {"cluster_rank": {"max": 1}}, recipient="collective")
    cluster, movement = ClusterFactory(organiser=city["root"]), MovementFactory(issuer_unit=city["root"])
    locked = ScoreSheet.objects.create(cluster=cluster, year=2024, movement=movement, state="locked")
    SheetMember.objects.create(sheet=locked, unit=city["le_chan"], rank=1)
    SheetMember.objects.create(sheet=locked, unit=city["thuy_nguyen"], rank=2)
    draft = ScoreSheet.objects.create(cluster=cluster, year=2024, movement=MovementFactory(), state="published")
    SheetMember.objects.create(sheet=draft, unit=city["an_bien"], rank=1)
    found = statuses()
    assert [found[city[name].pk] for name in ("le_chan", "thuy_nguyen", "an_bien")] == [
        "eligible", "not_eligible", "not_eligible",
    ]  # fmt: skip


def test_cap_limits_the_award_to_a_share_of_the_holders(city, regime):
    make_rule(regime, {"cap": {"award": "CSTDCS", "of_awards": ["LDTT"], "max_share": 0.15}})
    people = [member(city["an_bien"]) for _ in range(7)]
    for person in people:
        give(person, "LDTT", 2024, regime=regime)
    give(people[0], "CSTDCS", 2024, regime=regime)  # 7 holders x 0.15 = 1.05: one already holds the only place
    small = member(city["minh_duc"])  # no holder at all: the limit is still one
    found = statuses()
    assert (found[people[0].pk], found[people[1].pk], found[small.pk]) == ("eligible", "not_eligible", "eligible")


def test_cap_rounds_the_share_down_exactly(city, regime):
    make_rule(regime, {"cap": {"award": "CSTDCS", "of_awards": ["LDTT"], "max_share": 0.29}})
    people = [member(city["an_bien"]) for _ in range(100)]
    for person in people:
        give(person, "LDTT", 2024, regime=regime)
    for person in people[:28]:
        give(person, "CSTDCS", 2024, regime=regime)
    found = statuses()
    # ⌊0.29 × 100⌋ = 29 (a float product would give 28.999… and 28): 28 others hold it, one more place is left.
    assert found[people[50].pk] == "eligible"


# --- Three-valued combination, principles, periods, regimes ----------------------------------------------------


def test_judgement_is_to_weigh_and_procedure_is_met(city, regime):
    make_rule(regime, {"all": [{"rating": {"min": "htt", "years": 1}}, {"judgement": "Tiêu biểu xuất sắc"},
                               {"procedure": "Hội đồng bỏ phiếu"}]})  # fmt: skip
    rated = member(city["an_bien"])
    rate(rated, 2024)
    unrated = member(city["an_bien"])
    found = statuses()
    assert (found[rated.pk], found[unrated.pk]) == ("to_weigh", "not_eligible")


def test_any_is_eligible_only_by_a_branch_of_history(city, regime):
    make_rule(regime, {"any": [{"title": {"awards": ["CSTDCS"], "years": 2}}, {"judgement": "Lập thành tích"}]})
    chain = member(city["an_bien"])
    give(chain, "CSTDCS", 2023, 2024, regime=regime)
    other = member(city["an_bien"])
    found = statuses()
    assert (found[chain.pk], found[other.pk]) == ("eligible", "to_weigh")


def test_principles_of_the_regime_are_anded_to_every_rule(city, regime):
    make_rule(regime, {"procedure": "Hội đồng xét"})
    Principle.objects.create(code="pending-blocks", regime=regime, text="Đang xem xét kỷ luật thì chưa khen",
                             expression={"no_discipline": {"window": 1, "statuses": ["pending"]}},
                             legal_source="NĐ 152/2025, Điều 4")  # fmt: skip
    Principle.objects.create(code="merit-chains", regime=regime, text="Khen đột xuất không tính", expression=None,
                             legal_source="NĐ 152/2025, Điều 4")  # fmt: skip
    clean = member(city["an_bien"])
    pending = member(city["an_bien"])
    DisciplineFactory(
        person=pending, status="pending", kind="", severity=0, start_date=dt.date(2024, 11, 1), end_date=None
    )
    found = statuses()
    assert (found[clean.pk], found[pending.pk]) == ("eligible", "not_eligible")


def test_teacher_is_judged_over_consecutive_school_years(city, regime):
    make_rule(regime, {"rating": {"min": "htt", "years": 2}})
    school = OrgUnitFactory(parent=city["an_bien"], sector=SectorFactory(code="education", period_kind="school"))
    teacher = member(school)
    rate(teacher, 2023, 2024, period_kind=PeriodKind.SCHOOL_YEAR)
    calendar_only = member(school)
    rate(calendar_only, 2023, 2024)
    rows = {row.person_id: row for row in sweep(year=2024) if row.person_id}
    assert [(rows[p.pk].period_kind, rows[p.pk].status) for p in (teacher, calendar_only)] == [
        ("school", "eligible"), ("school", "not_eligible"),
    ]  # fmt: skip


def test_teacher_who_left_in_june_is_still_a_candidate_of_the_school_year_that_ended_in_august(city, regime):
    make_rule(regime, {"procedure": "Hội đồng xét"})
    school = OrgUnitFactory(parent=city["an_bien"], sector=SectorFactory(code="education", period_kind="school"))
    stayed = member(school, end_date=dt.date(2024, 9, 1))
    left = member(school, end_date=dt.date(2024, 8, 30))
    found = statuses()
    assert (stayed.pk in found, left.pk in found) == (True, False)


def test_a_past_year_is_judged_by_the_rule_then_in_force(city):
    old = LegalRegimeFactory(code="nd91", valid_from=dt.date(2017, 10, 1), valid_to=dt.date(2023, 12, 31))
    new = LegalRegimeFactory(code="nd98", valid_from=dt.date(2024, 1, 1), valid_to=None)
    make_rule(old, {"rating": {"min": "htt", "years": 1}})
    make_rule(new, {"rating": {"min": "htt", "years": 2}})
    person = member(city["an_bien"])
    rate(person, 2023)
    rate(person, 2024, level="htxs")
    rows_2023 = sweep(year=2023)
    rows_2024 = sweep(year=2024)
    rows_2024_as_of_2023 = sweep(year=2024, as_of=dt.date(2023, 12, 31))
    assert [(r.rule_id, r.status) for r in (*rows_2023, *rows_2024, *rows_2024_as_of_2023)] == [
        (Rule.objects.get(regime=old).pk, "eligible"),
        (Rule.objects.get(regime=new).pk, "eligible"),
        (Rule.objects.get(regime=old).pk, "eligible"),
    ]  # fmt: skip


def test_sweep_of_an_award_code_judges_only_that_award(city, regime):
    make_rule(regime, {"procedure": "Hội đồng xét"})
    make_rule(regime, {"procedure": "Hội đồng xét"}, code="OTHER")
    member(city["an_bien"])
    assert {row.award_code for row in sweep(year=2024, award_codes=["OTHER"])} == {"OTHER"}


def test_sweep_without_a_rule_in_force_returns_nothing(city, regime):
    member(city["an_bien"])
    assert sweep(year=2016) == []
