"""The analytical reports (DOMAIN.md §8, issue 7): a year and a movement, in the user's scope, counted from the
awards' snapshots (``Award.gender``, ``is_minority``, ``is_direct_worker``, ``position_category``): awards by type,
level, unit and recipient kind, the shares policy cares about, the reward money, movement compliance and the
comparison with the year before.

Every figure is a set-based aggregate: a fixed number of queries whatever the number of awards. Each filter on the
awards repeats the scope (a person, unit or household in the user's subtrees), which costs as much as the count on
a province, so the figures share passes: one grouped ``tally`` gives every breakdown, share and sum of money of a
set of awards, one count per period gives the trend and the year on year (bench/report_bench.py measures them).
Python only adds up the few hundred rows of the result (award types × top-level units) and loops over movements.
Only awards in force count (``Award.objects.in_force()``: not revoked by a later decision).

The result is plain data (dicts of ints and strings) shared by the pages, the XLSX and the API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scope_for, scoped
from thidua.catalog.models import AwardLevel, AwardType
from thidua.decisions.enums import DecisionState
from thidua.movements import queries as movement_queries
from thidua.movements.enums import MovementState
from thidua.movements.models import Movement
from thidua.orgs.models import PATH_SEGMENT, Gender, Membership, OrgUnit, PositionCategory
from thidua.records.models import Award
from thidua.records.reporting import reporting_window

WINDOW = "window"
CALENDAR = "calendar"
BASES = (WINDOW, CALENDAR)
# Levels in the order the reports list them, highest first.
LEVEL_ORDER = (AwardLevel.STATE, AwardLevel.PROVINCE, AwardLevel.GRASSROOTS)
LEADER_CATEGORIES = (
    PositionCategory.PROVINCE_LEADER,
    PositionCategory.DEPARTMENT_LEADER,
    PositionCategory.OTHER_LEADER,
)
TREND_YEARS = 5
# The year report follows the movements of the scope; each costs a few queries (compliance_rows), so few are shown.
MAX_MOVEMENTS = 20
UNKNOWN_UNIT = "?"


@dataclass(frozen=True)
class Period:
    """What a report counts: awards decided from ``start`` to ``end`` (both included).

    ``window``: the reporting year (``records.reporting``: 1 December of the year before to 30 November);
    ``calendar``: 1 January to 31 December. Both count by the decision date, so an award belongs to one period."""

    year: int
    basis: str = WINDOW

    @property
    def start(self) -> dt.date:
        return reporting_window(self.year)[0] if self.basis == WINDOW else dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return reporting_window(self.year)[1] if self.basis == WINDOW else dt.date(self.year, 12, 31)

    @property
    def previous(self) -> Period:
        return Period(self.year - 1, self.basis)

    @property
    def label(self) -> str:
        return _("Năm %(year)s (từ %(start)s đến %(end)s)") % {
            "year": self.year, "start": self.start.strftime("%d/%m/%Y"), "end": self.end.strftime("%d/%m/%Y"),
        }  # fmt: skip


def awards_in(user, period: Period) -> QuerySet[Award]:
    """In-force awards the user sees, decided within the period."""
    return scoped(Award, user).in_force().filter(decision_date__gte=period.start, decision_date__lte=period.end)


def movement_awards(user, movement: Movement) -> QuerySet[Award]:
    """In-force awards the user sees, granted by signed decisions made for the movement or the movements answering
    it (``Decision.movement``). Historical awards carry no movement and are not counted here."""
    tree = movement_queries.movement_tree_ids(movement)
    return (
        scoped(Award, user)
        .in_force()
        .filter(
            decision_item__decision__movement_id__in=tree,
            decision_item__decision__state=DecisionState.SIGNED,
        )
    )


# --- One pass over the awards -----------------------------------------------------------------------------------


def _award_names() -> dict[str, dict[str, Any]]:
    """Name, level, kind and order of each award code: its latest version (codes are stable across versions)."""
    names: dict[str, dict[str, Any]] = {}
    for row in AwardType.objects.order_by("code", "valid_from").values("code", "name", "level", "kind", "sort_order"):
        names[row["code"]] = row
    return names


_PERSON = Q(person__isnull=False)
_LEADERS = Q(position_category__in=LEADER_CATEGORIES)
# Money: the line of a signed decision that granted the award (a revocation line grants nothing). An award has at
# most one decision line (one-to-one), so the join never counts an award twice.
_PAID = Q(decision_item__decision__state=DecisionState.SIGNED, decision_item__revokes__isnull=True)
# What the breakdowns add up, per award code and top-level unit. Shares count individuals only.
TALLY = {
    "individual": Count("pk", filter=_PERSON),
    "collective": Count("pk", filter=Q(unit__isnull=False)),
    "household": Count("pk", filter=Q(household__isnull=False)),
    "total": Count("pk"),
    "direct": Count("pk", filter=_PERSON & Q(is_direct_worker=True)),
    "women": Count("pk", filter=_PERSON & Q(gender=Gender.FEMALE)),
    "minority": Count("pk", filter=_PERSON & Q(is_minority=True)),
    "leaders": Count("pk", filter=_PERSON & _LEADERS),
    "staff": Count("pk", filter=_PERSON & ~_LEADERS),
    "items": Count("decision_item", filter=_PAID),
    "amount": Sum("decision_item__amount", filter=_PAID),
}


def tally(awards: QuerySet[Award], roots: list[OrgUnit]) -> list[dict[str, Any]]:
    """Every count a report shows about ``awards`` in one grouped aggregate: the ``TALLY`` per award code and
    top-level unit (``top``: the path ``by_unit`` names; None without roots).

    One pass, so the scope filter of the awards (a person, unit or household in the user's subtrees: a hashed
    subplan over every person of the scope) and the scan of the award table run once for all the breakdowns, not
    once each. A few hundred rows at most (award codes × top-level units); Python adds them up."""
    awards = awards.order_by()
    if roots:
        width = (min(root.depth for root in roots) + 2) * PATH_SEGMENT
        awards = awards.annotate(top=Substr(_home_path(), 1, width))
    else:
        awards = awards.annotate(top=Value(None, output_field=CharField()))
    return list(awards.values("award_code", "top").annotate(**TALLY))


def _sum_by(rows: list[dict[str, Any]], key: str) -> dict[Any, dict[str, int]]:
    """The tally rows added up per value of ``key`` (a sum of no money counts 0)."""
    sums: dict[Any, dict[str, int]] = {}
    for row in rows:
        bucket = sums.setdefault(row[key], dict.fromkeys(TALLY, 0))
        for field in TALLY:
            bucket[field] += row[field] or 0
    return sums


# --- Breakdowns ------------------------------------------------------------------------------------------------


def by_type(rows: list[dict[str, Any]], names: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per award code counted: collectives, individuals, households, total; highest level first."""
    result = []
    for code, row in _sum_by(rows, "award_code").items():
        known = names.get(code, {})
        result.append({
            "code": code, "name": known.get("name", code),
            "level": known.get("level", ""), "kind": known.get("kind", ""),
            "collective": row["collective"], "individual": row["individual"], "household": row["household"],
            "total": row["total"], "_order": known.get("sort_order", 999),
        })  # fmt: skip
    level_rank = {level: rank for rank, level in enumerate(LEVEL_ORDER)}
    result.sort(key=lambda row: (level_rank.get(row["level"], 9), row["_order"], row["name"]))
    for row in result:
        del row["_order"]
    return result


def by_level(types: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Totals per level (Nhà nước, tỉnh, cơ sở), from the per-type rows: every level listed, even at zero."""
    labels = dict(AwardLevel.choices)
    rows = {level: {"level": level, "label": str(labels[level]), "collective": 0, "individual": 0, "household": 0,
                    "total": 0} for level in LEVEL_ORDER}  # fmt: skip
    for row in types:
        bucket = rows.get(row["level"])
        if bucket is None:
            continue
        for key in ("collective", "individual", "household", "total"):
            bucket[key] += row[key]
    return list(rows.values())


def by_recipient(types: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Collectives, individuals, households."""
    return [
        {"kind": key, "label": label, "count": sum(row[key] for row in types)}
        for key, label in (("collective", _("Tập thể")), ("individual", _("Cá nhân")), ("household", _("Hộ gia đình")))
    ]


def shares(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The shares of DOMAIN.md §8 among the awards to individuals, from their snapshots, with numerator and
    denominator: direct workers (``is_direct_worker``: công nhân, nông dân, người trực tiếp lao động, sản xuất, công
    tác), women, ethnic minorities, leaders (lãnh đạo from deputy head of division up: the three leader groups of
    ``PositionCategory``) and staff (everyone else)."""
    counts = {field: sum(row[field] for row in rows) for field in ("individual", "direct", "women", "minority",
                                                                   "leaders", "staff")}  # fmt: skip
    denominator = counts["individual"]
    labels = (
        ("direct_workers", "direct", _("Người trực tiếp lao động, sản xuất, công tác")),
        ("women", "women", _("Nữ")),
        ("ethnic_minorities", "minority", _("Người dân tộc thiểu số")),
        ("leaders", "leaders", _("Lãnh đạo, quản lý")),
        ("staff", "staff", _("Không giữ chức vụ lãnh đạo")),
    )
    return [{"key": key, "label": label, "numerator": counts[field], "denominator": denominator,
             "percent": percent(counts[field], denominator)} for key, field, label in labels]  # fmt: skip


def percent(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def scope_roots(user) -> list[OrgUnit]:
    """The units the scope starts from (the roots of the tree for a superuser)."""
    scope = scope_for(user)
    if scope.everything:
        return list(OrgUnit.objects.filter(parent__isnull=True).order_by("path"))
    return list(OrgUnit.objects.filter(path__in=scope.unit_paths).order_by("path"))


def scope_name(user) -> str:
    """The units a report covers, for its heading."""
    if scope_for(user).everything:
        return _("Toàn hệ thống")
    return "; ".join(unit.name for unit in scope_roots(user))


def _home_path() -> Coalesce:
    """The place of an award in the tree: a collective's own unit, a household's commune, a person's primary unit on
    the decision date — the unit the snapshot's ``unit_name`` was taken from (records.services.recipient_snapshot) —
    else the unit that owns the person's record."""
    membership = (
        Membership.objects.filter(person_id=OuterRef("person_id"), is_primary=True)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("decision_date")))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("decision_date")))
        .order_by("pk")
        .values("unit__path")[:1]
    )
    return Coalesce(F("unit__path"), F("household__unit__path"), Subquery(membership), F("person__owner_unit__path"))


def by_unit(rows: list[dict[str, Any]], roots: list[OrgUnit]) -> list[dict[str, Any]]:
    """Awards per top-level unit of the scope: each child of the scope's root(s) with its subtree, the root's own
    awards on the root's row, and those that cannot be placed (a person without a unit) on a last row. An award's
    unit is the ``top`` of the tally: ``_home_path`` cut to the depth of the roots' children."""
    if not roots:
        return []
    counts = _sum_by(rows, "top")
    units = {unit.path: unit for unit in OrgUnit.objects.filter(path__in=[key for key in counts if key])}
    result = []
    unknown = {"individual": 0, "total": 0}
    for key, row in counts.items():
        unit = units.get(key)
        if unit is None:
            unknown["individual"] += row["individual"]
            unknown["total"] += row["total"]
            continue
        result.append({"unit_id": unit.pk, "name": unit.name, "path": unit.path, "individual": row["individual"],
                       "collective_or_household": row["total"] - row["individual"], "total": row["total"]})  # fmt: skip
    result.sort(key=lambda row: (-row["total"], row["path"]))
    if unknown["total"]:
        result.append({"unit_id": None, "name": _("Chưa xác định đơn vị"), "path": "",
                       "individual": unknown["individual"],
                       "collective_or_household": unknown["total"] - unknown["individual"],
                       "total": unknown["total"]})  # fmt: skip
    for row in result:
        del row["path"]
    return result


def money(rows: list[dict[str, Any]], names: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Reward money of the counted awards: the amounts fixed on the lines of signed decisions at signing
    (``DecisionItem.amount``, as ``decisions.payments.totals`` sums them), total and per award code (the codes with
    at least one such line).

    ``payments.totals`` sums whole decisions of an authority (the finance office's view); a report in a scope must
    count only the lines of the awards it counts, so the same sum is taken here over those lines (``_PAID``)."""
    per_code = {code: row for code, row in _sum_by(rows, "award_code").items() if row["items"]}
    per_type = [{"code": code, "name": names.get(code, {}).get("name", code), "items": row["items"],
                 "amount": int(row["amount"])} for code, row in per_code.items()]  # fmt: skip
    per_type.sort(key=lambda row: (-row["amount"], row["name"]))
    return {"total": sum(row["amount"] for row in per_type), "items": sum(row["items"] for row in per_type),
            "by_type": per_type}  # fmt: skip


def summary(rows: list[dict[str, Any]], roots: list[OrgUnit], names: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Everything a report shows about the awards of a tally."""
    types = by_type(rows, names)
    return {
        "total": sum(row["total"] for row in types),
        "by_type": types,
        "by_level": by_level(types),
        "by_recipient": by_recipient(types),
        "by_unit": by_unit(rows, roots),
        "shares": shares(rows),
        "money": money(rows, names),
    }


def breakdown(awards: QuerySet[Award], user, names: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Everything a report shows about a set of awards: one tally of them."""
    roots = scope_roots(user)
    return summary(tally(awards, roots), roots, names if names is not None else _award_names())


# --- Year on year, trend ----------------------------------------------------------------------------------------


def history(user, period: Period, years: int = TREND_YEARS) -> dict[str, dict[int, int]]:
    """In-force awards in scope per award code and period, for the ``years`` periods up to ``period`` and the one
    before it: {code: {year: awards}}. One query (a count per period) for both the trend and the year on year."""
    wanted = sorted({period.year - back for back in range(years)} | {period.previous.year})
    periods = [Period(year, period.basis) for year in wanted]
    rows = (
        scoped(Award, user)
        .in_force()
        .filter(decision_date__gte=periods[0].start, decision_date__lte=period.end)
        .order_by()
        .values("award_code")
        .annotate(**{f"y{p.year}": Count("pk", filter=Q(decision_date__gte=p.start, decision_date__lte=p.end))
                     for p in periods})
    )  # fmt: skip
    return {row["award_code"]: {p.year: row[f"y{p.year}"] for p in periods} for row in rows}


def year_on_year(counts: dict[str, dict[int, int]], period: Period, names: dict[str, dict[str, Any]]) -> list[dict]:
    """Per award code awarded in either period: this period, the one before, the difference."""
    level_rank = {level: rank for rank, level in enumerate(LEVEL_ORDER)}
    result = []
    for code, per_year in counts.items():
        current, previous = per_year[period.year], per_year[period.previous.year]
        if not current and not previous:
            continue
        known = names.get(code, {})
        result.append({"code": code, "name": known.get("name", code), "level": known.get("level", ""),
                       "current": current, "previous": previous, "change": current - previous,
                       "_order": (level_rank.get(known.get("level"), 9), known.get("sort_order", 999))})  # fmt: skip
    result.sort(key=lambda row: (row["_order"], row["name"]))
    for row in result:
        del row["_order"]
    return result


def trend(counts: dict[str, dict[int, int]], period: Period, years: int = TREND_YEARS) -> list[dict[str, Any]]:
    """Awards per period over the last ``years`` periods (oldest first)."""
    wanted = [period.year - back for back in range(years - 1, -1, -1)]
    return [{"year": year, "total": sum(per_year[year] for per_year in counts.values())} for year in wanted]


# --- Movement compliance ----------------------------------------------------------------------------------------


def compliance(movement: Movement, user) -> dict[str, Any]:
    """One movement's answers, from ``movements.queries.compliance_summary``: per obligation (plan, registration,
    report) how many were sent (on time + late) of how many are owed, late, missing."""
    rows = movement_queries.compliance_rows(movement, user=user)
    overall = movement_queries.compliance_summary(rows)["overall"]
    obligations = []
    labels = (("plan", _("Kế hoạch hưởng ứng")), ("registration", _("Đăng ký thi đua")), ("report", _("Báo cáo")))
    for key, label in labels:
        counts = overall[key]
        obligations.append({"kind": key, "label": label, "answered": counts["answered"], "total": counts["total"],
                            "on_time": counts["on_time"], "late": counts["late"], "missing": counts["missing"],
                            "not_due": counts["not_due"],
                            "percent": percent(counts["answered"], counts["total"])})  # fmt: skip
    return {"movement_id": movement.pk, "title": movement.title, "units": overall["units"],
            "obligations": obligations}  # fmt: skip


def movements_of(user, period: Period) -> QuerySet[Movement]:
    """Launched or closed movements the user sees whose time overlaps the period, latest first."""
    return (
        scoped(Movement, user)
        .filter(state__in=(MovementState.LAUNCHED, MovementState.CLOSED))
        .filter(period_start__lte=period.end, period_end__gte=period.start)
        .order_by("-period_start", "-pk")
    )


# --- The reports ------------------------------------------------------------------------------------------------


def year_report(user, year: int, basis: str = WINDOW) -> dict[str, Any]:
    """The year report of the user's scope: two passes over the awards, one tally of the period for the breakdowns
    and one count per period for the trend and the year on year."""
    period = Period(year, basis if basis in BASES else WINDOW)
    names = _award_names()
    counts = history(user, period)
    movements = list(movements_of(user, period)[: MAX_MOVEMENTS + 1])
    return {
        "year": period.year,
        "basis": period.basis,
        "start": period.start,
        "end": period.end,
        "label": period.label,
        **breakdown(awards_in(user, period), user, names),
        "year_on_year": year_on_year(counts, period, names),
        "trend": trend(counts, period),
        "compliance": [compliance(movement, user) for movement in movements[:MAX_MOVEMENTS]],
        "more_movements": len(movements) > MAX_MOVEMENTS,
    }


def movement_report(user, movement: Movement) -> dict[str, Any]:
    """The report of one movement: its awards (in the user's scope) and how the units answered it."""
    return {
        "movement_id": movement.pk,
        "title": movement.title,
        "period_start": movement.period_start,
        "period_end": movement.period_end,
        **breakdown(movement_awards(user, movement), user),
        "compliance": compliance(movement, user),
    }
