"""The official yearly statistics forms (Biểu 0601–0603.N/BNV-TĐKT) as versioned data.

A form's layout (columns, rows, what each row and column counts, the form's own arithmetic checks) is law turned
into data, like the award catalog: it is seeded from ``reports/data/forms/*.yaml`` by ``thidua load_catalog`` and
versioned by the circular that sets it (TT 2/2023/TT-BNV from 10/5/2023; a successor such as TT 18/2025/TT-BNV is a
new row with its own ``valid_from``). ``thidua.reports.official`` picks the version in force for a reporting year and
counts it; nothing in the code names a row of a form.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.catalog.models import Confidence, InForceQuerySet
from thidua.core.models import TimeStampedModel


class ReportSource(models.TextChoices):
    MOVEMENTS = "movements", _("Phong trào thi đua")
    AWARDS = "awards", _("Khen thưởng")


class ReportFormSpecQuerySet(InForceQuerySet):
    def for_year(self, year: int) -> ReportFormSpecQuerySet:
        """The versions in force on the last day of the year's reporting window (30 November)."""
        return self.in_force(dt.date(year, 11, 30))


class ReportFormSpec(TimeStampedModel):
    """One version of one statistics form: its frame (number, title, circular) and its layout as JSON."""

    regime = models.SlugField(_("chế độ báo cáo"), max_length=40, help_text=_("Ví dụ: tt02_2023"))
    code = models.CharField(_("mã biểu"), max_length=10, help_text=_("Ví dụ: 0601"))
    number = models.CharField(_("biểu số"), max_length=40, help_text=_("Ví dụ: 0601.N/BNV-TĐKT"))
    title = models.CharField(_("tên biểu"), max_length=300)
    legal_source = models.TextField(_("căn cứ pháp lý"))
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.MEDIUM)
    source = models.CharField(_("số liệu lấy từ"), max_length=12, choices=ReportSource.choices)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    spec = models.JSONField(_("bố cục biểu"), default=dict)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    objects = ReportFormSpecQuerySet.as_manager()

    class Meta:
        verbose_name = _("biểu mẫu báo cáo thống kê")
        verbose_name_plural = pgettext_lazy("số nhiều", "biểu mẫu báo cáo thống kê")
        ordering = ["sort_order", "code", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="report_form_version_once")]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    @property
    def circular(self) -> str:
        """The circular that issued the form, as ``legal_source`` names it first ("Thông tư 2/2023/TT-BNV")."""
        return self.legal_source.split(" ngày ", 1)[0].split(";", 1)[0].strip()
