"""The caller's notifications: /api/v1/notifications/ (newest first; ``?unread=true``), one of them, and marking
them read. A notification is its recipient's alone: anyone else's is "not found"."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.scoping import scoped
from thidua.core.api import ScopedViewSetMixin
from thidua.notifications import services
from thidua.notifications.models import Notification
from thidua.notifications.serializers import NotificationSerializer, ReadAllSerializer


class NotificationFilter(filters.FilterSet):
    unread = filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("Chỉ thông báo chưa đọc"))
    code = filters.CharFilter(label=_("Loại thông báo, ví dụ movements.reminder"))

    class Meta:
        model = Notification
        fields = ["unread", "code"]


@extend_schema_view(
    list=extend_schema(summary=_("Thông báo của tôi, mới nhất trước")),
    retrieve=extend_schema(summary=_("Một thông báo của tôi")),
)
@extend_schema(tags=["notifications"])
class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSetMixin, viewsets.GenericViewSet
):
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    keyset_ordering = ("-id",)

    def get_queryset(self) -> QuerySet[Notification]:
        return scoped(Notification, self.request.user)

    @extend_schema(summary=_("Đánh dấu đã đọc"), request=None, responses={200: NotificationSerializer})
    def read(self, request: Request, pk: int) -> Response:
        notification = services.mark_read(self.get_object(), by=request.user)
        return Response(NotificationSerializer(notification).data)

    @extend_schema(summary=_("Đánh dấu mọi thông báo của tôi đã đọc"), request=None, responses={200: ReadAllSerializer})
    def read_all(self, request: Request) -> Response:
        return Response(ReadAllSerializer({"marked": services.mark_all_read(by=request.user)}).data)
