from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "thidua.audit"
    label = "audit"
    verbose_name = _("Nhật ký")

    def ready(self) -> None:
        from thidua.audit import signals, tracking
        from thidua.audit.models import AuditEntry

        pre_save.connect(signals.fill_entry, sender=AuditEntry, dispatch_uid="thidua.audit.fill_entry")
        post_save.connect(signals.seal_after_commit, sender=AuditEntry, dispatch_uid="thidua.audit.seal")
        # The foundation's models are registered here, in one list (orgs, accounts, catalog, core): see tracking.py.
        tracking.track_foundation()
