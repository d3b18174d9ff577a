"""The demo's 2016–2021 history: candidates for 2021 who qualify and who just miss, at each level."""

import io
from collections import defaultdict

import pytest
from django.db import transaction

from thidua.audit.models import AuditEntry
from thidua.demo import history_seed
from thidua.demo.seed import STEPS, SeedContext
from thidua.eligibility.candidates import person_candidates, unit_members
from thidua.eligibility.engine import Status
from thidua.eligibility.evaluate import evaluate
from thidua.eligibility.sweep import sweep
from thidua.orgs.models import OrgUnit, PeriodKind, Person
from thidua.records.enums import DisciplineStatus
from thidua.records.models import Award, Discipline, Rating

pytestmark = pytest.mark.django_db

# What the board finds for 2021, by the scenario's story (thidua.demo.history_seed).
EXPECTED = {
    "Bằng khen thành phố: đủ điều kiện (2 năm CSTĐCS": ("BK_TINH", Status.ELIGIBLE),
    "Bằng khen thành phố: thiếu 1 sáng kiến": ("BK_TINH", Status.TO_WEIGH),
    "Bằng khen thành phố: không đủ điều kiện, đang bị xem xét": ("BK_TINH", Status.NOT_ELIGIBLE),
    "Bằng khen thành phố: đủ điều kiện nhờ 2 năm học": ("BK_TINH", Status.ELIGIBLE),
    "Chiến sĩ thi đua thành phố: đủ điều kiện": ("CSTD_TINH", Status.ELIGIBLE),
    "Chiến sĩ thi đua thành phố: thiếu 1 năm": ("CSTD_TINH", Status.NOT_ELIGIBLE),
    "Bằng khen Thủ tướng: đủ điều kiện": ("BK_TTG", Status.ELIGIBLE),
    "Bằng khen Thủ tướng: chưa đủ 5 năm": ("BK_TTG", Status.NOT_ELIGIBLE),
    "Bằng khen Thủ tướng: không đủ điều kiện, bị khiển trách": ("BK_TTG", Status.NOT_ELIGIBLE),
    "Huân chương Lao động hạng Ba: đủ điều kiện": ("HCLD3", Status.ELIGIBLE),
    "Tập thể lao động xuất sắc: đủ điều kiện": ("TTLDXS", Status.TO_WEIGH),  # "nội bộ đoàn kết" is weighed
    "Tập thể lao động tiên tiến: không đủ điều kiện": ("TTLDTT", Status.NOT_ELIGIBLE),
    "Tập thể lao động xuất sắc: không đủ điều kiện": ("TTLDXS", Status.NOT_ELIGIBLE),
}
STEP_NAMES = ("units", "authorities", "people", "history_2016_2021")


@pytest.fixture(scope="module")
def history_loaded(catalog_loaded, django_db_blocker):
    """The demo's units, authorities and people with their history (not the movement: not needed here)."""
    with django_db_blocker.unblock(), transaction.atomic():
        context = SeedContext(io.StringIO())
        for step in STEPS:
            if step.name in STEP_NAMES:
                step.run(context)
        yield context
        transaction.set_rollback(True)


@pytest.fixture
def context(history_loaded, db):
    return history_loaded


@pytest.fixture
def cast(context) -> dict[str, object]:
    _scripts, _units, cast = history_seed.scenario_scripts(context)
    return {story: subjects[0] for story, subjects in cast.items()}


def subject_of(cast: dict, prefix: str):
    (subject,) = [subject for story, subject in cast.items() if story.startswith(prefix)]
    return subject


def test_seed_history_step_comes_after_the_movement_steps():
    names = [step.name for step in STEPS]

    assert names[-3:] == ["history_2016_2021", "dossiers_muc_tieu_kep", "decisions_muc_tieu_kep"]
    assert names.index("cluster_scoring_2021") < names.index("history_2016_2021")


def test_seed_history_is_done_once_it_ran(context):
    assert history_seed.history_done()


def test_seed_history_covers_2016_to_2021(context):
    assert set(Rating.objects.values_list("year", flat=True).distinct()) == set(range(2016, 2022))


def test_seed_history_rates_teachers_by_school_year(context):
    kinds = set(Rating.objects.filter(rated_unit__sector__code="education").values_list("period_kind", flat=True))

    assert kinds == {PeriodKind.SCHOOL_YEAR}


def test_seed_history_leaves_the_2021_city_and_state_awards_to_the_board(context):
    decided = set(Award.objects.filter(year=2021).values_list("award_code", flat=True))

    assert {"LDTT", "CSTDCS", "TTLDTT"} <= decided
    assert not decided & {"CSTD_TINH", "TTLDXS", "BK_TTG", "HCLD3"}
    assert not Award.objects.filter(year=2021, award_code="BK_TINH", counts_toward_merit=True).exists()


def test_seed_history_casts_every_scenario(cast):
    assert sorted(cast) == sorted([s.story for s in history_seed.SCENARIOS]
                                  + [s.story for s in history_seed.UNIT_SCENARIOS])  # fmt: skip
    assert len({subject.pk for subject in cast.values() if isinstance(subject, Person)}) == 10


def test_seed_history_nguyen_thi_hoa_qualifies_for_the_city_certificate(cast):
    hoa = subject_of(cast, "Bằng khen thành phố: đủ điều kiện (2 năm CSTĐCS")

    verdict = evaluate(hoa, "BK_TINH", year=2021)

    assert (hoa.full_name, verdict.status) == ("Nguyễn Thị Hoa", Status.ELIGIBLE)
    assert "Chiến sĩ thi đua cơ sở" in verdict.explanation()


@pytest.mark.parametrize("prefix", list(EXPECTED))
def test_seed_history_scenario_gets_its_verdict(cast, prefix):
    award, status = EXPECTED[prefix]

    verdict = evaluate(subject_of(cast, prefix), award, year=2021)

    assert verdict.status == status


def test_seed_history_sweep_agrees_with_the_scenarios(cast):
    rows = sweep(
        year=2021, scope_unit=OrgUnit.objects.get(code="HP"), award_codes=sorted({a for a, _s in EXPECTED.values()})
    )
    status = {(row.award_code, row.person_id or row.unit_id, row.person_id is None): row.status for row in rows}

    for prefix, (award, expected) in EXPECTED.items():
        subject = subject_of(cast, prefix)
        assert status[(award, subject.pk, not isinstance(subject, Person))] == expected, prefix


def test_seed_history_city_has_candidates_either_side_of_each_line(context):
    rows = sweep(year=2021, scope_unit=OrgUnit.objects.get(code="HP"))
    statuses = defaultdict(set)
    for row in rows:
        statuses[row.award_code].add(row.status)

    for award in ("BK_TINH", "CSTD_TINH", "BK_TTG", "CSTDCS"):
        assert {Status.ELIGIBLE, Status.NOT_ELIGIBLE} <= statuses[award], award
    for award in ("LDTT", "TTLDTT", "TTLDXS", "HCLD3"):  # judgement conditions: weighed at best
        assert {Status.TO_WEIGH, Status.NOT_ELIGIBLE} <= statuses[award], award


def test_seed_history_leaves_the_2021_titles_of_the_year_end_units_undecided(context):
    scripts, _units, _cast = history_seed.scenario_scripts(context)

    for code in history_seed.YEAR_END_PENDING:
        root = OrgUnit.objects.get(code=code)
        people = person_candidates(2021, root).values("person_id")
        titles = Award.objects.filter(year=2021, award_code__in=["LDTT", "CSTDCS"], person__in=people)
        assert not titles.exclude(person__in=list(scripts)).exists(), code
        assert not Award.objects.filter(year=2021, award_code="TTLDTT", unit__in=root.descendants(include_self=True)
                                        ).exists(), code  # fmt: skip
        assert Rating.objects.filter(year=2021, person__in=people, rank__gte=3).exists(), code  # to be judged


def test_seed_history_keeps_the_2021_titles_of_the_rest_of_the_city(context):
    pending = [OrgUnit.objects.get(code=code) for code in history_seed.YEAR_END_PENDING]
    an_bien = OrgUnit.objects.get(code="HP-LC-AB")
    members = unit_members(an_bien, 2021)

    assert not any(an_bien.path.startswith(unit.path) for unit in pending)
    assert Award.objects.filter(year=2021, award_code="LDTT", person__in=members).count() == members.count() > 0
    assert Award.objects.filter(year=2021, award_code="TTLDTT", unit=an_bien).exists()


def test_seed_history_gives_chien_si_thi_dua_co_so_only_with_lao_dong_tien_tien(context):
    fighters = set(Award.objects.filter(award_code="CSTDCS").values_list("person_id", "period_kind", "year"))
    workers = set(Award.objects.filter(award_code="LDTT").values_list("person_id", "period_kind", "year"))

    assert fighters
    assert fighters <= workers


def test_seed_history_has_pending_and_in_effect_discipline(context):
    statuses = set(Discipline.objects.values_list("status", flat=True))

    assert {DisciplineStatus.PENDING, DisciplineStatus.IN_EFFECT} <= statuses


def test_seed_history_records_one_audit_action(context):
    entries = AuditEntry.objects.filter(code="records.history.demo_seeded")

    assert entries.count() == 1
    assert entries.get().additional_data["years"] == [2016, 2021]
