"""The rule language: a small declarative tree stored as JSON and validated by the JSON Schema below.

A rule is judged for one subject (a person or a unit) and one period (``period_kind``, ``year``; see
``thidua.records.models``). Windows count periods of the subject's own kind backwards from the judged one:
``window: 2`` in 2024 means 2023 and 2024 (school years 2022–2023 and 2023–2024 for a teacher).

Combinators: ``{"all": [...]}``, ``{"any": [...]}``.

History conditions (decided from the records, met or unmet, with the records used):
- ``rating``: ``{"min": "htt", "years": 2}`` — rated at least ``min`` in each of the last ``years`` periods.
- ``rating_count``: ``{"min": "htxs", "count": 1, "window": 5}`` — rated at least ``min`` in at least ``count`` of
  the last ``window`` periods.
- ``title``: ``{"awards": ["CSTDCS"], "years": 2}`` — holds one of the awards in each of the last ``years``
  periods (merit-counting awards only).
- ``title_count``: ``{"awards": ["CSTDCS"], "min": 3, "window": 5}`` — holds one of them in at least ``min`` of the
  last ``window`` periods (merit-counting only).
- ``earlier_award``: ``{"awards": ["BK_TINH"], "min_years_since": 5}`` — has one (merit-counting) and the latest is
  at least ``min_years_since`` periods before the judged one (0: the judged period itself counts).
- ``no_recent_award``: ``{"awards": ["BK_TINH"], "window": 2}`` — has none of them in the last ``window`` periods.
- ``initiatives``: ``{"min_level": "co_so", "min": 2, "window": 2, "kinds": ["initiative", "research"]}`` — at least
  ``min`` initiatives authored, recognised at ``min_level`` or above in the last ``window`` periods, not yet used
  to back an award.
- ``no_discipline``: ``{"window": 1, "min_severity": "khien_trach", "statuses": ["in_effect"]}`` — no discipline of
  those statuses and at least that severity overlapping the last ``window`` periods (``pending`` has severity 0).
- ``service``: ``{"min_months": 6}`` — months from the start of the subject's earliest membership to the end of the
  judged period (persons).
- ``recipient``: ``{"direct_worker": true}`` / ``{"position_categories": ["worker", "farmer"]}`` /
  ``{"unit_kinds": ["ward", "commune"]}`` — what the subject is.
- ``member_share``: ``{"awards": ["LDTT"], "min": 0.7}`` or ``{"rating_min": "htt", "min": 1.0}`` — share of the
  unit's members (people whose membership in the unit is current at the end of the period) holding one of the
  awards, or rated at least ``rating_min``, in the judged period.
- ``member_count``: ``{"awards": ["CSTDCS"], "min": 1}`` — members holding one of the awards in the judged period.
- ``no_member_discipline``: ``{"window": 1, "min_severity": "canh_cao"}`` — no member disciplined that hard.
- ``cluster_rank``: ``{"max": 1}`` — ranked at most ``max`` on a locked score sheet of the judged year.
- ``cap``: ``{"award": "CSTDCS", "of_awards": ["LDTT"], "max_share": 0.15}`` — the subject's unit (a person's unit
  at the end of the period) has fewer awards of ``award`` in the period than ``max_share`` × its holders of
  ``of_awards`` (rounded down, at least one).

Other conditions:
- ``judgement``: ``"Tiêu biểu xuất sắc trong phong trào thi đua"`` — for the board to weigh ("cần xem xét"), never
  assumed either way.
- ``procedure``: ``"Hội đồng Thi đua - Khen thưởng bỏ phiếu kín, đạt từ 80% …"`` — left to the dossier workflow.
"""

from __future__ import annotations

from typing import Any

import jsonschema
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

AWARD_LIST = {"type": "array", "items": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"}, "minItems": 1}
RATING = {"enum": ["htxs", "htt", "ht", "kht"]}
LEVEL = {"enum": ["co_so", "tinh", "toan_quoc"]}
SEVERITY = {"enum": ["khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec"]}
COUNT = {"type": "integer", "minimum": 1, "maximum": 30}
SHARE = {"type": "number", "exclusiveMinimum": 0, "maximum": 1}


def _leaf(name: str, properties: dict, required: list[str]) -> dict:
    return {
        "type": "object",
        "properties": {name: {"type": "object", "properties": properties, "required": required,
                              "additionalProperties": False}},
        "required": [name],
        "additionalProperties": False,
    }  # fmt: skip


RULE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$ref": "#/$defs/node",
    "$defs": {
        "node": {
            "oneOf": [
                {"type": "object", "properties": {"all": {"type": "array", "items": {"$ref": "#/$defs/node"},
                                                          "minItems": 1}},
                 "required": ["all"], "additionalProperties": False},
                {"type": "object", "properties": {"any": {"type": "array", "items": {"$ref": "#/$defs/node"},
                                                          "minItems": 1}},
                 "required": ["any"], "additionalProperties": False},
                _leaf("rating", {"min": RATING, "years": COUNT}, ["min", "years"]),
                _leaf("rating_count", {"min": RATING, "count": COUNT, "window": COUNT}, ["min", "count", "window"]),
                _leaf("title", {"awards": AWARD_LIST, "years": COUNT}, ["awards", "years"]),
                _leaf("title_count", {"awards": AWARD_LIST, "min": COUNT, "window": COUNT},
                      ["awards", "min", "window"]),
                _leaf("earlier_award", {"awards": AWARD_LIST, "min_years_since": {"type": "integer", "minimum": 0,
                                                                                  "maximum": 50}},
                      ["awards", "min_years_since"]),
                _leaf("no_recent_award", {"awards": AWARD_LIST, "window": COUNT}, ["awards", "window"]),
                _leaf("initiatives", {"min_level": LEVEL, "min": COUNT, "window": COUNT,
                                      "kinds": {"type": "array", "items": {"enum": ["initiative", "research"]},
                                                "minItems": 1}},
                      ["min_level", "min", "window"]),
                _leaf("no_discipline", {"window": COUNT, "min_severity": SEVERITY,
                                        "statuses": {"type": "array", "items": {"enum": ["pending", "in_effect"]},
                                                     "minItems": 1}},
                      ["window"]),
                _leaf("service", {"min_months": {"type": "integer", "minimum": 1, "maximum": 600}}, ["min_months"]),
                _leaf("recipient", {"direct_worker": {"type": "boolean"},
                                    "position_categories": {"type": "array", "items": {"type": "string"},
                                                            "minItems": 1},
                                    "unit_kinds": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
                      []),
                _leaf("member_share", {"awards": AWARD_LIST, "rating_min": RATING, "min": SHARE}, ["min"]),
                _leaf("member_count", {"awards": AWARD_LIST, "min": COUNT}, ["awards", "min"]),
                _leaf("no_member_discipline", {"window": COUNT, "min_severity": SEVERITY}, ["window", "min_severity"]),
                _leaf("cluster_rank", {"max": COUNT}, ["max"]),
                _leaf("cap", {"award": {"type": "string"}, "of_awards": AWARD_LIST, "max_share": SHARE},
                      ["award", "of_awards", "max_share"]),
                {"type": "object", "properties": {"judgement": {"type": "string", "minLength": 3}},
                 "required": ["judgement"], "additionalProperties": False},
                {"type": "object", "properties": {"procedure": {"type": "string", "minLength": 3}},
                 "required": ["procedure"], "additionalProperties": False},
            ]
        }
    },
}  # fmt: skip

HISTORY_CONDITIONS = frozenset({
    "rating", "rating_count", "title", "title_count", "earlier_award", "no_recent_award", "initiatives",
    "no_discipline", "service", "recipient", "member_share", "member_count", "no_member_discipline", "cluster_rank",
    "cap",
})  # fmt: skip

_validator = jsonschema.Draft202012Validator(RULE_SCHEMA)


def validate_expression(expression: Any) -> None:
    """Raise a Vietnamese ValidationError naming where the expression breaks the schema."""
    _check_known_keys(expression)
    error = jsonschema.exceptions.best_match(_validator.iter_errors(expression))
    if error is None:
        _check_member_share(expression)
        return
    # Inside "oneOf" the useful error is the one of the branch that names the node's key: follow it down.
    while error.context:
        key = next(iter(error.instance), None) if isinstance(error.instance, dict) else None
        named = [e for e in error.context if key is not None and list(e.relative_schema_path)[:3] != []
                 and key in (e.schema.get("properties", {}) if isinstance(e.schema, dict) else {})]  # fmt: skip
        error = jsonschema.exceptions.best_match(named or error.context)
    where = "/".join(str(part) for part in error.absolute_path) or "(gốc)"
    raise ValidationError(
        _("Điều kiện không đúng cú pháp tại %(where)s: %(message)s") % {"where": where, "message": _message(error)}
    )


def _message(error: jsonschema.ValidationError) -> str:
    """The schema error in Vietnamese (the library's own messages are English)."""
    value = error.validator_value
    messages = {
        "enum": lambda: (
            _("giá trị “%(value)s” không thuộc %(allowed)s")
            % {"value": error.instance, "allowed": ", ".join(map(str, value))}
        ),
        "required": lambda: (
            _("thiếu khóa “%(key)s”") % {"key": next((key for key in value if key not in error.instance), value[0])}
        ),
        "additionalProperties": lambda: (
            _("có khóa không được phép: %(keys)s")
            % {"keys": ", ".join(sorted(set(error.instance) - set(error.schema.get("properties", {}))))}
        ),
        "type": lambda: _("phải có kiểu %(type)s") % {"type": value},
        "minItems": lambda: _("cần ít nhất %(count)s phần tử") % {"count": value},
        "minimum": lambda: _("phải từ %(value)s trở lên") % {"value": value},
        "maximum": lambda: _("không được lớn hơn %(value)s") % {"value": value},
        "exclusiveMinimum": lambda: _("phải lớn hơn %(value)s") % {"value": value},
        "pattern": lambda: (
            _("“%(value)s” không phải là mã khen thưởng (chữ in hoa, số, gạch dưới)") % {"value": error.instance}
        ),
        "minLength": lambda: _("quá ngắn"),
    }
    return messages[error.validator]() if error.validator in messages else _("không hợp lệ")


NODE_KEYS = frozenset({"all", "any", "judgement", "procedure", *HISTORY_CONDITIONS})


def _check_known_keys(node: Any, where: str = "") -> None:
    """An unknown condition is named as such (the schema alone would only say that no branch matched)."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        path = f"{where}/{key}" if where else key
        if key not in NODE_KEYS:
            raise ValidationError(
                _("Điều kiện không đúng cú pháp tại %(where)s: không có loại điều kiện “%(key)s”.")
                % {"where": where or "(gốc)", "key": key}
            )
        if key in ("all", "any") and isinstance(value, list):
            for index, child in enumerate(value):
                _check_known_keys(child, f"{path}/{index}")


def _check_member_share(node: Any) -> None:
    """``member_share`` counts an award or a rating: exactly one of the two."""
    if isinstance(node, dict):
        share = node.get("member_share")
        if isinstance(share, dict) and ("awards" in share) == ("rating_min" in share):
            raise ValidationError(_("member_share cần đúng một trong hai: awards hoặc rating_min."))
        for child in node.get("all", []) + node.get("any", []):
            _check_member_share(child)
