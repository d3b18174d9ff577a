"""The single audit table: django-auditlog's entry, extended with a namespaced action code and a hash-chain seal."""

from __future__ import annotations

from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEntry(AbstractLogEntry):
    # "orgs.person.updated" for model changes, "dossiers.dossier.returned" for workflow actions.
    code = models.CharField(_("mã hành động"), max_length=100, db_index=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    actor_name = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    # Hash chain, filled by thidua.audit.sealing after the entry's transaction commits.
    seal_seq = models.PositiveBigIntegerField(_("số thứ tự niêm phong"), null=True, blank=True, unique=True)
    seal_hash = models.CharField(_("mã băm"), max_length=64, blank=True)

    class Meta(AbstractLogEntry.Meta):
        swappable = "AUDITLOG_LOGENTRY_MODEL"
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = pgettext_lazy("số nhiều", "nhật ký thay đổi")
        indexes = [
            models.Index(fields=["seal_seq"], name="audit_unsealed_idx", condition=models.Q(seal_seq__isnull=True))
        ]

    def save(self, *args, **kwargs) -> None:
        # The log is append-only: sealing writes with a queryset update, and nothing else may rewrite a row.
        if not self._state.adding:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    @property
    def action_label(self) -> str:
        from thidua.audit.labels import label_for

        return label_for(self)


class AuditChainHead(models.Model):
    """The end of the hash chain: the last sequence number sealed and its hash (one row, locked while sealing)."""

    last_seq = models.PositiveBigIntegerField(_("số niêm phong cuối"), default=0)
    last_hash = models.CharField(_("mã băm cuối"), max_length=64, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đầu chuỗi niêm phong")
        verbose_name_plural = pgettext_lazy("số nhiều", "đầu chuỗi niêm phong")

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"
