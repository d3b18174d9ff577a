"""Where users meet eligibility in the staff app: the panel on a person's and a unit's page ("đủ điều kiện năm …",
what is missing, what the board must weigh), loaded by htmx or opened as a page; and the board's page of suggested
nominees per award type, with its XLSX.

Thin views: scope from ``scoped`` (404), the suggestions' right from ``suggestions.can_see_suggestions`` (403), the
verdicts from ``evaluate.py`` (one subject, explained), the suggestions from the set-based ``sweep.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.core.views import StaffView
from thidua.eligibility import evaluate, exports
from thidua.eligibility.engine import ConditionKind, ConditionResult, Outcome, Status, Verdict, default_as_of
from thidua.eligibility.models import Rule
from thidua.eligibility.suggestions import (
    DEFAULT_STATUSES,
    Suggestion,
    board_order,
    can_see_suggestions,
    suggestions,
    sweep_scopes,
)
from thidua.orgs.models import OrgUnit, PeriodKind, Person
from thidua.records.models import Rating, period_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEARS_SHOWN = 10
# The board page lists this many rows; the XLSX holds them all.
PAGE_ROWS = 500


# --- The panel of a person or a unit ---------------------------------------------------------------------------


@dataclass
class VerdictView:
    """A verdict as the panel shows it: the conditions met, missing and to be weighed (leaves of the tree)."""

    verdict: Verdict
    award_name: str
    legal_source: str = ""
    needs_verification: bool = False
    met: list[ConditionResult] = field(default_factory=list)
    missing: list[ConditionResult] = field(default_factory=list)
    to_weigh: list[ConditionResult] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(Status(self.verdict.status).label)


def verdict_view(verdict: Verdict, rule: Rule | None) -> VerdictView:
    view = VerdictView(
        verdict=verdict,
        award_name=rule.award_type.name if rule else verdict.award_code,
        legal_source=rule.legal_source if rule else "",
        needs_verification=rule.needs_verification if rule else False,
    )
    for result in verdict.conditions:
        _collect(result, view)
    return view


def _collect(result: ConditionResult, view: VerdictView) -> None:
    """Leaves by outcome; inside a group that holds, only what was met (a failed alternative is not "missing");
    inside an ``any`` that does not hold, its alternatives are what is missing."""
    if result.kind != ConditionKind.GROUP:
        {Outcome.MET: view.met, Outcome.UNMET: view.missing, Outcome.WEIGH: view.to_weigh}[result.outcome].append(
            result
        )
        return
    for child in result.children:
        if result.outcome == Outcome.MET and child.outcome != Outcome.MET:
            continue
        if result.operator == "any" and result.outcome == Outcome.WEIGH and child.outcome == Outcome.UNMET:
            continue
        _collect(child, view)


def latest_rated_year(subject: Person | OrgUnit) -> int | None:
    return Rating.objects.of(subject).aggregate(year=Max("year"))["year"]


def panel_year(request: HttpRequest, subject: Person | OrgUnit) -> int:
    """The year asked (?year=), else the latest year with a rating for the subject, else the current year."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1900 <= int(raw) <= 2200:
        return int(raw)
    return latest_rated_year(subject) or timezone.localdate().year


def period_phrase(period_kind: str, year: int) -> str:
    """ "năm 2024" or "năm học 2023–2024", as in "đủ điều kiện năm 2024"."""
    if period_kind == PeriodKind.SCHOOL_YEAR:
        return str(period_label(period_kind, year))
    return gettext("năm %(year)s") % {"year": year}


class PanelView(StaffView, View):
    """The verdicts of a subject's year. An htmx request gets the panel alone; a plain one, a page around it."""

    model: type[Person] | type[OrgUnit]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        subject = get_object_or_404(scoped(self.model, request.user), pk=pk)
        year = panel_year(request, subject)
        verdicts = evaluate.evaluate_all(subject, year=year)
        rules = Rule.objects.filter(pk__in=[v.rule_id for v in verdicts if v.rule_id]).select_related("award_type")
        by_id = {rule.pk: rule for rule in rules}
        views = [verdict_view(verdict, by_id.get(verdict.rule_id)) for verdict in verdicts]
        current = timezone.localdate().year
        years = sorted({*range(current, current - YEARS_SHOWN, -1), year}, reverse=True)
        is_person = isinstance(subject, Person)
        period_kind = verdicts[0].period_kind if verdicts else PeriodKind.CALENDAR_YEAR
        context = {
            "subject": subject,
            "is_person": is_person,
            "year": year,
            "years": years,
            "period": period_phrase(period_kind, year),
            "verdicts": views,
            "eligible": [view for view in views if view.verdict.status == Status.ELIGIBLE],
            "panel_url_name": "eligibility:panel-person" if is_person else "eligibility:panel-unit",
            "can_see_suggestions": not is_person and can_see_suggestions(request.user),
        }
        template = "eligibility/_panel.html" if request.htmx else "eligibility/panel_page.html"
        return TemplateResponse(request, template, context)


class PersonPanelView(PanelView):
    model = Person


class UnitPanelView(PanelView):
    model = OrgUnit


# --- The board's suggested nominees -----------------------------------------------------------------------------

STATUS_FILTERS = {
    "": DEFAULT_STATUSES,
    Status.ELIGIBLE.value: (Status.ELIGIBLE.value,),
    Status.TO_WEIGH.value: (Status.TO_WEIGH.value,),
    Status.NOT_ELIGIBLE.value: (Status.NOT_ELIGIBLE.value,),
    "all": tuple(Status.values),
}


def award_choices(year: int) -> list[tuple[str, str]]:
    """The award codes with a rule in force for the year (at its calendar end), by name."""
    rules = Rule.objects.in_force(default_as_of(PeriodKind.CALENDAR_YEAR, year)).select_related("award_type")
    names: dict[str, str] = {}
    for rule in rules.order_by("award_type__sort_order", "award_code"):
        names.setdefault(rule.award_code, rule.award_type.name)
    return list(names.items())


class SuggestionFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm xét"), min_value=1900, max_value=2200)
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức"))
    scope = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False, choices=[
        ("", _("Đủ điều kiện và cần xem xét")), (Status.ELIGIBLE.value, Status.ELIGIBLE.label),
        (Status.TO_WEIGH.value, Status.TO_WEIGH.label), (Status.NOT_ELIGIBLE.value, Status.NOT_ELIGIBLE.label),
        ("all", _("Tất cả")),
    ])  # fmt: skip

    def __init__(self, *args: Any, user, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["award"].choices = award_choices(year)
        # The menu: the user's root units and the units right under them; deeper ones come by link (?scope=).
        roots = [unit for unit in sweep_scopes(user, None) if unit is not None]
        top = min((unit.depth for unit in roots), default=0)
        units = scoped(OrgUnit, user).filter(depth__lte=top + 1).order_by("path").only("pk", "name", "depth")[:500]
        self.fields["scope"].choices = [("", _("Toàn bộ phạm vi của tôi"))] + [
            (unit.pk, "— " * (unit.depth - top) + unit.name) for unit in units
        ]

    def full_clean(self) -> None:
        # A unit id from a link may lie outside the menu: accept it when the user sees it.
        raw = self.data.get("scope", "") if self.is_bound else ""
        if raw.isdigit() and all(str(value) != raw for value, _label in self.fields["scope"].choices):
            unit = scoped(OrgUnit, self.user).filter(pk=int(raw)).first()
            if unit is not None:
                self.fields["scope"].choices = [*self.fields["scope"].choices, (unit.pk, unit.name)]
        super().full_clean()


class SuggestionsMixin:
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_see_suggestions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def year(self) -> int:
        """The year asked, else the latest year anyone was rated (the review under way), else this year."""
        raw = self.request.GET.get("year", "")
        if raw.isdigit() and 1900 <= int(raw) <= 2200:
            return int(raw)
        return Rating.objects.aggregate(year=Max("year"))["year"] or timezone.localdate().year

    @cached_property
    def form(self) -> SuggestionFilterForm:
        data = self.request.GET.copy()
        data.setdefault("year", str(self.year))
        choices = award_choices(self.year)
        if choices and not data.get("award"):
            data["award"] = choices[0][0]
        return SuggestionFilterForm(data, user=self.request.user, year=self.year)

    @cached_property
    def scope_unit(self) -> OrgUnit | None:
        unit_id = self.form.cleaned_data.get("scope") if self.form.is_valid() else None
        return get_object_or_404(scoped(OrgUnit, self.request.user), pk=unit_id) if unit_id else None

    @cached_property
    def items(self) -> list[Suggestion]:
        if not self.form.is_valid():
            return []
        data = self.form.cleaned_data
        found = suggestions(year=data["year"], scopes=sweep_scopes(self.request.user, self.scope_unit),
                            award_codes=[data["award"]], statuses=STATUS_FILTERS[data["status"]])  # fmt: skip
        return board_order(found)


class SuggestionsView(SuggestionsMixin, StaffView, TemplateView):
    """Suggested nominees for one award type: who is eligible and whom the board must weigh, in its scope."""

    template_name = "eligibility/suggestions.html"
    nav_section = "eligibility"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        items = self.items
        return super().get_context_data(
            form=self.form,
            items=items[:PAGE_ROWS],
            count=len(items),
            truncated=len(items) > PAGE_ROWS,
            page_rows=PAGE_ROWS,
            counts=[
                (Status(status).label, sum(1 for item in items if item.row.status == status))
                for status in STATUS_FILTERS[self.form.cleaned_data["status"]]
            ]
            if self.form.is_valid()
            else [],
            query=self.request.GET.urlencode(),
            **kwargs,
        )


class SuggestionsXlsxView(SuggestionsMixin, StaffView, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not self.form.is_valid():
            return HttpResponseRedirect(f"{reverse('eligibility:suggestions')}?{request.GET.urlencode()}")
        data = self.form.cleaned_data
        award_name = dict(self.form.fields["award"].choices).get(data["award"], data["award"])
        scope_name = self.scope_unit.name if self.scope_unit else gettext("Toàn bộ phạm vi")
        content = exports.suggestions_xlsx(self.items, award_name=award_name, scope_name=scope_name,
                                           year=data["year"])  # fmt: skip
        response = HttpResponse(content, content_type=XLSX)
        filename = f"goi-y-khen-thuong-{data['award'].lower()}-{data['year']}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
