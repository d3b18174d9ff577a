"""Forms of "Ghi nhận quyết định đã ký": a decision signed outside the system (Thủ tướng, Chủ tịch nước) or before
it, typed from the paper — its header and one row per person or collective.

A row names a unit of the user's scope; a person is found among that unit's members by full name letter for letter
(diacritics count, case aside), narrowed by the birth date or year, with the importers' matching
(``thidua.imports.kinds._subjects.find_person``). A collective is the unit itself. Every error says the row and the
field ("Dòng 2, Họ và tên: …"). The view hands ``RecordForm.cleaned_data`` and ``RecordItemFormSet.items()`` to
``services.record_decision``, which checks the right, the number and the award types again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority, AwardType
from thidua.core.uploads import validate_upload
from thidua.decisions.forms import PDF, YEAR_MAX, YEAR_MIN, AuthorityField, date_field
from thidua.decisions.rules import RECORD_ROLES, serving_units
from thidua.imports.kinds._subjects import Known, find_person, parse_birth, unit_members
from thidua.orgs.models import OrgUnit, Person, paths_filter
from thidua.records.services import award_type_for

# Rows shown at first, and added by "Thêm dòng".
ROWS_STEP = 5
# The unit menu of a row: the units where the user records and two levels below them (a menu; any unit of the
# user's scope is accepted).
UNIT_MENU_LIMIT = 500
UNIT_MENU_DEPTH = 2
PERSON, COLLECTIVE = "person", "unit"
RECIPIENT_KINDS = [(PERSON, gettext_lazy("Cá nhân")), (COLLECTIVE, gettext_lazy("Tập thể"))]
# The header fields the service takes as they are (left out when empty: the authority's signer title stays).
SIGNER_FIELDS = ("signing_capacity", "signer_position", "signer_name")


class RecordForm(forms.Form):
    """The header: the authority, the number and date from the paper, the subject, the signer, the signed PDF."""

    authority = AuthorityField(label=gettext_lazy("Cấp quyết định"), queryset=Authority.objects.none(),
                               empty_label=gettext_lazy("Chọn cấp có thẩm quyền"))  # fmt: skip
    number_text = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=80,
                                  help_text=gettext_lazy("Như trên bản đã ký, ví dụ 1234/QĐ-TTg."))  # fmt: skip
    signed_on = date_field(gettext_lazy("Ngày ký"))
    subject = forms.CharField(
        label=gettext_lazy("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Ví dụ: Về việc tặng Bằng khen của Thủ tướng Chính phủ."),
    )  # fmt: skip
    signing_capacity = forms.CharField(label=gettext_lazy("Thẩm quyền ký"), max_length=100, required=False,
                                       help_text=gettext_lazy("Ví dụ: KT. THỦ TƯỚNG; để trống khi người đứng đầu "
                                                              "ký."))  # fmt: skip
    signer_position = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"), max_length=100, required=False,
        help_text=gettext_lazy("Để trống: chức danh người ký của cấp quyết định."),
    )  # fmt: skip
    signer_name = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=200, required=False)
    signed_file = forms.FileField(label=gettext_lazy("Bản đã ký (PDF)"), required=False,
                                  help_text=gettext_lazy("Không bắt buộc. Bản quét hoặc bản có chữ ký số; khi trang "
                                                         "báo lỗi, hãy chọn lại tệp."))  # fmt: skip

    def __init__(self, *args, authorities: QuerySet[Authority], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities

    def clean_number_text(self) -> str:
        return " ".join(self.cleaned_data["number_text"].split())

    def clean_signed_on(self) -> dt.date:
        day = self.cleaned_data["signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ký không được sau ngày hôm nay."))
        return day

    def clean_signed_file(self):
        upload = self.cleaned_data.get("signed_file")
        if upload:
            try:
                validate_upload(upload, allowed=PDF, field="signed_file")
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return upload

    def header(self) -> dict[str, Any]:
        """The signer fields given (``**fields`` of ``record_decision``)."""
        return {name: self.cleaned_data[name].strip() for name in SIGNER_FIELDS if self.cleaned_data[name].strip()}


def recipient_unit_menu(user) -> list[OrgUnit]:
    """The units a row offers: where the user records (board or clerk) and two levels below, in tree order."""
    units = scoped(OrgUnit, user).active()
    if user.is_superuser:
        return list(units.filter(depth__lte=UNIT_MENU_DEPTH).order_by("path")[:UNIT_MENU_LIMIT])
    held = OrgUnit.objects.filter(pk__in=serving_units(user, RECORD_ROLES)).only("path", "depth")
    below = Q(pk__in=[])
    for unit in held:
        below |= paths_filter([unit.path]) & Q(depth__lte=unit.depth + UNIT_MENU_DEPTH)
    return list(units.filter(below).order_by("path")[:UNIT_MENU_LIMIT])


def award_code_choices() -> list[tuple[str, str]]:
    """One choice per award code, named as its newest version (a recorded decision may be years old)."""
    names: dict[str, str] = {}
    for code, name in AwardType.objects.order_by("sort_order", "code", "-valid_from").values_list("code", "name"):
        names.setdefault(code, name)
    return [("", _("Chọn hình thức, danh hiệu")), *names.items()]


def row_menus(user) -> dict[str, Any]:
    """The menus every row shares, read once for the formset."""
    menu = recipient_unit_menu(user)
    top = min((unit.depth for unit in menu), default=0)
    return {
        "units": scoped(OrgUnit, user),
        "unit_choices": [("", "---------")] + [(unit.pk, "— " * (unit.depth - top) + unit.name) for unit in menu],
        "award_choices": award_code_choices(),
    }


class RecordItemForm(forms.Form):
    """One row of the decision's list. Every field is optional to Django: an empty row is skipped, and the row's
    own checks (``clean``) say what is missing with the row number and the field. The page explains the columns once
    above the table (no help text per cell)."""

    kind = forms.ChoiceField(label=gettext_lazy("Đối tượng"), choices=RECIPIENT_KINDS, initial=PERSON)
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=OrgUnit.objects.none(), required=False)
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=300, required=False)
    birth = forms.CharField(label=gettext_lazy("Ngày sinh"), max_length=10, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                          "placeholder": gettext_lazy("dd/mm/yyyy")}))  # fmt: skip
    award_code = forms.ChoiceField(label=gettext_lazy("Hình thức, danh hiệu"), choices=(), required=False)
    year = forms.IntegerField(label=gettext_lazy("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    achievement = forms.CharField(label=gettext_lazy("Thành tích"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    posthumous = forms.BooleanField(label=gettext_lazy("Truy tặng"), required=False)

    def __init__(self, *args, menus: dict[str, Any], people: dict[int, list[Known]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = menus["units"]
        self.fields["unit"].choices = menus["unit_choices"]
        self.fields["award_code"].choices = menus["award_choices"]
        self.people = people  # the members of each unit named, shared by the rows
        self.number = 0  # the row's number as the page shows it (set by the formset)
        self.person: Person | None = None

    def row_error(self, field: str, message: str) -> None:
        label = self.fields[field].label
        self.add_error(field, _("Dòng %(row)d, %(field)s: %(error)s") % {"row": self.number, "field": label,
                                                                        "error": message})  # fmt: skip

    def _clean_fields(self) -> None:
        super()._clean_fields()
        # Django's own messages (a year out of range, a unit outside the scope) named with the row and field too.
        for name in [name for name in self._errors if name in self.fields]:
            for text in self._errors.pop(name):
                self.row_error(name, text)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        unit, name = data.get("unit"), " ".join((data.get("full_name") or "").split())
        if unit is None and "unit" not in self.errors:
            self.row_error("unit", _("chọn đơn vị."))
        if not data.get("award_code") and "award_code" not in self.errors:
            self.row_error("award_code", _("chọn hình thức khen thưởng hoặc danh hiệu."))
        birth_date, birth_year, ok = parse_birth(data.get("birth") or "")
        if not ok:
            self.row_error("birth", _("“%(value)s” không phải ngày (dd/mm/yyyy) hay năm sinh.") % {
                "value": data.get("birth")})  # fmt: skip
        if data.get("kind") == COLLECTIVE:
            if name:
                self.row_error("full_name", _("để trống với tập thể: tập thể được khen là đơn vị đã chọn."))
        elif not name:
            self.row_error("full_name", _("nhập họ và tên người được khen."))
        elif unit is not None and ok:
            self.person = self._find(unit, name, birth_date, birth_year)
        return data

    def _find(self, unit: OrgUnit, name: str, birth_date: dt.date | None, birth_year: int | None) -> Person | None:
        if unit.pk not in self.people:
            self.people[unit.pk] = unit_members(unit)
        known, message = find_person(self.people[unit.pk], unit=unit, name=name, birth_date=birth_date,
                                     birth_year=birth_year)  # fmt: skip
        if known is None:
            self.row_error("full_name", message)
            return None
        return Person.objects.get(pk=known.pk)

    def item(self) -> dict[str, Any]:
        """The row as ``record_decision`` takes it."""
        data = self.cleaned_data
        item: dict[str, Any] = {"award_code": data["award_code"], "posthumous": data["posthumous"]}
        if self.person is not None:
            # The unit chosen is the one the decision names (the person is one of its members).
            item.update(person=self.person, unit_name=data["unit"].name)
        else:
            item["unit"] = data["unit"]
        if data.get("year"):
            item["year"] = data["year"]
        if (data.get("achievement") or "").strip():
            item["achievement"] = data["achievement"].strip()
        return item


class BaseRecordItemFormSet(forms.BaseFormSet):
    """The rows; those left empty are skipped. ``menus`` are read once and shared by every row."""

    def __init__(self, *args, menus: dict[str, Any], rows: list[dict[str, Any]] | None = None, **kwargs):
        self.menus = menus
        self.people: dict[int, list[Known]] = {}
        # Rows typed before "Thêm dòng", shown again (unbound) with ROWS_STEP empty rows after them.
        self.rows = rows or []
        super().__init__(*args, **kwargs)
        if self.rows:
            self.extra = len(self.rows) + ROWS_STEP

    def get_form_kwargs(self, index):
        kwargs = {**super().get_form_kwargs(index), "menus": self.menus, "people": self.people}
        if index is not None and index < len(self.rows):
            kwargs["initial"] = self.rows[index]
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.number = i + 1
        return form

    def filled(self) -> list[RecordItemForm]:
        return [form for form in self.forms if form.has_changed()]

    def clean(self) -> None:
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Nhập ít nhất một người, tập thể được khen thưởng."))

    def check_award_types(self, on: dt.date) -> None:
        """Each row's award code names a version in force on the signing day (as the service will ask)."""
        for form in self.filled():
            code = form.cleaned_data.get("award_code")
            if code:
                try:
                    award_type_for(code, on)
                except ValidationError as error:
                    form.row_error("award_code", " ".join(error.messages))

    def items(self) -> list[dict[str, Any]]:
        return [form.item() for form in self.filled()]


RecordItemFormSet = forms.formset_factory(RecordItemForm, formset=BaseRecordItemFormSet, extra=ROWS_STEP,
                                          max_num=500, absolute_max=500, validate_max=True)  # fmt: skip
ITEMS_PREFIX = "items"


def submitted_rows(data, count: int) -> list[dict[str, Any]]:
    """The rows as typed (raw values), to show them again unbound with more empty rows after them."""
    names = list(RecordItemForm.base_fields)
    rows = []
    for index in range(count):
        row = {name: data.get(f"{ITEMS_PREFIX}-{index}-{name}") for name in names}
        if row.get("posthumous") is not None:
            row["posthumous"] = True
        rows.append({name: value for name, value in row.items() if value not in (None, "")})
    return rows
