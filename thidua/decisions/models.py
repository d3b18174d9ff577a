"""Decisions (quyết định khen thưởng), the registers that number them, certificates and their layouts, extracts.

A decision is drafted from approved entries (or recorded from an authority outside the deployment), then signed:
signing gives it its number from its register, creates the awards in the history, and makes the decision, its items
and its awards immutable — in ``save`` here and by database triggers (migration 0002), so neither the UI, the API,
the admin nor a plain model save can change them. Corrections and revocations are new decisions (``amends``).

Writes go through ``thidua.decisions.services``; every queryset has ``visible_to(scope)``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.catalog.models import Authority, AwardType, CommendationKind
from thidua.core.models import StoredFile, TimeStampedModel
from thidua.core.scoping import Scope
from thidua.decisions.enums import (
    DecisionFileKind,
    DecisionKind,
    DecisionOrigin,
    DecisionState,
    Numbering,
    RegisterKind,
)
from thidua.dossiers.models import DossierEntry
from thidua.movements.models import Movement
from thidua.orgs.models import Household, OrgUnit, PeriodKind, Person, PositionCategory
from thidua.records.models import Award

USER = settings.AUTH_USER_MODEL


class SignedDecisionError(ValidationError):
    """A change to a signed decision, its items or its awards: refused (a correcting decision amends them)."""


def _refuse_signed() -> SignedDecisionError:
    return SignedDecisionError(
        _("Quyết định đã ký ban hành không được sửa, xóa; hãy lập quyết định điều chỉnh hoặc hủy bỏ.")
    )


class Register(TimeStampedModel):
    """A numbering book of an authority: its decisions (số quyết định) or its certificates (số vào sổ)."""

    authority = models.ForeignKey(Authority, verbose_name=_("cấp có thẩm quyền"), on_delete=models.PROTECT,
                                  related_name="registers")  # fmt: skip
    kind = models.CharField(_("loại sổ"), max_length=12, choices=RegisterKind.choices)
    numbering = models.CharField(_("cách cấp số"), max_length=10, choices=Numbering.choices)
    name = models.CharField(_("tên sổ"), max_length=255)
    # The part after the number: "QĐ-UBND" gives "Số: 123/QĐ-UBND"; "BK" gives "Số vào sổ: 45/BK".
    symbol = models.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ: QĐ-UBND, QĐ-CT, BK, GK"))
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("sổ đăng ký")
        verbose_name_plural = pgettext_lazy("số nhiều", "sổ đăng ký")
        ordering = ["authority", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "kind", "symbol"], name="register_symbol_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.symbol})"

    def format_number(self, number: int) -> str:
        """NĐ 30/2020: numbers below 10 are written with a leading 0 ("05/QĐ-UBND")."""
        return f"{number:02d}/{self.symbol}"


class RegisterCounter(models.Model):
    """The last number given in a register for a year (internal numbering). Incremented under a row lock inside the
    signing transaction, so numbers never repeat and a signing that fails gives its number back (no gap)."""

    register = models.ForeignKey(Register, verbose_name=_("sổ"), on_delete=models.CASCADE, related_name="counters")
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp cuối cùng"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số")
        verbose_name_plural = pgettext_lazy("số nhiều", "bộ đếm số")
        constraints = [models.UniqueConstraint(fields=["register", "year"], name="register_counter_once_a_year")]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last_number}"


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> DecisionQuerySet:
        """Those who serve the authority see its decisions; units see the signed ones that name them or their
        people (the decision is public law once signed)."""
        if scope.everything:
            return self
        serving = Q(authority__unit_id__in=scope.serving_unit_ids)
        units = OrgUnit.objects.visible_to(scope)
        named = Q(state=DecisionState.SIGNED) & (
            Q(items__unit__in=units) | Q(items__entry__dossier__unit__in=units)
            | Q(items__person__in=Person.objects.visible_to(scope))
        )  # fmt: skip
        return self.filter(pk__in=self.filter(serving | named).values("pk"))

    def signed(self) -> DecisionQuerySet:
        return self.filter(state=DecisionState.SIGNED)


class Decision(TimeStampedModel):
    authority = models.ForeignKey(Authority, verbose_name=_("cấp quyết định"), on_delete=models.PROTECT,
                                  related_name="decisions")  # fmt: skip
    register = models.ForeignKey(Register, verbose_name=_("sổ quyết định"), on_delete=models.PROTECT,
                                 related_name="decisions")  # fmt: skip
    kind = models.CharField(_("loại quyết định"), max_length=12, choices=DecisionKind.choices,
                            default=DecisionKind.AWARD)  # fmt: skip
    origin = models.CharField(_("nguồn"), max_length=10, choices=DecisionOrigin.choices,
                              default=DecisionOrigin.SYSTEM)  # fmt: skip
    state = models.CharField(_("trạng thái"), max_length=10, choices=DecisionState.choices,
                             default=DecisionState.DRAFT)  # fmt: skip
    # The decision this one corrects or revokes (an amendment or a revocation).
    amends = models.ForeignKey("self", verbose_name=_("điều chỉnh quyết định"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="amendments")  # fmt: skip
    subject = models.CharField(
        _("trích yếu"),
        max_length=500,
        help_text=_("Ví dụ: Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố"),
    )
    legal_basis = models.TextField(_("căn cứ ban hành"), blank=True, help_text=_("Mỗi căn cứ một dòng."))
    proposal = models.TextField(
        _("theo đề nghị của"), blank=True, help_text=_("Ví dụ: Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …")
    )
    executors = models.TextField(_("trách nhiệm thi hành (Điều 3)"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng."))
    commendation_kind = models.CharField(
        _("loại hình khen thưởng"), max_length=12, choices=CommendationKind.choices, default=CommendationKind.MERIT
    )
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="decisions")  # fmt: skip
    # The line above the signer's title: "KT. CHỦ TỊCH" when a deputy signs, "TM. ỦY BAN NHÂN DÂN" for the body.
    signing_capacity = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True,
                                        help_text=_("Ví dụ: KT. CHỦ TỊCH, TM. ỦY BAN NHÂN DÂN; để trống khi "
                                                    "người đứng đầu ký."))  # fmt: skip
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, blank=True,
                                       help_text=_("Ví dụ: PHÓ CHỦ TỊCH"))  # fmt: skip
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    # Given at signing: the register's number for the year of the signing date.
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("năm của số"), null=True, blank=True)
    number_text = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_file = models.ForeignKey(StoredFile, verbose_name=_("bản đã ký (PDF)"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    signed_by = models.ForeignKey(USER, verbose_name=_("người ghi nhận ký"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("người lập"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    # Bumped by every edit of a draft: a form that shows version n may only act on version n (no lost update).
    version = models.PositiveIntegerField(_("phiên bản"), default=0)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "quyết định khen thưởng")
        ordering = ["-signed_on", "-number", "-id"]
        constraints = [
            # One number once per register and year: internal numbering cannot repeat it, and a clerk's number
            # already used is refused (also by the database, whoever writes).
            models.UniqueConstraint(fields=["register", "number_year", "number"], condition=Q(number__isnull=False),
                                    name="decision_number_once_per_register_year"),
            models.CheckConstraint(
                condition=Q(state=DecisionState.DRAFT) | Q(number__isnull=False, signed_on__isnull=False),
                name="decision_signed_has_number_and_date",
            ),
            models.CheckConstraint(condition=Q(kind=DecisionKind.AWARD) | Q(amends__isnull=False),
                                   name="decision_amendment_names_the_amended"),
        ]  # fmt: skip
        indexes = [models.Index(fields=["authority", "state", "signed_on"], name="decision_authority_idx")]

    def __str__(self) -> str:
        if self.number_text:
            return f"{self.number_text}: {self.subject}"
        return f"{pgettext_lazy('quyết định', 'Dự thảo')}: {self.subject}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_state = instance.__dict__.get("state")
        return instance

    @property
    def is_signed(self) -> bool:
        return self.state == DecisionState.SIGNED

    def save(self, *args, **kwargs) -> None:
        # Once stored as signed, never saved again (the database trigger refuses it too).
        if getattr(self, "_loaded_state", None) == DecisionState.SIGNED:
            raise _refuse_signed()
        super().save(*args, **kwargs)
        self._loaded_state = self.state

    def delete(self, *args, **kwargs):
        if getattr(self, "_loaded_state", None) == DecisionState.SIGNED or self.state == DecisionState.SIGNED:
            raise _refuse_signed()
        return super().delete(*args, **kwargs)


class DecisionItemQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> DecisionItemQuerySet:
        return self.filter(decision__in=Decision.objects.visible_to(scope))


class DecisionItem(models.Model):
    """One line of the decision's list (Danh sách kèm theo): a recipient, an award type, the achievement, the money.

    In an award decision it grants ``award`` at signing; in an amendment it grants a corrected award that
    ``replaces`` an earlier one; in a revocation it ``revokes`` an earlier award and grants nothing."""

    decision = models.ForeignKey(Decision, verbose_name=_("quyết định"), on_delete=models.CASCADE,
                                 related_name="items")  # fmt: skip
    entry = models.ForeignKey(DossierEntry, verbose_name=_("đề nghị"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="decision_items")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="decision_items")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="decision_items")  # fmt: skip
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="decision_items")  # fmt: skip
    award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT,
                                   related_name="decision_items")  # fmt: skip
    period_kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices,
                                   default=PeriodKind.CALENDAR_YEAR)  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    achievement = models.TextField(_("thành tích"), blank=True)
    posthumous = models.BooleanField(_("truy tặng"), default=False)
    # The recipient as they were (from the entry's snapshot, taken at submission).
    recipient_name = models.CharField(_("tên người, tập thể được khen"), max_length=300)
    gender = models.CharField(_("giới tính"), max_length=1, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity_name = models.CharField(_("dân tộc"), max_length=100, blank=True)
    is_minority = models.BooleanField(_("dân tộc thiểu số"), default=False)
    is_direct_worker = models.BooleanField(_("người trực tiếp lao động, sản xuất"), default=False)
    position_category = models.CharField(_("nhóm đối tượng"), max_length=30, choices=PositionCategory.choices,
                                         blank=True)  # fmt: skip
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit_name = models.CharField(_("đơn vị công tác"), max_length=300, blank=True)
    replaces = models.ForeignKey(Award, verbose_name=_("thay thế khen thưởng"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="replaced_by_items")  # fmt: skip
    revokes = models.ForeignKey(Award, verbose_name=_("hủy bỏ khen thưởng"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="revoked_by_items")  # fmt: skip
    # Created at signing (none for a revocation).
    award = models.OneToOneField(Award, verbose_name=_("khen thưởng"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="decision_item")  # fmt: skip
    # Money (thidua.decisions.money), fixed at signing: coefficient × base salary on the signing date, rounded up.
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    money_note = models.CharField(_("ghi chú tiền thưởng"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = DecisionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("người, tập thể trong quyết định")
        verbose_name_plural = pgettext_lazy("số nhiều", "người, tập thể trong quyết định")
        ordering = ["decision", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, unit__isnull=True, household__isnull=True)
                           | Q(person__isnull=True, unit__isnull=False, household__isnull=True)
                           | Q(person__isnull=True, unit__isnull=True, household__isnull=False)),
                name="decision_item_one_recipient",
            ),
            # An entry is decided once (a draft that is abandoned is deleted, freeing its entries).
            models.UniqueConstraint(fields=["entry"], condition=Q(entry__isnull=False),
                                    name="decision_item_once_per_entry"),
            models.CheckConstraint(condition=Q(replaces__isnull=True) | Q(revokes__isnull=True),
                                   name="decision_item_replaces_or_revokes"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.award_type}"

    def save(self, *args, **kwargs) -> None:
        if self.decision_id and self._decision_signed():
            raise _refuse_signed()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.decision_id and self._decision_signed():
            raise _refuse_signed()
        return super().delete(*args, **kwargs)

    @property
    def recipient(self):
        return self.person or self.unit or self.household

    @property
    def award_name(self) -> str:
        """The award as the decision names it ("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng")."""
        return self.award_type.name_given_by(self.decision.authority)

    def _decision_signed(self) -> bool:
        return Decision.objects.filter(pk=self.decision_id, state=DecisionState.SIGNED).exists()


class DecisionFile(models.Model):
    """A document generated for a decision (its DOCX and PDF, its certificates, its payment list), kept so that a
    second download does not render again; a newer one of the same kind replaces it."""

    decision = models.ForeignKey(Decision, verbose_name=_("quyết định"), on_delete=models.CASCADE,
                                 related_name="files")  # fmt: skip
    kind = models.CharField(_("loại tệp"), max_length=20, choices=DecisionFileKind.choices)
    file = models.ForeignKey(StoredFile, verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("tệp của quyết định")
        verbose_name_plural = pgettext_lazy("số nhiều", "tệp của quyết định")
        ordering = ["decision", "kind", "-created_at"]

    def __str__(self) -> str:
        return f"{self.decision}: {self.get_kind_display()}"


class CertificateLayout(TimeStampedModel):
    """How one kind of certificate is printed: page size and the position of every field, in millimetres.

    ``fields`` place the fields on the full design (with its title, border and motto); ``blank_fields`` place only
    the variable fields on a pre-printed official blank (phôi bằng), as an administrator calibrates them with a test
    page. Each maps a field name (thidua.decisions.certificates.FIELDS) to {"x": mm, "y": mm from the top,
    "size": pt, "bold": bool, "italic": bool, "align": "left|center|right", "width": mm}; "qr" takes {"x", "y",
    "size"} in mm.
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên mẫu"), max_length=255)
    award_codes = models.JSONField(_("dùng cho mã khen thưởng"), default=list,
                                   help_text=_("Ví dụ: [\"BK_TINH\"]"))  # fmt: skip
    title = models.CharField(_("tiêu đề trên bằng"), max_length=100, help_text=_("Ví dụ: BẰNG KHEN, GIẤY KHEN"))
    page_width_mm = models.DecimalField(_("khổ giấy rộng (mm)"), max_digits=6, decimal_places=1)
    page_height_mm = models.DecimalField(_("khổ giấy cao (mm)"), max_digits=6, decimal_places=1)
    fields = models.JSONField(_("vị trí các trường (in đầy đủ)"), default=dict)
    blank_fields = models.JSONField(_("vị trí các trường (in trên phôi)"), default=dict)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mẫu in bằng, giấy khen")
        verbose_name_plural = pgettext_lazy("số nhiều", "mẫu in bằng, giấy khen")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> CertificateQuerySet:
        return self.filter(decision_item__decision__in=Decision.objects.visible_to(scope))


class Certificate(TimeStampedModel):
    """The certificate of one award: its number in the authority's certificate register (số vào sổ), given at
    signing, and the code its QR carries to the public verification page. Never changed once made."""

    decision_item = models.OneToOneField(DecisionItem, verbose_name=_("người, tập thể trong quyết định"),
                                         on_delete=models.PROTECT, related_name="certificate")  # fmt: skip
    award = models.OneToOneField(Award, verbose_name=_("khen thưởng"), on_delete=models.PROTECT,
                                 related_name="certificate")  # fmt: skip
    register = models.ForeignKey(Register, verbose_name=_("sổ vào sổ"), on_delete=models.PROTECT,
                                 related_name="certificates")  # fmt: skip
    serial_number = models.PositiveIntegerField(_("số vào sổ"))
    serial_year = models.PositiveSmallIntegerField(_("năm vào sổ"))
    serial_text = models.CharField(_("số vào sổ, ký hiệu"), max_length=80)
    code = models.CharField(_("mã xác thực"), max_length=32, unique=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("bằng, giấy khen")
        verbose_name_plural = pgettext_lazy("số nhiều", "bằng, giấy khen")
        ordering = ["register", "serial_year", "serial_number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "serial_year", "serial_number"],
                                    name="certificate_serial_once_per_register_year"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.serial_text}: {self.award.recipient_name}"


class CertificateReissue(models.Model):
    """Cấp lại: a lost or damaged certificate printed again with the same register number, marked as reissued."""

    certificate = models.ForeignKey(Certificate, verbose_name=_("bằng, giấy khen"), on_delete=models.PROTECT,
                                    related_name="reissues")  # fmt: skip
    sequence = models.PositiveSmallIntegerField(_("lần cấp lại"))
    reason = models.TextField(_("lý do cấp lại"))
    reissued_on = models.DateField(_("ngày cấp lại"))
    reissued_by = models.ForeignKey(USER, verbose_name=_("người cấp lại"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần cấp lại")
        verbose_name_plural = pgettext_lazy("số nhiều", "lần cấp lại")
        ordering = ["certificate", "sequence"]
        constraints = [models.UniqueConstraint(fields=["certificate", "sequence"], name="reissue_sequence_once")]

    def __str__(self) -> str:
        return f"{self.certificate} – cấp lại lần {self.sequence}"


class ExtractQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> ExtractQuerySet:
        if scope.everything:
            return self
        people, units = Person.objects.visible_to(scope), OrgUnit.objects.visible_to(scope)
        return self.filter(Q(person__in=people) | Q(unit__in=units))


class Extract(TimeStampedModel):
    """Giấy xác nhận: a person's or a unit's award history as it stood when issued, verifiable by its QR code.

    ``awards`` keeps what was printed (award, year, decision number and date, issuer), so the verification page
    shows the paper's content even after later awards."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="extracts")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="extracts")  # fmt: skip
    issuer = models.ForeignKey(Authority, verbose_name=_("cơ quan xác nhận"), on_delete=models.PROTECT,
                               related_name="extracts")  # fmt: skip
    subject_name = models.CharField(_("tên người, tập thể"), max_length=300)
    issued_on = models.DateField(_("ngày cấp"))
    awards = models.JSONField(_("các khen thưởng được xác nhận"), default=list)
    code = models.CharField(_("mã xác thực"), max_length=32, unique=True)
    issued_by = models.ForeignKey(USER, verbose_name=_("người cấp"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = ExtractQuerySet.as_manager()

    class Meta:
        verbose_name = _("giấy xác nhận khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "giấy xác nhận khen thưởng")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=(Q(person__isnull=False, unit__isnull=True)
                                              | Q(person__isnull=True, unit__isnull=False)),
                                   name="extract_one_subject"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.subject_name} ({self.issued_on:%d/%m/%Y})"
