"""What the public portal may read: named queries, each starting from the public subset of its model.

The portal has no user and no scope: instead of ``scoped(Model, user)`` every read here starts from a rule of
publicity, and the views read nothing else.

- Movements: launched or closed (a draft is the board's working paper). Their plan, contents, target groups,
  criteria, offered awards and milestones are public; what units owe and answer is not.
- Exemplary models: accepted by the board *and* marked for the portal (``ExemplaryModelQuerySet.published``).
- Honour roll: the lines of SIGNED decisions that granted an award still in force (revoked awards and revocation
  lines are left out, a corrected award shows once, from its amendment). Of each line only the name, the unit at
  the time, the award, the decision's number, date and issuer: never a birth year, gender, ethnicity or ID.
- Consultations: the started ones (``ConsultationQuerySet.public``), shown by the dossiers app's own pages.

Search folds case and diacritics (``thidua.core.text``): people by their indexed name tokens, units by their folded
name, households by theirs. Published movements and models are few (tens to a few thousand rows), so their titles
are read in one query and folded in Python rather than kept in a second folded column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.core.text import MAX_QUERY_WORDS, search_words
from thidua.decisions.enums import DecisionState
from thidua.decisions.models import DecisionItem
from thidua.dossiers.enums import ConsultationState
from thidua.dossiers.models import Consultation
from thidua.movements.enums import MovementState
from thidua.movements.models import Criterion, ExemplaryModel, Movement
from thidua.orgs.models import Household, OrgUnit, Person

# Rows a search shows per section; the full lists have their own pages.
SEARCH_LIMIT = 50
# Units whose names a search may match against the honourees' "unit at the time" (a query like "phường" would
# match hundreds; the first ones are enough to list honourees and keep the query small).
UNIT_NAME_LIMIT = 200


# --- Movements -------------------------------------------------------------------------------------------------


def public_movements() -> QuerySet[Movement]:
    return (
        Movement.objects.exclude(state=MovementState.DRAFT)
        .select_related("issuer_unit", "issuing_authority")
        .only(
            "pk", "title", "kind", "state", "document_number", "document_date", "period_start", "period_end",
            "purpose", "issuer_unit__name", "issuing_authority__name",
        )
    )  # fmt: skip


def movement_page(pk: int) -> Movement:
    """One public movement with its contents, target groups, criteria (as a tree), offered awards and milestones;
    a draft or an unknown id is ``Movement.DoesNotExist``."""
    criteria = Criterion.objects.select_related("target_group").order_by("target_group__position", "position", "id")
    movement = (
        Movement.objects.exclude(state=MovementState.DRAFT)
        .select_related("issuer_unit", "issuing_authority")
        .prefetch_related(
            "contents", "target_groups", "milestones", "awards__award_type",
            Prefetch("criteria", queryset=criteria, to_attr="criteria_list"),
        )
        .get(pk=pk)
    )  # fmt: skip
    movement.criteria_groups = criteria_groups(movement.criteria_list)
    return movement


@dataclass
class CriterionNode:
    criterion: Criterion
    children: list[CriterionNode] = field(default_factory=list)


@dataclass
class CriteriaGroup:
    """The criteria of one target group (``name`` empty: those for every group), as a tree."""

    name: str
    roots: list[CriterionNode]


def criteria_groups(criteria: Iterable[Criterion]) -> list[CriteriaGroup]:
    """Criteria grouped by target group, each group a tree by ``parent`` (built in memory: one query read them)."""
    nodes = {criterion.pk: CriterionNode(criterion) for criterion in criteria}
    groups: dict[int | None, CriteriaGroup] = {}
    for node in nodes.values():
        criterion = node.criterion
        parent = nodes.get(criterion.parent_id)
        if parent is not None:
            parent.children.append(node)
            continue
        group = groups.get(criterion.target_group_id)
        if group is None:
            name = criterion.target_group.name if criterion.target_group_id else ""
            group = groups[criterion.target_group_id] = CriteriaGroup(name=name, roots=[])
        group.roots.append(node)
    return list(groups.values())


# --- Exemplary models ------------------------------------------------------------------------------------------


def published_models() -> QuerySet[ExemplaryModel]:
    return (
        ExemplaryModel.objects.published()
        .select_related("movement", "content", "proposing_unit", "subject_person", "subject_unit")
        .prefetch_related("photos")
        .only(
            "pk", "kind", "title", "story", "created_at", "subject_name", "movement__title", "movement__state",
            "content__title", "proposing_unit__name", "subject_person__full_name", "subject_unit__name",
        )
        .order_by("-created_at", "-id")
    )  # fmt: skip


# --- Honour roll -----------------------------------------------------------------------------------------------


def honour_roll() -> QuerySet[DecisionItem]:
    """Lines of signed decisions whose award is in force, newest decision first."""
    return (
        DecisionItem.objects.filter(
            decision__state=DecisionState.SIGNED, award__isnull=False, award__revoked_on__isnull=True
        )
        .select_related("decision__authority", "award_type")
        .only(
            "pk", "recipient_name", "unit_name", "posthumous", "year", "person_id", "unit_id", "household_id",
            "award_type__name", "decision__number_text", "decision__signed_on", "decision__authority__name",
        )
    )  # fmt: skip


def honour_roll_for_year(year: int | None) -> QuerySet[DecisionItem]:
    items = honour_roll()
    return items.filter(decision__signed_on__year=year) if year else items


# --- Consultations ---------------------------------------------------------------------------------------------


def open_consultations() -> QuerySet[Consultation]:
    """Consultations taking comments today (the dossiers app's /cong-khai/ pages show them)."""
    today = timezone.localdate()
    return (
        Consultation.objects.public()
        .filter(state=ConsultationState.OPEN, ends_on__gte=today)
        .select_related("authority")
        .order_by("ends_on", "pk")
    )


# --- Search ----------------------------------------------------------------------------------------------------


@dataclass
class SearchResults:
    query: str
    words: list[str]
    honourees: list[DecisionItem] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    models: list[ExemplaryModel] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.honourees or self.movements or self.models)


def matches(words: list[str], text: str) -> bool:
    """Every query word begins a word of ``text`` (folded): "ngo quyen" matches "quận Ngô Quyền", "an" not "Lan"."""
    haystack = search_words(text)
    return all(any(candidate.startswith(word) for candidate in haystack) for word in words)


def search(query: str) -> SearchResults:
    words = search_words(query, limit=MAX_QUERY_WORDS)
    results = SearchResults(query=query, words=words)
    if not words:
        return results
    results.honourees = list(search_honourees(query)[:SEARCH_LIMIT])
    results.movements = search_movements(words)
    results.models = search_models(words)
    return results


def search_honourees(query: str) -> QuerySet[DecisionItem]:
    """Honourees by name (people by name tokens, units and households by folded name) or by the unit they were
    in, matched by the current name of a unit whose folded name matches."""
    units = OrgUnit.objects.search(query)
    unit_names = list(units.order_by().values_list("name", flat=True)[:UNIT_NAME_LIMIT])
    households = Household.objects.all()
    for word in search_words(query, limit=MAX_QUERY_WORDS):
        households = households.filter(Q(name_folded__startswith=word) | Q(name_folded__contains=f" {word}"))
    condition = (
        Q(person__in=Person.objects.search(query).values("pk"))
        | Q(unit__in=units.values("pk"))
        | Q(household__in=households.values("pk"))
        | Q(unit_name__in=unit_names)
    )
    return honour_roll().filter(condition).order_by("-decision__signed_on", "-pk")


def search_movements(words: list[str]) -> list[Movement]:
    rows = Movement.objects.exclude(state=MovementState.DRAFT).values_list("pk", "title", "issuer_unit__name")
    found = [pk for pk, title, issuer in rows if matches(words, f"{title} {issuer}")][:SEARCH_LIMIT]
    return list(public_movements().filter(pk__in=found).order_by("-period_start", "-pk"))


def search_models(words: list[str]) -> list[ExemplaryModel]:
    rows = ExemplaryModel.objects.published().values_list(
        "pk", "title", "subject_name", "subject_person__full_name", "subject_unit__name", "proposing_unit__name"
    )
    found = [row[0] for row in rows if matches(words, " ".join(part or "" for part in row[1:]))][:SEARCH_LIMIT]
    return list(published_models().filter(pk__in=found))
