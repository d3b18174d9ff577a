"""API representations of decisions (issue 6): a decision with its list (Danh sách kèm theo), the money of each line,
its certificates, what the caller may do to it; the inputs of drafting, editing, signing and amending; a
certificate seen by staff. Field names are English; ``*_display`` carry the Vietnamese labels.

The money of a signed decision is fixed at signing; a draft shows a preview, settled for today on unsaved copies
(``money_on`` says for which day), the amounts the signing would fix if it were signed that day."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.accounts.serializers import ScopedPrimaryKeyField
from thidua.catalog.models import Authority
from thidua.core.api import ModelSerializer, Serializer
from thidua.decisions import rules
from thidua.decisions.certificates import verify_url
from thidua.decisions.enums import DecisionKind, Numbering, PrintMode
from thidua.decisions.models import Certificate, CertificateReissue, Decision, DecisionItem, Extract
from thidua.dossiers.models import DossierEntry
from thidua.orgs.models import Household, OrgUnit, Person

VERSION_HELP = _("Phiên bản quyết định đang xem (trường version); khác phiên bản hiện tại thì bị từ chối (400)")


def _user_name(user) -> str | None:
    return user.display_name if user is not None else None


# --- Output -------------------------------------------------------------------------------------------------


class ItemCertificateSerializer(ModelSerializer):
    verify_url = serializers.SerializerMethodField(help_text=_("Trang xác thực công khai (mã QR trên bằng)"))

    class Meta:
        model = Certificate
        fields = ["code", "serial_text", "serial_year", "verify_url"]
        read_only_fields = fields

    def get_verify_url(self, certificate: Certificate) -> str:
        return verify_url(certificate.code)


class DecisionItemSerializer(ModelSerializer):
    """One line of the list. ``coefficient``, ``base_salary``, ``amount`` and ``money_note`` of a draft are the
    preview (see the decision's ``money_on``)."""

    award_type_code = serializers.CharField(source="award_type.code", read_only=True)
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    period_kind_display = serializers.CharField(source="get_period_kind_display", read_only=True)
    coefficient = serializers.SerializerMethodField()
    base_salary = serializers.SerializerMethodField()
    amount = serializers.SerializerMethodField(help_text=_("Tiền thưởng (đồng)"))
    money_note = serializers.SerializerMethodField()
    certificate = serializers.SerializerMethodField()

    class Meta:
        model = DecisionItem
        fields = [
            "id",
            "entry",
            "person",
            "unit",
            "household",
            "recipient_name",
            "position",
            "unit_name",
            "award_type",
            "award_type_code",
            "award_type_name",
            "year",
            "period_kind",
            "period_kind_display",
            "achievement",
            "posthumous",
            "replaces",
            "revokes",
            "award",
            "coefficient",
            "base_salary",
            "amount",
            "money_note",
            "certificate",
        ]
        read_only_fields = fields

    def _priced(self, item: DecisionItem) -> DecisionItem:
        return self.context.get("priced", {}).get(item.pk, item)

    @extend_schema_field(serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True))
    def get_coefficient(self, item: DecisionItem) -> str | None:
        value = self._priced(item).coefficient
        return f"{value:.2f}" if value is not None else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_base_salary(self, item: DecisionItem) -> int | None:
        return self._priced(item).base_salary

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_amount(self, item: DecisionItem) -> int | None:
        return self._priced(item).amount

    def get_money_note(self, item: DecisionItem) -> str:
        return self._priced(item).money_note or ""

    @extend_schema_field(ItemCertificateSerializer(allow_null=True))
    def get_certificate(self, item: DecisionItem) -> dict | None:
        certificate = getattr(item, "certificate", None)
        return ItemCertificateSerializer(certificate).data if certificate is not None else None


class DecisionSerializer(ModelSerializer):
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    origin_display = serializers.CharField(source="get_origin_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    item_count = serializers.IntegerField(read_only=True, help_text=_("Số người, tập thể"))
    total_amount = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Tổng tiền thưởng (đồng) đã chốt khi ký; null khi dự thảo")
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "authority",
            "authority_name",
            "kind",
            "kind_display",
            "origin",
            "origin_display",
            "state",
            "state_display",
            "amends",
            "number_text",
            "signed_on",
            "subject",
            "item_count",
            "total_amount",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class RegisterSummarySerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    symbol = serializers.CharField()
    numbering = serializers.ChoiceField(
        choices=Numbering.choices, help_text=_("internal: hệ thống cấp số khi ký; external: văn thư nhập số")
    )


class PermissionsSerializer(Serializer):
    """What the caller may do to the decision now (each is checked again when done)."""

    edit = serializers.BooleanField(help_text=_("Sửa nội dung, thêm, bỏ người, tập thể, xóa dự thảo"))
    sign = serializers.BooleanField(help_text=_("POST …/sign/"))
    amend = serializers.BooleanField(help_text=_("POST …/amend/"))
    print_certificates = serializers.BooleanField(help_text=_("POST …/certificates/, GET …/certificates.pdf"))
    payment_list = serializers.BooleanField(help_text=_("GET …/payment-list.xlsx"))


class DecisionDetailSerializer(DecisionSerializer):
    """A decision with its text, its list and money, the decisions amending it and what the caller may do."""

    register = RegisterSummarySerializer(read_only=True)
    commendation_kind_display = serializers.CharField(source="get_commendation_kind_display", read_only=True)
    signed_by_name = serializers.SerializerMethodField()
    has_signed_file = serializers.SerializerMethodField(help_text=_("Có bản đã ký (GET …/signed-file/)"))
    amendments = serializers.SerializerMethodField(help_text=_("Các quyết định điều chỉnh, hủy bỏ quyết định này"))
    money_on = serializers.SerializerMethodField(
        help_text=_("Ngày tính tiền thưởng: ngày ký, hoặc hôm nay với dự thảo")
    )
    items = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = [
            *DecisionSerializer.Meta.fields,
            "register",
            "legal_basis",
            "proposal",
            "executors",
            "recipients",
            "commendation_kind",
            "commendation_kind_display",
            "movement",
            "signing_capacity",
            "signer_position",
            "signer_name",
            "number",
            "number_year",
            "signed_by_name",
            "signed_at",
            "has_signed_file",
            "amendments",
            "money_on",
            "items",
            "permissions",
        ]
        read_only_fields = fields

    def get_signed_by_name(self, decision: Decision) -> str | None:
        return _user_name(decision.signed_by)

    def get_has_signed_file(self, decision: Decision) -> bool:
        return decision.signed_file_id is not None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_amendments(self, decision: Decision) -> list[int]:
        visible = self.context.get("visible_amendments")
        return list(visible) if visible is not None else []

    @extend_schema_field(serializers.DateField())
    def get_money_on(self, decision: Decision):
        on = self.context.get("money_on") or decision.signed_on
        return on.isoformat() if on else None

    @extend_schema_field(DecisionItemSerializer(many=True))
    def get_items(self, decision: Decision) -> list[dict]:
        return DecisionItemSerializer(decision.items.all(), many=True, context=self.context).data

    @extend_schema_field(PermissionsSerializer)
    def get_permissions(self, decision: Decision) -> dict:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return dict.fromkeys(PermissionsSerializer().fields, False)
        return {
            "edit": rules.can_edit(user, decision),
            "sign": rules.can_sign(user, decision),
            "amend": rules.can_amend(user, decision),
            "print_certificates": rules.can_print(user, decision),
            "payment_list": rules.can_pay(user, decision),
        }


class CertificateSerializer(ModelSerializer):
    """A certificate as the staff see it: its register number, the award, the decision, whether it still stands."""

    recipient_name = serializers.CharField(source="award.recipient_name", read_only=True)
    award_type_name = serializers.CharField(source="award.award_type.name", read_only=True)
    year = serializers.IntegerField(source="award.year", read_only=True)
    posthumous = serializers.BooleanField(source="award.posthumous", read_only=True)
    decision = serializers.IntegerField(source="decision_item.decision_id", read_only=True)
    decision_number = serializers.CharField(source="award.decision_number", read_only=True)
    decision_date = serializers.DateField(source="award.decision_date", read_only=True)
    authority_name = serializers.CharField(source="award.authority_name", read_only=True)
    revoked_on = serializers.DateField(source="award.revoked_on", read_only=True, allow_null=True)
    revoked_reference = serializers.CharField(source="award.revoked_reference", read_only=True)
    valid = serializers.SerializerMethodField(help_text=_("false khi khen thưởng đã bị hủy bỏ, thay thế"))
    reissues = serializers.SerializerMethodField(help_text=_("Các lần cấp lại: số lần, ngày"))
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "code",
            "serial_text",
            "serial_number",
            "serial_year",
            "award",
            "recipient_name",
            "award_type_name",
            "year",
            "posthumous",
            "decision",
            "decision_number",
            "decision_date",
            "authority_name",
            "valid",
            "revoked_on",
            "revoked_reference",
            "reissues",
            "verify_url",
            "created_at",
        ]
        read_only_fields = fields

    def get_valid(self, certificate: Certificate) -> bool:
        return certificate.award.revoked_on is None

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_reissues(self, certificate: Certificate) -> list[dict]:
        return [{"sequence": reissue.sequence, "reissued_on": reissue.reissued_on.isoformat()}
                for reissue in certificate.reissues.all()]  # fmt: skip

    def get_verify_url(self, certificate: Certificate) -> str:
        return verify_url(certificate.code)


class JobStartedSerializer(Serializer):
    job = serializers.UUIDField(help_text=_("Mã tác vụ nền"))
    status = serializers.CharField()
    url = serializers.CharField(help_text=_("GET: tiến độ của tác vụ (/api/v1/jobs/{id}/)"))
    page = serializers.CharField(help_text=_("Trang theo dõi tiến độ trên giao diện"))
    file_url = serializers.CharField(help_text=_("GET khi tác vụ hoàn thành: tệp PDF mới nhất"))


class DecisionTotalSerializer(Serializer):
    decision = serializers.IntegerField(help_text=_("Mã số quyết định"))
    number_text = serializers.CharField()
    signed_on = serializers.DateField()
    authority = serializers.CharField(help_text=_("Cấp quyết định"))
    items = serializers.IntegerField(help_text=_("Số người, tập thể"))
    amount = serializers.IntegerField(help_text=_("Tiền thưởng (đồng)"))


class UnitTotalSerializer(Serializer):
    unit = serializers.CharField(help_text=_("Đơn vị (tên tại thời điểm khen thưởng)"))
    items = serializers.IntegerField()
    amount = serializers.IntegerField()


class YearTotalSerializer(Serializer):
    year = serializers.IntegerField(help_text=_("Năm ký"))
    items = serializers.IntegerField()
    amount = serializers.IntegerField()


class TotalsSerializer(Serializer):
    """Sums of the reward money of signed decisions (revocations carry none)."""

    by_decision = DecisionTotalSerializer(many=True)
    by_unit = UnitTotalSerializer(many=True)
    by_year = YearTotalSerializer(many=True)
    total = serializers.IntegerField(help_text=_("Tổng cộng (đồng)"))


# --- Input ----------------------------------------------------------------------------------------------------


class HeaderFieldsSerializer(Serializer):
    """The text of a decision around its list (all optional; the draft's defaults stay for those left out)."""

    legal_basis = serializers.CharField(required=False, allow_blank=True, help_text=_("Mỗi căn cứ một dòng"))
    proposal = serializers.CharField(required=False, allow_blank=True)
    executors = serializers.CharField(required=False, allow_blank=True, help_text=_("Điều 3: trách nhiệm thi hành"))
    recipients = serializers.CharField(required=False, allow_blank=True, help_text=_("Nơi nhận, mỗi nơi một dòng"))
    commendation_kind = serializers.ChoiceField(choices=Decision._meta.get_field("commendation_kind").choices,
                                                required=False)  # fmt: skip
    signing_capacity = serializers.CharField(required=False, allow_blank=True, max_length=100,
                                             help_text=_("Ví dụ: KT. CHỦ TỊCH"))  # fmt: skip
    signer_position = serializers.CharField(required=False, allow_blank=True, max_length=100,
                                            help_text=_("Ví dụ: PHÓ CHỦ TỊCH"))  # fmt: skip
    signer_name = serializers.CharField(required=False, allow_blank=True, max_length=200)


class DecisionInputSerializer(HeaderFieldsSerializer):
    """A new draft of ``authority`` from its approved entries (the caller: board roles at the authority's unit)."""

    authority = serializers.PrimaryKeyRelatedField(queryset=Authority.objects.all(), help_text=_("Mã số"))
    entries = serializers.ListField(
        child=ScopedPrimaryKeyField(queryset=DossierEntry.objects.all()), allow_empty=False,
        help_text=_("Mã số các đề nghị đã được duyệt, gửi đến cấp này"),
    )  # fmt: skip
    subject = serializers.CharField(required=False, allow_blank=True, max_length=500,
                                    help_text=_("Trích yếu; để trống: “Về việc tặng …”"))  # fmt: skip


class DecisionUpdateSerializer(HeaderFieldsSerializer):
    subject = serializers.CharField(required=False, max_length=500)
    version = serializers.IntegerField(min_value=0, help_text=VERSION_HELP)


class AddEntriesInputSerializer(Serializer):
    entries = serializers.ListField(child=ScopedPrimaryKeyField(queryset=DossierEntry.objects.all()),
                                    allow_empty=False, help_text=_("Mã số các đề nghị đã được duyệt"))  # fmt: skip
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None,
                                       help_text=VERSION_HELP)  # fmt: skip


class DecisionSignInputSerializer(Serializer):
    """Sổ do hệ thống cấp số (internal): the signer; ``signed_on`` (default today). Sổ của văn thư (external): the
    clerk; ``number_text`` as on the signed paper, ``signed_on`` and ``signed_file`` (PDF; multipart)."""

    signed_on = serializers.DateField(required=False, allow_null=True, default=None,
                                      help_text=_("Ngày ký (YYYY-MM-DD); mặc định hôm nay"))  # fmt: skip
    number_text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=80,
        help_text=_("Số, ký hiệu do văn thư cấp, ví dụ 3998/QĐ-UBND (sổ external)"),
    )
    signed_file = serializers.FileField(required=False, allow_null=True, default=None,
                                        help_text=_("Bản đã ký, PDF (sổ external)"))  # fmt: skip
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None,
                                       help_text=VERSION_HELP)  # fmt: skip


class ChangeInputSerializer(Serializer):
    award = serializers.IntegerField(help_text=_("Mã số khen thưởng do quyết định này trao"))
    recipient_name = serializers.CharField(required=False, max_length=300)
    position = serializers.CharField(required=False, allow_blank=True, max_length=200)
    unit_name = serializers.CharField(required=False, allow_blank=True, max_length=300)
    achievement = serializers.CharField(required=False, allow_blank=True)
    award_code = serializers.CharField(
        required=False, max_length=40, help_text=_("Mã danh hiệu, hình thức đúng (khi quyết định ghi sai)")
    )


class DecisionAmendInputSerializer(Serializer):
    """A correcting (amendment: each change carries the corrected fields) or revoking (revocation: the awards
    alone) draft of the same authority."""

    kind = serializers.ChoiceField(
        choices=DecisionKind.choices, help_text=_("amendment: điều chỉnh; revocation: hủy bỏ")
    )
    changes = ChangeInputSerializer(many=True, allow_empty=False)
    subject = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    def validate_kind(self, value: str) -> str:
        if value not in (DecisionKind.AMENDMENT, DecisionKind.REVOCATION):
            raise serializers.ValidationError(_("Chọn amendment (điều chỉnh) hoặc revocation (hủy bỏ)."))
        return value


class RecordedItemSerializer(Serializer):
    """One line of a decision signed elsewhere: exactly one of ``person``, ``unit``, ``household`` (or the ``entry``
    it decides), the award by its stable code (the version in force on the signing date)."""

    person = ScopedPrimaryKeyField(queryset=Person.objects.all(), required=False, allow_null=True, default=None)
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), required=False, allow_null=True, default=None)
    household = ScopedPrimaryKeyField(queryset=Household.objects.all(), required=False, allow_null=True, default=None)
    entry = ScopedPrimaryKeyField(queryset=DossierEntry.objects.all(), required=False, allow_null=True, default=None,
                                  help_text=_("Đề nghị được duyệt mà quyết định này giải quyết (nếu có)"))  # fmt: skip
    award_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=40,
                                       help_text=_("Ví dụ: BK_TTG, HCLD3"))  # fmt: skip
    year = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1945, max_value=2100)
    achievement = serializers.CharField(required=False, allow_blank=True, default="")
    posthumous = serializers.BooleanField(required=False, default=False)
    recipient_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    position = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    unit_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class RecordInputSerializer(HeaderFieldsSerializer):
    """A decision already signed, recorded with its number and date: the awards are created at once."""

    authority = serializers.PrimaryKeyRelatedField(
        queryset=Authority.objects.all(), help_text=_("Cấp quyết định (mã số), kể cả ngoài hệ thống")
    )
    number_text = serializers.CharField(max_length=80, help_text=_("Ví dụ: 1234/QĐ-TTg"))
    signed_on = serializers.DateField()
    subject = serializers.CharField(max_length=500)
    items = RecordedItemSerializer(many=True, allow_empty=False)


class CertificatesInputSerializer(Serializer):
    mode = serializers.ChoiceField(choices=PrintMode.choices, default=PrintMode.FULL,
                                   help_text=_("full: in đầy đủ mẫu; blank: in trên phôi"))  # fmt: skip


# --- Reissues and extracts (cấp lại, giấy xác nhận) -------------------------------------------------------------


class ReissueInputSerializer(Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=2000,
                                   help_text=_("Lý do cấp lại (bắt buộc), ví dụ: bị mất, bị hư hỏng"))  # fmt: skip


class CertificateReissueSerializer(ModelSerializer):
    """A reissue of a certificate: the same register number printed again, marked "Cấp lại lần n ngày …"."""

    certificate = serializers.CharField(source="certificate.code", read_only=True, help_text=_("Mã xác thực"))
    serial_text = serializers.CharField(source="certificate.serial_text", read_only=True)
    reissued_by = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField(
        help_text=_("GET: trang in lại (PDF); thêm ?mode=blank để in trên phôi")
    )

    class Meta:
        model = CertificateReissue
        fields = ["id", "certificate", "serial_text", "sequence", "reason", "reissued_on", "reissued_by", "pdf_url",
                  "created_at"]  # fmt: skip
        read_only_fields = fields

    def get_reissued_by(self, reissue: CertificateReissue) -> str | None:
        return _user_name(reissue.reissued_by)

    def get_pdf_url(self, reissue: CertificateReissue) -> str:
        url = reverse("api-certificate-reissue-pdf", args=[reissue.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ExtractAwardSerializer(Serializer):
    award_id = serializers.IntegerField()
    award_code = serializers.CharField()
    award_name = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    period_label = serializers.CharField()
    posthumous = serializers.BooleanField()
    decision_number = serializers.CharField()
    decision_date = serializers.CharField(help_text=_("Ngày quyết định (ISO), rỗng khi không rõ"))
    authority_name = serializers.CharField()


class ExtractSerializer(ModelSerializer):
    """A giấy xác nhận: the awards in force of a person or a unit as printed on the day of issue."""

    issuer_name = serializers.CharField(source="issuer.name", read_only=True)
    awards = ExtractAwardSerializer(many=True, read_only=True)
    issued_by = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField(help_text=_("Trang xác thực công khai (mã QR trên giấy)"))
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Extract
        fields = ["id", "code", "person", "unit", "subject_name", "issuer", "issuer_name", "issued_on", "awards",
                  "issued_by", "verify_url", "docx_url", "pdf_url", "created_at"]  # fmt: skip
        read_only_fields = fields

    def get_issued_by(self, extract: Extract) -> str | None:
        return _user_name(extract.issued_by)

    def get_verify_url(self, extract: Extract) -> str:
        return verify_url(extract.code)

    def _document_url(self, extract: Extract, fmt: str) -> str:
        url = reverse("api-extract-document", args=[extract.pk, fmt])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    def get_docx_url(self, extract: Extract) -> str:
        return self._document_url(extract, "docx")

    def get_pdf_url(self, extract: Extract) -> str:
        return self._document_url(extract, "pdf")


class ExtractInputSerializer(Serializer):
    """A new giấy xác nhận of one person or one unit the caller sees, issued by ``issuer`` (its board)."""

    person = ScopedPrimaryKeyField(queryset=Person.objects.all(), required=False, allow_null=True,
                                   help_text=_("Mã số cá nhân (hoặc unit)"))  # fmt: skip
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), required=False, allow_null=True,
                                 help_text=_("Mã số tập thể (hoặc person)"))  # fmt: skip
    issuer = serializers.PrimaryKeyRelatedField(
        queryset=Authority.objects.all(), help_text=_("Mã số cơ quan xác nhận (Ban TĐKT của cấp đó cấp)")
    )

    def validate(self, attrs: dict) -> dict:
        if (attrs.get("person") is None) == (attrs.get("unit") is None):
            raise serializers.ValidationError({"person": [_("Chọn một cá nhân hoặc một tập thể cần xác nhận.")]})
        return attrs
