"""Forms of the movement and answer pages. They check the shape of the input and turn it into the lists the services
take; ``thidua.movements.services`` checks the rest (states, deadlines, who may be pledged) and says so in Vietnamese.

Long lists an officer copies from the plan (contents, target groups, criteria) are typed one per line, columns split
by "|"; short lists with a choice on each row (awards, milestones, pledges, figures) are formsets whose rows are added
by a button (``thidua/static/thidua/formset.js``) or, without scripts, by saving and getting blank rows again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.scoping import scope_for, scoped
from thidua.catalog.models import Authority, AwardType, RecipientKind
from thidua.core.text import fold
from thidua.movements.enums import AwardLevel, CriterionKind, CriterionSource, MilestoneKind, MovementKind, ScopeMode
from thidua.movements.models import Movement, units_related_to
from thidua.movements.rules import BOARD_ROLES
from thidua.orgs.forms import DATE_INPUT_FORMATS, ScopedUnitField, VietnameseDateInput
from thidua.orgs.models import Membership, OrgUnit, Person, UnitKind, subtree_range

SEPARATOR = "|"
UNIT_MENU_LIMIT = 300
PEOPLE_MENU_LIMIT = 1000


# --- Small pieces ---------------------------------------------------------------------------------------------


def date_input(label, *, required: bool = True, help_text=None) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=VietnameseDateInput(),
        help_text=help_text or _("Ngày/tháng/năm, ví dụ 07/10/2025."),
    )


def board_unit_menu(user, *, limit: int = UNIT_MENU_LIMIT) -> list[OrgUnit]:
    """The units in whose name the user may issue a movement: where they hold a board role (a menu; the rule
    decides)."""
    units = scoped(OrgUnit, user)
    if user.is_superuser:
        return list(units.filter(depth__lte=1).order_by("path")[:limit])
    held = RoleAssignment.objects.current().filter(user=user, role__code__in=BOARD_ROLES).values("unit")
    return list(units.filter(pk__in=held).order_by("path")[:limit])


def _lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of a text with their numbers (1-based, as the officer sees them)."""
    return [(number, line.strip()) for number, line in enumerate((text or "").splitlines(), start=1) if line.strip()]


def _columns(line: str) -> list[str]:
    return [part.strip() for part in line.split(SEPARATOR)]


def _decimal(text: str) -> Decimal | None:
    """A number typed the Vietnamese way (10,5) or the other (10.5); None when it is not one."""
    try:
        value = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        files = []
        for item in data if isinstance(data, list | tuple) else [data]:
            cleaned = super().clean(item, initial)
            if cleaned:
                files.append(cleaned)
        return files


# --- Units named by code or name ------------------------------------------------------------------------------


def find_unit(user, text: str) -> tuple[OrgUnit | None, str]:
    """The unit of the user's scope whose code is ``text``, else whose name is ``text`` (case and diacritics aside).
    Returns (unit, "") or (None, why)."""
    units = scoped(OrgUnit, user)
    found = list(units.filter(code=text)[:2]) or list(units.filter(name_folded=fold(text))[:2])
    if len(found) == 1:
        return found[0], ""
    if found:
        return None, str(_("có nhiều đơn vị trùng tên “%(text)s”, hãy nhập mã đơn vị") % {"text": text})
    return None, str(_("không tìm thấy đơn vị “%(text)s” trong phạm vi của bạn") % {"text": text})


class UnitRefField(forms.CharField):
    """One unit typed by its code or its name."""

    def __init__(self, *, user, **kwargs):
        self.user = user
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("help_text", _("Mã đơn vị hoặc tên đầy đủ của đơn vị."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.code if isinstance(value, OrgUnit) else value

    def clean(self, value) -> OrgUnit | None:
        text = super().clean(value)
        if not text:
            return None
        unit, why = find_unit(self.user, text)
        if unit is None:
            raise forms.ValidationError(why[:1].upper() + why[1:] + ".")
        return unit


class LinesField(forms.CharField):
    """A textarea of lines: line endings as the browser sends them ("\r\n") count the same as "\n", so an
    untouched list is not "changed"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return "\n".join(line.rstrip() for line in str(super().to_python(value) or "").splitlines()).strip()

    def has_changed(self, initial, data) -> bool:
        return self.to_python(self.prepare_value(initial)) != self.to_python(data)


class UnitListField(LinesField):
    """Units typed one per line, each by its code or its name."""

    def __init__(self, *, user, **kwargs):
        self.user = user
        kwargs.setdefault("help_text", _("Mỗi dòng một đơn vị: mã đơn vị hoặc tên đầy đủ."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(unit.code if isinstance(unit, OrgUnit) else str(unit) for unit in value)
        return value

    def clean(self, value) -> list[OrgUnit]:
        text = super().clean(value)
        units, errors = [], []
        for number, line in _lines(text):
            unit, why = find_unit(self.user, line)
            if unit is None:
                errors.append(_("Dòng %(line)d: %(why)s.") % {"line": number, "why": why})
            elif unit not in units:
                units.append(unit)
        if errors:
            raise forms.ValidationError(errors)
        return units


# --- Contents, target groups and criteria, one per line -------------------------------------------------------


def contents_text(contents) -> str:
    return "\n".join(
        f"{content.title} {SEPARATOR} {content.description}" if content.description else content.title
        for content in contents
    )


def parse_contents(text: str) -> list[dict]:
    """ "Tên nội dung | diễn giải" per line."""
    contents = []
    for _number, line in _lines(text):
        title, *rest = _columns(line)
        contents.append({"title": title, "description": f" {SEPARATOR} ".join(rest).strip()})
    return contents


def target_groups_text(groups) -> str:
    lines = []
    for group in groups:
        kinds = "; ".join(kind.name for kind in group.unit_kinds.all())
        lines.append(f"{group.name} {SEPARATOR} {kinds}" if kinds else group.name)
    return "\n".join(lines)


def parse_target_groups(text: str) -> list[dict]:
    """ "Tên đối tượng | loại đơn vị; loại đơn vị" per line (the kinds by name or code, optional)."""
    kinds = {}
    for kind in UnitKind.objects.all():
        kinds[fold(kind.name)] = kind
        kinds[kind.code.lower()] = kind
    groups, errors, seen = [], [], set()
    for number, line in _lines(text):
        name, *rest = _columns(line)
        if not name:
            errors.append(_("Dòng %(line)d: thiếu tên đối tượng.") % {"line": number})
            continue
        if fold(name) in seen:
            errors.append(_("Dòng %(line)d: đối tượng “%(name)s” đã có ở dòng trên.") % {"line": number, "name": name})
            continue
        seen.add(fold(name))
        unit_kinds = []
        for typed in (part.strip() for part in " ; ".join(rest).split(";")):
            if not typed:
                continue
            kind = kinds.get(fold(typed)) or kinds.get(typed.lower())
            if kind is None:
                errors.append(_("Dòng %(line)d: không có loại đơn vị “%(kind)s”.") % {"line": number, "kind": typed})
            elif kind not in unit_kinds:
                unit_kinds.append(kind)
        groups.append({"name": name, "unit_kinds": unit_kinds})
    if errors:
        raise forms.ValidationError(errors)
    return groups


KIND_WORDS = {
    "": CriterionKind.STANDARD,
    "cham diem": CriterionKind.STANDARD,
    "tieu chi": CriterionKind.STANDARD,
    "thuong": CriterionKind.BONUS,
    "diem thuong": CriterionKind.BONUS,
    "cong": CriterionKind.BONUS,
    "tru": CriterionKind.PENALTY,
    "diem tru": CriterionKind.PENALTY,
}
KIND_SHOWN = {CriterionKind.STANDARD: "", CriterionKind.BONUS: "thưởng", CriterionKind.PENALTY: "trừ"}


def _source_words() -> dict[str, str]:
    """Every way to name a computation: its code, or its label (whole, or after "Tự tính:") in Vietnamese or in the
    language of the page, so that a form reads back what it showed in either language."""
    words = {"": CriterionSource.MANUAL}
    for language in ("vi", translation.get_language() or "vi"):
        with translation.override(language):
            for value, label in CriterionSource.choices:
                folded = fold(str(label))
                words[value] = value
                words[folded] = value
                words[folded.split(":", 1)[-1].strip()] = value
    return words


def _source_shown(source: str) -> str:
    if source == CriterionSource.MANUAL:
        return ""
    label = str(CriterionSource(source).label)
    return label.split(":", 1)[1].strip() if ":" in label else label


def criteria_text(criteria) -> str:
    """The criteria in the one-per-line form, grouped under "[Tên đối tượng]" headings."""
    lines, group = [], None
    for criterion in criteria:
        if criterion.target_group_id != (group.pk if group else None):
            group = criterion.target_group
            lines.append(f"[{group.name}]" if group else "[]")
        columns = [criterion.code, criterion.text, _plain(criterion.max_points)]
        extra = [
            "" if criterion.weight == 1 else _plain(criterion.weight),
            KIND_SHOWN[criterion.kind],
            _source_shown(criterion.source),
        ]
        while extra and not extra[-1]:
            extra.pop()
        lines.append(f" {SEPARATOR} ".join(columns + extra).rstrip(f" {SEPARATOR}"))
    return "\n".join(lines)


def parse_criteria(text: str, group_names: list[str]) -> list[dict]:
    """ "số hiệu | nội dung | điểm tối đa | hệ số | loại | cách tính" per line, under optional "[Tên đối tượng]"
    headings. A criterion's parent is the criterion above it whose number starts its own ("1" for "1.2"); points,
    weight, kind and source may be left out. ``target_group`` is returned as the group's name (the view resolves it
    once the groups are saved)."""
    groups = {fold(name): name for name in group_names}
    sources = _source_words()
    criteria, errors = [], []
    group: str | None = None
    codes: dict[str | None, set[str]] = {}
    for number, line in _lines(text):
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if name and fold(name) not in groups:
                errors.append(
                    _("Dòng %(line)d: không có đối tượng thi đua “%(name)s”.") % {"line": number, "name": name}
                )
            group = groups.get(fold(name)) if name else None
            continue
        columns = _columns(line) + [""] * 6
        code, body, points, weight, kind, source = columns[:6]
        if not body:
            errors.append(_("Dòng %(line)d: thiếu nội dung tiêu chí.") % {"line": number})
            continue
        row: dict = {"code": code, "text": body, "target_group": group, "parent_code": None}
        row["max_points"] = _decimal(points) if points else None
        if points and row["max_points"] is None:
            errors.append(
                _("Dòng %(line)d: điểm tối đa “%(value)s” không phải là số.") % {"line": number, "value": points}
            )
        row["weight"] = _decimal(weight) if weight else Decimal("1")
        if row["weight"] is None:
            errors.append(_("Dòng %(line)d: hệ số “%(value)s” không phải là số.") % {"line": number, "value": weight})
        if fold(kind) not in KIND_WORDS:
            errors.append(
                _("Dòng %(line)d: loại “%(value)s” phải là thưởng hoặc trừ.") % {"line": number, "value": kind}
            )
        row["kind"] = KIND_WORDS.get(fold(kind), CriterionKind.STANDARD)
        if fold(source) not in sources:
            errors.append(_("Dòng %(line)d: không rõ cách tính “%(value)s”.") % {"line": number, "value": source})
        row["source"] = sources.get(fold(source), CriterionSource.MANUAL)
        known = codes.setdefault(group, set())
        parts = code.split(".")
        for end in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:end])
            if prefix in known:
                row["parent_code"] = prefix
                break
        if code:
            known.add(code)
        criteria.append(row)
    if errors:
        raise forms.ValidationError(errors)
    return criteria


# --- The movement ---------------------------------------------------------------------------------------------

CONTENTS_HELP = _("Mỗi dòng một nội dung, theo thứ tự. Có thể thêm diễn giải sau dấu “|”.")
GROUPS_HELP = _(
    "Mỗi dòng một đối tượng thi đua. Sau dấu “|” có thể ghi các loại đơn vị thuộc nhóm, cách nhau bằng dấu “;”."
)
CRITERIA_HELP = _(
    "Mỗi dòng một tiêu chí: số hiệu | nội dung | điểm tối đa | hệ số | loại (thưởng, trừ) | cách tính "
    "(đăng ký thi đua đúng hạn, gửi kế hoạch đúng hạn, tỷ lệ báo cáo gửi đúng hạn, số mô hình, điển hình được công "
    "nhận). Chỉ số hiệu và nội dung là bắt buộc; tiêu chí 1.2 là tiêu chí con của tiêu chí 1. Dòng “[Tên đối "
    "tượng]” bắt đầu các tiêu chí của một đối tượng; “[]” là tiêu chí chung."
)


class MovementForm(forms.ModelForm):
    """A draft movement: its own fields, its scope, co-organisers, plan document and the one-per-line lists."""

    plan_document = forms.FileField(
        label=_("Văn bản kế hoạch (PDF, DOCX)"),
        required=False,
        help_text=_("Chọn tệp để thay văn bản đã tải lên (nếu có)."),
    )
    contents = LinesField(
        label=_("Nội dung thi đua"), widget=forms.Textarea(attrs={"rows": 6}), help_text=CONTENTS_HELP
    )
    target_groups = LinesField(
        label=_("Đối tượng thi đua"), widget=forms.Textarea(attrs={"rows": 5}), help_text=GROUPS_HELP
    )
    criteria = LinesField(
        label=_("Tiêu chí thi đua"), widget=forms.Textarea(attrs={"rows": 10}), help_text=CRITERIA_HELP
    )

    class Meta:
        model = Movement
        fields = ["title", "kind", "document_number", "document_date", "purpose", "legal_basis", "issuing_authority",
                  "period_start", "period_end", "registration_required", "scope_mode", "scope_depth",
                  "scope_unit_kinds"]  # fmt: skip
        widgets = {
            "document_date": VietnameseDateInput(),
            "period_start": VietnameseDateInput(),
            "period_end": VietnameseDateInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "scope_mode": forms.RadioSelect,
            "scope_unit_kinds": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("document_date", "period_start", "period_end"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        self.fields["kind"].choices = MovementKind.choices
        self.fields["scope_mode"].choices = ScopeMode.choices
        related = units_related_to(scope_for(user)) if not user.is_superuser else OrgUnit.objects.all()
        self.fields["issuing_authority"].queryset = Authority.objects.filter(unit__in=related).select_related("unit")
        self.fields["scope_unit_kinds"].queryset = UnitKind.objects.order_by("level", "name")
        self.fields["scope_root"] = UnitRefField(
            user=user,
            required=False,
            label=_("Đơn vị gốc của phạm vi"),
            help_text=_("Mã hoặc tên đơn vị. Để trống: đơn vị phát động."),
        )
        self.fields["scope_units"] = UnitListField(user=user, label=_("Danh sách đơn vị phải hưởng ứng"))
        self.fields["co_organisers"] = UnitListField(
            user=user,
            label=_("Đơn vị phối hợp"),
            help_text=_("Mỗi dòng một đơn vị (mã hoặc tên): các đơn vị này theo dõi được phong trào và kết quả."),
        )
        if creating:
            self.fields["issuer_unit"] = ScopedUnitField(
                user=user, menu=board_unit_menu(user), label=_("Đơn vị phát động")
            )
        movement = self.instance if self.instance.pk else None
        if movement is not None:
            # Also when bound: the amendment sends only what differs from these.
            self.initial.update(
                scope_root=movement.scope_root.code if movement.scope_root_id else "",
                scope_units=list(movement.scope_units.order_by("path")),
                co_organisers=list(movement.co_organisers.order_by("path")),
                contents=contents_text(movement.contents.order_by("position")),
                target_groups=target_groups_text(movement.target_groups.prefetch_related("unit_kinds")),
                criteria=criteria_text(movement.criteria.select_related("target_group")),
            )

    def clean_contents(self) -> list[dict]:
        return parse_contents(self.cleaned_data["contents"])

    def clean_target_groups(self) -> list[dict]:
        return parse_target_groups(self.cleaned_data["target_groups"])

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Thời gian kết thúc không được trước thời gian bắt đầu."))
        if "criteria" in self.fields and not self.fields["criteria"].disabled:
            groups = cleaned.get("target_groups")
            names = [group["name"] for group in groups] if isinstance(groups, list) else self._saved_group_names()
            try:
                cleaned["criteria"] = parse_criteria(cleaned.get("criteria") or "", names)
            except forms.ValidationError as error:
                self.add_error("criteria", error)
        return cleaned

    def _saved_group_names(self) -> list[str]:
        if not self.instance.pk:
            return []
        return list(self.instance.target_groups.values_list("name", flat=True))

    def scope(self) -> dict:
        """The arguments of ``services.set_scope`` from the cleaned form."""
        data = self.cleaned_data
        return {
            "mode": data["scope_mode"],
            "root": data.get("scope_root"),
            "depth": data.get("scope_depth"),
            "unit_kinds": list(data.get("scope_unit_kinds") or []),
            "units": list(data.get("scope_units") or []),
        }

    def _post_clean(self) -> None:
        # The services validate on a fresh copy; do not write the input onto the page's object.
        pass


class MovementAmendForm(MovementForm):
    """A launched movement's amendment: what may change after launching, with the reason kept in its history."""

    FROZEN = ("kind", "period_start", "issuing_authority")

    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ghi rõ văn bản hoặc lý do điều chỉnh; lý do được lưu trong lịch sử của phong trào."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.FROZEN:
            self.fields[name].disabled = True
            self.fields[name].required = False
        self.order_fields(["reason"])

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Hãy nhập lý do điều chỉnh."))
        return reason


class MenuRowsMixin:
    """Rows of a formset share their menus: each select gets its queryset (to validate) and its choices (to show),
    read once for the whole formset instead of once per row."""

    def set_menus(self, menus: dict | None) -> None:
        for name, (queryset, choices) in (menus or {}).items():
            self.fields[name].queryset = queryset
            self.fields[name].choices = choices


def menu(queryset, label=str) -> tuple:
    """(queryset, choices) for a ModelChoiceField of a formset row."""
    return queryset, [("", "---------")] + [(obj.pk, label(obj)) for obj in queryset]


class AwardRowForm(MenuRowsMixin, forms.Form):
    level = forms.ChoiceField(label=_("Cấp khen thưởng"), choices=[("", "---------"), *AwardLevel.choices])
    award_type = forms.ModelChoiceField(label=_("Hình thức khen thưởng"), queryset=AwardType.objects.none())
    quota = forms.IntegerField(label=_("Số lượng dự kiến"), required=False, min_value=0)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, menus: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_menus(menus)


def award_menus() -> dict:
    return {"award_type": menu(AwardType.objects.current_versions().order_by("sort_order", "name"))}


class MilestoneRowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Loại mốc"), choices=[("", "---------"), *MilestoneKind.choices])
    title = forms.CharField(label=_("Tên mốc"), max_length=300)
    due_date = forms.DateField(label=_("Ngày, hạn"), input_formats=DATE_INPUT_FORMATS, widget=VietnameseDateInput())
    requires_report = forms.BooleanField(label=_("Phải gửi báo cáo"), required=False)


class RowFormSet(forms.BaseFormSet):
    """Rows with a "Xóa" box; blank rows are skipped. ``rows()`` gives the kept rows' cleaned data in order.
    ``menus`` (optional) go to every row, the blank template row included."""

    def __init__(self, *args, menus: dict | None = None, **kwargs):
        self.menus = menus
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        return {**kwargs, "menus": self.menus} if self.menus is not None else kwargs

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=self.renderer,
            **self.get_form_kwargs(None),
        )
        self.add_fields(form, None)
        return form

    def rows(self) -> list[dict]:
        kept = []
        for form in self.forms:
            data = dict(getattr(form, "cleaned_data", {}) or {})
            if not data or data.pop("DELETE", False):
                continue
            kept.append(data)
        return kept


AwardFormSet = forms.formset_factory(AwardRowForm, formset=RowFormSet, extra=2, can_delete=True)
MilestoneFormSet = forms.formset_factory(MilestoneRowForm, formset=RowFormSet, extra=2, can_delete=True)


def award_rows(movement: Movement) -> list[dict]:
    return [
        {"level": award.level, "award_type": award.award_type, "quota": award.quota, "note": award.note}
        for award in movement.awards.select_related("award_type")
    ]


def milestone_rows(movement: Movement) -> list[dict]:
    return [
        {"id": m.pk, "kind": m.kind, "title": m.title, "due_date": m.due_date, "requires_report": m.requires_report}
        for m in movement.milestones.all()
    ]


class SubMovementForm(forms.Form):
    """A unit answering a launched movement starts its own (a draft it completes on the edit page)."""

    issuer_unit = forms.ModelChoiceField(label=_("Đơn vị phát động"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Tên phong trào"), max_length=500)
    kind = forms.ChoiceField(label=_("Hình thức thi đua"), choices=MovementKind.choices)
    period_start = date_input(_("Thời gian bắt đầu"))
    period_end = date_input(_("Thời gian kết thúc"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer_unit"].queryset = units

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Thời gian kết thúc không được trước thời gian bắt đầu."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class DashboardFilterForm(forms.Form):
    """The dashboard's filters; the menus hold the unit kinds and districts among the movement's units."""

    unit_kind = forms.ChoiceField(label=_("Loại đơn vị"), required=False)
    district = forms.ChoiceField(label=_("Quận, huyện, sở, ngành"), required=False)

    def __init__(self, *args, kinds: list, districts: list, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["unit_kind"].choices = everything + [(str(kind.pk), kind.name) for kind in kinds]
        self.fields["district"].choices = everything + [(str(unit.pk), unit.name) for unit in districts]

    def value(self, name: str) -> int | None:
        if not self.is_valid() or not self.cleaned_data.get(name):
            return None
        return int(self.cleaned_data[name])


# --- Answers --------------------------------------------------------------------------------------------------


class UnitPlanForm(forms.Form):
    targets = forms.CharField(
        label=_("Chỉ tiêu, nội dung đăng ký"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Các chỉ tiêu, nhiệm vụ đơn vị đặt ra để hưởng ứng phong trào."),
    )
    document = forms.FileField(
        label=_("Văn bản kế hoạch của đơn vị (PDF, DOCX)"),
        required=False,
        help_text=_("Chọn tệp để tải lên hoặc thay văn bản đã có."),
    )


def award_types_for(recipient_kind: str) -> list[int]:
    """Award types in force that fit a recipient kind (the catalog is small: filtered here, alike on every
    database)."""
    return [
        pk
        for pk, kinds in AwardType.objects.current_versions().values_list("pk", "recipient_kinds")
        if recipient_kind in (kinds or [])
    ]


def people_of(unit: OrgUnit, user, *, on: dt.date | None = None):
    """People working now in the unit or below it, as the user may see them, in Vietnamese order."""
    low, high = subtree_range(unit.path)
    current = Membership.objects.current(on).filter(person=OuterRef("pk"), unit__path__gte=low, unit__path__lt=high)
    return scoped(Person, user).filter(Exists(current)).order_by("sort_key", "pk")


def person_label(person: Person) -> str:
    return f"{person.full_name} ({person.birth_year})" if person.birth_year else person.full_name


def pledge_menus(unit: OrgUnit, user) -> tuple[dict, dict]:
    """The menus of the collective and of the individual pledge rows: the unit and its direct sub-units, the people
    working in the unit's subtree (the first ``PEOPLE_MENU_LIMIT`` in Vietnamese order), the award types that fit
    each recipient kind. Validation accepts any unit of the subtree and any person working in it."""
    units = OrgUnit.objects.subtree_of(unit).active()
    unit_menu = units.filter(Q(pk=unit.pk) | Q(parent=unit)).order_by("path")[:UNIT_MENU_LIMIT]
    unit_choices = [("", "---------")] + [(u.pk, ("— " if u.pk != unit.pk else "") + u.name) for u in unit_menu]
    people = people_of(unit, user)
    collective = AwardType.objects.filter(pk__in=award_types_for(RecipientKind.COLLECTIVE)).order_by("sort_order")
    individual = AwardType.objects.filter(pk__in=award_types_for(RecipientKind.INDIVIDUAL)).order_by("sort_order")
    return (
        {"unit": (units, unit_choices), "award_type": menu(collective)},
        {"person": (people, menu(people[:PEOPLE_MENU_LIMIT], person_label)[1]), "award_type": menu(individual)},
    )


class CollectivePledgeForm(MenuRowsMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Tập thể"), queryset=OrgUnit.objects.none())
    award_type = forms.ModelChoiceField(label=_("Danh hiệu đăng ký"), queryset=AwardType.objects.none())
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, menus: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_menus(menus)


class IndividualPledgeForm(MenuRowsMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Person.objects.none())
    award_type = forms.ModelChoiceField(label=_("Danh hiệu đăng ký"), queryset=AwardType.objects.none())
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, menus: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_menus(menus)


CollectivePledgeFormSet = forms.formset_factory(CollectivePledgeForm, formset=RowFormSet, extra=1, can_delete=True)
IndividualPledgeFormSet = forms.formset_factory(IndividualPledgeForm, formset=RowFormSet, extra=3, can_delete=True)


class RegistrationForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FigureRowForm(forms.Form):
    label = forms.CharField(label=_("Chỉ tiêu"), max_length=300)
    value = forms.DecimalField(label=_("Số liệu"), max_digits=18, decimal_places=4, localize=True)
    unit = forms.CharField(label=_("Đơn vị tính"), required=False, max_length=50)


FigureFormSet = forms.formset_factory(FigureRowForm, formset=RowFormSet, extra=2, can_delete=True)


def figures_for_service(rows: list[dict]) -> list[dict]:
    """Figures as JSON numbers: whole numbers stay whole."""
    figures = []
    for row in rows:
        value = row["value"]
        number = int(value) if value == value.to_integral_value() else float(value)
        figures.append({"label": row["label"], "value": number, "unit": row.get("unit", "")})
    return figures


class ProgressReportForm(forms.Form):
    text = forms.CharField(label=_("Nội dung báo cáo"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    add_attachments = MultipleFileField(
        label=_("Thêm tệp đính kèm"), help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG; có thể chọn nhiều tệp.")
    )
    remove_attachments = forms.MultipleChoiceField(
        label=_("Bỏ tệp đính kèm"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, attachments: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.attachments = {str(stored.pk): stored for stored in attachments}
        self.fields["remove_attachments"].choices = [(key, stored.name) for key, stored in self.attachments.items()]
        if not attachments:
            del self.fields["remove_attachments"]

    def removed(self) -> list:
        return [self.attachments[key] for key in self.cleaned_data.get("remove_attachments", [])]


def today() -> dt.date:
    return timezone.localdate()
