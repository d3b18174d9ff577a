"""The history API: /api/v1/ratings/, initiatives/, awards/ (historical awards) and disciplines/.

Every queryset starts from ``scoped(Model, user)``: what the caller may not see does not exist (404). Every write
checks ``thidua.records.rules`` (403 otherwise) — for a change or a deletion before the body is read, for a new row
once the body names its subject — then calls ``thidua.records.services`` with ``by=request.user`` inside one
transaction that re-reads the result through the scope. Bad input is the service's ValidationError: a 400 with
Vietnamese messages keyed by field (``thidua.core.api.exception_handler``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS

from thidua.accounts.scoping import scoped
from thidua.core.api import ScopedViewSetMixin
from thidua.orgs.models import Person
from thidua.records import rules, services
from thidua.records.filters import AwardFilter, DisciplineFilter, InitiativeFilter, RatingFilter
from thidua.records.models import Award, Discipline, Initiative, InitiativeAuthor, Rating
from thidua.records.serializers import (
    AwardSerializer,
    DisciplineSerializer,
    InitiativeSerializer,
    RatingSerializer,
)

SUBJECT_KEYS = ("person", "unit", "household")


def _subject(data: dict):
    return next((data[key] for key in SUBJECT_KEYS if data.get(key) is not None), None)


def _without_subject(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in SUBJECT_KEYS}


def _refused(subject) -> PermissionDenied:
    return PermissionDenied(_("Bạn không có quyền ghi lịch sử thi đua, khen thưởng của “%(subject)s”.")
                            % {"subject": subject})  # fmt: skip


class HistoryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
    mixins.DestroyModelMixin, ScopedViewSetMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """A history resource: scoped reads, rule-checked service writes."""

    def get_object(self) -> Model:
        instance = super().get_object()
        if self.request.method not in SAFE_METHODS:
            self.require_write(instance)
        return instance

    def require_write(self, instance: Model) -> None:
        subject = instance.person or instance.unit or getattr(instance, "household", None)
        if not rules.can_write_history_of(self.request.user, subject):
            raise _refused(subject)

    def require_subject(self, data: dict) -> None:
        subject = _subject(data)
        # No subject at all is the service's to refuse (400, naming the field).
        if subject is not None and not rules.can_write_history_of(self.request.user, subject):
            raise _refused(subject)

    def save_in_scope(self, serializer, write) -> None:
        """Run the service and re-read its result through the scope, in one transaction."""
        with transaction.atomic():
            serializer.instance = self.reload_in_scope(write(), "non_field_errors")


# --- Ratings -------------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Xếp loại chất lượng trong phạm vi, năm mới nhất trước")),
    retrieve=extend_schema(summary=gettext_lazy("Một xếp loại")),
    create=extend_schema(summary=gettext_lazy("Thêm xếp loại của một cá nhân hoặc tập thể cho một kỳ")),
    update=extend_schema(summary=gettext_lazy("Sửa xếp loại (mức, kỳ, ghi chú)")),
    partial_update=extend_schema(summary=gettext_lazy("Sửa một phần xếp loại")),
    destroy=extend_schema(summary=gettext_lazy("Xóa xếp loại nhập nhầm")),
)
@extend_schema(tags=["ratings"])
class RatingViewSet(HistoryViewSet):
    serializer_class = RatingSerializer
    filterset_class = RatingFilter
    keyset_ordering = ("-year", "-id")

    def get_queryset(self) -> QuerySet[Rating]:
        return scoped(Rating, self.request.user).select_related("person", "unit", "rated_unit")

    def perform_create(self, serializer: RatingSerializer) -> None:
        data = dict(serializer.validated_data)
        self.require_subject(data)
        self.save_in_scope(serializer, lambda: services.create_rating(by=self.request.user, **data))

    def perform_update(self, serializer: RatingSerializer) -> None:
        data = _without_subject(serializer.validated_data)
        self.save_in_scope(
            serializer, lambda: services.update_rating(serializer.instance, by=self.request.user, **data)
        )

    def perform_destroy(self, instance: Rating) -> None:
        services.delete_rating(instance, by=self.request.user)


# --- Initiatives ---------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Sáng kiến trong phạm vi (của tác giả hoặc đơn vị áp dụng)")),
    retrieve=extend_schema(summary=gettext_lazy("Một sáng kiến và các tác giả")),
    create=extend_schema(summary=gettext_lazy("Thêm sáng kiến đã được công nhận, với các tác giả")),
    update=extend_schema(summary=gettext_lazy("Sửa sáng kiến; danh sách tác giả gửi lên thay danh sách cũ")),
    partial_update=extend_schema(summary=gettext_lazy("Sửa một phần sáng kiến")),
    destroy=extend_schema(summary=gettext_lazy("Xóa sáng kiến nhập nhầm (không xóa được sáng kiến đã làm căn cứ)")),
)
@extend_schema(tags=["initiatives"])
class InitiativeViewSet(HistoryViewSet):
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilter
    keyset_ordering = ("-recognised_on", "-id")

    def get_queryset(self) -> QuerySet[Initiative]:
        authorships = InitiativeAuthor.objects.select_related("person").order_by("pk")
        return (
            scoped(Initiative, self.request.user)
            .select_related("unit")
            .prefetch_related(Prefetch("authorships", queryset=authorships))
        )

    def subjects(self, initiative: Initiative) -> list:
        authors = [authorship.person for authorship in initiative.authorships.all()]
        return [initiative.unit, *authors] if initiative.unit_id else authors

    def require_write(self, instance: Initiative) -> None:
        if not rules.can_write_initiative(self.request.user, current=self.subjects(instance)):
            raise PermissionDenied(_("Bạn không có quyền sửa sáng kiến này."))

    def require_added(self, current: list, data: dict) -> None:
        added = [author["person"] for author in data.get("authorships", []) if author["person"] not in current]
        if data.get("unit") is not None and data["unit"] not in current:
            added.append(data["unit"])
        for subject in added:
            if not rules.can_write_history_of(self.request.user, subject):
                raise _refused(subject)

    def perform_create(self, serializer: InitiativeSerializer) -> None:
        data = dict(serializer.validated_data)
        self.require_added([], data)
        authors = data.pop("authorships")
        self.save_in_scope(
            serializer, lambda: services.create_initiative(by=self.request.user, authors=authors, **data)
        )

    def perform_update(self, serializer: InitiativeSerializer) -> None:
        initiative = serializer.instance
        data = dict(serializer.validated_data)
        self.require_added(self.subjects(initiative), data)
        if "authorships" in data:
            # Co-authors the caller may not see are kept: they were not in the list the caller could send.
            authorships = list(initiative.authorships.all())
            visible = set(
                scoped(Person, self.request.user)
                .filter(pk__in=[authorship.person_id for authorship in authorships])
                .values_list("pk", flat=True)
            )
            hidden = [
                {"person": authorship.person, "share": authorship.share}
                for authorship in authorships
                if authorship.person_id not in visible
            ]
            data["authors"] = [*data.pop("authorships"), *hidden]
        self.save_in_scope(serializer, lambda: services.update_initiative(initiative, by=self.request.user, **data))

    def perform_destroy(self, instance: Initiative) -> None:
        services.delete_initiative(instance, by=self.request.user)


# --- Awards --------------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Khen thưởng đã có trong phạm vi, năm mới nhất trước")),
    retrieve=extend_schema(summary=gettext_lazy("Một khen thưởng, với thông tin người được khen khi ghi nhận")),
    create=extend_schema(summary=gettext_lazy("Nhập một khen thưởng đã quyết định (lịch sử), theo mã ổn định")),
    update=extend_schema(summary=gettext_lazy("Sửa khen thưởng đã nhập (không sửa khen thưởng của quyết định)")),
    partial_update=extend_schema(summary=gettext_lazy("Sửa một phần khen thưởng đã nhập")),
    destroy=extend_schema(summary=gettext_lazy("Xóa khen thưởng nhập nhầm")),
)
@extend_schema(tags=["awards"])
class AwardViewSet(HistoryViewSet):
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
    keyset_ordering = ("-year", "-id")

    def get_queryset(self) -> QuerySet[Award]:
        return scoped(Award, self.request.user).select_related(
            "person", "unit", "household", "award_type", "initiative"
        )

    def perform_create(self, serializer: AwardSerializer) -> None:
        data = dict(serializer.validated_data)
        self.require_subject(data)
        self.save_in_scope(serializer, lambda: services.create_award(by=self.request.user, **data))

    def perform_update(self, serializer: AwardSerializer) -> None:
        data = _without_subject(serializer.validated_data)
        self.save_in_scope(serializer, lambda: services.update_award(serializer.instance, by=self.request.user, **data))

    def perform_destroy(self, instance: Award) -> None:
        services.delete_award(instance, by=self.request.user)


# --- Discipline ----------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Kỷ luật, vụ việc đang xem xét trong phạm vi")),
    retrieve=extend_schema(summary=gettext_lazy("Một kỷ luật")),
    create=extend_schema(summary=gettext_lazy("Thêm kỷ luật, hoặc vụ việc đang xem xét, điều tra, thanh tra")),
    update=extend_schema(summary=gettext_lazy("Sửa kỷ luật: quyết định vụ việc đang xem xét, ngày kết thúc …")),
    partial_update=extend_schema(summary=gettext_lazy("Sửa một phần kỷ luật")),
    destroy=extend_schema(summary=gettext_lazy("Xóa kỷ luật nhập nhầm")),
)
@extend_schema(tags=["disciplines"])
class DisciplineViewSet(HistoryViewSet):
    serializer_class = DisciplineSerializer
    filterset_class = DisciplineFilter
    keyset_ordering = ("-start_date", "-id")

    def get_queryset(self) -> QuerySet[Discipline]:
        return scoped(Discipline, self.request.user).select_related("person", "unit")

    def perform_create(self, serializer: DisciplineSerializer) -> None:
        data = dict(serializer.validated_data)
        self.require_subject(data)
        self.save_in_scope(serializer, lambda: services.create_discipline(by=self.request.user, **data))

    def perform_update(self, serializer: DisciplineSerializer) -> None:
        data = _without_subject(serializer.validated_data)
        self.save_in_scope(
            serializer, lambda: services.update_discipline(serializer.instance, by=self.request.user, **data)
        )

    def perform_destroy(self, instance: Discipline) -> None:
        services.delete_discipline(instance, by=self.request.user)
