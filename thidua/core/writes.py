"""Small helpers every domain's service functions share for writing a model instance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models


def assign(instance: models.Model, fields: dict[str, Any], allowed: set[str]) -> list[str]:
    """Set ``fields`` on ``instance`` (only names in ``allowed``); return the names whose value changed."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        # A new instance has no value yet for a required foreign key (OrgUnit.kind): reading it raises.
        try:
            current = getattr(instance, name)
        except ObjectDoesNotExist:
            current = None
        if current != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def save_valid(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """Validate, then save: a bad value is a Vietnamese ValidationError naming the field, never a half-written row."""
    instance.full_clean(exclude=list(exclude))
    instance.save()


def acting_user(by):
    """The acting user to store on a row (``created_by`` …), or None for the system and anonymous callers."""
    return by if getattr(by, "pk", None) is not None and getattr(by, "is_authenticated", False) else None


def page_url(name: str, *args) -> str:
    """A page's address for a notification, or "" when no such page exists (services also run without the UI)."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
