"""Shapes of the eligibility API: a subject's verdicts with their condition trees, and the sweep's suggestions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from thidua.core.api import Serializer
from thidua.eligibility.engine import Outcome, Status

MAX_LIMIT = 5000
STATUS_HELP = _("eligible (đủ điều kiện), to_weigh (cần xem xét) hoặc not_eligible (không đủ điều kiện)")


# --- Questions ------------------------------------------------------------------------------------------------


class EligibilityQuerySerializer(Serializer):
    person = serializers.IntegerField(required=False, min_value=1, help_text=_("Mã số cá nhân (hoặc unit)."))
    unit = serializers.IntegerField(required=False, min_value=1, help_text=_("Mã số đơn vị, tập thể (hoặc person)."))
    year = serializers.IntegerField(
        min_value=1900, max_value=2200, help_text=_("Năm xét; năm học ghi theo năm kết thúc (2023–2024 là 2024).")
    )
    award = serializers.CharField(required=False, max_length=40,
                                  help_text=_("Mã khen thưởng (LDTT, CSTDCS …); bỏ trống: mọi danh hiệu, hình thức "
                                              "có điều kiện đang áp dụng."))  # fmt: skip
    as_of = serializers.DateField(required=False, help_text=_("Ngày xác định điều kiện áp dụng; mặc định cuối kỳ."))

    def validate(self, attrs: dict) -> dict:
        if ("person" in attrs) == ("unit" in attrs):
            raise serializers.ValidationError({"person": [_("Cần đúng một trong hai tham số: person hoặc unit.")]})
        return attrs


class SuggestionQuerySerializer(Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2200, help_text=_("Năm xét."))
    scope = serializers.IntegerField(required=False, min_value=1,
                                     help_text=_("Mã số đơn vị: chỉ xét đơn vị này và các đơn vị trực thuộc; mặc "
                                                 "định toàn bộ phạm vi của người gọi."))  # fmt: skip
    award = serializers.CharField(required=False, max_length=40, help_text=_("Mã khen thưởng; bỏ trống: tất cả."))
    status = serializers.CharField(required=False,
                                   help_text=_("Các tình trạng, cách nhau dấu phẩy: eligible, to_weigh, not_eligible "
                                               "(mặc định eligible,to_weigh)."))  # fmt: skip
    as_of = serializers.DateField(required=False, help_text=_("Ngày xác định điều kiện áp dụng; mặc định cuối kỳ."))
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_LIMIT, default=500,
                                     help_text=_("Số dòng tối đa (mặc định 500, tối đa 5000)."))  # fmt: skip

    def validate_status(self, value: str) -> list[str]:
        statuses = [part.strip() for part in value.split(",") if part.strip()]
        unknown = [part for part in statuses if part not in Status.values]
        if not statuses or unknown:
            raise serializers.ValidationError(
                _("Tình trạng không hợp lệ: %(values)s. Dùng eligible, to_weigh, not_eligible.")
                % {"values": ", ".join(unknown) or value}
            )
        return list(dict.fromkeys(statuses))


# --- Answers --------------------------------------------------------------------------------------------------


class ConditionSerializer(Serializer):
    """One condition of a verdict's tree: a group (all / any) with children, or a leaf with the records used."""

    # Plain strings, not enums: "kind" and "outcome" name other choice sets elsewhere in the API.
    kind = serializers.CharField(read_only=True, help_text=_("group, history, judgement hoặc procedure"))
    outcome = serializers.CharField(read_only=True, help_text=_("met, unmet hoặc weigh"))
    outcome_label = serializers.SerializerMethodField(help_text=_("Đạt, Chưa đạt hoặc Cần xem xét."))
    text = serializers.CharField(read_only=True)
    records = serializers.ListField(child=serializers.CharField(), read_only=True)
    operator = serializers.CharField(read_only=True, help_text=_("all hoặc any (nhóm điều kiện); rỗng với điều kiện."))

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["children"] = ConditionSerializer(many=True, read_only=True)
        return fields

    def get_outcome_label(self, result) -> str:
        return str(Outcome(result.outcome).label)


class VerdictSerializer(Serializer):
    award_code = serializers.CharField(read_only=True)
    award_name = serializers.SerializerMethodField()
    recipient_kind = serializers.CharField(read_only=True, help_text=_("individual hoặc collective"))
    period_kind = serializers.CharField(read_only=True, help_text=_("calendar (năm) hoặc school (năm học)"))
    year = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    status_label = serializers.SerializerMethodField()
    rule_id = serializers.IntegerField(read_only=True, allow_null=True)
    explanation = serializers.SerializerMethodField(help_text=_("Tóm tắt: từng điều kiện với ✓, ✗ hoặc ?."))
    conditions = ConditionSerializer(many=True, read_only=True)

    def get_award_name(self, verdict) -> str:
        return self.context.get("award_names", {}).get(verdict.award_code, verdict.award_code)

    def get_status_label(self, verdict) -> str:
        return str(Status(verdict.status).label)

    def get_explanation(self, verdict) -> str:
        return verdict.explanation()


class SubjectSerializer(Serializer):
    recipient_kind = serializers.CharField(read_only=True, help_text=_("individual hoặc collective"))
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class EligibilitySerializer(Serializer):
    subject = SubjectSerializer(read_only=True)
    year = serializers.IntegerField(read_only=True)
    as_of = serializers.DateField(read_only=True, allow_null=True)
    verdicts = VerdictSerializer(many=True, read_only=True)


class SuggestionSerializer(Serializer):
    """One row of the sweep: the same fields as a row of ``thidua eligibility --format json``."""

    award_code = serializers.CharField(read_only=True)
    award_name = serializers.CharField(read_only=True)
    recipient_kind = serializers.CharField(read_only=True, help_text=_("individual hoặc collective"))
    person_id = serializers.IntegerField(read_only=True, allow_null=True)
    unit_id = serializers.IntegerField(read_only=True, allow_null=True)
    name = serializers.CharField(read_only=True)
    unit_code = serializers.CharField(read_only=True, help_text=_("Đơn vị (của cá nhân: đơn vị công tác chính)."))
    unit_name = serializers.CharField(read_only=True)
    period_kind = serializers.CharField(read_only=True, help_text=_("calendar (năm) hoặc school (năm học)"))
    year = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    rule_id = serializers.IntegerField(read_only=True)


class SuggestionsSerializer(Serializer):
    year = serializers.IntegerField(read_only=True)
    scope = serializers.IntegerField(read_only=True, allow_null=True)
    award = serializers.CharField(read_only=True, allow_null=True)
    statuses = serializers.ListField(child=serializers.CharField(), read_only=True)
    count = serializers.IntegerField(read_only=True, help_text=_("Tổng số dòng tìm thấy (trước khi cắt theo limit)."))
    truncated = serializers.BooleanField(read_only=True)
    results = SuggestionSerializer(many=True, read_only=True)
