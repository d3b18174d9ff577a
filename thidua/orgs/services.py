"""Every write to the organisation goes through these functions: views, API, commands, imports and tests alike.

Each takes the acting user as ``by``, runs in one transaction, validates the model before saving (so a bad value
is a Vietnamese ValidationError naming the field, never a half-written row), and leaves its audit rows behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from thidua.audit.context import acting_as
from thidua.core.writes import assign, save_valid
from thidua.orgs.models import (
    PATH_SEGMENT,
    Cluster,
    ClusterMembership,
    ClusterRole,
    Household,
    Membership,
    OrgUnit,
    OrgUnitEvent,
    OrgUnitEventKind,
    Person,
    path_segment,
)

UNIT_FIELDS = {"code", "name", "short_name", "kind", "sector", "is_external", "established_on", "address", "email",
               "phone"}  # fmt: skip
PERSON_FIELDS = {"full_name", "gender", "birth_date", "birth_year", "death_date", "ethnicity", "nationality",
                 "id_number", "is_direct_worker", "position_category", "hometown", "owner_unit"}  # fmt: skip
MEMBERSHIP_FIELDS = {"position", "is_leader", "start_date", "end_date", "is_primary"}
CLUSTER_FIELDS = {"code", "name", "kind", "description"}


# --- Units ----------------------------------------------------------------------------------------------

# Any number: the key of the advisory lock that serialises changes to the shape of the tree on PostgreSQL.
TREE_LOCK_KEY = 7_410_001


def _lock_tree() -> None:
    """Serialise structural changes (create under a parent, move, merge) for the rest of the transaction.

    Paths are copied from parents, so two moves at once could copy a path the other is rewriting. SQLite already
    runs one writing transaction at a time (IMMEDIATE), PostgreSQL takes a transaction-scoped advisory lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_KEY])


def _active_or_error(unit: OrgUnit, field: str, on: dt.date) -> None:
    if unit.dissolved_on is not None and unit.dissolved_on <= on:
        raise ValidationError(
            {field: _("Đơn vị “%(unit)s” đã giải thể hoặc sáp nhập từ %(day)s.")
             % {"unit": unit.name, "day": unit.dissolved_on.strftime("%d/%m/%Y")}}
        )  # fmt: skip


@transaction.atomic
def create_unit(*, by, parent: OrgUnit | None, **fields) -> OrgUnit:
    _lock_tree()
    if parent is not None:
        parent = OrgUnit.objects.get(pk=parent.pk)
    unit = OrgUnit(parent=parent)
    assign(unit, fields, UNIT_FIELDS)
    with acting_as(by):
        save_valid(unit, exclude=["path"])
    return unit


@transaction.atomic
def update_unit(unit: OrgUnit, *, by, **fields) -> OrgUnit:
    """Change a unit's plain fields; a change of name goes through rename_unit so the old name is kept."""
    if "name" in fields and fields["name"] != unit.name:
        raise ValueError("Use rename_unit to change a unit's name.")
    fields.pop("name", None)
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if assign(unit, fields, UNIT_FIELDS - {"name"}):
        with acting_as(by):
            save_valid(unit)
    return unit


@transaction.atomic
def rename_unit(unit: OrgUnit, *, by, new_name: str, effective_on: dt.date, legal_basis: str = "") -> OrgUnit:
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    old_name = unit.name
    unit.name = new_name
    with acting_as(by):
        save_valid(unit)
        if unit.name != old_name:
            OrgUnitEvent.objects.create(
                unit=unit, kind=OrgUnitEventKind.RENAMED, effective_on=effective_on, old_name=old_name,
                new_name=unit.name, legal_basis=legal_basis,
            )  # fmt: skip
    return unit


@transaction.atomic
def move_unit(unit: OrgUnit, *, by, new_parent: OrgUnit, effective_on: dt.date, legal_basis: str = "") -> OrgUnit:
    """Put a unit (with its whole subtree) under another parent; the old place is kept as an event."""
    _lock_tree()
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    new_parent = OrgUnit.objects.select_for_update().get(pk=new_parent.pk)
    _active_or_error(new_parent, "parent", effective_on)
    if new_parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")})
    old_parent = unit.parent
    old_path = unit.path
    new_path = new_parent.path + path_segment(unit.pk)
    depth_change = (len(new_path) - len(old_path)) // PATH_SEGMENT
    with acting_as(by):
        descendants = OrgUnit.objects.subtree_of(unit, include_self=True)
        # One UPDATE rewrites the prefix of every path in the subtree.
        descendants.update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1, Length("path"))),
            depth=F("depth") + depth_change,
        )
        unit.refresh_from_db()
        unit.parent = new_parent
        unit.save(update_fields=["parent", "updated_at"])
        OrgUnitEvent.objects.create(
            unit=unit, kind=OrgUnitEventKind.MOVED, effective_on=effective_on, old_parent=old_parent,
            new_parent=new_parent, legal_basis=legal_basis,
        )  # fmt: skip
    return unit


@transaction.atomic
def merge_units(
    sources: Iterable[OrgUnit], *, into: OrgUnit, by, effective_on: dt.date, legal_basis: str = ""
) -> OrgUnit:
    """Merge units into another (as in the 2025 reorganisation).

    The merged units stay in the tree, marked dissolved, so their past awards keep their names and places; their
    children move under the receiving unit; memberships running on the merge date continue there, and those that
    only start on or after it are moved there whole.
    """
    _lock_tree()
    target = OrgUnit.objects.select_for_update().get(pk=into.pk)
    _active_or_error(target, "merged_into", effective_on)
    with acting_as(by):
        for source in sources:
            source = OrgUnit.objects.select_for_update().get(pk=source.pk)
            _active_or_error(source, "unit", effective_on)
            if source.pk == target.pk or target.path.startswith(source.path):
                raise ValidationError(
                    {"merged_into": _("Không thể sáp nhập đơn vị vào chính nó hoặc đơn vị cấp dưới.")}
                )
            for child in list(source.children.all()):
                move_unit(child, by=by, new_parent=target, effective_on=effective_on, legal_basis=legal_basis)
            for membership in source.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=effective_on)):
                if membership.start_date is not None and membership.start_date >= effective_on:
                    membership.unit = target
                    save_valid(membership)
                    continue
                save_valid(Membership(
                    person=membership.person, unit=target, position=membership.position,
                    is_leader=membership.is_leader, start_date=effective_on, end_date=membership.end_date,
                    is_primary=membership.is_primary,
                ))  # fmt: skip
                membership.end_date = effective_on - dt.timedelta(days=1)
                save_valid(membership)
            source.dissolved_on = effective_on
            source.merged_into = target
            source.save()
            OrgUnitEvent.objects.create(
                unit=source, kind=OrgUnitEventKind.MERGED, effective_on=effective_on, target=target,
                legal_basis=legal_basis,
            )  # fmt: skip
    return target


# --- People ---------------------------------------------------------------------------------------------


@transaction.atomic
def create_person(*, by, unit: OrgUnit | None = None, position: str = "", start_date: dt.date | None = None,
                  **fields) -> Person:  # fmt: skip
    """A new person; with ``unit`` they start a membership there, without it they are outside the tree."""
    person = Person()
    assign(person, fields, PERSON_FIELDS)
    with acting_as(by):
        save_valid(person)
        if unit is not None:
            membership = Membership(person=person, unit=unit, position=position, start_date=start_date)
            save_valid(membership)
    return person


@transaction.atomic
def update_person(person: Person, *, by, **fields) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    if assign(person, fields, PERSON_FIELDS):
        with acting_as(by):
            save_valid(person)
    return person


@transaction.atomic
def add_membership(person: Person, *, by, unit: OrgUnit, **fields) -> Membership:
    membership = Membership(person=person, unit=unit)
    assign(membership, fields, MEMBERSHIP_FIELDS)
    with acting_as(by):
        save_valid(membership)
    return membership


@transaction.atomic
def update_membership(membership: Membership, *, by, **fields) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if assign(membership, fields, MEMBERSHIP_FIELDS):
        with acting_as(by):
            save_valid(membership)
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, by, end_date: dt.date) -> Membership:
    return update_membership(membership, by=by, end_date=end_date)


@transaction.atomic
def remove_membership(membership: Membership, *, by) -> None:
    """Delete a membership entered by mistake; one that really ended is ended with ``end_membership`` instead."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    with acting_as(by):
        membership.delete()


@transaction.atomic
def create_household(*, by, **fields) -> Household:
    household = Household(**fields)
    with acting_as(by):
        save_valid(household)
    return household


# --- Clusters -------------------------------------------------------------------------------------------


@transaction.atomic
def create_cluster(*, by, code: str, name: str, organiser: OrgUnit, kind: str, description: str = "") -> Cluster:
    cluster = Cluster(code=code, name=name, organiser=organiser, kind=kind, description=description)
    with acting_as(by):
        save_valid(cluster)
    return cluster


@transaction.atomic
def update_cluster(cluster: Cluster, *, by, **fields) -> Cluster:
    """Change a cluster's code, name, kind or description; its organiser stays."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if assign(cluster, fields, CLUSTER_FIELDS):
        with acting_as(by):
            save_valid(cluster)
    return cluster


@transaction.atomic
def set_cluster_members(cluster: Cluster, *, by, year: int, members: dict[OrgUnit, str]) -> list[ClusterMembership]:
    """Replace a cluster's members for one year: ``members`` maps each unit to its ClusterRole."""
    # The cluster row is the lock: two editors replacing the same year's list one after the other, never interleaved.
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    unknown = sorted({role for role in members.values() if role not in ClusterRole.values})
    if unknown:
        raise ValidationError({"role": _("Vai trò không hợp lệ: %(roles)s.") % {"roles": ", ".join(unknown)}})
    leaders = [unit for unit, role in members.items() if role == ClusterRole.LEADER]
    if len(leaders) > 1:
        raise ValidationError({"role": _("Mỗi năm một cụm, khối chỉ có một cụm trưởng (khối trưởng).")})
    for unit in members:
        _active_or_error(unit, "unit", dt.date(year, 1, 1))
    with acting_as(by):
        ClusterMembership.objects.filter(cluster=cluster, year=year).exclude(unit__in=list(members)).delete()
        result = []
        for unit, role in members.items():
            membership, _created = ClusterMembership.objects.update_or_create(
                cluster=cluster, unit=unit, year=year, defaults={"role": role}
            )
            result.append(membership)
    return result
