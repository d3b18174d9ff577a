"""Filters of the dossiers API (``?state=``, ``?box=inbox`` …). A unit, movement or authority a filter names must
exist (units and movements: be visible to the caller); otherwise the filter is refused with 400 naming it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority
from thidua.dossiers import queries
from thidua.dossiers.enums import CommentState, ConsultationState, DossierKind, DossierState, SessionState
from thidua.dossiers.models import Consultation, ConsultationComment, CouncilSession, Dossier
from thidua.movements.models import Movement
from thidua.orgs.models import OrgUnit

INBOX = "inbox"
OUTBOX = "outbox"


def visible_units(request) -> QuerySet[OrgUnit]:
    return scoped(OrgUnit, request.user) if request is not None else OrgUnit.objects.none()


def visible_movements(request) -> QuerySet[Movement]:
    return scoped(Movement, request.user) if request is not None else Movement.objects.none()


class DossierFilter(filters.FilterSet):
    unit = filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị trình (mã số)"))
    authority = filters.ModelChoiceFilter(queryset=Authority.objects.all(), label=_("Cấp trình (mã số)"))
    movement = filters.ModelChoiceFilter(queryset=visible_movements, label=_("Phong trào (mã số)"))
    kind = filters.ChoiceFilter(choices=DossierKind.choices, label=_("Loại hồ sơ"))
    state = filters.ChoiceFilter(choices=DossierState.choices, label=_("Trạng thái"))
    year = filters.NumberFilter(label=_("Năm"))
    box = filters.ChoiceFilter(
        choices=[(INBOX, _("Hồ sơ đến")), (OUTBOX, _("Hồ sơ của đơn vị"))],
        method="filter_box",
        label=_("inbox: hồ sơ gửi đến cấp mà người gọi phục vụ (Ban TĐKT), đang chờ xử lý; outbox: hồ sơ của các "
                "đơn vị mà người gọi lập, trình"),
    )  # fmt: skip
    mine = filters.BooleanFilter(method="filter_mine", label=_("true: chỉ hồ sơ được phân công cho người gọi"))
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("true: quá hạn xử lý; false: chưa quá hạn"))

    class Meta:
        model = Dossier
        fields = ["unit", "authority", "movement", "kind", "state", "year", "box", "mine", "overdue"]

    def filter_box(self, queryset: QuerySet[Dossier], name: str, value: str) -> QuerySet[Dossier]:
        user = self.request.user
        box = queries.inbox(user) if value == INBOX else queries.outbox(user)
        return queryset.filter(pk__in=box.values("pk"))

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_mine(self, queryset: QuerySet[Dossier], name: str, value: bool | None) -> QuerySet[Dossier]:
        if value is None:
            return queryset
        if value:
            return queryset.filter(assignee=self.request.user)
        return queryset.exclude(assignee=self.request.user)

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_overdue(self, queryset: QuerySet[Dossier], name: str, value: bool | None) -> QuerySet[Dossier]:
        if value is None:
            return queryset
        late = queries.overdue(Dossier.objects.all()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class CouncilSessionFilter(filters.FilterSet):
    authority = filters.ModelChoiceFilter(queryset=Authority.objects.all(), label=_("Cấp có thẩm quyền (mã số)"))
    state = filters.ChoiceFilter(choices=SessionState.choices, label=_("Trạng thái: planned, voting, closed"))

    class Meta:
        model = CouncilSession
        fields = ["authority", "state"]


class ConsultationFilter(filters.FilterSet):
    authority = filters.ModelChoiceFilter(queryset=Authority.objects.all(), label=_("Cấp có thẩm quyền (mã số)"))
    state = filters.ChoiceFilter(choices=ConsultationState.choices, label=_("Trạng thái: open, closed"))

    class Meta:
        model = Consultation
        fields = ["authority", "state"]


class ConsultationCommentFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=CommentState.choices, label=_("Trạng thái: pending, published, rejected"))

    class Meta:
        model = ConsultationComment
        fields = ["state"]
