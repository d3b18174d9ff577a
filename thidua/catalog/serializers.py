"""API representations of the award catalog (read-only): authorities and award types, with their legal source."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from thidua.catalog.models import Authority, AwardType
from thidua.core.api import ModelSerializer


class AuthoritySerializer(ModelSerializer):
    kind = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=_("Mã loại cấp có thẩm quyền"))
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    kind_level = serializers.CharField(
        source="kind.level",
        read_only=True,
        help_text=_("Cấp: state (Nhà nước), province (tỉnh, bộ, ngành), grassroots (cơ sở)"),
    )
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Authority
        fields = [
            "id", "kind", "kind_name", "kind_level", "unit", "unit_name", "name", "issuing_body", "parent_body",
            "signer_title", "document_code", "place_name", "valid_from", "valid_to",
        ]  # fmt: skip
        read_only_fields = fields


class AwardTypeSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    recipient_kinds = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Đối tượng: individual (cá nhân), collective (tập thể), household (hộ gia đình)"),
    )
    regime = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=_("Mã giai đoạn pháp lý"))
    granting_authority_kinds = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=_("Mã các loại cấp có thẩm quyền quyết định")
    )
    required_documents = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=_("Mã các thành phần hồ sơ")
    )
    council_body_display = serializers.CharField(source="get_council_body_display", read_only=True)
    confidence_display = serializers.CharField(source="get_confidence_display", read_only=True)
    needs_verification = serializers.BooleanField(read_only=True, help_text=_("Độ tin cậy chưa cao: cần xác minh"))

    class Meta:
        model = AwardType
        fields = [
            "id", "code", "name", "short_name", "issued_name", "kind", "kind_display", "level", "level_display",
            "recipient_kinds",
            "regime", "granting_authority_kinds", "coef_individual", "coef_collective", "household_multiplier",
            "is_ceiling", "required_documents", "council_body", "council_body_display", "council_threshold",
            "needs_public_consultation", "consultation_working_days", "counts_toward_merit", "legal_source",
            "confidence", "confidence_display", "needs_verification", "notes", "valid_from", "valid_to",
        ]  # fmt: skip
        read_only_fields = fields
