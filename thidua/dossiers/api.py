"""The dossiers API (issue 5): /api/v1/dossiers/ with every step of the workflow, /api/v1/council-sessions/ and
/api/v1/consultations/; and the two actions that turn the movements app's results into draft entries:
/api/v1/exemplary-models/{id}/propose/ and /api/v1/score-sheets/{id}/propose/ (they live here because movements never
imports dossiers).

Every view is thin: the object comes from a scoped queryset (out of scope: 404), the caller's right is checked by the
declared table (``transitions.may``) or a predicate of ``rules``, ``council`` or ``consultation`` (403), the body is
read by a serializer, and one service call does the work; a refused step is the service's ValidationError, a 400
with Vietnamese messages keyed by field (``thidua.core.api.exception_handler``).

The steps of the declared table are generated from it: ``POST /api/v1/dossiers/{id}/<code>/`` for each dossier row
and ``POST /api/v1/dossiers/{id}/entries/{entry_id}/<code>/`` for each entry row, each with the service function of
``DOSSIER_STEPS`` / ``ENTRY_STEPS``. A row taken elsewhere (the council's vote) is listed in
``serializers.TAKEN_ELSEWHERE``; tests check that every row has one or the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.rules import COUNCIL_SECRETARY_ROLES, holds_role_at
from thidua.accounts.scoping import scoped
from thidua.core.api import ScopedViewSetMixin
from thidua.core.uploads import file_response
from thidua.dossiers import (
    checks,
    consultation,
    council,
    forwarding,
    rules,
    services,
    transitions,
    workflow,
    year_end,
)
from thidua.dossiers.enums import CheckItem, EntryState
from thidua.dossiers.filters import (
    ConsultationCommentFilter,
    ConsultationFilter,
    CouncilSessionFilter,
    DossierFilter,
)
from thidua.dossiers.models import (
    AgendaItem,
    Consultation,
    ConsultationComment,
    CouncilSession,
    Dossier,
    DossierAttachment,
    DossierEntry,
    DossierEvent,
)
from thidua.dossiers.serializers import (
    AgendaInputSerializer,
    AppraiseInputSerializer,
    AssignInputSerializer,
    AttachmentInputSerializer,
    AttendanceInputSerializer,
    ChecksInputSerializer,
    CloseConsultationInputSerializer,
    CloseVotingInputSerializer,
    ConsultationCommentSerializer,
    ConsultationDetailSerializer,
    ConsultationInputSerializer,
    ConsultationSerializer,
    ConsultInputSerializer,
    CouncilSessionDetailSerializer,
    CouncilSessionSerializer,
    DossierAttachmentSerializer,
    DossierDetailSerializer,
    DossierEntryDetailSerializer,
    DossierEntrySerializer,
    DossierSerializer,
    DraftDossierInputSerializer,
    EntryCheckSerializer,
    EntryInputSerializer,
    EntryUpdateInputSerializer,
    ModerateInputSerializer,
    OutcomeInputSerializer,
    OwnCouncilInputSerializer,
    ProposeFromModelInputSerializer,
    RecuseInputSerializer,
    ResultSerializer,
    SessionInputSerializer,
    StepInputSerializer,
    TallyInputSerializer,
    VoteInputSerializer,
    YearEndInputSerializer,
)
from thidua.movements.models import ExemplaryModel, ScoreSheet
from thidua.orgs.models import OrgUnit

ENTRY_RELATIONS = ("person", "unit", "household", "award_type")
FILE_RESPONSE = {(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description=_("Tệp"))}
NO_CONTENT = {204: OpenApiResponse(description=_("Đã xóa"))}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Yêu cầu xung đột với trạng thái hiện tại.")
    default_code = "conflict"


class ServiceViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """A scoped viewset whose writes are rule-checked service calls (validated, require, show)."""


def _may(user, code: str, obj: Dossier | DossierEntry) -> None:
    """403 unless the declared table lets the user take the row on the object (its state and guard aside)."""
    if not transitions.may(user, code, obj):
        raise PermissionDenied(
            _("Bạn không có quyền “%(action)s” đối với hồ sơ này.") % {"action": transitions.TRANSITIONS[code].label}
        )


def _same_version(dossier: Dossier, version: int | None) -> None:
    """For the services that take no ``expected_version``: the version the caller saw must still be current."""
    transitions.check_version(dossier, version)


# --- The steps of the declared table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """How the API takes one row of ``transitions.TRANSITIONS``: the body it reads and the service it calls."""

    input: type
    run: Callable[[Any, Any, dict], Any]  # (dossier or entry, user, validated body)


def _consult(entry: DossierEntry, by, data: dict):
    _same_version(entry.dossier, data["version"])
    title = data.get("title") or _("Công khai, lấy ý kiến Nhân dân: %(nominee)s – %(award)s") % {
        "nominee": entry.nominee_name, "award": entry.award_type.name,
    }  # fmt: skip
    return consultation.open_consultation(entry.dossier.authority, [entry], by=by, title=str(title),
                                          introduction=data["introduction"], starts_on=data["starts_on"])  # fmt: skip


def _forward(entry: DossierEntry, by, data: dict):
    _same_version(entry.dossier, data["version"])
    return forwarding.forward([entry], by=by, reason=data["reason"])


def _outcome(decided: bool) -> Callable[[DossierEntry, Any, dict], Any]:
    def run(entry: DossierEntry, by, data: dict):
        _same_version(entry.dossier, data["version"])
        return forwarding.record_outcome(entry, by=by, decided=decided, reference=data["reference"], on=data["on"],
                                         reason=data["reason"])  # fmt: skip

    return run


DOSSIER_STEPS: dict[str, Step] = {
    "submit": Step(StepInputSerializer, lambda dossier, by, data: workflow.submit(
        dossier, by=by, expected_version=data["version"])),
    "resubmit": Step(StepInputSerializer, lambda dossier, by, data: workflow.resubmit(
        dossier, by=by, expected_version=data["version"])),
    "withdraw": Step(StepInputSerializer, lambda dossier, by, data: workflow.withdraw(
        dossier, by=by, reason=data["reason"], expected_version=data["version"])),
    "return": Step(StepInputSerializer, lambda dossier, by, data: workflow.return_dossier(
        dossier, by=by, reason=data["reason"], expected_version=data["version"])),
    "receive": Step(StepInputSerializer, lambda dossier, by, data: workflow.receive(
        dossier, by=by, expected_version=data["version"])),
    "assign": Step(AssignInputSerializer, lambda dossier, by, data: workflow.assign(
        dossier, by=by, officer=data["officer"], expected_version=data["version"])),
    "close": Step(StepInputSerializer, lambda dossier, by, data: workflow.close(
        dossier, by=by, expected_version=data["version"])),
}  # fmt: skip

ENTRY_STEPS: dict[str, Step] = {
    "return_entry": Step(StepInputSerializer, lambda entry, by, data: workflow.return_entry(
        entry, by=by, reason=data["reason"], expected_version=data["version"])),
    "appraise": Step(AppraiseInputSerializer, lambda entry, by, data: workflow.appraise(
        entry, by=by, recommendation=data["recommendation"], notes=data["notes"],
        expected_version=data["version"])),
    "consult": Step(ConsultInputSerializer, _consult),
    "approve": Step(StepInputSerializer, lambda entry, by, data: workflow.approve(
        entry, by=by, expected_version=data["version"])),
    "reject": Step(StepInputSerializer, lambda entry, by, data: workflow.reject(
        entry, by=by, reason=data["reason"], expected_version=data["version"])),
    "forward": Step(StepInputSerializer, _forward),
    "record_decision": Step(OutcomeInputSerializer, _outcome(decided=True)),
    "record_refusal": Step(OutcomeInputSerializer, _outcome(decided=False)),
}  # fmt: skip


def _who(row: transitions.Transition) -> str:
    side = _("đơn vị trình hoặc cấp trên của đơn vị") if row.side == transitions.UNIT else _("đơn vị của cấp trình")
    sources = ", ".join(sorted(row.sources))
    target = row.target or _("không đổi")
    reason = " " + str(_("Bắt buộc ghi lý do (reason).")) if row.reason_required else ""
    return _("Vai trò %(roles)s tại %(side)s. Trạng thái: %(sources)s → %(target)s.%(reason)s Trả về hồ sơ sau bước "
             "này.") % {"roles": ", ".join(sorted(row.roles)), "side": side, "sources": sources, "target": target,
                        "reason": reason}  # fmt: skip


# --- Dossiers ----------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Hồ sơ đề nghị khen thưởng trong phạm vi")),
    retrieve=extend_schema(
        summary=_("Một hồ sơ: đề nghị, tài liệu, tài liệu còn thiếu, quá trình xử lý, các bước người gọi được làm")
    ),
    create=extend_schema(
        summary=_("Tạo hồ sơ dự thảo (có trích yếu: hồ sơ mới, 201), hoặc hồ sơ dự thảo của đơn vị cho một phong "
                  "trào (hoặc loại, năm): hồ sơ đang có, hoặc hồ sơ mới (200)"),
        request=DraftDossierInputSerializer,
        responses={200: DossierDetailSerializer, 201: DossierDetailSerializer},
    ),
)  # fmt: skip
@extend_schema(tags=["dossiers"])
class DossierViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    filterset_class = DossierFilter
    keyset_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Dossier]:
        dossiers = (
            scoped(Dossier, self.request.user)
            .select_related("unit", "movement", "authority__unit", "assignee")
            .annotate(entry_count=Count("entries"))
        )
        if self.action == "list":
            return dossiers
        entries = (
            DossierEntry.objects.select_related(*ENTRY_RELATIONS, "appraised_by")
            .prefetch_related("forwarded_copies")
            .order_by("pk")
        )
        attachments = DossierAttachment.objects.select_related("file", "document_kind", "uploaded_by").order_by("pk")
        return dossiers.select_related("submitted_by").prefetch_related(
            Prefetch("entries", queryset=entries),
            Prefetch("attachments", queryset=attachments),
            Prefetch("events", queryset=DossierEvent.objects.order_by("at", "id")),
            "forwarded_dossiers",
        )

    def get_serializer_class(self):
        return DossierSerializer if self.action == "list" else DossierDetailSerializer

    def _entry(self, dossier: Dossier, entry_pk: int) -> DossierEntry:
        entry = next((entry for entry in dossier.entries.all() if entry.pk == int(entry_pk)), None)
        if entry is None:
            raise Http404
        return entry

    def _preparable(self, unit: OrgUnit) -> None:
        self.require(
            rules.can_prepare_dossier(self.request.user, unit),
            _("Bạn không có quyền lập hồ sơ đề nghị khen thưởng của đơn vị “%(unit)s”.") % {"unit": unit},
        )

    def create(self, request: Request) -> Response:
        data = self.validated(DraftDossierInputSerializer)
        unit = data.pop("unit")
        self._preparable(unit)
        if "title" in data:
            dossier = services.create_dossier(unit, by=request.user, **data)
            return self.show(dossier, status_code=status.HTTP_201_CREATED)
        authority = data.pop("authority")
        dossier = services.draft_dossier_for(unit, by=request.user, movement=data["movement"], kind=data["kind"],
                                             year=data["year"], authority=authority)  # fmt: skip
        return self.show(dossier)

    @extend_schema(
        summary=_("Lập hồ sơ tổng kết năm trong một bước từ các gợi ý đủ điều kiện"),
        request=YearEndInputSerializer,
        responses={201: DossierDetailSerializer},
    )
    def year_end(self, request: Request) -> Response:
        data = self.validated(YearEndInputSerializer)
        self._preparable(data["unit"])
        dossier = year_end.build_year_end_dossier(data["unit"], by=request.user, year=data["year"],
                                                  award_codes=tuple(data["award_codes"]), authority=data["authority"],
                                                  statuses=tuple(sorted(data["statuses"])))  # fmt: skip
        return self.show(dossier, status_code=status.HTTP_201_CREATED)

    # --- Entries --------------------------------------------------------------------------------------------

    @extend_schema(
        summary=_("Thêm một đề nghị vào hồ sơ dự thảo"),
        request=EntryInputSerializer,
        responses={201: DossierEntrySerializer},
    )
    def add_entry(self, request: Request, pk: int) -> Response:
        dossier = self.get_object()
        self._preparable(dossier.unit)
        entry = services.add_entry(dossier, by=request.user, **self.validated(EntryInputSerializer))
        entry = DossierEntry.objects.select_related(*ENTRY_RELATIONS).get(pk=entry.pk)
        return Response(DossierEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Sửa đề nghị: tóm tắt thành tích, truy tặng, số phiếu của Hội đồng đơn vị (hồ sơ dự thảo, hoặc "
                  "đề nghị bị trả lại để bổ sung)"),
        request=EntryUpdateInputSerializer,
        responses={200: DossierEntryDetailSerializer},
    )  # fmt: skip
    def update_entry(self, request: Request, pk: int, entry_pk: int) -> Response:
        dossier = self.get_object()
        entry = self._entry(dossier, entry_pk)
        self._preparable(dossier.unit)
        data = self.validated(EntryUpdateInputSerializer)
        version = data.pop("version")
        workflow.update_entry(entry, by=request.user, expected_version=version, **data)
        dossier = self.reload_in_scope(dossier, "non_field_errors")
        entry = self._entry(dossier, entry_pk)
        return Response(DossierEntryDetailSerializer(entry, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Bỏ một đề nghị khỏi hồ sơ dự thảo"),
        request=None,
        responses={204: OpenApiResponse(description=_("Đã bỏ"))},
    )
    def remove_entry(self, request: Request, pk: int, entry_pk: int) -> Response:
        dossier = self.get_object()
        entry = self._entry(dossier, entry_pk)
        self._preparable(dossier.unit)
        services.remove_entry(entry, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Phiếu thẩm định của đề nghị: mỗi nội dung kiểm tra, điều hệ thống ghi nhận và kết luận"),
        responses={200: EntryCheckSerializer(many=True)},
    )
    def checks(self, request: Request, pk: int, entry_pk: int) -> Response:
        dossier = self.get_object()
        entry = self._entry(dossier, entry_pk)
        _may(request.user, "appraise", entry)
        return Response(EntryCheckSerializer(self._checklist(entry), many=True).data)

    @extend_schema(
        summary=_("Ghi kết quả kiểm tra thẩm định (từng nội dung: đạt hay không, ghi chú)"),
        request=ChecksInputSerializer,
        responses={200: EntryCheckSerializer(many=True)},
    )
    def save_checks(self, request: Request, pk: int, entry_pk: int) -> Response:
        dossier = self.get_object()
        entry = self._entry(dossier, entry_pk)
        _may(request.user, "appraise", entry)
        rows = self.validated(ChecksInputSerializer)["checks"]
        with transaction.atomic():
            for row in rows:
                checks.save_check(entry, row["item"], by=request.user, ok=row["ok"], note=row["note"])
        return Response(EntryCheckSerializer(self._checklist(entry), many=True).data)

    def _checklist(self, entry: DossierEntry) -> list:
        """The checklist, its findings made and refreshed while the entry can still be appraised; after that, the
        rows as the officer left them."""
        if entry.state == EntryState.PROPOSED:
            return checks.ensure_checks(entry)
        order = {item: index for index, item in enumerate(CheckItem.values)}
        return sorted(entry.checks.select_related("checked_by"), key=lambda check: order.get(check.item, 0))

    # --- Documents, the unit's council, the package --------------------------------------------------------

    @extend_schema(
        summary=_("Thêm tài liệu vào hồ sơ hoặc một đề nghị (multipart)"),
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={201: DossierAttachmentSerializer},
    )
    def add_attachment(self, request: Request, pk: int) -> Response:
        dossier = self.get_object()
        self.require(rules.may_edit_documents(request.user, dossier),
                     _("Bạn không có quyền thêm tài liệu vào hồ sơ này ở trạng thái hiện tại."))  # fmt: skip
        data = self.validated(AttachmentInputSerializer)
        entry = None
        if data["entry"] is not None:
            entry = next((item for item in dossier.entries.all() if item.pk == data["entry"]), None)
            if entry is None:
                raise ValidationError({"entry": [_("Đề nghị đã chọn không thuộc hồ sơ này.")]})
        attachment = workflow.add_attachment(dossier, by=request.user, upload=data["file"],
                                             document_kind=data["document_kind"], entry=entry,
                                             title=data["title"])  # fmt: skip
        attachment = DossierAttachment.objects.select_related("file", "document_kind", "uploaded_by").get(
            pk=attachment.pk
        )
        return Response(DossierAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    def _attachment(self, dossier: Dossier, attachment_pk: int) -> DossierAttachment:
        found = next((item for item in dossier.attachments.all() if item.pk == int(attachment_pk)), None)
        if found is None:
            raise Http404
        return found

    @extend_schema(summary=_("Gỡ một tài liệu khỏi hồ sơ"), request=None, responses=NO_CONTENT)
    def remove_attachment(self, request: Request, pk: int, attachment_pk: int) -> Response:
        dossier = self.get_object()
        attachment = self._attachment(dossier, attachment_pk)
        self.require(
            rules.may_edit_documents(request.user, dossier), _("Bạn không có quyền gỡ tài liệu này khỏi hồ sơ.")
        )
        workflow.remove_attachment(attachment, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary=_("Tải một tài liệu của hồ sơ"), responses=FILE_RESPONSE)
    def download_attachment(self, request: Request, pk: int, attachment_pk: int):
        dossier = self.get_object()
        return file_response(self._attachment(dossier, attachment_pk).file)

    @extend_schema(
        summary=_("Ghi kết quả họp Hội đồng Thi đua - Khen thưởng của đơn vị (hồ sơ dự thảo hoặc bị trả lại)"),
        request=OwnCouncilInputSerializer,
        responses={200: DossierDetailSerializer},
    )
    def own_council(self, request: Request, pk: int) -> Response:
        dossier = self.get_object()
        self.require(rules.can_prepare_dossier(request.user, dossier.unit),
                     _("Bạn không có quyền ghi kết quả họp Hội đồng của đơn vị này."))  # fmt: skip
        data = self.validated(OwnCouncilInputSerializer)
        version = data.pop("version")
        return self.show(workflow.record_own_council(dossier, by=request.user, expected_version=version, **data))

    @extend_schema(summary=_("Tải gói hồ sơ điện tử gửi cấp trên ngoài hệ thống (ZIP)"), responses=FILE_RESPONSE)
    def package(self, request: Request, pk: int):
        return forwarding.package_response(self.get_object())


class DossierStepViewSet(DossierViewSet):
    """``POST /api/v1/dossiers/{id}/<code>/``: one dossier row of the table (the view is made per row)."""

    transition_code = ""

    def step(self, request: Request, pk: int) -> Response:
        dossier = self.get_object()
        _may(request.user, self.transition_code, dossier)
        step = DOSSIER_STEPS[self.transition_code]
        step.run(dossier, request.user, self.validated(step.input))
        return self.show(dossier)


class EntryStepViewSet(DossierViewSet):
    """``POST /api/v1/dossiers/{id}/entries/{entry_id}/<code>/``: one entry row of the table."""

    transition_code = ""

    def step(self, request: Request, pk: int, entry_pk: int) -> Response:
        dossier = self.get_object()
        entry = self._entry(dossier, entry_pk)
        _may(request.user, self.transition_code, entry)
        step = ENTRY_STEPS[self.transition_code]
        step.run(entry, request.user, self.validated(step.input))
        return self.show(dossier)


def step_viewset(code: str) -> type[DossierViewSet]:
    """The viewset of one row, documented with the row's label, actors and states."""
    row = transitions.TRANSITIONS[code]
    base = DossierStepViewSet if row.moves == transitions.DOSSIER else EntryStepViewSet
    steps = DOSSIER_STEPS if row.moves == transitions.DOSSIER else ENTRY_STEPS

    def step(self, request: Request, **kwargs) -> Response:
        return base.step(self, request, **kwargs)

    schema = extend_schema(summary=row.label, description=_who(row), request=steps[code].input,
                           responses={200: DossierDetailSerializer})  # fmt: skip
    name = "".join(part.title() for part in code.split("_"))
    return type(f"{name}{base.__name__}", (base,), {"transition_code": code, "step": schema(step),
                                                    "__doc__": base.__doc__})  # fmt: skip


# --- Council sessions --------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Phiên họp Hội đồng Thi đua - Khen thưởng trong phạm vi")),
    retrieve=extend_schema(
        summary=_("Một phiên họp: thành viên, chương trình (kết quả chỉ hiện sau khi kết thúc bỏ phiếu), phiếu của "
                  "người gọi")
    ),
)  # fmt: skip
@extend_schema(tags=["council-sessions"])
class CouncilSessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    filterset_class = CouncilSessionFilter
    keyset_ordering = ("-meets_on", "-id")

    def get_queryset(self) -> QuerySet[CouncilSession]:
        sessions = scoped(CouncilSession, self.request.user).select_related("authority__unit")
        if self.action == "list":
            return sessions
        items = AgendaItem.objects.select_related(*(f"entry__{name}" for name in ENTRY_RELATIONS)).order_by(
            "order", "id"
        )
        return sessions.prefetch_related("members", Prefetch("items", queryset=items))

    def get_serializer_class(self):
        return CouncilSessionSerializer if self.action == "list" else CouncilSessionDetailSerializer

    def _item(self, session: CouncilSession, item_pk: int) -> AgendaItem:
        item = next((item for item in session.items.all() if item.pk == int(item_pk)), None)
        if item is None:
            raise Http404
        return item

    def _manager(self, session: CouncilSession) -> None:
        self.require(council.can_manage_session(self.request.user, session),
                     _("Bạn không có quyền chuẩn bị phiên họp này: việc của Thư ký Hội đồng hoặc Ban Thi đua - Khen "
                       "thưởng."))  # fmt: skip

    def _chair(self, session: CouncilSession) -> None:
        self.require(council.can_chair(self.request.user, session),
                     _("Bạn không có quyền điều hành bỏ phiếu: việc của Chủ tịch Hội đồng."))  # fmt: skip

    @extend_schema(
        summary=_("Lập phiên họp (Thư ký Hội đồng, Ban Thi đua - Khen thưởng của cấp có thẩm quyền)"),
        request=SessionInputSerializer,
        responses={201: CouncilSessionDetailSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.validated(SessionInputSerializer)
        authority = data.pop("authority")
        self.require(
            holds_role_at(request.user, authority.unit, COUNCIL_SECRETARY_ROLES),
            _("Bạn không có quyền lập phiên họp Hội đồng của “%(authority)s”.") % {"authority": authority},
        )
        if data["members"] is not None:
            data["members"] = [dict(member) for member in data["members"]]
        session = council.schedule_session(authority, by=request.user, **data)
        return self.show(session, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Đưa đề nghị vào chương trình họp"),
        request=AgendaInputSerializer,
        responses={200: CouncilSessionDetailSerializer},
    )
    def add_agenda(self, request: Request, pk: int) -> Response:
        session = self.get_object()
        self._manager(session)
        council.add_to_agenda(session, self.validated(AgendaInputSerializer)["entries"], by=request.user)
        return self.show(session)

    @extend_schema(summary=_("Bỏ một nội dung khỏi chương trình họp"), request=None, responses=NO_CONTENT)
    def remove_agenda(self, request: Request, pk: int, item_pk: int) -> Response:
        session = self.get_object()
        item = self._item(session, item_pk)
        self._manager(session)
        council.remove_from_agenda(item, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Ghi nhận thành viên có mặt (thành viên không có trong danh sách là vắng)"),
        request=AttendanceInputSerializer,
        responses={200: CouncilSessionDetailSerializer},
    )
    def attendance(self, request: Request, pk: int) -> Response:
        session = self.get_object()
        self._manager(session)
        present = self.validated(AttendanceInputSerializer)["present_member_ids"]
        council.set_attendance(session, by=request.user, present_member_ids=present)
        return self.show(session)

    @extend_schema(
        summary=_("Bắt đầu bỏ phiếu (Chủ tịch Hội đồng; kiểm tra số thành viên có mặt)"),
        request=None,
        responses={200: CouncilSessionDetailSerializer},
    )
    def open(self, request: Request, pk: int) -> Response:
        session = self.get_object()
        self._chair(session)
        return self.show(council.open_voting(session, by=request.user))

    @extend_schema(
        summary=_("Kết thúc bỏ phiếu và công bố kết quả (Chủ tịch Hội đồng)"),
        request=CloseVotingInputSerializer,
        responses={200: CouncilSessionDetailSerializer},
    )
    def close(self, request: Request, pk: int) -> Response:
        session = self.get_object()
        self._chair(session)
        minutes = self.validated(CloseVotingInputSerializer)["minutes"]
        return self.show(council.close_voting(session, by=request.user, minutes=minutes))

    @extend_schema(
        summary=_("Bỏ phiếu kín cho một nội dung (thành viên có mặt, một lần)"),
        request=VoteInputSerializer,
        responses={200: CouncilSessionDetailSerializer},
    )
    def vote(self, request: Request, pk: int, item_pk: int) -> Response:
        session = self.get_object()
        item = self._item(session, item_pk)
        self.require(council.is_voter(request.user, session),
                     _("Bạn không có quyền bỏ phiếu: chỉ thành viên Hội đồng của phiên họp này."))  # fmt: skip
        council.cast_vote(item, by=request.user, choice=self.validated(VoteInputSerializer)["choice"])
        return self.show(session)

    @extend_schema(
        summary=_("Xin không tham gia biểu quyết một nội dung (xung đột lợi ích)"),
        request=RecuseInputSerializer,
        responses={200: CouncilSessionDetailSerializer},
    )
    def recuse(self, request: Request, pk: int, item_pk: int) -> Response:
        session = self.get_object()
        item = self._item(session, item_pk)
        manager = council.can_manage_session(request.user, session)
        self.require(manager or council.is_voter(request.user, session),
                     _("Bạn không có quyền ghi nhận việc không tham gia biểu quyết tại phiên họp này."))  # fmt: skip
        data = self.validated(RecuseInputSerializer)
        members = session.members.all()
        if data["member"] is None:
            member = next((member for member in members if member.user_id == request.user.pk), None)
        else:
            member = next((member for member in members if member.pk == data["member"]), None)
        if member is None:
            raise ValidationError({"member": [_("Chọn một thành viên của phiên họp này.")]})
        council.declare_conflict(item, member, by=request.user, reason=data["reason"])
        return self.show(session)

    @extend_schema(
        summary=_("Nhập kết quả kiểm phiếu giấy của một nội dung (Thư ký Hội đồng)"),
        request=TallyInputSerializer,
        responses={200: CouncilSessionDetailSerializer},
    )
    def tally(self, request: Request, pk: int, item_pk: int) -> Response:
        session = self.get_object()
        item = self._item(session, item_pk)
        self._manager(session)
        council.enter_paper_tally(item, by=request.user, **self.validated(TallyInputSerializer))
        return self.show(session)

    @extend_schema(
        summary=_("Kết quả bỏ phiếu; 409 khi Chủ tịch Hội đồng chưa kết thúc bỏ phiếu"),
        responses={200: ResultSerializer(many=True), 409: OpenApiResponse(description=_("Chưa công bố kết quả"))},
    )
    def results(self, request: Request, pk: int) -> Response:
        rows = council.results(self.get_object(), user=request.user)
        if rows is None:
            raise Conflict(_("Kết quả chỉ công bố sau khi Chủ tịch Hội đồng kết thúc bỏ phiếu."))
        return Response(ResultSerializer(rows, many=True).data)


# --- Consultations -------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Đợt công khai, lấy ý kiến Nhân dân trong phạm vi")),
    retrieve=extend_schema(summary=_("Một đợt lấy ý kiến và các đề nghị được công khai")),
)
@extend_schema(tags=["consultations"])
class ConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    filterset_class = ConsultationFilter
    keyset_ordering = ("-starts_on", "-id")

    def get_queryset(self) -> QuerySet[Consultation]:
        consultations = scoped(Consultation, self.request.user).select_related("authority__unit")
        if self.action == "list":
            return consultations
        entries = DossierEntry.objects.select_related(*ENTRY_RELATIONS).order_by("pk")
        return consultations.prefetch_related(Prefetch("entries", queryset=entries))

    def get_serializer_class(self):
        return ConsultationSerializer if self.action == "list" else ConsultationDetailSerializer

    @extend_schema(
        summary=_("Đưa các đề nghị đã thẩm định ra công khai, lấy ý kiến Nhân dân (Ban Thi đua - Khen thưởng)"),
        request=ConsultationInputSerializer,
        responses={201: ConsultationDetailSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.validated(ConsultationInputSerializer)
        authority = data.pop("authority")
        self.require(
            consultation.can_manage_consultations(request.user, authority),
            _("Bạn không có quyền lấy ý kiến Nhân dân thay “%(authority)s”.") % {"authority": authority},
        )
        entries = data.pop("entries")
        opened = consultation.open_consultation(authority, entries, by=request.user, **data)
        return self.show(opened, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Kết thúc đợt lấy ý kiến khi đã hết thời hạn, với kết quả tổng hợp"),
        request=CloseConsultationInputSerializer,
        responses={200: ConsultationDetailSerializer},
    )
    def close(self, request: Request, pk: int) -> Response:
        found = self.get_object()
        self.require(consultation.can_manage_consultations(request.user, found.authority),
                     _("Bạn không có quyền kết thúc đợt lấy ý kiến này."))  # fmt: skip
        summary = self.validated(CloseConsultationInputSerializer)["summary"]
        return self.show(consultation.close_consultation(found, by=request.user, summary=summary))


@extend_schema(tags=["consultations"])
class ConsultationCommentViewSet(mixins.ListModelMixin, ServiceViewSet):
    """The comments of one consultation, for its board: GET …/comments/, POST …/comments/{id}/moderate/."""

    queryset = ConsultationComment.objects.none()  # the model, for the schema; rows come from get_queryset
    filterset_class = ConsultationCommentFilter
    keyset_ordering = ("-created_at", "-id")

    def consultation(self) -> Consultation:
        found = (
            scoped(Consultation, self.request.user)
            .select_related("authority__unit")
            .filter(pk=self.kwargs["consultation_pk"])
            .first()
        )
        if found is None:
            raise Http404
        self.require(consultation.can_manage_consultations(self.request.user, found.authority),
                     _("Bạn không có quyền xem, duyệt ý kiến góp ý của đợt lấy ý kiến này."))  # fmt: skip
        return found

    def get_queryset(self) -> QuerySet[ConsultationComment]:
        return self.consultation().comments.select_related("moderated_by")

    def get_serializer_class(self):
        return ConsultationCommentSerializer

    @extend_schema(summary=_("Ý kiến góp ý của Nhân dân (Ban Thi đua - Khen thưởng của cấp lấy ý kiến)"))
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Duyệt một ý kiến: đăng lên trang công khai hoặc không đăng"),
        request=ModerateInputSerializer,
        responses={200: ConsultationCommentSerializer},
    )
    def moderate(self, request: Request, consultation_pk: int, pk: int) -> Response:
        comment = self.get_queryset().filter(pk=pk).first()
        if comment is None:
            raise Http404
        data = self.validated(ModerateInputSerializer)
        comment = consultation.moderate(comment, by=request.user, publish=data["publish"], note=data["note"])
        return Response(ConsultationCommentSerializer(comment).data)


# --- From the movements app's results ------------------------------------------------------------------------------


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
