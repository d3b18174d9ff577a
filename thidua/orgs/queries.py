"""Named reads of the organisation, shared by the staff pages and the API: each starts from what the user may see.

Every function takes the user and begins with ``thidua.accounts.scoping.scoped``, so a caller cannot forget the
scope. None of them counts a whole table: lists are handed to a keyset paginator, sizes go through ``capped_count``.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import ORG_EDITOR_ROLES
from thidua.accounts.scoping import scope_for, scoped
from thidua.core.pagination import CappedCount, capped_count
from thidua.orgs.models import (
    Cluster,
    ClusterMembership,
    Membership,
    MembershipQuerySet,
    OrgUnit,
    OrgUnitEvent,
    OrgUnitQuerySet,
    Person,
    PersonQuerySet,
    subtree_range,
)

# --- Units ----------------------------------------------------------------------------------------------


def visible_roots(user) -> OrgUnitQuerySet:
    """The tops of what the user sees: the tree roots for who sees everything, else the units of their roles."""
    units = scoped(OrgUnit, user)
    scope = scope_for(user)
    if scope.everything:
        return units.filter(parent__isnull=True)
    return units.filter(Q(path__in=scope.unit_paths) | Q(pk__in=scope.extra_unit_ids))


def with_has_children(units: OrgUnitQuerySet, user) -> OrgUnitQuerySet:
    """Annotate ``has_children``: whether the unit has children the user may see (one subquery, no extra query)."""
    children = scoped(OrgUnit, user).filter(parent=OuterRef("pk"))
    return units.select_related("kind").annotate(has_children=Exists(children))


def unit_children(unit: OrgUnit, user) -> OrgUnitQuerySet:
    """The visible children of a unit, with ``has_children`` (order them by (sort_key, pk))."""
    return with_has_children(scoped(OrgUnit, user).filter(parent=unit), user)


def search_units(user, query: str) -> OrgUnitQuerySet:
    """Units whose name has each folded query word at the start of a word."""
    return scoped(OrgUnit.objects.search(query), user).select_related("kind", "parent")


def unit_breadcrumb(unit: OrgUnit, user) -> list[OrgUnit]:
    """The unit's ancestors the user may see, from the top down (the ones above their scope are left out)."""
    return list(scoped(unit.ancestors(), user).order_by("path"))


def current_members(unit: OrgUnit, user) -> MembershipQuerySet:
    """Current memberships of a unit, with their people (order them by (person__sort_key, pk))."""
    return scoped(Membership, user).current().filter(unit=unit).select_related("person")


def unit_clusters(unit: OrgUnit, user):
    """The unit's cluster memberships, newest year first."""
    return (
        scoped(ClusterMembership, user)
        .filter(unit=unit)
        .select_related("cluster")
        .order_by("-year", "cluster__name", "pk")
    )


def unit_events(unit: OrgUnit) -> list[OrgUnitEvent]:
    """Renames, moves and merges of a unit already read from the user's scope, oldest first."""
    return list(unit.events.select_related("old_parent", "new_parent", "target").order_by("effective_on", "pk"))


def recent_unit_events(user, *, limit: int = 10) -> list[OrgUnitEvent]:
    """The latest renames, moves and merges of units in the user's scope (a small table: cheap to read)."""
    return list(
        OrgUnitEvent.objects.filter(unit__in=scoped(OrgUnit, user))
        .select_related("unit")
        .order_by("-effective_on", "-pk")[:limit]
    )


def units_for_people_editing(user, *, include: OrgUnit | None = None, limit: int = 300) -> list[OrgUnit]:
    """Units offered in a person or membership form: those where the user edits people, their children, and
    ``include`` (the unit the form was opened from). Validation accepts any unit the rules allow; this is a menu."""
    units = scoped(OrgUnit, user)
    if user.is_superuser:
        menu = units.filter(depth__lte=1)
    else:
        role_units = RoleAssignment.objects.current().filter(user=user, role__code__in=ORG_EDITOR_ROLES)
        menu = units.filter(Q(pk__in=role_units.values("unit")) | Q(parent__in=role_units.values("unit")))
    found = list(menu.order_by("path")[:limit])
    if include is not None and include not in found:
        found.insert(0, include)
    return found


# --- People ---------------------------------------------------------------------------------------------


def search_people(
    user,
    *,
    query: str = "",
    unit: OrgUnit | None = None,
    gender: str = "",
    position_category: str = "",
    is_direct_worker: bool | None = None,
) -> PersonQuerySet:
    """People the user may see, narrowed by a name search (each word a word-prefix, no case or diacritics), the
    subtree of a unit (current members), gender, position category and the direct-worker flag."""
    people = Person.objects.search(query) if query.strip() else Person.objects.all()
    people = scoped(people, user)
    if unit is not None:
        low, high = subtree_range(unit.path)
        members = Membership.objects.current().filter(person=OuterRef("pk"), unit__path__gte=low, unit__path__lt=high)
        people = people.filter(Exists(members))
    if gender:
        people = people.filter(gender=gender)
    if position_category:
        people = people.filter(position_category=position_category)
    if is_direct_worker is not None:
        people = people.filter(is_direct_worker=is_direct_worker)
    return people


def with_current_units(people: PersonQuerySet, user) -> PersonQuerySet:
    """Prefetch each person's current memberships in the user's scope as ``current_memberships`` (one query)."""
    memberships = scoped(Membership, user).current().select_related("unit").order_by("-is_primary", "unit__sort_key")
    return people.prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="current_memberships"))


def person_memberships(person: Person, user) -> MembershipQuerySet:
    """A person's memberships the user may see, newest first: the timeline of the person page."""
    return scoped(Membership, user).filter(person=person).select_related("unit").order_by("-start_date", "-pk")


# --- Clusters -------------------------------------------------------------------------------------------


def cluster_members(cluster: Cluster, user):
    """A cluster's member units by year, newest year first, units in Vietnamese order within a year."""
    return (
        scoped(ClusterMembership, user)
        .filter(cluster=cluster)
        .select_related("unit")
        .order_by("-year", "unit__sort_key", "pk")
    )


# --- Dashboard ------------------------------------------------------------------------------------------


def scope_summary(user) -> dict[str, CappedCount]:
    """How big the user's scope is, counted up to a cap: units and people."""
    return {
        "units": capped_count(scoped(OrgUnit, user)),
        "people": capped_count(scoped(Person, user)),
    }
