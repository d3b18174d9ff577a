"""The organisation API: /api/v1/units/, people/, memberships/, clusters/.

Every queryset starts from ``scoped(Model, user)``: what the caller may not see does not exist (404). Every write goes
through ``thidua.orgs.services`` with ``by=request.user`` after a predicate of ``thidua.accounts.rules`` allows it
(403 otherwise), inside one transaction that re-reads the result through the scope, so that no write can leave an
object outside the caller's reach.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts import rules
from thidua.accounts.scoping import scoped
from thidua.core.api import ScopedViewSetMixin
from thidua.orgs import services
from thidua.orgs.filters import ClusterFilter, MembershipFilter, PersonFilter, UnitFilter
from thidua.orgs.models import Cluster, ClusterMembership, Membership, OrgUnit, Person
from thidua.orgs.serializers import (
    ClusterMemberSerializer,
    ClusterMembersInputSerializer,
    ClusterSerializer,
    MembershipSerializer,
    PersonCreateSerializer,
    PersonDetailSerializer,
    PersonSerializer,
    UnitMoveSerializer,
    UnitRenameSerializer,
    UnitSerializer,
)


class ScopedViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """Base of the organisation viewsets: the scoped queryset and the re-read of a written object."""


# --- Units ----------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Danh sách đơn vị trong phạm vi, theo thứ tự cây")),
    retrieve=extend_schema(summary=_("Một đơn vị")),
    create=extend_schema(summary=_("Tạo đơn vị (quản trị)")),
    update=extend_schema(summary=_("Sửa đơn vị (quản trị); đổi tên, đổi cấp trên có thao tác riêng")),
    partial_update=extend_schema(summary=_("Sửa một phần đơn vị (quản trị)")),
)
@extend_schema(tags=["units"])
class UnitViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    keyset_ordering = ("path",)

    def get_queryset(self) -> QuerySet[OrgUnit]:
        return scoped(OrgUnit, self.request.user).select_related("kind", "sector")

    def perform_create(self, serializer: UnitSerializer) -> None:
        user = self.request.user
        fields = dict(serializer.validated_data)
        parent = fields.pop("parent", None)
        if parent is None and not user.is_superuser:
            raise ValidationError({"parent": [_("Cần chọn đơn vị cấp trên.")]})
        if parent is not None and not rules.can_manage_unit(user, parent):
            raise PermissionDenied(_("Bạn không có quyền tạo đơn vị trực thuộc đơn vị này."))
        with transaction.atomic():
            unit = services.create_unit(by=user, parent=parent, **fields)
            serializer.instance = self.reload_in_scope(unit, "parent")

    def perform_update(self, serializer: UnitSerializer) -> None:
        unit = serializer.instance
        if not rules.can_manage_unit(self.request.user, unit):
            raise PermissionDenied(_("Bạn không có quyền sửa đơn vị này."))
        fields = {key: value for key, value in serializer.validated_data.items() if key not in {"name", "parent"}}
        with transaction.atomic():
            unit = services.update_unit(unit, by=self.request.user, **fields)
            serializer.instance = self.reload_in_scope(unit, "parent")

    @extend_schema(summary=_("Đổi tên đơn vị, giữ lại tên cũ (quản trị)"), request=UnitRenameSerializer,
                   responses={200: UnitSerializer})  # fmt: skip
    def rename(self, request: Request, pk: int) -> Response:
        unit = self.get_object()
        data = self._validated(UnitRenameSerializer)
        if not rules.can_manage_unit(request.user, unit):
            raise PermissionDenied(_("Bạn không có quyền đổi tên đơn vị này."))
        with transaction.atomic():
            unit = services.rename_unit(unit, by=request.user, **data)
            unit = self.reload_in_scope(unit, "new_name")
        return Response(UnitSerializer(unit, context=self.get_serializer_context()).data)

    @extend_schema(summary=_("Chuyển đơn vị (cùng đơn vị cấp dưới) sang cấp trên khác (quản trị)"),
                   request=UnitMoveSerializer, responses={200: UnitSerializer})  # fmt: skip
    def move(self, request: Request, pk: int) -> Response:
        unit = self.get_object()
        data = self._validated(UnitMoveSerializer)
        if not (rules.can_manage_unit(request.user, unit) and rules.can_manage_unit(request.user, data["new_parent"])):
            raise PermissionDenied(_("Bạn không có quyền chuyển đơn vị này sang đơn vị cấp trên đã chọn."))
        with transaction.atomic():
            unit = services.move_unit(unit, by=request.user, **data)
            unit = self.reload_in_scope(unit, "new_parent")
        return Response(UnitSerializer(unit, context=self.get_serializer_context()).data)

    def _validated(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


# --- People ---------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Danh sách cá nhân trong phạm vi, theo thứ tự tên tiếng Việt")),
    retrieve=extend_schema(summary=_("Một cá nhân")),
    create=extend_schema(summary=_("Thêm cá nhân"), request=PersonCreateSerializer,
                         responses={201: PersonDetailSerializer}),
    update=extend_schema(summary=_("Sửa cá nhân")),
    partial_update=extend_schema(summary=_("Sửa một phần thông tin cá nhân")),
)  # fmt: skip
@extend_schema(tags=["people"])
class PersonViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    filterset_class = PersonFilter
    # The Vietnamese order: given name, then family and middle names (a stored digit key), then id for ties.
    keyset_ordering = ("sort_key", "id")

    def get_queryset(self) -> QuerySet[Person]:
        user = self.request.user
        memberships = scoped(Membership, user).current().select_related("unit").order_by("-is_primary", "pk")
        return (
            scoped(Person, user)
            .select_related("ethnicity")
            .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="visible_current_memberships"))
        )

    def get_serializer_class(self):
        if self.action == "list":
            return PersonSerializer
        if self.action == "create":
            return PersonCreateSerializer
        return PersonDetailSerializer

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        user = self.request.user
        context["id_number_visible"] = lambda person: rules.can_edit_person(user, person)
        return context

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        data = PersonDetailSerializer(serializer.instance, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_create(self, serializer: PersonCreateSerializer) -> None:
        user = self.request.user
        fields = dict(serializer.validated_data)
        unit = fields.pop("unit", None)
        for place in (unit, fields.get("owner_unit")):
            if place is not None and not rules.can_edit_people_of(user, place):
                raise PermissionDenied(_("Bạn không có quyền thêm cá nhân vào đơn vị “%(unit)s”.") % {"unit": place})
        with transaction.atomic():
            person = services.create_person(by=user, unit=unit, **fields)
            serializer.instance = self.reload_in_scope(person, "unit")

    def perform_update(self, serializer: PersonDetailSerializer) -> None:
        user = self.request.user
        person = serializer.instance
        if not rules.can_edit_person(user, person):
            raise PermissionDenied(_("Bạn không có quyền sửa thông tin cá nhân này."))
        fields = dict(serializer.validated_data)
        if "owner_unit" in fields and fields["owner_unit"] != person.owner_unit:
            # Handing a record over takes rights at both ends: the unit giving it up and the unit receiving it.
            for place in (person.owner_unit, fields["owner_unit"]):
                if place is not None and not rules.can_edit_people_of(user, place):
                    raise PermissionDenied(_("Bạn không có quyền giao hồ sơ cho đơn vị “%(unit)s”.") % {"unit": place})
        with transaction.atomic():
            person = services.update_person(person, by=user, **fields)
            serializer.instance = self.reload_in_scope(person, "owner_unit")


# --- Memberships ----------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Quá trình công tác tại các đơn vị trong phạm vi")),
    retrieve=extend_schema(summary=_("Một quá trình công tác")),
    create=extend_schema(summary=_("Thêm quá trình công tác")),
    update=extend_schema(summary=_("Sửa quá trình công tác (chức vụ, thời gian)")),
    partial_update=extend_schema(summary=_("Sửa một phần quá trình công tác")),
    destroy=extend_schema(summary=_("Xóa quá trình công tác nhập nhầm (kết thúc công tác thì sửa end_date)")),
)
@extend_schema(tags=["memberships"])
class MembershipViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
    mixins.DestroyModelMixin, ScopedViewSet,
):  # fmt: skip
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    keyset_ordering = ("id",)

    def get_queryset(self) -> QuerySet[Membership]:
        return scoped(Membership, self.request.user).select_related("person", "unit")

    def perform_create(self, serializer: MembershipSerializer) -> None:
        user = self.request.user
        fields = dict(serializer.validated_data)
        person, unit = fields.pop("person"), fields.pop("unit")
        # As in the UI: the caller must answer both for the person (seeing them is not enough) and for the unit.
        if not rules.can_edit_people_of(user, unit):
            raise PermissionDenied(_("Bạn không có quyền sửa nhân sự của đơn vị “%(unit)s”.") % {"unit": unit})
        if not rules.can_edit_person(user, person):
            raise PermissionDenied(_("Bạn không có quyền sửa thông tin của cá nhân “%(person)s”.") % {"person": person})
        with transaction.atomic():
            membership = services.add_membership(person, by=user, unit=unit, **fields)
            serializer.instance = self.reload_in_scope(membership, "unit")

    def perform_update(self, serializer: MembershipSerializer) -> None:
        user = self.request.user
        membership = serializer.instance
        if not rules.can_edit_people_of(user, membership.unit):
            raise PermissionDenied(
                _("Bạn không có quyền sửa nhân sự của đơn vị “%(unit)s”.") % {"unit": membership.unit}
            )
        fields = {key: value for key, value in serializer.validated_data.items() if key not in {"person", "unit"}}
        with transaction.atomic():
            membership = services.update_membership(membership, by=user, **fields)
            serializer.instance = self.reload_in_scope(membership, "unit")

    def perform_destroy(self, membership: Membership) -> None:
        if not rules.can_edit_people_of(self.request.user, membership.unit):
            raise PermissionDenied(
                _("Bạn không có quyền sửa nhân sự của đơn vị “%(unit)s”.") % {"unit": membership.unit}
            )
        services.remove_membership(membership, by=self.request.user)


# --- Clusters -------------------------------------------------------------------------------------------

YEAR_PARAMETER = OpenApiParameter("year", OpenApiTypes.INT, description=_("Chỉ thành viên của năm này"))


@extend_schema_view(
    list=extend_schema(summary=_("Cụm, khối thi đua trong phạm vi")),
    retrieve=extend_schema(summary=_("Một cụm, khối thi đua")),
    create=extend_schema(summary=_("Tạo cụm, khối thi đua (Ban Thi đua - Khen thưởng)")),
    update=extend_schema(summary=_("Sửa cụm, khối thi đua")),
    partial_update=extend_schema(summary=_("Sửa một phần cụm, khối thi đua")),
)
@extend_schema(tags=["clusters"])
class ClusterViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    serializer_class = ClusterSerializer
    filterset_class = ClusterFilter
    keyset_ordering = ("code",)

    def get_queryset(self) -> QuerySet[Cluster]:
        return scoped(Cluster, self.request.user).select_related("organiser")

    def perform_create(self, serializer: ClusterSerializer) -> None:
        user = self.request.user
        organiser = serializer.validated_data["organiser"]
        if not rules.can_edit_cluster(user, organiser):
            raise PermissionDenied(_("Bạn không có quyền tổ chức cụm, khối thi đua tại đơn vị “%(unit)s”.")
                                   % {"unit": organiser})  # fmt: skip
        with transaction.atomic():
            cluster = services.create_cluster(by=user, **serializer.validated_data)
            serializer.instance = self.reload_in_scope(cluster, "organiser")

    def perform_update(self, serializer: ClusterSerializer) -> None:
        cluster = serializer.instance
        if not rules.can_edit_cluster(self.request.user, cluster.organiser):
            raise PermissionDenied(_("Bạn không có quyền sửa cụm, khối thi đua này."))
        fields = {key: value for key, value in serializer.validated_data.items() if key != "organiser"}
        with transaction.atomic():
            cluster = services.update_cluster(cluster, by=self.request.user, **fields)
            serializer.instance = self.reload_in_scope(cluster, "organiser")

    @extend_schema(summary=_("Thành viên của cụm, khối theo năm"), parameters=[YEAR_PARAMETER],
                   responses={200: ClusterMemberSerializer(many=True)})  # fmt: skip
    def members(self, request: Request, pk: int) -> Response:
        cluster = self.get_object()
        members = ClusterMembership.objects.filter(cluster=cluster).select_related("unit")
        year = request.query_params.get("year")
        if year is not None:
            if not year.isdigit():
                raise ValidationError({"year": [_("Năm phải là một số, ví dụ 2021.")]})
            members = members.filter(year=int(year))
        members = members.order_by("year", "unit__sort_key", "unit_id")
        return Response(ClusterMemberSerializer(members, many=True).data)

    @extend_schema(
        summary=_("Đặt toàn bộ thành viên của cụm, khối cho một năm"),
        request=ClusterMembersInputSerializer,
        responses={200: ClusterMemberSerializer(many=True)},
    )
    def set_members(self, request: Request, pk: int) -> Response:
        cluster = self.get_object()
        serializer = ClusterMembersInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        if not rules.can_edit_cluster(request.user, cluster.organiser):
            raise PermissionDenied(_("Bạn không có quyền sửa thành viên cụm, khối thi đua này."))
        year = serializer.validated_data["year"]
        members = {member["unit"]: member["role"] for member in serializer.validated_data["members"]}
        services.set_cluster_members(cluster, by=request.user, year=year, members=members)
        rows = (
            ClusterMembership.objects.filter(cluster=cluster, year=year)
            .select_related("unit")
            .order_by("unit__sort_key", "unit_id")
        )
        return Response(ClusterMemberSerializer(rows, many=True).data)
