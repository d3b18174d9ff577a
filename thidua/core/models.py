from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
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


def _stored_file_path(instance: StoredFile, filename: str) -> str:
    # Never the uploader's name on disk: a random name under the month it arrived.
    return f"files/{instance.uploaded_at_or_now:%Y/%m}/{filename}"


class StoredFile(models.Model):
    """One uploaded file, checked by ``thidua.core.uploads`` (type by content, size), stored under a random name.

    Domain objects point to it (a movement's plan document, a report's attachments, a model's photos); each domain
    serves its files through its own scoped view, never from a public URL."""

    id = models.UUIDField(primary_key=True)
    file = models.FileField(_("tệp"), upload_to=_stored_file_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=160)
    kind = models.CharField(_("loại tệp"), max_length=10)
    content_type = models.CharField(_("kiểu nội dung"), max_length=120)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = pgettext_lazy("số nhiều", "tệp đính kèm")

    def __str__(self) -> str:
        return self.name

    @property
    def uploaded_at_or_now(self):
        return self.uploaded_at or timezone.now()
