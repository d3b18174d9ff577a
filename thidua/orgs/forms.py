"""Forms of the organisation pages. They validate input; the views hand ``cleaned_data`` to ``thidua.orgs.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import scoped
from thidua.orgs.models import Gender, Membership, OrgUnit, Person, PositionCategory

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class VietnameseDateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the same on every browser and locale, unlike <input type=date>."""

    def __init__(self, attrs: dict | None = None):
        base = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


def date_field(model_field_name: str, model, *, required: bool | None = None) -> forms.DateField:
    field = model._meta.get_field(model_field_name)
    return forms.DateField(
        label=field.verbose_name,
        required=(not field.blank) if required is None else required,
        input_formats=DATE_INPUT_FORMATS,
        widget=VietnameseDateInput(),
        help_text=field.help_text or _("Ngày/tháng/năm, ví dụ 07/10/2025."),
    )


class ScopedUnitField(forms.ModelChoiceField):
    """A unit of the user's scope. ``menu`` is what the select lists (a short, useful list: never 5,000 options);
    any unit of the scope is accepted, the rules decide the rest."""

    def __init__(self, *, user, menu: list[OrgUnit], **kwargs):
        super().__init__(queryset=scoped(OrgUnit, user), **kwargs)
        top = min((unit.depth for unit in menu), default=0)
        self.widget.choices = [("", "---------")] + [(unit.pk, "— " * (unit.depth - top) + unit.name) for unit in menu]


class UnitForm(forms.ModelForm):
    """A unit's own fields; a new name also needs the date it takes effect (the old name is kept as an event)."""

    renamed_on = forms.DateField(
        label=_("Tên mới có hiệu lực từ"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=VietnameseDateInput(),
        help_text=_("Bắt buộc khi đổi tên đơn vị."),
    )
    rename_basis = forms.CharField(
        label=_("Căn cứ đổi tên"), required=False, max_length=255, help_text=_("Ví dụ: Nghị quyết số …")
    )

    class Meta:
        model = OrgUnit
        fields = ["name", "short_name", "code", "kind", "sector", "is_external", "established_on", "address", "email",
                  "phone"]  # fmt: skip
        widgets = {"established_on": VietnameseDateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["established_on"].input_formats = DATE_INPUT_FORMATS

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk and "name" in self.changed_data and not cleaned.get("renamed_on"):
            self.add_error("renamed_on", _("Hãy nhập ngày tên mới có hiệu lực."))
        return cleaned

    def _post_clean(self) -> None:
        # Validation runs in the service on a fresh copy; do not write the input onto the page's object.
        pass


class PersonForm(forms.ModelForm):
    """A person's identity; the service validates the model before saving."""

    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_date", "birth_year", "death_date", "ethnicity", "nationality",
                  "id_number", "is_direct_worker", "position_category", "hometown"]  # fmt: skip
        widgets = {"birth_date": VietnameseDateInput(), "death_date": VietnameseDateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("birth_date", "death_date"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        self.fields["full_name"].widget.attrs["autocomplete"] = "off"

    def _post_clean(self) -> None:
        pass


class PersonCreateForm(PersonForm):
    """A new person and the unit they start working in."""

    def __init__(self, *args, user, units_menu: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = ScopedUnitField(user=user, menu=units_menu, label=_("Đơn vị công tác"))
        self.fields["position"] = forms.CharField(label=_("Chức vụ"), required=False, max_length=200)
        self.fields["start_date"] = date_field("start_date", Membership)
        self.fields["start_date"].label = _("Công tác từ ngày")


class MembershipForm(forms.ModelForm):
    """A person joins a unit (a new row of their work history)."""

    class Meta:
        model = Membership
        fields = ["position", "is_leader", "start_date", "end_date", "is_primary"]
        widgets = {"start_date": VietnameseDateInput(), "end_date": VietnameseDateInput()}

    def __init__(self, *args, user, units_menu: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "unit": ScopedUnitField(user=user, menu=units_menu, label=_("Đơn vị")),
            **self.fields,
        }
        for name in ("start_date", "end_date"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return cleaned

    def _post_clean(self) -> None:
        pass


class EndMembershipForm(forms.Form):
    end_date = forms.DateField(
        label=_("Ngày kết thúc công tác"), input_formats=DATE_INPUT_FORMATS, widget=VietnameseDateInput()
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_end_date(self):
        end_date = self.cleaned_data["end_date"]
        if self.membership.start_date and end_date < self.membership.start_date:
            raise forms.ValidationError(_("Ngày kết thúc không được trước ngày bắt đầu công tác."))
        return end_date


class PersonFilterForm(forms.Form):
    """The filters of the people list (all optional, GET)."""

    DIRECT_CHOICES = [("", _("Tất cả")), ("1", _("Có")), ("0", _("Không"))]

    q = forms.CharField(label=_("Tìm theo họ tên"), required=False, max_length=100)
    gender = forms.ChoiceField(label=_("Giới tính"), required=False, choices=[("", _("Tất cả")), *Gender.choices])
    position_category = forms.ChoiceField(
        label=_("Đối tượng"), required=False, choices=[("", _("Tất cả")), *PositionCategory.choices]
    )
    direct = forms.ChoiceField(label=_("Trực tiếp lao động, sản xuất"), required=False, choices=DIRECT_CHOICES)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def is_direct_worker(self) -> bool | None:
        value = self.cleaned_data.get("direct") if self.is_valid() else ""
        return {"1": True, "0": False}.get(value)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
