"""API representations of units, people, memberships and clusters. Field names are English (DESIGN.md glossary);
``*_display`` fields carry the Vietnamese label of a coded value.

A reference to a unit or a person is checked against the caller's scope: one they may not see is "not found" (400,
naming the field), exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.accounts.serializers import ScopedPrimaryKeyField
from thidua.core.api import ModelSerializer, Serializer
from thidua.orgs.models import (
    Cluster,
    ClusterMembership,
    ClusterRole,
    Ethnicity,
    Membership,
    OrgUnit,
    Person,
    Sector,
    UnitKind,
)


def _fixed_on_update(serializer: serializers.Serializer, attrs: dict, messages: dict[str, str]) -> None:
    """Refuse a change, on update, of a field that has its own action (rename, move) or may not change at all."""
    if serializer.instance is None:
        return
    errors = {
        field: [message]
        for field, message in messages.items()
        if field in attrs and attrs[field] != getattr(serializer.instance, field)
    }
    if errors:
        raise serializers.ValidationError(errors)


# --- Units ----------------------------------------------------------------------------------------------


class UnitSerializer(ModelSerializer):
    kind = serializers.SlugRelatedField(
        slug_field="code", queryset=UnitKind.objects.all(), help_text=_("Mã loại đơn vị")
    )
    kind_name = serializers.CharField(source="kind.name", read_only=True, help_text=_("Tên loại đơn vị"))
    level = serializers.IntegerField(source="kind.level", read_only=True, help_text=_("Cấp: 1 tỉnh, 2 huyện/sở, 3 xã"))
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False, allow_null=True, help_text=_("Mã lĩnh vực")
    )
    parent = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True,
        help_text=_("Đơn vị cấp trên (mã số). Khi sửa, đổi cấp trên bằng POST …/move/."),
    )  # fmt: skip
    is_active = serializers.BooleanField(read_only=True, help_text=_("Chưa giải thể, sáp nhập"))

    class Meta:
        model = OrgUnit
        fields = [
            "id", "code", "name", "short_name", "kind", "kind_name", "level", "sector", "parent", "depth",
            "is_external", "established_on", "dissolved_on", "merged_into", "is_active", "address", "email", "phone",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["depth", "dissolved_on", "merged_into", "created_at", "updated_at"]
        extra_kwargs = {"name": {"help_text": _("Tên đơn vị. Khi sửa, đổi tên bằng POST …/rename/ để giữ tên cũ.")}}

    def validate(self, attrs: dict) -> dict:
        _fixed_on_update(self, attrs, {
            "name": _("Đổi tên đơn vị bằng POST /api/v1/units/{id}/rename/ để giữ lại tên cũ."),
            "parent": _("Chuyển đơn vị sang cấp trên khác bằng POST /api/v1/units/{id}/move/."),
        })  # fmt: skip
        return attrs


class UnitRenameSerializer(Serializer):
    new_name = serializers.CharField(max_length=255, help_text=_("Tên mới"))
    effective_on = serializers.DateField(help_text=_("Có hiệu lực từ ngày"))
    legal_basis = serializers.CharField(max_length=255, required=False, default="", help_text=_("Căn cứ (quyết định)"))


class UnitMoveSerializer(Serializer):
    new_parent = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị cấp trên mới (mã số)"))
    effective_on = serializers.DateField(help_text=_("Có hiệu lực từ ngày"))
    legal_basis = serializers.CharField(max_length=255, required=False, default="", help_text=_("Căn cứ (quyết định)"))


# --- People ---------------------------------------------------------------------------------------------


class CurrentMembershipSerializer(ModelSerializer):
    """A person's current work in a unit the caller may see."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "unit", "unit_name", "position", "is_leader", "start_date", "end_date", "is_primary"]
        read_only_fields = fields


class PersonSerializer(ModelSerializer):
    """A person as lists show them: the ID number only masked."""

    gender_display = serializers.CharField(source="get_gender_display", read_only=True)
    ethnicity = serializers.SlugRelatedField(
        slug_field="code", queryset=Ethnicity.objects.all(), required=False, allow_null=True,
        help_text=_("Mã dân tộc"),
    )  # fmt: skip
    ethnicity_name = serializers.SerializerMethodField(help_text=_("Tên dân tộc"))
    position_category_display = serializers.CharField(source="get_position_category_display", read_only=True)
    masked_id_number = serializers.CharField(read_only=True, help_text=_("Số định danh cá nhân, đã che bớt"))
    owner_unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True,
        help_text=_("Đơn vị quản lý hồ sơ người ngoài cơ cấu tổ chức (mã số)"),
    )  # fmt: skip
    current_memberships = serializers.SerializerMethodField(
        help_text=_("Nơi đang công tác, trong các đơn vị bạn được xem")
    )

    class Meta:
        model = Person
        fields = [
            "id", "full_name", "family_name", "middle_name", "given_name", "gender", "gender_display", "birth_date",
            "birth_year", "death_date", "ethnicity", "ethnicity_name", "nationality", "masked_id_number",
            "is_direct_worker", "position_category", "position_category_display", "hometown", "owner_unit",
            "current_memberships", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["family_name", "middle_name", "given_name", "created_at", "updated_at"]

    def get_ethnicity_name(self, person: Person) -> str | None:
        return person.ethnicity.name if person.ethnicity_id else None

    @extend_schema_field(CurrentMembershipSerializer(many=True))
    def get_current_memberships(self, person: Person) -> list[dict]:
        # The view prefetches them into this attribute (scoped, current, with their units): no query per person.
        return CurrentMembershipSerializer(person.visible_current_memberships, many=True).data


class PersonDetailSerializer(PersonSerializer):
    """One person: ``id_number`` is the full number for a caller who may edit the person's people, else null."""

    id_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, allow_null=True,
        help_text=_("Số định danh cá nhân đầy đủ, chỉ cho cán bộ được sửa hồ sơ của đơn vị; người khác nhận null."),
    )  # fmt: skip

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "id_number"]

    def validate_id_number(self, value: str | None) -> str:
        return value or ""

    def to_representation(self, person: Person) -> dict:
        data = super().to_representation(person)
        id_number_visible: Callable[[Person], bool] = self.context["id_number_visible"]
        data["id_number"] = person.id_number if id_number_visible(person) else None
        return data


class PersonCreateSerializer(PersonDetailSerializer):
    """A new person, starting work in ``unit`` (or, for people outside the tree, managed by ``owner_unit``)."""

    unit = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True, write_only=True,
        help_text=_("Đơn vị công tác (mã số); bỏ trống với người ngoài cơ cấu tổ chức, khi đó cần owner_unit"),
    )  # fmt: skip
    position = serializers.CharField(max_length=200, required=False, default="", write_only=True,
                                     help_text=_("Chức vụ tại đơn vị công tác"))  # fmt: skip
    start_date = serializers.DateField(required=False, allow_null=True, default=None, write_only=True,
                                       help_text=_("Bắt đầu công tác từ ngày"))  # fmt: skip

    class Meta(PersonDetailSerializer.Meta):
        fields = [*PersonDetailSerializer.Meta.fields, "unit", "position", "start_date"]

    def validate(self, attrs: dict) -> dict:
        if attrs.get("unit") is None and attrs.get("owner_unit") is None:
            message = _("Cần chọn đơn vị công tác, hoặc đơn vị quản lý hồ sơ (owner_unit) với người ngoài cơ cấu.")
            raise serializers.ValidationError({"unit": [message]})
        return attrs


# --- Memberships ----------------------------------------------------------------------------------------


class MembershipSerializer(ModelSerializer):
    person = ScopedPrimaryKeyField(queryset=Person.objects.all(), help_text=_("Cá nhân (mã số); không đổi được"))
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị (mã số); không đổi được"))
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    is_current = serializers.SerializerMethodField(help_text=_("Đang công tác hôm nay"))

    class Meta:
        model = Membership
        fields = [
            "id", "person", "person_name", "unit", "unit_name", "position", "is_leader", "start_date", "end_date",
            "is_primary", "is_current",
        ]  # fmt: skip

    def get_is_current(self, membership: Membership) -> bool:
        today = timezone.localdate()
        started = membership.start_date is None or membership.start_date <= today
        return started and (membership.end_date is None or membership.end_date >= today)

    def validate(self, attrs: dict) -> dict:
        _fixed_on_update(self, attrs, {
            "person": _("Không đổi được cá nhân của quá trình công tác; hãy tạo quá trình mới."),
            "unit": _("Không đổi được đơn vị của quá trình công tác: hãy kết thúc quá trình này và tạo quá trình mới."),
        })  # fmt: skip
        return attrs


# --- Clusters -------------------------------------------------------------------------------------------


class ClusterSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    organiser = ScopedPrimaryKeyField(
        queryset=OrgUnit.objects.all(), help_text=_("Đơn vị tổ chức cụm, khối (mã số); không đổi được")
    )
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)

    class Meta:
        model = Cluster
        fields = [
            "id", "code", "name", "kind", "kind_display", "organiser", "organiser_name", "description", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        _fixed_on_update(self, attrs, {"organiser": _("Không đổi được đơn vị tổ chức của cụm, khối.")})
        return attrs


class ClusterMemberSerializer(ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = ClusterMembership
        fields = ["year", "unit", "unit_name", "role", "role_display"]
        read_only_fields = fields


class ClusterMemberInputSerializer(Serializer):
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị thành viên (mã số)"))
    role = serializers.ChoiceField(choices=ClusterRole.choices, default=ClusterRole.MEMBER)


class ClusterMembersInputSerializer(Serializer):
    """The whole membership of a cluster for one year; units not listed leave the cluster for that year."""

    year = serializers.IntegerField(min_value=1945, max_value=2100, help_text=_("Năm"))
    members = ClusterMemberInputSerializer(many=True, allow_empty=True)

    def validate_members(self, members: list[dict]) -> list[dict]:
        units = [member["unit"].pk for member in members]
        if len(units) != len(set(units)):
            raise serializers.ValidationError(_("Một đơn vị được kê hai lần."))
        return members
