"""Named reads of the audit log."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from thidua.audit.models import AuditEntry


def entries_for(obj: models.Model, *, limit: int = 50) -> list[AuditEntry]:
    """The newest audit entries about one object, with their actors."""
    content_type = ContentType.objects.get_for_model(type(obj))
    return list(
        AuditEntry.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )
