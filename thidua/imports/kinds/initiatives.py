"""Initiatives (sáng kiến, đề tài) with their authors, one row per initiative.

Authors are people of the row's unit, written in one cell separated by ";", each "Họ tên", optionally followed by
the birth date or year (to tell namesakes apart) and the share in brackets: "Nguyễn Văn An 1980 (60%); Trần Thị
Bình (40%)". An initiative with the same title (diacritics and case aside) and recognition date as one already there,
or as an earlier row, is a duplicate: the row is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.scoping import Scope
from thidua.core.text import fold, normalize
from thidua.imports.base import CREATE, PROGRESS_EVERY, SKIP, Column, Duplicate, Importer, Plan, Progress, Row, register
from thidua.imports.kinds._subjects import SubjectLookup
from thidua.orgs.models import Person
from thidua.records.enums import InitiativeKind, RecognitionLevel

_AUTHOR = re.compile(
    r"^(?P<name>.+?)(?:\s+(?P<birth>\d{1,2}/\d{1,2}/\d{4}|\d{4}))?\s*(?:\(\s*(?P<share>\d{1,3})\s*%\s*\))?$"
)
_LEVELS = (
    {fold(str(label)): value for value, label in RecognitionLevel.choices}
    | {value: value for value in RecognitionLevel.values}
    | {"co so": RecognitionLevel.GRASSROOTS, "tinh": RecognitionLevel.PROVINCE, "toan quoc": RecognitionLevel.NATIONAL}
)
_KINDS = (
    {fold(str(label)): value for value, label in InitiativeKind.choices}
    | {value: value for value in InitiativeKind.values}
    | {"de tai": InitiativeKind.RESEARCH}
)


@register
class InitiativesImporter(Importer):
    kind = "initiatives"
    title = gettext_lazy("Sáng kiến, đề tài")
    description = gettext_lazy(
        "Mỗi dòng là một sáng kiến với các tác giả thuộc đơn vị ở cột Đơn vị. "
        "Cùng tên và ngày công nhận với sáng kiến đã có thì bỏ qua và báo trùng."
    )
    order = 40
    columns = (
        Column(
            "title",
            gettext_lazy("Tên sáng kiến"),
            required=True,
            aliases=("Tên sáng kiến, đề tài", "Tên đề tài"),
            example="Cải tiến quy trình tiếp nhận hồ sơ một cửa",
        ),
        Column("kind", gettext_lazy("Loại"), help=gettext_lazy("Sáng kiến hoặc Đề tài; để trống là sáng kiến.")),
        Column(
            "level",
            gettext_lazy("Phạm vi công nhận"),
            required=True,
            help=gettext_lazy("Cấp cơ sở / Cấp bộ, ban, ngành, tỉnh / Toàn quốc."),
            example="Cấp cơ sở",
        ),
        Column("recognised_on", gettext_lazy("Ngày công nhận"), required=True, example="15/11/2023"),
        Column("recognised_by", gettext_lazy("Cơ quan công nhận"), example="UBND quận Lê Chân"),
        Column(
            "unit",
            gettext_lazy("Đơn vị"),
            required=True,
            help=gettext_lazy("Mã hoặc tên đơn vị áp dụng, nơi các tác giả công tác."),
            example="HP-LC-AB",
        ),
        Column(
            "authors",
            gettext_lazy("Tác giả"),
            required=True,
            help=gettext_lazy("Cách nhau bởi dấu “;”; có thể ghi năm sinh và tỷ lệ: Nguyễn Văn An 1980 (60%)."),
            example="Nguyễn Văn An (60%); Trần Thị Bình (40%)",
        ),
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
        title = normalize(self.required(plan, row, "title"))
        if len(title) > 500:
            plan.error(row, self.column("title"), _("không quá 500 ký tự."))
        kind = _KINDS.get(fold(row.get("kind")), None) if row.get("kind") else InitiativeKind.INITIATIVE
        if kind is None:
            plan.error(row, self.column("kind"), _("ghi Sáng kiến hoặc Đề tài."))
        level_text = self.required(plan, row, "level")
        level = _LEVELS.get(fold(level_text))
        if level_text and level is None:
            plan.error(row, self.column("level"), _("không có phạm vi “%(value)s”.") % {"value": level_text})
        recognised_on = self.date(plan, row, "recognised_on")
        if not row.get("recognised_on"):
            self.required(plan, row, "recognised_on")
        unit = lookup.unit(self, plan, row, "unit")
        authors = self._authors(plan, row, lookup, unit) if unit is not None else None
        if len(plan.errors) != errors_before:
            return None
        return row, title, kind, level, recognised_on, unit, authors

    def _authors(self, plan: Plan, row: Row, lookup: SubjectLookup, unit) -> list[tuple[int, int | None]] | None:
        text = self.required(plan, row, "authors")
        column = self.column("authors")
        authors: list[tuple[int, int | None]] = []
        for part in (piece.strip() for piece in text.split(";")):
            if not part:
                continue
            match = _AUTHOR.match(part)
            name, birth, share = match.group("name"), match.group("birth") or "", match.group("share")
            known = lookup.person(self, plan, row, unit=unit, name=name, birth=birth, column=column)
            if known is None:
                return None
            share_value = int(share) if share else None
            if share_value is not None and not 1 <= share_value <= 100:
                plan.error(row, column, _("tỷ lệ của “%(name)s” phải từ 1 đến 100%%.") % {"name": name})
                return None
            if any(pk == known.pk for pk, _share in authors):
                plan.error(row, column, _("tác giả “%(name)s” được kê hai lần.") % {"name": name})
                return None
            authors.append((known.pk, share_value))
        if authors and sum(share or 0 for _pk, share in authors) > 100:
            plan.error(row, column, _("tổng tỷ lệ đóng góp của các tác giả vượt quá 100."))
            return None
        return authors or None

    def _classify(self, plan: Plan, parsed: list) -> None:
        existing = _existing({item[4] for item in parsed})
        seen: dict[tuple[str, dt.date], int] = {}
        for row, title, kind, level, recognised_on, unit, authors in parsed:
            key = (fold(title), recognised_on)
            label = f"{title} — {recognised_on.strftime('%d/%m/%Y')}"
            if key in seen:
                plan.duplicates.append(Duplicate(row.number, _("trùng với dòng %(row)s của tệp.") % {"row": seen[key]}))
                plan.add(row, SKIP, label, _("Trùng: bỏ qua"))
                continue
            seen[key] = row.number
            if key in existing:
                plan.duplicates.append(Duplicate(row.number, _("Sáng kiến này đã có (cùng tên, cùng ngày công nhận)."),
                                                 True, existing[key]))  # fmt: skip
                plan.add(row, SKIP, label, _("Trùng: đã có"))
                continue
            plan.add(row, CREATE, label, title=title, kind=kind, level=level, recognised_on=recognised_on,
                     recognised_by=row.get("recognised_by"), unit=unit, authors=authors)  # fmt: skip

    def apply(self, plan: Plan, *, by, progress: Progress | None = None) -> dict[str, int]:
        from thidua.records.services import create_initiative

        entries = [entry for entry in plan.entries if entry.action == CREATE]
        people = Person.objects.in_bulk({pk for e in entries for pk, _share in e.data["authors"]})
        for done, entry in enumerate(entries, start=1):
            data = entry.data
            create_initiative(
                by=by,
                title=data["title"],
                kind=data["kind"],
                level=data["level"],
                recognised_on=data["recognised_on"],
                recognised_by=data["recognised_by"],
                unit=data["unit"],
                authors=[{"person": people[pk], "share": share} for pk, share in data["authors"]],
            )
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if progress:
            progress(len(entries))
        return {"created": len(entries), "updated": 0, "skipped": plan.count(SKIP)}


def _existing(dates: set[dt.date]) -> dict[tuple[str, dt.date], int]:
    """Initiatives already recognised on the file's dates, by (folded title, date)."""
    from thidua.records.models import Initiative

    found: dict[tuple[str, dt.date], int] = {}
    ordered = sorted(dates)
    for start in range(0, len(ordered), 500):
        rows = Initiative.objects.filter(recognised_on__in=ordered[start : start + 500]).order_by()
        for pk, title, recognised_on in rows.values_list("pk", "title", "recognised_on"):
            found[(fold(title), recognised_on)] = pk
    return found
