"""Forms of the dossier pages (the unit's side and the board's side). They validate what is typed and offer short
menus; the views hand ``cleaned_data`` to the services (``thidua.dossiers.services``, ``workflow``, ``forwarding``,
``year_end``), which check the rules and the guards again."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, DOSSIER_ROLES
from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority, AwardKind, AwardType, DocumentKind, RecipientKind
from thidua.dossiers.enums import CheckItem, DossierKind, Procedure, Recommendation
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.movements.forms import PEOPLE_MENU_LIMIT, UNIT_MENU_LIMIT, people_of, person_label
from thidua.movements.models import Movement
from thidua.orgs.forms import DATE_INPUT_FORMATS, ScopedUnitField, VietnameseDateInput
from thidua.orgs.models import PATH_SEGMENT, OrgUnit

YEAR_MIN, YEAR_MAX = 1945, 2100


def date_field(label, *, required: bool = True, help_text=None) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=VietnameseDateInput(),
        help_text=help_text or _("Ngày/tháng/năm, ví dụ 07/10/2025."),
    )


def year_field(label, *, required: bool = False, initial=None) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=YEAR_MIN, max_value=YEAR_MAX, initial=initial,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip


def prepare_units(user, *, limit: int = UNIT_MENU_LIMIT) -> list[OrgUnit]:
    """The units whose dossiers the user prepares (a DOSSIER_ROLES role there) and their direct sub-units: a menu;
    the rule (``rules.can_prepare_dossier``) decides on submit."""
    units = scoped(OrgUnit, user).active()
    if user.is_superuser:
        return list(units.filter(depth__lte=1).order_by("path")[:limit])
    held = list(
        RoleAssignment.objects.current().filter(user=user, role__code__in=DOSSIER_ROLES).values_list("unit", flat=True)
    )
    return list(units.filter(Q(pk__in=held) | Q(parent__in=held)).order_by("path")[:limit])


def ancestor_paths(unit: OrgUnit) -> list[str]:
    """The paths of the unit and of every unit above it."""
    return [unit.path[:end] for end in range(len(unit.path), 0, -PATH_SEGMENT)]


def authority_label(authority: Authority) -> str:
    return f"{authority.name} ({authority.unit.name})"


def addressable_authorities(units: list[OrgUnit]):
    """In-force authorities inside the deployment seated at one of ``units`` or above one of them."""
    paths = sorted({path for unit in units for path in ancestor_paths(unit)})
    return (
        Authority.objects.in_force(timezone.localdate())
        .filter(unit__path__in=paths, unit__is_external=False)
        .select_related("unit")
        .order_by("unit__path", "name")
    )


class AuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Authority) -> str:
        return authority_label(obj)


class DossierForm(forms.Form):
    """A new draft dossier of a unit the user prepares for, addressed to an authority at the unit or above it."""

    unit = forms.ModelChoiceField(label=_("Đơn vị trình"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Loại hồ sơ"), choices=DossierKind.choices, initial=DossierKind.MOVEMENT)
    title = forms.CharField(
        label=_("Trích yếu"),
        max_length=500,
        help_text=_("Ví dụ: Đề nghị khen thưởng thành tích phong trào “Mục tiêu kép”."),
    )
    authority = AuthorityChoiceField(
        label=_("Cấp trình"), queryset=Authority.objects.none(), required=False,
        help_text=_("Để trống: cấp có thẩm quyền gần nhất phía trên đơn vị."),
    )  # fmt: skip
    movement = forms.ModelChoiceField(label=_("Phong trào"), queryset=Movement.objects.none(), required=False)
    year = year_field(_("Năm"))
    procedure = forms.ChoiceField(label=_("Thủ tục"), choices=Procedure.choices, initial=Procedure.NORMAL)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        menu = prepare_units(user)
        self.fields["unit"] = ScopedUnitField(user=user, menu=menu, label=_("Đơn vị trình"))
        self.fields["authority"].queryset = addressable_authorities(menu)
        self.fields["movement"].queryset = scoped(Movement, user).order_by("-period_start", "-pk")
        self.order_fields(["unit", "kind", "title", "authority", "movement", "year", "procedure"])

    def clean(self) -> dict:
        cleaned = super().clean()
        unit, authority = cleaned.get("unit"), cleaned.get("authority")
        if unit is not None and authority is not None and authority.unit.path not in ancestor_paths(unit):
            self.add_error("authority", _("Cấp trình phải là cấp có thẩm quyền của đơn vị trình hoặc cấp trên của "
                                          "đơn vị đó."))  # fmt: skip
        return cleaned


def year_end_award_types():
    """Award types in force of the year-end round (titles for individuals and collectives), one per code."""
    return AwardType.objects.current_versions().filter(kind=AwardKind.TITLE).order_by("sort_order", "code")


class YearEndForm(forms.Form):
    """The year-end dossier built in one step from the eligibility suggestions of a unit's people and units."""

    unit = forms.ModelChoiceField(label=_("Đơn vị trình"), queryset=OrgUnit.objects.none())
    year = year_field(_("Năm xét"), required=True)
    award_codes = forms.MultipleChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Hệ thống lấy các cá nhân, tập thể đủ điều kiện theo gợi ý của năm xét."),
    )  # fmt: skip
    include_review = forms.BooleanField(
        label=_("Gồm cả các trường hợp “cần xem xét”"), required=False,
        help_text=_("Điều kiện cần đánh giá (tinh thần, đạo đức…) do Hội đồng Thi đua - Khen thưởng của đơn vị xem "
                    "xét trước khi trình."),
    )  # fmt: skip
    authority = AuthorityChoiceField(
        label=_("Cấp trình"), queryset=Authority.objects.none(), required=False,
        help_text=_("Để trống: cấp có thẩm quyền gần nhất phía trên đơn vị."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault(
            "initial", {"year": timezone.localdate().year - 1, "award_codes": ["LDTT"], "include_review": True}
        )
        super().__init__(*args, **kwargs)
        menu = prepare_units(user)
        self.fields["unit"] = ScopedUnitField(user=user, menu=menu, label=_("Đơn vị trình"))
        self.fields["authority"].queryset = addressable_authorities(menu)
        seen: dict[str, str] = {}
        for award in year_end_award_types():
            seen.setdefault(award.code, award.name)
        self.fields["award_codes"].choices = list(seen.items())
        self.order_fields(["unit", "year", "award_codes", "include_review", "authority"])

    def clean(self) -> dict:
        cleaned = super().clean()
        unit, authority = cleaned.get("unit"), cleaned.get("authority")
        if unit is not None and authority is not None and authority.unit.path not in ancestor_paths(unit):
            self.add_error("authority", _("Cấp trình phải là cấp có thẩm quyền của đơn vị trình hoặc cấp trên của "
                                          "đơn vị đó."))  # fmt: skip
        return cleaned


# --- Entries --------------------------------------------------------------------------------------------------


class NomineeUnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


class AwardTypeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AwardType) -> str:
        return obj.name


class EntryForm(forms.Form):
    """One nominee of the unit's subtree (a person working there or a unit) and one award type."""

    person = forms.ModelChoiceField(
        label=_("Cá nhân"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Người đang công tác tại đơn vị trình hoặc đơn vị trực thuộc."),
    )
    unit = NomineeUnitField(label=_("Tập thể"), queryset=OrgUnit.objects.none(), required=False,
                            help_text=_("Chọn cá nhân hoặc tập thể, không chọn cả hai."))  # fmt: skip
    award_type = AwardTypeField(label=_("Hình thức khen thưởng"), queryset=AwardType.objects.none())
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    posthumous = forms.BooleanField(label=_("Truy tặng"), required=False)

    def __init__(self, *args, dossier: Dossier, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_of(dossier.unit, user)
        self.fields["person"].queryset = people
        self.fields["person"].choices = [("", "---------")] + [
            (person.pk, person_label(person)) for person in people[:PEOPLE_MENU_LIMIT]
        ]
        units = OrgUnit.objects.subtree_of(dossier.unit).active()
        self.fields["unit"].queryset = units
        menu = units.filter(Q(pk=dossier.unit_id) | Q(parent=dossier.unit_id)).order_by("path")[:UNIT_MENU_LIMIT]
        self.fields["unit"].choices = [("", "---------")] + [
            (unit.pk, ("— " if unit.pk != dossier.unit_id else "") + unit.name) for unit in menu
        ]
        self.fields["award_type"].queryset = AwardType.objects.current_versions().order_by("sort_order", "code")

    def clean(self) -> dict:
        cleaned = super().clean()
        person, unit, award = cleaned.get("person"), cleaned.get("unit"), cleaned.get("award_type")
        if person is None and unit is None and not self.has_error("person") and not self.has_error("unit"):
            self.add_error("person", _("Chọn một cá nhân hoặc một tập thể được đề nghị."))
        elif person is not None and unit is not None:
            self.add_error("unit", _("Chỉ chọn cá nhân hoặc tập thể, không chọn cả hai."))
        elif award is not None:
            kind = RecipientKind.INDIVIDUAL if person is not None else RecipientKind.COLLECTIVE
            if kind not in (award.recipient_kinds or []):
                self.add_error("award_type", _("“%(award)s” không dành cho %(recipient)s.")
                               % {"award": award.name, "recipient": RecipientKind(kind).label.lower()})  # fmt: skip
        return cleaned


class EntryEditForm(forms.Form):
    """What the unit may change on an entry while the dossier is a draft or the entry was returned."""

    achievement = forms.CharField(label=_("Tóm tắt thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip
    posthumous = forms.BooleanField(label=_("Truy tặng"), required=False)
    own_council_votes_for = forms.IntegerField(
        label=_("Số phiếu đồng ý tại Hội đồng của đơn vị"), required=False, min_value=0, max_value=999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentKindField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DocumentKind) -> str:
        return obj.name


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DossierEntry) -> str:
        return f"{obj.nominee_name} – {obj.award_type.name}"


class AttachmentForm(forms.Form):
    """A document of the dossier, or of one of its entries."""

    document_kind = DocumentKindField(label=_("Thành phần hồ sơ"), queryset=DocumentKind.objects.none(),
                                      required=False)  # fmt: skip
    entry = EntryChoiceField(label=_("Thuộc đề nghị"), queryset=DossierEntry.objects.none(), required=False,
                             help_text=_("Để trống với tài liệu chung của hồ sơ (tờ trình, biên bản)."))  # fmt: skip
    file = forms.FileField(label=_("Tệp"), help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG."))
    title = forms.CharField(label=_("Tên tài liệu"), required=False, max_length=300)

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_kind"].queryset = DocumentKind.objects.order_by("pk")
        self.fields["entry"].queryset = dossier.entries.select_related("award_type", "person", "unit", "household")


class OwnCouncilForm(forms.Form):
    """The submitting unit's own council (Hội đồng TĐKT cơ sở) that reviewed the proposals."""

    met_on = date_field(_("Ngày họp Hội đồng TĐKT của đơn vị"))
    members = forms.IntegerField(label=_("Số thành viên Hội đồng"), min_value=1, max_value=999,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    present = forms.IntegerField(label=_("Số thành viên dự họp"), min_value=0, max_value=999,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    notes = forms.CharField(label=_("Kết quả họp"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        members, present = cleaned.get("members"), cleaned.get("present")
        if members is not None and present is not None and present > members:
            self.add_error("present", _("Số thành viên dự họp không được lớn hơn số thành viên Hội đồng."))
        met_on = cleaned.get("met_on")
        if met_on is not None and met_on > timezone.localdate():
            self.add_error("met_on", _("Ngày họp không được sau hôm nay."))
        return cleaned


# --- Transitions ----------------------------------------------------------------------------------------------


class TransitionForm(forms.Form):
    """What a transition button posts: the version the page showed, a reason where the row asks for one, the
    officer when assigning, the centre's document when recording an outcome."""

    version = forms.IntegerField(required=False, min_value=0)
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=5000)
    officer = forms.ModelChoiceField(label=_("Cán bộ thẩm định"), queryset=get_user_model().objects.none(),
                                     required=False)  # fmt: skip
    reference = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False, max_length=200)
    on = forms.DateField(label=_("Ngày văn bản"), required=False, input_formats=DATE_INPUT_FORMATS)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers


def officers_of(dossier: Dossier):
    """Users holding a board role at the unit where the dossier's authority sits (the officers it may assign)."""
    if dossier.authority_id is None:
        return get_user_model().objects.none()
    held = RoleAssignment.objects.current().filter(unit_id=dossier.authority.unit_id, role__code__in=BOARD_ROLES)
    return get_user_model().objects.filter(is_active=True, roles__in=held).distinct().order_by("full_name", "username")


# --- Appraisal ------------------------------------------------------------------------------------------------

OK_CHOICES = [("", _("Chưa kiểm tra")), ("yes", _("Đạt")), ("no", _("Không đạt"))]


class AppraisalForm(forms.Form):
    """The checklist of one entry (one finding per item) and the officer's recommendation."""

    recommendation = forms.ChoiceField(label=_("Ý kiến thẩm định"), required=False, widget=forms.RadioSelect,
                                       choices=Recommendation.choices)  # fmt: skip
    notes = forms.CharField(label=_("Nhận xét thẩm định"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in CheckItem.choices:
            self.fields[f"ok_{value}"] = forms.ChoiceField(label=label, required=False, choices=OK_CHOICES,
                                                           widget=forms.RadioSelect)  # fmt: skip
            self.fields[f"note_{value}"] = forms.CharField(
                label=_("Ghi chú: %(item)s") % {"item": label}, required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def items(self) -> list[dict]:
        """Per checklist item: its bound ok and note fields (the template shows them next to the finding)."""
        return [
            {"item": value, "label": label, "ok": self[f"ok_{value}"], "note": self[f"note_{value}"]}
            for value, label in CheckItem.choices
        ]

    def checks(self) -> dict[str, tuple[bool | None, str]]:
        """item → (ok, note) as typed."""
        data = self.cleaned_data
        result = {}
        for value, _label in CheckItem.choices:
            ok = {"yes": True, "no": False}.get(data.get(f"ok_{value}") or "")
            result[value] = (ok, (data.get(f"note_{value}") or "").strip())
        return result
