"""Administrators' screens for the shared tables: the days the government swaps each year."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from thidua.core import calendar
from thidua.core.models import DayOverride

WEEKDAYS = [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật")]


class DayOverrideForm(forms.ModelForm):
    class Meta:
        model = DayOverride
        fields = ["date", "is_working_day", "reason", "legal_source"]

    def clean(self) -> dict:
        cleaned = super().clean()
        day, working = cleaned.get("date"), cleaned.get("is_working_day")
        if day is None or working is None:
            return cleaned
        # Editing a row for the same day: the calendar already includes this row, so there is nothing to compare.
        editing_same_day = self.instance.pk is not None and self.instance.date == day
        if not editing_same_day and calendar.is_working_day(day) == working:
            state = _("ngày làm việc") if working else _("ngày nghỉ")
            self.add_error(
                "is_working_day",
                _("Ngày %(date)s vốn đã là %(state)s theo lịch; chỉ ghi những ngày được hoán đổi.")
                % {"date": formats.date_format(day, "SHORT_DATE_FORMAT"), "state": state},
            )
        return cleaned


@admin.register(DayOverride)
class DayOverrideAdmin(admin.ModelAdmin):
    form = DayOverrideForm
    list_display = ["date", "weekday", "is_working_day", "reason", "legal_source"]
    list_filter = ["is_working_day"]
    search_fields = ["reason", "legal_source"]
    date_hierarchy = "date"
    ordering = ["-date"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj: DayOverride) -> str:
        return str(WEEKDAYS[obj.date.weekday()])
