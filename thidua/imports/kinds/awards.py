"""Historical awards (khen thưởng đã có), one row per award of a person or a unit.

The subject is found as for ratings (``_subjects``). The award is named by its catalog code (LDTT, BK_TINH …) or
its name; the version in force on the decision date (else at the end of the year) is checked in the dry run, and so
is whether it may be given to a person or a collective. The same subject, award code and year as an award already
there, or as an earlier row, is a duplicate: the row is skipped. Awards are written through ``create_award`` with the
source "import", so each keeps the recipient's snapshot and its audit row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.catalog.models import AwardType, CommendationKind, RecipientKind
from thidua.core.scoping import Scope
from thidua.core.text import fold
from thidua.imports.base import CREATE, PROGRESS_EVERY, SKIP, Column, Duplicate, Importer, Plan, Progress, Row, register
from thidua.imports.kinds._subjects import SUBJECT_COLUMNS, YEAR_COLUMN, SubjectLookup, row_subject, subject_label
from thidua.imports.kinds.ratings import parse_year
from thidua.orgs.models import Person
from thidua.records.enums import AwardSource

CHUNK = 500
_COMMENDATION_KINDS = (
    {fold(str(label)): value for value, label in CommendationKind.choices}
    | {value: value for value in CommendationKind.values}
    | {fold(str(label)).removeprefix("khen thuong "): value for value, label in CommendationKind.choices}
)


@register
class AwardsImporter(Importer):
    kind = "awards"
    title = gettext_lazy("Khen thưởng đã có")
    description = gettext_lazy(
        "Mỗi dòng là một danh hiệu hoặc hình thức khen thưởng đã được quyết định cho một cá nhân (hoặc đơn vị, "
        "nếu để trống họ tên). Cùng người, cùng danh hiệu, cùng năm với khen thưởng đã có thì bỏ qua và báo trùng."
    )
    order = 50
    columns = (
        *SUBJECT_COLUMNS,
        Column(
            "award",
            gettext_lazy("Danh hiệu, hình thức khen thưởng"),
            required=True,
            help=gettext_lazy("Mã (ví dụ LDTT, CSTDCS, BK_TINH) hoặc tên đúng như danh mục."),
            aliases=("Danh hiệu", "Hình thức khen thưởng", "Mã khen thưởng"),
            example="LDTT",
        ),
        YEAR_COLUMN,
        Column(
            "commendation_kind",
            gettext_lazy("Loại hình khen thưởng"),
            help=gettext_lazy(
                "Để trống là khen thưởng công trạng; hoặc: đột xuất, phong trào thi đua, "
                "chuyên đề, quá trình cống hiến, niên hạn, đối ngoại."
            ),
        ),
        Column("decision_number", gettext_lazy("Số quyết định"), example="1234/QĐ-UBND"),
        Column("decision_date", gettext_lazy("Ngày quyết định"), example="20/12/2023"),
        Column("authority_name", gettext_lazy("Cơ quan quyết định"), example="Chủ tịch UBND quận Lê Chân"),
        Column("achievement", gettext_lazy("Thành tích")),
        Column("posthumous", gettext_lazy("Truy tặng"), help=gettext_lazy("Có hoặc Không.")),
    )

    def prepare(self, rows: Iterable[Row], *, by, scope: Scope, progress: Progress | None = None) -> Plan:
        plan = Plan(self.kind)
        lookup = SubjectLookup(scope)
        catalog = _Catalog()
        parsed = [
            item
            for row in self.each_row(plan, rows, progress)
            if (item := self._parse(plan, row, lookup, catalog)) is not None
        ]
        self._classify(plan, parsed)
        return plan

    def _parse(self, plan: Plan, row: Row, lookup: SubjectLookup, catalog: _Catalog):
        errors_before = len(plan.errors)
        unit, person, _ok = row_subject(self, plan, row, lookup)
        year_text = self.required(plan, row, "year")
        year, period_kind, ok = parse_year(year_text) if year_text else (None, None, True)
        if not ok:
            plan.error(row, self.column("year"), _("“%(value)s” không phải năm hợp lệ.") % {"value": year_text})
        commendation_kind = CommendationKind.MERIT
        if row.get("commendation_kind"):
            commendation_kind = _COMMENDATION_KINDS.get(fold(row.get("commendation_kind")))
            if commendation_kind is None:
                plan.error(row, self.column("commendation_kind"), _("không có loại hình “%(value)s”.")
                           % {"value": row.get("commendation_kind")})  # fmt: skip
        decision_date = self.date(plan, row, "decision_date")
        posthumous = self.boolean(plan, row, "posthumous")
        for key, limit in (("decision_number", 60), ("authority_name", 255)):
            if len(row.get(key)) > limit:
                plan.error(row, self.column(key), _("không quá %(n)d ký tự.") % {"n": limit})
        award_text = self.required(plan, row, "award")
        award_type = None
        if award_text and year:
            recipient = RecipientKind.INDIVIDUAL if row.get("full_name") else RecipientKind.COLLECTIVE
            award_type = catalog.resolve(self, plan, row, award_text, decision_date or dt.date(year, 12, 31), recipient)
        if len(plan.errors) != errors_before or unit is None or award_type is None:
            return None
        return row, unit, person, award_type, year, period_kind, commendation_kind, decision_date, bool(posthumous)

    def _classify(self, plan: Plan, parsed: list) -> None:
        existing = _existing_awards(parsed)
        seen: dict[tuple, int] = {}
        for row, unit, person, award_type, year, period_kind, commendation_kind, decision_date, posthumous in parsed:
            key = (("person", person.pk) if person else ("unit", unit.pk), award_type.code, year)
            label = f"{subject_label(unit, person)} — {award_type.name} {year}"
            if key in seen:
                plan.duplicates.append(Duplicate(row.number, _("trùng với dòng %(row)s của tệp.") % {"row": seen[key]}))
                plan.add(row, SKIP, label, _("Trùng: bỏ qua"))
                continue
            seen[key] = row.number
            if key in existing:
                message = _("Đã có %(award)s năm %(year)s.") % {"award": award_type.name, "year": year}
                plan.duplicates.append(Duplicate(row.number, message, True, existing[key]))
                plan.add(row, SKIP, label, _("Trùng: đã có"))
                continue
            plan.add(row, CREATE, label, unit=unit, person_id=person.pk if person else None,
                     award_code=award_type.code, year=year, period_kind=period_kind,
                     commendation_kind=commendation_kind, decision_number=row.get("decision_number"),
                     decision_date=decision_date, authority_name=row.get("authority_name"),
                     achievement=row.get("achievement"), posthumous=posthumous)  # fmt: skip

    def apply(self, plan: Plan, *, by, progress: Progress | None = None) -> dict[str, int]:
        from thidua.records.services import create_award

        entries = [entry for entry in plan.entries if entry.action == CREATE]
        people = Person.objects.in_bulk({e.data["person_id"] for e in entries if e.data["person_id"]})
        for done, entry in enumerate(entries, start=1):
            data = dict(entry.data)
            person_id, unit = data.pop("person_id"), data.pop("unit")
            create_award(
                by=by,
                person=people[person_id] if person_id else None,
                unit=None if person_id else unit,
                source=AwardSource.IMPORT,
                **data,
            )
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if progress:
            progress(len(entries))
        return {"created": len(entries), "updated": 0, "skipped": plan.count(SKIP)}


class _Catalog:
    """Award types by folded code, name and short name; each row's choice checked with the records service."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        for code, name, short_name in AwardType.objects.values_list("code", "name", "short_name"):
            for text in (code, name, short_name):
                if text:
                    self.codes.setdefault(fold(text), code)

    def resolve(self, importer: Importer, plan: Plan, row: Row, text: str, on: dt.date, recipient: str):
        from thidua.records.services import award_type_for

        column = importer.column("award")
        code = self.codes.get(fold(text))
        if code is None:
            plan.error(row, column, _("không có danh hiệu, hình thức “%(value)s” trong danh mục.") % {"value": text})
            return None
        try:
            award_type = award_type_for(code, on)
        except ValidationError as error:
            for message in error.messages:
                plan.error(row, column, message)
            return None
        if recipient not in award_type.recipient_kinds:
            whom = str(RecipientKind(recipient).label).lower()
            message = _("“%(name)s” không dùng để khen thưởng %(recipient)s.")
            plan.error(row, column, message % {"name": award_type.name, "recipient": whom})
            return None
        return award_type


def _existing_awards(parsed: list) -> dict[tuple, int]:
    """Awards already there for the subjects of the file, by ((kind, id), award code, year)."""
    from thidua.records.models import Award

    person_ids = sorted({item[2].pk for item in parsed if item[2]})
    unit_ids = sorted({item[1].pk for item in parsed if not item[2]})
    found: dict[tuple, int] = {}
    chunks = [Q(person_id__in=person_ids[i : i + CHUNK]) for i in range(0, len(person_ids), CHUNK)]
    chunks += [Q(unit_id__in=unit_ids[i : i + CHUNK]) for i in range(0, len(unit_ids), CHUNK)]
    for condition in chunks:
        rows = Award.objects.filter(condition).order_by()
        for pk, person_id, unit_id, code, year in rows.values_list("pk", "person_id", "unit_id", "award_code", "year"):
            found[(("person", person_id) if person_id else ("unit", unit_id), code, year)] = pk
    return found
