"""Who is judged, and as what: the candidate definitions of the eligibility engine (docs/eligibility.md).

Both evaluators use exactly these. ``sweep.py`` takes the SQL builders (a whole scope at once); ``evaluate.py`` may
take the one-subject functions (each one query). The definitions:

- A *person candidate* of a scope and year is a person with a primary membership active at the end of the period of
  its unit's kind (the unit's sector's ``period_kind``, calendar when it has no sector). If several, the one with the
  lowest membership id gives the *candidate unit*; the person's period kind is that unit's. The person belongs to a
  scope when the candidate unit lies in the scope's subtree (so a person's verdict never depends on the scope asked).
- A *unit candidate* is a unit of the scope's subtree, not external, not dissolved at the end of its period
  (``dissolved_on`` null or later).
- The *members* of a unit are the people whose primary membership in that unit itself is active at the end of the
  unit's period.

"Active at a date": ``start_date`` null or on/before it, ``end_date`` null or on/after it. A period ends on
``engine.period_bounds(kind, year)[1]``: 31 December, or 31 August for the school year that ends in ``year``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Min, Q, QuerySet

from thidua.eligibility.engine import period_bounds
from thidua.orgs.models import Membership, OrgUnit, PeriodKind, Person, Sector, subtree_range


def period_end(period_kind: str, year: int) -> dt.date:
    return period_bounds(period_kind, year)[1]


def unit_period_kind(unit: OrgUnit | None) -> str:
    """A unit's period kind (its sector's), calendar for no unit or no sector."""
    return unit.period_kind() if unit is not None else PeriodKind.CALENDAR_YEAR


def active_on(on: dt.date, prefix: str = "") -> Q:
    """Memberships (or rows reached through ``prefix``) active on ``on``."""
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def _active_at_unit_period_end(year: int) -> Q:
    """Memberships active at the end of the period of their own unit's kind."""
    school = Q(unit__sector__period_kind=PeriodKind.SCHOOL_YEAR)
    return (school & active_on(period_end(PeriodKind.SCHOOL_YEAR, year))) | (
        ~school & active_on(period_end(PeriodKind.CALENDAR_YEAR, year))
    )


# --- One subject (evaluate.py) ----------------------------------------------------------------------------------


def candidate_membership(person: Person, year: int) -> Membership | None:
    """The membership that makes ``person`` a candidate in ``year``: primary, active at the end of its unit's
    period, the lowest id if several. None: the person is outside every unit then."""
    memberships = Membership.objects.filter(person=person, is_primary=True).filter(_active_at_unit_period_end(year))
    return memberships.select_related("unit__sector", "unit__kind").order_by("pk").first()


def candidate_unit(person: Person, year: int) -> OrgUnit | None:
    membership = candidate_membership(person, year)
    return membership.unit if membership is not None else None


def unit_members(unit: OrgUnit, year: int) -> QuerySet[Person]:
    """The members of ``unit`` in ``year``: primary membership in the unit itself, active at its period end."""
    end = period_end(unit_period_kind(unit), year)
    memberships = Membership.objects.filter(active_on(end), unit=unit, is_primary=True)
    return Person.objects.filter(pk__in=memberships.values("person_id"))


def is_unit_candidate(unit: OrgUnit, year: int) -> bool:
    end = period_end(unit_period_kind(unit), year)
    return not unit.is_external and (unit.dissolved_on is None or unit.dissolved_on > end)


def person_candidates(year: int, scope_unit: OrgUnit | None = None) -> QuerySet[Membership]:
    """The candidate memberships of a scope (one per person: its ``unit`` is the candidate unit)."""
    first = Membership.objects.filter(is_primary=True).filter(_active_at_unit_period_end(year)).order_by()
    lowest = first.values("person_id").annotate(first_id=Min("pk")).values("first_id")
    memberships = Membership.objects.filter(pk__in=lowest)
    if scope_unit is not None:
        low, high = subtree_range(scope_unit.path)
        memberships = memberships.filter(unit__path__gte=low, unit__path__lt=high)
    return memberships


def unit_candidates(year: int, scope_unit: OrgUnit | None = None) -> QuerySet[OrgUnit]:
    units = OrgUnit.objects.filter(is_external=False)
    school = Q(sector__period_kind=PeriodKind.SCHOOL_YEAR)
    alive = (
        Q(dissolved_on__isnull=True)
        | (school & Q(dissolved_on__gt=period_end(PeriodKind.SCHOOL_YEAR, year)))
        | (~school & Q(dissolved_on__gt=period_end(PeriodKind.CALENDAR_YEAR, year)))
    )
    units = units.filter(alive)
    return units.subtree_of(scope_unit) if scope_unit is not None else units


# --- A whole scope (sweep.py) ----------------------------------------------------------------------------------


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def literal(value: str) -> str:
    """An SQL string literal of a code of ours (letters, digits, underscores only: nothing to escape)."""
    value = str(value)
    if not value.replace("_", "").isalnum() or not value.isascii():
        raise ValueError(value)
    return f"'{value}'"


SCHOOL = literal(PeriodKind.SCHOOL_YEAR)


@dataclass(frozen=True)
class Tables:
    """Quoted table names of the models the SQL reads (from the models' db_table, never spelled by hand)."""

    membership: str
    unit: str
    sector: str
    person: str

    @classmethod
    def build(cls) -> Tables:
        return cls(
            membership=q(Membership._meta.db_table),
            unit=q(OrgUnit._meta.db_table),
            sector=q(Sector._meta.db_table),
            person=q(Person._meta.db_table),
        )


def kind_sql(sector_alias: str) -> str:
    """The period kind of a unit joined to its sector as ``sector_alias`` (LEFT JOIN: no sector is calendar)."""
    return (
        f"(CASE WHEN {sector_alias}.period_kind = {SCHOOL} THEN {SCHOOL} ELSE {literal(PeriodKind.CALENDAR_YEAR)} END)"
    )


def end_sql(sector_alias: str) -> str:
    """The end of the period of a unit's kind, as an SQL expression with two parameters (school, calendar end)."""
    return f"(CASE WHEN {sector_alias}.period_kind = {SCHOOL} THEN %s ELSE %s END)"


def end_params(year: int) -> list[dt.date]:
    return [period_end(PeriodKind.SCHOOL_YEAR, year), period_end(PeriodKind.CALENDAR_YEAR, year)]


def active_sql(alias: str, end: str) -> str:
    return (
        f"({alias}.start_date IS NULL OR {alias}.start_date <= {end}) "
        f"AND ({alias}.end_date IS NULL OR {alias}.end_date >= {end})"
    )


def scope_sql(alias: str, scope_unit: OrgUnit | None) -> tuple[str, list]:
    if scope_unit is None:
        return "", []
    low, high = subtree_range(scope_unit.path)
    return f" AND {alias}.path >= %s AND {alias}.path < %s", [low, high]


def person_candidates_sql(year: int, scope_unit: OrgUnit | None, recipient: str) -> tuple[str, list]:
    """SELECT subject_id, unit_id, recipient, period_kind: one row per person candidate of the scope."""
    t = Tables.build()
    scope, scope_params = scope_sql("u", scope_unit)
    sql = f"""
        SELECT m.person_id AS subject_id, m.unit_id AS unit_id, {literal(recipient)} AS recipient,
               {kind_sql("s")} AS period_kind
        FROM {t.membership} m
        JOIN {t.unit} u ON u.id = m.unit_id
        LEFT JOIN {t.sector} s ON s.id = u.sector_id
        WHERE m.id IN (
            SELECT MIN(m2.id) FROM {t.membership} m2
            JOIN {t.unit} u2 ON u2.id = m2.unit_id
            LEFT JOIN {t.sector} s2 ON s2.id = u2.sector_id
            WHERE m2.is_primary = %s AND {active_sql("m2", end_sql("s2"))}
            GROUP BY m2.person_id
        ){scope}
    """
    return sql, [True, *end_params(year), *end_params(year), *scope_params]


def unit_candidates_sql(year: int, scope_unit: OrgUnit | None, recipient: str) -> tuple[str, list]:
    """SELECT subject_id, unit_id, recipient, period_kind: one row per unit candidate of the scope."""
    t = Tables.build()
    scope, scope_params = scope_sql("u", scope_unit)
    sql = f"""
        SELECT u.id AS subject_id, u.id AS unit_id, {literal(recipient)} AS recipient, {kind_sql("s")} AS period_kind
        FROM {t.unit} u
        LEFT JOIN {t.sector} s ON s.id = u.sector_id
        WHERE u.is_external = %s AND (u.dissolved_on IS NULL OR u.dissolved_on > {end_sql("s")}){scope}
    """
    return sql, [False, *end_params(year), *scope_params]


def members_sql(year: int, units_table: str) -> tuple[str, list]:
    """SELECT DISTINCT unit_id, person_id, period_kind: the members of the units listed (unit_id, period_kind) in
    ``units_table``, each at the end of its unit's period."""
    t = Tables.build()
    sql = f"""
        SELECT DISTINCT m.unit_id AS unit_id, m.person_id AS person_id, cu.period_kind AS period_kind
        FROM {t.membership} m
        JOIN (SELECT DISTINCT unit_id, period_kind FROM {units_table} WHERE unit_id IS NOT NULL) cu
          ON cu.unit_id = m.unit_id
        WHERE m.is_primary = %s AND {active_sql("m", f"(CASE WHEN cu.period_kind = {SCHOOL} THEN %s ELSE %s END)")}
    """
    return sql, [True, *end_params(year), *end_params(year)]
