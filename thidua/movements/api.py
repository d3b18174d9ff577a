"""The movements API: /api/v1/movements/, unit-plans/, registrations/, progress-reports/, exemplary-models/,
covenants/ and score-sheets/.

Every queryset starts from ``scoped(Model, user)``: what the caller may not see does not exist (404). Every write
checks a predicate of ``thidua.movements.rules`` (403 otherwise), then calls the service (``services``, ``exemplary``,
``scoring``) with ``by=request.user``; a refused transition or bad input is the service's ValidationError, a 400 with
Vietnamese messages keyed by field (``thidua.core.api.exception_handler``). Turning exemplary models and locked score
sheets into nomination entries is the dossiers API's (``thidua.dossiers.api``): movements never imports dossiers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.scoping import scoped
from thidua.core.api import ScopedViewSetMixin
from thidua.core.models import StoredFile
from thidua.core.uploads import file_response
from thidua.movements import exemplary, queries, rules, scoring, services
from thidua.movements.filters import (
    CovenantFilter,
    ExemplaryModelFilter,
    MovementFilter,
    ProgressReportFilter,
    RegistrationFilter,
    ScoreSheetFilter,
    UnitPlanFilter,
)
from thidua.movements.models import (
    Covenant,
    Criterion,
    ExemplaryModel,
    Movement,
    ProgressReport,
    Registration,
    Score,
    ScoreSheet,
    SheetCriterion,
    TargetGroup,
    UnitPlan,
)
from thidua.movements.serializers import (
    AmendInputSerializer,
    AttachmentsUploadSerializer,
    ComplianceSerializer,
    ConsolidatedSerializer,
    CovenantInputSerializer,
    CovenantSerializer,
    ExemplaryModelInputSerializer,
    ExemplaryModelSerializer,
    MovementDetailSerializer,
    MovementInputSerializer,
    MovementSerializer,
    PlanDocumentUploadSerializer,
    ProgressReportInputSerializer,
    ProgressReportSerializer,
    PublishInputSerializer,
    RegistrationInputSerializer,
    RegistrationSerializer,
    ReminderSerializer,
    RemindInputSerializer,
    ReturnInputSerializer,
    ReviewInputSerializer,
    ScoreInputSerializer,
    ScoreSerializer,
    ScoreSheetDetailSerializer,
    ScoreSheetInputSerializer,
    ScoreSheetSerializer,
    SignInputSerializer,
    SubmitScoresInputSerializer,
    SubMovementInputSerializer,
    UnitPlanDocumentSerializer,
    UnitPlanInputSerializer,
    UnitPlanSerializer,
)
from thidua.orgs.models import OrgUnit, UnitKind

FILE_RESPONSE = {(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description=_("Tệp"))}


class ServiceViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """A scoped viewset whose writes are rule-checked service calls (validated, require, show)."""


def _stored_file(files: QuerySet[StoredFile], file_id) -> StoredFile:
    stored = files.filter(pk=file_id).first()
    if stored is None:
        raise Http404
    return stored


# --- Movements --------------------------------------------------------------------------------------------

# The services name the scope's parts as the model does; the API takes them as one nested "scope".
ERROR_KEYS = {
    "scope_mode": "scope",
    "scope_root": "scope",
    "scope_depth": "scope",
    "scope_units": "scope",
    "collective": "collective_pledges",
    "individual": "individual_pledges",
}


@contextlib.contextmanager
def api_field_names() -> Iterator[None]:
    """Re-key a service's ValidationError by the API's field names (the messages stay as they are)."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        errors: dict[str, list] = {}
        for field, messages in exc.error_dict.items():
            errors.setdefault(ERROR_KEYS.get(field, field), []).extend(messages)
        raise DjangoValidationError(errors) from exc


def _service_lists(data: dict) -> dict:
    """The request's lists in the shape the services take them (list keywords of create/update/amend)."""
    if "criteria" in data:
        data["criteria"] = [
            {
                **{key: value for key, value in row.items() if key != "target_group_position"},
                "target_group": row.get("target_group_position"),
            }
            for row in data["criteria"]
        ]
    if "scope" in data:
        scope = data["scope"]
        data["scope"] = {
            "mode": scope["mode"],
            "root": scope.get("root"),
            "depth": scope.get("depth"),
            "unit_kinds": scope.get("unit_kinds", []),
            "units": scope.get("units", []),
        }
    return data


MOVEMENT_COMPLIANCE_PARAMETERS = [
    OpenApiParameter("unit_kind", OpenApiTypes.STR, description=_("Chỉ các đơn vị loại này (mã loại, ví dụ ward)")),
    OpenApiParameter("district", OpenApiTypes.INT, description=_("Chỉ các đơn vị thuộc quận, huyện, sở này (mã số)")),
]


@extend_schema_view(
    list=extend_schema(summary=_("Phong trào thi đua trong phạm vi")),
    retrieve=extend_schema(summary=_("Một phong trào: nội dung, đối tượng, tiêu chí, khen thưởng, mốc thời gian")),
    create=extend_schema(
        summary=_("Tạo phong trào (dự thảo)"),
        request=MovementInputSerializer,
        responses={201: MovementDetailSerializer},
    ),
    update=extend_schema(
        summary=_("Sửa phong trào dự thảo; mỗi danh sách gửi lên thay danh sách cũ"),
        request=MovementInputSerializer,
        responses={200: MovementDetailSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Sửa một phần phong trào dự thảo"),
        request=MovementInputSerializer,
        responses={200: MovementDetailSerializer},
    ),
)
@extend_schema(tags=["movements"])
class MovementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    filterset_class = MovementFilter
    keyset_ordering = ("-period_start", "-id")

    def get_queryset(self) -> QuerySet[Movement]:
        movements = scoped(Movement, self.request.user).select_related("issuer_unit")
        if self.action == "list":
            return movements
        return movements.select_related("plan_document").prefetch_related(
            "contents",
            "awards__award_type",
            "milestones",
            "co_organisers",
            "scope_unit_kinds",
            "scope_units",
            Prefetch("target_groups", queryset=TargetGroup.objects.prefetch_related("unit_kinds")),
            Prefetch("criteria", queryset=Criterion.objects.select_related("target_group", "parent")),
        )

    def get_serializer_class(self):
        return MovementSerializer if self.action == "list" else MovementDetailSerializer

    def create(self, request: Request) -> Response:
        data = _service_lists(self.validated(MovementInputSerializer))
        issuer_unit = data.pop("issuer_unit")
        self.require(
            rules.can_create_movement(request.user, issuer_unit),
            _("Bạn không có quyền phát động phong trào thay đơn vị “%(unit)s”.") % {"unit": issuer_unit},
        )
        with transaction.atomic(), api_field_names():
            movement = services.create_movement(by=request.user, issuer_unit=issuer_unit, **data)
            return self.show(movement, status_code=status.HTTP_201_CREATED)

    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        movement = self.get_object()
        self.require(rules.can_manage_movement(request.user, movement), _("Bạn không có quyền sửa phong trào này."))
        serializer = MovementInputSerializer(
            movement, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = _service_lists(dict(serializer.validated_data))
        data.pop("issuer_unit", None)
        with transaction.atomic(), api_field_names():
            movement = services.update_movement(movement, by=request.user, **data)
            return self.show(movement)

    def partial_update(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=True)

    @extend_schema(
        summary=_("Phát động phong trào: tạo kế hoạch, đăng ký, báo cáo phải gửi cho từng đơn vị"),
        request=None,
        responses={200: MovementDetailSerializer},
    )
    def launch(self, request: Request, pk: int) -> Response:
        movement = self.get_object()
        self.require(
            rules.can_manage_movement(request.user, movement), _("Bạn không có quyền phát động phong trào này.")
        )
        return self.show(services.launch_movement(movement, by=request.user))

    @extend_schema(
        summary=_("Điều chỉnh phong trào đã phát động (bắt buộc ghi lý do)"),
        request=AmendInputSerializer,
        responses={200: MovementDetailSerializer},
    )
    def amend(self, request: Request, pk: int) -> Response:
        movement = self.get_object()
        self.require(
            rules.can_manage_movement(request.user, movement), _("Bạn không có quyền điều chỉnh phong trào này.")
        )
        data = _service_lists(self.validated(AmendInputSerializer))
        reason = data.pop("reason")
        with transaction.atomic(), api_field_names():
            return self.show(services.amend_movement(movement, by=request.user, reason=reason, **data))

    @extend_schema(summary=_("Kết thúc phong trào"), request=None, responses={200: MovementDetailSerializer})
    def close(self, request: Request, pk: int) -> Response:
        movement = self.get_object()
        self.require(
            rules.can_manage_movement(request.user, movement), _("Bạn không có quyền kết thúc phong trào này.")
        )
        return self.show(services.close_movement(movement, by=request.user))

    @extend_schema(
        summary=_("Nhắc các đơn vị chậm gửi (thông báo và thư điện tử)"),
        request=RemindInputSerializer,
        responses={200: ReminderSerializer(many=True)},
    )
    def remind(self, request: Request, pk: int) -> Response:
        movement = self.get_object()
        self.require(
            rules.can_manage_movement(request.user, movement),
            _("Bạn không có quyền nhắc các đơn vị của phong trào này."),
        )
        units = self.validated(RemindInputSerializer).get("units")
        reminders = services.send_reminders(movement, by=request.user, units=units or None)
        return Response(ReminderSerializer(reminders, many=True).data)

    @extend_schema(
        summary=_("Tình hình hưởng ứng: từng đơn vị và tổng hợp theo loại đơn vị"),
        parameters=MOVEMENT_COMPLIANCE_PARAMETERS,
        responses={200: ComplianceSerializer},
    )
    def compliance(self, request: Request, pk: int) -> Response:
        movement = self.get_object()
        self.require(
            rules.can_view_dashboard(request.user, movement),
            _("Bạn không có quyền xem tình hình hưởng ứng phong trào này."),
        )
        params = request.query_params
        unit_kind = self._found(UnitKind.objects.filter(code=params.get("unit_kind", "")), "unit_kind")
        district = None
        if params.get("district"):
            # Those who follow the dashboard see every district in it, their scope aside.
            units = (
                OrgUnit.objects.filter(pk=params["district"])
                if params["district"].isdigit()
                else OrgUnit.objects.none()
            )
            district = self._found(units, "district")
        rows = queries.compliance_rows(movement, user=request.user, unit_kind=unit_kind, district=district)
        summary = queries.compliance_summary(rows)
        return Response(ComplianceSerializer({"rows": rows, "summary": summary}).data)

    def _found(self, queryset: QuerySet, param: str):
        """The row a query parameter names, None when it is not given, 400 naming the parameter when not found."""
        if not self.request.query_params.get(param):
            return None
        found = queryset.first()
        if found is None:
            raise ValidationError(
                {param: [_("Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn.")]}
            )
        return found

    @extend_schema(
        summary=_("Danh sách đăng ký tổng hợp mà một đơn vị chuyển lên: đăng ký đã duyệt của các đơn vị cấp dưới"),
        parameters=[OpenApiParameter("unit", OpenApiTypes.INT, required=True, description=_("Đơn vị (mã số)"))],
        responses={200: ConsolidatedSerializer},
    )
    def consolidated(self, request: Request, pk: int) -> Response:
        movement = self.get_object()
        raw = request.query_params.get("unit", "")
        if not raw:
            raise ValidationError({"unit": [_("Trường này là bắt buộc.")]})
        units = scoped(OrgUnit, request.user).filter(pk=raw) if raw.isdigit() else OrgUnit.objects.none()
        unit = self._found(units, "unit")
        collective, individual = queries.consolidated_pledges(movement, unit)
        return Response(
            ConsolidatedSerializer({"collective_pledges": collective, "individual_pledges": individual}).data
        )

    @extend_schema(summary=_("Tải văn bản kế hoạch của phong trào"), responses=FILE_RESPONSE)
    def plan_document(self, request: Request, pk: int):
        movement = self.get_object()
        if movement.plan_document is None:
            raise Http404
        return file_response(movement.plan_document)

    @extend_schema(
        summary=_("Gửi văn bản kế hoạch (PDF, DOCX), thay văn bản cũ"),
        request=PlanDocumentUploadSerializer,
        responses={200: MovementDetailSerializer},
    )
    def upload_plan_document(self, request: Request, pk: int) -> Response:
        movement = self.get_object()
        self.require(rules.can_manage_movement(request.user, movement), _("Bạn không có quyền sửa phong trào này."))
        upload = self.validated(PlanDocumentUploadSerializer)["plan_document"]
        return self.show(services.attach_plan_document(movement, by=request.user, upload=upload))

    @extend_schema(
        summary=_("Phát động phong trào hưởng ứng (dự thảo) của một đơn vị phải hưởng ứng"),
        request=SubMovementInputSerializer,
        responses={201: MovementDetailSerializer},
    )
    def sub_movements(self, request: Request, pk: int) -> Response:
        parent = self.get_object()
        data = _service_lists(self.validated(SubMovementInputSerializer))
        issuer_unit = data.pop("issuer_unit")
        self.require(
            rules.can_launch_sub_movement(request.user, parent, issuer_unit),
            _("Bạn không có quyền phát động phong trào hưởng ứng thay đơn vị “%(unit)s”.") % {"unit": issuer_unit},
        )
        with transaction.atomic(), api_field_names():
            movement = services.launch_sub_movement(parent, by=request.user, issuer_unit=issuer_unit, **data)
            return self.show(movement, status_code=status.HTTP_201_CREATED)


# --- What units owe ---------------------------------------------------------------------------------------


class AnswerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """Plans, registrations and reports: read by everyone who sees them, written by the answering unit's side."""

    model = None
    keyset_ordering = ("id",)

    def get_queryset(self) -> QuerySet:
        return scoped(self.model, self.request.user).select_related("movement", "unit", "milestone", "submitted_by")

    def answerable(self):
        answer = self.get_object()
        self.require(
            rules.can_answer(self.request.user, answer),
            _("Bạn không có quyền gửi thay đơn vị “%(unit)s”.") % {"unit": answer.unit},
        )
        return answer


@extend_schema_view(
    list=extend_schema(summary=_("Kế hoạch hưởng ứng của các đơn vị trong phạm vi")),
    retrieve=extend_schema(summary=_("Một kế hoạch hưởng ứng")),
    update=extend_schema(
        summary=_("Sửa kế hoạch hưởng ứng (chưa gửi hoặc bị trả lại)"),
        request=UnitPlanInputSerializer,
        responses={200: UnitPlanSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Sửa kế hoạch hưởng ứng"), request=UnitPlanInputSerializer, responses={200: UnitPlanSerializer}
    ),
)
@extend_schema(tags=["unit-plans"])
class UnitPlanViewSet(AnswerViewSet):
    model = UnitPlan
    serializer_class = UnitPlanSerializer
    filterset_class = UnitPlanFilter

    def get_queryset(self) -> QuerySet[UnitPlan]:
        return super().get_queryset().select_related("document")

    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        plan = self.answerable()
        data = self.validated(UnitPlanInputSerializer, partial=partial)
        return self.show(services.save_unit_plan(plan, by=request.user, targets=data.get("targets")))

    def partial_update(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=True)

    @extend_schema(summary=_("Gửi kế hoạch hưởng ứng lên cấp trên"), request=None, responses={200: UnitPlanSerializer})
    def submit(self, request: Request, pk: int) -> Response:
        return self.show(services.submit_unit_plan(self.answerable(), by=request.user))

    @extend_schema(summary=_("Tải văn bản kế hoạch hưởng ứng"), responses=FILE_RESPONSE)
    def document(self, request: Request, pk: int):
        plan = self.get_object()
        if plan.document is None:
            raise Http404
        return file_response(plan.document)

    @extend_schema(
        summary=_("Gửi văn bản kế hoạch hưởng ứng (PDF, DOCX), thay văn bản cũ"),
        request=UnitPlanDocumentSerializer,
        responses={200: UnitPlanSerializer},
    )
    def upload_document(self, request: Request, pk: int) -> Response:
        plan = self.answerable()
        upload = self.validated(UnitPlanDocumentSerializer)["document"]
        return self.show(services.save_unit_plan(plan, by=request.user, document=upload))


@extend_schema_view(
    list=extend_schema(summary=_("Đăng ký thi đua của các đơn vị trong phạm vi")),
    retrieve=extend_schema(summary=_("Một đăng ký thi đua: danh hiệu tập thể và cá nhân đăng ký")),
    update=extend_schema(
        summary=_("Sửa đăng ký thi đua; mỗi danh sách gửi lên thay danh sách cũ"),
        request=RegistrationInputSerializer,
        responses={200: RegistrationSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Sửa một phần đăng ký thi đua"),
        request=RegistrationInputSerializer,
        responses={200: RegistrationSerializer},
    ),
)
@extend_schema(tags=["registrations"])
class RegistrationViewSet(AnswerViewSet):
    model = Registration
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter

    def get_queryset(self) -> QuerySet[Registration]:
        return (
            super()
            .get_queryset()
            .select_related("reviewer_unit")
            .prefetch_related(
                "collective_pledges__unit",
                "collective_pledges__award_type",
                "individual_pledges__person",
                "individual_pledges__award_type",
            )
        )

    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        registration = self.answerable()
        data = self.validated(RegistrationInputSerializer, partial=partial)
        with api_field_names():
            registration = services.save_registration(
                registration,
                by=request.user,
                note=data.get("note"),
                collective=data.get("collective_pledges"),
                individual=data.get("individual_pledges"),
            )
        return self.show(registration)

    def partial_update(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=True)

    @extend_schema(
        summary=_("Gửi đăng ký thi đua lên đơn vị duyệt"), request=None, responses={200: RegistrationSerializer}
    )
    def submit(self, request: Request, pk: int) -> Response:
        with api_field_names():
            return self.show(services.submit_registration(self.answerable(), by=request.user))

    def reviewable(self) -> Registration:
        registration = self.get_object()
        self.require(
            rules.can_review_registration(self.request.user, registration),
            _("Bạn không có quyền duyệt đăng ký thi đua của đơn vị “%(unit)s”.") % {"unit": registration.unit},
        )
        return registration

    @extend_schema(summary=_("Duyệt đăng ký thi đua"), request=None, responses={200: RegistrationSerializer})
    def approve(self, request: Request, pk: int) -> Response:
        return self.show(services.approve_registration(self.reviewable(), by=request.user))

    @extend_schema(
        summary=_("Trả lại đăng ký thi đua (bắt buộc ghi lý do)"),
        request=ReturnInputSerializer,
        responses={200: RegistrationSerializer},
    )
    def return_(self, request: Request, pk: int) -> Response:
        registration = self.reviewable()
        reason = self.validated(ReturnInputSerializer)["reason"]
        return self.show(services.return_registration(registration, by=request.user, reason=reason))


@extend_schema_view(
    list=extend_schema(summary=_("Báo cáo phong trào của các đơn vị trong phạm vi")),
    retrieve=extend_schema(summary=_("Một báo cáo: nội dung, số liệu, tệp đính kèm")),
    update=extend_schema(
        summary=_("Sửa báo cáo (chưa gửi hoặc bị trả lại)"),
        request=ProgressReportInputSerializer,
        responses={200: ProgressReportSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Sửa một phần báo cáo"),
        request=ProgressReportInputSerializer,
        responses={200: ProgressReportSerializer},
    ),
)
@extend_schema(tags=["progress-reports"])
class ProgressReportViewSet(AnswerViewSet):
    model = ProgressReport
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilter

    def get_queryset(self) -> QuerySet[ProgressReport]:
        return super().get_queryset().prefetch_related("attachments")

    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        report = self.answerable()
        data = self.validated(ProgressReportInputSerializer, partial=partial)
        report = services.save_progress_report(
            report, by=request.user, text=data.get("text"), figures=data.get("figures")
        )
        return self.show(report)

    def partial_update(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=True)

    @extend_schema(summary=_("Gửi báo cáo lên cấp trên"), request=None, responses={200: ProgressReportSerializer})
    def submit(self, request: Request, pk: int) -> Response:
        return self.show(services.submit_progress_report(self.answerable(), by=request.user))

    @extend_schema(
        summary=_("Thêm tệp đính kèm (PDF, DOCX, XLSX, JPEG, PNG)"),
        request=AttachmentsUploadSerializer,
        responses={200: ProgressReportSerializer},
    )
    def add_attachments(self, request: Request, pk: int) -> Response:
        report = self.answerable()
        uploads = self.validated(AttachmentsUploadSerializer)["attachments"]
        return self.show(services.save_progress_report(report, by=request.user, add_attachments=uploads))

    @extend_schema(summary=_("Tải một tệp đính kèm của báo cáo"), responses=FILE_RESPONSE)
    def attachment(self, request: Request, pk: int, file_id) -> Response:
        return file_response(_stored_file(self.get_object().attachments.all(), file_id))

    @extend_schema(summary=_("Bỏ một tệp đính kèm của báo cáo"), responses={200: ProgressReportSerializer})
    def remove_attachment(self, request: Request, pk: int, file_id) -> Response:
        report = self.answerable()
        stored = _stored_file(report.attachments.all(), file_id)
        return self.show(services.save_progress_report(report, by=request.user, remove_attachments=[stored]))


# --- Exemplary models -------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Mô hình hay, điển hình tiên tiến, gương người tốt việc tốt trong phạm vi")),
    retrieve=extend_schema(summary=_("Một mô hình, điển hình")),
    create=extend_schema(
        summary=_("Gửi mô hình, điển hình (multipart khi kèm ảnh)"),
        request=ExemplaryModelInputSerializer,
        responses={201: ExemplaryModelSerializer},
    ),
    update=extend_schema(
        summary=_("Sửa mô hình, điển hình đang chờ xem xét hoặc cần bổ sung"),
        request=ExemplaryModelInputSerializer,
        responses={200: ExemplaryModelSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Sửa một phần mô hình, điển hình"),
        request=ExemplaryModelInputSerializer,
        responses={200: ExemplaryModelSerializer},
    ),
)
@extend_schema(tags=["exemplary-models"])
class ExemplaryModelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    serializer_class = ExemplaryModelSerializer
    filterset_class = ExemplaryModelFilter
    keyset_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[ExemplaryModel]:
        return (
            scoped(ExemplaryModel, self.request.user)
            .select_related("movement", "proposing_unit", "subject_person", "subject_unit", "submitted_by")
            .prefetch_related("photos")
        )

    def create(self, request: Request) -> Response:
        data = self.validated(ExemplaryModelInputSerializer)
        data.pop("remove_photos", None)
        unit = data["proposing_unit"]
        self.require(
            rules.can_submit_exemplary(request.user, unit),
            _("Bạn không có quyền giới thiệu mô hình, điển hình thay đơn vị “%(unit)s”.") % {"unit": unit},
        )
        model = exemplary.submit_exemplary_model(by=request.user, **data)
        return self.show(model, status_code=status.HTTP_201_CREATED)

    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        model = self.get_object()
        self.require(
            rules.can_submit_exemplary(request.user, model.proposing_unit),
            _("Bạn không có quyền sửa mô hình, điển hình này."),
        )
        serializer = ExemplaryModelInputSerializer(
            model, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("proposing_unit", None)
        add, remove = data.pop("photos", []), data.pop("remove_photos", [])
        model = exemplary.update_exemplary_model(model, by=request.user, add_photos=add, remove_photos=remove, **data)
        return self.show(model)

    def partial_update(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=True)

    def curated(self) -> ExemplaryModel:
        model = self.get_object()
        self.require(
            rules.can_curate_exemplary(self.request.user, model),
            _("Bạn không có quyền xem xét mô hình, điển hình này."),
        )
        return model

    @extend_schema(
        summary=_("Xem xét: công nhận, yêu cầu bổ sung hoặc không công nhận"),
        request=ReviewInputSerializer,
        responses={200: ExemplaryModelSerializer},
    )
    def review(self, request: Request, pk: int) -> Response:
        model = self.curated()
        data = self.validated(ReviewInputSerializer)
        return self.show(exemplary.review_exemplary_model(model, by=request.user, **data))

    @extend_schema(
        summary=_("Đăng hoặc gỡ mô hình, điển hình đã công nhận khỏi cổng thông tin"),
        request=PublishInputSerializer,
        responses={200: ExemplaryModelSerializer},
    )
    def publish(self, request: Request, pk: int) -> Response:
        model = self.curated()
        publish = self.validated(PublishInputSerializer)["publish"]
        return self.show(exemplary.set_publication(model, by=request.user, publish=publish))

    @extend_schema(summary=_("Tải một ảnh của mô hình, điển hình"), responses=FILE_RESPONSE)
    def photo(self, request: Request, pk: int, file_id) -> Response:
        return file_response(_stored_file(self.get_object().photos.all(), file_id), inline=True)


# --- Cluster covenants ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Giao ước thi đua của các cụm, khối trong phạm vi")),
    retrieve=extend_schema(summary=_("Một giao ước thi đua và các đơn vị đã ký")),
    create=extend_schema(
        summary=_("Tạo giao ước thi đua của cụm, khối cho một năm"),
        request=CovenantInputSerializer,
        responses={201: CovenantSerializer},
    ),
)
@extend_schema(tags=["covenants"])
class CovenantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    serializer_class = CovenantSerializer
    filterset_class = CovenantFilter
    keyset_ordering = ("-year", "id")

    def get_queryset(self) -> QuerySet[Covenant]:
        return (
            scoped(Covenant, self.request.user)
            .select_related("cluster", "document")
            .prefetch_related("signatures__unit")
        )

    def create(self, request: Request) -> Response:
        data = self.validated(CovenantInputSerializer)
        self.require(
            rules.can_lead_cluster(request.user, data["cluster"], data["year"]),
            _("Bạn không có quyền lập giao ước của cụm, khối này."),
        )
        covenant = scoring.create_covenant(by=request.user, **data)
        return self.show(covenant, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Ký giao ước thay một đơn vị thành viên"),
        request=SignInputSerializer,
        responses={200: CovenantSerializer},
    )
    def sign(self, request: Request, pk: int) -> Response:
        covenant = self.get_object()
        unit = self.validated(SignInputSerializer)["unit"]
        self.require(
            rules.can_sign_covenant(request.user, unit),
            _("Bạn không có quyền ký giao ước thay đơn vị “%(unit)s”.") % {"unit": unit},
        )
        scoring.sign_covenant(covenant, by=request.user, unit=unit)
        return self.show(covenant)

    @extend_schema(summary=_("Tải văn bản giao ước"), responses=FILE_RESPONSE)
    def document(self, request: Request, pk: int):
        covenant = self.get_object()
        if covenant.document is None:
            raise Http404
        return file_response(covenant.document)


# --- Score sheets -----------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Bảng chấm điểm thi đua của các cụm, khối trong phạm vi")),
    retrieve=extend_schema(summary=_("Một bảng chấm điểm: tiêu chí, đơn vị, tổng điểm và xếp hạng")),
    create=extend_schema(
        summary=_("Lập bảng chấm điểm từ các tiêu chí chấm điểm của phong trào"),
        request=ScoreSheetInputSerializer,
        responses={201: ScoreSheetDetailSerializer},
    ),
)
@extend_schema(tags=["score-sheets"])
class ScoreSheetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    filterset_class = ScoreSheetFilter
    keyset_ordering = ("-year", "id")

    def get_queryset(self) -> QuerySet[ScoreSheet]:
        sheets = scoped(ScoreSheet, self.request.user).select_related("cluster", "movement")
        if self.action == "list":
            return sheets
        return sheets.prefetch_related(
            Prefetch("criteria", queryset=SheetCriterion.objects.order_by("position", "id")), "members__unit"
        )

    def get_serializer_class(self):
        return ScoreSheetSerializer if self.action == "list" else ScoreSheetDetailSerializer

    def create(self, request: Request) -> Response:
        data = self.validated(ScoreSheetInputSerializer)
        self.require(
            rules.can_lead_cluster(request.user, data["cluster"], data["year"]),
            _("Bạn không có quyền lập bảng chấm điểm của cụm, khối này."),
        )
        sheet = scoring.create_score_sheet(by=request.user, **data)
        return self.show(sheet, status_code=status.HTTP_201_CREATED)

    def led(self) -> ScoreSheet:
        sheet = self.get_object()
        self.require(
            rules.can_lead_cluster(self.request.user, sheet.cluster, sheet.year),
            _(
                "Bạn không có quyền điều hành bảng điểm này: việc của cụm trưởng, khối trưởng hoặc Ban Thi đua - Khen "
                "thưởng."
            ),
        )
        return sheet

    @extend_schema(summary=_("Mở chấm điểm"), request=None, responses={200: ScoreSheetDetailSerializer})
    def open(self, request: Request, pk: int) -> Response:
        return self.show(scoring.open_scoring(self.led(), by=request.user))

    @extend_schema(summary=_("Công bố kết quả chấm điểm"), request=None, responses={200: ScoreSheetDetailSerializer})
    def publish(self, request: Request, pk: int) -> Response:
        return self.show(scoring.publish_sheet(self.led(), by=request.user))

    @extend_schema(
        summary=_("Khóa bảng điểm: xác định đơn vị đề nghị Cờ thi đua, Bằng khen"),
        request=None,
        responses={200: ScoreSheetDetailSerializer},
    )
    def lock(self, request: Request, pk: int) -> Response:
        return self.show(scoring.lock_sheet(self.led(), by=request.user))

    @extend_schema(
        summary=_("Các điểm đã chấm: điểm đã gửi, và điểm chưa gửi của đơn vị mình"),
        responses={200: ScoreSerializer(many=True)},
    )
    def scores(self, request: Request, pk: int) -> Response:
        sheet = self.get_object()
        own = scoped(OrgUnit, request.user)
        scores = (
            Score.objects.filter(sheet=sheet)
            .filter(Q(submitted_at__isnull=False) | Q(scorer_unit__isnull=True) | Q(scorer_unit__in=own))
            .select_related("member__unit", "criterion", "scorer_unit")
            .prefetch_related("evidence_files")
            .order_by("member__unit__sort_key", "criterion__position", "scorer_unit_id", "id")
        )
        return Response(ScoreSerializer(scores, many=True).data)

    @extend_schema(
        summary=_("Chấm điểm một tiêu chí cho một đơn vị (tự chấm hoặc chấm chéo)"),
        request=ScoreInputSerializer,
        responses={200: ScoreSerializer},
    )
    def add_score(self, request: Request, pk: int) -> Response:
        sheet = self.get_object()
        data = self.validated(ScoreInputSerializer, context={**self.get_serializer_context(), "sheet": sheet})
        self.require(
            rules.can_score_for(request.user, data["scorer_unit"]),
            _("Bạn không có quyền chấm điểm thay đơn vị “%(unit)s”.") % {"unit": data["scorer_unit"]},
        )
        item = scoring.score(sheet, by=request.user, **data)
        item = Score.objects.select_related("member__unit", "criterion", "scorer_unit").get(pk=item.pk)
        return Response(ScoreSerializer(item).data)

    @extend_schema(
        summary=_("Gửi các điểm đã chấm của một đơn vị chấm"),
        request=SubmitScoresInputSerializer,
        responses={200: ScoreSheetDetailSerializer},
    )
    def submit_scores(self, request: Request, pk: int) -> Response:
        sheet = self.get_object()
        unit = self.validated(SubmitScoresInputSerializer)["scorer_unit"]
        self.require(
            rules.can_score_for(request.user, unit),
            _("Bạn không có quyền gửi điểm thay đơn vị “%(unit)s”.") % {"unit": unit},
        )
        scoring.submit_scores(sheet, by=request.user, scorer_unit=unit)
        return self.show(sheet)
