"""Writes to the audit log that are not plain model changes: workflow actions of the services of later apps."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from thidua.audit.context import acting_as
from thidua.audit.models import AuditEntry

_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2,}$")


def record_action(
    obj: models.Model, *, code: str, by, reason: str = "", data: dict[str, Any] | None = None
) -> AuditEntry:
    """One namespaced row ("dossiers.dossier.returned") about ``obj``, written in the caller's transaction.

    ``by`` is the acting user (None: the acting context, e.g. a command's system name); ``data`` is any JSON the
    action wants to keep (from/to states, numbers); ``reason`` is what the actor wrote.
    """
    if not _CODE_RE.match(code):
        raise ValueError(f"Audit code must be '<app>.<object>.<action>' in lower case, got {code!r}.")
    if obj.pk is None:
        raise ValueError("record_action needs a saved object.")
    pk = obj.pk
    with transaction.atomic(), acting_as(by):
        return AuditEntry.objects.create(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_pk=str(pk),
            object_id=pk if isinstance(pk, int) else None,
            object_repr=str(obj),
            action=AuditEntry.Action.UPDATE,
            code=code,
            reason=reason,
            additional_data=data,
        )
