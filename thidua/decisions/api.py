"""The decisions API (issue 6): /api/v1/decisions/ — list, read, draft from approved entries, edit and delete a draft,
add and remove its lines, sign it, draft a correcting or revoking decision, download the decision (DOCX, PDF), its
signed PDF, its payment list (XLSX) and its certificates (a background job, then the PDF) — the money totals, and
/api/v1/certificates/{code}/ for the staff.

Every view is thin: the decision comes from a scoped queryset (out of scope: 404), the caller's right is a predicate
of ``thidua.decisions.rules`` (403), a change to a signed decision is a 409 with the Vietnamese reason, the body is
read by a serializer, and one service call (``thidua.decisions.services``) does the work; its refusals are 400s with
Vietnamese messages keyed by field (``thidua.core.api.exception_handler``).
"""

from __future__ import annotations

import copy

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.rules import holds_role_at
from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority
from thidua.core.api import ScopedViewSetMixin
from thidua.core.uploads import file_response
from thidua.core.xlsx import bytes_response
from thidua.decisions import certificates, extracts, money, payments, rules, services
from thidua.decisions.documents import decision_response, extract_document
from thidua.decisions.enums import DecisionState
from thidua.decisions.filters import DecisionFilter
from thidua.decisions.models import Certificate, CertificateReissue, Decision, DecisionItem, Extract, _refuse_signed
from thidua.decisions.recipient_views import reissue_pdf
from thidua.decisions.serializers import (
    AddEntriesInputSerializer,
    CertificateReissueSerializer,
    CertificateSerializer,
    CertificatesInputSerializer,
    DecisionAmendInputSerializer,
    DecisionDetailSerializer,
    DecisionInputSerializer,
    DecisionSerializer,
    DecisionSignInputSerializer,
    DecisionUpdateSerializer,
    ExtractInputSerializer,
    ExtractSerializer,
    JobStartedSerializer,
    RecordInputSerializer,
    ReissueInputSerializer,
    TotalsSerializer,
)
from thidua.decisions.views import (
    CERTIFICATE_FILE_KINDS,
    CERTIFICATES_JOB,
    DOCUMENT_FORMATS,
    certificate_jobs,
    file_stem,
    latest_files,
)
from thidua.documents.http import document_response
from thidua.jobs.models import JobStatus
from thidua.jobs.services import start_job
from thidua.records.models import Award

FILE_RESPONSE = {(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description=_("Tệp"))}
NO_CONTENT = {204: OpenApiResponse(description=_("Đã xóa"))}
CONFLICT = {409: OpenApiResponse(description=_("Quyết định đã ký ban hành: không sửa, xóa được"))}
ITEM_RELATIONS = ("award_type", "award", "certificate", "replaces", "revokes")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Yêu cầu xung đột với trạng thái hiện tại.")
    default_code = "conflict"


def _draft_only(decision: Decision) -> None:
    """409 for a change to a signed decision: it is corrected by another decision, never edited."""
    if decision.state != DecisionState.DRAFT:
        raise Conflict(_refuse_signed().messages[0])


@extend_schema_view(
    list=extend_schema(summary=_("Quyết định khen thưởng trong phạm vi, mới nhất trước")),
    retrieve=extend_schema(
        summary=_("Một quyết định: nội dung, danh sách kèm theo với tiền thưởng (dự thảo: tạm tính theo hôm nay), "
                  "bằng khen, các quyết định điều chỉnh, việc người gọi được làm")
    ),
)  # fmt: skip
@extend_schema(tags=["decisions"])
class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSetMixin, viewsets.GenericViewSet):
    filterset_class = DecisionFilter
    keyset_ordering = ("-id",)

    def get_queryset(self) -> QuerySet[Decision]:
        decisions = scoped(Decision, self.request.user).select_related("authority__unit", "register")
        decisions = decisions.annotate(item_count=Count("items"), total_amount=Sum("items__amount"))
        if self.action == "list":
            return decisions
        items = DecisionItem.objects.select_related(*ITEM_RELATIONS).order_by("sort_order", "pk")
        return decisions.select_related("signed_by", "authority__kind").prefetch_related(
            Prefetch("items", queryset=items)
        )

    def get_serializer_class(self):
        return DecisionSerializer if self.action == "list" else DecisionDetailSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return self.show_detail(self.get_object())

    def show_detail(self, decision: Decision, *, status_code: int = 200) -> Response:
        """The decision as its detail shows it, re-read through the scope; a draft's money is a preview for today."""
        decision = self.reload_in_scope(decision, "non_field_errors")
        context = self.get_serializer_context()
        items = list(decision.items.all())
        if decision.state == DecisionState.DRAFT:
            today = timezone.localdate()
            priced = [copy.copy(item) for item in items]
            money.settle(priced, today)
            context.update(priced={item.pk: item for item in priced}, money_on=today)
        visible = scoped(Decision, self.request.user).filter(amends=decision).order_by("pk")
        context["visible_amendments"] = visible.values_list("pk", flat=True)
        return Response(DecisionDetailSerializer(decision, context=context).data, status=status_code)

    # --- Drafts ---------------------------------------------------------------------------------------------

    @extend_schema(
        summary=_("Lập dự thảo quyết định từ các đề nghị đã được duyệt gửi đến một cấp (Ban Thi đua - Khen thưởng "
                  "của cấp đó)"),
        request=DecisionInputSerializer,
        responses={201: DecisionDetailSerializer},
    )  # fmt: skip
    def create(self, request: Request) -> Response:
        data = self.validated(DecisionInputSerializer)
        authority: Authority = data.pop("authority")
        self.require(
            rules.can_draft(request.user, authority),
            _("Bạn không có quyền lập quyết định của “%(authority)s”.") % {"authority": authority},
        )
        entries = data.pop("entries")
        subject = data.pop("subject", "")
        decision = services.draft_decision(by=request.user, authority=authority, entries=entries, subject=subject,
                                           **data)  # fmt: skip
        return self.show_detail(decision, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Ghi nhận quyết định đã ký ở nơi khác (Thủ tướng, Chủ tịch nước) hoặc trước khi có hệ thống: các "
                  "khen thưởng được tạo ngay"),
        request=RecordInputSerializer,
        responses={201: DecisionDetailSerializer},
    )  # fmt: skip
    def record(self, request: Request) -> Response:
        data = self.validated(RecordInputSerializer)
        authority: Authority = data.pop("authority")
        self.require(
            rules.can_record(request.user, authority),
            _("Bạn không có quyền ghi nhận quyết định của “%(authority)s”.") % {"authority": authority},
        )
        items = [{key: value for key, value in row.items() if value not in (None, "")}
                 for row in data.pop("items")]  # fmt: skip
        decision = services.record_decision(by=request.user, authority=authority, number_text=data.pop("number_text"),
                                            signed_on=data.pop("signed_on"), subject=data.pop("subject"),
                                            items=items, **data)  # fmt: skip
        return self.show_detail(decision, status_code=status.HTTP_201_CREATED)

    def _editable(self, decision: Decision) -> None:
        self.require(rules.can_draft(self.request.user, decision.authority),
                     _("Bạn không có quyền sửa quyết định của “%(authority)s”.")
                     % {"authority": decision.authority})  # fmt: skip
        _draft_only(decision)

    @extend_schema(
        summary=_("Sửa nội dung dự thảo (trích yếu, căn cứ, đề nghị, thi hành, nơi nhận, người ký); 409 khi đã ký"),
        request=DecisionUpdateSerializer,
        responses={200: DecisionDetailSerializer, **CONFLICT},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        decision = self.get_object()
        self._editable(decision)
        data = self.validated(DecisionUpdateSerializer)
        version = data.pop("version")
        decision = services.update_decision(decision, by=request.user, expected_version=version, **data)
        return self.show_detail(decision)

    @extend_schema(summary=_("Xóa dự thảo (các đề nghị trở lại chờ quyết định); 409 khi đã ký"), request=None,
                   responses={**NO_CONTENT, **CONFLICT})  # fmt: skip
    def destroy(self, request: Request, pk: int) -> Response:
        decision = self.get_object()
        self._editable(decision)
        services.delete_draft(decision, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Thêm đề nghị đã được duyệt vào dự thảo"),
        request=AddEntriesInputSerializer,
        responses={200: DecisionDetailSerializer, **CONFLICT},
    )
    def add_entries(self, request: Request, pk: int) -> Response:
        decision = self.get_object()
        self._editable(decision)
        data = self.validated(AddEntriesInputSerializer)
        decision = services.add_entries(decision, by=request.user, entries=data["entries"],
                                        expected_version=data["version"])  # fmt: skip
        return self.show_detail(decision)

    @extend_schema(
        summary=_("Bỏ một người, tập thể khỏi dự thảo (?version= phiên bản đang xem)"),
        parameters=[OpenApiParameter("version", int, required=False, description=str(_("Phiên bản quyết định")))],
        request=None,
        responses={**NO_CONTENT, **CONFLICT},
    )
    def remove_item(self, request: Request, pk: int, item_pk: int) -> Response:
        decision = self.get_object()
        item = next((item for item in decision.items.all() if item.pk == int(item_pk)), None)
        if item is None:
            raise Http404
        self._editable(decision)
        raw = request.query_params.get("version", "")
        if raw and not raw.isdigit():
            raise exceptions.ValidationError({"version": [_("Phiên bản phải là số nguyên không âm.")]})
        services.remove_item(item, by=request.user, expected_version=int(raw) if raw else None)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- Signing and amending ----------------------------------------------------------------------------------

    @extend_schema(
        summary=_("Ký ban hành (sổ hệ thống cấp số: người ký) hoặc ghi nhận số, ngày ký và bản đã ký (sổ của văn "
                  "thư: văn thư; multipart với signed_file)"),
        request={"application/json": DecisionSignInputSerializer, "multipart/form-data": DecisionSignInputSerializer},
        responses={200: DecisionDetailSerializer, **CONFLICT},
    )  # fmt: skip
    def sign(self, request: Request, pk: int) -> Response:
        decision = self.get_object()
        self.require(holds_role_at(request.user, decision.authority.unit, rules.sign_roles(decision)),
                     _("Bạn không có quyền ký hoặc ghi nhận ký quyết định của “%(authority)s”.")
                     % {"authority": decision.authority})  # fmt: skip
        _draft_only(decision)
        data = self.validated(DecisionSignInputSerializer)
        decision = services.sign(decision, by=request.user, expected_version=data["version"],
                                 signed_on=data["signed_on"], number_text=data["number_text"],
                                 signed_file=data["signed_file"])  # fmt: skip
        return self.show_detail(decision)

    @extend_schema(
        summary=_("Lập dự thảo quyết định điều chỉnh (sửa nội dung) hoặc hủy bỏ khen thưởng của quyết định đã ký"),
        request=DecisionAmendInputSerializer,
        responses={201: DecisionDetailSerializer, 409: OpenApiResponse(description=_("Quyết định chưa ký"))},
    )
    def amend(self, request: Request, pk: int) -> Response:
        decision = self.get_object()
        self.require(rules.can_draft(request.user, decision.authority),
                     _("Bạn không có quyền lập quyết định của “%(authority)s”.")
                     % {"authority": decision.authority})  # fmt: skip
        if decision.state != DecisionState.SIGNED:
            raise Conflict(_("Chỉ điều chỉnh, hủy bỏ quyết định đã ký ban hành."))
        data = self.validated(DecisionAmendInputSerializer)
        granted = {award.pk: award for award in Award.objects.filter(decision_item__decision=decision)}
        changes = []
        for change in data["changes"]:
            change = dict(change)
            award = granted.get(change.pop("award"))
            if award is None:
                raise exceptions.ValidationError({"changes": [_("Khen thưởng đã chọn không do quyết định này trao.")]})
            changes.append({"award": award, **change})
        amendment = services.draft_amendment(decision, by=request.user, kind=data["kind"], changes=changes,
                                             subject=data["subject"], reason=data["reason"])  # fmt: skip
        return self.show_detail(amendment, status_code=status.HTTP_201_CREATED)

    # --- Files ------------------------------------------------------------------------------------------------

    @extend_schema(summary=_("Quyết định và danh sách kèm theo (DOCX hoặc PDF, thể thức Nghị định 30/2020); dự thảo "
                             "in chữ DỰ THẢO"), responses=FILE_RESPONSE)  # fmt: skip
    def document(self, request: Request, pk: int, fmt: str):
        if fmt not in DOCUMENT_FORMATS:
            raise Http404
        return decision_response(self.get_object(), fmt, by=request.user)

    @extend_schema(summary=_("Bản quyết định đã ký do văn thư tải lên (PDF); 404 khi không có"),
                   responses=FILE_RESPONSE)  # fmt: skip
    def signed_file(self, request: Request, pk: int):
        decision = self.get_object()
        if decision.signed_file_id is None:
            raise Http404
        return file_response(decision.signed_file)

    @extend_schema(summary=_("Danh sách chi tiền thưởng (XLSX) của quyết định đã ký: kế toán, Ban TĐKT"),
                   responses=FILE_RESPONSE)  # fmt: skip
    def payment_list(self, request: Request, pk: int):
        decision = self.get_object()
        self.require(rules.can_pay(request.user, decision),
                     _("Bạn không có quyền xem danh sách chi tiền thưởng của quyết định này."))  # fmt: skip
        name = _("Danh sách chi tiền thưởng %(number)s") % {"number": file_stem(decision)}
        return bytes_response(payments.payment_list_xlsx(decision), filename=f"{name}.xlsx")

    def _printer(self, decision: Decision) -> None:
        self.require(rules.can_print(self.request.user, decision),
                     _("Bạn không có quyền in bằng, giấy khen của quyết định này (Ban TĐKT, văn thư của cấp quyết "
                       "định; quyết định đã ký)."))  # fmt: skip

    @extend_schema(
        summary=_("In bằng, giấy khen của quyết định đã ký: bắt đầu tác vụ nền (202); theo dõi tại url, tải tệp tại "
                  "file_url khi hoàn thành"),
        request=CertificatesInputSerializer,
        responses={202: JobStartedSerializer},
    )  # fmt: skip
    def certificates(self, request: Request, pk: int) -> Response:
        decision = self.get_object()
        self._printer(decision)
        mode = self.validated(CertificatesInputSerializer)["mode"]
        job = certificate_jobs(request.user, decision).filter(status__in=JobStatus.unfinished(),
                                                              params__mode=mode).first()  # fmt: skip
        if job is None:
            job = start_job(CERTIFICATES_JOB, by=request.user, params={"decision_id": decision.pk, "mode": mode})
        job.refresh_from_db()
        file_url = reverse("api-decision-certificates-file", args=[decision.pk])
        body = {
            "job": job.pk,
            "status": job.status,
            "url": request.build_absolute_uri(reverse("api-job-detail", args=[job.pk])),
            "page": request.build_absolute_uri(reverse("jobs:detail", args=[job.pk])),
            "file_url": request.build_absolute_uri(f"{file_url}?mode={mode}"),
        }
        return Response(JobStartedSerializer(body).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary=_("Tệp PDF bằng, giấy khen mới nhất của quyết định (?mode=blank: in trên phôi); 404 khi chưa in"),
        parameters=[OpenApiParameter("mode", str, enum=list(CERTIFICATE_FILE_KINDS), required=False)],
        responses=FILE_RESPONSE,
    )
    def certificates_file(self, request: Request, pk: int):
        decision = self.get_object()
        self._printer(decision)
        kind = CERTIFICATE_FILE_KINDS.get(request.query_params.get("mode") or "full")
        generated = latest_files(decision).get(kind) if kind else None
        if generated is None:
            raise Http404
        return file_response(generated.file)


@extend_schema(tags=["decisions"])
class TotalsViewSet(viewsets.GenericViewSet):
    """GET /api/v1/decisions/totals/ and totals.xlsx: the money of the signed decisions of the authorities where
    the caller works in finance or the board."""

    filterset_class = None
    pagination_class = None

    def _decisions(self) -> QuerySet[Decision]:
        units = rules.money_units(self.request.user)
        if units == []:
            raise exceptions.PermissionDenied(_("Bạn không có quyền xem tổng hợp tiền thưởng: việc của kế toán, Ban "
                                                "Thi đua - Khen thưởng của cấp quyết định."))  # fmt: skip
        decisions = scoped(Decision, self.request.user).filter(state=DecisionState.SIGNED)
        if units is not None:
            decisions = decisions.filter(authority__unit_id__in=units)
        year, authority = self.request.query_params.get("year", ""), self.request.query_params.get("authority", "")
        for name, value in (("year", year), ("authority", authority)):
            if value and not value.isdigit():
                raise exceptions.ValidationError({name: [_("Giá trị không hợp lệ.")]})
        if year:
            decisions = decisions.filter(signed_on__year=int(year))
        if authority:
            decisions = decisions.filter(authority_id=int(authority))
        return decisions

    @extend_schema(
        summary=_("Tổng hợp tiền thưởng theo quyết định, đơn vị, năm"),
        parameters=[OpenApiParameter("year", int, required=False, description=str(_("Năm ký"))),
                    OpenApiParameter("authority", int, required=False, description=str(_("Cấp quyết định (mã số)")))],
        responses={200: TotalsSerializer},
    )  # fmt: skip
    def totals(self, request: Request) -> Response:
        return Response(TotalsSerializer(payments.totals(self._decisions())).data)

    @extend_schema(
        summary=_("Tổng hợp tiền thưởng (XLSX)"),
        parameters=[OpenApiParameter("year", int, required=False), OpenApiParameter("authority", int, required=False)],
        responses=FILE_RESPONSE,
    )
    def totals_xlsx(self, request: Request):
        title = _("Tổng hợp tiền thưởng")
        return bytes_response(payments.totals_xlsx(self._decisions()), filename=f"{title}.xlsx")


@extend_schema(tags=["certificates"])
class CertificateViewSet(mixins.RetrieveModelMixin, ScopedViewSetMixin, viewsets.GenericViewSet):
    """GET /api/v1/certificates/{code}/: a certificate the caller sees (the public page is /verify/{code}); POST
    …/{code}/reissue/: cấp lại."""

    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]+"
    serializer_class = CertificateSerializer
    filterset_class = None
    pagination_class = None

    def get_queryset(self) -> QuerySet[Certificate]:
        return (
            scoped(Certificate, self.request.user)
            .select_related("award__award_type", "decision_item")
            .prefetch_related("reissues")
        )

    @extend_schema(summary=_("Một bằng, giấy khen theo mã xác thực: số vào sổ, khen thưởng, quyết định, còn hiệu lực"))
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary=_("Cấp lại bằng, giấy khen bị mất, hư hỏng (Ban TĐKT, văn thư của cấp đã khen): cùng số vào sổ, in "
                  "dòng “Cấp lại lần … ngày …”; trả về lần cấp lại và địa chỉ tệp PDF"),
        request=ReissueInputSerializer,
        responses={201: CertificateReissueSerializer},
    )  # fmt: skip
    def reissue(self, request: Request, code: str) -> Response:
        certificate = self.get_object()
        self.require(certificates.can_reissue(request.user, certificate),
                     _("Bạn không có quyền cấp lại bằng, giấy khen này (Ban TĐKT, văn thư của cấp đã khen "
                       "thưởng)."))  # fmt: skip
        reason = self.validated(ReissueInputSerializer)["reason"]
        made = certificates.reissue(certificate, by=request.user, reason=reason)
        made = CertificateReissue.objects.select_related("certificate", "reissued_by").get(pk=made.pk)
        body = CertificateReissueSerializer(made, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=["certificates"])
class CertificateReissueViewSet(viewsets.GenericViewSet):
    """GET /api/v1/certificate-reissues/{id}.pdf: the single page of a reissue."""

    filterset_class = None
    pagination_class = None

    def get_queryset(self) -> QuerySet[CertificateReissue]:
        return CertificateReissue.objects.filter(certificate__in=scoped(Certificate, self.request.user)).select_related(
            "certificate__decision_item__decision__authority__unit"
        )

    @extend_schema(
        summary=_("Trang in lại của một lần cấp lại (PDF, một trang; ?mode=blank: in trên phôi)"),
        parameters=[OpenApiParameter("mode", str, enum=list(CERTIFICATE_FILE_KINDS), required=False)],
        responses=FILE_RESPONSE,
    )
    def pdf(self, request: Request, pk: int):
        reissue = self.get_object()
        if not certificates.can_reissue(request.user, reissue.certificate):
            raise exceptions.PermissionDenied(_("Bạn không có quyền tải bản cấp lại này (Ban TĐKT, văn thư của cấp "
                                                "đã khen thưởng)."))  # fmt: skip
        return reissue_pdf(reissue, request.query_params.get("mode") or "full")


@extend_schema_view(
    list=extend_schema(summary=_("Giấy xác nhận khen thưởng của cá nhân, tập thể trong phạm vi, mới nhất trước")),
    retrieve=extend_schema(summary=_("Một giấy xác nhận: các khen thưởng được xác nhận, địa chỉ tải và xác thực")),
)
@extend_schema(tags=["extracts"])
class ExtractViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSetMixin, viewsets.GenericViewSet):
    serializer_class = ExtractSerializer
    filterset_class = None
    keyset_ordering = ("-id",)

    def get_queryset(self) -> QuerySet[Extract]:
        return scoped(Extract, self.request.user).select_related("issuer__unit", "issued_by")

    @extend_schema(
        summary=_("Cấp giấy xác nhận khen thưởng cho một cá nhân hoặc tập thể (Ban TĐKT của cơ quan xác nhận)"),
        request=ExtractInputSerializer,
        responses={201: ExtractSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.validated(ExtractInputSerializer)
        issuer: Authority = data["issuer"]
        self.require(extracts.can_issue(request.user, issuer),
                     _("Bạn không có quyền cấp giấy xác nhận thay “%(issuer)s” (Ban Thi đua - Khen thưởng của cấp "
                       "đó).") % {"issuer": issuer})  # fmt: skip
        extract = extracts.issue_extract(by=request.user, person=data.get("person"), unit=data.get("unit"),
                                         issuer=issuer)  # fmt: skip
        return self.show(extract, status_code=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Giấy xác nhận (DOCX hoặc PDF, thể thức Nghị định 30/2020, mã QR xác thực)"),
                   responses=FILE_RESPONSE)  # fmt: skip
    def document(self, request: Request, pk: int, fmt: str):
        if fmt not in DOCUMENT_FORMATS:
            raise Http404
        return document_response(extract_document(self.get_object()), fmt)
