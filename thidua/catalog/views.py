"""Read-only pages of the award catalog: award types in force on a date, authorities, the base salary history.

The catalog is public law, readable by every signed-in user; administrators change it in the admin site.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority, AuthorityKind, AwardLevel, AwardType, BaseSalary, LegalRegime
from thidua.core.views import ScopedListView, StaffView
from thidua.orgs.forms import DATE_INPUT_FORMATS, VietnameseDateInput

LEVEL_ORDER = {level: index for index, level in enumerate(AwardLevel.values)}


class CatalogDateForm(forms.Form):
    on = forms.DateField(
        label=_("Áp dụng ngày"), required=False, input_formats=DATE_INPUT_FORMATS, widget=VietnameseDateInput()
    )


class AwardTypeFilterForm(CatalogDateForm):
    regime = forms.ModelChoiceField(
        label=_("Giai đoạn pháp lý"),
        queryset=LegalRegime.objects.order_by("valid_from"),
        required=False,
        empty_label=_("Theo ngày áp dụng"),
        to_field_name="code",
    )


class AwardTypeListView(StaffView, TemplateView):
    """Award types of one regime, or in force on a date (today by default), grouped by level."""

    nav_section = "catalog"
    template_name = "catalog/award_type_list.html"

    @cached_property
    def filters(self) -> AwardTypeFilterForm:
        form = AwardTypeFilterForm(self.request.GET or None)
        if form.is_bound:
            form.is_valid()
        return form

    def on_date(self) -> dt.date:
        data = getattr(self.filters, "cleaned_data", {})
        return data.get("on") or timezone.localdate()

    def get_queryset(self):
        award_types = scoped(AwardType, self.request.user)
        regime = getattr(self.filters, "cleaned_data", {}).get("regime")
        award_types = award_types.filter(regime=regime) if regime else award_types.in_force(self.on_date())
        return award_types.select_related("regime").prefetch_related("granting_authority_kinds", "required_documents")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        award_types = sorted(self.get_queryset(), key=lambda a: (LEVEL_ORDER.get(a.level, 99), a.sort_order, a.code))
        groups = [
            (AwardLevel(level).label if level in LEVEL_ORDER else level, list(items))
            for level, items in groupby(award_types, key=lambda a: a.level)
        ]
        regime = getattr(self.filters, "cleaned_data", {}).get("regime")
        return super().get_context_data(
            form=self.filters, groups=groups, on_date=self.on_date(), regime=regime, count=len(award_types), **kwargs
        )


class AuthorityListView(ScopedListView):
    """Granting authorities (Chủ tịch UBND …, Giám đốc sở …) with the units they belong to and their validity."""

    nav_section = "catalog"
    template_name = "catalog/authority_list.html"
    model = Authority
    keyset_key = "name"

    @cached_property
    def filters(self) -> CatalogDateForm:
        form = CatalogDateForm(self.request.GET or None)
        if form.is_bound:
            form.is_valid()
        return form

    def get_queryset(self):
        authorities = super().get_queryset().select_related("kind", "unit")
        on = getattr(self.filters, "cleaned_data", {}).get("on")
        if on:
            authorities = authorities.in_force(on).filter(
                kind__in=scoped(AuthorityKind, self.request.user).in_force(on)
            )
        return authorities

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(form=self.filters, **kwargs)


class BaseSalaryListView(StaffView, TemplateView):
    """The base salary (mức lương cơ sở) history: money for an award = coefficient × the amount in force."""

    nav_section = "catalog"
    template_name = "catalog/base_salary_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        salaries = list(scoped(BaseSalary, self.request.user).order_by("-valid_from"))
        today = timezone.localdate()
        current = next((salary for salary in salaries if salary.valid_from <= today), None)
        return super().get_context_data(salaries=salaries, current=current, today=today, **kwargs)
