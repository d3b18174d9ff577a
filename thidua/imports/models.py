"""One import of one file: its dry run (what would change, errors, duplicates, conversions) and its commit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.models import StoredFile
from thidua.core.scoping import Scope


class BatchStatus(models.TextChoices):
    CHECKING = "checking", _("Đang kiểm tra")
    DRY_RUN = "dry_run", _("Đã chạy thử")
    COMMITTING = "committing", _("Đang nhập")
    COMMITTED = "committed", _("Đã nhập")
    FAILED = "failed", _("Lỗi")


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> ImportBatchQuerySet:
        # A batch holds a file of personal data: only its author (and a superuser) sees it.
        if scope.everything:
            return self
        return self.filter(Q(created_by_id=scope.user_id)) if scope.user_id else self.none()


class ImportBatch(models.Model):
    kind = models.CharField(_("loại dữ liệu"), max_length=40)
    file = models.ForeignKey(StoredFile, verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+")
    file_format = models.CharField(_("định dạng"), max_length=10)  # "xlsx" / "csv"
    status = models.CharField(_("trạng thái"), max_length=12, choices=BatchStatus.choices,
                              default=BatchStatus.CHECKING)  # fmt: skip
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    # {"rows", "create", "update", "skip", "errors", "duplicates", "possible_duplicates", "conversions"}
    counts = models.JSONField(_("số liệu"), default=dict, blank=True)
    # Lists of {"row", "column", "message"} (duplicates add "certain"; conversions have "encoding"); capped.
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    duplicates = models.JSONField(_("trùng lặp"), default=list, blank=True)
    conversions = models.JSONField(_("chuyển mã"), default=list, blank=True)
    preview = models.JSONField(_("xem trước"), default=list, blank=True)
    summary = models.JSONField(_("kết quả nhập"), default=dict, blank=True)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    job = models.ForeignKey("jobs.Job", verbose_name=_("tác vụ nền"), on_delete=models.SET_NULL, null=True,
                            blank=True, related_name="+")  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    checked_at = models.DateTimeField(_("chạy thử lúc"), null=True, blank=True)
    committed_at = models.DateTimeField(_("nhập lúc"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = pgettext_lazy("số nhiều", "lần nhập dữ liệu")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind_title} — {self.file.name}"

    @property
    def kind_title(self) -> str:
        from thidua.imports.base import get_importer

        try:
            return str(get_importer(self.kind).title)
        except LookupError:
            return self.kind

    @property
    def error_count(self) -> int:
        return int(self.counts.get("errors", 0))

    @property
    def can_commit(self) -> bool:
        return self.status == BatchStatus.DRY_RUN and self.error_count == 0

    @property
    def is_busy(self) -> bool:
        return self.status in (BatchStatus.CHECKING, BatchStatus.COMMITTING)
