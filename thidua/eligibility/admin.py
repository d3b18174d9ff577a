"""Superusers edit the rules and principles in the admin: the expression is checked against the rule language
(``Rule.clean`` / ``Principle.clean``) before anything is saved, and unverified rows carry the "cần xác minh" marker.

A rule is never deleted: a past year is judged by the rule of its regime, so a wrong rule is corrected in place.
Note that ``thidua load_catalog`` writes the seeded values of ``data/rules.yaml`` back over an edited seeded rule.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _

from thidua.audit.context import acting_as
from thidua.catalog.admin import confidence_marker
from thidua.eligibility.models import Principle, Rule


class ReadableJSONField(forms.JSONField):
    """The expression shown indented, with Vietnamese text as it is (not \\u escapes)."""

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):  # shown back as typed, with the error
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class RuleForm(forms.ModelForm):
    expression = ReadableJSONField(
        label=_("Điều kiện"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=_("Cây điều kiện theo ngôn ngữ điều kiện (thidua/eligibility/schema.py), dạng JSON."),
    )

    class Meta:
        model = Rule
        fields = [
            "award_code", "award_type", "regime", "recipient_kind", "expression", "summary", "legal_source",
            "confidence", "notes",
        ]  # fmt: skip


class PrincipleForm(forms.ModelForm):
    expression = ReadableJSONField(
        label=_("Điều kiện áp dụng cho mọi danh hiệu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
        help_text=_("Để trống khi nguyên tắc chỉ quy định cách tính (ví dụ: khen thưởng đột xuất không tính)."),
    )

    class Meta:
        model = Principle
        fields = ["code", "regime", "text", "expression", "legal_source", "confidence"]


class AuditedAdmin(admin.ModelAdmin):
    """Saves name the superuser in the audit log; nothing is deleted."""

    def save_model(self, request, obj, form, change) -> None:
        with acting_as(request.user):
            super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("độ tin cậy"), ordering="confidence")
    def confidence_display(self, obj) -> str:
        return confidence_marker(obj.confidence)


@admin.register(Rule)
class RuleAdmin(AuditedAdmin):
    form = RuleForm
    list_display = ["award_code", "recipient_kind", "regime", "short_summary", "confidence_display"]
    list_filter = ["regime", "recipient_kind", "confidence", "award_code"]
    search_fields = ["award_code", "summary", "legal_source", "notes"]
    list_select_related = ["regime"]
    raw_id_fields = ["award_type"]

    @admin.display(description=_("tóm tắt điều kiện"))
    def short_summary(self, obj: Rule) -> str:
        return obj.summary if len(obj.summary) <= 120 else obj.summary[:119] + "…"


@admin.register(Principle)
class PrincipleAdmin(AuditedAdmin):
    form = PrincipleForm
    list_display = ["code", "regime", "text", "confidence_display"]
    list_filter = ["regime", "confidence"]
    search_fields = ["code", "text"]
    list_select_related = ["regime"]
