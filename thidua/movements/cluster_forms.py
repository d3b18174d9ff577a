"""Forms of the cluster pages: covenants, score sheets and the scoring of one member. They check the shape of the
input; ``thidua.movements.scoring`` checks the rest (points within the maximum, the scorer a member, the state)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import scoped
from thidua.catalog.models import AwardType, RecipientKind
from thidua.movements.enums import MovementState
from thidua.movements.exemplary_forms import MultipleFileField
from thidua.movements.models import Movement, Score, SheetCriterion, TargetGroup
from thidua.orgs.models import Cluster, OrgUnit


def collective_award_types():
    """Award types in force that a collective may receive (the flag and the certificate of a cluster)."""
    current = AwardType.objects.current_versions()
    return current.filter(
        pk__in=[item.pk for item in current if RecipientKind.COLLECTIVE in (item.recipient_kinds or [])]
    )


class ScoreSheetForm(forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cụm, khối thi đua"), queryset=Cluster.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(label=_("Phong trào"), queryset=Movement.objects.none())
    target_group = forms.ModelChoiceField(
        label=_("Đối tượng thi đua"),
        queryset=TargetGroup.objects.none(),
        required=False,
        help_text=_("Để trống: lấy mọi tiêu chí chấm điểm của phong trào."),
    )
    flag_count = forms.IntegerField(label=_("Số đơn vị đề nghị Cờ thi đua"), min_value=0, max_value=100, initial=1)
    certificate_count = forms.IntegerField(
        label=_("Số đơn vị đề nghị Bằng khen"), min_value=0, max_value=100, initial=0
    )
    flag_award_type = forms.ModelChoiceField(label=_("Danh hiệu cờ"), queryset=AwardType.objects.none(),
                                             required=False)  # fmt: skip
    certificate_award_type = forms.ModelChoiceField(
        label=_("Hình thức bằng khen"), queryset=AwardType.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        movements = scoped(Movement, user).exclude(state=MovementState.DRAFT).order_by("-period_start", "-id")
        self.fields["cluster"].queryset = scoped(Cluster, user).order_by("name")
        self.fields["movement"].queryset = movements
        self.fields["target_group"].queryset = TargetGroup.objects.filter(movement__in=movements).select_related(
            "movement"
        )
        self.fields["target_group"].label_from_instance = lambda group: f"{group.movement.title} – {group.name}"
        award_types = collective_award_types()
        self.fields["flag_award_type"].queryset = award_types
        self.fields["certificate_award_type"].queryset = award_types
        self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict:
        cleaned = super().clean()
        movement, group = cleaned.get("movement"), cleaned.get("target_group")
        if group is not None and group.movement_id != getattr(movement, "pk", None):
            self.add_error("target_group", _("Đối tượng này không thuộc phong trào đã chọn."))
        if cleaned.get("flag_count") and not cleaned.get("flag_award_type"):
            self.add_error("flag_award_type", _("Hãy chọn danh hiệu cờ để đề nghị."))
        if cleaned.get("certificate_count") and not cleaned.get("certificate_award_type"):
            self.add_error("certificate_award_type", _("Hãy chọn hình thức bằng khen để đề nghị."))
        return cleaned


class CovenantForm(forms.Form):
    """The yearly covenant of a cluster, drawn up by its leader (or the board) for the members to sign."""

    cluster = forms.ModelChoiceField(label=_("Cụm, khối thi đua"), queryset=Cluster.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(label=_("Phong trào"), queryset=Movement.objects.none(), required=False)
    title = forms.CharField(label=_("Tên giao ước"), max_length=300)
    text = forms.CharField(label=_("Nội dung giao ước"), widget=forms.Textarea(attrs={"rows": 10}))
    document = forms.FileField(label=_("Văn bản giao ước (PDF, DOCX)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = scoped(Cluster, user).order_by("name")
        self.fields["movement"].queryset = (
            scoped(Movement, user).exclude(state=MovementState.DRAFT).order_by("-period_start", "-id")
        )
        self.fields["year"].initial = timezone.localdate().year


class CovenantSignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị ký"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[unit.pk for unit in units])


def points_field_name(criterion: SheetCriterion) -> str:
    return f"points_{criterion.pk}"


def evidence_field_name(criterion: SheetCriterion) -> str:
    return f"evidence_{criterion.pk}"


def files_field_name(criterion: SheetCriterion) -> str:
    return f"files_{criterion.pk}"


class ScoreForm(forms.Form):
    """One scorer's points for one member: per leaf criterion, points, evidence text and evidence files; a reason
    when a score already sent changes (the service keeps it with the old and new points)."""

    reason = forms.CharField(
        label=_("Lý do sửa điểm đã gửi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi sửa điểm đã gửi."),
    )

    def __init__(self, *args, criteria: list[SheetCriterion], scores: dict[int, Score], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.scores = scores
        reason = self.fields.pop("reason")
        for criterion in criteria:
            existing = scores.get(criterion.pk)
            label = f"{criterion.code} {criterion.text}".strip()
            # The range and the decimals are the service's to check: its message names the criterion.
            self.fields[points_field_name(criterion)] = forms.DecimalField(
                label=label,
                required=False,
                initial=existing.points if existing else None,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
            )
            self.fields[evidence_field_name(criterion)] = forms.CharField(
                label=_("Minh chứng"),
                required=False,
                initial=existing.evidence if existing else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[files_field_name(criterion)] = MultipleFileField(
                label=_("Tệp minh chứng"), help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG.")
            )
        self.fields["reason"] = reason

    def rows(self) -> list[dict]:
        """The bound fields of each criterion, for the template's table."""
        return [
            {
                "criterion": criterion,
                "score": self.scores.get(criterion.pk),
                "points": self[points_field_name(criterion)],
                "evidence": self[evidence_field_name(criterion)],
                "files": self[files_field_name(criterion)],
            }
            for criterion in self.criteria
        ]

    def changes(self) -> list[dict]:
        """What to send to the service: the criteria whose points, evidence or files were given or changed."""
        found = []
        for criterion in self.criteria:
            points = self.cleaned_data.get(points_field_name(criterion))
            evidence = self.cleaned_data.get(evidence_field_name(criterion)) or ""
            files = self.cleaned_data.get(files_field_name(criterion)) or []
            existing = self.scores.get(criterion.pk)
            if points is None:
                if files or (existing is None and evidence):
                    self.add_error(points_field_name(criterion), _("Hãy nhập điểm cho tiêu chí này."))
                continue
            if existing and existing.points == points and existing.evidence == evidence and not files:
                continue
            found.append({"criterion": criterion, "points": points, "evidence": evidence, "files": files,
                          "existing": existing})  # fmt: skip
        return found

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        changes = self.changes()
        changed_sent = [item for item in changes if item["existing"] and item["existing"].submitted_at]
        if changed_sent and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Hãy nêu lý do sửa điểm đã gửi."))
        cleaned["changes"] = changes
        return cleaned
