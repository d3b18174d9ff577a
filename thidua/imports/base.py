"""The importer interface and the registry of import kinds.

An importer turns rows read from a file (XLSX or CSV, already matched to its columns, NFC-normalised and converted
from legacy encodings by ``thidua.imports.reading``) into a :class:`Plan` — what would be created, updated or
skipped, every error by row and column, the duplicates — without writing anything (``prepare``); ``apply`` then
writes the plan. The framework (``thidua.imports.services``) calls ``apply`` inside one ``transaction.atomic`` and
only when the plan has no error, so a file with one bad row imports nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from thidua.core import legacy_text
from thidua.core.scoping import Scope

# Actions of a plan entry.
CREATE = "create"
UPDATE = "update"
SKIP = "skip"

Progress = Callable[[int], None]
# How often a long check reports its progress (rows read).
PROGRESS_EVERY = 1000
"""Called with the number of rows handled so far (the framework maps it onto the job's progress)."""


@dataclass(frozen=True)
class Column:
    """One column of a kind's template. ``header`` is the Vietnamese header written in the template; a file's header
    matches it folded (case, diacritics and spaces ignored), or one of ``aliases``."""

    key: str
    header: str
    required: bool = False
    help: str = ""
    example: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """One data row of the file: ``number`` is the row number the user sees in Excel (header = 1 usually)."""

    number: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "") or ""


@dataclass(frozen=True)
class RowError:
    row_number: int
    column: str  # the column's Vietnamese header, "" when the whole row is wrong
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Dòng %(row)s, cột %(column)s: %(message)s") % {
                "row": self.row_number,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row_number, "message": self.message}


@dataclass(frozen=True)
class Duplicate:
    """A row matching something already there (or an earlier row of the file). ``certain`` False = possible."""

    row_number: int
    message: str
    certain: bool = True
    existing_id: int | None = None


@dataclass(frozen=True)
class Conversion:
    """Text of a cell converted from a legacy encoding ("tcvn3" or "vni")."""

    row_number: int
    column: str
    encoding: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột %(column)s: chuyển từ mã %(encoding)s") % {
            "row": self.row_number,
            "column": self.column,
            "encoding": legacy_text.LABELS.get(self.encoding, self.encoding),
        }


@dataclass
class Entry:
    """One thing the plan would do. ``data`` is whatever ``apply`` needs (parsed values, resolved objects)."""

    row_number: int
    action: str  # CREATE / UPDATE / SKIP
    label: str  # shown in the dry run, e.g. the person's name
    data: dict[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass
class Plan:
    kind: str
    total_rows: int = 0
    entries: list[Entry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    conversions: list[Conversion] = field(default_factory=list)

    def error(self, row: Row | int, column: Column | str | None, message: str) -> None:
        number = row.number if isinstance(row, Row) else row
        header = column.header if isinstance(column, Column) else (column or "")
        self.errors.append(RowError(number, str(header), str(message)))

    def add(self, row: Row | int, action: str, label: str, note: str = "", **data: Any) -> Entry:
        number = row.number if isinstance(row, Row) else row
        entry = Entry(number, action, str(label), data, str(note))
        self.entries.append(entry)
        return entry

    def count(self, action: str) -> int:
        return sum(1 for e in self.entries if e.action == action)

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.total_rows,
            "create": self.count(CREATE),
            "update": self.count(UPDATE),
            "skip": self.count(SKIP),
            "errors": len(self.errors),
            "duplicates": sum(1 for d in self.duplicates if d.certain),
            "possible_duplicates": sum(1 for d in self.duplicates if not d.certain),
            "conversions": len(self.conversions),
        }


class Importer:
    """Subclass, set ``kind``/``title``/``columns``, implement ``prepare`` and ``apply``, decorate with ``@register``.

    ``prepare(rows, *, by, scope, progress=None)``: parse and validate each row (helpers below), resolve units in
    ``scope`` only (a unit outside it is an error on that row), find duplicates; NO writes.
    ``apply(plan, *, by, progress=None)``: write the plan's CREATE/UPDATE entries through services (bulk where
    large), calling ``progress(n_entries_written)`` now and then; return a summary dict of counts ("created",
    "updated", "skipped"). Runs inside the framework's transaction; raise to abort (nothing is written).
    """

    kind: ClassVar[str] = ""
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""
    columns: ClassVar[tuple[Column, ...]] = ()
    order: ClassVar[int] = 100

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def prepare(self, rows: Iterable[Row], *, by, scope: Scope, progress: Progress | None = None) -> Plan:
        raise NotImplementedError

    def apply(self, plan: Plan, *, by, progress: Progress | None = None) -> dict[str, int]:
        raise NotImplementedError

    def each_row(self, plan: Plan, rows: Iterable[Row], progress: Progress | None) -> Iterator[Row]:
        """The rows for ``prepare`` one by one, counted on the plan, with ``progress`` every PROGRESS_EVERY rows
        and once at the end."""
        for count, row in enumerate(rows, start=1):
            plan.total_rows += 1
            yield row
            if progress and count % PROGRESS_EVERY == 0:
                progress(count)
        if progress:
            progress(plan.total_rows)

    # --- shared cell parsers: return (value, error message or "") ---------------------------------------------

    def required(self, plan: Plan, row: Row, key: str) -> str:
        """The cell's text; records "bắt buộc" on the row when empty."""
        value = row.get(key).strip()
        if not value:
            plan.error(row, self.column(key), _("bắt buộc, chưa điền."))
        return value

    def date(self, plan: Plan, row: Row, key: str) -> dt.date | None:
        """A date cell (dd/mm/yyyy, yyyy-mm-dd, or a year alone is refused); records the error on the row."""
        value = row.get(key).strip()
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            plan.error(row, self.column(key), _("“%(value)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": value})
        return parsed

    def integer(self, plan: Plan, row: Row, key: str) -> int | None:
        value = row.get(key).strip()
        if not value:
            return None
        try:
            return int(float(value.replace(",", "."))) if re.fullmatch(r"-?\d+([.,]0+)?", value) else int(value)
        except ValueError:
            plan.error(row, self.column(key), _("“%(value)s” không phải số nguyên.") % {"value": value})
            return None

    def boolean(self, plan: Plan, row: Row, key: str) -> bool | None:
        value = row.get(key).strip()
        if not value:
            return None
        parsed = parse_bool(value)
        if parsed is None:
            plan.error(row, self.column(key), _("“%(value)s” không hiểu là Có hay Không.") % {"value": value})
        return parsed


_DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), ("y", "m", "d")),
)


def parse_date(value: str) -> dt.date | None:
    """dd/mm/yyyy (also . or -), ISO yyyy-mm-dd (with an optional time, as openpyxl writes datetimes)."""
    value = value.strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()[:3]), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None


_TRUE = {"co", "x", "1", "true", "yes", "dung", "c"}
_FALSE = {"khong", "0", "false", "no", "sai", "k"}


def parse_bool(value: str) -> bool | None:
    from thidua.core.text import fold

    folded = fold(value).strip()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return None


# --- registry ---------------------------------------------------------------------------------------------------

_REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    """Class decorator: make an importer available under its ``kind``."""
    if not cls.kind:
        raise ValueError(f"{cls.__name__} has no kind")
    _REGISTRY[cls.kind] = cls
    return cls


def _load() -> None:
    # The kinds register themselves on import; importing the package here keeps callers from forgetting it.
    import thidua.imports.kinds  # noqa: F401


def get_importer(kind: str) -> Importer:
    _load()
    try:
        return _REGISTRY[kind]()
    except KeyError:
        raise LookupError(kind) from None


def importers() -> list[Importer]:
    """Every registered importer, in menu order."""
    _load()
    return [cls() for cls in sorted(_REGISTRY.values(), key=lambda c: (c.order, c.kind))]
