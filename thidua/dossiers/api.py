"""The dossiers API: /api/v1/dossiers/ (the drafts and their entries, scoped), and the two actions that turn the
movements app's results into draft entries: /api/v1/exemplary-models/{id}/propose/ and
/api/v1/score-sheets/{id}/propose/ (they live here because movements never imports dossiers).

Scope from ``scoped`` (404), rights from ``thidua.dossiers.rules`` (403), writes from ``thidua.dossiers.services``
(a refused step is a 400 with Vietnamese messages keyed by field).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.scoping import scoped
from thidua.core.api import ScopedViewSetMixin
from thidua.dossiers import rules, services
from thidua.dossiers.enums import DossierKind, DossierState
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.dossiers.serializers import (
    DossierDetailSerializer,
    DossierEntrySerializer,
    DossierSerializer,
    DraftDossierInputSerializer,
    EntryInputSerializer,
    ProposeFromModelInputSerializer,
)
from thidua.movements.models import ExemplaryModel, Movement, ScoreSheet
from thidua.orgs.models import OrgUnit

ENTRY_RELATIONS = ("person", "unit", "household", "award_type")


def _visible_units(request) -> QuerySet[OrgUnit]:
    return scoped(OrgUnit, request.user) if request is not None else OrgUnit.objects.none()


def _visible_movements(request) -> QuerySet[Movement]:
    return scoped(Movement, request.user) if request is not None else Movement.objects.none()


class DossierFilter(filters.FilterSet):
    unit = filters.ModelChoiceFilter(queryset=_visible_units, label=_("Đơn vị trình (mã số)"))
    movement = filters.ModelChoiceFilter(queryset=_visible_movements, label=_("Phong trào (mã số)"))
    kind = filters.ChoiceFilter(choices=DossierKind.choices, label=_("Loại hồ sơ"))
    state = filters.ChoiceFilter(choices=DossierState.choices, label=_("Trạng thái"))
    year = filters.NumberFilter(label=_("Năm"))

    class Meta:
        model = Dossier
        fields = ["unit", "movement", "kind", "state", "year"]


@extend_schema_view(
    list=extend_schema(summary=_("Hồ sơ đề nghị khen thưởng trong phạm vi")),
    retrieve=extend_schema(summary=_("Một hồ sơ và các đề nghị trong hồ sơ")),
    create=extend_schema(
        summary=_("Hồ sơ dự thảo của đơn vị cho một phong trào (hoặc loại, năm): hồ sơ đang có, hoặc hồ sơ mới"),
        request=DraftDossierInputSerializer,
        responses={200: DossierDetailSerializer},
    ),
)
@extend_schema(tags=["dossiers"])
class DossierViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSetMixin, viewsets.GenericViewSet):
    filterset_class = DossierFilter
    keyset_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Dossier]:
        dossiers = scoped(Dossier, self.request.user).select_related("unit", "movement")
        if self.action == "list":
            return dossiers
        entries = DossierEntry.objects.select_related(*ENTRY_RELATIONS).order_by("pk")
        return dossiers.prefetch_related(Prefetch("entries", queryset=entries))

    def get_serializer_class(self):
        return DossierSerializer if self.action == "list" else DossierDetailSerializer

    def _validated(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _preparable(self, unit: OrgUnit) -> None:
        if not rules.can_prepare_dossier(self.request.user, unit):
            raise PermissionDenied(
                _("Bạn không có quyền lập hồ sơ đề nghị khen thưởng của đơn vị “%(unit)s”.") % {"unit": unit}
            )

    def _detail(self, dossier: Dossier) -> Response:
        dossier = self.reload_in_scope(dossier, "unit")
        return Response(DossierDetailSerializer(dossier, context=self.get_serializer_context()).data)

    def create(self, request: Request) -> Response:
        data = self._validated(DraftDossierInputSerializer)
        unit = data.pop("unit")
        self._preparable(unit)
        return self._detail(services.draft_dossier_for(unit, by=request.user, **data))

    @extend_schema(
        summary=_("Thêm một đề nghị vào hồ sơ dự thảo"),
        request=EntryInputSerializer,
        responses={201: DossierEntrySerializer},
    )
    def add_entry(self, request: Request, pk: int) -> Response:
        dossier = self.get_object()
        self._preparable(dossier.unit)
        entry = services.add_entry(dossier, by=request.user, **self._validated(EntryInputSerializer))
        entry = DossierEntry.objects.select_related(*ENTRY_RELATIONS).get(pk=entry.pk)
        return Response(DossierEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Bỏ một đề nghị khỏi hồ sơ dự thảo"),
        request=None,
        responses={204: OpenApiResponse(description=_("Đã bỏ"))},
    )
    def remove_entry(self, request: Request, pk: int, entry_pk: int) -> Response:
        dossier = self.get_object()
        entry = dossier.entries.filter(pk=entry_pk).first()
        if entry is None:
            raise Http404
        self._preparable(dossier.unit)
        services.remove_entry(entry, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["exemplary-models"])
class ExemplaryModelProposeViewSet(viewsets.GenericViewSet):
    """POST /api/v1/exemplary-models/{id}/propose/."""

    def get_queryset(self) -> QuerySet[ExemplaryModel]:
        return scoped(ExemplaryModel, self.request.user).select_related("movement__issuer_unit", "proposing_unit")

    @extend_schema(
        summary=_("Đưa cá nhân, tập thể của mô hình đã công nhận vào hồ sơ đề nghị khen thưởng (dự thảo)"),
        request=ProposeFromModelInputSerializer,
        responses={201: DossierEntrySerializer},
    )
    def propose(self, request: Request, pk: int) -> Response:
        model = self.get_object()
        if not rules.can_propose_from_model(request.user, model):
            raise PermissionDenied(_("Bạn không có quyền đề nghị khen thưởng từ mô hình, điển hình này."))
        serializer = ProposeFromModelInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        award_type = serializer.validated_data["award_type"]
        if model.movement is not None and not model.movement.awards.filter(award_type=award_type).exists():
            raise ValidationError({"award_type": [_("Phong trào không có hình thức khen thưởng này.")]})
        entry = services.entry_from_exemplary_model(model, by=request.user, award_type=award_type)
        entry = DossierEntry.objects.select_related(*ENTRY_RELATIONS).get(pk=entry.pk)
        return Response(DossierEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["score-sheets"])
class ScoreSheetProposeViewSet(viewsets.GenericViewSet):
    """POST /api/v1/score-sheets/{id}/propose/."""

    def get_queryset(self) -> QuerySet[ScoreSheet]:
        return scoped(ScoreSheet, self.request.user).select_related("cluster__organiser", "movement__issuer_unit")

    @extend_schema(
        summary=_("Đưa các đơn vị được đề nghị Cờ thi đua, Bằng khen của bảng điểm đã khóa vào hồ sơ (dự thảo)"),
        request=None,
        responses={200: DossierEntrySerializer(many=True)},
    )
    def propose(self, request: Request, pk: int) -> Response:
        sheet = self.get_object()
        if not rules.can_propose_from_sheet(request.user, sheet):
            raise PermissionDenied(_("Bạn không có quyền đề nghị khen thưởng từ bảng điểm này."))
        entries = services.entries_from_score_sheet(sheet, by=request.user)
        entries = DossierEntry.objects.filter(pk__in=[entry.pk for entry in entries]).select_related(*ENTRY_RELATIONS)
        return Response(DossierEntrySerializer(entries.order_by("pk"), many=True).data)
