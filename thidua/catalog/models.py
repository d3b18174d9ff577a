"""The award catalog: legal regimes, authorities and what they may grant, award types, base salary.

Everything here is law turned into data (DOMAIN.md). Rows carry their legal source and a confidence tag; the past is
never rewritten: a change is a new row with its own effective date (see services.revise_award_type).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.models import TimeStampedModel
from thidua.core.scoping import Scope
from thidua.orgs.models import OrgUnit


class Confidence(models.TextChoices):
    HIGH = "H", _("Cao (văn bản pháp luật)")
    MEDIUM = "M", _("Trung bình (một nguồn, cần xác minh)")
    LOW = "L", _("Thấp (cần xác minh)")


class PublicLawQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> PublicLawQuerySet:
        # The catalog is public law: every signed-in user may read it.
        return self


class InForceQuerySet(PublicLawQuerySet):
    """Rows with valid_from/valid_to: the ones in force on a date."""

    def in_force(self, on: dt.date) -> InForceQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class LegalRegime(models.Model):
    """A span under one set of rules: 2017–2023 (NĐ 91/2017), 2024–6/2025 (NĐ 98/2023), 7/2025– (NĐ 152/2025)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    instruments = models.TextField(_("văn bản áp dụng"))
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    money_round_to = models.PositiveIntegerField(
        _("làm tròn tiền thưởng lên đến"), default=10_000,
        help_text=_("Tiền thưởng được làm tròn lên bội số này (NĐ 152/2025, Điều 49: hàng chục nghìn đồng)."),
    )  # fmt: skip

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = _("giai đoạn pháp lý")
        verbose_name_plural = pgettext_lazy("số nhiều", "giai đoạn pháp lý")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name


class AuthorityKind(models.Model):
    """A kind of granting authority (Chủ tịch UBND tỉnh, Giám đốc sở, Chủ tịch UBND cấp huyện …), valid for a span."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    level = models.CharField(_("cấp"), max_length=20, choices=[
        ("state", _("Nhà nước")), ("province", _("Tỉnh, bộ, ngành")), ("grassroots", _("Cơ sở")),
    ])  # fmt: skip
    is_central = models.BooleanField(_("cấp trung ương"), default=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hiệu lực đến"), null=True, blank=True,
        help_text=_("Ví dụ: Chủ tịch UBND cấp huyện không còn thẩm quyền từ 01/7/2025."),
    )  # fmt: skip
    legal_source = models.TextField(_("căn cứ pháp lý"), blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = _("loại cấp có thẩm quyền")
        verbose_name_plural = pgettext_lazy("số nhiều", "loại cấp có thẩm quyền")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Authority(TimeStampedModel):
    """One granting authority, bound to a unit: e.g. Chủ tịch UBND thành phố Hải Phòng."""

    kind = models.ForeignKey(
        AuthorityKind, verbose_name=_("loại"), on_delete=models.PROTECT, related_name="authorities"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="authorities")
    name = models.CharField(_("tên"), max_length=255)
    issuing_body = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        help_text=_("Dòng tên cơ quan trên văn bản, ví dụ: ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"),
    )
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức danh người ký"), max_length=100, default="CHỦ TỊCH")
    document_code = models.CharField(_("ký hiệu cơ quan"), max_length=40, help_text=_("Ví dụ: UBND, SNV"))
    place_name = models.CharField(_("địa danh"), max_length=100, help_text=_("Ví dụ: Hải Phòng"))
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = _("cấp có thẩm quyền")
        verbose_name_plural = pgettext_lazy("số nhiều", "cấp có thẩm quyền")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def is_in_force(self, on: dt.date) -> bool:
        spans = [(self.valid_from, self.valid_to), (self.kind.valid_from, self.kind.valid_to)]
        return all((start is None or start <= on) and (end is None or on <= end) for start, end in spans)


class DocumentKind(models.Model):
    """A document a dossier may need: tờ trình, báo cáo thành tích (Mẫu 01–11), biên bản họp, chứng nhận sáng kiến …"""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    template_ref = models.CharField(_("mẫu"), max_length=100, blank=True, help_text=_("Ví dụ: Mẫu số 05, NĐ 152/2025"))
    legal_source = models.TextField(_("căn cứ pháp lý"), blank=True)
    # One per nominee (báo cáo thành tích) rather than one for the whole dossier (tờ trình, biên bản).
    per_entry = models.BooleanField(_("mỗi đối tượng một bản"), default=False)
    # Made by the receiving authority during its own procedure (e.g. the result of public consultation), so it is
    # not asked of the submitting unit.
    by_authority = models.BooleanField(_("do cấp xét duyệt lập"), default=False)

    class Meta:
        verbose_name = _("loại tài liệu")
        verbose_name_plural = pgettext_lazy("số nhiều", "loại tài liệu")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")
    ORDER = "order", _("Huân chương, huy chương")
    HONOUR = "honour", _("Danh hiệu vinh dự nhà nước")


class AwardLevel(models.TextChoices):
    STATE = "state", _("Cấp Nhà nước")
    PROVINCE = "province", _("Cấp bộ, ban, ngành, tỉnh")
    GRASSROOTS = "grassroots", _("Cấp cơ sở")


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class CommendationKind(models.TextChoices):
    """Loại hình khen thưởng (Law Art. 8): a field of a dossier or award, not of the award type."""

    MERIT = "cong_trang", _("Khen thưởng công trạng")
    AD_HOC = "dot_xuat", _("Khen thưởng đột xuất")
    MOVEMENT = "phong_trao", _("Khen thưởng phong trào thi đua")
    THEMATIC = "chuyen_de", _("Khen thưởng theo chuyên đề")
    SERVICE = "cong_hien", _("Khen thưởng quá trình cống hiến")
    SENIORITY = "nien_han", _("Khen thưởng theo niên hạn")
    FOREIGN = "doi_ngoai", _("Khen thưởng đối ngoại")


class CouncilBody(models.TextChoices):
    NONE = "none", _("Không cần Hội đồng")
    COUNCIL = "council", _("Hội đồng Thi đua - Khen thưởng bỏ phiếu")
    STANDING = "standing", _("Cơ quan thường trực Hội đồng thẩm định")


AUTHORITY_PLACEHOLDER = "{authority}"


class AwardTypeQuerySet(InForceQuerySet):
    def current_versions(self, on: dt.date | None = None) -> AwardTypeQuerySet:
        return self.in_force(on or timezone.localdate())


class AwardType(TimeStampedModel):
    """A title or commendation form, one row per version (code + valid_from)."""

    code = models.SlugField(_("mã"), max_length=40, help_text=_("Mã ổn định, ví dụ LDTT, BK_TINH"))
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    # The law names some forms for every issuer at once ("Bằng khen của bộ, ban, ngành, tỉnh"); a decision and its
    # documents name the one who grants it ("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng").
    issued_name = models.CharField(
        _("tên ghi trong quyết định"), max_length=255, blank=True,
        help_text=_("{authority} là tên cấp quyết định, ví dụ “Bằng khen của {authority}”; để trống thì ghi tên."),
    )  # fmt: skip
    kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    level = models.CharField(_("cấp khen thưởng"), max_length=12, choices=AwardLevel.choices)
    recipient_kinds = models.JSONField(_("đối tượng được khen"), default=list)
    granting_authority_kinds = models.ManyToManyField(
        AuthorityKind, verbose_name=_("cấp có thẩm quyền quyết định"), related_name="award_types", blank=True
    )
    regime = models.ForeignKey(
        LegalRegime, verbose_name=_("giai đoạn pháp lý"), on_delete=models.PROTECT, related_name="award_types"
    )
    coef_individual = models.DecimalField(
        _("hệ số tiền thưởng cá nhân"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    coef_collective = models.DecimalField(
        _("hệ số tiền thưởng tập thể"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    household_multiplier = models.DecimalField(
        _("hệ số hộ gia đình so với cá nhân"), max_digits=4, decimal_places=2, default=Decimal("1.5")
    )
    is_ceiling = models.BooleanField(
        _("hệ số là mức tối đa"), default=False, help_text=_("Ví dụ: Kỷ niệm chương không quá 0,6 lần.")
    )
    required_documents = models.ManyToManyField(
        DocumentKind, verbose_name=_("thành phần hồ sơ"), related_name="award_types", blank=True
    )
    council_body = models.CharField(
        _("xét duyệt"), max_length=10, choices=CouncilBody.choices, default=CouncilBody.NONE
    )
    council_threshold = models.DecimalField(
        _("tỷ lệ phiếu đồng ý tối thiểu"), max_digits=4, decimal_places=3, null=True, blank=True,
        help_text=_("Tính trên tổng số thành viên Hội đồng, ví dụ 0,800 hoặc 0,900."),
    )  # fmt: skip
    needs_public_consultation = models.BooleanField(_("phải lấy ý kiến, công khai"), default=False)
    consultation_working_days = models.PositiveSmallIntegerField(_("số ngày làm việc công khai"), default=0)
    counts_toward_merit = models.BooleanField(
        _("tính cho khen thưởng công trạng"), default=True,
        help_text=_("Khen thưởng đột xuất, chuyên đề không tính (NĐ 152/2025, Điều 4)."),
    )  # fmt: skip
    legal_source = models.TextField(_("căn cứ pháp lý"))
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.HIGH)
    notes = models.TextField(_("ghi chú"), blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    objects = AwardTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "danh hiệu, hình thức khen thưởng")
        ordering = ["sort_order", "code", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="award_type_version_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def needs_verification(self) -> bool:
        return self.confidence != Confidence.HIGH

    def is_in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def name_given_by(self, authority: Authority | None) -> str:
        """The award as a decision of ``authority`` names it; the catalog name without an authority or a pattern."""
        if authority is None or not self.issued_name:
            return self.name
        return self.issued_name.replace(AUTHORITY_PLACEHOLDER, authority.name)

    def clean(self) -> None:
        """Keep a version coherent: its span inside its regime, its vote and consultation settings consistent."""
        errors: dict[str, str] = {}
        if self.valid_to is not None and self.valid_from is not None and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.")
        regime = self.regime if self.regime_id else None
        if regime is not None and self.valid_from is not None:
            if self.valid_from < regime.valid_from:
                errors["valid_from"] = _("Ngày bắt đầu hiệu lực phải nằm trong giai đoạn “%(regime)s”.") % {
                    "regime": regime.name
                }
            if regime.valid_to is not None and (self.valid_to is None or self.valid_to > regime.valid_to):
                errors["valid_to"] = _("Ngày hết hiệu lực phải nằm trong giai đoạn “%(regime)s”.") % {
                    "regime": regime.name
                }
        unknown = set(self.recipient_kinds or []) - set(RecipientKind.values)
        if not self.recipient_kinds or unknown:
            errors["recipient_kinds"] = _("Chọn đối tượng được khen trong: cá nhân, tập thể, hộ gia đình.")
        if self.council_threshold is not None:
            if self.council_body != CouncilBody.COUNCIL:
                errors["council_threshold"] = _("Chỉ đặt tỷ lệ phiếu khi Hội đồng Thi đua - Khen thưởng bỏ phiếu.")
            elif not 0 < self.council_threshold <= 1:
                errors["council_threshold"] = _("Tỷ lệ phiếu phải lớn hơn 0 và không quá 1.")
        if self.issued_name and AUTHORITY_PLACEHOLDER not in self.issued_name:
            errors["issued_name"] = _("Tên ghi trong quyết định phải có {authority} ở chỗ tên cấp quyết định.")
        if self.needs_public_consultation != (self.consultation_working_days > 0):
            errors["consultation_working_days"] = _(
                "Nhập số ngày làm việc công khai khi (và chỉ khi) phải lấy ý kiến, công khai."
            )
        if errors:
            raise ValidationError(errors)


class BaseSalary(models.Model):
    """Mức lương cơ sở: money = coefficient × the base salary in force on the decision date."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    valid_from = models.DateField(_("áp dụng từ"), unique=True)
    instrument = models.CharField(_("văn bản"), max_length=255)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.HIGH)

    objects = PublicLawQuerySet.as_manager()

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = pgettext_lazy("số nhiều", "mức lương cơ sở")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")

    @classmethod
    def on(cls, day: dt.date) -> BaseSalary:
        found = cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        if found is None:
            raise cls.DoesNotExist(f"Chưa có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y}.")
        return found
