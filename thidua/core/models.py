from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class DayOverride(models.Model):
    """A day the government announces as swapped: a weekend made a working day, or a weekday made a day off."""

    date = models.DateField(_("ngày"), unique=True)
    is_working_day = models.BooleanField(_("là ngày làm việc"))
    reason = models.CharField(_("lý do"), max_length=255)
    legal_source = models.CharField(_("văn bản"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ngày hoán đổi")
        verbose_name_plural = pgettext_lazy("số nhiều", "ngày hoán đổi")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.reason}"
