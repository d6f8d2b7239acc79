"""Fast inserts of many prepared rows through the DBAPI connection of a write unit of work.

ORM objects cost tens of microseconds each; demo and benchmark volumes (100,000 referrals and
their events) are written instead as plain tuples with ``executemany``, already in the form the
ORM column types store: dates as 'YYYY-MM-DD', UTC timestamps as naive
'YYYY-MM-DD HH:MM:SS.ffffff', codes as their string value (a StrEnum member binds as its
value, being a str), lists as JSON text, booleans as 0/1.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from desktop.store.base import Base

DAY = 86_400  # seconds
_DAYS: dict[int, str] = {}
_TIMES: dict[int, str] = {}


def sql_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def sql_day(ordinal: int) -> str:
    """``date.fromordinal(ordinal)`` as stored; demo data repeat a few thousand days."""
    text = _DAYS.get(ordinal)
    if text is None:
        text = _DAYS[ordinal] = date.fromordinal(ordinal).isoformat()
    return text


def sql_instant(moment: int) -> str:
    """A UTC instant given as ``ordinal * DAY + second of the day``, stored as SQLAlchemy's
    SQLite DATETIME stores a naive UTC datetime: always with microseconds."""
    day, second = divmod(moment, DAY)
    clock = _TIMES.get(second)
    if clock is None:
        hours, rest = divmod(second, 3600)
        clock = _TIMES[second] = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"
    return f"{sql_day(day)} {clock}"


def sql_json(value: list[str]) -> str:
    return json.dumps(value)  # SQLAlchemy's JSON type serialises with json.dumps defaults


def _stored(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return sql_json(value)
    return value


class BulkTable:
    """The rows waiting to go into one table; ``fields`` name the leading values of each row.

    Columns not in ``fields`` get their model's constant default, so adding a column with a
    default to a model needs no change here, while one without a default fails loudly.
    """

    def __init__(self, model: type[Base], fields: Sequence[str]) -> None:
        table = Base.metadata.tables[model.__tablename__]
        known = set(table.columns.keys())
        unknown = [name for name in fields if name not in known]
        if unknown:
            raise ValueError(f"{table.name} has no columns {unknown}")
        values = ["?"] * len(fields)
        names = list(fields)
        for column in table.columns:
            if column.name in fields:
                continue
            default = column.default
            if default is None and column.nullable:
                constant: Any = None
            elif default is not None and default.is_scalar:
                constant = _stored(getattr(default, "arg", None))
            else:
                raise ValueError(f"{table.name}.{column.name} needs a value in bulk rows")
            names.append(column.name)
            values.append(_literal(constant))
        self.name = table.name
        self.sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(values)})"
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)


def _literal(value: Any) -> str:
    """A column default written into the statement, so that rows need not repeat it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(int(value) if isinstance(value, bool) else value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise ValueError(f"no SQL literal for the default {value!r}")


# (table, INSERT statement, rows) for each table, parents first.
Batch = list[tuple[str, str, list[tuple[Any, ...]]]]


class BulkWriter:
    """Collects rows of several tables and hands them out as one batch, parents first.

    Batches are plain data: they can be built in one process and written in another.
    """

    def __init__(self, tables: Sequence[BulkTable]) -> None:
        self.tables = tuple(tables)

    def take(self) -> Batch:
        batch: Batch = []
        for table in self.tables:
            if table.rows:
                batch.append((table.name, table.sql, table.rows))
                table.written += len(table.rows)
                table.rows = []
        return batch


def sqlite_connection(session: Session) -> sqlite3.Connection:
    """The DBAPI connection under a session's transaction (started if need be)."""
    dbapi: Any = session.connection().connection.dbapi_connection
    if not isinstance(dbapi, sqlite3.Connection):
        raise TypeError("bulk writes need the sqlite3 driver")
    return dbapi


def write_batch(connection: sqlite3.Connection, batch: Batch) -> None:
    cursor = connection.cursor()
    try:
        for _table, sql, rows in batch:
            cursor.executemany(sql, rows)
    finally:
        cursor.close()


SEARCH_TRIGGER = "referral_search_insert"
# The migration's trigger: INSERT INTO referral_search(...) SELECT <new.* ...> FROM <source>
# WHERE <condition>; the same statement over many referrals at once is derived from it.
_TRIGGER_BODY = re.compile(
    r"\bBEGIN\s+(?P<insert>INSERT\s+INTO\s+referral_search\s*\([^)]*\)\s*SELECT\s.+?)"
    r"\s+FROM\s+(?P<source>.+?)\s+WHERE\s+(?P<condition>.+?)\s*;\s*END\s*$",
    re.IGNORECASE | re.DOTALL,
)


@contextmanager
def referral_search_suspended(connection: sqlite3.Connection) -> Iterator[None]:
    """Index the referrals inserted in the block for search in one statement at its end.

    The migration's per-row trigger (FTS5 trigram) cost two thirds of a 100,000-referral load.
    Its SQL is read back from the schema, the trigger dropped for the block and re-created
    unchanged, and the bulk statement is derived from its body, so the search text stays
    defined in the migration alone. Use inside a write transaction: if the block fails, the
    rollback restores the trigger.
    """
    row = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (SEARCH_TRIGGER,)
    ).fetchone()
    body = _TRIGGER_BODY.search(row[0]) if row is not None else None
    if row is None or body is None:
        yield  # a trigger of another shape keeps firing per row: slower, still right
        return
    after_rowid = connection.execute("SELECT coalesce(max(rowid), 0) FROM referral").fetchone()[0]
    connection.execute(f"DROP TRIGGER {SEARCH_TRIGGER}")
    yield
    connection.execute(
        f"{body['insert']} FROM referral AS new, {body['source']} "
        f"WHERE ({body['condition']}) AND new.rowid > ?",
        (after_rowid,),
    )
    connection.execute(row[0])


@contextmanager
def indexes_suspended(connection: sqlite3.Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop the explicit indexes of ``tables`` for the block and re-create them, unchanged,
    from their own SQL at its end: one sort per index instead of a B-tree insert per row.

    Use inside a write transaction: if the block fails, the rollback restores them.
    """
    placeholders = ", ".join("?" for _ in tables)
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({placeholders}) ORDER BY name",
        tuple(tables),
    ).fetchall()
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        connection.execute(sql)
