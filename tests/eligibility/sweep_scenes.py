"""Small scenes for the sweep's tests (test_sweep, test_cli, the API and page tests): a regime in force since
2017, rules written in the tests, people with memberships, and their history."""

from __future__ import annotations

import datetime as dt

from tests.factories.catalog import AwardTypeFactory, LegalRegimeFactory
from tests.factories.orgs import MembershipFactory, PersonFactory
from tests.factories.records import AwardFactory, RatingFactory
from thidua.catalog.models import AwardType
from thidua.eligibility.models import Rule
from thidua.eligibility.sweep import sweep
from thidua.orgs.models import OrgUnit, PeriodKind
from thidua.records.enums import RATING_RANK
from thidua.records.models import Initiative, InitiativeAuthor

CODE = "TEST_AWARD"


def open_regime():
    """A regime in force since 2017-10-01 with no end: every year of the tests is judged by its rules."""
    return LegalRegimeFactory(code="nd91_test", name="Giai đoạn thử", valid_from=dt.date(2017, 10, 1), valid_to=None)


def award_type(code: str, regime):
    found = AwardType.objects.filter(code=code, regime=regime).first()
    return found or AwardTypeFactory(code=code, regime=regime)


def make_rule(regime, expression: dict, *, code: str = CODE, recipient: str = "individual") -> Rule:
    rule = Rule(award_code=code, award_type=award_type(code, regime), regime=regime, recipient_kind=recipient,
                expression=expression, legal_source="Điều thử")  # fmt: skip
    rule.full_clean()
    rule.save()
    return rule


def member(unit, person=None, **fields):
    """A person (new unless given) with a primary membership of ``unit`` since 2010."""
    person = person or PersonFactory()
    MembershipFactory(person=person, unit=unit, start_date=fields.pop("start_date", dt.date(2010, 1, 1)), **fields)
    return person


def rate(person, *years, level="htt", period_kind=PeriodKind.CALENDAR_YEAR):
    for year in years:
        RatingFactory(person=person, year=year, level=level, rank=RATING_RANK[level], period_kind=period_kind)


def give(subject, code: str, *years, regime=None, merit=True, period_kind=PeriodKind.CALENDAR_YEAR):
    """Awards of ``code`` to a person or a unit (the award type of the test regime)."""
    kind = award_type(code, regime or open_regime())
    target = {"unit": subject, "person": None} if isinstance(subject, OrgUnit) else {"person": subject}
    for year in years:
        AwardFactory(award_type=kind, year=year, counts_toward_merit=merit, period_kind=period_kind, **target)


def initiative(*authors, year: int = 2024, level: str = "co_so", **fields) -> Initiative:
    """An initiative recognised in ``year`` (the records factory's post-generation hook warns; this does not)."""
    found = Initiative.objects.create(title=f"Sáng kiến {Initiative.objects.count() + 1}", year=year, level=level,
                                      recognised_on=dt.date(year, 11, 15), **fields)  # fmt: skip
    for person in authors:
        InitiativeAuthor.objects.create(initiative=found, person=person)
    return found


def statuses(year: int = 2024, code: str = CODE, **kwargs) -> dict[int, str]:
    """{subject id: status} of the sweep for one award code."""
    return {row.person_id or row.unit_id: row.status for row in sweep(year=year, **kwargs) if row.award_code == code}
