"""Rules as data (DOMAIN.md §11): one rule per award type, recipient kind and legal regime, written in the small
declarative language of ``thidua.eligibility.schema``, with its legal source and confidence; and the general
principles that apply to every rule. Seeded from ``data/rules.yaml`` by ``thidua load_catalog``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.catalog.models import AwardType, Confidence, LegalRegime, RecipientKind
from thidua.core.models import TimeStampedModel


class RuleQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> RuleQuerySet:
        """The rules of the regime in force on ``on`` (a year is judged by the rules then in force)."""
        ends_later = Q(regime__valid_to__isnull=True) | Q(regime__valid_to__gte=on)
        return self.filter(ends_later, regime__valid_from__lte=on)

    def visible_to(self, scope) -> RuleQuerySet:
        """Rules are law: every signed-in user may read them."""
        return self if (scope.everything or not scope.nothing or scope.user_id) else self.none()


class Rule(TimeStampedModel):
    award_code = models.CharField(_("mã khen thưởng"), max_length=40, db_index=True)
    award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu, hình thức (phiên bản)"),
                                   on_delete=models.PROTECT, related_name="rules")  # fmt: skip
    regime = models.ForeignKey(LegalRegime, verbose_name=_("giai đoạn pháp lý"), on_delete=models.PROTECT,
                               related_name="rules")  # fmt: skip
    recipient_kind = models.CharField(_("đối tượng"), max_length=12, choices=RecipientKind.choices)
    # The condition tree (schema.RULE_SCHEMA); validated on save.
    expression = models.JSONField(_("điều kiện"))
    summary = models.TextField(_("tóm tắt điều kiện"), blank=True)
    legal_source = models.TextField(_("căn cứ pháp lý"))
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.HIGH)
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("điều kiện khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "điều kiện khen thưởng")
        ordering = ["award_code", "recipient_kind", "regime__valid_from"]
        constraints = [models.UniqueConstraint(fields=["award_code", "recipient_kind", "regime"],
                                               name="rule_once_per_regime")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.award_code} ({self.get_recipient_kind_display()}, {self.regime.code})"

    @property
    def needs_verification(self) -> bool:
        return self.confidence != Confidence.HIGH

    def clean(self) -> None:
        from thidua.eligibility.schema import validate_expression

        errors = {}
        if self.award_type_id and self.regime_id and self.award_type.regime_id != self.regime_id:
            errors["award_type"] = _("Phiên bản danh hiệu không thuộc giai đoạn pháp lý của điều kiện.")
        if self.award_type_id and self.award_code and self.award_type.code != self.award_code:
            errors["award_code"] = _("Mã không khớp với danh hiệu, hình thức đã chọn.")
        try:
            validate_expression(self.expression)
        except ValidationError as error:
            errors["expression"] = error.messages
        if errors:
            raise ValidationError(errors)


class Principle(TimeStampedModel):
    """A general principle that gates every rule (NĐ 152/2025 Art. 4, Law Art. 5): pending discipline blocks;
    ad-hoc and themed awards do not count toward merit chains; an initiative backs one award only."""

    code = models.SlugField(_("mã"), max_length=60)
    regime = models.ForeignKey(LegalRegime, verbose_name=_("giai đoạn pháp lý"), on_delete=models.PROTECT,
                               related_name="principles")  # fmt: skip
    text = models.TextField(_("nội dung"))
    # A condition added to every rule (schema.RULE_SCHEMA), or null when the principle shapes how conditions count
    # (merit chains, initiatives used once) rather than adding one.
    expression = models.JSONField(_("điều kiện áp dụng cho mọi danh hiệu"), null=True, blank=True)
    legal_source = models.TextField(_("căn cứ pháp lý"))
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.HIGH)

    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("nguyên tắc khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "nguyên tắc khen thưởng")
        ordering = ["regime__valid_from", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "regime"], name="principle_once_per_regime")]

    def __str__(self) -> str:
        return f"{self.code} ({self.regime.code})"

    def clean(self) -> None:
        from thidua.eligibility.schema import validate_expression

        if self.expression is not None:
            try:
                validate_expression(self.expression)
            except ValidationError as error:
                raise ValidationError({"expression": error.messages}) from error
