"""API representations of the history: ratings, initiatives (with their authors), historical awards, discipline.
Field names are English (DESIGN.md glossary); ``*_display`` fields carry the Vietnamese label of a coded value.

The viewsets hand the validated data to ``thidua.records.services``, which derive what the law derives (rank,
award type and merit flag, snapshot, severity, period kind and year). A reference to a person, a unit, an initiative
or an authority is checked against the caller's scope: one they may not see is "not found" (400, naming the field).
The serializers leave uniqueness to the services, whose messages name the period ("đã có xếp loại năm 2023").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.accounts.serializers import ScopedPrimaryKeyField
from thidua.catalog.models import Authority
from thidua.core.api import ModelSerializer
from thidua.orgs.models import Household, OrgUnit, Person
from thidua.records.models import Award, Discipline, Initiative, InitiativeAuthor, InitiativeQuerySet, Rating

SUBJECT_FIXED = _("Không đổi được đối tượng; hãy xóa bản ghi nhập nhầm và tạo bản ghi mới.")


def person_field() -> ScopedPrimaryKeyField:
    return ScopedPrimaryKeyField(
        queryset=Person.objects.all(), required=False, allow_null=True,
        help_text=_("Cá nhân (mã số); chọn cá nhân hoặc tập thể; không đổi được"),
    )  # fmt: skip


def unit_field() -> ScopedPrimaryKeyField:
    return ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True,
        help_text=_("Tập thể (mã số); chọn cá nhân hoặc tập thể; không đổi được"),
    )  # fmt: skip


def year_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1945, max_value=2100,
        help_text=_("Năm; năm học ghi theo năm kết thúc (năm học 2022–2023 là 2023)"), **kwargs,
    )  # fmt: skip


class SubjectSerializer(ModelSerializer):
    """Fields every history row shares: its subject (fixed once written) and its period."""

    person_name = serializers.CharField(source="person.full_name", read_only=True, allow_null=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True)
    period_label = serializers.CharField(read_only=True, help_text=_("Kỳ: “2023” hoặc “năm học 2022–2023”"))
    period_kind_display = serializers.CharField(source="get_period_kind_display", read_only=True)

    subject_fields = ("person", "unit")

    class Meta:
        validators: list = []

    def validate(self, attrs: dict) -> dict:
        if self.instance is not None:
            errors = {
                name: [SUBJECT_FIXED]
                for name in self.subject_fields
                if name in attrs and attrs[name] != getattr(self.instance, name)
            }
            if errors:
                raise serializers.ValidationError(errors)
        return attrs


# --- Ratings -------------------------------------------------------------------------------------------------------


class RatingSerializer(SubjectSerializer):
    """Xếp loại chất lượng of a person or a unit for one period; its rank follows from the level."""

    person = person_field()
    unit = unit_field()
    year = year_field()
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    rated_unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True,
        help_text=_("Đơn vị nơi cá nhân công tác khi được đánh giá (mã số); mặc định: đơn vị chính của cá nhân"),
    )  # fmt: skip

    class Meta(SubjectSerializer.Meta):
        model = Rating
        fields = [
            "id", "person", "person_name", "unit", "unit_name", "period_kind", "period_kind_display", "year",
            "period_label", "level", "level_display", "rank", "rated_unit", "note", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["rank", "created_at", "updated_at"]
        extra_kwargs = {
            "period_kind": {"help_text": _("calendar hoặc school; mặc định theo lĩnh vực của đơn vị")},
            "rank": {"help_text": _("4 xuất sắc, 3 tốt, 2 hoàn thành, 1 không hoàn thành nhiệm vụ")},
        }


# --- Initiatives ---------------------------------------------------------------------------------------------------


class InitiativeAuthorSerializer(ModelSerializer):
    """One author of an initiative and their share."""

    person = ScopedPrimaryKeyField(queryset=Person.objects.all(), help_text=_("Tác giả (mã số)"))
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    share = serializers.IntegerField(
        min_value=1, max_value=100, required=False, allow_null=True, help_text=_("Tỷ lệ đóng góp (%)")
    )

    class Meta:
        model = InitiativeAuthor
        fields = ["person", "person_name", "share"]
        validators: list = []


class InitiativeSerializer(ModelSerializer):
    """A recognised initiative (sáng kiến) and its authors; it may back one award only."""

    authors = InitiativeAuthorSerializer(
        source="authorships", many=True, help_text=_("Tác giả; khi sửa, danh sách thay danh sách cũ")
    )
    unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True, help_text=_("Đơn vị áp dụng (mã số)")
    )
    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True)
    year = year_field(required=False)
    period_label = serializers.CharField(read_only=True)
    period_kind_display = serializers.CharField(source="get_period_kind_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id", "title", "kind", "kind_display", "level", "level_display", "recognised_on", "recognised_by",
            "unit", "unit_name", "authors", "period_kind", "period_kind_display", "year", "period_label",
            "backed_award", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["backed_award", "created_at", "updated_at"]
        extra_kwargs = {
            "period_kind": {"help_text": _("calendar hoặc school; mặc định theo đơn vị áp dụng, hoặc tác giả đầu")},
            "backed_award": {"help_text": _("Khen thưởng đã lấy sáng kiến này làm căn cứ (mã số); null: chưa dùng")},
        }


# --- Awards --------------------------------------------------------------------------------------------------------


class BackingInitiativesField(serializers.ManyRelatedField):
    """The initiative an award rests on, read from the reverse one-to-one ``Award.initiative``."""

    def get_attribute(self, instance: Award) -> list[Initiative]:
        try:
            return [instance.initiative]
        except Initiative.DoesNotExist:
            return []


class AwardSerializer(SubjectSerializer):
    """An award already decided, with the recipient as they were when it was recorded (snapshot). The award type is
    the version of ``award_code`` in force on the decision date; the merit flag is derived."""

    person = person_field()
    unit = unit_field()
    household = ScopedPrimaryKeyField(
        queryset=Household.objects.all(), required=False, allow_null=True,
        help_text=_("Hộ gia đình (mã số); không đổi được"),
    )  # fmt: skip
    recipient_kind = serializers.SerializerMethodField(help_text=_("individual, collective hoặc household"))
    award_code = serializers.CharField(
        max_length=40, help_text=_("Mã ổn định của danh hiệu, hình thức khen thưởng, ví dụ LDTT, BK_TINH")
    )
    award_name = serializers.CharField(source="award_type.name", read_only=True)
    year = year_field()
    commendation_kind_display = serializers.CharField(source="get_commendation_kind_display", read_only=True)
    authority = ScopedPrimaryKeyField(
        queryset=Authority.objects.all(), required=False, allow_null=True, help_text=_("Cấp quyết định (mã số)")
    )
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    backing_initiatives = BackingInitiativesField(
        child_relation=ScopedPrimaryKeyField(queryset=InitiativeQuerySet(model=Initiative)), required=False,
        help_text=_("Sáng kiến làm căn cứ (mã số), chưa dùng cho khen thưởng nào; một sáng kiến chỉ làm căn cứ "
                    "cho một khen thưởng"),
    )  # fmt: skip

    subject_fields = ("person", "unit", "household")

    class Meta(SubjectSerializer.Meta):
        model = Award
        fields = [
            "id", "person", "person_name", "unit", "unit_name", "household", "recipient_kind", "award_code",
            "award_type", "award_name", "commendation_kind", "commendation_kind_display", "counts_toward_merit",
            "period_kind", "period_kind_display", "year", "period_label", "decision_number", "decision_date",
            "authority", "authority_name", "achievement", "posthumous", "source", "source_display",
            "recipient_name", "gender", "birth_year", "ethnicity_name", "is_minority", "is_direct_worker",
            "position_category", "position", "recipient_unit_name", "backing_initiatives", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "award_type", "counts_toward_merit", "source", "recipient_name", "gender", "birth_year",
            "ethnicity_name", "is_minority", "is_direct_worker", "position_category", "position", "created_at",
            "updated_at",
        ]  # fmt: skip
        extra_kwargs = {
            "award_type": {"help_text": _("Phiên bản danh hiệu, hình thức có hiệu lực vào ngày quyết định (mã số)")},
            "period_kind": {"help_text": _("calendar hoặc school; mặc định theo lĩnh vực của đơn vị")},
        }

    # The snapshot's unit name, apart from ``unit_name`` (the collective recipient's current name).
    recipient_unit_name = serializers.CharField(
        source="unit_name", read_only=True, help_text=_("Đơn vị công tác của người được khen khi ghi nhận")
    )

    @extend_schema_field(OpenApiTypes.STR)
    def get_recipient_kind(self, award: Award) -> str:
        if award.person_id:
            return "individual"
        return "collective" if award.unit_id else "household"


# --- Discipline ----------------------------------------------------------------------------------------------------


class DisciplineSerializer(SubjectSerializer):
    """A discipline in effect, or a pending case (no kind, severity 0) that blocks awards while it lasts."""

    person = person_field()
    unit = unit_field()
    year = year_field(required=False)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta(SubjectSerializer.Meta):
        model = Discipline
        fields = [
            "id", "person", "person_name", "unit", "unit_name", "status", "status_display", "kind", "kind_display",
            "severity", "decision_number", "start_date", "end_date", "reason", "period_kind", "period_kind_display",
            "year", "period_label", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["severity", "created_at", "updated_at"]
        extra_kwargs = {
            "kind": {"help_text": _("Hình thức kỷ luật; để trống khi đang xem xét hoặc không kỷ luật")},
            "severity": {"help_text": _("1 khiển trách … 6 buộc thôi việc; 0 khi chưa có hình thức")},
            "period_kind": {"help_text": _("calendar hoặc school; mặc định theo lĩnh vực của đơn vị")},
        }
