"""Suggested nominees: the sweep's rows with the names a board reads, for the board page, its XLSX, the API and the
CLI. Also who may see them and which scopes a user's sweep covers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from thidua.accounts.rules import BOARD_ROLES, DOSSIER_ROLES, has_role
from thidua.accounts.scoping import scope_for
from thidua.eligibility.engine import Status
from thidua.eligibility.models import Rule
from thidua.eligibility.sweep import SweepRow, sweep
from thidua.orgs.models import OrgUnit, Person
from thidua.records.models import period_label

# The board (Ban Thi đua - Khen thưởng) and those who prepare a unit's dossiers look for nominees.
SUGGESTION_ROLES = BOARD_ROLES | DOSSIER_ROLES
# By default boards see who may be nominated: eligible, and what they must weigh.
DEFAULT_STATUSES = (Status.ELIGIBLE.value, Status.TO_WEIGH.value)
STATUS_ORDER = {Status.ELIGIBLE: 0, Status.TO_WEIGH: 1, Status.NOT_ELIGIBLE: 2}
CHUNK = 500


def can_see_suggestions(user) -> bool:
    return has_role(user, SUGGESTION_ROLES)


@dataclass(frozen=True)
class Suggestion:
    """A sweep row with its subject's name, its (candidate) unit and the award's name."""

    row: SweepRow
    year: int
    name: str
    unit_code: str
    unit_name: str
    award_name: str
    sort_key: str

    @property
    def period(self) -> str:
        """ "2024" or "năm học 2023–2024"."""
        return str(period_label(self.row.period_kind, self.year))

    @property
    def status_label(self) -> str:
        return str(Status(self.row.status).label)

    def as_dict(self) -> dict:
        """The stable shape of the CLI's and the API's rows (docs/eligibility.md)."""
        row = self.row
        return {
            "award_code": row.award_code,
            "award_name": self.award_name,
            "recipient_kind": row.recipient_kind,
            "person_id": row.person_id,
            "unit_id": row.unit_id,
            "name": self.name,
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "period_kind": row.period_kind,
            "year": self.year,
            "status": row.status,
            "rule_id": row.rule_id,
        }


def default_year() -> int:
    return timezone.localdate().year


def sweep_scopes(user, scope_unit: OrgUnit | None) -> list[OrgUnit | None]:
    """The scope units a user's sweep covers: the one asked (already checked visible), else the roots of the
    user's scope (None: the whole tree, for a superuser)."""
    if scope_unit is not None:
        return [scope_unit]
    scope = scope_for(user)
    if scope.everything:
        return [None]
    return list(OrgUnit.objects.filter(path__in=scope.unit_paths).order_by("path"))


def suggestions(
    *,
    year: int,
    scopes: list[OrgUnit | None],
    award_codes: list[str] | None = None,
    statuses: tuple[str, ...] | list[str] = DEFAULT_STATUSES,
    as_of: dt.date | None = None,
) -> list[Suggestion]:
    """The sweep of each scope (deduplicated), kept to ``statuses``, with names: the CLI's order (award code,
    recipient kind, subject id)."""
    rows: dict[tuple, SweepRow] = {}
    for scope_unit in scopes:
        for row in sweep(year=year, scope_unit=scope_unit, award_codes=award_codes, as_of=as_of):
            if row.status in statuses:
                rows[(row.award_code, row.recipient_kind, row.person_id, row.unit_id)] = row
    return decorate(sorted(rows.values(), key=_row_key), year=year)


def _row_key(row: SweepRow) -> tuple:
    return row.award_code, row.recipient_kind, row.person_id or 0, row.unit_id or 0


def decorate(rows: list[SweepRow], *, year: int) -> list[Suggestion]:
    """Names for the rows, read in chunks (a few queries, whatever the number of rows)."""
    people = _by_id(Person, {row.person_id for row in rows if row.person_id}, ("full_name", "sort_key"))
    units = _by_id(OrgUnit, {row.candidate_unit_id for row in rows if row.candidate_unit_id},
                   ("code", "name", "sort_key"))  # fmt: skip
    award_names = dict(Rule.objects.filter(pk__in={row.rule_id for row in rows}).values_list("pk", "award_type__name"))
    found = []
    for row in rows:
        unit = units.get(row.candidate_unit_id, {})
        person = people.get(row.person_id, {}) if row.person_id else None
        found.append(
            Suggestion(
                row=row,
                year=year,
                name=person.get("full_name", "") if person is not None else unit.get("name", ""),
                unit_code=unit.get("code", ""),
                unit_name=unit.get("name", ""),
                award_name=award_names.get(row.rule_id, row.award_code),
                sort_key=person.get("sort_key", "") if person is not None else unit.get("sort_key", ""),
            )
        )
    return found


def _by_id(model, ids: set[int], fields: tuple[str, ...]) -> dict[int, dict]:
    ordered = sorted(ids)
    found: dict[int, dict] = {}
    for start in range(0, len(ordered), CHUNK):
        for values in model.objects.filter(pk__in=ordered[start : start + CHUNK]).values("pk", *fields):
            found[values.pop("pk")] = values
    return found


def board_order(items: list[Suggestion]) -> list[Suggestion]:
    """The board page's order: by award, eligible before to weigh (collectives and people alike), then unit and
    Vietnamese name order."""
    return sorted(
        items,
        key=lambda s: (s.row.award_code, STATUS_ORDER.get(s.row.status, 3), s.row.recipient_kind, s.unit_code,
                       s.sort_key, s.row.person_id or s.row.unit_id or 0),
    )  # fmt: skip
