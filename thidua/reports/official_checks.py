"""The forms' own arithmetic (REPORT-FORMS.md §2–4 "implied checks"), written in each spec as text and run on a
filled form: a failed check is a warning on the page, in the XLSX and in the API, never a refusal.

Syntax: ``"R01 = R02 + R03"`` compares rows in every leaf column; ``"K1 = K2 + K3"`` compares the sums of the leaf
columns under key numbers in every row; ``<=`` instead of ``=`` for "of which" rows.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.catalog.loader import CatalogDataError

if TYPE_CHECKING:
    from thidua.reports.official import OfficialReport

TERM = re.compile(r"^([RK])([0-9A-Za-z_.]+)$")


@dataclasses.dataclass(frozen=True)
class Check:
    text: str
    axis: str  # "R" rows, "K" key columns
    left: str
    op: str
    right: tuple[str, ...]


def parse_check(text: str) -> Check:
    """``"R01 = R02 + R03"`` → Check; CatalogDataError when the text is not one."""
    for op in ("<=", "="):
        if op in text:
            left_text, right_text = (part.strip() for part in text.split(op, 1))
            break
    else:
        raise CatalogDataError(f"check {text!r}: no = or <=")
    terms = [left_text, *(part.strip() for part in right_text.split("+"))]
    parsed = [TERM.match(term) for term in terms]
    if not all(parsed) or len({match.group(1) for match in parsed}) != 1:
        raise CatalogDataError(f"check {text!r}: terms must all be R<row> or all K<column>")
    names = [match.group(2) for match in parsed]
    return Check(text=text, axis=parsed[0].group(1), left=names[0], op=op, right=tuple(names[1:]))


def _holds(left: int, op: str, right: int) -> bool:
    return left == right if op == "=" else left <= right


def _row_label(check: Check) -> str:
    symbol = "=" if check.op == "=" else "≤"
    return _("Dòng %(left)s %(op)s %(right)s") % {"left": check.left, "op": symbol, "right": " + ".join(check.right)}


def _column_label(check: Check) -> str:
    symbol = "=" if check.op == "=" else "≤"
    return _("Cột %(left)s %(op)s %(right)s") % {"left": check.left, "op": symbol, "right": " + ".join(check.right)}


def failed_checks(report: OfficialReport) -> list[dict[str, Any]]:
    """Each failed check once per place it fails: {check, label, where, left, right, message}."""
    failures: list[dict[str, Any]] = []
    for text in report.spec.get("checks", []):
        check = parse_check(text)
        if check.axis == "R":
            failures.extend(_row_failures(report, check))
        else:
            failures.extend(_column_failures(report, check))
    return failures


def _row_failures(report: OfficialReport, check: Check) -> list[dict[str, Any]]:
    rows = {row.code: row.values for row in report.rows if row.code}
    failures = []
    for index in range(len(report.leaves)):
        left = rows[check.left][index]
        right = sum(rows[code][index] for code in check.right)
        if not _holds(left, check.op, right):
            where = _header_path(report, index)
            failures.append({
                "check": check.text, "label": _row_label(check), "where": where, "left": left, "right": right,
                "message": _("%(label)s không đúng ở cột “%(where)s”: %(left)s so với %(right)s.") % {
                    "label": _row_label(check), "where": where, "left": left, "right": right},
            })  # fmt: skip
    return failures


def _column_failures(report: OfficialReport, check: Check) -> list[dict[str, Any]]:
    keys = _leaf_keys(report)
    failures = []
    for row in report.rows:
        if not row.code:
            continue

        def total(key: str, values: list[int | None] = row.values) -> int:
            return sum(value or 0 for value, leaf_key in zip(values, keys, strict=True) if leaf_key == key)

        left, right = total(check.left), sum(total(key) for key in check.right)
        if not _holds(left, check.op, right):
            failures.append({
                "check": check.text, "label": _column_label(check), "where": row.code, "left": left, "right": right,
                "message": _("%(label)s không đúng ở dòng %(row)s: %(left)s so với %(right)s.") % {
                    "label": _column_label(check), "row": row.code, "left": left, "right": right},
            })  # fmt: skip
    return failures


def _leaf_keys(report: OfficialReport) -> list[str]:
    from thidua.reports.official import _leaf_paths

    return [key for key, _path in _leaf_paths(report.columns)]


def _header_path(report: OfficialReport, index: int) -> str:
    from thidua.reports.official import _leaf_paths

    key, path = _leaf_paths(report.columns)[index]
    return f"{key}. {' › '.join(path)}" if key else " › ".join(path)
