"""Imports in the API: /api/v1/imports/ (the caller's batches; POST a file + kind → the dry run),
/api/v1/imports/{id}/ (the dry run's findings), /api/v1/imports/{id}/commit/ (all or nothing),
/api/v1/imports/kinds/ (the kinds with their columns) and /api/v1/imports/templates/{kind}.xlsx."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.scoping import scoped
from thidua.core.api import ModelSerializer, ScopedViewSetMixin, Serializer
from thidua.core.xlsx import CONTENT_TYPE
from thidua.imports import services
from thidua.imports.base import importers
from thidua.imports.models import ImportBatch
from thidua.imports.rules import can_import
from thidua.imports.templates_xlsx import template_response

TEMPLATE_RESPONSE = {
    (200, CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description=gettext_lazy("Tệp mẫu XLSX"))
}


class ImportBatchSerializer(ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    file_name = serializers.CharField(source="file.name", read_only=True)
    can_commit = serializers.BooleanField(read_only=True)
    job = serializers.UUIDField(source="job_id", read_only=True, allow_null=True)

    class Meta:
        model = ImportBatch
        fields = [
            "id", "kind", "file_name", "file_format", "status", "status_display", "rows", "counts", "errors",
            "duplicates", "conversions", "preview", "summary", "message", "can_commit", "job", "created_at",
            "checked_at", "committed_at",
        ]  # fmt: skip
        read_only_fields = fields


class ImportUploadSerializer(Serializer):
    kind = serializers.CharField(help_text=gettext_lazy("Loại dữ liệu: people, units, ratings, initiatives, awards."))
    file = serializers.FileField(help_text=gettext_lazy("Tệp XLSX hoặc CSV theo mẫu."))


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Các lần nhập dữ liệu của tôi")),
    retrieve=extend_schema(summary=gettext_lazy("Một lần nhập: kết quả chạy thử, lỗi, trùng lặp")),
    create=extend_schema(
        summary=gettext_lazy("Tải tệp lên và chạy thử"), request={"multipart/form-data": ImportUploadSerializer}
    ),
)
@extend_schema(tags=["imports"])
class ImportBatchViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    serializer_class = ImportBatchSerializer
    keyset_ordering = ("-created_at", "-id")

    def get_queryset(self):
        return scoped(ImportBatch, self.request.user).select_related("file")

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        self.require(can_import(request.user), _("Bạn không có quyền nhập dữ liệu."))

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request: Request) -> Response:
        data = self.validated(ImportUploadSerializer)
        batch = services.create_batch(by=request.user, kind=data["kind"], upload=data["file"])
        return self.show(batch, status_code=status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Nhập dữ liệu đã chạy thử (tất cả hoặc không gì)"), request=None)
    def commit(self, request: Request, pk: int) -> Response:
        batch = services.start_commit(self.get_object(), by=request.user)
        return self.show(batch, status_code=status.HTTP_202_ACCEPTED if batch.is_busy else status.HTTP_200_OK)


class ImportColumnSerializer(Serializer):
    key = serializers.CharField()
    header = serializers.CharField()
    required = serializers.BooleanField()
    help = serializers.CharField()


class ImportKindSerializer(Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    columns = ImportColumnSerializer(many=True)


class ImportKindViewSet(ScopedViewSetMixin, viewsets.ViewSet):
    """The kinds and their columns, and each kind's XLSX template."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        self.require(can_import(request.user), _("Bạn không có quyền nhập dữ liệu."))

    @extend_schema(
        summary=gettext_lazy("Các loại dữ liệu nhập được và các cột của mẫu"),
        tags=["imports"],
        responses=ImportKindSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        return Response(
            [
                {
                    "kind": i.kind,
                    "title": str(i.title),
                    "columns": [
                        {"key": c.key, "header": str(c.header), "required": c.required, "help": str(c.help)}
                        for c in i.columns
                    ],
                }
                for i in importers()
            ]
        )

    @extend_schema(
        summary=gettext_lazy("Tệp mẫu XLSX của một loại dữ liệu"), tags=["imports"], responses=TEMPLATE_RESPONSE
    )
    def template(self, request: Request, kind: str) -> HttpResponse:
        return template_response(kind)
