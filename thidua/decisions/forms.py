"""Forms of the decision pages. They read what is typed and offer short menus; the views hand ``cleaned_data`` to
``thidua.decisions.services``, which checks the roles, the states and the guards again."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority, AwardType
from thidua.core.uploads import validate_upload
from thidua.decisions.enums import DecisionKind, DecisionState, Numbering, PrintMode
from thidua.decisions.models import Decision
from thidua.dossiers.enums import EntryState
from thidua.dossiers.models import DossierEntry
from thidua.orgs.forms import DATE_INPUT_FORMATS, VietnameseDateInput
from thidua.records.models import Award

YEAR_MIN, YEAR_MAX = 1945, 2100
DATE_HELP = _("Ngày/tháng/năm, ví dụ 07/10/2025.")
PDF = frozenset({"pdf"})


def date_field(label, *, required: bool = True, help_text=None) -> forms.DateField:
    return forms.DateField(label=label, required=required, input_formats=DATE_INPUT_FORMATS,
                           widget=VietnameseDateInput(), help_text=help_text or DATE_HELP)  # fmt: skip


def authority_label(authority: Authority) -> str:
    return f"{authority.name} ({authority.unit.name})"


class AuthorityField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Authority) -> str:
        return authority_label(obj)


def available_entries(user, authority: Authority) -> QuerySet[DossierEntry]:
    """Entries approved for the authority (in dossiers addressed to it, of award types it grants) that no decision
    holds yet, among those the user sees: what a new decision, or a draft, may take."""
    return (
        scoped(DossierEntry, user)
        .filter(state=EntryState.APPROVED, dossier__authority=authority, decision_items__isnull=True,
                award_type__granting_authority_kinds=authority.kind_id)
        .select_related("award_type", "person", "unit", "household", "dossier__unit")
        .order_by("award_type__sort_order", "award_type__code", "recipient_name", "pk")
    )  # fmt: skip


def entry_groups(entries) -> list[dict]:
    """The entries grouped by award type, in catalog order: [{"award_type", "entries": [...]}]."""
    groups: dict[int, dict] = {}
    for entry in entries:
        group = groups.setdefault(entry.award_type_id, {"award_type": entry.award_type, "entries": []})
        group["entries"].append(entry)
    return list(groups.values())


class EntriesField(forms.ModelMultipleChoiceField):
    """The approved entries chosen by their checkboxes (the page draws them grouped by award type)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Đề nghị được duyệt"))
        kwargs.setdefault("error_messages", {
            "required": _("Chọn ít nhất một đề nghị đã được duyệt."),
            "invalid_choice": _("Đề nghị đã chọn không còn chờ quyết định (đã vào quyết định khác hoặc đổi trạng "
                                "thái)."),
            "invalid_pk_value": _("Đề nghị đã chọn không hợp lệ."),
        })  # fmt: skip
        super().__init__(queryset=DossierEntry.objects.none(), **kwargs)


class DraftForm(forms.Form):
    """ "Lập quyết định": the authority the user drafts for, then its approved entries."""

    authority = AuthorityField(label=_("Cấp quyết định"), queryset=Authority.objects.none(),
                               empty_label=_("Chọn cấp có thẩm quyền"))  # fmt: skip
    entries = EntriesField()
    subject = forms.CharField(
        label=_("Trích yếu"), max_length=500, required=False,
        help_text=_("Để trống: “Về việc tặng …” theo các hình thức khen thưởng đã chọn."),
    )  # fmt: skip

    def __init__(self, *args, authorities, authority: Authority | None, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        if authority is not None:
            self.fields["entries"].queryset = available_entries(user, authority)


class AddEntriesForm(forms.Form):
    entries = EntriesField()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, user, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = available_entries(user, decision.authority)


# The header of a draft: the text of the decision around its list.
HEADER_FIELDS = ("subject", "legal_basis", "proposal", "executors", "recipients", "commendation_kind",
                 "signing_capacity", "signer_position", "signer_name")  # fmt: skip


class DecisionForm(forms.ModelForm):
    """The header of a draft decision, sent with the version the page showed (a newer one is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Decision
        fields = list(HEADER_FIELDS)
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 6}),
            "proposal": forms.Textarea(attrs={"rows": 2}),
            "executors": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }


class InternalSignForm(forms.Form):
    """Signing a decision the system numbers (the signer): the date, and a confirmation."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    signed_on = date_field(_("Ngày ký"))
    confirm = forms.BooleanField(
        label=_("Tôi đã xem nội dung và danh sách kèm theo, đồng ý ký ban hành quyết định."),
        error_messages={"required": _("Hãy xác nhận trước khi ký ban hành.")},
    )

    def clean_signed_on(self):
        day = self.cleaned_data["signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ký không được sau ngày hôm nay."))
        return day


class ExternalSignForm(forms.Form):
    """Recording a decision the authority's clerical office numbered in its own book (the clerk)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    number_text = forms.CharField(label=_("Số, ký hiệu"), max_length=80,
                                  help_text=_("Như trên bản đã ký, ví dụ 3998/QĐ-UBND."))  # fmt: skip
    signed_on = date_field(_("Ngày ký"))
    signed_file = forms.FileField(label=_("Bản đã ký (PDF)"),
                                  help_text=_("Bản quét hoặc bản có chữ ký số của quyết định đã ký."))  # fmt: skip

    def clean_signed_on(self):
        day = self.cleaned_data["signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ký không được sau ngày hôm nay."))
        return day

    def clean_signed_file(self):
        upload = self.cleaned_data["signed_file"]
        try:
            validate_upload(upload, allowed=PDF, field="signed_file")
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload


def sign_form_class(decision: Decision) -> type[forms.Form]:
    return InternalSignForm if decision.register.numbering == Numbering.INTERNAL else ExternalSignForm


class CertificatesForm(forms.Form):
    mode = forms.ChoiceField(label=_("Cách in"), choices=PrintMode.choices, initial=PrintMode.FULL,
                             widget=forms.RadioSelect)  # fmt: skip


# --- Amendments and revocations -------------------------------------------------------------------------------

# The corrections an amendment may make to an award, by the item's field name.
CORRECTED_FIELDS = ("recipient_name", "position", "unit_name", "achievement")
AMEND_KINDS = [(DecisionKind.AMENDMENT.value, DecisionKind.AMENDMENT.label),
               (DecisionKind.REVOCATION.value, DecisionKind.REVOCATION.label)]  # fmt: skip


def amendable_awards(decision: Decision) -> list[Award]:
    """The awards the decision granted that are still in force (one already revoked cannot be corrected again)."""
    return list(
        Award.objects.in_force()
        .filter(decision_item__decision=decision)
        .select_related("award_type", "decision_item")
        .order_by("decision_item__sort_order", "decision_item__pk")
    )


class AmendForm(forms.Form):
    """ "Lập quyết định điều chỉnh / hủy bỏ": a new draft of the same authority naming the awards it corrects (with
    the corrected text of each) or revokes. Each chosen award's corrected fields are named ``<field>_<award id>``."""

    kind = forms.ChoiceField(label=_("Loại quyết định"), choices=AMEND_KINDS, widget=forms.RadioSelect,
                             initial=DecisionKind.AMENDMENT)  # fmt: skip
    awards = forms.MultipleChoiceField(
        label=_("Khen thưởng được điều chỉnh, hủy bỏ"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một khen thưởng của quyết định.")},
    )  # fmt: skip
    subject = forms.CharField(label=_("Trích yếu"), max_length=500, required=False,
                              help_text=_("Để trống: “Về việc điều chỉnh …” hoặc “Về việc hủy bỏ …”."))  # fmt: skip
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.award_list = amendable_awards(decision)
        self.fields["awards"].choices = [(str(award.pk), award.recipient_name) for award in self.award_list]
        labels = {
            "recipient_name": _("Tên người, tập thể (đã sửa)"),
            "position": _("Chức vụ (đã sửa)"),
            "unit_name": _("Đơn vị công tác (đã sửa)"),
            "achievement": _("Thành tích (đã sửa)"),
        }
        for award in self.award_list:
            for name in CORRECTED_FIELDS:
                widget = forms.Textarea(attrs={"rows": 2}) if name == "achievement" else forms.TextInput
                self.fields[f"{name}_{award.pk}"] = forms.CharField(
                    label=labels[name], required=False, initial=getattr(award, name), widget=widget,
                    max_length=300 if name != "achievement" else 5000,
                )  # fmt: skip

    def rows(self) -> list[dict]:
        """One row per award, with its bound correction fields, for the template."""
        chosen = set(self["awards"].value() or [])
        return [
            {"award": award, "checked": str(award.pk) in chosen,
             "fields": [self[f"{name}_{award.pk}"] for name in CORRECTED_FIELDS]}
            for award in self.award_list
        ]  # fmt: skip

    def changes(self) -> list[dict]:
        """What the service takes: [{"award": Award, **corrected fields}] (revocation: the awards alone)."""
        chosen = {int(pk) for pk in self.cleaned_data["awards"]}
        revoking = self.cleaned_data["kind"] == DecisionKind.REVOCATION
        changes = []
        for award in self.award_list:
            if award.pk not in chosen:
                continue
            change: dict = {"award": award}
            if not revoking:
                for name in CORRECTED_FIELDS:
                    change[name] = self.cleaned_data.get(f"{name}_{award.pk}", "") or getattr(award, name)
            changes.append(change)
        return changes


# --- Lists ---------------------------------------------------------------------------------------------------


def award_type_choices() -> list[tuple[str, str]]:
    """One choice per award code (the newest version's name): decisions hold every version."""
    names: dict[str, str] = {}
    for code, name in AwardType.objects.order_by("sort_order", "code", "-valid_from").values_list("code", "name"):
        names.setdefault(code, name)
    return [("", _("Tất cả")), *names.items()]


STATE_CHOICES = [("", _("Tất cả")), *DecisionState.choices]
KIND_CHOICES = [("", _("Tất cả")), *DecisionKind.choices]


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo số quyết định, tên người, tập thể"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Trạng thái"), choices=STATE_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("Loại quyết định"), choices=KIND_CHOICES, required=False)
    authority = AuthorityField(label=_("Cấp quyết định"), queryset=Authority.objects.none(), required=False,
                               empty_label=_("Tất cả"))  # fmt: skip
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    award_type = forms.ChoiceField(label=_("Danh hiệu, hình thức"), required=False, choices=())

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["award_type"].choices = award_type_choices()

    def values(self) -> dict:
        """The filters to apply (none of a field typed wrongly: the page says so next to it)."""
        if not self.is_bound or not self.is_valid():
            data = self.cleaned_data if self.is_bound else {}
        else:
            data = self.cleaned_data
        return {
            "state": data.get("state") or "",
            "kind": data.get("kind") or "",
            "authority": data.get("authority"),
            "year": data.get("year"),
            "award_code": data.get("award_type") or "",
            "query": data.get("q") or "",
        }


class TotalsFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm ký"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    authority = AuthorityField(label=_("Cấp quyết định"), queryset=Authority.objects.none(), required=False,
                               empty_label=_("Tất cả"))  # fmt: skip

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
