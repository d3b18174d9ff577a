"""API representations of nomination dossiers and their workflow (issue 5): dossiers with their entries, documents and
timeline; the inputs of every step; council sessions with their agenda and ballots; public consultations and their
comments. Field names are English; ``*_display`` carry the Vietnamese labels.

What a representation shows depends on who asks only where the workflow says so: the steps the caller may take
(``transitions``), and a council's tallies, which stay ``null`` until the chair closes the vote."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.accounts.serializers import ScopedPrimaryKeyField
from thidua.catalog.models import Authority, AwardType, DocumentKind
from thidua.core.api import FIELD_ERROR_MESSAGES, ModelSerializer, Serializer
from thidua.dossiers import council, queries, transitions, workflow
from thidua.dossiers.enums import (
    CheckItem,
    DossierKind,
    MemberRole,
    Procedure,
    Recommendation,
    SessionState,
    ThresholdBase,
    VoteChoice,
    VotingMode,
)
from thidua.dossiers.models import (
    AgendaItem,
    Consultation,
    ConsultationComment,
    CouncilMember,
    CouncilSession,
    Dossier,
    DossierAttachment,
    DossierEntry,
    DossierEvent,
    EntryCheck,
)
from thidua.eligibility.engine import Status
from thidua.movements.models import Milestone, Movement
from thidua.orgs.models import Household, OrgUnit, Person

# Rows of the transition table that have no endpoint of their own, and where the step is taken instead.
TAKEN_ELSEWHERE = {
    "vote": "POST /api/v1/council-sessions/{id}/close/",
    "decide": "POST /api/v1/decisions/{id}/sign/",
}


def _user_name(user) -> str | None:
    return user.display_name if user is not None else None


# --- The steps a caller may take -------------------------------------------------------------------------------


class TransitionSerializer(Serializer):
    """One row of the transition table the caller may take now (its guard is checked when it is taken)."""

    code = serializers.CharField(help_text=_("Mã bước, cũng là đoạn cuối của đường dẫn POST"))
    label = serializers.CharField()
    reason_required = serializers.BooleanField()


def _allowed_codes(serializer: serializers.Serializer, dossier: Dossier) -> dict[str, bool]:
    """Which rows the caller's roles allow on this dossier and its entries, worked out once per dossier and request:
    ``may`` depends on the dossier and the row's side and roles only, so each (side, roles) pair costs one query."""
    cache = serializer.context.setdefault("allowed_codes", {})
    if dossier.pk not in cache:
        request = serializer.context.get("request")
        user = getattr(request, "user", None)
        by_rule: dict = {}
        for code, row in transitions.TRANSITIONS.items():
            if (row.side, row.roles) not in by_rule:
                by_rule[(row.side, row.roles)] = transitions.may(user, code, dossier)
        cache[dossier.pk] = {code: by_rule[(row.side, row.roles)] for code, row in transitions.TRANSITIONS.items()}
    return cache[dossier.pk]


def _available(serializer: serializers.Serializer, obj: Dossier | DossierEntry, dossier: Dossier) -> list[dict]:
    allowed = _allowed_codes(serializer, dossier)
    moves = transitions.DOSSIER if isinstance(obj, Dossier) else transitions.ENTRY
    return [
        {"code": row.code, "label": str(row.label), "reason_required": row.reason_required}
        for row in transitions.TRANSITIONS.values()
        if row.moves == moves and obj.state in row.sources and allowed[row.code] and row.code not in TAKEN_ELSEWHERE
    ]


# --- Dossiers: output ----------------------------------------------------------------------------------------


class SnapshotSerializer(Serializer):
    """The nominee as they were when the dossier was submitted (empty before)."""

    recipient_name = serializers.CharField()
    gender = serializers.CharField()
    birth_year = serializers.IntegerField(allow_null=True)
    ethnicity_name = serializers.CharField()
    is_minority = serializers.BooleanField()
    is_direct_worker = serializers.BooleanField()
    position_category = serializers.CharField()
    position = serializers.CharField()
    unit_name = serializers.CharField(help_text=_("Đơn vị công tác khi chốt thông tin"))
    snapshot_at = serializers.DateTimeField(allow_null=True)


class EligibilitySummarySerializer(Serializer):
    status = serializers.CharField(allow_null=True, help_text=_("eligible, to_weigh, not_eligible hoặc null"))
    label = serializers.CharField()
    unmet = serializers.ListField(child=serializers.CharField())
    review = serializers.ListField(child=serializers.CharField())


class DossierEntrySerializer(ModelSerializer):
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True, allow_null=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True)
    nominee_name = serializers.CharField(read_only=True, help_text=_("Tên đối tượng đề nghị (đã chốt, nếu có)"))
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = DossierEntry
        fields = [
            "id",
            "dossier",
            "person",
            "person_name",
            "unit",
            "unit_name",
            "household",
            "nominee_name",
            "award_type",
            "award_type_name",
            "achievement",
            "state",
            "state_display",
            "source",
            "source_display",
            "exemplary_model",
            "score_sheet",
            "created_at",
        ]
        read_only_fields = fields


class DossierEntryDetailSerializer(DossierEntrySerializer):
    """An entry inside its dossier's detail: the snapshot, the eligibility verdict, the appraisal, the outcome, and
    the steps the caller may take on it."""

    posthumous = serializers.BooleanField(read_only=True)
    snapshot = serializers.SerializerMethodField()
    eligibility_summary = serializers.SerializerMethodField()
    recommendation_display = serializers.CharField(source="get_recommendation_display", read_only=True)
    appraised_by_name = serializers.SerializerMethodField()
    forwarded_copies = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    transitions = serializers.SerializerMethodField()

    class Meta(DossierEntrySerializer.Meta):
        fields = [
            *DossierEntrySerializer.Meta.fields,
            "posthumous",
            "snapshot",
            "eligibility",
            "eligibility_summary",
            "return_reason",
            "own_council_votes_for",
            "recommendation",
            "recommendation_display",
            "appraisal_notes",
            "appraised_by_name",
            "appraised_at",
            "decision_reason",
            "consultation",
            "forwarded_from",
            "forwarded_copies",
            "outcome_reference",
            "outcome_on",
            "transitions",
        ]
        read_only_fields = fields

    @extend_schema_field(SnapshotSerializer)
    def get_snapshot(self, entry: DossierEntry) -> dict:
        return SnapshotSerializer(entry).data

    @extend_schema_field(EligibilitySummarySerializer)
    def get_eligibility_summary(self, entry: DossierEntry) -> dict:
        summary = workflow.eligibility_summary(entry)
        return {**summary, "label": str(summary.get("label", ""))}

    def get_appraised_by_name(self, entry: DossierEntry) -> str | None:
        return _user_name(entry.appraised_by)

    @extend_schema_field(TransitionSerializer(many=True))
    def get_transitions(self, entry: DossierEntry) -> list[dict]:
        return _available(self, entry, entry.dossier)


class DossierSerializer(ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    procedure_display = serializers.CharField(source="get_procedure_display", read_only=True)
    movement_title = serializers.CharField(source="movement.title", read_only=True, allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True, help_text=_("Quá hạn xử lý"))
    assignee_name = serializers.SerializerMethodField()
    entry_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "title",
            "unit",
            "unit_name",
            "authority",
            "authority_name",
            "kind",
            "kind_display",
            "procedure",
            "procedure_display",
            "movement",
            "movement_title",
            "milestone",
            "year",
            "state",
            "state_display",
            "version",
            "due_on",
            "overdue",
            "assignee",
            "assignee_name",
            "submitted_at",
            "entry_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_assignee_name(self, dossier: Dossier) -> str | None:
        return _user_name(dossier.assignee)


class DossierAttachmentSerializer(ModelSerializer):
    document_kind_name = serializers.CharField(source="document_kind.name", read_only=True, allow_null=True)
    file_name = serializers.CharField(source="file.name", read_only=True)
    file_kind = serializers.CharField(source="file.kind", read_only=True, help_text=_("pdf, docx, xlsx, jpeg, png"))
    size = serializers.IntegerField(source="file.size", read_only=True)
    sha256 = serializers.CharField(source="file.sha256", read_only=True)
    uploaded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = DossierAttachment
        fields = [
            "id",
            "entry",
            "document_kind",
            "document_kind_name",
            "title",
            "file_name",
            "file_kind",
            "size",
            "sha256",
            "uploaded_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_uploaded_by_name(self, attachment: DossierAttachment) -> str | None:
        return _user_name(attachment.uploaded_by)


class DossierEventSerializer(ModelSerializer):
    action_display = serializers.SerializerMethodField()

    class Meta:
        model = DossierEvent
        fields = [
            "id",
            "entry",
            "action",
            "action_display",
            "from_state",
            "to_state",
            "actor",
            "actor_name",
            "at",
            "reason",
            "due_on",
            "data",
        ]
        read_only_fields = fields

    def get_action_display(self, event: DossierEvent) -> str:
        return str(workflow.EVENT_LABELS.get(event.action, event.action))


class DossierDetailSerializer(DossierSerializer):
    """A dossier with everything its page shows: entries, documents, what is missing, the timeline, and the steps the
    caller may take on the dossier now."""

    entries = DossierEntryDetailSerializer(many=True, read_only=True)
    attachments = DossierAttachmentSerializer(many=True, read_only=True)
    events = DossierEventSerializer(many=True, read_only=True)
    forwarded_dossiers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    has_package = serializers.SerializerMethodField(help_text=_("Có gói hồ sơ điện tử để tải (GET …/package/)"))
    submitted_by_name = serializers.SerializerMethodField()
    missing_documents = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    class Meta(DossierSerializer.Meta):
        fields = [
            *DossierSerializer.Meta.fields,
            "submitted_by_name",
            "return_reason",
            "forwarded_from",
            "forwarded_dossiers",
            "has_package",
            "own_council_met_on",
            "own_council_members",
            "own_council_present",
            "own_council_notes",
            "closed_at",
            "missing_documents",
            "transitions",
            "entries",
            "attachments",
            "events",
        ]
        read_only_fields = fields

    def get_has_package(self, dossier: Dossier) -> bool:
        return dossier.package_id is not None

    def get_submitted_by_name(self, dossier: Dossier) -> str | None:
        return _user_name(dossier.submitted_by)

    def get_missing_documents(self, dossier: Dossier) -> list[str]:
        return [str(line) for line in queries.missing_documents(dossier)]

    @extend_schema_field(TransitionSerializer(many=True))
    def get_transitions(self, dossier: Dossier) -> list[dict]:
        return _available(self, dossier, dossier)


class EntryCheckSerializer(ModelSerializer):
    item_display = serializers.CharField(source="get_item_display", read_only=True)
    checked_by_name = serializers.SerializerMethodField()

    class Meta:
        model = EntryCheck
        fields = ["id", "item", "item_display", "found", "ok", "note", "checked_by_name", "checked_at"]
        read_only_fields = fields

    def get_checked_by_name(self, check: EntryCheck) -> str | None:
        return _user_name(check.checked_by)


# --- Dossiers: input -----------------------------------------------------------------------------------------


class DraftDossierInputSerializer(Serializer):
    """Without ``title``: the unit's draft dossier for a movement (or of a kind and year), the existing one or a new
    one. With ``title``: always a new draft dossier with the given authority and procedure."""

    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị trình (mã số)"))
    movement = ScopedPrimaryKeyField(queryset=Movement.objects.all(), required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=DossierKind.choices, default=DossierKind.MOVEMENT)
    year = serializers.IntegerField(min_value=1945, max_value=2100, required=False, allow_null=True, default=None)
    title = serializers.CharField(
        required=False, max_length=500, help_text=_("Trích yếu: có trích yếu là tạo hồ sơ mới")
    )
    authority = serializers.PrimaryKeyRelatedField(
        queryset=Authority.objects.all(), required=False, allow_null=True, default=None,
        help_text=_("Cấp trình (mã số); mặc định: cấp có thẩm quyền gần nhất phía trên đơn vị"),
    )  # fmt: skip
    milestone = serializers.PrimaryKeyRelatedField(
        queryset=Milestone.objects.all(), required=False, allow_null=True, default=None
    )
    procedure = serializers.ChoiceField(choices=Procedure.choices, default=Procedure.NORMAL)


class YearEndInputSerializer(Serializer):
    """The year-end round in one step: one draft dossier with an entry per eligible nominee of the unit."""

    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị trình (mã số)"))
    year = serializers.IntegerField(min_value=1945, max_value=2100)
    award_codes = serializers.ListField(
        child=serializers.CharField(max_length=50), allow_empty=False, default=["LDTT"],
        help_text=_("Mã danh hiệu (mặc định LDTT)"),
    )  # fmt: skip
    authority = serializers.PrimaryKeyRelatedField(
        queryset=Authority.objects.all(), required=False, allow_null=True, default=None
    )
    statuses = serializers.MultipleChoiceField(
        choices=[Status.ELIGIBLE, Status.TO_WEIGH], default=[Status.ELIGIBLE],
        help_text=_("Kết quả xét điều kiện được đưa vào: eligible (mặc định), to_weigh"),
    )  # fmt: skip


class EntryInputSerializer(Serializer):
    """One nominee (exactly one of person, unit, household) and one award type that fits it."""

    award_type = serializers.PrimaryKeyRelatedField(queryset=AwardType.objects.all(), help_text=_("Mã số"))
    person = ScopedPrimaryKeyField(queryset=Person.objects.all(), required=False, allow_null=True, default=None)
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), required=False, allow_null=True, default=None)
    household = ScopedPrimaryKeyField(queryset=Household.objects.all(), required=False, allow_null=True, default=None)
    achievement = serializers.CharField(required=False, default="", allow_blank=True, help_text=_("Tóm tắt thành tích"))


VERSION_HELP = _("Phiên bản hồ sơ đang xem (trường version); khác phiên bản hiện tại thì bị từ chối (400)")


class EntryUpdateInputSerializer(Serializer):
    """What the unit may change in an entry of a draft, or of an entry returned for completion."""

    achievement = serializers.CharField(required=False, allow_blank=True, help_text=_("Tóm tắt thành tích"))
    posthumous = serializers.BooleanField(required=False, help_text=_("Truy tặng"))
    own_council_votes_for = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=0, default=None,
                                       help_text=VERSION_HELP)  # fmt: skip


class ProposeFromModelInputSerializer(Serializer):
    award_type = serializers.PrimaryKeyRelatedField(
        queryset=AwardType.objects.all(),
        help_text=_("Hình thức khen thưởng (mã số): một hình thức của phong trào, phù hợp cá nhân hoặc tập thể"),
    )


class StepInputSerializer(Serializer):
    """A step of the dossier or of one entry: the reason (required where the step says so) and the version seen."""

    reason = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Lý do, ghi chú"))
    version = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, default=None, help_text=VERSION_HELP
    )


class AssignInputSerializer(StepInputSerializer):
    officer = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True, default=None,
        help_text=_("Cán bộ thẩm định (mã tài khoản); bỏ trống: phân công tự động theo khối lượng và đơn vị"),
    )  # fmt: skip


class AppraiseInputSerializer(StepInputSerializer):
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, help_text=_("propose, not_propose"))
    notes = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Nhận xét thẩm định"))


class ConsultInputSerializer(StepInputSerializer):
    title = serializers.CharField(required=False, max_length=300, help_text=_("Tiêu đề thông báo công khai"))
    introduction = serializers.CharField(required=False, allow_blank=True, default="")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Mặc định: hôm nay"))


class OutcomeInputSerializer(StepInputSerializer):
    reference = serializers.CharField(max_length=200, help_text=_("Số, ký hiệu văn bản của cấp trên"))
    on = serializers.DateField(help_text=_("Ngày văn bản"))


class OwnCouncilInputSerializer(Serializer):
    """The submitting unit's own council (Hội đồng TĐKT cơ sở) that reviewed the proposals."""

    met_on = serializers.DateField(help_text=_("Ngày họp"))
    members = serializers.IntegerField(min_value=1, help_text=_("Số thành viên Hội đồng"))
    present = serializers.IntegerField(min_value=0, help_text=_("Số thành viên dự họp"))
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, default=None, help_text=VERSION_HELP
    )


class AttachmentInputSerializer(Serializer):
    """One document (multipart): of the dossier, or of one entry (``entry``)."""

    file = serializers.FileField(help_text=_("Tệp PDF, DOCX, XLSX, JPEG hoặc PNG"))
    document_kind = serializers.SlugRelatedField(
        slug_field="code", queryset=DocumentKind.objects.all(), required=False, allow_null=True, default=None,
        help_text=_("Thành phần hồ sơ (mã, ví dụ to_trinh)"),
    )  # fmt: skip
    entry = serializers.IntegerField(required=False, allow_null=True, default=None, help_text=_("Đề nghị (mã số)"))
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CheckInputSerializer(Serializer):
    item = serializers.ChoiceField(choices=CheckItem.choices)
    ok = serializers.BooleanField(help_text=_("Đạt (true) hay không đạt (false)"))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ChecksInputSerializer(Serializer):
    checks = CheckInputSerializer(many=True, allow_empty=False)


# --- Council sessions ------------------------------------------------------------------------------------------


class CouncilMemberSerializer(ModelSerializer):
    role = serializers.CharField(read_only=True, help_text=_("chair, secretary, member"))
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = CouncilMember
        fields = ["id", "user", "full_name", "position", "role", "role_display", "present"]
        read_only_fields = fields


class AgendaItemSerializer(ModelSerializer):
    """An item of the agenda; its tally (``votes_for`` … ``passed``) is null until the chair closes the vote."""

    dossier = serializers.IntegerField(source="entry.dossier_id", read_only=True)
    nominee_name = serializers.CharField(source="entry.nominee_name", read_only=True)
    award_type_name = serializers.CharField(source="entry.award_type.name", read_only=True)
    votes_for = serializers.SerializerMethodField()
    votes_against = serializers.SerializerMethodField()
    base = serializers.SerializerMethodField()
    threshold = serializers.SerializerMethodField()
    passed = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "entry", "dossier", "nominee_name", "award_type_name", "order", "votes_for",
                  "votes_against", "base", "threshold", "passed"]  # fmt: skip
        read_only_fields = fields

    def _closed(self, item: AgendaItem) -> bool:
        return item.session.state == SessionState.CLOSED

    def get_votes_for(self, item: AgendaItem) -> int | None:
        return item.votes_for if self._closed(item) else None

    def get_votes_against(self, item: AgendaItem) -> int | None:
        return item.votes_against if self._closed(item) else None

    def get_base(self, item: AgendaItem) -> int | None:
        return item.base if self._closed(item) else None

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_threshold(self, item: AgendaItem) -> str | None:
        return str(item.threshold) if self._closed(item) and item.threshold is not None else None

    def get_passed(self, item: AgendaItem) -> bool | None:
        return item.passed if self._closed(item) else None


class CouncilSessionSerializer(ModelSerializer):
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    state = serializers.CharField(read_only=True, help_text=_("planned, voting, closed"))
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    mode = serializers.CharField(read_only=True, help_text=_("online, paper"))
    mode_display = serializers.CharField(source="get_mode_display", read_only=True)
    threshold_base = serializers.CharField(read_only=True, help_text=_("full, without_recused"))

    class Meta:
        model = CouncilSession
        fields = ["id", "authority", "authority_name", "title", "meets_on", "place", "state", "state_display",
                  "mode", "mode_display", "quorum", "threshold_base", "opened_at", "closed_at", "version",
                  "created_at"]  # fmt: skip
        read_only_fields = fields


class BallotLineSerializer(Serializer):
    """The caller's own ballot: whether they voted on (or recused from) each item, never what they chose."""

    item = serializers.IntegerField()
    voted = serializers.BooleanField()
    recused = serializers.BooleanField()
    can_vote = serializers.BooleanField(help_text=_("Được bỏ phiếu cho nội dung này ngay bây giờ"))


class CouncilSessionDetailSerializer(CouncilSessionSerializer):
    members = CouncilMemberSerializer(many=True, read_only=True)
    items = AgendaItemSerializer(many=True, read_only=True)
    minutes = serializers.CharField(read_only=True)
    my_ballot = serializers.SerializerMethodField(help_text=_("Phiếu của chính người gọi (nếu là thành viên)"))

    class Meta(CouncilSessionSerializer.Meta):
        fields = [*CouncilSessionSerializer.Meta.fields, "minutes", "members", "items", "my_ballot"]
        read_only_fields = fields

    @extend_schema_field(BallotLineSerializer(many=True))
    def get_my_ballot(self, session: CouncilSession) -> list[dict]:
        user = getattr(self.context.get("request"), "user", None)
        if user is None:
            return []
        return [
            {"item": line["item"].pk, "voted": line["voted"], "recused": line["recused"], "can_vote": line["can_vote"]}
            for line in council.my_ballot(session, user)
        ]


class ResultSerializer(Serializer):
    """One item of a closed session: the tally, the base and threshold it was measured against, and the result."""

    item = serializers.IntegerField(source="item.pk")
    entry = serializers.IntegerField(source="entry.pk")
    dossier = serializers.IntegerField(source="dossier.pk")
    nominee_name = serializers.CharField(source="nominee")
    award_type_name = serializers.CharField(source="award")
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    recused = serializers.IntegerField(help_text=_("Số thành viên không tham gia biểu quyết"))
    base = serializers.IntegerField(allow_null=True, help_text=_("Số thành viên làm căn cứ tính tỷ lệ"))
    threshold = serializers.DecimalField(max_digits=4, decimal_places=3, allow_null=True,
                                         help_text=_("Tỷ lệ yêu cầu; null: quá nửa"))  # fmt: skip
    threshold_text = serializers.CharField()
    passed = serializers.BooleanField(allow_null=True)


class MemberInputSerializer(Serializer):
    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True, default=None,
        help_text=_("Tài khoản (mã số) của thành viên bỏ phiếu trực tuyến"),
    )  # fmt: skip
    full_name = serializers.CharField(max_length=255)
    position = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    # A string, not a choice field: "role" names another choice set in the clusters API (one enum name per field).
    role = serializers.CharField(default=MemberRole.MEMBER, help_text=_("chair, secretary, member"))

    def validate_role(self, value: str) -> str:
        if value not in MemberRole.values:
            raise serializers.ValidationError(FIELD_ERROR_MESSAGES["invalid_choice"])
        return value


class SessionInputSerializer(Serializer):
    authority = serializers.PrimaryKeyRelatedField(queryset=Authority.objects.all(), help_text=_("Cấp có thẩm quyền"))
    title = serializers.CharField(max_length=300)
    meets_on = serializers.DateField()
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    mode = serializers.ChoiceField(choices=VotingMode.choices, default=VotingMode.ONLINE, help_text=_("online, paper"))
    quorum = serializers.DecimalField(max_digits=4, decimal_places=3, min_value=0, max_value=1, required=False,
                                      allow_null=True, default=None)  # fmt: skip
    threshold_base = serializers.ChoiceField(choices=ThresholdBase.choices, required=False, allow_null=True,
                                             default=None)  # fmt: skip
    members = MemberInputSerializer(
        many=True, required=False, allow_null=True, default=None,
        help_text=_("Bỏ trống: mọi người giữ vai trò Hội đồng tại đơn vị của cấp này"),
    )  # fmt: skip


class AgendaInputSerializer(Serializer):
    entries = ScopedPrimaryKeyField(queryset=DossierEntry.objects.all(), many=True, allow_empty=False)


class AttendanceInputSerializer(Serializer):
    present_member_ids = serializers.ListField(child=serializers.IntegerField(),
                                               help_text=_("Mã số các thành viên có mặt"))  # fmt: skip


class CloseVotingInputSerializer(Serializer):
    minutes = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Nội dung biên bản"))


class VoteInputSerializer(Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices, help_text=_("for, against"))


class RecuseInputSerializer(Serializer):
    reason = serializers.CharField(help_text=_("Lý do không tham gia biểu quyết"))
    member = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text=_("Thành viên (mã số) do Thư ký ghi nhận; bỏ trống: chính người gọi"),
    )  # fmt: skip


class TallyInputSerializer(Serializer):
    votes_for = serializers.IntegerField(min_value=0)
    votes_against = serializers.IntegerField(min_value=0)


# --- Consultations ---------------------------------------------------------------------------------------------


class ConsultationEntrySerializer(ModelSerializer):
    nominee_name = serializers.CharField(read_only=True)
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)

    class Meta:
        model = DossierEntry
        fields = ["id", "dossier", "nominee_name", "award_type_name", "state"]
        read_only_fields = fields


class ConsultationSerializer(ModelSerializer):
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    state = serializers.CharField(read_only=True, help_text=_("open, closed"))
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    accepts_comments = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = ["id", "authority", "authority_name", "title", "introduction", "starts_on", "ends_on",
                  "working_days", "state", "state_display", "accepts_comments", "summary", "closed_at",
                  "created_at"]  # fmt: skip
        read_only_fields = fields

    def get_accepts_comments(self, consultation: Consultation) -> bool:
        return consultation.accepts_comments()


class ConsultationDetailSerializer(ConsultationSerializer):
    entries = ConsultationEntrySerializer(many=True, read_only=True)

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "entries"]
        read_only_fields = fields


class ConsultationCommentSerializer(ModelSerializer):
    """A comment as the board sees it (with the contact the public page never shows)."""

    state = serializers.CharField(read_only=True, help_text=_("pending, published, rejected"))
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    moderated_by_name = serializers.SerializerMethodField()

    class Meta:
        model = ConsultationComment
        fields = ["id", "consultation", "entry", "author_name", "contact", "body", "state", "state_display",
                  "created_at", "moderated_by_name", "moderated_at", "moderation_note"]  # fmt: skip
        read_only_fields = fields

    def get_moderated_by_name(self, comment: ConsultationComment) -> str | None:
        return _user_name(comment.moderated_by)


class ConsultationInputSerializer(Serializer):
    authority = serializers.PrimaryKeyRelatedField(queryset=Authority.objects.all(), help_text=_("Cấp có thẩm quyền"))
    entries = ScopedPrimaryKeyField(queryset=DossierEntry.objects.all(), many=True, allow_empty=False)
    title = serializers.CharField(max_length=300)
    introduction = serializers.CharField(required=False, allow_blank=True, default="")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Mặc định: hôm nay"))


class ModerateInputSerializer(Serializer):
    publish = serializers.BooleanField(help_text=_("true: đăng; false: không đăng"))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CloseConsultationInputSerializer(Serializer):
    summary = serializers.CharField(help_text=_("Kết quả lấy ý kiến (đưa vào biên bản họp Hội đồng)"))
