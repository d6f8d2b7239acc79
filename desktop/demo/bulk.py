"""Fast inserts of many prepared rows through the DBAPI connection of a write unit of work.

ORM objects cost tens of microseconds each; demo and benchmark volumes (100,000 referrals and
their events) are written instead as plain tuples with ``executemany``, already in the form the
ORM column types store (the store's codec, ``desktop.store.codec``): dates as 'YYYY-MM-DD',
UTC timestamps as naive 'YYYY-MM-DD HH:MM:SS.ffffff', codes as their string value (a StrEnum
member binds as its value, being a str), lists as JSON text, booleans as 0/1.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.store import codec, search_text
from desktop.store.base import Base
from desktop.store.raw import Connection, session_connection

DAY = 86_400  # seconds
_DAYS: dict[int, str] = {}
_TIMES: dict[int, str] = {}


def sql_date(value: date | None) -> str | None:
    stored: str | None = codec.sql_date(value)
    return stored


def sql_day(ordinal: int) -> str:
    """``date.fromordinal(ordinal)`` as stored; demo data repeat a few thousand days."""
    text = _DAYS.get(ordinal)
    if text is None:
        text = _DAYS[ordinal] = date.fromordinal(ordinal).isoformat()
    return text


def sql_instant(moment: int) -> str:
    """A UTC instant given as ``ordinal * DAY + second of the day``, as the codec stores a
    timestamp (``codec.sql_timestamp``: naive UTC, always with microseconds), formatted here
    from cached parts: demo loads write millions of them."""
    day, second = divmod(moment, DAY)
    clock = _TIMES.get(second)
    if clock is None:
        hours, rest = divmod(second, 3600)
        clock = _TIMES[second] = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"
    return f"{sql_day(day)} {clock}"


def sql_json(value: list[str]) -> str:
    stored: str = codec.sql_json(value)
    return stored


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
                constant = codec.stored_value(getattr(default, "arg", None))
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


def sqlite_connection(session: Session) -> Connection:
    """The DBAPI connection under a session's transaction (started if need be)."""
    return session_connection(session)


def write_batch(connection: Connection, batch: Batch) -> None:
    cursor = connection.cursor()
    try:
        for _table, sql, rows in batch:
            cursor.executemany(sql, rows)
    finally:
        cursor.close()


@contextmanager
def referral_search_suspended(connection: Connection) -> Iterator[None]:
    """Index the referrals inserted in the block for search in one statement at its end
    (``search_text.insert_trigger_suspended``: the per-row trigger cost two thirds of a
    100,000-referral load). Use inside a write transaction."""
    with search_text.insert_trigger_suspended(connection):
        yield


@contextmanager
def indexes_suspended(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
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
