"""The history that decides who may be nominated (DOMAIN.md §1, §11): ratings, initiatives, awards, discipline.

A period is a calendar year or a school year (năm học), by the sector of the unit (``orgs.Sector.period_kind``).
Every row keeps ``period_kind`` and ``year``; for a school year ``year`` is the year it ends in (năm học 2020–2021 is
``("school", 2021)``), so "consecutive" is consecutive integers within one kind, and a sweep "for 2021" judges the
calendar year 2021 and the school year that ended in 2021.

Writes go through ``thidua.records.services``; every queryset has ``visible_to(scope)``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.catalog.models import Authority, AwardType, CommendationKind
from thidua.core.models import TimeStampedModel
from thidua.core.scoping import Scope
from thidua.orgs.models import Household, OrgUnit, PeriodKind, Person, PositionCategory
from thidua.records.enums import (
    AwardSource,
    DisciplineKind,
    DisciplineStatus,
    InitiativeKind,
    RatingLevel,
    RecognitionLevel,
)

USER = settings.AUTH_USER_MODEL


def school_year_label(year: int) -> str:
    return f"{year - 1}–{year}"


def period_label(period_kind: str, year: int) -> str:
    """ "2021" for a calendar year, "năm học 2020–2021" for a school year."""
    if period_kind == PeriodKind.SCHOOL_YEAR:
        return _("năm học %(years)s") % {"years": school_year_label(year)}
    return str(year)


class SubjectQuerySet(models.QuerySet):
    """Rows about a person or a unit (or a household): visible when their subject is."""

    def visible_to(self, scope: Scope):
        if scope.everything:
            return self
        condition = Q(person__in=Person.objects.visible_to(scope)) | Q(unit__in=OrgUnit.objects.visible_to(scope))
        if "household" in {f.name for f in self.model._meta.get_fields()}:
            condition |= Q(household__in=Household.objects.visible_to(scope))
        return self.filter(condition)

    def of(self, subject) -> SubjectQuerySet:
        if isinstance(subject, Person):
            return self.filter(person=subject)
        if isinstance(subject, OrgUnit):
            return self.filter(unit=subject)
        return self.filter(household=subject)


class PeriodFields(models.Model):
    period_kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices,
                                   default=PeriodKind.CALENDAR_YEAR)  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"), help_text=_("Năm học ghi theo năm kết thúc: 2020–2021 là 2021."))

    class Meta:
        abstract = True

    @property
    def period_label(self) -> str:
        return period_label(self.period_kind, self.year)


def one_subject(prefix: str, *, household: bool = False) -> models.CheckConstraint:
    person, unit = Q(person__isnull=False), Q(unit__isnull=False)
    if household:
        home = Q(household__isnull=False)
        condition = (person & ~unit & ~home) | (~person & unit & ~home) | (~person & ~unit & home)
    else:
        condition = (person & ~unit) | (~person & unit)
    return models.CheckConstraint(condition=condition, name=f"{prefix}_one_subject")


class Rating(PeriodFields, TimeStampedModel):
    """Xếp loại chất lượng of a person or a collective for a period."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="ratings")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="ratings")  # fmt: skip
    level = models.CharField(_("mức xếp loại"), max_length=4, choices=RatingLevel.choices)
    # 4 = xuất sắc … 1 = không hoàn thành (enums.RATING_RANK), kept for set-based comparisons.
    rank = models.PositiveSmallIntegerField(_("bậc xếp loại"), editable=False)
    rated_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị đánh giá"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text=_("Đơn vị nơi cá nhân công tác khi được đánh giá."))  # fmt: skip
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("xếp loại")
        verbose_name_plural = pgettext_lazy("số nhiều", "xếp loại")
        ordering = ["-year", "id"]
        constraints = [
            one_subject("rating"),
            models.UniqueConstraint(fields=["person", "period_kind", "year"], condition=Q(person__isnull=False),
                                    name="rating_person_once_a_period"),
            models.UniqueConstraint(fields=["unit", "period_kind", "year"], condition=Q(unit__isnull=False),
                                    name="rating_unit_once_a_period"),
        ]  # fmt: skip
        indexes = [models.Index(fields=["year", "period_kind", "rank"], name="rating_sweep_idx")]

    def __str__(self) -> str:
        return f"{self.person or self.unit} – {self.period_label}: {self.get_level_display()}"


class AwardQuerySet(SubjectQuerySet):
    def in_force(self) -> AwardQuerySet:
        """Awards not revoked by a later decision: the ones eligibility, checks and reports count."""
        return self.filter(revoked_on__isnull=True)


# The only columns of an award granted by a decision on the system that may still change: a later decision that
# corrects or revokes it marks it (once). Everything else is fixed at signing (model check here, database trigger).
REVOCATION_FIELDS = frozenset({"revoked_on", "revoked_reference", "updated_at"})


class Award(PeriodFields, TimeStampedModel):
    """Một danh hiệu hoặc hình thức khen thưởng đã được quyết định: with the recipient as they were (snapshot)."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="awards")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="awards")  # fmt: skip
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="awards")  # fmt: skip
    award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT,
                                   related_name="awards")  # fmt: skip
    # The stable code of the award type (LDTT, BK_TINH …), copied for set-based rules across versions.
    award_code = models.CharField(_("mã khen thưởng"), max_length=40, editable=False, db_index=True)
    commendation_kind = models.CharField(_("loại hình khen thưởng"), max_length=12,
                                         choices=CommendationKind.choices, default=CommendationKind.MERIT)  # fmt: skip
    # False for ad-hoc and themed awards (NĐ 152/2025 Art. 4.2): they do not count toward merit chains.
    counts_toward_merit = models.BooleanField(_("tính cho khen thưởng công trạng"), editable=False, default=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    authority = models.ForeignKey(Authority, verbose_name=_("cấp quyết định"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="awards")  # fmt: skip
    authority_name = models.CharField(_("người, cơ quan quyết định"), max_length=255, blank=True)
    achievement = models.TextField(_("thành tích"), blank=True)
    posthumous = models.BooleanField(_("truy tặng"), default=False)
    source = models.CharField(_("nguồn"), max_length=12, choices=AwardSource.choices, default=AwardSource.HISTORICAL)
    # Snapshot of the recipient when the award was decided (DESIGN.md): reports stay true after people move.
    recipient_name = models.CharField(_("tên người, tập thể được khen"), max_length=300)
    gender = models.CharField(_("giới tính"), max_length=1, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity_name = models.CharField(_("dân tộc"), max_length=100, blank=True)
    is_minority = models.BooleanField(_("dân tộc thiểu số"), default=False)
    is_direct_worker = models.BooleanField(_("người trực tiếp lao động, sản xuất"), default=False)
    position_category = models.CharField(_("nhóm đối tượng"), max_length=20, choices=PositionCategory.choices,
                                         blank=True)  # fmt: skip
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit_name = models.CharField(_("đơn vị công tác"), max_length=300, blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("người nhập"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    # Set when a later decision revokes or replaces this award (its number and date in revoked_reference).
    revoked_on = models.DateField(_("bị hủy bỏ, thay thế ngày"), null=True, blank=True)
    revoked_reference = models.CharField(_("theo quyết định"), max_length=200, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "khen thưởng")
        ordering = ["-year", "-decision_date", "id"]
        constraints = [one_subject("award", household=True)]
        indexes = [models.Index(fields=["award_code", "year", "period_kind"], name="award_sweep_idx")]

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.award_type} ({self.period_label})"

    def save(self, *args, **kwargs) -> None:
        # An award granted by a signed decision changes only by a later decision marking it revoked.
        update_fields = kwargs.get("update_fields")
        if self._granted_on_system() and (update_fields is None or not set(update_fields) <= REVOCATION_FIELDS):
            raise ValidationError(_("Khen thưởng theo quyết định đã ký chỉ được điều chỉnh, hủy bỏ bằng một quyết "
                                    "định khác."))  # fmt: skip
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._granted_on_system():
            raise ValidationError(_("Khen thưởng theo quyết định đã ký không được xóa."))
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_source = instance.__dict__.get("source")
        return instance

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None

    def _granted_on_system(self) -> bool:
        return getattr(self, "_loaded_source", None) == AwardSource.DECISION


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> InitiativeQuerySet:
        """Initiatives of authors the user sees, or applied in a unit the user sees."""
        if scope.everything:
            return self
        authors = InitiativeAuthor.objects.filter(person__in=Person.objects.visible_to(scope))
        return self.filter(Q(pk__in=authors.values("initiative")) | Q(unit__in=OrgUnit.objects.visible_to(scope)))


class Initiative(PeriodFields, TimeStampedModel):
    """Sáng kiến, đề tài khoa học: recognised at a level; it may back one award only (CV 5007/BNV-TĐKT 2023)."""

    title = models.CharField(_("tên sáng kiến, đề tài"), max_length=500)
    kind = models.CharField(_("loại"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE)
    level = models.CharField(_("phạm vi công nhận"), max_length=10, choices=RecognitionLevel.choices)
    recognised_on = models.DateField(_("ngày công nhận"))
    recognised_by = models.CharField(_("cơ quan công nhận"), max_length=300, blank=True)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị áp dụng"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="initiatives")  # fmt: skip
    authors = models.ManyToManyField(Person, verbose_name=_("tác giả"), through="InitiativeAuthor",
                                     related_name="initiatives")  # fmt: skip
    backed_award = models.OneToOneField(Award, verbose_name=_("đã dùng làm căn cứ khen thưởng"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="initiative")  # fmt: skip

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = pgettext_lazy("số nhiều", "sáng kiến")
        ordering = ["-recognised_on", "id"]

    def __str__(self) -> str:
        return self.title


class InitiativeAuthor(models.Model):
    initiative = models.ForeignKey(Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE,
                                   related_name="authorships")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("tác giả"), on_delete=models.CASCADE, related_name="authorships")
    share = models.PositiveSmallIntegerField(_("tỷ lệ đóng góp (%)"), null=True, blank=True)

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = pgettext_lazy("số nhiều", "tác giả sáng kiến")
        constraints = [models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_once")]

    def __str__(self) -> str:
        return f"{self.person} – {self.initiative}"


class Discipline(PeriodFields, TimeStampedModel):
    """Kỷ luật, or a pending investigation, inspection or complaint that blocks any award while it lasts."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="disciplines")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="disciplines")  # fmt: skip
    status = models.CharField(_("tình trạng"), max_length=10, choices=DisciplineStatus.choices,
                              default=DisciplineStatus.IN_EFFECT)  # fmt: skip
    kind = models.CharField(_("hình thức kỷ luật"), max_length=16, choices=DisciplineKind.choices, blank=True)
    # 1 = khiển trách … 6 = buộc thôi việc (enums.DISCIPLINE_SEVERITY); 0 while pending.
    severity = models.PositiveSmallIntegerField(_("mức độ"), editable=False, default=0)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True,
                                help_text=_("Để trống khi chưa hết thời hạn hoặc chưa kết thúc xem xét."))  # fmt: skip
    reason = models.TextField(_("nội dung"), blank=True)

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = pgettext_lazy("số nhiều", "kỷ luật")
        ordering = ["-start_date", "id"]
        constraints = [
            one_subject("discipline"),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                                   name="discipline_dates_in_order"),
        ]  # fmt: skip

    def __str__(self) -> str:
        what = self.get_kind_display() or self.get_status_display()
        return f"{self.person or self.unit}: {what} ({self.period_label})"
