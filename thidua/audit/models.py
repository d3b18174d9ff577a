"""The single audit table: django-auditlog's entry, extended with a namespaced action code and a hash-chain seal."""

from __future__ import annotations

from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        verbose_name_plural = _("nhật ký thay đổi")
        indexes = [
            models.Index(fields=["seal_seq"], name="audit_unsealed_idx", condition=models.Q(seal_seq__isnull=True))
        ]
