"""The whole-scope evaluator: every candidate of a scope, for one year and one or all award types, set-based in SQL.

How it works (docs/eligibility.md):

1. The candidates (``candidates.py``) go into a temporary table ``elig_cand``: one row per person or unit with its
   recipient kind, period kind and candidate unit; the members of those units into ``elig_member``.
2. The candidates fall into *groups* by recipient kind and period kind; a group's rules are those in force on the
   as-of date (the end of its period unless given), each ANDed with the principles of the same regime.
3. Each distinct history condition of a group compiles, by a table of small functions, to one SELECT of the ids of
   the candidates that meet it; it runs once, into ``elig_met``. A ``judgement`` is met by nobody and possible for
   everybody; a ``procedure`` is met by everybody.
4. Each rule compiles to two sets, *met* and *possible* (met ∪ to weigh): ``all`` is an INTERSECT of its children's
   sets, ``any`` a UNION, and the negative conditions are an EXCEPT. One query per group and rule then reads the
   status of every candidate: in met → eligible, in possible → to weigh, else not eligible.

No Python loop runs over people; the same SQL runs on SQLite and PostgreSQL. ``evaluate.py`` judges one subject by
the same semantics, and tests/eligibility/test_agreement.py checks that both agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from thidua.catalog.models import RecipientKind
from thidua.eligibility import candidates
from thidua.eligibility.candidates import Tables, literal, q
from thidua.eligibility.engine import Status, default_as_of, period_bounds, window_bounds
from thidua.eligibility.models import Principle, Rule
from thidua.movements.enums import SheetState
from thidua.movements.models import ScoreSheet, SheetMember
from thidua.orgs.models import OrgUnit, PeriodKind, UnitKind
from thidua.records.enums import DISCIPLINE_SEVERITY, RATING_RANK, RECOGNITION_RANK, DisciplineStatus, InitiativeKind
from thidua.records.models import Award, Discipline, Initiative, InitiativeAuthor, Rating

CANDIDATES = "elig_cand"
MEMBERS = "elig_member"
MET = "elig_met"
TEMP_TABLES = (CANDIDATES, MEMBERS, MET)

RECIPIENT_KINDS = (RecipientKind.INDIVIDUAL.value, RecipientKind.COLLECTIVE.value)
PERIOD_KINDS = (PeriodKind.CALENDAR_YEAR.value, PeriodKind.SCHOOL_YEAR.value)


@dataclass(frozen=True)
class SweepRow:
    """The status of one candidate for one award (the rule in force for its recipient and period kind)."""

    award_code: str
    recipient_kind: str  # RecipientKind: individual / collective
    person_id: int | None
    unit_id: int | None
    period_kind: str
    status: str  # engine.Status
    rule_id: int | None = None
    candidate_unit_id: int | None = None  # a person's candidate unit (the unit itself for a unit)


def sweep(
    *,
    year: int,
    scope_unit: OrgUnit | None = None,
    award_codes: list[str] | None = None,
    as_of: dt.date | None = None,
) -> list[SweepRow]:
    """Every candidate of ``scope_unit``'s subtree (the whole tree when None) with every rule in force that applies
    to it, for ``year``; ordered by award code, recipient kind, then subject id."""
    rows: list[SweepRow] = []
    with transaction.atomic(), _temporary_tables(year, scope_unit):
        compiler = _Compiler(year)
        for group in _groups(year, as_of):
            rules = _rules_in_force(group, award_codes)
            if not rules:
                continue
            for rule, expression in rules:
                met, possible = compiler.compile(expression, group)
                rows.extend(_statuses(rule, group, compiler.materialise(met), compiler.materialise(possible)))
    rows.sort(key=lambda row: (row.award_code, row.recipient_kind, row.person_id or 0, row.unit_id or 0))
    return rows


# --- Groups and rules -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """The candidates of one recipient kind and one period kind: judged by the same rules and the same dates."""

    recipient: str
    period_kind: str
    year: int
    as_of: dt.date

    @property
    def is_person(self) -> bool:
        return self.recipient == RecipientKind.INDIVIDUAL

    @property
    def subject_column(self) -> str:
        """The column of the history tables that names the subject."""
        return "person_id" if self.is_person else "unit_id"

    @property
    def where(self) -> str:
        """The candidates of this group, for a WHERE clause on ``elig_cand c``."""
        return f"c.recipient = {literal(self.recipient)} AND c.period_kind = {literal(self.period_kind)}"

    @property
    def kind(self) -> str:
        return literal(self.period_kind)

    @property
    def end(self) -> dt.date:
        return period_bounds(self.period_kind, self.year)[1]

    def window(self, size: int) -> tuple[int, int]:
        return self.year - size + 1, self.year


def _groups(year: int, as_of: dt.date | None) -> Iterator[Group]:
    for recipient in RECIPIENT_KINDS:
        for period_kind in PERIOD_KINDS:
            yield Group(recipient, period_kind, year, as_of or default_as_of(period_kind, year))


def _rules_in_force(group: Group, award_codes: list[str] | None) -> list[tuple[Rule, dict]]:
    """(rule, expression with the principles ANDed) for each award code, the latest regime if two are in force."""
    rules = Rule.objects.in_force(group.as_of).filter(recipient_kind=group.recipient).select_related("regime")
    if award_codes is not None:
        rules = rules.filter(award_code__in=award_codes)
    latest: dict[str, Rule] = {}
    for rule in rules.order_by("award_code", "regime__valid_from", "pk"):
        latest[rule.award_code] = rule
    principles: dict[int, list[dict]] = {}
    result = []
    for code in sorted(latest):
        rule = latest[code]
        if rule.regime_id not in principles:
            found = Principle.objects.filter(regime_id=rule.regime_id, expression__isnull=False).order_by("code")
            principles[rule.regime_id] = [p.expression for p in found if p.expression is not None]
        extra = principles[rule.regime_id]
        result.append((rule, {"all": [rule.expression, *extra]} if extra else rule.expression))
    return result


# --- Temporary tables -----------------------------------------------------------------------------------------


@contextmanager
def _temporary_tables(year: int, scope_unit: OrgUnit | None) -> Iterator[None]:
    with connection.cursor() as cursor:
        _drop(cursor)
        people, people_params = candidates.person_candidates_sql(year, scope_unit, RecipientKind.INDIVIDUAL)
        units, units_params = candidates.unit_candidates_sql(year, scope_unit, RecipientKind.COLLECTIVE)
        cursor.execute(
            f"CREATE TEMPORARY TABLE {CANDIDATES} AS {people} UNION ALL {units}", people_params + units_params
        )
        cursor.execute(f"CREATE INDEX {CANDIDATES}_idx ON {CANDIDATES} (recipient, period_kind, subject_id)")
        cursor.execute(f"CREATE INDEX {CANDIDATES}_unit_idx ON {CANDIDATES} (unit_id)")
        members, members_params = candidates.members_sql(year, CANDIDATES)
        cursor.execute(f"CREATE TEMPORARY TABLE {MEMBERS} AS {members}", members_params)
        cursor.execute(f"CREATE INDEX {MEMBERS}_idx ON {MEMBERS} (unit_id, person_id)")
        cursor.execute(f"CREATE TEMPORARY TABLE {MET} (leaf INTEGER NOT NULL, subject_id BIGINT NOT NULL)")
        # Statuses join the sets by subject: without this index SQLite scans the whole table per candidate.
        cursor.execute(f"CREATE INDEX {MET}_idx ON {MET} (leaf, subject_id)")
        if connection.vendor == "postgresql":
            # Autovacuum never analyses temporary tables: without statistics the planner guesses their size.
            cursor.execute(f"ANALYZE {CANDIDATES}")
            cursor.execute(f"ANALYZE {MEMBERS}")
    yield
    with connection.cursor() as cursor:
        _drop(cursor)


def _drop(cursor) -> None:
    """Drop our temporary tables (schema-qualified: never a real table of the same name)."""
    schema = "pg_temp" if connection.vendor == "postgresql" else "temp"
    for table in TEMP_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {schema}.{table}")


# --- Compiling conditions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectSet:
    """A set of candidate ids of a group: everybody, nobody, or the rows of a SELECT of ``subject_id``."""

    sql: str = ""
    everybody: bool = False

    @property
    def nobody(self) -> bool:
        return not self.everybody and not self.sql


EVERYBODY = SubjectSet(everybody=True)
NOBODY = SubjectSet()


def _combine(sets: list[SubjectSet], *, operator: str) -> SubjectSet:
    """INTERSECT (``all``) or UNION (``any``) of sets, with everybody and nobody folded away."""
    if operator == "INTERSECT":
        if any(s.nobody for s in sets):
            return NOBODY
        parts = [s for s in sets if not s.everybody]
        if not parts:
            return EVERYBODY
    else:
        if any(s.everybody for s in sets):
            return EVERYBODY
        parts = [s for s in sets if not s.nobody]
        if not parts:
            return NOBODY
    unique = list(dict.fromkeys(s.sql for s in parts))
    if len(unique) == 1:
        return SubjectSet(unique[0])
    selects = [f"SELECT x{i}.subject_id FROM ({sql}) x{i}" for i, sql in enumerate(unique)]
    return SubjectSet(f" {operator} ".join(selects))


class _Compiler:
    """Compiles rule expressions of the groups of one sweep; each distinct condition of a group runs once."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.leaves: dict[tuple[Group, str], SubjectSet] = {}
        self.stored: set[str] = set()  # the SELECTs of sets already in the MET table
        self.combined: dict[str, SubjectSet] = {}  # a combined set's SQL → where it is stored
        self.number = 0  # the last "leaf" number used in the MET table
        self.tables = _Tables.build()

    def compile(self, node: dict, group: Group) -> tuple[SubjectSet, SubjectSet]:
        """(met, possible) of an expression node."""
        if "all" in node or "any" in node:
            operator = "INTERSECT" if "all" in node else "UNION"
            children = [self.compile(child, group) for child in node.get("all") or node["any"]]
            met = _combine([child[0] for child in children], operator=operator)
            possible = _combine([child[1] for child in children], operator=operator)
            return met, possible
        if "judgement" in node:
            return NOBODY, EVERYBODY
        if "procedure" in node:
            return EVERYBODY, EVERYBODY
        met = self.leaf(node, group)
        return met, met

    def leaf(self, node: dict, group: Group) -> SubjectSet:
        key = (group, json.dumps(node, sort_keys=True))
        if key not in self.leaves:
            ((name, spec),) = node.items()
            compiled = CONDITIONS[name](spec, group, self.tables)
            self.leaves[key] = NOBODY if compiled is None else self._store(*compiled)
        return self.leaves[key]

    def materialise(self, found: SubjectSet) -> SubjectSet:
        """A combined set (INTERSECT / UNION of leaves) stored once, so that joining it is an index lookup: SQLite
        would otherwise evaluate the compound SELECT again for every candidate."""
        if found.everybody or found.nobody or found.sql in self.stored:
            return found
        if found.sql not in self.combined:
            self.combined[found.sql] = self._store(found.sql, [])
        return self.combined[found.sql]

    def _store(self, sql: str, params: list) -> SubjectSet:
        self.number += 1
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {MET} (leaf, subject_id) SELECT DISTINCT {self.number}, met.subject_id "
                           f"FROM ({sql}) met", params)  # fmt: skip
        stored = SubjectSet(f"SELECT subject_id FROM {MET} WHERE leaf = {self.number}")
        self.stored.add(stored.sql)
        return stored


def _statuses(rule: Rule, group: Group, met: SubjectSet, possible: SubjectSet) -> list[SweepRow]:
    """The status of every candidate of the group for one rule, from its met and possible sets."""
    joins, cases = [], []
    for alias, found, status in (("m", met, Status.ELIGIBLE), ("p", possible, Status.TO_WEIGH)):
        if found.everybody:
            cases.append(f"WHEN 1 = 1 THEN {literal(status)}")
        elif not found.nobody:
            joins.append(f"LEFT JOIN ({found.sql}) {alias} ON {alias}.subject_id = c.subject_id")
            cases.append(f"WHEN {alias}.subject_id IS NOT NULL THEN {literal(status)}")
    status_sql = literal(Status.NOT_ELIGIBLE)
    if cases:
        status_sql = f"CASE {' '.join(cases)} ELSE {status_sql} END"
    sql = f"SELECT c.subject_id, c.unit_id, {status_sql} FROM {CANDIDATES} c {' '.join(joins)} WHERE {group.where}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        found_rows = cursor.fetchall()
    person = group.is_person
    return [
        SweepRow(
            award_code=rule.award_code,
            recipient_kind=group.recipient,
            person_id=subject_id if person else None,
            unit_id=None if person else subject_id,
            period_kind=group.period_kind,
            status=status,
            rule_id=rule.pk,
            candidate_unit_id=unit_id,
        )
        for subject_id, unit_id, status in found_rows
    ]


# --- The conditions: each a small function returning the SELECT of the candidates that meet it ---------------------

Compiled = tuple[str, list] | None  # None: nobody meets it (e.g. a person-only condition for a unit)


@dataclass(frozen=True)
class _Tables:
    rating: str
    award: str
    initiative: str
    author: str
    discipline: str
    sheet: str
    sheet_member: str
    unit: str
    unit_kind: str
    person: str
    membership: str

    @classmethod
    def build(cls) -> _Tables:
        orgs = Tables.build()
        return cls(
            rating=q(Rating._meta.db_table),
            award=q(Award._meta.db_table),
            initiative=q(Initiative._meta.db_table),
            author=q(InitiativeAuthor._meta.db_table),
            discipline=q(Discipline._meta.db_table),
            sheet=q(ScoreSheet._meta.db_table),
            sheet_member=q(SheetMember._meta.db_table),
            unit=orgs.unit,
            unit_kind=q(UnitKind._meta.db_table),
            person=orgs.person,
            membership=orgs.membership,
        )


def _in(values: list) -> tuple[str, list]:
    """``IN (%s, %s, …)`` and its parameters."""
    return f"IN ({', '.join(['%s'] * len(values))})", list(values)


def _candidates(group: Group) -> str:
    return f"SELECT c.subject_id FROM {CANDIDATES} c WHERE {group.where}"


def _ratio(share: float) -> tuple[int, int]:
    """A share as an exact fraction (0.7 → 7/10), so both databases and Python compare the same integers."""
    numerator, denominator = Decimal(str(share)).as_integer_ratio()
    return numerator, denominator


def _yearly(group: Group, t: _Tables, table: str, where: str, params: list, having: str, having_params: list):
    """The candidates with history rows of their kind (``table`` aliased ``r``) passing ``where``, grouped by
    subject and kept by ``having``."""
    sql = f"""
        SELECT c.subject_id FROM {CANDIDATES} c JOIN {table} r ON r.{group.subject_column} = c.subject_id
        WHERE {group.where} AND r.period_kind = {group.kind} AND {where}
        GROUP BY c.subject_id HAVING {having}
    """
    return sql, [*params, *having_params]


def rating_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """Rated at least ``min`` in each of the last ``years`` periods."""
    first, last = group.window(spec["years"])
    return _yearly(group, t, t.rating, "r.year >= %s AND r.year <= %s AND r.rank >= %s",
                   [first, last, RATING_RANK[spec["min"]]], "COUNT(DISTINCT r.year) = %s", [spec["years"]])  # fmt: skip


def rating_count_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """Rated at least ``min`` in at least ``count`` of the last ``window`` periods."""
    first, last = group.window(spec["window"])
    return _yearly(group, t, t.rating, "r.year >= %s AND r.year <= %s AND r.rank >= %s",
                   [first, last, RATING_RANK[spec["min"]]],
                   "COUNT(DISTINCT r.year) >= %s", [spec["count"]])  # fmt: skip


# Awards a later decision revoked or replaced count for nothing (Award.objects.in_force()).
IN_FORCE = "r.revoked_on IS NULL"


def title_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """A merit-counting award of the list in each of the last ``years`` periods."""
    first, last = group.window(spec["years"])
    codes, codes_params = _in(spec["awards"])
    return _yearly(group, t, t.award, f"r.year >= %s AND r.year <= %s AND r.award_code {codes} "
                   f"AND r.counts_toward_merit = %s AND {IN_FORCE}", [first, last, *codes_params, True],
                   "COUNT(DISTINCT r.year) = %s", [spec["years"]])  # fmt: skip


def title_count_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """Such an award in at least ``min`` distinct periods of the last ``window``."""
    first, last = group.window(spec["window"])
    codes, codes_params = _in(spec["awards"])
    return _yearly(group, t, t.award, f"r.year >= %s AND r.year <= %s AND r.award_code {codes} "
                   f"AND r.counts_toward_merit = %s AND {IN_FORCE}", [first, last, *codes_params, True],
                   "COUNT(DISTINCT r.year) >= %s", [spec["min"]])  # fmt: skip


def earlier_award_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """The latest such merit award up to the judged year is at least ``min_years_since`` years before it."""
    codes, codes_params = _in(spec["awards"])
    return _yearly(group, t, t.award, f"r.year <= %s AND r.award_code {codes} AND r.counts_toward_merit = %s "
                   f"AND {IN_FORCE}",
                   [group.year, *codes_params, True], "MAX(r.year) <= %s",
                   [group.year - spec["min_years_since"]])  # fmt: skip


def no_recent_award_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """None of these awards (merit-counting or not) in the last ``window`` periods."""
    first, last = group.window(spec["window"])
    codes, codes_params = _in(spec["awards"])
    column = group.subject_column
    sql = f"""
        {_candidates(group)}
        EXCEPT
        SELECT a.{column} FROM {t.award} a
        WHERE a.{column} IS NOT NULL AND a.award_code {codes} AND a.period_kind = {group.kind}
          AND a.year >= %s AND a.year <= %s AND a.revoked_on IS NULL
    """
    return sql, [*codes_params, first, last]


def initiatives_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """At least ``min`` initiatives authored, recognised at ``min_level`` or above in the last ``window`` years (any
    period kind: initiatives are dated by their recognition), of the kinds given, not yet backing an award."""
    if not group.is_person:
        return None
    first, last = group.window(spec["window"])
    floor = RECOGNITION_RANK[spec["min_level"]]
    levels, levels_params = _in([level for level, rank in RECOGNITION_RANK.items() if rank >= floor])
    kinds, kinds_params = _in(spec.get("kinds") or InitiativeKind.values)
    sql = f"""
        SELECT c.subject_id FROM {CANDIDATES} c
        JOIN {t.author} ia ON ia.person_id = c.subject_id
        JOIN {t.initiative} i ON i.id = ia.initiative_id
        WHERE {group.where} AND i.year >= %s AND i.year <= %s AND i.level {levels} AND i.kind {kinds}
          AND i.backed_award_id IS NULL
        GROUP BY c.subject_id HAVING COUNT(DISTINCT i.id) >= %s
    """
    return sql, [first, last, *levels_params, *kinds_params, spec["min"]]


def _discipline_filter(spec: dict, statuses: list[str]) -> tuple[str, list]:
    where, params = _in(statuses)
    where = f"d.status {where}"
    if spec.get("min_severity"):
        where += " AND d.severity >= %s"
        params.append(DISCIPLINE_SEVERITY[spec["min_severity"]])
    return where, params


def _overlaps(group: Group, window: int) -> tuple[str, list]:
    start, end = window_bounds(group.period_kind, group.year, window)
    return "d.start_date <= %s AND (d.end_date IS NULL OR d.end_date >= %s)", [end, start]


def no_discipline_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """No discipline of the statuses (in effect by default) and severity given overlapping the window's dates."""
    column = group.subject_column
    where, params = _discipline_filter(spec, spec.get("statuses") or [DisciplineStatus.IN_EFFECT.value])
    overlap, overlap_params = _overlaps(group, spec["window"])
    sql = f"""
        {_candidates(group)}
        EXCEPT
        SELECT d.{column} FROM {t.discipline} d WHERE d.{column} IS NOT NULL AND {where} AND {overlap}
    """
    return sql, [*params, *overlap_params]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` months earlier, clamped to the month's last day (31/8 − 6 = 29/2)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def service_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """The earliest dated membership (any unit) began at least ``min_months`` months before the period ends."""
    if not group.is_person:
        return None
    cutoff = months_before(group.end, spec["min_months"])
    sql = f"""
        SELECT c.subject_id FROM {CANDIDATES} c WHERE {group.where} AND EXISTS (
            SELECT 1 FROM {t.membership} m
            WHERE m.person_id = c.subject_id AND m.start_date IS NOT NULL AND m.start_date <= %s)
    """
    return sql, [cutoff]


def recipient_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """What the subject is: every key given must hold (a person's keys for persons, unit kinds for units)."""
    conditions, params = [], []
    if group.is_person:
        if "unit_kinds" in spec:
            return None
        join = f"JOIN {t.person} p ON p.id = c.subject_id"
        if "direct_worker" in spec:
            conditions.append("p.is_direct_worker = %s")
            params.append(bool(spec["direct_worker"]))
        if "position_categories" in spec:
            where, where_params = _in(spec["position_categories"])
            conditions.append(f"p.position_category {where}")
            params += where_params
    else:
        if "direct_worker" in spec or "position_categories" in spec:
            return None
        join = f"JOIN {t.unit} u ON u.id = c.subject_id JOIN {t.unit_kind} k ON k.id = u.kind_id"
        if "unit_kinds" in spec:
            where, where_params = _in(spec["unit_kinds"])
            conditions.append(f"k.code {where}")
            params += where_params
    extra = "".join(f" AND {condition}" for condition in conditions)
    return f"SELECT c.subject_id FROM {CANDIDATES} c {join} WHERE {group.where}{extra}", params


def _member_holds(spec: dict, group: Group, t: _Tables, codes: list[str] | None = None) -> tuple[str, list]:
    """An EXISTS on member ``em``: an award of ``codes`` (or of ``spec["awards"]``), or a rating of at least
    ``spec["rating_min"]``, in the unit's period of the judged year (any merit flag)."""
    if codes is None and "rating_min" in spec:
        sql = (f"EXISTS (SELECT 1 FROM {t.rating} r WHERE r.person_id = em.person_id AND r.period_kind = {group.kind} "
               "AND r.year = %s AND r.rank >= %s)")  # fmt: skip
        return sql, [group.year, RATING_RANK[spec["rating_min"]]]
    where, params = _in(codes if codes is not None else spec["awards"])
    sql = (f"EXISTS (SELECT 1 FROM {t.award} a WHERE a.person_id = em.person_id AND a.period_kind = {group.kind} "
           f"AND a.year = %s AND a.award_code {where} AND a.revoked_on IS NULL)")  # fmt: skip
    return sql, [group.year, *params]


def member_share_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """At least ``min`` of the unit's members hold the awards (or the rating); no members is unmet."""
    holds, params = _member_holds(spec, group, t)
    numerator, denominator = _ratio(spec["min"])
    sql = f"""
        SELECT c.subject_id FROM {CANDIDATES} c
        JOIN (SELECT em.unit_id, COUNT(*) AS members, SUM(CASE WHEN {holds} THEN 1 ELSE 0 END) AS holders
              FROM {MEMBERS} em WHERE em.period_kind = {group.kind} GROUP BY em.unit_id) share
          ON share.unit_id = c.unit_id
        WHERE {group.where} AND share.holders * %s >= share.members * %s
    """
    return sql, [*params, denominator, numerator]


def member_count_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """At least ``min`` of the unit's members hold one of the awards in the judged period."""
    holds, params = _member_holds(spec, group, t)
    sql = f"""
        SELECT c.subject_id FROM {CANDIDATES} c JOIN {MEMBERS} em ON em.unit_id = c.unit_id
        WHERE {group.where} AND em.period_kind = {group.kind} AND {holds}
        GROUP BY c.subject_id HAVING COUNT(DISTINCT em.person_id) >= %s
    """
    return sql, [*params, spec["min"]]


def no_member_discipline_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """No member under an in-effect discipline of that severity overlapping the window."""
    where, params = _discipline_filter(spec, [DisciplineStatus.IN_EFFECT.value])
    overlap, overlap_params = _overlaps(group, spec["window"])
    sql = f"""
        {_candidates(group)}
        EXCEPT
        SELECT c.subject_id FROM {CANDIDATES} c
        JOIN {MEMBERS} em ON em.unit_id = c.unit_id
        JOIN {t.discipline} d ON d.person_id = em.person_id
        WHERE {group.where} AND {where} AND {overlap}
    """
    return sql, [*params, *overlap_params]


def cluster_rank_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """Ranked at most ``max`` on a locked score sheet of the judged year (the candidate unit's rank)."""
    sql = f"""
        SELECT c.subject_id FROM {CANDIDATES} c WHERE {group.where} AND EXISTS (
            SELECT 1 FROM {t.sheet_member} sm JOIN {t.sheet} s ON s.id = sm.sheet_id
            WHERE sm.unit_id = c.unit_id AND s.year = %s AND s.state = %s AND sm.rank IS NOT NULL AND sm.rank <= %s)
    """
    return sql, [group.year, SheetState.LOCKED.value, spec["max"]]


def cap_sql(spec: dict, group: Group, t: _Tables) -> Compiled:
    """Fewer members of the unit U (the unit, or the person's candidate unit) other than the subject already hold
    ``award`` in the period than max(1, ⌊max_share × members holding ``of_awards``⌋)."""
    holders, holders_params = _member_holds(spec, group, t, codes=spec["of_awards"])
    already, already_params = _member_holds(spec, group, t, codes=[spec["award"]])
    numerator, denominator = _ratio(spec["max_share"])
    others = " AND al.person_id <> c.subject_id" if group.is_person else ""
    limit = "COALESCE(h.holders, 0) * %s / %s"
    sql = f"""
        SELECT c.subject_id FROM {CANDIDATES} c
        LEFT JOIN (SELECT em.unit_id, COUNT(*) AS holders FROM {MEMBERS} em
                   WHERE em.period_kind = {group.kind} AND {holders} GROUP BY em.unit_id) h ON h.unit_id = c.unit_id
        LEFT JOIN (SELECT em.unit_id, em.person_id FROM {MEMBERS} em
                   WHERE em.period_kind = {group.kind} AND {already}) al ON al.unit_id = c.unit_id{others}
        WHERE {group.where} AND c.unit_id IS NOT NULL
        GROUP BY c.subject_id, h.holders
        HAVING COUNT(al.person_id) < (CASE WHEN {limit} < 1 THEN 1 ELSE {limit} END)
    """
    return sql, [*holders_params, *already_params, numerator, denominator, numerator, denominator]


CONDITIONS: dict[str, Callable[[dict, Group, _Tables], Compiled]] = {
    "rating": rating_sql,
    "rating_count": rating_count_sql,
    "title": title_sql,
    "title_count": title_count_sql,
    "earlier_award": earlier_award_sql,
    "no_recent_award": no_recent_award_sql,
    "initiatives": initiatives_sql,
    "no_discipline": no_discipline_sql,
    "service": service_sql,
    "recipient": recipient_sql,
    "member_share": member_share_sql,
    "member_count": member_count_sql,
    "no_member_discipline": no_member_discipline_sql,
    "cluster_rank": cluster_rank_sql,
    "cap": cap_sql,
}


def statuses_by_subject(rows: list[SweepRow]) -> dict[tuple[str, int, str], str]:
    """{(recipient_kind, subject id, award code): status}: what the agreement test and the panels compare."""
    return {(row.recipient_kind, row.person_id or row.unit_id or 0, row.award_code): row.status for row in rows}
