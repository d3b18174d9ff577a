"""Units (đơn vị), one row per unit, created under a parent already there or under an earlier row of the file.

Duplicates are shown, never silently created:
- a code already used by a unit of the importer's scope is that unit: the row is skipped (a file imported twice
  creates nothing the second time), and later rows may still name it as their parent;
- a code used by a unit outside the scope, or twice in the file, is an error (codes are unique);
- the same name (diacritics and case aside) under the same parent with another code is a *possible* duplicate:
  the row is created, and the dry run says so.

A unit officer adds units inside their own subtrees only; a unit without a parent (a new root) needs a scope over
everything. Units are few (a province has a few thousand), so each is written through ``create_unit``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.scoping import Scope
from thidua.core.text import fold, normalize
from thidua.imports.base import CREATE, PROGRESS_EVERY, SKIP, Column, Duplicate, Importer, Plan, Progress, Row, register
from thidua.imports.lookups import UnitLookup
from thidua.orgs.models import OrgUnit, Sector, UnitKind

# Model fields checked per row, and the column each one's error belongs to.
_FIELD_COLUMNS = {
    "code": "code",
    "name": "name",
    "short_name": "short_name",
    "established_on": "established_on",
    "address": "address",
    "email": "email",
    "phone": "phone",
}


@register
class UnitsImporter(Importer):
    kind = "units"
    title = gettext_lazy("Đơn vị")
    description = gettext_lazy(
        "Mỗi dòng là một đơn vị, đặt dưới đơn vị cấp trên đã có hoặc ở một dòng phía trên của tệp. "
        "Mã đã có trong phạm vi thì bỏ qua; cùng tên dưới cùng đơn vị cấp trên thì báo “có thể trùng”."
    )
    order = 10
    columns = (
        Column(
            "code",
            gettext_lazy("Mã đơn vị"),
            required=True,
            help=gettext_lazy("Mã định danh điện tử của đơn vị, không trùng với đơn vị khác."),
            example="HP-LC-AB-THCS",
            aliases=("Mã định danh",),
        ),
        Column("name", gettext_lazy("Tên đơn vị"), required=True, example="Trường THCS An Biên"),
        Column("short_name", gettext_lazy("Tên viết tắt"), example="THCS An Biên"),
        Column(
            "kind",
            gettext_lazy("Loại đơn vị"),
            required=True,
            help=gettext_lazy("Tên hoặc mã loại đơn vị."),
            example="Trường học",
        ),
        Column(
            "parent",
            gettext_lazy("Đơn vị cấp trên"),
            required=True,
            help=gettext_lazy("Mã hoặc tên đơn vị cấp trên: đã có, hoặc ở một dòng phía trên của tệp."),
            example="HP-LC-AB",
        ),
        Column("sector", gettext_lazy("Lĩnh vực"), help=gettext_lazy("Tên hoặc mã lĩnh vực."), example="Giáo dục"),
        Column("established_on", gettext_lazy("Ngày thành lập"), example="01/09/1995"),
        Column("address", gettext_lazy("Địa chỉ"), example="Số 1 đường Hai Bà Trưng"),
        Column("email", gettext_lazy("Thư điện tử"), example="thcsanbien@haiphong.edu.vn"),
        Column("phone", gettext_lazy("Điện thoại"), example="0225 3000 000"),
    )

    def prepare(self, rows: Iterable[Row], *, by, scope: Scope, progress: Progress | None = None) -> Plan:
        plan = Plan(self.kind)
        state = _State(scope)
        for row in self.each_row(plan, rows, progress):
            self._row(plan, row, state)
        return plan

    def _row(self, plan: Plan, row: Row, state: _State) -> None:
        errors_before = len(plan.errors)
        code = self.required(plan, row, "code")
        name = normalize(self.required(plan, row, "name"))
        kind = self._choice(plan, row, "kind", state.kinds, required=True)
        sector = self._choice(plan, row, "sector", state.sectors)
        established_on = self.date(plan, row, "established_on")
        parent, parent_row = self._parent(plan, row, state)
        if code and code.casefold() in state.file_codes:
            plan.error(
                row,
                self.column("code"),
                _("mã “%(code)s” trùng với dòng %(row)s của tệp.")
                % {"code": code, "row": state.file_codes[code.casefold()][0]},
            )
            return
        existing = state.existing_code(code) if code else None
        if existing is not None and state.units.by_code.get(code.casefold()) is None:
            plan.error(row, self.column("code"), _("mã “%(code)s” đã dùng cho đơn vị khác.") % {"code": code})
            return
        if existing is not None:
            state.file_codes[code.casefold()] = (row.number, existing)
            state.remember_name(name, row.number, existing)
            plan.duplicates.append(
                Duplicate(
                    row.number,
                    _("Mã “%(code)s” đã có: %(name)s.") % {"code": code, "name": existing.name},
                    True,
                    existing.pk,
                )
            )
            plan.add(row, SKIP, f"{code} — {name}", _("Trùng: đã có"))
            return
        unit = OrgUnit(
            code=code,
            name=name,
            short_name=row.get("short_name"),
            established_on=established_on,
            address=row.get("address"),
            email=row.get("email"),
            phone=row.get("phone"),
        )
        if len(plan.errors) == errors_before:
            self._model_checks(plan, row, unit)
        if len(plan.errors) != errors_before:
            return
        state.file_codes[code.casefold()] = (row.number, None)
        state.remember_name(name, row.number, None)
        possible = state.same_name_under(name, parent, parent_row)
        note = ""
        if possible:
            plan.duplicates.append(Duplicate(row.number, possible, False))
            note = _("Có thể trùng")
        plan.add(
            row,
            CREATE,
            f"{code} — {name}",
            note,
            fields={
                "code": code,
                "name": name,
                "short_name": unit.short_name,
                "kind": kind,
                "sector": sector,
                "established_on": established_on,
                "address": unit.address,
                "email": unit.email,
                "phone": unit.phone,
            },
            parent=parent,
            parent_row=parent_row,
        )
        state.children.setdefault((parent.pk if parent else None, parent_row), set()).add(fold(name))

    def _choice(self, plan: Plan, row: Row, key: str, index: dict, required: bool = False):
        text = self.required(plan, row, key) if required else row.get(key)
        if not text:
            return None
        found = index.get(fold(text))
        if found is None:
            plan.error(row, self.column(key), _("không có “%(value)s”.") % {"value": text})
        return found

    def _parent(self, plan: Plan, row: Row, state: _State) -> tuple[OrgUnit | None, int | None]:
        """(a unit already there, or None and the number of the earlier row that creates the parent)."""
        text = normalize(row.get("parent"))
        if not text:
            if state.units.scope.everything:
                return None, None
            self.required(plan, row, "parent")
            return None, None
        earlier = state.file_codes.get(text.casefold()) or state.file_names.get(fold(text))
        if earlier is not None:
            number, existing = earlier
            return (existing, None) if existing is not None else (None, number)
        unit, message = state.units.resolve(text)
        if unit is None:
            plan.error(row, self.column("parent"), message)
        return unit, None

    def _model_checks(self, plan: Plan, row: Row, unit: OrgUnit) -> None:
        try:
            unit.clean_fields(exclude=["kind", "sector", "parent", "merged_into", "path", "name_folded", "sort_key"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                key = _FIELD_COLUMNS.get(field)
                for message in messages:
                    plan.error(row, self.column(key) if key else None, message)

    def apply(self, plan: Plan, *, by, progress: Progress | None = None) -> dict[str, int]:
        from thidua.orgs.services import create_unit

        created: dict[int, OrgUnit] = {}
        done = 0
        for entry in plan.entries:
            if entry.action != CREATE:
                continue
            parent = entry.data["parent"]
            if entry.data["parent_row"] is not None:
                parent = created[entry.data["parent_row"]]
            created[entry.row_number] = create_unit(by=by, parent=parent, **entry.data["fields"])
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if progress:
            progress(done)
        return {"created": done, "updated": 0, "skipped": plan.count(SKIP)}


class _State:
    """What the rows of one file are checked against: the scope's units, the catalogs, the earlier rows."""

    def __init__(self, scope: Scope) -> None:
        self.units = UnitLookup(scope)
        self.kinds = _index(UnitKind.objects.all())
        self.sectors = _index(Sector.objects.all())
        # Earlier rows by code and by folded name: (row number, the existing unit when the row was a duplicate).
        self.file_codes: dict[str, tuple[int, OrgUnit | None]] = {}
        self.file_names: dict[str, tuple[int, OrgUnit | None]] = {}
        # Folded names created by the file under each parent: (parent id, parent row).
        self.children: dict[tuple[int | None, int | None], set[str]] = {}

    def existing_code(self, code: str) -> OrgUnit | None:
        found = self.units.by_code.get(code.casefold())
        if found is not None:
            return found
        return OrgUnit.objects.filter(code__iexact=code).only("pk", "name").first()

    def remember_name(self, name: str, number: int, existing: OrgUnit | None) -> None:
        self.file_names.setdefault(fold(name), (number, existing))

    def same_name_under(self, name: str, parent: OrgUnit | None, parent_row: int | None) -> str:
        """A message when a unit of the same name already sits (or is created by the file) under the same parent."""
        folded = fold(name)
        if folded in self.children.get((parent.pk if parent else None, parent_row), set()):
            return _("Có thể trùng với đơn vị cùng tên ở dòng phía trên của tệp.")
        if parent is not None:
            twin = OrgUnit.objects.filter(parent=parent, name_folded=folded).only("code", "name").first()
            if twin is not None:
                return _("Có thể trùng với “%(name)s” (mã %(code)s) đã có dưới “%(parent)s”.") % {
                    "name": twin.name,
                    "code": twin.code,
                    "parent": parent.name,
                }
        return ""


def _index(queryset) -> dict[str, object]:
    index: dict[str, object] = {}
    for item in queryset:
        index[fold(item.name)] = item
        index[fold(item.code)] = item
    return index
