"""Seed the rules and principles from ``data/rules.yaml`` with ``thidua load_catalog`` (after the award catalog).

An entry lists one or more regimes; it becomes one row per regime, with that regime's ``per_regime`` overrides
(confidence, legal source, summary, notes). Natural keys: a rule by award code, recipient kind and regime; a
principle by code and regime. Every expression is checked against the schema (``Rule.clean``) and every award code
it names must exist in the catalog, so a typo fails the load instead of making a rule that never matches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from thidua.catalog.loader import CatalogDataError, register_data_file, register_section, upsert
from thidua.catalog.models import AwardType, LegalRegime, RecipientKind
from thidua.eligibility.models import Principle, Rule

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.yaml"

OVERRIDABLE = {"confidence", "legal_source", "summary", "notes", "text"}
RULE_KEYS = {"award", "recipient", "regimes", "summary", "legal_source", "confidence", "notes", "expression"}
PRINCIPLE_KEYS = {"code", "regimes", "text", "expression", "legal_source", "confidence"}


def _check_keys(row: dict, allowed: set[str], required: set[str]) -> None:
    if not isinstance(row, dict):
        raise CatalogDataError("an entry must be a mapping")
    unknown, missing = set(row) - allowed, required - set(row)
    if unknown or missing:
        raise CatalogDataError(f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")


def _per_regime(entry: dict, allowed: set[str], required: set[str]) -> list[dict]:
    """One row per regime of the entry, its ``per_regime`` overrides applied."""
    _check_keys(entry, allowed | {"per_regime"}, required | {"regimes"})
    overrides = entry.get("per_regime") or {}
    unknown_regimes = set(overrides) - set(entry["regimes"])
    if unknown_regimes:
        raise CatalogDataError(f"per_regime names regimes not listed in regimes: {sorted(unknown_regimes)}")
    rows = []
    for regime in entry["regimes"]:
        override = overrides.get(regime) or {}
        if set(override) - OVERRIDABLE:
            raise CatalogDataError(f"per_regime {regime} may override only {sorted(OVERRIDABLE)}")
        row = {key: value for key, value in entry.items() if key not in ("regimes", "per_regime")}
        rows.append({**row, **override, "regime": regime})
    return rows


def rule_rows(entry: dict) -> list[dict]:
    return _per_regime(entry, RULE_KEYS, {"award", "recipient", "summary", "legal_source", "confidence", "expression"})


def principle_rows(entry: dict) -> list[dict]:
    return _per_regime(entry, PRINCIPLE_KEYS, {"code", "text", "expression", "legal_source", "confidence"})


def _regime(code: str, cache: dict) -> LegalRegime:
    regimes = cache.setdefault("eligibility_regimes", {regime.code: regime for regime in LegalRegime.objects.all()})
    if code not in regimes:
        raise CatalogDataError(f"unknown legal regime {code!r}")
    return regimes[code]


def _award_versions(cache: dict) -> dict[tuple[str, int], AwardType]:
    """The seeded (earliest) version of each award code in each regime."""
    if "eligibility_award_versions" not in cache:
        versions: dict[tuple[str, int], AwardType] = {}
        for award_type in AwardType.objects.order_by("valid_from"):
            versions.setdefault((award_type.code, award_type.regime_id), award_type)
        cache["eligibility_award_versions"] = versions
    return cache["eligibility_award_versions"]


def award_codes_in(node: Any) -> set[str]:
    """Every award code an expression names (``awards``, ``of_awards``, ``award``)."""
    codes: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("all", "any"):
                for child in value or []:
                    codes |= award_codes_in(child)
            elif isinstance(value, dict):
                codes |= set(value.get("awards", [])) | set(value.get("of_awards", []))
                if isinstance(value.get("award"), str):
                    codes.add(value["award"])
    return codes


def _check_award_codes(expression: Any, cache: dict) -> None:
    known = {code for code, _regime in _award_versions(cache)}
    unknown = award_codes_in(expression) - known
    if unknown:
        raise CatalogDataError(f"unknown award codes in the expression: {sorted(unknown)}")


def load_rule(row: dict, cache: dict) -> str:
    regime = _regime(row["regime"], cache)
    if row["recipient"] not in RecipientKind.values:
        raise CatalogDataError(f"unknown recipient kind {row['recipient']!r}")
    award_type = _award_versions(cache).get((row["award"], regime.pk))
    if award_type is None:
        raise CatalogDataError(f"no award type {row['award']} in regime {regime.code}")
    _check_award_codes(row["expression"], cache)
    values = {
        "award_type": award_type,
        "expression": row["expression"],
        "summary": row["summary"].strip(),
        "legal_source": row["legal_source"].strip(),
        "confidence": row["confidence"],
        "notes": (row.get("notes") or "").strip(),
    }
    lookup = {"award_code": row["award"], "recipient_kind": row["recipient"], "regime": regime}
    return upsert(Rule, lookup, values)


def load_principle(row: dict, cache: dict) -> str:
    regime = _regime(row["regime"], cache)
    if row["expression"] is not None:
        _check_award_codes(row["expression"], cache)
    values = {
        "text": row["text"].strip(),
        "expression": row["expression"],
        "legal_source": row["legal_source"].strip(),
        "confidence": row["confidence"],
    }
    return upsert(Principle, {"code": row["code"], "regime": regime}, values)


def register() -> None:
    """Called from ``EligibilityConfig.ready``: principles first, then rules, after the catalog's sections."""
    register_section("principles", Principle, load_principle, principle_rows)
    register_section("rules", Rule, load_rule, rule_rows)
    register_data_file(RULES_FILE)
