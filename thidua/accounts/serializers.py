"""Serializer parts every API shares that depend on who is asking."""

from __future__ import annotations

from rest_framework import serializers

from thidua.accounts.scoping import scoped


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A reference by id to a row the caller may see (``scoped``); any other id is refused as not found."""

    def get_queryset(self):
        request = self.context.get("request")
        return scoped(super().get_queryset(), getattr(request, "user", None))
