"""Forms of the history pages (a rating, a historical award, an initiative, a discipline for one subject). They
validate input; the views hand ``cleaned_data`` to ``thidua.records.services``, which derive the rest."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.catalog.models import AwardType, CommendationKind
from thidua.orgs.forms import date_field
from thidua.orgs.models import PeriodKind, Person
from thidua.records.enums import DisciplineKind, DisciplineStatus, InitiativeKind, RatingLevel, RecognitionLevel
from thidua.records.models import Award, Discipline, Initiative

PERIOD_CHOICES = [("", _("Theo lĩnh vực của đơn vị")), *PeriodKind.choices]
YEAR_HELP = _("Năm học ghi theo năm kết thúc: năm học 2022–2023 là 2023.")


def year_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100, help_text=YEAR_HELP)


def period_kind_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Loại kỳ"), choices=PERIOD_CHOICES, required=False,
        help_text=_("Để trống: năm học với ngành giáo dục, năm dương lịch với các đơn vị khác."),
    )  # fmt: skip


def award_code_choices(recipient_kind: str) -> list[tuple[str, str]]:
    """The stable codes of the catalog that may go to this kind of recipient, named by their latest version."""
    latest: dict[str, AwardType] = {}
    for award_type in AwardType.objects.order_by("sort_order", "code", "-valid_from"):
        latest.setdefault(award_type.code, award_type)
    return [("", "---------")] + [
        (code, f"{award_type.name} ({code})")
        for code, award_type in latest.items()
        if recipient_kind in (award_type.recipient_kinds or [])
    ]


class RatingForm(forms.Form):
    year = year_field()
    period_kind = period_kind_field()
    level = forms.ChoiceField(label=_("Mức xếp loại"), choices=RatingLevel.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class AwardForm(forms.Form):
    """An award decided in the past (or outside the system): the type by its stable code."""

    award_code = forms.ChoiceField(label=_("Danh hiệu, hình thức khen thưởng"))
    year = year_field()
    period_kind = period_kind_field()
    commendation_kind = forms.ChoiceField(
        label=_("Loại hình khen thưởng"), choices=CommendationKind.choices, initial=CommendationKind.MERIT,
        help_text=_("Khen thưởng đột xuất, chuyên đề không tính cho khen thưởng công trạng về sau."),
    )  # fmt: skip
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=60)
    decision_date = date_field("decision_date", Award, required=False)
    authority_name = forms.CharField(label=_("Người, cơ quan quyết định"), required=False, max_length=255)
    achievement = forms.CharField(label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    posthumous = forms.BooleanField(label=_("Truy tặng"), required=False)
    backing_initiative = forms.ModelChoiceField(
        label=_("Sáng kiến làm căn cứ"), queryset=Initiative.objects.none(), required=False,
        help_text=_("Chỉ các sáng kiến chưa làm căn cứ cho khen thưởng nào."),
    )  # fmt: skip

    def __init__(self, *args, recipient_kind: str, initiatives: QuerySet[Initiative], individual: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = award_code_choices(recipient_kind)
        self.fields["backing_initiative"].queryset = initiatives
        if not individual:
            del self.fields["posthumous"]


class InitiativeForm(forms.Form):
    """An initiative of the person whose page it is (its author), or applied at the unit (authors from its staff)."""

    title = forms.CharField(label=_("Tên sáng kiến, đề tài"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại"), choices=InitiativeKind.choices, initial=InitiativeKind.INITIATIVE)
    level = forms.ChoiceField(label=_("Phạm vi công nhận"), choices=RecognitionLevel.choices)
    recognised_on = date_field("recognised_on", Initiative)
    recognised_by = forms.CharField(label=_("Cơ quan công nhận"), required=False, max_length=300)
    authors = forms.ModelMultipleChoiceField(label=_("Tác giả"), queryset=Person.objects.none())

    def __init__(self, *args, authors: QuerySet[Person] | None, **kwargs):
        super().__init__(*args, **kwargs)
        if authors is None:
            del self.fields["authors"]
        else:
            self.fields["authors"].queryset = authors
            self.fields["authors"].help_text = _("Cá nhân đang công tác tại đơn vị.")


class DisciplineForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=DisciplineStatus.choices,
                               initial=DisciplineStatus.IN_EFFECT)  # fmt: skip
    kind = forms.ChoiceField(
        label=_("Hình thức kỷ luật"), choices=[("", "---------"), *DisciplineKind.choices], required=False,
        help_text=_("Chỉ chọn khi đã có quyết định kỷ luật."),
    )  # fmt: skip
    start_date = date_field("start_date", Discipline)
    end_date = date_field("end_date", Discipline)
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=60)
    reason = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
