"""Shared API pieces: keyset (cursor) pagination, Vietnamese error messages, and the API's exception handler.

Pages are keyset pages: the cursor holds the ordering values of the last row seen, and the next page is
``WHERE (k1, k2, …) > (v1, v2, …) ORDER BY k1, k2, … LIMIT n``. No OFFSET, no COUNT(*): deep pages cost the same as
the first one, and rows inserted or deleted meanwhile never make a page repeat or skip a row.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from thidua.core.pagination import rows_after


class KeysetPagination(BasePagination):
    """Cursor pages over a unique ordering. A view sets ``keyset_ordering``: model fields that are never null, each
    ascending or descending ("-created_at"), the last one unique (the id), e.g. ``("sort_key", "id")``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_param = "cursor"
    ordering: tuple[str, ...] = ("-pk",)

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        self.ordering = tuple(getattr(view, "keyset_ordering", None) or self.ordering)
        self.page_size = self.get_page_size(request)
        self.cursor = self.decode_cursor(request)
        reverse = self.cursor is not None and self.cursor[1]
        ordering = tuple(_invert(field) for field in self.ordering) if reverse else self.ordering
        queryset = queryset.order_by(*ordering)
        if self.cursor is not None:
            try:
                queryset = queryset.filter(rows_after(ordering, self.cursor[0]))
            except (ValueError, TypeError, DjangoValidationError):
                # A cursor of ours always fits its fields; one that does not was made up or cut short.
                raise exceptions.ValidationError(
                    {self.cursor_query_param: [_("Con trỏ trang không hợp lệ.")]}
                ) from None
        rows = list(queryset[: self.page_size + 1])
        has_more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
            self.has_next, self.has_previous = True, has_more
        else:
            self.has_next, self.has_previous = has_more, self.cursor is not None
        self.page = rows
        return rows

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise exceptions.ValidationError({self.page_size_query_param: [_("Cỡ trang phải là số nguyên dương.")]})
        return min(size, self.max_page_size)

    # --- cursors ---------------------------------------------------------------------------------------

    def decode_cursor(self, request) -> tuple[list, bool] | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")).decode("utf-8"))
            values, reverse = data["v"], bool(data["r"])
            if not isinstance(values, list) or len(values) != len(self.ordering):
                raise ValueError(values)
            # Ordering fields are never null: a cursor holds numbers and text only (dates travel as ISO text).
            if not all(isinstance(value, int | float | str) and not isinstance(value, bool) for value in values):
                raise ValueError(values)
        except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error):
            raise exceptions.ValidationError({self.cursor_query_param: [_("Con trỏ trang không hợp lệ.")]}) from None
        return values, reverse

    def encode_cursor(self, row, *, reverse: bool) -> str:
        values = [_json_value(getattr(row, field.lstrip("-"))) for field in self.ordering]
        raw = json.dumps({"v": values, "r": int(reverse)}, separators=(",", ":")).encode("utf-8")
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, base64.urlsafe_b64encode(raw).decode("ascii"))

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.page:
            return None
        return self.encode_cursor(self.page[-1], reverse=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.page:
            # Past the end (e.g. the last rows were deleted): start again from the first page.
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self.encode_cursor(self.page[0], reverse=True)

    # --- response and schema ---------------------------------------------------------------------------

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri",
                         "description": str(_("Địa chỉ trang sau; null ở trang cuối."))},
                "previous": {"type": "string", "nullable": True, "format": "uri",
                             "description": str(_("Địa chỉ trang trước; null ở trang đầu."))},
                "results": schema,
            },
        }  # fmt: skip

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Con trỏ trang, lấy từ liên kết next/previous của trang trước.")),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Số dòng mỗi trang (mặc định 50, tối đa 500).")),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


def _invert(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _json_value(value: Any) -> Any:
    """The cursor form of an ordering value: JSON numbers and strings as they are, dates in ISO form, the rest
    (Decimal, UUID) as text, which the ORM reads back for a filter on the same field."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


# --- Vietnamese messages for the serializer fields ----------------------------------------------------------
# DRF ships only a few Vietnamese messages; these cover what an API client can get wrong. No placeholders, because
# the same key carries different placeholders in different field classes. The key of the error names the field.
FIELD_ERROR_MESSAGES = {
    "required": _("Trường này là bắt buộc."),
    "null": _("Trường này không được để trống."),
    "blank": _("Trường này không được để trống."),
    "invalid": _("Giá trị không hợp lệ."),
    "does_not_exist": _("Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."),
    "incorrect_type": _("Sai kiểu dữ liệu: cần mã số của đối tượng."),
    "invalid_choice": _("Giá trị không nằm trong danh sách được chọn."),
    "max_length": _("Giá trị quá dài."),
    "min_length": _("Giá trị quá ngắn."),
    "max_value": _("Giá trị quá lớn."),
    "min_value": _("Giá trị quá nhỏ."),
    "max_string_length": _("Giá trị quá dài."),
    "date": _("Cần một ngày (YYYY-MM-DD), không phải ngày giờ."),
    "datetime": _("Cần ngày giờ, không phải ngày."),
    "not_a_list": _("Cần một danh sách."),
    "empty": _("Danh sách không được rỗng."),
    "make_aware": _("Ngày giờ không hợp lệ ở múi giờ hiện tại."),
    "overflow": _("Ngày giờ nằm ngoài khoảng cho phép."),
}


class VietnameseErrorsMixin:
    """Gives every field of a serializer (and the serializer itself) the Vietnamese messages above."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            _translate_errors(field)
            if isinstance(field, serializers.ManyRelatedField):
                _translate_errors(field.child_relation)
            if isinstance(field, serializers.ListSerializer | serializers.ListField):
                _translate_errors(field.child)
        self.error_messages = {**self.error_messages, "invalid": _("Dữ liệu gửi lên phải là một đối tượng JSON.")}
        return fields


def _translate_errors(field: serializers.Field) -> None:
    field.error_messages = {
        key: FIELD_ERROR_MESSAGES.get(key, message) for key, message in field.error_messages.items()
    }


class Serializer(VietnameseErrorsMixin, serializers.Serializer):
    pass


class ModelSerializer(VietnameseErrorsMixin, serializers.ModelSerializer):
    pass


# --- Errors ----------------------------------------------------------------------------------------------

_DETAILS = {
    exceptions.NotAuthenticated: _("Chưa xác thực: gửi tiêu đề «Authorization: Token <khóa>» hoặc đăng nhập."),
    exceptions.AuthenticationFailed: _("Token không hợp lệ hoặc tài khoản đã bị khóa."),
    exceptions.ParseError: _("Dữ liệu gửi lên không đúng định dạng JSON."),
    exceptions.UnsupportedMediaType: _("Kiểu nội dung không được hỗ trợ: hãy gửi application/json."),
    exceptions.NotAcceptable: _("Không thể trả về định dạng được yêu cầu."),
}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, plus: a model or service ValidationError is a 400 with one list of messages per field, and
    every 404 reads the same whether the object is missing or out of the caller's scope."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, Http404):
        # Django's message names the model ("No Person matches…"); out of scope and missing must read the same.
        exc = exceptions.NotFound()
    elif type(exc) in _DETAILS:
        exc.detail = exceptions.ErrorDetail(str(_DETAILS[type(exc)]), code=exc.default_code)
    return drf_exception_handler(exc, context)


def validation_error_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """{field: [messages]} from a Django ValidationError; errors of the whole object go to ``non_field_errors``."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


# --- Viewsets ---------------------------------------------------------------------------------------------


class ScopedViewSetMixin:
    """For viewsets whose ``get_queryset`` starts from ``scoped(...)``: the re-read of a written object.

    A mixin, not a ``GenericViewSet`` subclass: DRF's generic views import this module (for KeysetPagination, the
    default pagination class) while they load, so this module may not import them."""

    def validated(self, serializer_class, *, context: dict | None = None, **kwargs) -> dict:
        """The request's data checked by an input serializer (400 with Vietnamese field errors otherwise)."""
        context = context if context is not None else self.get_serializer_context()
        serializer = serializer_class(data=self.request.data, context=context, **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def require(self, allowed: bool, message) -> None:
        """403 with ``message`` unless ``allowed`` (a rules predicate's answer)."""
        if not allowed:
            raise exceptions.PermissionDenied(message)

    def show(self, instance, *, serializer_class=None, status_code: int = 200) -> Response:
        """The written object, re-read through the scope (with what the detail needs), as the detail shows it."""
        instance = self.reload_in_scope(instance, "non_field_errors")
        serializer_class = serializer_class or self.get_serializer_class()
        return Response(serializer_class(instance, context=self.get_serializer_context()).data, status=status_code)

    def reload_in_scope(self, instance: Model, field: str) -> Model:
        """The written object as the API shows it; if the caller could no longer see it, the write is undone."""
        found = self.get_queryset().filter(pk=instance.pk).first()
        if found is None:
            raise exceptions.ValidationError(
                {field: [_("Thay đổi này đưa đối tượng ra ngoài phạm vi quản lý của bạn.")]}
            )
        return found
