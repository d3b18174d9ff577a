"""Nomination dossiers (hồ sơ đề nghị khen thưởng) and their entries: for now the draft a unit builds, which
exemplary models and cluster score sheets feed. Submission, appraisal and the rest come with the dossiers issue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.catalog.models import Authority, AwardType
from thidua.core.models import TimeStampedModel
from thidua.core.scoping import Scope
from thidua.dossiers.enums import DossierKind, DossierState, EntrySource, EntryState
from thidua.movements.models import ExemplaryModel, Milestone, Movement, ScoreSheet
from thidua.orgs.models import Household, OrgUnit, Person

USER = settings.AUTH_USER_MODEL


class DossierQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> DossierQuerySet:
        """The submitting unit's side; once sent, also what is addressed to an authority the user serves."""
        if scope.everything:
            return self
        own = OrgUnit.objects.visible_to(scope)
        addressed = ~Q(state=DossierState.DRAFT) & Q(authority_id__in=scope.authority_ids)
        return self.filter(Q(unit__in=own) | addressed)

    def drafts(self) -> DossierQuerySet:
        return self.filter(state=DossierState.DRAFT)


class Dossier(TimeStampedModel):
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị trình"), on_delete=models.PROTECT,
                             related_name="dossiers")  # fmt: skip
    authority = models.ForeignKey(Authority, verbose_name=_("cấp trình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="dossiers")  # fmt: skip
    kind = models.CharField(_("loại hồ sơ"), max_length=20, choices=DossierKind.choices)
    title = models.CharField(_("trích yếu"), max_length=500)
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="dossiers")  # fmt: skip
    milestone = models.ForeignKey(Milestone, verbose_name=_("đợt sơ kết, tổng kết"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="dossiers")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=12, choices=DossierState.choices,
                             default=DossierState.DRAFT)  # fmt: skip
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DossierEntryQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> DossierEntryQuerySet:
        return self.filter(dossier__in=Dossier.objects.visible_to(scope))


class DossierEntry(TimeStampedModel):
    """One nominee (a person, a unit or a household) and one award type."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="dossier_entries")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="dossier_entries")  # fmt: skip
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="dossier_entries")  # fmt: skip
    award_type = models.ForeignKey(AwardType, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT,
                                   related_name="dossier_entries")  # fmt: skip
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=EntryState.choices,
                             default=EntryState.PROPOSED)  # fmt: skip
    source = models.CharField(_("nguồn đề nghị"), max_length=20, choices=EntrySource.choices,
                              default=EntrySource.MANUAL)  # fmt: skip
    exemplary_model = models.ForeignKey(
        ExemplaryModel, verbose_name=_("mô hình, điển hình"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="dossier_entries",
    )  # fmt: skip
    score_sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng chấm điểm"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="dossier_entries")  # fmt: skip
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = DossierEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "đề nghị khen thưởng")
        ordering = ["dossier", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, unit__isnull=True, household__isnull=True)
                           | Q(person__isnull=True, unit__isnull=False, household__isnull=True)
                           | Q(person__isnull=True, unit__isnull=True, household__isnull=False)),
                name="entry_one_nominee",
            ),
            models.UniqueConstraint(fields=["exemplary_model"], condition=Q(exemplary_model__isnull=False),
                                    name="entry_once_per_exemplary_model"),
            models.UniqueConstraint(fields=["score_sheet", "unit", "award_type"],
                                    condition=Q(score_sheet__isnull=False), name="entry_once_per_sheet_unit"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.nominee}: {self.award_type}"

    @property
    def nominee(self):
        return self.person or self.unit or self.household
