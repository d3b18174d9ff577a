"""Ratings (xếp loại chất lượng) of people and units, one row per subject and year.

The subject is a person of the row's unit (by personal ID number, or by name narrowed by birth date), or — with the
name left empty — the unit itself. A subject already rated for the year is a duplicate: the row is skipped and the
dry run shows the rating already there (with its level when it differs); the same subject twice in the file is a
duplicate of the earlier row with the same level, an error with another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.scoping import Scope
from thidua.core.text import fold
from thidua.imports.base import CREATE, PROGRESS_EVERY, SKIP, Column, Duplicate, Importer, Plan, Progress, Row, register
from thidua.imports.kinds._subjects import SUBJECT_COLUMNS, YEAR_COLUMN, SubjectLookup, row_subject, subject_label
from thidua.orgs.models import OrgUnit, PeriodKind, Person
from thidua.records.enums import RatingLevel

CHUNK = 500  # ids per IN (…) query
FIRST_YEAR = 1945
_SCHOOL_YEAR = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")

# Levels by their folded label, code, and the abbreviations offices write ("HTXSNV").
_LEVELS = (
    {fold(str(label)): value for value, label in RatingLevel.choices}
    | {value: value for value in RatingLevel.values}
    | {
        "htxsnv": RatingLevel.EXCELLENT,
        "httnv": RatingLevel.GOOD,
        "htnv": RatingLevel.DONE,
        "khtnv": RatingLevel.NOT_DONE,
    }
)
_PERIODS = {fold(str(label)): value for value, label in PeriodKind.choices} | {value: value for value in PeriodKind}


def parse_year(text: str) -> tuple[int | None, str | None, bool]:
    """(year, period kind or None, ok): "2023", or a school year "2022-2023" (kept by the year it ends in)."""
    text = text.strip()
    school = _SCHOOL_YEAR.match(text)
    if school:
        start, end = int(school.group(1)), int(school.group(2))
        return (end, PeriodKind.SCHOOL_YEAR, True) if end == start + 1 else (None, None, False)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return year, None, FIRST_YEAR <= year <= timezone.localdate().year + 1
    return None, None, False


@register
class RatingsImporter(Importer):
    kind = "ratings"
    title = gettext_lazy("Xếp loại chất lượng")
    description = gettext_lazy(
        "Mỗi dòng là xếp loại của một cá nhân (hoặc của đơn vị, nếu để trống họ tên) trong một năm. "
        "Đã có xếp loại năm đó thì bỏ qua và báo trùng."
    )
    order = 30
    columns = (
        *SUBJECT_COLUMNS,
        YEAR_COLUMN,
        Column(
            "level",
            gettext_lazy("Mức xếp loại"),
            required=True,
            help=gettext_lazy(
                "Hoàn thành xuất sắc nhiệm vụ / Hoàn thành tốt nhiệm vụ / Hoàn thành nhiệm vụ / "
                "Không hoàn thành nhiệm vụ (hoặc HTXSNV, HTTNV, HTNV, KHTNV)."
            ),
            example="Hoàn thành tốt nhiệm vụ",
        ),
        Column(
            "period_kind",
            gettext_lazy("Loại kỳ"),
            help=gettext_lazy("Năm dương lịch hoặc Năm học; để trống thì theo lĩnh vực của đơn vị."),
        ),
        Column("note", gettext_lazy("Ghi chú")),
    )

    def prepare(self, rows: Iterable[Row], *, by, scope: Scope, progress: Progress | None = None) -> Plan:
        plan = Plan(self.kind)
        lookup = SubjectLookup(scope)
        parsed = [
            item for row in self.each_row(plan, rows, progress) if (item := self._parse(plan, row, lookup)) is not None
        ]
        self._classify(plan, parsed)
        return plan

    def _parse(self, plan: Plan, row: Row, lookup: SubjectLookup):
        errors_before = len(plan.errors)
        unit, person, _ok = row_subject(self, plan, row, lookup)
        year_text = self.required(plan, row, "year")
        year, period_kind, ok = parse_year(year_text) if year_text else (None, None, True)
        if not ok:
            plan.error(row, self.column("year"), _("“%(value)s” không phải năm hợp lệ.") % {"value": year_text})
        level_text = self.required(plan, row, "level")
        level = _LEVELS.get(fold(level_text).replace(" ", "")) or _LEVELS.get(fold(level_text))
        if level_text and level is None:
            plan.error(row, self.column("level"), _("không có mức xếp loại “%(value)s”.") % {"value": level_text})
        if row.get("period_kind"):
            period_kind = _PERIODS.get(fold(row.get("period_kind")))
            if period_kind is None:
                plan.error(
                    row, self.column("period_kind"), _("“%(value)s”: ghi Năm dương lịch hoặc Năm học.")
                    % {"value": row.get("period_kind")}
                )  # fmt: skip
        note = row.get("note")
        if len(note) > 500:
            plan.error(row, self.column("note"), _("không quá 500 ký tự."))
        if len(plan.errors) != errors_before:
            return None
        return row, unit, person, year, level, period_kind, note

    def _classify(self, plan: Plan, parsed: list) -> None:
        existing = _existing_ratings(parsed)
        seen: dict[tuple, tuple[int, str]] = {}
        for row, unit, person, year, level, period_kind, note in parsed:
            key = (("person", person.pk) if person else ("unit", unit.pk), year)
            label = f"{subject_label(unit, person)} — {year}: {RatingLevel(level).label}"
            if key in seen:
                earlier_row, earlier_level = seen[key]
                if earlier_level != level:
                    plan.error(row, self.column("level"),
                               _("khác mức xếp loại ở dòng %(row)s cho cùng năm.") % {"row": earlier_row})  # fmt: skip
                    continue
                plan.duplicates.append(
                    Duplicate(row.number, _("trùng với dòng %(row)s của tệp.") % {"row": earlier_row})
                )
                plan.add(row, SKIP, label, _("Trùng: bỏ qua"))
                continue
            seen[key] = (row.number, level)
            if key in existing:
                pk, old_level = existing[key]
                message = _("Đã có xếp loại năm %(year)s: %(level)s.") % {
                    "year": year,
                    "level": RatingLevel(old_level).label,
                }
                plan.duplicates.append(Duplicate(row.number, message, True, pk))
                plan.add(row, SKIP, label, _("Trùng: đã có") if old_level == level else _("Đã có, khác mức"))
                continue
            plan.add(row, CREATE, label, unit=unit, person_id=person.pk if person else None, year=year, level=level,
                     period_kind=period_kind, rating_note=note)  # fmt: skip

    def apply(self, plan: Plan, *, by, progress: Progress | None = None) -> dict[str, int]:
        from thidua.records.services import create_rating

        entries = [entry for entry in plan.entries if entry.action == CREATE]
        people = Person.objects.in_bulk({e.data["person_id"] for e in entries if e.data["person_id"]})
        for done, entry in enumerate(entries, start=1):
            data = entry.data
            person = people[data["person_id"]] if data["person_id"] else None
            unit: OrgUnit = data["unit"]
            create_rating(
                by=by,
                year=data["year"],
                level=data["level"],
                person=person,
                unit=None if person else unit,
                rated_unit=unit if person else None,
                period_kind=data["period_kind"],
                note=data["rating_note"],
            )
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if progress:
            progress(len(entries))
        return {"created": len(entries), "updated": 0, "skipped": plan.count(SKIP)}


def _existing_ratings(parsed: list) -> dict[tuple, tuple[int, str]]:
    """Ratings already there for the subjects and years of the file, by ((kind, id), year)."""
    from thidua.records.models import Rating

    person_ids = sorted({person.pk for _r, _u, person, *_rest in parsed if person})
    unit_ids = sorted({unit.pk for _r, unit, person, *_rest in parsed if not person})
    years = {item[3] for item in parsed}
    found: dict[tuple, tuple[int, str]] = {}
    chunks = [Q(person_id__in=person_ids[i : i + CHUNK]) for i in range(0, len(person_ids), CHUNK)]
    chunks += [Q(unit_id__in=unit_ids[i : i + CHUNK]) for i in range(0, len(unit_ids), CHUNK)]
    for condition in chunks:
        rows = Rating.objects.filter(condition, year__in=years).order_by()
        for pk, person_id, unit_id, year, level in rows.values_list("pk", "person_id", "unit_id", "year", "level"):
            found[(("person", person_id) if person_id else ("unit", unit_id), year)] = (pk, level)
    return found
