"""Forms of the council pages (Hội đồng Thi đua - Khen thưởng): a new session, its agenda and attendance, the chair's
close, the secretary's paper tally, a member's recusal. The services in ``thidua.dossiers.council`` decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import COUNCIL_SECRETARY_ROLES
from thidua.catalog.models import Authority
from thidua.dossiers.enums import ThresholdBase, VoteChoice, VotingMode
from thidua.dossiers.forms import AuthorityChoiceField, date_field


def council_authorities(user):
    """In-force authorities seated where the user holds a secretary's role (secretary, the board): whose sessions
    the user prepares."""
    authorities = Authority.objects.in_force(timezone.localdate()).select_related("unit").order_by("unit__path", "name")
    if user.is_superuser:
        return authorities.filter(unit__is_external=False)
    held = RoleAssignment.objects.current().filter(user=user, role__code__in=COUNCIL_SECRETARY_ROLES).values("unit")
    return authorities.filter(unit__in=held)


class SessionForm(forms.Form):
    """A planned session; its members are the users holding council roles at the authority's unit."""

    authority = AuthorityChoiceField(label=_("Hội đồng của cấp"), queryset=Authority.objects.none())
    title = forms.CharField(label=_("Tên phiên họp"), max_length=300,
                            help_text=_("Ví dụ: Phiên họp xét khen thưởng tổng kết năm 2025."))  # fmt: skip
    meets_on = date_field(_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    mode = forms.ChoiceField(label=_("Hình thức bỏ phiếu"), choices=VotingMode.choices, initial=VotingMode.ONLINE,
                             widget=forms.RadioSelect)  # fmt: skip
    threshold_base = forms.ChoiceField(label=_("Cách tính tỷ lệ phiếu khi có thành viên không tham gia biểu quyết"),
                                       choices=ThresholdBase.choices, widget=forms.RadioSelect)  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = council_authorities(user)
        self.fields["threshold_base"].initial = settings.THIDUA_COUNCIL_THRESHOLD_BASE


class AgendaForm(forms.Form):
    """Entries to put on the agenda, among those waiting for this council's vote."""

    entries = forms.MultipleChoiceField(label=_("Đề nghị chờ Hội đồng bỏ phiếu"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [
            (entry.pk, f"{entry.nominee_name} – {entry.award_type.name} ({entry.dossier.unit.name})")
            for entry in candidates
        ]


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Thành viên có mặt"), required=False,
                                        widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (member.pk, f"{member.full_name} – {member.get_role_display()}") for member in members
        ]


class CloseForm(forms.Form):
    minutes = forms.CharField(label=_("Nội dung biên bản"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Ý kiến thảo luận, kết luận của phiên họp."))  # fmt: skip


class TallyForm(forms.Form):
    votes_for = forms.IntegerField(label=_("Số phiếu đồng ý"), min_value=0, max_value=999,
                                   widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    votes_against = forms.IntegerField(label=_("Số phiếu không đồng ý"), min_value=0, max_value=999,
                                       widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Phiếu"), choices=VoteChoice.choices)


class RecusalForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không tham gia biểu quyết"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
