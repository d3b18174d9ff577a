"""The official yearly forms Biểu 0601–0603.N/BNV-TĐKT: loading their specs, picking the one in force, counting.

A form is data (``ReportFormSpec.spec``, seeded from ``data/forms/*.yaml``): a column tree, a row list and the
form's checks, where each row and column says which *facts* it counts by their attributes. This module turns the
database into facts — for 0601 one per movement, for 0602/0603 one per group of alike awards (a set-based
``values().annotate(Count)``, never a loop over awards) — and adds them up into the form's cells.

Reporting window (TT 2/2023/TT-BNV, TĐKT field; ``thidua.records.reporting``): 1 December of the previous year to
30 November of the reporting year, by decision date. Only awards in force count (``Award.objects.in_force()``: not
revoked), only those the user sees (``scoped``) inside the reporting unit's subtree.

How the system's data is mapped onto the form's rows and columns is an interpretation where the form gives no
explanation note: it lives in each spec's ``mapping`` (see the YAML for the reasons) and is summarised on the page
(``notes``). In short:

* 0601 (movements, interpretation [L]): a movement counts when it is not a draft and its plan was issued
  (``document_date``, else the day it was launched) inside the window. Columns 2–4 (launching level) follow the
  issuing authority's ``AuthorityKind.level``: ``state`` (President, Prime Minister) → central, ``province``
  (ministers, provincial chairmen — ``is_central`` does not move a minister to column 2: the form puts ministries in
  column 3) → column 3, ``grassroots`` → column 4; without an authority, the launching unit's kind level (0–1 →
  column 3, deeper → column 4). Rows 02–05 (scope): a movement of a cụm/khối (it has a covenant or a score sheet)
  is row 04 (the 2018 form has no such row: there it follows its level), any other follows its launching level
  (central → 02, bộ/tỉnh → 03, lower → 05). Rows 06–10: the length from ``period_start`` to ``period_end``
  inclusive; exactly one year is row 07, more than one year row 08. Rows 11/12: ``Movement.kind``
  thematic/regular.
* 0602/0603 (awards): see ``award_facts`` and the YAML ``mapping``.

Versions: ``data/forms/tt03_2018.yaml`` (Biểu 0701–0703, reporting years up to 2022) and ``tt02_2023.yaml``
(0601–0603, from 10/5/2023); the version in force on the window's last day is used, the latest when two are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scoped
from thidua.catalog.loader import CatalogDataError, register_data_file, register_section, upsert
from thidua.catalog.models import AwardType
from thidua.core.scoping import Scope
from thidua.movements.enums import MovementState
from thidua.movements.models import Covenant, Movement, ScoreSheet
from thidua.orgs.models import OrgUnit
from thidua.records.models import Award
from thidua.records.reporting import reporting_window
from thidua.reports.models import ReportFormSpec, ReportSource
from thidua.reports.official_checks import failed_checks, parse_check

FORMS_DIR = Path(__file__).resolve().parent / "data" / "forms"

ROW_KEYS = {"code", "regime", "number", "title", "legal_source", "confidence", "source", "valid_from", "valid_to",
            "sort_order", "spec"}  # fmt: skip
SPEC_KEYS = {"issued_by", "deadline", "receiver", "measure", "unit_column", "award_levels", "universe", "leaves",
             "columns", "rows", "checks", "mapping", "notes"}  # fmt: skip


# --- Loading (``thidua load_catalog``) ---------------------------------------------------------------------------


def _check_spec(code: str, spec: dict) -> None:
    unknown = set(spec) - SPEC_KEYS
    missing = {"columns", "rows", "checks"} - set(spec)
    if unknown or missing:
        raise CatalogDataError(f"{code}: spec: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    codes = [row["code"] for row in spec["rows"] if row.get("code")]
    if len(codes) != len(set(codes)):
        raise CatalogDataError(f"{code}: duplicate row codes")
    for text in spec["checks"]:
        parse_check(text)


def load_report_form(row: dict, cache: dict) -> str:
    """One form version of a YAML file, matched by code + valid_from."""
    unknown, missing = set(row) - ROW_KEYS, {"code", "regime", "number", "title", "legal_source", "source",
                                             "valid_from", "spec"} - set(row)  # fmt: skip
    if unknown or missing:
        raise CatalogDataError(f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    _check_spec(row["code"], row["spec"])
    values = {
        "regime": row["regime"],
        "number": row["number"],
        "title": row["title"],
        "legal_source": row["legal_source"],
        "confidence": row.get("confidence", "M"),
        "source": row["source"],
        "valid_to": row.get("valid_to"),
        "sort_order": row.get("sort_order", 100),
        "spec": row["spec"],
    }
    return upsert(ReportFormSpec, {"code": row["code"], "valid_from": row["valid_from"]}, values)


def register() -> None:
    """Called from ``ReportsConfig.ready``: ``thidua load_catalog`` seeds the forms too, after the catalog."""
    register_section("report_forms", ReportFormSpec, load_report_form)
    for path in sorted(FORMS_DIR.glob("*.yaml")):
        register_data_file(path)


# --- The spec in force ------------------------------------------------------------------------------------------


def forms_for_year(year: int) -> list[ReportFormSpec]:
    """One version per form code: the latest in force (a successor circular's version wins over an open-ended
    older one), in the forms' order."""
    latest: dict[str, ReportFormSpec] = {}
    for form in ReportFormSpec.objects.for_year(year).order_by("valid_from"):
        latest[form.code] = form
    return sorted(latest.values(), key=lambda form: (form.sort_order, form.code))


def form_for_year(code: str, year: int) -> ReportFormSpec | None:
    return ReportFormSpec.objects.for_year(year).filter(code=code).order_by("-valid_from").first()


# --- Facts -----------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Fact:
    """One counted thing (or a group of alike things): its attributes and how many."""

    attrs: dict[str, str]
    count: int = 1


def matches(attrs: dict[str, str], select: dict[str, list] | None) -> bool:
    return all(str(attrs.get(name, "")) in {str(value) for value in values} for name, values in (select or {}).items())


def _unit_scope(unit: OrgUnit) -> Scope:
    return Scope(unit_paths=(unit.path,))


def duration_bucket(start: dt.date, end: dt.date) -> str:
    """Rows 06–10 of 0601: under 1 year, exactly 1 year, over 1 and under 3, 3 to under 5, 5 and more.
    ``end`` is the last day of the movement (inclusive)."""
    after = end + dt.timedelta(days=1)

    def plus_years(years: int) -> dt.date:
        try:
            return start.replace(year=start.year + years)
        except ValueError:  # 29 February
            return start.replace(year=start.year + years, day=28)

    if after < plus_years(1):
        return "lt1"
    if after == plus_years(1):
        return "y1"
    if after < plus_years(3):
        return "y1_3"
    if after < plus_years(5):
        return "y3_5"
    return "ge5"


def movement_facts(spec: dict, user, unit: OrgUnit, year: int) -> list[Fact]:
    """One fact per movement launched in the window, in the user's scope and the unit's subtree (a unit launches
    tens of movements a year, not thousands: they are classified in Python from one query's rows)."""
    start, end = reporting_window(year)
    mapping = spec.get("mapping", {})
    zone = timezone.get_current_timezone()
    window_start = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    window_end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    in_window = Q(document_date__gte=start, document_date__lte=end) | Q(
        document_date__isnull=True, launched_at__gte=window_start, launched_at__lt=window_end
    )
    cluster_run = Exists(Covenant.objects.filter(movement=OuterRef("pk"))) | Exists(
        ScoreSheet.objects.filter(movement=OuterRef("pk"))
    )
    movements = (
        scoped(Movement, user)
        .visible_to(_unit_scope(unit))
        .exclude(state=MovementState.DRAFT)
        .filter(in_window)
        .annotate(is_cluster=cluster_run)
        .values(
            "kind",
            "period_start",
            "period_end",
            "issuing_authority__kind__level",
            "issuer_unit__kind__level",
            "is_cluster",
        )
    )
    facts = []
    for row in movements:
        level = row["issuing_authority__kind__level"]
        if level:
            launch = mapping["launch_by_authority_level"].get(level, mapping["launch_default"])
        else:
            launch = mapping["launch_by_unit_level"].get(
                str(row["issuer_unit__kind__level"]), mapping["launch_default"]
            )
        # A form with a cụm/khối row names it (``cluster_scope``); one without counts a cluster's by its level.
        cluster_scope = mapping.get("cluster_scope")
        scope = cluster_scope if row["is_cluster"] and cluster_scope else mapping["scope_by_launch"][launch]
        facts.append(Fact({
            "launch": launch,
            "scope": scope,
            "duration": duration_bucket(row["period_start"], row["period_end"]),
            "method": mapping["method_by_kind"].get(row["kind"], row["kind"]),
        }))  # fmt: skip
    return facts


def awards_in_window(user, unit: OrgUnit, year: int, levels: Iterable[str]) -> QuerySet[Award]:
    start, end = reporting_window(year)
    return (
        scoped(Award.objects.in_force(), user)
        .visible_to(_unit_scope(unit))
        .filter(decision_date__gte=start, decision_date__lte=end, award_type__level__in=list(levels))
    )


def award_facts(spec: dict, user, unit: OrgUnit, year: int) -> list[Fact]:
    """Groups of alike awards (code, kind, recipient, enterprise, class, mode) counted by the database.

    Recipient: a unit → collective (an enterprise when its unit kind is listed in ``enterprise_unit_kinds``: the
    ``enterprise`` kind of orgs), a household → household, a person → individual. The individual's class comes
    from the award's snapshot (``position_category``; ``is_direct_worker`` puts them in the direct row), the mode
    from ``commendation_kind``, the submitter from the reporting unit's kind level — all through the spec's mapping.
    """
    mapping = spec.get("mapping", {})
    recipient = Case(
        When(unit__isnull=False, then=Value("collective")),
        When(household__isnull=False, then=Value("household")),
        default=Value("individual"),
        output_field=CharField(),
    )
    groups = (
        awards_in_window(user, unit, year, spec.get("award_levels", []))
        .annotate(recipient=recipient, award_kind=F("award_type__kind"), unit_kind=F("unit__kind__code"))
        .values(
            "award_code",
            "award_kind",
            "recipient",
            "unit_kind",
            "position_category",
            "is_direct_worker",
            "commendation_kind",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    submitter = mapping.get("submitter_by_unit_level", {}).get(str(unit.kind.level), mapping.get("submitter_default"))
    enterprise_kinds = set(mapping.get("enterprise_unit_kinds", []))
    facts = []
    for row in groups:
        individual = row["recipient"] == "individual"
        if not individual:
            klass = ""
        elif row["is_direct_worker"]:
            klass = mapping["direct_worker_class"]
        else:
            klass = mapping["individual_classes"].get(row["position_category"], mapping["individual_class_default"])
        facts.append(Fact({
            "award_code": row["award_code"],
            "award_kind": row["award_kind"],
            "recipient": row["recipient"],
            "enterprise": "yes" if row["recipient"] == "collective" and row["unit_kind"] in enterprise_kinds else "no",
            "individual_class": klass,
            "mode": mapping["modes"].get(row["commendation_kind"], mapping["mode_default"]),
            "submitter": submitter or "",
        }, row["n"]))  # fmt: skip
    return facts


# --- The column tree -------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Column:
    """A header cell; the leaves (no children) hold figures. ``key`` numbers the key row ("1", "2" …)."""

    label: str
    key: str = ""
    select: dict | None = None
    hint: str = ""
    key_note: str = ""
    children: list[Column] = dataclasses.field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def leaves(self) -> list[Column]:
        return [self] if self.is_leaf else [leaf for child in self.children for leaf in child.leaves()]

    def depth(self) -> int:
        return 1 + max((child.depth() for child in self.children), default=0)


def _group_of(groups: list[dict], attrs: dict[str, str]) -> int | None:
    """The first group (in the form's order) that claims an award code; ``rest`` claims any left."""
    for index, group in enumerate(groups):
        if group["group"] == "rest" or matches(attrs, group["group"]):
            return index
    return None


def _award_names(codes: Iterable[str], on: dt.date) -> dict[str, str]:
    """Each code's short name in the version in force at the window's end (else its latest version)."""
    names: dict[str, str] = {}
    for award_type in AwardType.objects.filter(code__in=list(codes)).order_by("valid_from"):
        if award_type.valid_from <= on or award_type.code not in names:
            names[award_type.code] = award_type.short_name or award_type.name
    return names


def build_columns(spec: dict, facts: list[Fact], year: int) -> tuple[list[Column], dict | None]:
    """The spec's column tree with the dynamic groups expanded (one column or pair per award code present), and
    the universe: which award codes the form counts at all (None: every fact)."""
    grouped = [node for node in _walk(spec["columns"]) if "group" in node]
    if not grouped:
        return [_column(node, spec, {}) for node in spec["columns"]], None
    codes_by_group: dict[int, list[str]] = {index: [] for index in range(len(grouped))}
    kinds = {fact.attrs["award_code"]: fact.attrs["award_kind"] for fact in facts}
    for code in sorted(kinds):
        index = _group_of(grouped, {"award_code": code, "award_kind": kinds[code]})
        if index is not None:
            codes_by_group[index].append(code)
    names = _award_names(kinds, reporting_window(year)[1])
    claims = {id(node): codes_by_group[index] for index, node in enumerate(grouped)}
    counted = sorted(code for codes in codes_by_group.values() for code in codes)
    context = {"claims": claims, "names": names}
    return [_column(node, spec, context) for node in spec["columns"]], {"award_code": counted}


def _walk(nodes: list[dict]) -> Iterable[dict]:
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


def _column(node: dict, spec: dict, context: dict) -> Column:
    column = Column(label=node["label"], key=node.get("number", ""), select=node.get("select"),
                    hint=node.get("hint", ""), key_note=node.get("key_note", ""))  # fmt: skip
    if "children" in node:
        column.children = [_column(child, spec, context) for child in node["children"]]
    elif "group" in node:
        codes = context["claims"][id(node)]
        leaf_kinds = node.get("leaves", [])
        if node.get("per_award"):
            column.children = [
                Column(label=context["names"].get(code, code), select={"award_code": [code]},
                       children=_leaves(spec, leaf_kinds, {"award_code": [code]}))
                for code in codes
            ]  # fmt: skip
            if not column.children:
                # No award of this group in the window: one empty pair keeps the form's shape.
                column.children = _leaves(spec, leaf_kinds, {"award_code": []})
        elif leaf_kinds:
            column.children = _leaves(spec, leaf_kinds, {"award_code": codes})
        else:
            column.select = {"award_code": codes}
    return column


def _leaves(spec: dict, kinds: list[str], select: dict) -> list[Column]:
    leaves = spec.get("leaves", {})
    return [Column(label=leaves[kind]["label"], select={**select, **leaves[kind]["select"]}) for kind in kinds]


# --- The report ------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Row:
    code: str
    label: str
    indent: int
    style: str
    unit: str
    values: list[int | None]


@dataclasses.dataclass
class OfficialReport:
    """A form filled for a unit and a year: header rows, leaf columns, rows with one value per leaf, failed checks."""

    form: ReportFormSpec
    unit: OrgUnit
    year: int
    columns: list[Column]
    rows: list[Row]
    excluded: list[dict[str, Any]]

    @property
    def spec(self) -> dict:
        return self.form.spec

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        return reporting_window(self.year)

    @cached_property
    def leaves(self) -> list[Column]:
        return [leaf for column in self.columns for leaf in column.leaves()]

    @property
    def receiver(self) -> str:
        return self.unit.parent.name if self.unit.parent_id else self.spec.get("receiver", "")

    def header_rows(self) -> list[list[dict[str, Any]]]:
        """The column headers as table rows of cells (label, colspan, rowspan), below the letter columns."""
        depth = max(column.depth() for column in self.columns)
        grid: list[list[dict[str, Any]]] = [[] for _ in range(depth)]

        def place(column: Column, level: int) -> None:
            span = len(column.leaves())
            rowspan = 1 if column.children else depth - level
            grid[level].append({"label": column.label, "hint": column.hint, "colspan": span, "rowspan": rowspan})
            for child in column.children:
                place(child, level + 1)

        for column in self.columns:
            place(column, 0)
        return grid

    def key_cells(self) -> list[dict[str, Any]]:
        """The key row after A, B (, C): each numbered column once, spanning its leaves."""
        cells: list[dict[str, Any]] = []

        def visit(column: Column, key: str, note: str) -> None:
            key, note = (column.key, column.key_note) if column.key else (key, note)
            if column.is_leaf:
                if cells and cells[-1]["key"] == key and key:
                    cells[-1]["colspan"] += 1
                else:
                    cells.append({"key": key, "label": note or key, "colspan": 1})
            for child in column.children:
                visit(child, key, note)

        for column in self.columns:
            visit(column, "", "")
        return cells

    def value(self, row_code: str, leaf_index: int) -> int | None:
        for row in self.rows:
            if row.code == row_code:
                return row.values[leaf_index]
        raise KeyError(row_code)

    @cached_property
    def failed_checks(self) -> list[dict[str, Any]]:
        return failed_checks(self)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of the API: the form, its window, columns (leaves with their header path), rows, checks."""
        start, end = self.window
        paths = _leaf_paths(self.columns)
        return {
            "code": self.form.code,
            "number": self.form.number,
            "title": self.form.title,
            "regime": self.form.regime,
            "legal_source": self.form.legal_source,
            "year": self.year,
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "unit": {"id": self.unit.pk, "name": self.unit.name},
            "receiver": self.receiver,
            "columns": [{"index": index, "key": key, "header": path} for index, (key, path) in enumerate(paths)],
            "rows": [
                {
                    "code": row.code,
                    "label": row.label,
                    "indent": row.indent,
                    "style": row.style,
                    "unit": row.unit,
                    "values": row.values,
                }
                for row in self.rows
            ],
            "checks": self.failed_checks,
            "excluded": self.excluded,
            "notes": self.spec.get("notes", []),
        }


def _leaf_paths(columns: list[Column]) -> list[tuple[str, list[str]]]:
    paths: list[tuple[str, list[str]]] = []

    def visit(column: Column, key: str, trail: list[str]) -> None:
        key = column.key or key
        trail = [*trail, column.label]
        if column.is_leaf:
            paths.append((key, trail))
        for child in column.children:
            visit(child, key, trail)

    for column in columns:
        visit(column, "", [])
    return paths


def _cell(facts: list[Fact], universe: dict | None, row_select: dict | None, column_select: dict | None) -> int:
    return sum(fact.count for fact in facts
               if matches(fact.attrs, universe) and matches(fact.attrs, row_select)
               and matches(fact.attrs, column_select))  # fmt: skip


def build_report(form: ReportFormSpec, user, unit: OrgUnit, year: int) -> OfficialReport:
    """Fill ``form`` for ``unit`` and ``year`` with what ``user`` sees."""
    spec = form.spec
    if form.source == ReportSource.MOVEMENTS:
        facts = movement_facts(spec, user, unit, year)
    else:
        facts = award_facts(spec, user, unit, year)
    columns, universe = build_columns(spec, facts, year)
    # A movement form may count only some facts at all (the 2018 form: central and provincial movements).
    universe = {**(universe or {}), **spec.get("universe", {})} or None
    leaves = [leaf for column in columns for leaf in column.leaves()]
    rows = []
    for item in spec["rows"]:
        code = item.get("code", "")
        values = [_cell(facts, universe, item.get("select"), leaf.select) for leaf in leaves] if code else []
        rows.append(Row(code=code, label=item["label"], indent=item.get("indent", 0),
                        style=item.get("style", "item"), unit=item.get("unit", ""), values=values))  # fmt: skip
    excluded = _excluded(facts, universe, year) if form.source == ReportSource.AWARDS else []
    return OfficialReport(form=form, unit=unit, year=year, columns=columns, rows=rows, excluded=excluded)


def _excluded(facts: list[Fact], universe: dict | None, year: int) -> list[dict[str, Any]]:
    """Awards of the form's level that no column counts (e.g. Tập thể lao động xuất sắc in 0603), per code."""
    if universe is None:
        return []
    left: dict[str, int] = {}
    for fact in facts:
        if not matches(fact.attrs, universe):
            left[fact.attrs["award_code"]] = left.get(fact.attrs["award_code"], 0) + fact.count
    names = _award_names(left, reporting_window(year)[1])
    return [{"award_code": code, "name": names.get(code, code), "count": count} for code, count in sorted(left.items())]


def describe_missing(year: int) -> str:
    return _("Chưa có biểu mẫu báo cáo thống kê nào có hiệu lực cho năm %(year)s.") % {"year": year}
