"""Named reads of the history, shared by the staff pages: each starts from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from thidua.accounts.scoping import scoped
from thidua.orgs.models import OrgUnit, PeriodKind, Person
from thidua.records.models import (
    Award,
    Discipline,
    Initiative,
    InitiativeAuthor,
    Rating,
    period_label,
)


@dataclass
class PeriodGroup:
    """What happened to a subject in one period: its rating, awards, initiatives and discipline."""

    period_kind: str
    year: int
    ratings: list[Rating] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)

    @property
    def label(self) -> str:
        """ "2023" or "năm học 2022–2023"."""
        return str(period_label(self.period_kind, self.year))

    @property
    def is_school_year(self) -> bool:
        return self.period_kind == PeriodKind.SCHOOL_YEAR


def timeline(subject: Person | OrgUnit, user) -> list[PeriodGroup]:
    """The subject's history by period, newest first (within a year: calendar year, then school year).

    A person's initiatives are those they authored; a unit's, those applied at it. Co-authors are listed only when
    the user may see them. Five queries, whatever the length of the history."""
    if isinstance(subject, Person):
        found = scoped(Initiative, user).filter(authorships__person=subject)
    else:
        found = scoped(Initiative, user).filter(unit=subject)
    visible_authors = (
        InitiativeAuthor.objects.filter(person__in=scoped(Person, user)).select_related("person").order_by("pk")
    )
    rows = {
        "ratings": scoped(Rating, user).of(subject).order_by("-year", "pk"),
        "awards": scoped(Award, user)
        .of(subject)
        .select_related("award_type")
        .order_by("-year", F("decision_date").asc(nulls_last=True), "pk"),
        "initiatives": found.prefetch_related(
            Prefetch("authorships", queryset=visible_authors, to_attr="visible_authorships")
        ).order_by("-recognised_on", "pk"),
        "disciplines": scoped(Discipline, user).of(subject).order_by("-start_date", "pk"),
    }
    groups: dict[tuple[str, int], PeriodGroup] = {}
    for attribute, queryset in rows.items():
        for row in queryset:
            key = (row.period_kind, row.year)
            group = groups.get(key)
            if group is None:
                group = groups[key] = PeriodGroup(period_kind=row.period_kind, year=row.year)
            getattr(group, attribute).append(row)
    return sorted(groups.values(), key=lambda group: (-group.year, group.period_kind))
