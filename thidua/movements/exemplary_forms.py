"""Forms of the exemplary-model pages. They check the shape of the input; ``thidua.movements.exemplary`` checks the
rest (photos are images, the subject is one person or one unit, the transition is allowed) and says so in Vietnamese.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.scoping import scoped
from thidua.movements.enums import ExemplaryKind, ExemplaryState, MovementState
from thidua.movements.models import ExemplaryModel, Movement, MovementContent
from thidua.orgs.forms import ScopedUnitField
from thidua.orgs.models import OrgUnit, Person

MAX_PHOTOS = 10
UNIT_MENU_LIMIT = 300


def role_unit_menu(user, roles: frozenset[str], *, limit: int = UNIT_MENU_LIMIT) -> list[OrgUnit]:
    """The units a form offers: those where the user holds one of ``roles`` and their children. A menu only: the
    field accepts any unit of the user's scope and the rules decide."""
    units = scoped(OrgUnit, user)
    if user.is_superuser:
        menu = units.filter(depth__lte=1)
    else:
        held = RoleAssignment.objects.current().filter(user=user, role__code__in=roles).values("unit")
        menu = units.filter(Q(pk__in=held) | Q(parent__in=held))
    return list(menu.order_by("path")[:limit])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, accept: str = "", **kwargs):
        attrs = {"accept": accept} if accept else {}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        if isinstance(data, list | tuple):
            files = [super(MultipleFileField, self).clean(item, initial) for item in data]
        else:
            files = [super().clean(data, initial)]
        files = [item for item in files if item]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class PersonByNumberField(forms.ModelChoiceField):
    """A person of the user's scope named by their number in the system (shown on the person's page): a select of
    hundreds of thousands of people is no use, and out of scope reads as "not found"."""

    widget = forms.TextInput

    def __init__(self, *, user, **kwargs):
        super().__init__(queryset=scoped(Person, user), **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.error_messages["invalid_choice"] = _("Không tìm thấy cá nhân có số hiệu này trong phạm vi của bạn.")


class ExemplaryModelForm(forms.Form):
    """Submit (or, on the submitter's side, revise) an exemplary model."""

    kind = forms.ChoiceField(label=_("Loại"), choices=ExemplaryKind.choices)
    title = forms.CharField(label=_("Tên mô hình, điển hình"), max_length=300)
    story = forms.CharField(label=_("Nội dung, câu chuyện"), widget=forms.Textarea(attrs={"rows": 8}))
    movement = forms.ModelChoiceField(label=_("Phong trào"), queryset=Movement.objects.none(), required=False)
    content = forms.ModelChoiceField(
        label=_("Nội dung phong trào"), queryset=MovementContent.objects.none(), required=False
    )
    subject_name = forms.CharField(
        label=_("Tên cá nhân, tập thể (khi chưa có trong hệ thống)"), max_length=300, required=False
    )
    photos = MultipleFileField(
        label=_("Ảnh"),
        accept="image/jpeg,image/png",
        help_text=_("Chọn một hoặc nhiều ảnh JPEG, PNG (tối đa 10 ảnh)."),
    )

    def __init__(self, *args, user, menu: list[OrgUnit], with_unit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_unit:
            self.fields["proposing_unit"] = ScopedUnitField(user=user, menu=menu, label=_("Đơn vị giới thiệu"))
        movements = scoped(Movement, user).exclude(state=MovementState.DRAFT).order_by("-period_start", "-id")
        self.fields["movement"].queryset = movements
        self.fields["content"].queryset = MovementContent.objects.filter(movement__in=movements).select_related(
            "movement"
        )
        self.fields["content"].label_from_instance = lambda item: f"{item.movement.title} – {item}"
        self.fields["content"].help_text = _("Nội dung của phong trào đã chọn mà mô hình thực hiện.")
        self.fields["subject_person"] = PersonByNumberField(
            user=user,
            label=_("Cá nhân (số hiệu)"),
            required=False,
            help_text=_("Số hiệu của cá nhân trong hệ thống, xem trên trang thông tin cá nhân."),
        )
        self.fields["subject_unit"] = ScopedUnitField(user=user, menu=menu, label=_("Tập thể"), required=False)
        # Keep the fields in the order of the page, the subject fields together.
        order = ["proposing_unit", "kind", "title", "story", "movement", "content", "subject_person",
                 "subject_unit", "subject_name", "photos"]  # fmt: skip
        self.order_fields([name for name in order if name in self.fields])

    def add_photo_removal(self, photos: list) -> None:
        """On a revision: the model's photos, each with a box to remove it."""
        if not photos:
            return
        from thidua.core.models import StoredFile

        field = forms.ModelMultipleChoiceField(
            label=_("Bỏ các ảnh đã gửi"),
            queryset=StoredFile.objects.filter(pk__in=[photo.pk for photo in photos]),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        field.label_from_instance = lambda photo: photo.name
        self.fields["remove_photos"] = field

    def clean(self) -> dict:
        cleaned = super().clean()
        movement, content = cleaned.get("movement"), cleaned.get("content")
        if content is not None and content.movement_id != getattr(movement, "pk", None):
            self.add_error("content", _("Nội dung này không thuộc phong trào đã chọn."))
        if cleaned.get("subject_person") and cleaned.get("subject_unit"):
            self.add_error("subject_unit", _("Chỉ chọn một cá nhân hoặc một tập thể."))
        if not (cleaned.get("subject_person") or cleaned.get("subject_unit") or cleaned.get("subject_name")):
            self.add_error("subject_name", _("Hãy chọn cá nhân, tập thể hoặc nhập tên."))
        if len(cleaned.get("photos") or []) > MAX_PHOTOS:
            self.add_error("photos", _("Chỉ được gửi tối đa %(count)d ảnh.") % {"count": MAX_PHOTOS})
        return cleaned


class ExemplaryFilterForm(forms.Form):
    """The filters of the exemplary-model list (all optional, GET)."""

    state = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")),
                                                                            *ExemplaryState.choices])  # fmt: skip
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *ExemplaryKind.choices])
    movement = forms.ModelChoiceField(
        label=_("Phong trào"), required=False, queryset=Movement.objects.none(), empty_label=_("Tất cả")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = scoped(Movement, user).exclude(state=MovementState.DRAFT)


REVIEW_CHOICES = [
    (ExemplaryState.ACCEPTED, ExemplaryState.ACCEPTED.label),
    (ExemplaryState.NEEDS_MORE, ExemplaryState.NEEDS_MORE.label),
    (ExemplaryState.DECLINED, ExemplaryState.DECLINED.label),
]


class ExemplaryReviewForm(forms.Form):
    state = forms.ChoiceField(label=_("Kết quả xem xét"), choices=REVIEW_CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Ý kiến của Ban Thi đua - Khen thưởng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi cần bổ sung hoặc không công nhận."),
    )


class ExemplaryPublishForm(forms.Form):
    publish = forms.BooleanField(label=_("Đăng trên cổng thông tin"), required=False)


class EntryFromModelForm(forms.Form):
    """The award type to propose the model's person or unit for: one the movement offers that fits the subject."""

    award_type = forms.ModelChoiceField(label=_("Hình thức khen thưởng đề nghị"), queryset=None)

    def __init__(self, *args, award_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_types


def offered_award_types(model: ExemplaryModel):
    """The award types of the model's movement that fit its subject (a person: individual; a unit: collective); for a
    model outside any movement, those of the catalog in force."""
    from thidua.catalog.models import AwardType, RecipientKind

    if not (model.subject_person_id or model.subject_unit_id):
        return AwardType.objects.none()
    recipient = RecipientKind.INDIVIDUAL if model.subject_person_id else RecipientKind.COLLECTIVE
    if model.movement_id is None:  # an example found outside any movement: the catalog in force
        offered = AwardType.objects.current_versions()
    else:
        offered = AwardType.objects.filter(pk__in=model.movement.awards.values("award_type"))
    # recipient_kinds is a JSON list; filter in Python, the movement offers a handful.
    return AwardType.objects.filter(pk__in=[item.pk for item in offered if recipient in (item.recipient_kinds or [])])
