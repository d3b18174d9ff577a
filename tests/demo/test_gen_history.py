"""``thidua gen_province --years``: years of history drawn the way the law of each year produces it."""

import io
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from thidua.catalog.models import CommendationKind
from thidua.demo.history import generate_history
from thidua.demo.province import generate_province
from thidua.eligibility.engine import period_bounds
from thidua.orgs.models import Membership, OrgUnit, PeriodKind
from thidua.records.enums import DisciplineStatus, RecognitionLevel
from thidua.records.models import Award, Discipline, Initiative, InitiativeAuthor, Rating

pytestmark = pytest.mark.django_db

SIZE = {"units": 80, "people": 1000, "years": 6, "last_year": 2024}  # 2019–2024: both sides of the 2024 change


@pytest.fixture(scope="module")
def province_loaded(catalog_loaded, django_db_blocker):
    """One generated province with six years of history for the whole module (rolled back after it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = generate_province(code="HIST", seed=5, progress=False, **SIZE)
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def province(province_loaded, db):
    return province_loaded


def units(code: str = "HIST"):
    return OrgUnit.objects.get(code=code).descendants(include_self=True)


def history_of(code: str) -> list[int]:
    """How many ratings, awards, initiatives, authors and disciplines the people and units of a province have."""
    people = Membership.objects.filter(unit__in=units(code)).values("person_id")
    subject = Q(person__in=people) | Q(unit__in=units(code))
    return [
        Rating.objects.filter(subject).count(),
        Award.objects.filter(subject).count(),
        Initiative.objects.filter(Q(unit__in=units(code)) | Q(authors__in=people)).distinct().count(),
        InitiativeAuthor.objects.filter(person__in=people).count(),
        Discipline.objects.filter(subject).count(),
    ]


def history_snapshot() -> tuple[list, list]:
    ratings = sorted(Rating.objects.filter(Q(person__memberships__unit__in=units()) | Q(unit__in=units()))
                     .distinct().values_list("person__full_name", "unit__code", "period_kind", "year", "level"),
                     key=str)  # fmt: skip
    awards = sorted(Award.objects.values_list("recipient_name", "award_code", "commendation_kind", "year",
                                              "decision_number", "decision_date"), key=str)  # fmt: skip
    return ratings, awards


def test_gen_history_reports_what_it_drew(province):
    history = province.history

    counts = [model.objects.count() for model in (Rating, Award, Initiative, Discipline)]

    assert [history.ratings, history.awards, history.initiatives, history.disciplines] == counts
    assert history.authors == InitiativeAuthor.objects.count()
    assert min(history.ratings, history.awards, history.initiatives, history.disciplines) > 0


def test_gen_history_same_seed_gives_the_same_history(province):
    first = history_snapshot()

    generate_province(code="HIST", seed=5, progress=False, replace=True, **SIZE)

    assert history_snapshot() == first


def test_gen_history_other_seed_gives_another_history(catalog):
    generate_province(code="HISA", seed=1, progress=False, units=40, people=300)
    generate_province(code="HISB", seed=1, progress=False, units=40, people=300)
    root_a, root_b = OrgUnit.objects.get(code="HISA"), OrgUnit.objects.get(code="HISB")

    generate_history(root_a, first_year=2020, last_year=2024, seed=1)
    generate_history(root_b, first_year=2020, last_year=2024, seed=2)

    def levels(root):
        return [level for _name, level in sorted(Rating.objects.filter(rated_unit__in=root.descendants(
            include_self=True)).values_list("person__full_name", "level"))]  # fmt: skip

    assert levels(root_a) != levels(root_b)


def test_gen_history_covers_the_requested_years(province):
    years = set(Rating.objects.values_list("year", flat=True).distinct())

    assert years == set(range(2019, 2025))


def test_gen_history_rates_teachers_by_school_year(province):
    ratings = Rating.objects.filter(person__isnull=False).select_related("rated_unit__sector")
    kinds = {(rating.rated_unit.sector.code if rating.rated_unit.sector else "", rating.period_kind)
             for rating in ratings}  # fmt: skip

    assert ("education", PeriodKind.SCHOOL_YEAR) in kinds
    assert {kind for sector, kind in kinds if sector == "education"} == {PeriodKind.SCHOOL_YEAR}
    assert {kind for sector, kind in kinds if sector != "education"} == {PeriodKind.CALENDAR_YEAR}


def test_gen_history_rates_neither_pupils_nor_the_root(province):
    rated = Rating.objects.filter(person__position_category__in=["student", "armed_forces", "foreigner"])

    assert (rated.count(), Rating.objects.filter(unit__code="HIST").count()) == (0, 0)


def test_gen_history_gives_ldtt_only_to_people_rated_good_or_better(province):
    ranks = {(r.person_id, r.period_kind, r.year): r.rank for r in Rating.objects.filter(person__isnull=False)}
    titles = Award.objects.filter(award_code="LDTT")

    assert titles.exists()
    assert all(ranks.get((award.person_id, award.period_kind, award.year), 0) >= 3 for award in titles)


def test_gen_history_awards_take_the_version_in_force_that_year(province):
    regimes = set(Award.objects.filter(award_code="LDTT", period_kind=PeriodKind.CALENDAR_YEAR)
                  .values_list("year", "award_type__regime__code").distinct())  # fmt: skip

    assert regimes == {(year, "nd91_2017") for year in range(2019, 2024)} | {(2024, "nd98_2023")}


def test_gen_history_only_regular_merit_awards_count_toward_merit(province):
    flags = set(Award.objects.values_list("award_code", "commendation_kind", "counts_toward_merit").distinct())

    assert ("GK", CommendationKind.MOVEMENT, False) in flags
    assert ("KNC", CommendationKind.MERIT, False) in flags  # Kỷ niệm chương never counts (its award type)
    assert all(merit == (kind == CommendationKind.MERIT and code != "KNC") for code, kind, merit in flags)


def test_gen_history_cstdcs_until_2023_rests_on_an_initiative_of_that_year(province):
    authored = set(InitiativeAuthor.objects.values_list("person_id", "initiative__year"))
    titles = Award.objects.filter(award_code="CSTDCS", year__lte=2023)

    assert titles.exists()
    assert all((award.person_id, award.year) in authored for award in titles)


def test_gen_history_cstdcs_until_2023_stays_within_15_percent_of_ldtt(province):
    units_of = {(r.person_id, r.year): r.rated_unit_id for r in Rating.objects.filter(person__isnull=False)}
    counts: dict[str, Counter] = defaultdict(Counter)
    for code, person, year in Award.objects.filter(award_code__in=["LDTT", "CSTDCS"], year__lte=2023).values_list(
        "award_code", "person_id", "year"
    ):
        counts[code][(units_of[(person, year)], year)] += 1

    assert counts["CSTDCS"]
    assert all(n <= max(1, int(0.15 * counts["LDTT"][key])) for key, n in counts["CSTDCS"].items())


def test_gen_history_no_title_while_discipline_is_in_effect(province):
    disciplines = Discipline.objects.filter(status=DisciplineStatus.IN_EFFECT)

    assert disciplines.exists()
    for item in disciplines:
        for award in Award.objects.filter(person=item.person_id, commendation_kind=CommendationKind.MERIT):
            first, last = period_bounds(award.period_kind, award.year)
            assert not (item.start_date <= last and (item.end_date is None or item.end_date >= first)), award


def test_gen_history_disciplined_people_are_rated_at_most_done(province):
    rated = {(r.person_id, r.year): r.rank for r in Rating.objects.filter(person__isnull=False)}
    disciplines = Discipline.objects.filter(status=DisciplineStatus.IN_EFFECT)

    assert all(rated[(item.person_id, item.year)] <= 2 for item in disciplines)


def test_gen_history_ttldtt_units_have_enough_members_with_ldtt(province):
    titles = Award.objects.filter(award_code="TTLDTT")
    holders = Counter(Award.objects.filter(award_code="LDTT").values_list("unit_name", "year"))

    assert titles.exists()
    for award in titles:
        members = Rating.objects.filter(rated_unit=award.unit_id, year=award.year).count()
        share = holders[(award.recipient_name, award.year)] / members
        assert share > 0.5 if award.year <= 2023 else share >= 0.7


def test_gen_history_snapshot_names_the_recipient_and_unit(province):
    award = Award.objects.filter(person__isnull=False, award_code="LDTT").select_related("person").first()
    rating = Rating.objects.get(person=award.person, period_kind=award.period_kind, year=award.year)

    assert (award.recipient_name, award.unit_name, award.birth_year, award.gender) == (
        award.person.full_name, rating.rated_unit.name, award.person.birth_year, award.person.gender)  # fmt: skip
    assert ("/QĐ-" in award.decision_number, award.decision_date > award.created_at.date().replace(year=2019)) == (
        True, True)  # fmt: skip
    assert award.authority_name.startswith(("Chủ tịch Ủy ban nhân dân", "Giám đốc"))


def test_gen_history_backed_initiatives_back_their_authors_awards(province):
    backed = Initiative.objects.filter(backed_award__isnull=False).select_related("backed_award")

    assert backed.exists()
    for initiative in backed:
        assert initiative.backed_award.person_id in set(initiative.authors.values_list("pk", flat=True))
        assert initiative.backed_award.award_code in ("CSTDCS", "CSTD_TINH", "BK_TINH")


def test_gen_history_cstd_tinh_follows_three_consecutive_cstdcs(province):
    titles = Award.objects.filter(award_code="CSTD_TINH")
    chains = set(Award.objects.filter(award_code="CSTDCS").values_list("person_id", "year"))

    assert all({(award.person_id, award.year - k) for k in range(3)} <= chains for award in titles)


def test_gen_history_draws_initiatives_at_three_levels(province):
    levels = set(Initiative.objects.values_list("level", flat=True))

    assert levels >= {RecognitionLevel.GRASSROOTS, RecognitionLevel.PROVINCE}


def test_gen_history_leaves_excluded_people_alone(catalog):
    generate_province(code="HISX", seed=3, progress=False, units=40, people=300)
    root = OrgUnit.objects.get(code="HISX")
    excluded = list(Membership.objects.filter(unit__in=root.descendants()).values_list("person_id", flat=True)[:20])

    generate_history(root, first_year=2021, last_year=2024, seed=3, exclude_people=excluded)

    assert Rating.objects.exists()
    assert not Rating.objects.filter(person__in=excluded).exists()
    assert not Award.objects.filter(person__in=excluded).exists()


def test_gen_province_command_years_option_prints_the_history(catalog):
    out = io.StringIO()

    call_command("gen_province", "--units", "40", "--people", "300", "--seed", "2", "--code", "HISC", "--years", "3",
                 "--no-progress", stdout=out)  # fmt: skip

    assert "Lịch sử 2022–2024: " in out.getvalue()
    assert set(Rating.objects.filter(rated_unit__in=units("HISC")).values_list("year", flat=True)) == {2022, 2023, 2024}


def test_gen_province_command_without_years_draws_no_history(catalog):
    call_command("gen_province", "--units", "40", "--people", "300", "--seed", "2", "--code", "HISC",
                 "--no-progress", stdout=io.StringIO())  # fmt: skip

    assert history_of("HISC") == [0] * 5


def test_gen_province_replace_removes_the_history(catalog):
    generate_province(code="HISR", seed=4, progress=False, units=40, people=300, years=3)
    before = [model.objects.count() for model in (Rating, Award, Initiative, InitiativeAuthor, Discipline)]
    drawn = history_of("HISR")

    generate_province(code="HISR", seed=4, progress=False, units=40, people=300, replace=True)

    assert min(drawn) > 0
    assert history_of("HISR") == [0] * 5
    assert [model.objects.count() for model in (Rating, Award, Initiative, InitiativeAuthor, Discipline)] == [
        count - removed for count, removed in zip(before, drawn, strict=True)]  # fmt: skip
