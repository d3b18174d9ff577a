"""Administrators' screens for the award catalog.

An award type is never rewritten: saving a change to an existing one asks for the day it applies from ("Áp dụng từ")
and goes through ``services.revise_award_type``, which closes the old version and opens a new one. Rows whose facts
are not fully verified (confidence M or L) carry a visible "cần xác minh" marker so a province can confirm them.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.audit.context import acting_as
from thidua.catalog import models, services

# The fields that name a version; a revision keeps them (the service sets the dates).
VERSION_IDENTITY = ("code", "regime", "valid_from", "valid_to")
_REVISION_ATTRIBUTE = "_thidua_award_type_revision"
# In the model's order: what a revision may change, and for a new award type also its identity.
REVISION_FIELDS = [
    field.name
    for field in models.AwardType._meta.get_fields()
    if field.name in services.REVISABLE_FIELDS | services.REVISABLE_M2M
]
NEW_AWARD_TYPE_FIELDS = [
    field.name for field in models.AwardType._meta.get_fields() if field.name in {*VERSION_IDENTITY, *REVISION_FIELDS}
]


def confidence_marker(confidence: str) -> str:
    label = models.Confidence(confidence).label
    if confidence == models.Confidence.HIGH:
        return format_html('<span class="confidence confidence-h">{}</span>', label)
    return format_html(
        '<span class="confidence confidence-{}"><strong>⚠ {}</strong> — {}</span>',
        confidence.lower(),
        gettext("cần xác minh"),
        label,
    )


class InForceListFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("today", _("Đang có hiệu lực")), ("past", _("Đã hết hiệu lực"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "today":
            return queryset.in_force(today)
        if self.value() == "past":
            return queryset.filter(valid_to__lt=today)
        return queryset


class AwardTypeForm(forms.ModelForm):
    """The form of a new award type: recipient kinds as check boxes rather than raw JSON."""

    recipient_kinds = forms.MultipleChoiceField(
        label=_("Đối tượng được khen"),
        choices=models.RecipientKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = models.AwardType
        fields = NEW_AWARD_TYPE_FIELDS


class AwardTypeRevisionForm(AwardTypeForm):
    """The change form of an existing version: every change becomes a new version from ``effective_from``."""

    effective_from = forms.DateField(
        label=_("Áp dụng từ"),
        help_text=_(
            "Ngày bắt đầu áp dụng thay đổi. Phiên bản hiện hành được giữ nguyên và hết hiệu lực ngày hôm trước; "
            "một phiên bản mới được tạo từ ngày này."
        ),
    )

    class Meta:
        model = models.AwardType
        fields = REVISION_FIELDS  # the code, the regime and the dates are not edited (see VERSION_IDENTITY)

    def _post_clean(self) -> None:
        # The instance on screen stays as it is in the database; the new version is checked by the service.
        if not self._errors:
            changes = {name: self.cleaned_data[name] for name in self.changed_data if name in REVISION_FIELDS}
            try:
                self.revision_changes = services.validate_revision(
                    self.instance, self.cleaned_data["effective_from"], changes
                )
            except ValidationError as error:
                self.add_error(None, error)
                return
        super()._post_clean()


@admin.register(models.AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    form = AwardTypeForm
    list_display = [
        "code", "name", "regime_code", "span", "level", "kind", "coef_individual", "coef_collective",
        "confidence_display",
    ]  # fmt: skip
    list_filter = ["regime", "level", "kind", "confidence", InForceListFilter, "council_body"]
    search_fields = ["code", "name"]
    list_select_related = ["regime"]
    filter_horizontal = ["granting_authority_kinds", "required_documents"]
    ordering = ["sort_order", "code", "valid_from"]

    @admin.display(description=_("độ tin cậy"), ordering="confidence")
    def confidence_display(self, obj: models.AwardType) -> str:
        return confidence_marker(obj.confidence)

    @admin.display(description=_("giai đoạn"), ordering="regime__valid_from")
    def regime_code(self, obj: models.AwardType) -> str:
        return obj.regime.code

    @admin.display(description=_("hiệu lực"), ordering="valid_from")
    def span(self, obj: models.AwardType) -> str:
        end = date_format(obj.valid_to, "d/m/Y") if obj.valid_to else "…"
        return f"{date_format(obj.valid_from, 'd/m/Y')} – {end}"

    @admin.display(description=_("độ tin cậy"))
    def verification(self, obj: models.AwardType) -> str:
        return confidence_marker(obj.confidence)

    def has_delete_permission(self, request, obj=None) -> bool:
        # The past is never rewritten: a version is closed by a revision, not deleted.
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = AwardTypeRevisionForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("verification", *VERSION_IDENTITY)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        # Identity and the verification marker first, the date of the change next, then the values.
        head = ["verification", *VERSION_IDENTITY, "effective_from"]
        return head + [name for name in fields if name not in head]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            with acting_as(request.user):
                super().save_model(request, obj, form, change)
            return
        original = models.AwardType.objects.get(pk=obj.pk)
        new = services.revise_award_type(
            original, by=request.user, effective_from=form.cleaned_data["effective_from"], **form.revision_changes
        )
        setattr(request, _REVISION_ATTRIBUTE, new)

    def save_related(self, request, form, formsets, change) -> None:
        if change:
            return  # revise_award_type already gave the new version its authorities and documents
        with acting_as(request.user):
            super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        return super().log_change(request, getattr(request, _REVISION_ATTRIBUTE, obj), message)

    def response_change(self, request, obj):
        new = getattr(request, _REVISION_ATTRIBUTE, None)
        if new is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            gettext("Đã tạo phiên bản mới “%(name)s” áp dụng từ %(day)s; phiên bản cũ hết hiệu lực ngày %(end)s.")
            % {
                "name": new.name,
                "day": date_format(new.valid_from, "d/m/Y"),
                "end": date_format(new.valid_from - dt.timedelta(days=1), "d/m/Y"),
            },
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:catalog_awardtype_change", args=[new.pk]))


@admin.register(models.LegalRegime)
class LegalRegimeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "valid_from", "valid_to", "money_round_to"]
    search_fields = ["code", "name"]


@admin.register(models.BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount", "instrument", "confidence_display"]
    list_filter = ["confidence"]

    @admin.display(description=_("độ tin cậy"), ordering="confidence")
    def confidence_display(self, obj: models.BaseSalary) -> str:
        return confidence_marker(obj.confidence)


@admin.register(models.AuthorityKind)
class AuthorityKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "is_central", "valid_from", "valid_to"]
    list_filter = ["level", "is_central"]
    search_fields = ["code", "name"]


@admin.register(models.Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "document_code", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "issuing_body"]
    list_select_related = ["kind", "unit"]
    raw_id_fields = ["unit"]


@admin.register(models.DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "template_ref"]
    search_fields = ["code", "name"]
