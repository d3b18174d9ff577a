"""Scenes for the eligibility tests: the seeded catalog and rules, a city with units, a school rated by school years,
people with memberships, and small helpers that write the history as the law's examples need it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory
from tests.factories.records import AwardFactory, DisciplineFactory, RatingFactory
from thidua.catalog.loader import load_catalog
from thidua.catalog.models import AwardType, CommendationKind
from thidua.eligibility.engine import Verdict, period_bounds
from thidua.eligibility.evaluate import evaluate
from thidua.eligibility.models import Rule
from thidua.orgs.models import Membership, OrgUnit, PeriodKind, Person, Sector, UnitKind
from thidua.records.enums import DISCIPLINE_SEVERITY, RATING_RANK, DisciplineStatus
from thidua.records.models import Award, Discipline, Initiative, InitiativeAuthor, Rating

SCHOOL = PeriodKind.SCHOOL_YEAR
CALENDAR = PeriodKind.CALENDAR_YEAR


@pytest.fixture(scope="module")
def loaded_catalog(django_db_setup, django_db_blocker):
    """The catalog and the rules loaded once per test module, inside a transaction rolled back when it ends.

    Each test's own transaction nests inside it as a savepoint: a test sees the seeded rules, may change them, and
    leaves them as it found them.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_catalog()
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def catalog(loaded_catalog, db):
    return loaded_catalog


@pytest.fixture
def scene(catalog) -> dict:
    """Thành phố Hải Phòng: Sở Nội vụ (calendar years), Sở Giáo dục và Đào tạo with Trường THPT Ngô Quyền (school
    years), Phường An Biên; an officer of Sở Nội vụ and a teacher of the school, both working since 2015."""
    general, education = Sector.objects.get(code="general"), Sector.objects.get(code="education")
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    root = OrgUnitFactory(code="HP", name="Thành phố Hải Phòng", kind=kinds["city"])
    so_nv = OrgUnitFactory(code="HP-SNV", name="Sở Nội vụ", kind=kinds["department"], sector=general, parent=root)
    so_gd = OrgUnitFactory(
        code="HP-SGD", name="Sở Giáo dục và Đào tạo", kind=kinds["department"], sector=general, parent=root
    )
    school = OrgUnitFactory(
        code="HP-SGD-NQ", name="Trường THPT Ngô Quyền", kind=kinds["school"], sector=education, parent=so_gd
    )
    ward = OrgUnitFactory(code="HP-AB", name="Phường An Biên", kind=kinds["ward"], sector=general, parent=root)
    return {
        "root": root,
        "so_nv": so_nv,
        "so_gd": so_gd,
        "school": school,
        "ward": ward,
        "officer": member(so_nv, "Nguyễn Thị Hoa"),
        "teacher": member(school, "Trần Văn Minh"),
    }


# --- History helpers -------------------------------------------------------------------------------------------


def member(unit: OrgUnit, name: str | None = None, *, start: dt.date | None = dt.date(2015, 1, 1),
           end: dt.date | None = None, **person_fields) -> Person:  # fmt: skip
    """A new person with a primary membership of ``unit`` from ``start``."""
    person = PersonFactory(**({"full_name": name} if name else {}), **person_fields)
    MembershipFactory(person=person, unit=unit, start_date=start, end_date=end)
    return person


def kind_of(subject: Person | OrgUnit) -> str:
    """The subject's period kind: a unit's sector, a person's first primary unit."""
    if isinstance(subject, OrgUnit):
        return subject.period_kind()
    membership = Membership.objects.filter(person=subject, is_primary=True).order_by("pk").first()
    return membership.unit.period_kind() if membership else CALENDAR


def _subject_fields(subject: Person | OrgUnit) -> dict:
    return {"unit": subject, "person": None} if isinstance(subject, OrgUnit) else {"person": subject}


def rate(subject: Person | OrgUnit, *years: int, level: str = "htt", kind: str | None = None) -> list[Rating]:
    """Ratings of ``level`` for each year, in the subject's period kind unless ``kind`` says otherwise."""
    kind = kind or kind_of(subject)
    return [
        RatingFactory(**_subject_fields(subject), year=year, level=level, rank=RATING_RANK[level], period_kind=kind)
        for year in years
    ]


def give(subject: Person | OrgUnit, code: str, *years: int, kind: str | None = None, merit: bool = True,
         commendation_kind: str = CommendationKind.MERIT) -> list[Award]:  # fmt: skip
    """Awards of the seeded award type ``code`` (the version of the regime of each year) to a person or a unit."""
    kind = kind or kind_of(subject)
    awards = []
    for year in years:
        end = period_bounds(kind, year)[1]
        versions = AwardType.objects.filter(code=code).order_by("valid_from")
        award_type = versions.filter(valid_from__lte=end).last() or versions.first()
        awards.append(
            AwardFactory(
                **_subject_fields(subject),
                award_type=award_type,
                year=year,
                period_kind=kind,
                counts_toward_merit=merit,
                commendation_kind=commendation_kind,
            )
        )
    return awards


def initiative(person: Person, year: int, *, level: str = "co_so", kind: str = "initiative",
               backed_award: Award | None = None, title: str | None = None) -> Initiative:  # fmt: skip
    """An initiative of ``person`` recognised on 15/11 of ``year``."""
    found = Initiative.objects.create(
        title=title or f"Sáng kiến số {Initiative.objects.count() + 1}", kind=kind, level=level, year=year,
        recognised_on=dt.date(year, 11, 15), backed_award=backed_award,
    )  # fmt: skip
    InitiativeAuthor.objects.create(initiative=found, person=person)
    return found


def discipline(subject: Person | OrgUnit, start: dt.date, end: dt.date | None = None, *, kind: str = "khien_trach",
               status: str = DisciplineStatus.IN_EFFECT) -> Discipline:  # fmt: skip
    """A discipline (or, with ``status="pending"``, an investigation) from ``start`` to ``end``."""
    pending = status == DisciplineStatus.PENDING
    return DisciplineFactory(
        **_subject_fields(subject), status=status, kind="" if pending else kind,
        severity=0 if pending else DISCIPLINE_SEVERITY[kind], year=start.year, start_date=start, end_date=end,
    )  # fmt: skip


def outcomes(verdict) -> dict[str, str]:
    """{condition text: outcome} of every leaf condition of a verdict, for assertions that name the law."""
    found: dict[str, str] = {}

    def walk(results) -> None:
        for result in results:
            if result.children:
                walk(result.children)
            else:
                found[result.text] = result.outcome

    walk(verdict.conditions)
    return found


def leaf(verdict, kind_text: str):
    """The first leaf condition whose text starts with ``kind_text``."""
    stack = list(verdict.conditions)
    while stack:
        result = stack.pop(0)
        if result.children:
            stack[:0] = result.children
        elif result.text.startswith(kind_text):
            return result
    raise AssertionError(f"no condition starting with {kind_text!r} in {verdict.explanation()}")


# --- Verdicts --------------------------------------------------------------------------------------------------

# One judged year per regime: 2021 (2003 law, NĐ 91/2017), 2024 (NĐ 98/2023), 2025 (NĐ 152/2025).
REGIME_OF_YEAR = {2021: "nd91_2017", 2024: "nd98_2023", 2025: "nd152_2025"}
EVERY_REGIME = pytest.mark.parametrize("year", [2021, 2024, 2025])
LAW_2022 = pytest.mark.parametrize("year", [2024, 2025])


def verdict(subject: Person | OrgUnit, code: str, year: int, **kwargs) -> Verdict:
    """The verdict of ``code`` for the subject; fails when no rule applies."""
    found = evaluate(subject, code, year=year, **kwargs)
    assert found is not None, f"no rule for {code} in {year}"
    return found


def regime_of(found: Verdict) -> str:
    return Rule.objects.get(pk=found.rule_id).regime.code
