"""Filters of the movements API (``?state=``, ``?movement=`` …). A unit, movement or cluster a filter names must be
visible to the caller: an id outside their scope is refused like one that does not exist (400, naming the filter)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from thidua.accounts.scoping import scoped
from thidua.movements.enums import AnswerState, ExemplaryKind, ExemplaryState, MovementKind, MovementState, SheetState
from thidua.movements.models import (
    Covenant,
    ExemplaryModel,
    Movement,
    ProgressReport,
    Registration,
    ScoreSheet,
    UnitPlan,
)
from thidua.orgs.models import Cluster, OrgUnit, subtree_range


def visible_units(request) -> QuerySet[OrgUnit]:
    return scoped(OrgUnit, request.user) if request is not None else OrgUnit.objects.none()


def visible_movements(request) -> QuerySet[Movement]:
    return scoped(Movement, request.user) if request is not None else Movement.objects.none()


def visible_clusters(request) -> QuerySet[Cluster]:
    return scoped(Cluster, request.user) if request is not None else Cluster.objects.none()


class MovementFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=MovementState.choices, label=_("Trạng thái: draft, launched, closed"))
    kind = filters.ChoiceFilter(choices=MovementKind.choices, label=_("Hình thức: regular, thematic"))
    issuer_unit = filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị phát động (mã số)"))
    parent = filters.ModelChoiceFilter(queryset=visible_movements, label=_("Phong trào cha (mã số)"))
    year = filters.NumberFilter(method="filter_year", label=_("Phong trào diễn ra trong năm này"))

    class Meta:
        model = Movement
        fields = ["state", "kind", "issuer_unit", "parent", "year"]

    def filter_year(self, queryset: QuerySet[Movement], name: str, value) -> QuerySet[Movement]:
        return queryset.filter(period_start__year__lte=int(value), period_end__year__gte=int(value))


class AnswerFilter(filters.FilterSet):
    movement = filters.ModelChoiceFilter(queryset=visible_movements, label=_("Phong trào (mã số)"))
    unit = filters.ModelChoiceFilter(
        queryset=visible_units, method="filter_unit", label=_("Đơn vị (mã số), kể cả các đơn vị cấp dưới")
    )
    state = filters.ChoiceFilter(
        choices=AnswerState.choices, label=_("Trạng thái: not_sent, pending, returned, approved")
    )

    @extend_schema_field(OpenApiTypes.INT)
    def filter_unit(self, queryset: QuerySet, name: str, value: OrgUnit) -> QuerySet:
        low, high = subtree_range(value.path)
        return queryset.filter(unit__path__gte=low, unit__path__lt=high)


class UnitPlanFilter(AnswerFilter):
    class Meta:
        model = UnitPlan
        fields = ["movement", "unit", "state"]


class RegistrationFilter(AnswerFilter):
    reviewer_unit = filters.ModelChoiceFilter(
        queryset=visible_units, label=_("Đơn vị duyệt (mã số): đăng ký chờ đơn vị này duyệt")
    )

    class Meta:
        model = Registration
        fields = ["movement", "unit", "state", "reviewer_unit"]


class ProgressReportFilter(AnswerFilter):
    class Meta:
        model = ProgressReport
        fields = ["movement", "unit", "state", "milestone"]


class ExemplaryModelFilter(filters.FilterSet):
    movement = filters.ModelChoiceFilter(queryset=visible_movements, label=_("Phong trào (mã số)"))
    proposing_unit = filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị giới thiệu (mã số)"))
    kind = filters.ChoiceFilter(choices=ExemplaryKind.choices, label=_("Loại"))
    state = filters.ChoiceFilter(choices=ExemplaryState.choices, label=_("Trạng thái"))
    publish = filters.BooleanFilter(label=_("Đăng trên cổng thông tin"))
    search = filters.CharFilter(method="filter_search", label=_("Tìm trong tên mô hình, điển hình"))

    class Meta:
        model = ExemplaryModel
        fields = ["movement", "proposing_unit", "kind", "state", "publish", "search"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(subject_name__icontains=value))


class CovenantFilter(filters.FilterSet):
    cluster = filters.ModelChoiceFilter(queryset=visible_clusters, label=_("Cụm, khối (mã số)"))
    year = filters.NumberFilter(label=_("Năm"))

    class Meta:
        model = Covenant
        fields = ["cluster", "year"]


class ScoreSheetFilter(filters.FilterSet):
    cluster = filters.ModelChoiceFilter(queryset=visible_clusters, label=_("Cụm, khối (mã số)"))
    year = filters.NumberFilter(label=_("Năm"))
    movement = filters.ModelChoiceFilter(queryset=visible_movements, label=_("Phong trào (mã số)"))
    state = filters.ChoiceFilter(choices=SheetState.choices, label=_("Trạng thái"))

    class Meta:
        model = ScoreSheet
        fields = ["cluster", "year", "movement", "state"]
