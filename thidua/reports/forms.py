"""The year pickers of the reports. The analytical reports (``YearForm``: year and basis) and the official forms
(``ReportYearForm``: year and reporting unit) take the year through the same field, so they accept the same years
with the same message; the pages show it as a form error, the API as a 400 naming ``year``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import OrgUnit
from thidua.records.reporting import reporting_year
from thidua.reports.queries import CALENDAR, WINDOW

YEAR_MIN, YEAR_MAX = 1945, 2100


def _year_error() -> str:
    return gettext("Năm phải là một số từ %(min)s đến %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX}


# One message for a year that is not a number or out of range (translated when shown, not at import).
YEAR_ERROR = lazy(_year_error, str)()
BASIS_CHOICES = (
    (WINDOW, _("Năm báo cáo: từ 01/12 năm trước đến 30/11 (Thông tư 02/2023/TT-BNV)")),
    (CALENDAR, _("Năm dương lịch: từ 01/01 đến 31/12")),
)


def default_year(basis: str = WINDOW, today: dt.date | None = None) -> int:
    """The year under way: the reporting year (from 1 December the next year's window has begun), or for the
    calendar basis the calendar year."""
    today = today or timezone.localdate()
    return reporting_year(today) if basis == WINDOW else today.year


def year_field(label) -> forms.IntegerField:
    messages = {"invalid": YEAR_ERROR, "min_value": YEAR_ERROR, "max_value": YEAR_ERROR}
    return forms.IntegerField(label=label, required=False, min_value=YEAR_MIN, max_value=YEAR_MAX,
                              error_messages=messages,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip


class YearForm(forms.Form):
    year = year_field(_("Năm"))
    basis = forms.ChoiceField(label=_("Cách tính"), choices=BASIS_CHOICES, required=False)

    def chosen(self) -> tuple[int, str]:
        """(year, basis) when valid, the defaults for what is missing."""
        data = self.cleaned_data if self.is_valid() else {}
        basis = data.get("basis") or WINDOW
        return data.get("year") or default_year(basis), basis


class ReportYearForm(forms.Form):
    """The official forms' picker: the reporting year and, when the user reports for several, the unit."""

    year = year_field(_("Năm báo cáo"))
    unit = forms.ModelChoiceField(label=_("Đơn vị báo cáo"), queryset=OrgUnit.objects.none(), required=False)

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[unit.pk for unit in units]).order_by("path")
        if len(units) < 2:
            self.fields["unit"].widget = forms.HiddenInput()

    def chosen_year(self) -> int:
        """The year asked for when valid, else the reporting year under way."""
        year = self.cleaned_data.get("year") if self.is_valid() else None
        return year or default_year()
