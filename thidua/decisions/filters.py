"""Filters of the decisions list, the same on the page and in the API (``?state=``, ``?authority=``, ``?year=``,
``?award_type=``, ``?search=``).

The search finds a decision by its number ("12/QĐ-UBND", or just "12") or by a recipient's name typed with or
without diacritics: a name's words are matched, folded, at the start of the words of the person's, unit's or
household's name (as the people and units lists do), and the snapshot printed in the decision is matched as typed.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from thidua.catalog.models import Authority
from thidua.core.text import MAX_QUERY_WORDS, search_words
from thidua.decisions.enums import DecisionKind, DecisionState
from thidua.decisions.models import Decision, DecisionItem
from thidua.orgs.models import Household, OrgUnit, Person

MAX_SEARCH_LENGTH = 100


def by_year(decisions: QuerySet[Decision], year: int) -> QuerySet[Decision]:
    """Signed in that year; a draft counts in the year it was drafted."""
    return decisions.filter(Q(signed_on__year=year) | Q(signed_on__isnull=True, created_at__year=year))


def by_award_code(decisions: QuerySet[Decision], code: str) -> QuerySet[Decision]:
    """Granting (or correcting, revoking) an award of that code, whichever version of the award type."""
    items = DecisionItem.objects.filter(award_type__code=code).values("decision_id")
    return decisions.filter(pk__in=items)


def households_named(query: str) -> QuerySet[Household]:
    households = Household.objects.all()
    for word in search_words(query, limit=MAX_QUERY_WORDS):
        households = households.filter(Q(name_folded__startswith=word) | Q(name_folded__contains=f" {word}"))
    return households


def search(decisions: QuerySet[Decision], query: str) -> QuerySet[Decision]:
    """By number ("12/QĐ-UBND", "12/QD-UBND", "12") or by a recipient's name, with or without diacritics."""
    query = " ".join((query or "").split())[:MAX_SEARCH_LENGTH]
    if not query:
        return decisions
    by_number = Q(number_text__iexact=query)
    head = query.split("/", 1)[0].strip()
    if head.isdigit() and len(head) < 10:
        # The number itself, whatever way the symbol was typed (a clerk types "QD" for "QĐ").
        by_number |= Q(number=int(head))
    if query.isdigit() or not search_words(query):
        return decisions.filter(by_number)
    items = DecisionItem.objects.filter(
        Q(person__in=Person.objects.search(query))
        | Q(unit__in=OrgUnit.objects.search(query))
        | Q(household__in=households_named(query))
        | Q(recipient_name__icontains=query)
    ).values("decision_id")
    return decisions.filter(by_number | Q(pk__in=items))


def filter_decisions(decisions: QuerySet[Decision], *, state: str = "", authority: Authority | None = None,
                     year: int | None = None, award_code: str = "", kind: str = "",
                     query: str = "") -> QuerySet[Decision]:  # fmt: skip
    if state:
        decisions = decisions.filter(state=state)
    if kind:
        decisions = decisions.filter(kind=kind)
    if authority is not None:
        decisions = decisions.filter(authority=authority)
    if year:
        decisions = by_year(decisions, year)
    if award_code:
        decisions = by_award_code(decisions, award_code)
    return search(decisions, query)


class DecisionFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=DecisionState.choices, label=_("Trạng thái: draft, signed"))
    kind = filters.ChoiceFilter(choices=DecisionKind.choices, label=_("Loại quyết định: award, amendment, revocation"))
    authority = filters.ModelChoiceFilter(queryset=Authority.objects.all(), label=_("Cấp quyết định (mã số)"))
    year = filters.NumberFilter(method="filter_year", label=_("Năm ký (dự thảo: năm lập)"))
    award_type = filters.CharFilter(method="filter_award_type",
                                    label=_("Mã danh hiệu, hình thức khen thưởng, ví dụ BK_TINH"))  # fmt: skip
    amends = filters.NumberFilter(field_name="amends_id", label=_("Quyết định được điều chỉnh, hủy bỏ (mã số)"))
    search = filters.CharFilter(
        method="filter_search", label=_("Số quyết định hoặc tên người, tập thể được khen (có dấu hoặc không dấu)")
    )

    class Meta:
        model = Decision
        fields = ["state", "kind", "authority", "year", "award_type", "amends", "search"]

    def filter_year(self, queryset: QuerySet[Decision], name: str, value) -> QuerySet[Decision]:
        return by_year(queryset, int(value)) if value is not None else queryset

    def filter_award_type(self, queryset: QuerySet[Decision], name: str, value: str) -> QuerySet[Decision]:
        return by_award_code(queryset, value.strip()) if value else queryset

    def filter_search(self, queryset: QuerySet[Decision], name: str, value: str) -> QuerySet[Decision]:
        return search(queryset, value)
