"""Named reads of the audit log."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from thidua.audit.models import AuditEntry

EMPTY = "—"


@dataclass(frozen=True)
class ChangeRow:
    """One changed field of an entry, ready to show: its verbose name, the old and the new value."""

    field: str
    label: str
    old: str
    new: str


def entries_for(obj: models.Model, *, limit: int = 50) -> list[AuditEntry]:
    """The newest audit entries about one object, each with ``change_rows`` (list of ChangeRow) to display."""
    content_type = ContentType.objects.get_for_model(type(obj))
    entries = list(
        AuditEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )
    attach_change_rows(entries, type(obj))
    return entries


def attach_change_rows(entries: list[AuditEntry], model: type[models.Model]) -> None:
    """Set ``entry.change_rows`` on entries about ``model``; foreign keys are resolved with one query per model."""
    raw = [(entry, _changes_of(entry)) for entry in entries]
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for _entry, changes in raw:
        for name, values in changes.items():
            field = _field(model, name)
            if field is not None and field.many_to_one and isinstance(values, list):
                wanted[field.related_model].update(v for v in values if v not in (None, "None", ""))
    names: dict[type[models.Model], dict[str, str]] = {}
    for related, pks in wanted.items():
        valid = [pk for pk in pks if _valid_pk(related, pk)]
        names[related] = {str(o.pk): str(o) for o in related._base_manager.filter(pk__in=valid)}
    for entry, changes in raw:
        rows = []
        for name, values in changes.items():
            field = _field(model, name)
            if field is not None and (field.primary_key or not field.concrete):
                continue
            label = str(field.verbose_name) if field is not None else name
            if isinstance(values, dict) and values.get("type") == "m2m":
                objects = ", ".join(values.get("objects", []))
                old, new = (objects, EMPTY) if values.get("operation") == "delete" else (EMPTY, objects)
            elif isinstance(values, list) and len(values) == 2:
                old, new = (_display(field, v, names) for v in values)
            else:
                continue
            if old == new == EMPTY:
                continue
            rows.append(ChangeRow(field=name, label=label[:1].upper() + label[1:], old=old, new=new))
        entry.change_rows = rows


def _changes_of(entry: AuditEntry) -> dict:
    changes = entry.changes
    if isinstance(changes, str):  # rows written with AUDITLOG_STORE_JSON_CHANGES off in older versions
        try:
            changes = json.loads(changes)
        except ValueError:
            return {}
    return changes if isinstance(changes, dict) else {}


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _valid_pk(model: type[models.Model], value: str) -> bool:
    try:
        model._meta.pk.to_python(value)
    except Exception:
        return False
    return True


def _display(field: models.Field | None, value, names: dict[type[models.Model], dict[str, str]]) -> str:
    """auditlog keeps values as strings ("None", "True", "2025-01-24", a primary key): make them readable."""
    if value is None or value in ("None", ""):
        return EMPTY
    text = str(value)
    if field is None:
        return text
    if field.many_to_one:
        return names.get(field.related_model, {}).get(text, _("#%(pk)s (đã xóa)") % {"pk": text})
    if field.choices:
        return str(dict(field.flatchoices).get(text, dict(field.flatchoices).get(_coerce(field, text), text)))
    if isinstance(field, models.BooleanField):
        return _("Có") if text == "True" else _("Không") if text == "False" else text
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(text)
        if parsed is not None:
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed, dt.UTC)  # auditlog stores datetimes as naive UTC
            return formats.date_format(timezone.localtime(parsed), "SHORT_DATETIME_FORMAT")
    elif isinstance(field, models.DateField):
        parsed_date = parse_date(text)
        if parsed_date is not None:
            return formats.date_format(parsed_date, "SHORT_DATE_FORMAT")
    return text


def _coerce(field: models.Field, text: str):
    try:
        return field.to_python(text)
    except Exception:
        return text
