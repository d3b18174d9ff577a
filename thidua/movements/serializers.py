"""API representations of movements, what units owe them (plans, registrations, reports), exemplary models, cluster
covenants and score sheets. Field names are English (DESIGN.md glossary); ``*_display`` fields carry the Vietnamese
label of a coded value.

Output serializers are read-only; each write has its own input serializer, whose validated data the viewset hands to
the service (``services``, ``exemplary``, ``scoring``). A reference to a unit, a person, a cluster or a movement is
checked against the caller's scope: one they may not see is "not found" (400, naming the field).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.accounts.scoping import scoped
from thidua.accounts.serializers import ScopedPrimaryKeyField
from thidua.catalog.models import Authority, AwardType
from thidua.core.api import ModelSerializer, Serializer
from thidua.core.models import StoredFile
from thidua.movements import scoring
from thidua.movements.enums import (
    AwardLevel,
    CriterionKind,
    CriterionSource,
    ExemplaryKind,
    ExemplaryState,
    MilestoneKind,
    MovementKind,
    ScopeMode,
)
from thidua.movements.models import (
    CollectivePledge,
    Covenant,
    CovenantSignature,
    Criterion,
    ExemplaryModel,
    IndividualPledge,
    Milestone,
    Movement,
    MovementAward,
    MovementContent,
    ProgressReport,
    Registration,
    Score,
    ScoreSheet,
    SheetCriterion,
    SheetMember,
    TargetGroup,
    UnitPlan,
)
from thidua.orgs.models import Cluster, OrgUnit, Person, UnitKind

# Multipart fields of the upload actions; the services name the same fields in their errors.
PLAN_DOCUMENT_FIELD = "plan_document"
UNIT_PLAN_DOCUMENT_FIELD = "document"
ATTACHMENTS_FIELD = "attachments"
PHOTOS_FIELD = "photos"


class ScopedContentField(serializers.PrimaryKeyRelatedField):
    """A content item of a movement the caller may see."""

    def get_queryset(self):
        request = self.context.get("request")
        return super().get_queryset().filter(movement__in=scoped(Movement, getattr(request, "user", None)))


class StoredFileSerializer(ModelSerializer):
    """An uploaded file as the API lists it; its bytes come from the download path of the object that holds it."""

    class Meta:
        model = StoredFile
        fields = ["id", "name", "kind", "content_type", "size", "uploaded_at"]
        read_only_fields = fields


def _user_name(user) -> str | None:
    return (user.full_name or user.username) if user is not None else None


# --- Movements: output -----------------------------------------------------------------------------------


class MovementContentSerializer(ModelSerializer):
    class Meta:
        model = MovementContent
        fields = ["id", "position", "title", "description"]
        read_only_fields = fields


class TargetGroupSerializer(ModelSerializer):
    unit_kinds = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=_("Mã các loại đơn vị thuộc nhóm")
    )

    class Meta:
        model = TargetGroup
        fields = ["id", "position", "name", "unit_kinds"]
        read_only_fields = fields


class CriterionSerializer(ModelSerializer):
    target_group_position = serializers.IntegerField(
        source="target_group.position",
        read_only=True,
        allow_null=True,
        help_text=_("Thứ tự của đối tượng thi đua; null: áp dụng cho mọi đối tượng"),
    )
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = Criterion
        fields = [
            "id",
            "position",
            "code",
            "text",
            "target_group",
            "target_group_position",
            "parent",
            "parent_code",
            "max_points",
            "weight",
            "kind",
            "kind_display",
            "source",
            "source_display",
        ]
        read_only_fields = fields


class MovementAwardSerializer(ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)

    class Meta:
        model = MovementAward
        fields = ["id", "position", "level", "level_display", "award_type", "award_type_name", "quota", "note"]
        read_only_fields = fields


class MilestoneSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "kind", "kind_display", "title", "due_date", "requires_report"]
        read_only_fields = fields


class MovementScopeSerializer(Serializer):
    """Who must answer: a subtree (root, depth, unit kinds) or a list of units."""

    mode = serializers.CharField(source="scope_mode", read_only=True, help_text=_("subtree hoặc list"))
    root = serializers.IntegerField(
        source="scope_root_id", read_only=True, allow_null=True, help_text=_("Đơn vị gốc; null: đơn vị phát động")
    )
    depth = serializers.IntegerField(source="scope_depth", read_only=True, allow_null=True)
    unit_kinds = serializers.SerializerMethodField(help_text=_("Mã các loại đơn vị phải hưởng ứng; rỗng: mọi loại"))
    units = serializers.SerializerMethodField(help_text=_("Danh sách đơn vị (mã số), khi mode là list"))

    def get_unit_kinds(self, movement: Movement) -> list[str]:
        return sorted(kind.code for kind in movement.scope_unit_kinds.all())

    def get_units(self, movement: Movement) -> list[int]:
        return sorted(unit.pk for unit in movement.scope_units.all())


class MovementSerializer(ModelSerializer):
    """A movement as lists show it."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    issuer_unit_name = serializers.CharField(source="issuer_unit.name", read_only=True)

    class Meta:
        model = Movement
        fields = [
            "id",
            "title",
            "kind",
            "kind_display",
            "state",
            "state_display",
            "issuer_unit",
            "issuer_unit_name",
            "parent",
            "document_number",
            "document_date",
            "period_start",
            "period_end",
            "launched_at",
            "closed_at",
        ]
        read_only_fields = fields


class MovementDetailSerializer(MovementSerializer):
    """A movement with everything it sets out: contents, target groups, criteria, awards and milestones."""

    scope = MovementScopeSerializer(source="*", read_only=True)
    plan_document = StoredFileSerializer(read_only=True, allow_null=True)
    contents = MovementContentSerializer(many=True, read_only=True)
    target_groups = TargetGroupSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    awards = MovementAwardSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta(MovementSerializer.Meta):
        fields = [
            *MovementSerializer.Meta.fields,
            "purpose",
            "legal_basis",
            "issuing_authority",
            "co_organisers",
            "scope",
            "registration_required",
            "plan_document",
            "contents",
            "target_groups",
            "criteria",
            "awards",
            "milestones",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# --- Movements: input ------------------------------------------------------------------------------------


class ContentInputSerializer(Serializer):
    title = serializers.CharField(max_length=500, help_text=_("Nội dung"))
    description = serializers.CharField(required=False, default="", allow_blank=True, help_text=_("Diễn giải"))


class TargetGroupInputSerializer(Serializer):
    name = serializers.CharField(max_length=300, help_text=_("Đối tượng thi đua"))
    unit_kinds = serializers.SlugRelatedField(
        slug_field="code",
        queryset=UnitKind.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text=_("Mã các loại đơn vị thuộc nhóm"),
    )


class CriterionInputSerializer(Serializer):
    code = serializers.CharField(max_length=20, allow_blank=True, help_text=_("Số hiệu, ví dụ 1.2"))
    text = serializers.CharField(help_text=_("Nội dung tiêu chí"))
    target_group_position = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=_("Thứ tự (từ 1) của đối tượng thi đua trong target_groups; bỏ trống: mọi đối tượng"),
    )
    parent_code = serializers.CharField(
        max_length=20, required=False, allow_null=True, default=None, help_text=_("Số hiệu của tiêu chí cha")
    )
    max_points = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Điểm tối đa; bỏ trống: không chấm điểm"),
    )
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, default="1")
    kind = serializers.ChoiceField(choices=CriterionKind.choices, default=CriterionKind.STANDARD)
    source = serializers.ChoiceField(choices=CriterionSource.choices, default=CriterionSource.MANUAL)


class AwardInputSerializer(Serializer):
    level = serializers.ChoiceField(choices=AwardLevel.choices, help_text=_("Cấp khen thưởng"))
    award_type = serializers.PrimaryKeyRelatedField(
        queryset=AwardType.objects.all(), help_text=_("Danh hiệu, hình thức khen thưởng (mã số)")
    )
    quota = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class MilestoneInputSerializer(Serializer):
    kind = serializers.ChoiceField(choices=MilestoneKind.choices, help_text=_("Loại mốc"))
    title = serializers.CharField(max_length=300)
    due_date = serializers.DateField()
    requires_report = serializers.BooleanField(
        required=False, default=False, help_text=_("Mỗi đơn vị phải gửi báo cáo trước hạn này")
    )


class ScopeInputSerializer(Serializer):
    mode = serializers.ChoiceField(choices=ScopeMode.choices, help_text=_("subtree: theo cây; list: danh sách"))
    root = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Đơn vị gốc (mã số); mặc định là đơn vị phát động"),
    )
    depth = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, help_text=_("Số cấp trực thuộc; bỏ trống: mọi cấp")
    )
    unit_kinds = serializers.SlugRelatedField(
        slug_field="code", queryset=UnitKind.objects.all(), many=True, required=False, default=list
    )
    units = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text=_("Danh sách đơn vị (mã số), khi mode là list"),
    )


class MovementFieldsSerializer(Serializer):
    """The plain fields of a movement, shared by create, update and sub-movement."""

    title = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(choices=MovementKind.choices)
    document_number = serializers.CharField(max_length=80, required=False, allow_blank=True)
    document_date = serializers.DateField(required=False, allow_null=True)
    purpose = serializers.CharField(required=False, allow_blank=True)
    legal_basis = serializers.CharField(required=False, allow_blank=True)
    issuing_authority = serializers.PrimaryKeyRelatedField(
        queryset=Authority.objects.all(), required=False, allow_null=True
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    registration_required = serializers.BooleanField(required=False)


class MovementListsSerializer(Serializer):
    """The lists a movement sets out; each one given replaces the movement's list."""

    co_organisers = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), many=True, required=False, help_text=_("Đơn vị phối hợp (mã số)")
    )
    scope = ScopeInputSerializer(required=False)
    contents = ContentInputSerializer(many=True, required=False)
    target_groups = TargetGroupInputSerializer(many=True, required=False)
    criteria = CriterionInputSerializer(many=True, required=False)
    awards = AwardInputSerializer(many=True, required=False)
    milestones = MilestoneInputSerializer(many=True, required=False)


class MovementInputSerializer(MovementFieldsSerializer, MovementListsSerializer):
    """Create (``issuer_unit`` required) or edit a draft movement."""

    issuer_unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), required=False, help_text=_("Đơn vị phát động (mã số); không đổi được")
    )

    def validate(self, attrs: dict) -> dict:
        if self.instance is None and attrs.get("issuer_unit") is None:
            raise serializers.ValidationError({"issuer_unit": [_("Cần chọn đơn vị phát động.")]})
        if self.instance is not None and "issuer_unit" in attrs and attrs["issuer_unit"] != self.instance.issuer_unit:
            raise serializers.ValidationError({"issuer_unit": [_("Không đổi được đơn vị phát động.")]})
        return attrs


class SubMovementInputSerializer(MovementFieldsSerializer, MovementListsSerializer):
    """A movement of an obligated unit answering the parent (created as a draft)."""

    issuer_unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), help_text=_("Đơn vị phát động: một đơn vị phải hưởng ứng phong trào cha")
    )
    kind = serializers.ChoiceField(choices=MovementKind.choices, required=False)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)


class AmendInputSerializer(Serializer):
    """What may change once launched, and why (the reason is kept in the movement's history)."""

    reason = serializers.CharField(help_text=_("Lý do điều chỉnh (bắt buộc)"))
    title = serializers.CharField(max_length=500, required=False)
    purpose = serializers.CharField(required=False, allow_blank=True)
    legal_basis = serializers.CharField(required=False, allow_blank=True)
    period_end = serializers.DateField(required=False)
    document_number = serializers.CharField(max_length=80, required=False, allow_blank=True)
    document_date = serializers.DateField(required=False, allow_null=True)
    registration_required = serializers.BooleanField(required=False)
    co_organisers = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), many=True, required=False, help_text=_("Đơn vị phối hợp (mã số)")
    )
    scope = ScopeInputSerializer(required=False, help_text=_("Phạm vi mới: thêm nghĩa vụ cho đơn vị mới vào phạm vi"))
    contents = ContentInputSerializer(many=True, required=False)
    criteria = CriterionInputSerializer(many=True, required=False)
    awards = AwardInputSerializer(many=True, required=False)
    milestones = MilestoneInputSerializer(many=True, required=False)


class RemindInputSerializer(Serializer):
    units = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(),
        many=True,
        required=False,
        help_text=_("Chỉ nhắc các đơn vị này (mã số); bỏ trống: mọi đơn vị chậm"),
    )


class ReminderSerializer(Serializer):
    unit = serializers.IntegerField(source="unit_id", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    overdue = serializers.JSONField(read_only=True, help_text=_("Việc quá hạn"))
    recipients = serializers.IntegerField(read_only=True, help_text=_("Số người nhận"))
    sent_at = serializers.DateTimeField(read_only=True)


COMPLIANCE_HELP = _("on_time (đúng hạn), late (muộn), missing (quá hạn, chưa gửi), not_due (chưa đến hạn)")


class ComplianceRowSerializer(Serializer):
    """One obligated unit: how each of its obligations stands today."""

    unit = serializers.IntegerField(source="unit.pk", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    unit_kind = serializers.CharField(source="kind.code", read_only=True, help_text=_("Mã loại đơn vị"))
    district = serializers.IntegerField(
        source="district.pk", read_only=True, allow_null=True, help_text=_("Quận, huyện hoặc sở (mã số)")
    )
    district_name = serializers.CharField(source="district.name", read_only=True, allow_null=True)
    unit_plan = serializers.IntegerField(source="plan.pk", read_only=True, allow_null=True)
    registration = serializers.IntegerField(source="registration.pk", read_only=True, allow_null=True)
    progress_reports = serializers.SerializerMethodField()
    plan_status = serializers.CharField(
        source="plan_compliance", read_only=True, allow_null=True, help_text=COMPLIANCE_HELP
    )
    registration_status = serializers.CharField(
        source="registration_compliance", read_only=True, allow_null=True, help_text=COMPLIANCE_HELP
    )
    report_status = serializers.CharField(
        source="report_compliance",
        read_only=True,
        allow_null=True,
        help_text=_("Tổng hợp các báo cáo: missing nếu có báo cáo quá hạn, rồi late, on_time, not_due; null: không có"),
    )
    report_statuses = serializers.ListField(
        source="report_compliances",
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Từng báo cáo, theo hạn (cùng thứ tự với progress_reports)"),
    )
    has_sub_movement = serializers.BooleanField(read_only=True, help_text=_("Đơn vị đã phát động phong trào hưởng ứng"))

    def get_progress_reports(self, row) -> list[int]:
        return [report.pk for report in row.reports]


class ComplianceCountsSerializer(Serializer):
    on_time = serializers.IntegerField(read_only=True)
    late = serializers.IntegerField(read_only=True)
    missing = serializers.IntegerField(read_only=True)
    not_due = serializers.IntegerField(read_only=True)
    answered = serializers.IntegerField(read_only=True, help_text=_("Đã gửi: on_time + late"))
    total = serializers.IntegerField(read_only=True)


class ComplianceBucketSerializer(Serializer):
    unit_kind = serializers.SerializerMethodField(help_text=_("Mã loại đơn vị; null ở dòng tổng cộng"))
    label = serializers.CharField(read_only=True)
    units = serializers.IntegerField(read_only=True, help_text=_("Số đơn vị"))
    plan = ComplianceCountsSerializer(read_only=True)
    registration = ComplianceCountsSerializer(read_only=True)
    report = ComplianceCountsSerializer(read_only=True, help_text=_("Đếm từng báo cáo, không đếm đơn vị"))

    @extend_schema_field(OpenApiTypes.STR)
    def get_unit_kind(self, bucket: dict) -> str | None:
        return bucket["kind"].code if bucket["kind"] is not None else None


class ComplianceSummarySerializer(Serializer):
    overall = ComplianceBucketSerializer(read_only=True)
    by_kind = ComplianceBucketSerializer(many=True, read_only=True)


class ComplianceSerializer(Serializer):
    rows = ComplianceRowSerializer(many=True, read_only=True)
    summary = ComplianceSummarySerializer(read_only=True)


class PlanDocumentUploadSerializer(Serializer):
    plan_document = serializers.FileField(help_text=_("Văn bản kế hoạch (PDF hoặc DOCX)"))


# --- Answers ---------------------------------------------------------------------------------------------


class AnswerSerializer(ModelSerializer):
    """Fields every answer (plan, registration, report) shares."""

    movement_title = serializers.CharField(source="movement.title", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    due_date = serializers.DateField(read_only=True, allow_null=True, help_text=_("Hạn gửi"))
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    compliance = serializers.SerializerMethodField(help_text=_("on_time, late, missing hoặc not_due (hôm nay)"))
    submitted_by_name = serializers.SerializerMethodField()

    answer_fields = [
        "id",
        "movement",
        "movement_title",
        "unit",
        "unit_name",
        "milestone",
        "due_date",
        "state",
        "state_display",
        "compliance",
        "submitted_at",
        "submitted_by_name",
        "last_reminded_at",
        "created_at",
        "updated_at",
    ]

    def get_compliance(self, answer) -> str:
        return str(answer.compliance(timezone.localdate()))

    @extend_schema_field(OpenApiTypes.STR)
    def get_submitted_by_name(self, answer) -> str | None:
        return _user_name(answer.submitted_by)


class UnitPlanSerializer(AnswerSerializer):
    document = StoredFileSerializer(read_only=True, allow_null=True)

    class Meta:
        model = UnitPlan
        fields = [*AnswerSerializer.answer_fields, "targets", "document"]
        read_only_fields = fields


class UnitPlanInputSerializer(Serializer):
    targets = serializers.CharField(allow_blank=True, help_text=_("Chỉ tiêu, nội dung đăng ký"))


class UnitPlanDocumentSerializer(Serializer):
    document = serializers.FileField(help_text=_("Văn bản kế hoạch hưởng ứng (PDF hoặc DOCX)"))


class CollectivePledgeSerializer(ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)

    class Meta:
        model = CollectivePledge
        fields = ["id", "unit", "unit_name", "award_type", "award_type_name", "note"]
        read_only_fields = fields


class IndividualPledgeSerializer(ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)

    class Meta:
        model = IndividualPledge
        fields = ["id", "person", "person_name", "award_type", "award_type_name", "note"]
        read_only_fields = fields


class PassedUpFields(serializers.Serializer):
    """What a consolidated pledge adds: the registration it comes from, its unit and its movement."""

    registration = serializers.IntegerField(source="registration_id", read_only=True)
    registering_unit = serializers.IntegerField(source="registration.unit_id", read_only=True)
    registering_unit_name = serializers.CharField(source="registration.unit.name", read_only=True)
    movement = serializers.IntegerField(source="registration.movement_id", read_only=True)

    FIELDS = ["registration", "registering_unit", "registering_unit_name", "movement"]


class ConsolidatedCollectivePledgeSerializer(PassedUpFields, CollectivePledgeSerializer):
    class Meta(CollectivePledgeSerializer.Meta):
        fields = [*CollectivePledgeSerializer.Meta.fields, *PassedUpFields.FIELDS]
        read_only_fields = fields


class ConsolidatedIndividualPledgeSerializer(PassedUpFields, IndividualPledgeSerializer):
    class Meta(IndividualPledgeSerializer.Meta):
        fields = [*IndividualPledgeSerializer.Meta.fields, *PassedUpFields.FIELDS]
        read_only_fields = fields


class ConsolidatedSerializer(Serializer):
    """The pledges a unit passes up: approved registrations of its subtree (sub-movements included) and its own."""

    collective_pledges = ConsolidatedCollectivePledgeSerializer(many=True, read_only=True)
    individual_pledges = ConsolidatedIndividualPledgeSerializer(many=True, read_only=True)


class RegistrationSerializer(AnswerSerializer):
    reviewer_unit_name = serializers.CharField(source="reviewer_unit.name", read_only=True)
    collective_pledges = CollectivePledgeSerializer(many=True, read_only=True)
    individual_pledges = IndividualPledgeSerializer(many=True, read_only=True)

    class Meta:
        model = Registration
        fields = [
            *AnswerSerializer.answer_fields,
            "reviewer_unit",
            "reviewer_unit_name",
            "note",
            "reviewed_at",
            "return_reason",
            "collective_pledges",
            "individual_pledges",
        ]
        read_only_fields = fields


class CollectivePledgeInputSerializer(Serializer):
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Tập thể đăng ký (mã số)"))
    award_type = serializers.PrimaryKeyRelatedField(
        queryset=AwardType.objects.all(), help_text=_("Danh hiệu đăng ký (mã số)")
    )
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class IndividualPledgeInputSerializer(Serializer):
    person = ScopedPrimaryKeyField(queryset=Person.objects.all(), help_text=_("Cá nhân đăng ký (mã số)"))
    award_type = serializers.PrimaryKeyRelatedField(
        queryset=AwardType.objects.all(), help_text=_("Danh hiệu đăng ký (mã số)")
    )
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class RegistrationInputSerializer(Serializer):
    """The unit's pledges; each list given replaces the registration's list."""

    note = serializers.CharField(required=False, allow_blank=True)
    collective_pledges = CollectivePledgeInputSerializer(many=True, required=False)
    individual_pledges = IndividualPledgeInputSerializer(many=True, required=False)


class ReturnInputSerializer(Serializer):
    reason = serializers.CharField(help_text=_("Lý do trả lại (bắt buộc)"))


class FigureSerializer(Serializer):
    """One figure of a report; the service names the row of a figure without its label or value."""

    label = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, help_text=_("Chỉ tiêu (bắt buộc)")
    )
    value = serializers.FloatField(required=False, allow_null=True, default=None, help_text=_("Số liệu (bắt buộc)"))
    unit = serializers.CharField(
        max_length=50, required=False, default="", allow_blank=True, help_text=_("Đơn vị tính")
    )

    def to_internal_value(self, data) -> dict:
        figure = super().to_internal_value(data)
        if figure["value"] is not None and figure["value"].is_integer():
            figure["value"] = int(figure["value"])
        return figure


class ProgressReportSerializer(AnswerSerializer):
    milestone_title = serializers.CharField(source="milestone.title", read_only=True, allow_null=True)
    figures = FigureSerializer(many=True, read_only=True)
    attachments = StoredFileSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = [*AnswerSerializer.answer_fields, "milestone_title", "text", "figures", "attachments"]
        read_only_fields = fields


class ProgressReportInputSerializer(Serializer):
    text = serializers.CharField(required=False, allow_blank=True, help_text=_("Nội dung báo cáo"))
    figures = FigureSerializer(many=True, required=False, help_text=_("Số liệu; thay cả danh sách"))


class AttachmentsUploadSerializer(Serializer):
    attachments = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        help_text=_("Tệp đính kèm (PDF, DOCX, XLSX, JPEG, PNG); gửi nhiều tệp cùng tên trường"),
    )


# --- Exemplary models ------------------------------------------------------------------------------------


class ExemplaryModelSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    movement_title = serializers.CharField(source="movement.title", read_only=True, allow_null=True)
    proposing_unit_name = serializers.CharField(source="proposing_unit.name", read_only=True)
    subject_display = serializers.CharField(read_only=True, help_text=_("Tên cá nhân, tập thể"))
    photos = StoredFileSerializer(many=True, read_only=True)
    submitted_by_name = serializers.SerializerMethodField()

    class Meta:
        model = ExemplaryModel
        fields = [
            "id",
            "kind",
            "kind_display",
            "title",
            "story",
            "movement",
            "movement_title",
            "content",
            "proposing_unit",
            "proposing_unit_name",
            "subject_person",
            "subject_unit",
            "subject_name",
            "subject_display",
            "photos",
            "state",
            "state_display",
            "board_note",
            "publish",
            "submitted_by_name",
            "created_at",
            "updated_at",
            "reviewed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_submitted_by_name(self, model: ExemplaryModel) -> str | None:
        return _user_name(model.submitted_by)


class ExemplaryModelInputSerializer(Serializer):
    """Submit (multipart, with photos) or, while it is with the submitter, change an exemplary model."""

    kind = serializers.ChoiceField(choices=ExemplaryKind.choices)
    title = serializers.CharField(max_length=300)
    story = serializers.CharField(help_text=_("Nội dung, câu chuyện"))
    proposing_unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), help_text=_("Đơn vị giới thiệu (mã số); không đổi được")
    )
    movement = ScopedPrimaryKeyField(queryset=Movement.objects.all(), required=False, allow_null=True)
    content = ScopedContentField(
        queryset=MovementContent.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Nội dung phong trào (mã số)"),
    )
    subject_person = ScopedPrimaryKeyField(queryset=Person.objects.all(), required=False, allow_null=True)
    subject_unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    subject_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
    photos = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text=_("Ảnh (JPEG, PNG), tối đa 10; khi sửa là ảnh thêm vào"),
    )
    remove_photos = serializers.ListField(
        child=serializers.UUIDField(), required=False, help_text=_("Khi sửa: mã các ảnh bỏ đi")
    )

    def validate(self, attrs: dict) -> dict:
        if self.instance is not None:
            if "proposing_unit" in attrs and attrs["proposing_unit"] != self.instance.proposing_unit:
                raise serializers.ValidationError({"proposing_unit": [_("Không đổi được đơn vị giới thiệu.")]})
        elif attrs.get("remove_photos"):
            raise serializers.ValidationError({"remove_photos": [_("Chỉ bỏ ảnh khi sửa mô hình, điển hình.")]})
        return attrs


class ReviewInputSerializer(Serializer):
    state = serializers.ChoiceField(
        choices=[(value, label) for value, label in ExemplaryState.choices if value != ExemplaryState.SUBMITTED],
        help_text=_("accepted, needs_more hoặc declined"),
    )
    note = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        help_text=_("Ý kiến; bắt buộc khi cần bổ sung hoặc không công nhận"),
    )


class PublishInputSerializer(Serializer):
    publish = serializers.BooleanField(help_text=_("Đăng (true) hoặc gỡ (false) khỏi cổng thông tin"))


# --- Covenants -------------------------------------------------------------------------------------------


class CovenantSignatureSerializer(ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = CovenantSignature
        fields = ["id", "unit", "unit_name", "signer_name", "signer_position", "signed_at"]
        read_only_fields = fields


class CovenantSerializer(ModelSerializer):
    cluster_name = serializers.CharField(source="cluster.name", read_only=True)
    document = StoredFileSerializer(read_only=True, allow_null=True)
    signatures = CovenantSignatureSerializer(many=True, read_only=True)

    class Meta:
        model = Covenant
        fields = [
            "id",
            "cluster",
            "cluster_name",
            "year",
            "movement",
            "title",
            "text",
            "document",
            "signatures",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CovenantInputSerializer(Serializer):
    cluster = ScopedPrimaryKeyField(queryset=Cluster.objects.all(), help_text=_("Cụm, khối (mã số)"))
    year = serializers.IntegerField(min_value=1945, max_value=2100)
    title = serializers.CharField(max_length=300)
    text = serializers.CharField(help_text=_("Nội dung giao ước"))
    movement = ScopedPrimaryKeyField(queryset=Movement.objects.all(), required=False, allow_null=True)
    document = serializers.FileField(required=False, help_text=_("Văn bản giao ước (PDF hoặc DOCX)"))


class SignInputSerializer(Serializer):
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị ký (mã số)"))


# --- Score sheets ----------------------------------------------------------------------------------------


class SheetCriterionSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    is_leaf = serializers.SerializerMethodField(help_text=_("Tiêu chí lá: được chấm trực tiếp"))

    class Meta:
        model = SheetCriterion
        fields = [
            "id",
            "parent",
            "position",
            "code",
            "text",
            "max_points",
            "weight",
            "kind",
            "kind_display",
            "source",
            "source_display",
            "is_leaf",
        ]
        read_only_fields = fields

    def get_is_leaf(self, criterion: SheetCriterion) -> bool:
        parents = self.context.get("parent_ids")
        return criterion.pk not in parents if parents is not None else criterion.is_leaf


class SheetMemberSerializer(ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    proposal_display = serializers.CharField(source="get_proposal_display", read_only=True)

    class Meta:
        model = SheetMember
        fields = [
            "id",
            "unit",
            "unit_name",
            "self_submitted_at",
            "base_total",
            "bonus",
            "penalty",
            "total",
            "rank",
            "tied",
            "proposal",
            "proposal_display",
        ]
        read_only_fields = fields


class ScoreSheetSerializer(ModelSerializer):
    cluster_name = serializers.CharField(source="cluster.name", read_only=True)
    movement_title = serializers.CharField(source="movement.title", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "cluster",
            "cluster_name",
            "year",
            "movement",
            "movement_title",
            "target_group",
            "state",
            "state_display",
            "flag_count",
            "certificate_count",
            "flag_award_type",
            "certificate_award_type",
            "published_at",
            "locked_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ScoreSheetDetailSerializer(ScoreSheetSerializer):
    """A sheet with its criteria (as a tree: ``parent``) and its members with totals and ranks."""

    criteria = serializers.SerializerMethodField()
    members = SheetMemberSerializer(many=True, read_only=True)
    tie_at_cut = serializers.SerializerMethodField(
        help_text=_("Các đơn vị (mã số) đồng hạng ở ranh giới đề nghị Cờ hoặc Bằng khen: cụm, khối bỏ phiếu chọn")
    )

    class Meta(ScoreSheetSerializer.Meta):
        fields = [*ScoreSheetSerializer.Meta.fields, "criteria", "members", "tie_at_cut"]
        read_only_fields = fields

    def get_tie_at_cut(self, sheet: ScoreSheet) -> list[int]:
        return [member.unit_id for member in scoring.tie_at_cut(sheet)]

    @extend_schema_field(SheetCriterionSerializer(many=True))
    def get_criteria(self, sheet: ScoreSheet) -> list[dict]:
        criteria = list(sheet.criteria.all())
        parents = {criterion.parent_id for criterion in criteria if criterion.parent_id}
        return SheetCriterionSerializer(criteria, many=True, context={**self.context, "parent_ids": parents}).data


class ScoreSheetInputSerializer(Serializer):
    cluster = ScopedPrimaryKeyField(queryset=Cluster.objects.all(), help_text=_("Cụm, khối (mã số)"))
    year = serializers.IntegerField(min_value=1945, max_value=2100)
    movement = ScopedPrimaryKeyField(queryset=Movement.objects.all(), help_text=_("Phong trào (mã số)"))
    target_group = serializers.PrimaryKeyRelatedField(
        queryset=TargetGroup.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Đối tượng thi đua; bỏ trống: mọi tiêu chí"),
    )
    flag_count = serializers.IntegerField(min_value=0, required=False, default=1)
    certificate_count = serializers.IntegerField(min_value=0, required=False, default=0)
    flag_award_type = serializers.PrimaryKeyRelatedField(
        queryset=AwardType.objects.all(), required=False, allow_null=True, default=None
    )
    certificate_award_type = serializers.PrimaryKeyRelatedField(
        queryset=AwardType.objects.all(), required=False, allow_null=True, default=None
    )

    def validate(self, attrs: dict) -> dict:
        group = attrs.get("target_group")
        if group is not None and group.movement_id != attrs["movement"].pk:
            raise serializers.ValidationError(
                {"target_group": [_("Đối tượng thi đua không thuộc phong trào đã chọn.")]}
            )
        return attrs


class ScoreSerializer(ModelSerializer):
    unit = serializers.IntegerField(source="member.unit_id", read_only=True, help_text=_("Đơn vị được chấm"))
    unit_name = serializers.CharField(source="member.unit.name", read_only=True)
    criterion_code = serializers.CharField(source="criterion.code", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    scorer_unit_name = serializers.CharField(source="scorer_unit.name", read_only=True, allow_null=True)
    evidence_files = StoredFileSerializer(many=True, read_only=True)

    class Meta:
        model = Score
        fields = [
            "id",
            "member",
            "unit",
            "unit_name",
            "criterion",
            "criterion_code",
            "kind",
            "kind_display",
            "scorer_unit",
            "scorer_unit_name",
            "points",
            "evidence",
            "evidence_files",
            "submitted_at",
            "updated_at",
        ]
        read_only_fields = fields


class ScoreInputSerializer(Serializer):
    """One score: ``member`` and ``criterion`` are ids of this sheet's members and criteria."""

    member = serializers.IntegerField(help_text=_("Đơn vị được chấm: mã số dòng trong members của bảng điểm"))
    criterion = serializers.IntegerField(help_text=_("Tiêu chí: mã số dòng trong criteria của bảng điểm"))
    scorer_unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), help_text=_("Đơn vị chấm (mã số): chính đơn vị được chấm khi tự chấm")
    )
    points = serializers.DecimalField(max_digits=7, decimal_places=2)
    evidence = serializers.CharField(required=False, default="", allow_blank=True, help_text=_("Minh chứng"))
    reason = serializers.CharField(
        required=False, default="", allow_blank=True, help_text=_("Lý do sửa điểm đã gửi (bắt buộc khi sửa)")
    )
    evidence_files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text=_("Tệp minh chứng (gửi dạng multipart)")
    )

    def validate(self, attrs: dict) -> dict:
        sheet: ScoreSheet = self.context["sheet"]
        member = sheet.members.filter(pk=attrs["member"]).select_related("unit").first()
        if member is None:
            raise serializers.ValidationError({"member": [_("Đơn vị này không có trong bảng điểm.")]})
        criterion = sheet.criteria.filter(pk=attrs["criterion"]).first()
        if criterion is None:
            raise serializers.ValidationError({"criterion": [_("Tiêu chí này không có trong bảng điểm.")]})
        return {**attrs, "member": member, "criterion": criterion}


class SubmitScoresInputSerializer(Serializer):
    scorer_unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị chấm (mã số)"))
