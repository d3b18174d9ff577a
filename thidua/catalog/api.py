"""The catalog API (read-only for every signed-in user): /api/v1/authorities/ and /api/v1/award-types/.

The catalog is public law, so ``scoped`` lets everyone see it; the querysets still start from it, like every other.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority, AwardKind, AwardLevel, AwardType
from thidua.catalog.serializers import AuthoritySerializer, AwardTypeSerializer
from thidua.orgs.models import OrgUnit


class AuthorityFilter(filters.FilterSet):
    kind = filters.CharFilter(field_name="kind__code", label=_("Mã loại cấp có thẩm quyền"))
    unit = filters.ModelChoiceFilter(queryset=OrgUnit.objects.all(), label=_("Đơn vị (mã số)"))
    in_force_on = filters.DateFilter(method="filter_in_force_on", label=_("Còn thẩm quyền vào ngày (YYYY-MM-DD)"))

    class Meta:
        model = Authority
        fields = ["kind", "unit", "in_force_on"]

    def filter_in_force_on(self, queryset: QuerySet[Authority], name: str, value: dt.date) -> QuerySet[Authority]:
        # Both the authority and its kind must be in force: a district chairman issues nothing from 2025-07-01.
        kind_in_force = (Q(kind__valid_from__isnull=True) | Q(kind__valid_from__lte=value)) & (
            Q(kind__valid_to__isnull=True) | Q(kind__valid_to__gte=value)
        )
        return queryset.in_force(value).filter(kind_in_force)


class AwardTypeFilter(filters.FilterSet):
    code = filters.CharFilter(field_name="code", label=_("Mã ổn định, ví dụ CSTDCS"))
    regime = filters.CharFilter(field_name="regime__code", label=_("Mã giai đoạn pháp lý"))
    in_force_on = filters.DateFilter(
        method="filter_in_force_on", label=_("Phiên bản có hiệu lực vào ngày (YYYY-MM-DD)")
    )
    level = filters.ChoiceFilter(choices=AwardLevel.choices, label=_("Cấp khen thưởng"))
    kind = filters.ChoiceFilter(choices=AwardKind.choices, label=_("Loại"))

    class Meta:
        model = AwardType
        fields = ["code", "regime", "in_force_on", "level", "kind"]

    def filter_in_force_on(self, queryset: QuerySet[AwardType], name: str, value: dt.date) -> QuerySet[AwardType]:
        return queryset.in_force(value)


@extend_schema_view(
    list=extend_schema(summary=_("Cấp có thẩm quyền khen thưởng")),
    retrieve=extend_schema(summary=_("Một cấp có thẩm quyền")),
)
@extend_schema(tags=["catalog"])
class AuthorityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuthoritySerializer
    filterset_class = AuthorityFilter
    keyset_ordering = ("kind_id", "id")

    def get_queryset(self) -> QuerySet[Authority]:
        return scoped(Authority, self.request.user).select_related("kind", "unit")


@extend_schema_view(
    list=extend_schema(summary=_("Danh hiệu thi đua, hình thức khen thưởng: mọi phiên bản theo thời gian")),
    retrieve=extend_schema(summary=_("Một phiên bản danh hiệu, hình thức khen thưởng")),
)
@extend_schema(tags=["catalog"])
class AwardTypeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AwardTypeSerializer
    filterset_class = AwardTypeFilter
    keyset_ordering = ("sort_order", "code", "valid_from", "id")

    def get_queryset(self) -> QuerySet[AwardType]:
        return (
            scoped(AwardType, self.request.user)
            .select_related("regime")
            .prefetch_related("granting_authority_kinds", "required_documents")
        )
