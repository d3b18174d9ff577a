"""Finding the unit and the person a row of the history (ratings, initiatives, awards) is about.

A unit is given by code or name (``UnitLookup``, in the importer's scope only). A person is found among the people
who have (or had) a membership in that unit: by personal ID number when the row has one, else by full name — letter
for letter, case aside — narrowed by the birth date (or year) when the row gives it. A name that matches only
without diacritics ("Hùng" for "Hưng") is not taken: the row is an error that names the near match.

``unit_members`` and ``find_person`` are that matching without an import around it (the decisions' record page
matches its rows with them too).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.scoping import Scope
from thidua.core.text import fold, normalize
from thidua.imports.base import Column, Importer, Plan, Row, parse_date
from thidua.imports.lookups import UnitLookup
from thidua.orgs.models import Membership, OrgUnit

_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Known:
    """A person of a unit, as much as matching needs."""

    pk: int
    full_name: str
    name_key: str
    name_folded: str
    birth_date: dt.date | None
    birth_year: int | None
    id_number: str


def name_key(text: str) -> str:
    """A name compared letter for letter (diacritics count), case and spacing aside."""
    return normalize(text).casefold()


def birth_text(birth_date: dt.date | None, birth_year: int | None) -> str:
    if birth_date:
        return birth_date.strftime("%d/%m/%Y")
    return str(birth_year) if birth_year else _("không rõ năm sinh")


def parse_birth(text: str) -> tuple[dt.date | None, int | None, bool]:
    """(date, year, ok) from "dd/mm/yyyy", "yyyy-mm-dd" or a year alone; empty is ok with nothing."""
    text = text.strip()
    if not text:
        return None, None, True
    if _YEAR.match(text):
        return None, int(text), True
    parsed = parse_date(text)
    return parsed, (parsed.year if parsed else None), parsed is not None


def unit_members(unit: OrgUnit) -> list[Known]:
    """The people who have (or had) a membership in ``unit``, as much as matching needs."""
    rows = (
        Membership.objects.filter(unit=unit)
        .order_by()
        .values_list(
            "person_id",
            "person__full_name",
            "person__name_folded",
            "person__birth_date",
            "person__birth_year",
            "person__id_number",
        )
        .distinct()
    )
    return [
        Known(pk, full_name, name_key(full_name), folded, birth_date, birth_year, id_number or "")
        for pk, full_name, folded, birth_date, birth_year, id_number in rows
    ]


def find_person(
    people: list[Known],
    *,
    unit: OrgUnit,
    name: str,
    birth_date: dt.date | None = None,
    birth_year: int | None = None,
    id_number: str = "",
) -> tuple[Known | None, str]:
    """The one person of ``people`` (the members of ``unit``) that the ID number, else the name letter for letter
    narrowed by the birth date or year, names: ``(known, "")``, or ``(None, Vietnamese reason)`` — not found,
    several namesakes, or a name that matches only without diacritics (the near match is named)."""
    if id_number:
        found = [known for known in people if known.id_number == id_number.strip()]
        if found:
            return found[0], ""
        return None, _("không có người có số định danh %(number)s tại “%(unit)s”.") % {
            "number": id_number,
            "unit": unit.name,
        }
    key = name_key(name)
    found = [known for known in people if known.name_key == key]
    if birth_date or birth_year:
        found = [known for known in found if _same_birth(known, birth_date, birth_year)]
    if len(found) == 1:
        return found[0], ""
    if len(found) > 1:
        return None, _("có %(n)d người tên “%(name)s” tại “%(unit)s”: hãy ghi ngày sinh hoặc số định danh.") % {
            "n": len(found),
            "name": name,
            "unit": unit.name,
        }
    near = [known for known in people if known.name_folded == fold(name) and known.name_key != key]
    if near:
        return None, _(
            "không có “%(name)s” tại “%(unit)s”; có “%(near)s” (sinh %(birth)s) gần giống — kiểm tra lại dấu."
        ) % {
            "name": name,
            "unit": unit.name,
            "near": near[0].full_name,
            "birth": birth_text(near[0].birth_date, near[0].birth_year),
        }
    return None, _("không có “%(name)s”%(birth)s tại “%(unit)s”: hãy nhập cá nhân trước.") % {
        "name": name,
        "birth": _(", sinh %(birth)s") % {"birth": birth_text(birth_date, birth_year)}
        if (birth_date or birth_year)
        else "",
        "unit": unit.name,
    }


class SubjectLookup:
    """Units of the scope, and the people of each unit loaded once, the first time a row names that unit."""

    def __init__(self, scope: Scope) -> None:
        self.units = UnitLookup(scope)
        self._people: dict[int, list[Known]] = {}

    def unit(self, importer: Importer, plan: Plan, row: Row, key: str) -> OrgUnit | None:
        """The unit the row's ``key`` cell names; a missing, unknown or out-of-scope unit is an error on that cell."""
        unit, message = self.units.resolve(row.get(key))
        if unit is None:
            plan.error(row, importer.column(key), message)
        return unit

    def people_of(self, unit: OrgUnit) -> list[Known]:
        if unit.pk not in self._people:
            self._people[unit.pk] = unit_members(unit)
        return self._people[unit.pk]

    def person(
        self,
        importer: Importer,
        plan: Plan,
        row: Row,
        *,
        unit: OrgUnit,
        name: str,
        birth: str = "",
        id_number: str = "",
        column: Column | None = None,
    ) -> Known | None:
        """The one person of ``unit`` the row names, or None with the error recorded on ``column``."""
        birth_date, birth_year, ok = (None, None, True) if id_number else parse_birth(birth)
        if not ok:
            return None  # the birth cell's own error is recorded by the caller
        found, message = find_person(
            self.people_of(unit), unit=unit, name=name, birth_date=birth_date, birth_year=birth_year,
            id_number=id_number,
        )  # fmt: skip
        if found is None:
            plan.error(row, column, message)
        return found


def _same_birth(known: Known, birth_date: dt.date | None, birth_year: int | None) -> bool:
    if birth_date and known.birth_date:
        return known.birth_date == birth_date
    known_year = known.birth_year or (known.birth_date.year if known.birth_date else None)
    return known_year == (birth_year or (birth_date.year if birth_date else None))


# The period of a rating or an award: a year, or a school year read as the year it ends (ratings.parse_year).
YEAR_COLUMN = Column(
    "year",
    gettext_lazy("Năm"),
    required=True,
    help=gettext_lazy("Năm, hoặc năm học dạng 2022-2023."),
    example="2023",
)

# Columns shared by the kinds whose rows are about a person or, with the name left empty, a unit.
SUBJECT_COLUMNS = (
    Column(
        "full_name",
        gettext_lazy("Họ và tên"),
        help=gettext_lazy("Để trống nếu là tập thể (khi đó là đơn vị ở cột Đơn vị)."),
        example="Nguyễn Văn An",
    ),
    Column(
        "birth_date", gettext_lazy("Ngày sinh"), help=gettext_lazy("dd/mm/yyyy hoặc năm sinh."), example="05/03/1980"
    ),
    Column(
        "id_number",
        gettext_lazy("Số định danh cá nhân"),
        help=gettext_lazy("Nếu có: tìm đúng người theo số này."),
        aliases=("Số CCCD", "CCCD", "Số căn cước"),
    ),
    Column(
        "unit",
        gettext_lazy("Đơn vị"),
        required=True,
        help=gettext_lazy("Mã đơn vị, hoặc tên đơn vị nếu tên không trùng; với cá nhân là đơn vị công tác."),
        example="HP-LC-AB",
    ),
)


def row_subject(
    importer: Importer, plan: Plan, row: Row, lookup: SubjectLookup
) -> tuple[OrgUnit | None, Known | None, bool]:
    """(unit, person or None for the unit itself, ok) of a row with the SUBJECT_COLUMNS; errors are recorded."""
    birth = row.get("birth_date")
    if not parse_birth(birth)[2]:
        plan.error(
            row, importer.column("birth_date"), _("“%(value)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": birth}
        )
    unit = lookup.unit(importer, plan, row, "unit")
    name = row.get("full_name")
    if unit is None or not name:
        return unit, None, unit is not None and parse_birth(birth)[2]
    person = lookup.person(
        importer,
        plan,
        row,
        unit=unit,
        name=name,
        birth=birth,
        id_number=row.get("id_number"),
        column=importer.column("full_name"),
    )
    return unit, person, person is not None


def subject_label(unit: OrgUnit, person: Known | None) -> str:
    return f"{person.full_name} — {unit.name}" if person else unit.name
