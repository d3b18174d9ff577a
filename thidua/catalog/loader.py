"""Load the reference data and the award catalog from the YAML files beside the code (``thidua load_catalog``).

Files, in this order: ``orgs/data/reference.yaml`` (sectors, unit kinds, ethnicities), ``accounts/data/roles.yaml``
(roles), then every ``catalog/data/*.yaml`` (legal regimes, base salaries, authority kinds, document kinds, award
types), then the files later apps register (``register_data_file``; e.g. the eligibility rules). Each top-level key of
a file is a section; sections load in dependency order whatever file they are in, a later app's sections
(``register_section``) after the catalog's.

Rows are matched by their natural key (``code``; ``valid_from`` for a base salary; ``code`` + ``valid_from`` for an
award type) and written only when something differs, so a second run changes nothing and leaves no audit rows.
An award type's later versions made by ``services.revise_award_type`` are the administrator's: the loader never
touches them, and it keeps the seeded version closed the day before the first of them.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction

from thidua.accounts.models import Role
from thidua.audit.context import acting_as_system
from thidua.catalog.models import (
    AuthorityKind,
    AwardType,
    BaseSalary,
    CouncilBody,
    DocumentKind,
    LegalRegime,
)
from thidua.orgs.models import Ethnicity, Sector, UnitKind


class CatalogDataError(Exception):
    """A data file is malformed: the message names the file, the section and the row."""


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclasses.dataclass
class LoadReport:
    """What one run did, per model, in load order."""

    counts: dict[type[models.Model], Counter] = dataclasses.field(default_factory=dict)

    def add(self, model: type[models.Model], outcome: str) -> None:
        self.counts.setdefault(model, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.total(CREATED) or self.total(UPDATED))


# Data files of later apps (registered from their AppConfig.ready), read after the catalog's own.
EXTRA_DATA_FILES: list[Path] = []


def data_files() -> list[Path]:
    catalog = Path(apps.get_app_config("catalog").path) / "data"
    return [
        Path(apps.get_app_config("orgs").path) / "data" / "reference.yaml",
        Path(apps.get_app_config("accounts").path) / "data" / "roles.yaml",
        *sorted(catalog.glob("*.yaml")),
        *EXTRA_DATA_FILES,
    ]


def register_data_file(path: Path) -> None:
    """Let a later app seed its own data with ``thidua load_catalog`` (called from its ``AppConfig.ready``)."""
    if path not in EXTRA_DATA_FILES:
        EXTRA_DATA_FILES.append(path)


# --- Sections ------------------------------------------------------------------------------------------------
# Each loader takes one row (a dict from YAML) and the run's cache of rows by code, and returns its outcome.


def _check_keys(row: dict, allowed: set[str], required: set[str]) -> None:
    unknown = set(row) - allowed
    missing = required - set(row)
    if unknown or missing:
        raise CatalogDataError(f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")


def upsert(model: type[models.Model], lookup: dict, values: dict, m2m: dict[str, list] | None = None) -> str:
    """Create or update the row found by ``lookup``; save only when a value differs; validate before saving."""
    obj = model.objects.filter(**lookup).first()
    outcome = UNCHANGED
    if obj is None:
        obj = model(**lookup, **values)
        outcome = CREATED
    else:
        for name, value in values.items():
            # A related row is compared by key, without fetching the one the row points to.
            if isinstance(value, models.Model):
                differs = getattr(obj, f"{name}_id") != value.pk
            else:
                differs = getattr(obj, name) != value
            if differs:
                setattr(obj, name, value)
                outcome = UPDATED
    if outcome != UNCHANGED:
        obj.full_clean()
        obj.save()
    for name, related in (m2m or {}).items():
        manager = getattr(obj, name)
        if {item.pk for item in related} != set(manager.values_list("pk", flat=True)):
            manager.set(related)
            outcome = UPDATED if outcome == UNCHANGED else outcome
    return outcome


def load_sector(row: dict, cache: dict) -> str:
    _check_keys(row, {"code", "name", "period_kind", "school_year_start_month"}, {"code", "name"})
    values = {
        "name": row["name"],
        "period_kind": row.get("period_kind", "calendar"),
        "school_year_start_month": row.get("school_year_start_month", 9),
    }
    return upsert(Sector, {"code": row["code"]}, values)


def load_unit_kind(row: dict, cache: dict) -> str:
    _check_keys(
        row, {"code", "name", "level", "is_locality", "valid_from", "valid_to"}, {"code", "name", "level"}
    )  # fmt: skip
    values = {
        "name": row["name"],
        "level": row["level"],
        "is_locality": row.get("is_locality", False),
        "valid_from": row.get("valid_from"),
        "valid_to": row.get("valid_to"),
    }
    return upsert(UnitKind, {"code": row["code"]}, values)


def load_ethnicity(row: dict, cache: dict) -> str:
    _check_keys(row, {"code", "name", "is_minority"}, {"code", "name"})
    values = {"name": row["name"], "is_minority": row.get("is_minority", True)}
    return upsert(Ethnicity, {"code": str(row["code"])}, values)


def load_role(row: dict, cache: dict) -> str:
    _check_keys(row, {"code", "name", "description", "api_only"}, {"code", "name", "description"})
    values = {"name": row["name"], "description": row["description"], "api_only": row.get("api_only", False)}
    return upsert(Role, {"code": row["code"]}, values)


def load_legal_regime(row: dict, cache: dict) -> str:
    _check_keys(
        row, {"code", "name", "instruments", "valid_from", "valid_to", "money_round_to"},
        {"code", "name", "instruments", "valid_from"},
    )  # fmt: skip
    values = {
        "name": row["name"],
        "instruments": row["instruments"],
        "valid_from": row["valid_from"],
        "valid_to": row.get("valid_to"),
        "money_round_to": row.get("money_round_to", 10_000),
    }
    return upsert(LegalRegime, {"code": row["code"]}, values)


def load_base_salary(row: dict, cache: dict) -> str:
    _check_keys(row, {"valid_from", "amount", "instrument", "confidence"}, {"valid_from", "amount", "instrument"})
    values = {"amount": row["amount"], "instrument": row["instrument"], "confidence": row.get("confidence", "H")}
    return upsert(BaseSalary, {"valid_from": row["valid_from"]}, values)


def load_authority_kind(row: dict, cache: dict) -> str:
    _check_keys(
        row, {"code", "name", "level", "is_central", "valid_from", "valid_to", "legal_source"},
        {"code", "name", "level", "legal_source"},
    )  # fmt: skip
    values = {
        "name": row["name"],
        "level": row["level"],
        "is_central": row.get("is_central", False),
        "valid_from": row.get("valid_from"),
        "valid_to": row.get("valid_to"),
        "legal_source": row["legal_source"].strip(),
    }
    return upsert(AuthorityKind, {"code": row["code"]}, values)


def load_document_kind(row: dict, cache: dict) -> str:
    _check_keys(row, {"code", "name", "template_ref", "legal_source", "per_entry", "by_authority"}, {"code", "name"})
    values = {
        "name": row["name"],
        "template_ref": row.get("template_ref", ""),
        "legal_source": row.get("legal_source", "").strip(),
        "per_entry": bool(row.get("per_entry", False)),
        "by_authority": bool(row.get("by_authority", False)),
    }
    return upsert(DocumentKind, {"code": row["code"]}, values)


# An award type entry: these keys may be given for the code (defaults for every version) or per version.
AWARD_VERSION_KEYS = {
    "name", "short_name", "issued_name", "kind", "level", "recipient_kinds", "granting", "coef_individual",
    "coef_collective", "household_multiplier", "is_ceiling", "required_documents", "council_body", "council_threshold",
    "needs_public_consultation", "consultation_working_days", "counts_toward_merit", "legal_source", "confidence",
    "notes", "sort_order", "valid_from", "valid_to",
}  # fmt: skip
AWARD_DEFAULTS = {
    "short_name": "",
    "issued_name": "",
    "coef_individual": None,
    "coef_collective": None,
    "household_multiplier": Decimal("1.5"),
    "is_ceiling": False,
    "council_body": CouncilBody.NONE,
    "council_threshold": None,
    "needs_public_consultation": False,
    "consultation_working_days": 0,
    "counts_toward_merit": True,
    "sort_order": 100,
}


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _by_code(model: type[models.Model], codes: list[str], cache: dict) -> list[models.Model]:
    """Rows of ``model`` by code, read once per run (the sections they come from are loaded by then)."""
    if model not in cache:
        cache[model] = {obj.code: obj for obj in model.objects.all()}
    found = cache[model]
    missing = [code for code in codes if code not in found]
    if missing:
        raise CatalogDataError(f"unknown {model._meta.model_name} codes {missing}")
    return [found[code] for code in codes]


def award_type_versions(entry: dict) -> list[dict]:
    """Expand one code with its per-regime versions into flat rows (the code's keys are defaults; notes add up)."""
    _check_keys(entry, AWARD_VERSION_KEYS | {"code", "versions"}, {"code", "versions"})
    defaults = {key: value for key, value in entry.items() if key != "versions"}
    rows = []
    for version in entry["versions"]:
        _check_keys(version, AWARD_VERSION_KEYS | {"regime"}, {"regime", "confidence", "legal_source"})
        row = {**defaults, **version}
        row["notes"] = " ".join(
            part.strip() for part in (version.get("notes"), defaults.get("notes")) if part and part.strip()
        )
        rows.append(row)
    return rows


def load_award_type(row: dict, cache: dict) -> str:
    missing = {"code", "name", "kind", "level", "recipient_kinds"} - set(row)
    if missing:
        raise CatalogDataError(f"missing keys {sorted(missing)}")
    [regime] = _by_code(LegalRegime, [row["regime"]], cache)
    valid_from = row.get("valid_from", regime.valid_from)
    valid_to = row.get("valid_to", regime.valid_to)  # an explicit null (open-ended) is kept
    # A later version made by an administrator closes this one the day before it starts (see module docstring).
    later = AwardType.objects.filter(code=row["code"], valid_from__gt=valid_from)
    if valid_to is not None:
        later = later.filter(valid_from__lte=valid_to)
    first_later = later.order_by("valid_from").values_list("valid_from", flat=True).first()
    if first_later is not None:
        valid_to = first_later - dt.timedelta(days=1)
    values = {
        **{key: row.get(key, default) for key, default in AWARD_DEFAULTS.items()},
        "name": row["name"],
        "kind": row["kind"],
        "level": row["level"],
        "recipient_kinds": list(row["recipient_kinds"]),
        "regime": regime,
        "legal_source": row["legal_source"].strip(),
        "confidence": row["confidence"],
        "notes": row["notes"],
        "valid_to": valid_to,
    }
    for key in ("coef_individual", "coef_collective", "household_multiplier", "council_threshold"):
        values[key] = _decimal(values[key])
    m2m = {
        "granting_authority_kinds": _by_code(AuthorityKind, row.get("granting", []), cache),
        "required_documents": _by_code(DocumentKind, row.get("required_documents", []), cache),
    }
    return upsert(AwardType, {"code": row["code"], "valid_from": valid_from}, values, m2m)


# Section name → (model, row loader, row expander). Order = load order (each may refer to the ones before).
SECTIONS: dict[str, tuple[type[models.Model], Any, Any]] = {
    "sectors": (Sector, load_sector, None),
    "unit_kinds": (UnitKind, load_unit_kind, None),
    "ethnicities": (Ethnicity, load_ethnicity, None),
    "roles": (Role, load_role, None),
    "legal_regimes": (LegalRegime, load_legal_regime, None),
    "base_salaries": (BaseSalary, load_base_salary, None),
    "authority_kinds": (AuthorityKind, load_authority_kind, None),
    "document_kinds": (DocumentKind, load_document_kind, None),
    "award_types": (AwardType, load_award_type, award_type_versions),
}


def register_section(name: str, model: type[models.Model], load_row: Any, expand: Any = None) -> None:
    """Add a section loaded after those above (a later app's rows may refer to the catalog's), in call order."""
    SECTIONS[name] = (model, load_row, expand)


@functools.lru_cache(maxsize=32)
def _parse(path: Path, modified: float) -> dict:
    # The C loader when PyYAML has libyaml (ten times faster); the file's mtime is part of the key.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader) or {}


def read_sections(files: list[Path]) -> dict[str, list[tuple[str, dict]]]:
    """Rows of every section, each with the place it came from (for error messages)."""
    sections: dict[str, list[tuple[str, dict]]] = {name: [] for name in SECTIONS}
    for path in files:
        content = copy.deepcopy(_parse(path, path.stat().st_mtime))
        for name, rows in content.items():
            if name not in SECTIONS:
                raise CatalogDataError(f"{path}: unknown section {name!r} (known: {', '.join(SECTIONS)})")
            for index, row in enumerate(rows or [], start=1):
                label = row.get("code", row.get("valid_from", "?")) if isinstance(row, dict) else "?"
                sections[name].append((f"{path.name} › {name} › #{index} ({label})", row))
    return sections


@transaction.atomic
def load_catalog(files: list[Path] | None = None) -> LoadReport:
    """Load every data file; all or nothing (one transaction); audit rows name the command as the actor."""
    report = LoadReport()
    sections = read_sections(files if files is not None else data_files())
    cache: dict = {}
    with acting_as_system("load_catalog"):
        for name, (model, load_row, expand) in SECTIONS.items():
            report.counts.setdefault(model, Counter())
            for where, entry in sections[name]:
                try:
                    for row in expand(entry) if expand else [entry]:
                        report.add(model, load_row(row, cache))
                except (CatalogDataError, ValidationError, KeyError, TypeError, ValueError) as error:
                    raise CatalogDataError(f"{where}: {error}") from error
    return report
