"""Fast inserts for generated data: ids allocated up front, rows streamed with COPY (PostgreSQL) or batched INSERTs.

Rows are dicts of attribute names (``unit_id``, not ``unit``); a column the row does not give takes the field's
default, and ``auto_now``/``auto_now_add`` columns take the loading time, so fields added later by other issues need
no change here. Nothing goes through ``Model.save``: no signals, no audit rows. Callers fill the derived fields
(paths, folded names, sort keys, name tokens) themselves and record one audit action for the whole load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

SQLITE_BATCH = 2000


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys for ``model``.

    PostgreSQL hands them out from the table's own sequence, so concurrent writers never collide. SQLite has a single
    writer: inside the caller's transaction (IMMEDIATE, so the write lock is held) the ids after the current maximum
    are free, and SQLite's AUTOINCREMENT counter moves past explicitly inserted ids by itself.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        quoted_table = connection.ops.quote_name(table)
        quoted_column = connection.ops.quote_name(column)
        cursor.execute(f"SELECT COALESCE(MAX({quoted_column}), 0) FROM {quoted_table}")
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _converter(field: models.Field, *, postgres: bool) -> Callable[[Any], Any] | None:
    """How to turn a Python value into what the driver takes, or None when it takes the value as it is."""
    if isinstance(field, models.DateTimeField | models.DecimalField | models.JSONField):
        if postgres and not isinstance(field, models.JSONField):
            return None  # psycopg adapts datetimes and decimals itself
        real_connection = connections[DEFAULT_DB_ALIAS]  # not the proxy: this runs once per value
        return lambda value: field.get_db_prep_save(value, real_connection)
    if isinstance(field, models.DateField) and not postgres:
        return dt.date.isoformat  # what Django's SQLite backend stores for a date
    return None


class TableWriter(AbstractContextManager):
    """Writes rows of one model: ``with TableWriter(Person) as writer: writer.add({...})``.

    On PostgreSQL the rows stream through one ``COPY … FROM STDIN`` (psycopg 3); elsewhere they go in batches of
    ``executemany`` INSERTs. Only one writer may be open at a time on PostgreSQL (one COPY per connection).
    """

    def __init__(self, model: type[models.Model], *, with_pk: bool = True) -> None:
        self.model = model
        # Without the primary key the database numbers the rows (for rows nobody refers to by id while loading).
        self.fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        self.columns = [field.column for field in self.fields]
        self.attnames = [field.attname for field in self.fields]
        now = timezone.now()
        self.defaults: list[Any] = []
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults.append(now)
            elif field.has_default() or not field.null:
                self.defaults.append(field.get_default())
            else:
                self.defaults.append(None)
        self.postgres = connection.vendor == "postgresql"
        # Values the database driver cannot take as they are (dates on SQLite, JSON on both) are converted.
        self.converters: list[tuple[int, Callable[[Any], Any]]] = []
        for index, field in enumerate(self.fields):
            converter = _converter(field, postgres=self.postgres)
            if converter is not None:
                self.converters.append((index, converter))
                if self.defaults[index] is not None:
                    self.defaults[index] = converter(self.defaults[index])
        self.count = 0
        self._batch: list[tuple] = []
        self._copy_context = None
        self._copy = None
        self._cursor = None

    def __enter__(self) -> TableWriter:
        self._cursor = connection.cursor()
        if self.postgres:
            names = ", ".join(connection.ops.quote_name(column) for column in self.columns)
            table = connection.ops.quote_name(self.model._meta.db_table)
            self._copy_context = self._cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN")
            self._copy = self._copy_context.__enter__()
        return self

    def row(self, values: dict[str, Any]) -> tuple:
        row = [values.get(name, default) for name, default in zip(self.attnames, self.defaults, strict=True)]
        for index, converter in self.converters:
            if row[index] is not None and self.attnames[index] in values:  # defaults are converted already
                row[index] = converter(row[index])
        return tuple(row)

    def add(self, values: dict[str, Any]) -> None:
        self.count += 1
        if self._copy is not None:
            self._copy.write_row(self.row(values))
            return
        self._batch.append(self.row(values))
        if len(self._batch) >= SQLITE_BATCH:
            self._flush()

    def add_all(self, rows: Iterable[dict[str, Any]]) -> None:
        for values in rows:
            self.add(values)

    def _flush(self) -> None:
        if not self._batch:
            return
        names = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        table = connection.ops.quote_name(self.model._meta.db_table)
        marks = ", ".join(["%s"] * len(self.columns))
        self._cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", self._batch)
        self._batch = []

    def __exit__(self, exc_type, exc, traceback) -> None:
        try:
            if self._copy_context is not None:
                self._copy_context.__exit__(exc_type, exc, traceback)
            elif exc_type is None:
                self._flush()
        finally:
            self._cursor.close()
