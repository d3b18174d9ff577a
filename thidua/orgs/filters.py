"""Filters of the organisation API (``?search=``, ``?unit=`` …). Every unit or person a filter names must be visible
to the caller: an id outside their scope is refused like an id that does not exist (400, naming the filter)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from thidua.accounts.scoping import scoped
from thidua.orgs.models import (
    Cluster,
    ClusterKind,
    Gender,
    Membership,
    OrgUnit,
    OrgUnitQuerySet,
    Person,
    PersonQuerySet,
    PositionCategory,
    subtree_range,
)


def visible_units(request) -> OrgUnitQuerySet:
    return scoped(OrgUnit, request.user) if request is not None else OrgUnit.objects.none()


def visible_people(request) -> PersonQuerySet:
    return scoped(Person, request.user) if request is not None else Person.objects.none()


class UnitFilter(filters.FilterSet):
    search = filters.CharFilter(
        method="filter_search",
        label=_("Tìm theo tên: mỗi từ khớp đầu một từ của tên, không phân biệt hoa thường và dấu"),
    )
    parent = filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị cấp trên trực tiếp (mã số)"))
    kind = filters.CharFilter(field_name="kind__code", label=_("Mã loại đơn vị, ví dụ district"))
    subtree_of = filters.ModelChoiceFilter(
        queryset=visible_units, method="filter_subtree_of", label=_("Đơn vị (mã số) cùng toàn bộ đơn vị cấp dưới")
    )
    active = filters.BooleanFilter(method="filter_active", label=_("Còn hoạt động (chưa giải thể, sáp nhập)"))

    class Meta:
        model = OrgUnit
        fields = ["search", "parent", "kind", "subtree_of", "active"]

    def filter_search(self, queryset: OrgUnitQuerySet, name: str, value: str) -> OrgUnitQuerySet:
        return queryset.search(value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_subtree_of(self, queryset: OrgUnitQuerySet, name: str, value: OrgUnit) -> OrgUnitQuerySet:
        return queryset.subtree_of(value)

    def filter_active(self, queryset: OrgUnitQuerySet, name: str, value: bool) -> OrgUnitQuerySet:
        active = queryset.active()
        return active if value else queryset.exclude(pk__in=active.values("pk"))


class PersonFilter(filters.FilterSet):
    search = filters.CharFilter(
        method="filter_search",
        label=_("Tìm theo họ tên: mỗi từ khớp đầu một từ của tên, không phân biệt hoa thường và dấu"),
    )
    unit = filters.ModelChoiceFilter(
        queryset=visible_units, method="filter_unit",
        label=_("Đơn vị (mã số): người đang công tác hoặc do đơn vị quản lý hồ sơ, kể cả ở đơn vị cấp dưới"),
    )  # fmt: skip
    gender = filters.ChoiceFilter(choices=Gender.choices, label=_("Giới tính: M (Nam) hoặc F (Nữ)"))
    position_category = filters.ChoiceFilter(choices=PositionCategory.choices, label=_("Đối tượng"))
    is_direct_worker = filters.BooleanFilter(label=_("Người trực tiếp lao động, sản xuất"))

    class Meta:
        model = Person
        fields = ["search", "unit", "gender", "position_category", "is_direct_worker"]

    def filter_search(self, queryset: PersonQuerySet, name: str, value: str) -> PersonQuerySet:
        return queryset.search(value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_unit(self, queryset: PersonQuerySet, name: str, value: OrgUnit) -> PersonQuerySet:
        low, high = subtree_range(value.path)
        in_subtree = Membership.objects.current().filter(
            person=OuterRef("pk"), unit__path__gte=low, unit__path__lt=high
        )
        return queryset.filter(Exists(in_subtree) | Q(owner_unit__path__gte=low, owner_unit__path__lt=high))


class MembershipFilter(filters.FilterSet):
    person = filters.ModelChoiceFilter(queryset=visible_people, label=_("Cá nhân (mã số)"))
    unit = filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị (mã số), không kể đơn vị cấp dưới"))
    current = filters.BooleanFilter(method="filter_current", label=_("Đang công tác (hôm nay trong khoảng từ/đến)"))

    class Meta:
        model = Membership
        fields = ["person", "unit", "current"]

    def filter_current(self, queryset, name: str, value: bool):
        current = queryset.current()
        return current if value else queryset.exclude(pk__in=current.values("pk"))


class ClusterFilter(filters.FilterSet):
    organiser = filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị tổ chức (mã số)"))
    kind = filters.ChoiceFilter(choices=ClusterKind.choices, label=_("Loại: cum (cụm) hoặc khoi (khối)"))

    class Meta:
        model = Cluster
        fields = ["organiser", "kind"]
