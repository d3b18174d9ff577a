"""People and their memberships (cá nhân và quá trình công tác), one row per person in a unit.

Duplicates are shown, never silently created:
- the same name (letter for letter) + birth date + unit as a person already there, or as an earlier row of the file,
  is a duplicate: the row is skipped;
- the same personal ID number as a person already there is that person: a membership in a new unit is added to them
  (an update), one in a unit they already belong to is a duplicate;
- the same name only once diacritics are removed ("Hùng" / "Hưng"), or the same name without a matching birth date,
  in the same unit, is a *possible* duplicate: the row is created, and the dry run says so.

The rows are validated with the models' own field checks, then written in batches (bulk_create), with the derived
fields create_person maintains (name parts, folded name, sort key, search tokens) and one audit row for the batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.scoping import Scope
from thidua.core.text import fold
from thidua.imports.base import (
    CREATE,
    SKIP,
    UPDATE,
    Column,
    Duplicate,
    Importer,
    Plan,
    Progress,
    Row,
    register,
)
from thidua.imports.lookups import UnitLookup
from thidua.orgs.models import Ethnicity, Gender, Membership, Person, PersonNameToken, PositionCategory

BATCH = 2000
# The headers of the people list's XLSX export (orgs PersonListView) where they differ from the template's, so an
# exported list can be imported back (its people then show as duplicates). Matched folded, like the headers.
EXPORT_ALIASES = {"birth_date": ("Ngày sinh (năm sinh)",), "unit": ("Đơn vị công tác",)}

_GENDERS = {
    "nam": Gender.MALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "nu": Gender.FEMALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
}


@register
class PeopleImporter(Importer):
    kind = "people"
    title = gettext_lazy("Cá nhân và quá trình công tác")
    description = gettext_lazy(
        "Mỗi dòng là một người đang công tác tại một đơn vị. Trùng họ tên, ngày sinh và đơn vị thì bỏ qua; "
        "chỉ giống nhau khi bỏ dấu thì báo “có thể trùng”."
    )
    order = 20
    columns = (
        Column("full_name", gettext_lazy("Họ và tên"), required=True, example="Nguyễn Văn An"),
        Column("gender", gettext_lazy("Giới tính"), required=True, help=gettext_lazy("Nam hoặc Nữ."), example="Nam"),
        Column(
            "birth_date",
            gettext_lazy("Ngày sinh"),
            help=gettext_lazy("dd/mm/yyyy, hoặc chỉ năm sinh."),
            example="05/03/1980",
            aliases=EXPORT_ALIASES["birth_date"],
        ),
        Column(
            "unit",
            gettext_lazy("Đơn vị"),
            required=True,
            help=gettext_lazy("Mã đơn vị, hoặc tên đơn vị nếu tên không trùng."),
            example="UBND xã An Lư",
            aliases=EXPORT_ALIASES["unit"],
        ),
        Column("position", gettext_lazy("Chức vụ"), example="Chủ tịch"),
        Column("is_leader", gettext_lazy("Là lãnh đạo"), help=gettext_lazy("Có hoặc Không."), example="Có"),
        Column(
            "start_date",
            gettext_lazy("Từ ngày"),
            help=gettext_lazy("Ngày bắt đầu công tác tại đơn vị."),
            example="01/07/2021",
        ),
        Column("ethnicity", gettext_lazy("Dân tộc"), help=gettext_lazy("Tên hoặc mã dân tộc."), example="Kinh"),
        Column(
            "id_number",
            gettext_lazy("Số định danh cá nhân"),
            example="031080001234",
            aliases=("Số CCCD", "CCCD", "Số căn cước"),
        ),
        Column(
            "position_category",
            gettext_lazy("Đối tượng"),
            help=gettext_lazy("Ví dụ: Cán bộ, công chức, viên chức; Công nhân, người lao động; Nông dân."),
            example="Cán bộ, công chức, viên chức",
        ),
        Column(
            "is_direct_worker",
            gettext_lazy("Trực tiếp lao động, sản xuất"),
            help=gettext_lazy("Có hoặc Không."),
            example="Không",
        ),
        Column("hometown", gettext_lazy("Quê quán"), example="Thủy Nguyên, Hải Phòng"),
    )

    # Which column a model field's error belongs to.
    _FIELD_COLUMNS = {
        "full_name": "full_name",
        "gender": "gender",
        "birth_date": "birth_date",
        "birth_year": "birth_date",
        "id_number": "id_number",
        "hometown": "hometown",
        "position_category": "position_category",
        "position": "position",
        "start_date": "start_date",
    }

    def prepare(self, rows: Iterable[Row], *, by, scope: Scope, progress: Progress | None = None) -> Plan:
        plan = Plan(self.kind)
        units = UnitLookup(scope)
        ethnicities = _ethnicity_index()
        categories = {fold(str(label)): value for value, label in PositionCategory.choices}
        categories.update({value: value for value in PositionCategory.values})
        parsed = [
            item
            for row in self.each_row(plan, rows, progress)
            if (item := self._parse(plan, row, units, ethnicities, categories)) is not None
        ]
        self._classify(plan, parsed)
        return plan

    def _parse(self, plan: Plan, row: Row, units: UnitLookup, ethnicities: dict, categories: dict):
        errors_before = len(plan.errors)
        full_name = self.required(plan, row, "full_name")
        gender = None
        gender_text = self.required(plan, row, "gender")
        if gender_text:
            gender = _GENDERS.get(fold(gender_text))
            if gender is None:
                plan.error(row, self.column("gender"), _("“%(value)s”: ghi Nam hoặc Nữ.") % {"value": gender_text})
        birth_date, birth_year = None, None
        birth_text = row.get("birth_date")
        if birth_text.isdigit() and len(birth_text) == 4:
            birth_year = int(birth_text)
        else:
            birth_date = self.date(plan, row, "birth_date")
        unit = None
        if row.get("unit"):
            unit, message = units.resolve(row.get("unit"))
            if unit is None:
                plan.error(row, self.column("unit"), message)
        else:
            self.required(plan, row, "unit")
        ethnicity = None
        if row.get("ethnicity"):
            ethnicity = ethnicities.get(fold(row.get("ethnicity")))
            if ethnicity is None:
                plan.error(
                    row, self.column("ethnicity"), _("không có dân tộc “%(value)s”.") % {"value": row.get("ethnicity")}
                )
        category = PositionCategory.CIVIL_SERVANT
        if row.get("position_category"):
            category = categories.get(fold(row.get("position_category")))
            if category is None:
                plan.error(
                    row,
                    self.column("position_category"),
                    _("không có đối tượng “%(value)s”.") % {"value": row.get("position_category")},
                )
        is_leader = self.boolean(plan, row, "is_leader")
        direct = self.boolean(plan, row, "is_direct_worker")
        start_date = self.date(plan, row, "start_date")
        person = Person(
            full_name=full_name,
            gender=gender or Gender.MALE,
            birth_date=birth_date,
            birth_year=birth_year,
            ethnicity=ethnicity,
            id_number=row.get("id_number"),
            position_category=category or "",
            is_direct_worker=bool(direct),
            hometown=row.get("hometown"),
        )
        membership = Membership(
            unit=unit, position=row.get("position"), is_leader=bool(is_leader), start_date=start_date
        )
        if len(plan.errors) == errors_before:
            self._model_checks(plan, row, person, membership)
        if len(plan.errors) != errors_before:
            return None
        return row, person, membership

    def _model_checks(self, plan: Plan, row: Row, person: Person, membership: Membership) -> None:
        """The models' own field checks (lengths, choices, the name's words), without touching the database."""
        for instance, exclude in ((person, ["ethnicity", "owner_unit"]), (membership, ["person", "unit"])):
            try:
                instance.clean_fields(exclude=exclude)
                instance.clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    key = self._FIELD_COLUMNS.get(field)
                    column = self.column(key) if key else None
                    for message in messages:
                        plan.error(row, column, message)

    def _classify(self, plan: Plan, parsed: list[tuple[Row, Person, Membership]]) -> None:
        existing = _existing_members({m.unit_id for _r, _p, m in parsed})
        by_id_number = _people_by_id_number({p.id_number for _r, p, _m in parsed if p.id_number})
        seen: dict[tuple[int, str], list[tuple[int, Person]]] = defaultdict(list)  # earlier rows of the file
        for row, person, membership in parsed:
            person.fill_derived_fields()
            unit_id = membership.unit_id
            key = (unit_id, person.name_folded)
            label = f"{person.full_name} — {membership.unit.name}"
            known = by_id_number.get(person.id_number) if person.id_number else None
            if known is not None:
                if any(pid == known.pk for pid, *_rest in existing.get(key, [])) or _member_of(known, unit_id):
                    plan.duplicates.append(
                        Duplicate(
                            row.number,
                            _("%(name)s đã có tại đơn vị này (cùng số định danh).") % {"name": known.full_name},
                            True,
                            known.pk,
                        )
                    )
                    plan.add(row, SKIP, label, _("Trùng: đã có"))
                else:
                    plan.add(
                        row,
                        UPDATE,
                        label,
                        _("Thêm quá trình công tác cho người đã có (cùng số định danh)"),
                        person_id=known.pk,
                        membership=membership,
                    )
                continue
            certain, possible = self._match(person, existing.get(key, []), seen.get(key, []))
            if certain is not None:
                plan.duplicates.append(Duplicate(row.number, certain[1], True, certain[0]))
                plan.add(row, SKIP, label, _("Trùng: bỏ qua"))
                continue
            if possible is not None:
                plan.duplicates.append(Duplicate(row.number, possible[1], False, possible[0]))
            plan.add(row, CREATE, label, _("Có thể trùng") if possible else "", person=person, membership=membership)
            seen[key].append((row.number, person))

    def _match(self, person: Person, existing: list, earlier: list):
        """(certain, possible): each None or (id or None, message)."""
        possible = None
        for pk, full_name, birth_date, birth_year in existing:
            same_birth = _same_birth(person, birth_date, birth_year)
            if full_name == person.full_name and same_birth:
                return (
                    pk,
                    _("%(name)s, sinh %(birth)s, đã có tại đơn vị này.")
                    % {"name": full_name, "birth": _birth_text(birth_date, birth_year)},
                ), None
            if possible is None:
                possible = (
                    pk,
                    _("Có thể trùng với %(name)s (sinh %(birth)s) đã có tại đơn vị này.")
                    % {"name": full_name, "birth": _birth_text(birth_date, birth_year)},
                )
        for number, other in earlier:
            same_birth = _same_birth(person, other.birth_date, other.birth_year)
            if other.full_name == person.full_name and same_birth:
                return (None, _("trùng với dòng %(row)s của tệp.") % {"row": number}), None
            if possible is None:
                possible = (
                    None,
                    _("Có thể trùng với %(name)s ở dòng %(row)s của tệp.") % {"name": other.full_name, "row": number},
                )
        return None, possible

    def apply(self, plan: Plan, *, by, progress: Progress | None = None) -> dict[str, int]:
        from thidua.orgs.services import add_membership

        new = [(e.data["person"], e.data["membership"]) for e in plan.entries if e.action == CREATE]
        done = 0
        for start in range(0, len(new), BATCH):
            chunk = new[start : start + BATCH]
            people = Person.objects.bulk_create([person for person, _m in chunk], batch_size=BATCH)
            tokens, memberships = [], []
            for person, membership in zip(people, (m for _p, m in chunk), strict=True):
                tokens.extend(person.build_name_tokens())
                membership.person = person
                memberships.append(membership)
            PersonNameToken.objects.bulk_create(tokens, batch_size=BATCH * 4)
            Membership.objects.bulk_create(memberships, batch_size=BATCH)
            done += len(chunk)
            if progress:
                progress(done)
        updated = 0
        for entry in plan.entries:
            if entry.action == UPDATE:
                membership = entry.data["membership"]
                person = Person.objects.get(pk=entry.data["person_id"])
                add_membership(
                    person,
                    by=by,
                    unit=membership.unit,
                    position=membership.position,
                    is_leader=membership.is_leader,
                    start_date=membership.start_date,
                )
                updated += 1
        return {"created": len(new), "updated": updated, "skipped": plan.count(SKIP)}


def _ethnicity_index() -> dict[str, Ethnicity]:
    index: dict[str, Ethnicity] = {}
    for ethnicity in Ethnicity.objects.all():
        index[fold(ethnicity.name)] = ethnicity
        index[fold(ethnicity.code)] = ethnicity
    return index


def _existing_members(unit_ids: set[int]) -> dict[tuple[int, str], list[tuple[int, str, object, object]]]:
    """Current members of the units named in the file, by (unit, folded name)."""
    found: dict[tuple[int, str], list] = defaultdict(list)
    unit_ids = sorted(unit_ids)
    for start in range(0, len(unit_ids), 500):
        memberships = Membership.objects.current().filter(unit_id__in=unit_ids[start : start + 500]).order_by()
        for unit_id, pk, name_folded, full_name, birth_date, birth_year in memberships.values_list(
            "unit_id",
            "person_id",
            "person__name_folded",
            "person__full_name",
            "person__birth_date",
            "person__birth_year",
        ):
            found[(unit_id, name_folded)].append((pk, full_name, birth_date, birth_year))
    return found


def _people_by_id_number(numbers: set[str]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    numbers_list = sorted(numbers)
    for start in range(0, len(numbers_list), 500):
        for person in Person.objects.filter(id_number__in=numbers_list[start : start + 500]).only(
            "pk", "full_name", "id_number"
        ):
            found[person.id_number] = person
    return found


def _member_of(person: Person, unit_id: int) -> bool:
    return Membership.objects.current().filter(person=person, unit_id=unit_id).exists()


def _same_birth(person: Person, birth_date, birth_year) -> bool:
    if person.birth_date or birth_date:
        return person.birth_date == birth_date
    return person.birth_year == birth_year


def _birth_text(birth_date, birth_year) -> str:
    if birth_date:
        return birth_date.strftime("%d/%m/%Y")
    return str(birth_year) if birth_year else _("không rõ")
