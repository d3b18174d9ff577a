"""Receivers on AuditEntry: fill actor, copied name and action code on every new row; seal after commit."""

from __future__ import annotations

from auditlog.cid import get_cid

from thidua.audit import context, sealing
from thidua.audit.labels import verb_for
from thidua.audit.models import AuditEntry


def fill_entry(sender, instance: AuditEntry, **kwargs) -> None:
    """pre_save: complete a new entry from the acting context (explicit values given by the caller win)."""
    if not instance._state.adding:
        return
    acting = context.current()
    if instance.actor_id is None and acting is not None:
        user = acting.resolve_user()
        if user is not None and user.pk is not None:
            instance.actor = user
            instance.actor_email = getattr(user, "email", None) or None
    if acting is not None:
        if instance.remote_addr is None:
            instance.remote_addr = acting.remote_addr
        if instance.remote_port is None:
            instance.remote_port = acting.remote_port
    if not instance.actor_name:
        instance.actor_name = context.actor_name_for(instance.actor if instance.actor_id else None, acting)
    if not instance.code:
        content_type = instance.content_type
        instance.code = f"{content_type.app_label}.{content_type.model}.{verb_for(instance.action)}"
    if instance.cid is None:
        instance.cid = get_cid()


def seal_after_commit(sender, instance: AuditEntry, created: bool, using: str, **kwargs) -> None:
    """post_save: once the writing transaction commits, seal what is pending (one callback per transaction)."""
    if created:
        sealing.schedule_sealing(using)
