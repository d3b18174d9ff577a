"""The year picker of the reports (pages and API share its validation)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.reports.queries import CALENDAR, WINDOW

YEAR_MIN, YEAR_MAX = 1945, 2100
BASIS_CHOICES = (
    (WINDOW, _("Năm báo cáo: từ 01/12 năm trước đến 30/11 (Thông tư 02/2023/TT-BNV)")),
    (CALENDAR, _("Năm dương lịch: từ 01/01 đến 31/12")),
)


def default_year() -> int:
    """The reporting year under way: from 1 December the next year's window has begun."""
    today = timezone.localdate()
    return today.year + 1 if today.month == 12 else today.year


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    basis = forms.ChoiceField(label=_("Cách tính"), choices=BASIS_CHOICES, required=False)

    def chosen(self) -> tuple[int, str]:
        """(year, basis) when valid, the defaults for what is missing."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("year") or default_year(), data.get("basis") or WINDOW
