"""API representation of a notification: what the user must look at, and the link to it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from thidua.core.api import ModelSerializer, Serializer
from thidua.notifications.models import Notification


class NotificationSerializer(ModelSerializer):
    is_read = serializers.SerializerMethodField(help_text=_("Đã đọc"))

    class Meta:
        model = Notification
        fields = ["id", "code", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class ReadAllSerializer(Serializer):
    marked = serializers.IntegerField(read_only=True, help_text=_("Số thông báo vừa được đánh dấu đã đọc"))
