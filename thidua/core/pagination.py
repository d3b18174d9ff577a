"""Keyset pagination and capped counts: list pages that stay fast on tables of millions of rows.

A keyset page is "the next N rows after (key, pk)": one indexed range scan, whatever the depth, where OFFSET would
read and throw away every earlier row. The page knows whether there is more by fetching one row too many; it never
counts the table. Where a page must show a size, ``capped_count`` counts up to a limit and says "more than" beyond.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

AFTER = "after"
BEFORE = "before"


def encode_cursor(key: Any, pk: Any) -> str:
    """An opaque, URL-safe token for the position (key, pk)."""
    raw = json.dumps([key if isinstance(key, int | str) or key is None else str(key), pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[Any, Any] | None:
    """The (key, pk) of a token, or None when the token is not one of ours (a bad link starts at the first page)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        key, pk = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or (key is not None and not isinstance(key, int | str)):
        return None
    return key, pk


def rows_after(ordering: tuple[str, ...], values: list) -> Q:
    """Rows strictly after ``values`` in ``ordering``: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …

    The leading ``k1 >= v1`` adds nothing logically; it gives the database a plain range on the index's first column.
    """
    names = [field.lstrip("-") for field in ordering]
    ops = ["lt" if field.startswith("-") else "gt" for field in ordering]
    condition = Q(pk__in=[])
    for index, name in enumerate(names):
        equal = {names[i]: values[i] for i in range(index)}
        condition |= Q(**equal, **{f"{name}__{ops[index]}": values[index]})
    return Q(**{f"{names[0]}__{ops[0]}e": values[0]}) & condition


@dataclass
class KeysetPage:
    """One page of rows and the cursors of its neighbours (None when there is no neighbour that way)."""

    items: list
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class KeysetPaginator:
    """Pages of ``queryset`` in the order (key, pk), ascending or descending, by a cursor from the query string.

    ``key`` is a field or a lookup path ("sort_key", "person__sort_key"); it must not be null, and an index on
    (key, pk) makes every page an index range scan. The page's rows are read in one query.
    """

    def __init__(self, queryset: models.QuerySet, *, key: str, per_page: int = 50, descending: bool = False):
        self.queryset = queryset
        self.key = key
        self.per_page = per_page
        self.descending = descending

    def _key_of(self, obj: Any) -> Any:
        value = obj
        for part in self.key.split("__"):
            value = getattr(value, part)
        return value

    def _beyond(self, key: Any, pk: Any, *, forward: bool) -> Q:
        """Rows strictly after (key, pk) when walking forward in the page order, strictly before otherwise."""
        return rows_after(tuple(self._ordering(forward=forward)), [key, pk])

    def _ordering(self, *, forward: bool) -> list[str]:
        ascending = forward != self.descending
        sign = "" if ascending else "-"
        return [f"{sign}{self.key}", f"{sign}pk"]

    def page(self, params: Mapping[str, str]) -> KeysetPage:
        """The page named by ``params`` (request.GET): ``after=<cursor>``, ``before=<cursor>`` or neither (first)."""
        after = decode_cursor(params.get(AFTER, "")) if params.get(AFTER) else None
        before = decode_cursor(params.get(BEFORE, "")) if params.get(BEFORE) else None
        if before is not None and after is None:
            rows = list(
                self.queryset.filter(self._beyond(*before, forward=False)).order_by(*self._ordering(forward=False))[
                    : self.per_page + 1
                ]
            )
            more_before = len(rows) > self.per_page
            rows = rows[: self.per_page][::-1]
            return KeysetPage(
                items=rows,
                next_cursor=self._cursor(rows[-1]) if rows else None,
                previous_cursor=self._cursor(rows[0]) if rows and more_before else None,
            )
        queryset = self.queryset
        if after is not None:
            queryset = queryset.filter(self._beyond(*after, forward=True))
        rows = list(queryset.order_by(*self._ordering(forward=True))[: self.per_page + 1])
        more_after = len(rows) > self.per_page
        rows = rows[: self.per_page]
        return KeysetPage(
            items=rows,
            next_cursor=self._cursor(rows[-1]) if rows and more_after else None,
            # Coming from a cursor means rows lie before this page; no query needed to know it.
            previous_cursor=self._cursor(rows[0]) if rows and after is not None else None,
        )

    def _cursor(self, obj: Any) -> str:
        return encode_cursor(self._key_of(obj), obj.pk)


@dataclass(frozen=True)
class CappedCount:
    """A count that stops at ``cap``: ``capped`` means "more than ``value``"."""

    value: int
    capped: bool


def capped_count(queryset: models.QuerySet, *, cap: int = 10_000) -> CappedCount:
    """Count at most ``cap`` + 1 rows (SELECT COUNT(*) FROM (… LIMIT cap + 1)): never a full count of a big table."""
    found = queryset.order_by().values("pk")[: cap + 1].count()
    if found > cap:
        return CappedCount(value=cap, capped=True)
    return CappedCount(value=found, capped=False)
