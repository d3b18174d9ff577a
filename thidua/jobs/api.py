"""Jobs in the API, read-only: /api/v1/jobs/ (the caller's own jobs, newest first) and /api/v1/jobs/{id}/."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from thidua.accounts.scoping import scoped
from thidua.core.api import ModelSerializer
from thidua.jobs.models import Job


class JobSerializer(ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Phần trăm đã xong; null khi chưa biết tổng số.")
    )

    class Meta:
        model = Job
        fields = [
            "id", "kind", "title", "params", "status", "status_display", "done", "total", "percent", "message",
            "result", "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary=_("Tác vụ nền của tôi")),
    retrieve=extend_schema(summary=_("Một tác vụ nền: trạng thái và tiến độ")),
)
@extend_schema(tags=["jobs"])
class JobViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = JobSerializer
    keyset_ordering = ("-created_at", "-id")

    def get_queryset(self):
        return scoped(Job, self.request.user)
