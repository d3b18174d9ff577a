"""Named reads of the dossier workflow shared by the pages, the API and the services: the unit's outbox, the board's
inbox, what documents a dossier still lacks, and which dossiers are overdue.

Every queryset handed to users here is already scoped (``thidua.accounts.scoping.scoped``)."""

from __future__ import annotations

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, DOSSIER_ROLES
from thidua.accounts.scoping import scoped
from thidua.catalog.models import AwardType, DocumentKind
from thidua.dossiers.enums import DossierState, EntryState, Procedure
from thidua.dossiers.models import Dossier, DossierAttachment, DossierEntry
from thidua.orgs.models import paths_filter

# States in which a dossier waits for someone to act: its deadline runs.
WAITING_STATES = (DossierState.SUBMITTED, DossierState.RETURNED, DossierState.RECEIVED)
INBOX_STATES = (DossierState.SUBMITTED, DossierState.RECEIVED, DossierState.RETURNED)
DONE_STATES = (DossierState.CLOSED, DossierState.WITHDRAWN)
# The simplified procedure (Law Art. 85; NĐ 98/2023 Art. 40.1): a tờ trình and a summary report per nominee.
SIMPLIFIED_DOSSIER_DOCUMENT = "to_trinh"
SIMPLIFIED_ENTRY_DOCUMENT = "bao_cao_tom_tat"


def _role_units(user, roles) -> list[tuple[str, int]]:
    return list(
        RoleAssignment.objects.current().filter(user=user, role__code__in=roles).values_list("unit__path", "unit_id")
    )


def outbox(user) -> QuerySet[Dossier]:
    """The dossiers of the units the user prepares dossiers for (and their sub-units), open ones first."""
    queryset = Dossier.objects.all()
    if not user.is_superuser:
        paths = [path for path, _unit in _role_units(user, DOSSIER_ROLES)]
        queryset = queryset.filter(paths_filter(paths, "unit__path"))
    done_last = Case(When(state__in=DONE_STATES, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        scoped(queryset, user)
        .select_related("unit", "authority", "movement", "assignee")
        .annotate(entry_count=Count("entries"), done=done_last)
        .order_by("done", "-created_at", "-id")
    )


def inbox(user, *, mine: bool = False) -> QuerySet[Dossier]:
    """What is addressed to the authorities whose board the user sits on and still waits there (or at the unit,
    returned), the nearest deadline first; ``mine``: only the dossiers assigned to the user."""
    queryset = Dossier.objects.filter(state__in=INBOX_STATES)
    if not user.is_superuser:
        units = [unit for _path, unit in _role_units(user, BOARD_ROLES)]
        queryset = queryset.filter(authority__unit_id__in=units)
    if mine:
        queryset = queryset.filter(assignee=user)
    return (
        scoped(queryset, user)
        .select_related("unit", "authority", "movement", "assignee")
        .annotate(entry_count=Count("entries"))
        .order_by(F("due_on").asc(nulls_last=True), "submitted_at", "id")
    )


def overdue(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The dossiers of ``qs`` whose deadline has passed while they wait for someone."""
    return qs.filter(due_on__lt=timezone.localdate(), state__in=WAITING_STATES)


def _required_kinds(dossier: Dossier, entries: list[DossierEntry]) -> tuple[list[DocumentKind], dict[int, list]]:
    """(dossier-level kinds, {award type id: per-entry kinds}) the unit must attach, in a constant number of queries.

    Normal procedure: the union of the entries' award types' required documents, without those the authority makes
    itself (``by_authority``); per-entry kinds are needed once per entry, the others once for the dossier."""
    if dossier.procedure == Procedure.SIMPLIFIED:
        kinds = {kind.code: kind for kind in DocumentKind.objects.filter(
            code__in=[SIMPLIFIED_DOSSIER_DOCUMENT, SIMPLIFIED_ENTRY_DOCUMENT])}  # fmt: skip
        dossier_kinds = [kinds[SIMPLIFIED_DOSSIER_DOCUMENT]] if SIMPLIFIED_DOSSIER_DOCUMENT in kinds else []
        per_entry = [kinds[SIMPLIFIED_ENTRY_DOCUMENT]] if SIMPLIFIED_ENTRY_DOCUMENT in kinds else []
        return dossier_kinds, {entry.award_type_id: per_entry for entry in entries}
    links = (
        AwardType.required_documents.through.objects.filter(
            awardtype_id__in={entry.award_type_id for entry in entries}, documentkind__by_authority=False
        )
        .select_related("documentkind")
        .order_by("documentkind__id")
    )
    dossier_kinds: dict[int, DocumentKind] = {}
    per_entry: dict[int, list[DocumentKind]] = {}
    for link in links:
        kind = link.documentkind
        if kind.per_entry:
            per_entry.setdefault(link.awardtype_id, []).append(kind)
        else:
            dossier_kinds[kind.pk] = kind
    return list(dossier_kinds.values()), per_entry


def _quoted(kinds: list[DocumentKind]) -> str:
    return ", ".join(f"“{kind.name}”" for kind in kinds)


def missing_documents(dossier: Dossier, *, entry: DossierEntry | None = None) -> list[str]:
    """What the dossier still lacks, one Vietnamese line per dossier document and per entry ("Nguyễn Thị Hoa – Bằng
    khen …: thiếu “Báo cáo thành tích”."). Rejected entries need nothing. With ``entry``: only that entry's line
    (its per-entry documents) and the dossier documents its award type requires."""
    entries = list(
        dossier.entries.exclude(state=EntryState.REJECTED).select_related("award_type", "person", "unit", "household")
    )
    if entry is not None:
        entries = [item for item in entries if item.pk == entry.pk]
    if not entries:
        return []
    dossier_kinds, per_entry = _required_kinds(dossier, entries)
    attached = set(DossierAttachment.objects.filter(dossier=dossier).values_list("entry_id", "document_kind_id"))
    attached_kinds = {kind for _entry, kind in attached}
    lines = [
        _("Thiếu “%(document)s”.") % {"document": kind.name} for kind in dossier_kinds if kind.pk not in attached_kinds
    ]
    for item in entries:
        lacking = [kind for kind in per_entry.get(item.award_type_id, []) if (item.pk, kind.pk) not in attached]
        if lacking:
            lines.append(
                _("%(nominee)s – %(award)s: thiếu %(documents)s.")
                % {"nominee": item.nominee_name, "award": item.award_type.name, "documents": _quoted(lacking)}
            )
    return lines
