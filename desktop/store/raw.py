"""Plain DBAPI connections to a data file, for the paths where ORM objects cost too much.

The referral list, sync and bulk loads read and write through ``sqlite3`` directly; they get
their connections here, with the same pragmas as the ORM's, so that the rest of the code names
neither the driver nor its errors (DESIGN.md §2: the store is the only door to the file).
``Connection`` and the error types are the driver's own, named here for the code outside.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 10_000

Connection = sqlite3.Connection
Row = sqlite3.Row
# Any failure of the data file or of a statement (locked, full disk, constraint, ...).
DatabaseError = sqlite3.Error
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError
InterfaceError = sqlite3.InterfaceError
DataError = sqlite3.DataError


def apply_pragmas(connection: Connection) -> None:
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def connect(
    path: Path | str, *, foreign_keys: bool = True, cache_kib: int | None = None
) -> Connection:
    """An open connection with the store's pragmas, in autocommit: units of work are opened
    with ``atomic`` (writes) or an explicit ``BEGIN`` (reads). The caller closes it."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        apply_pragmas(connection)
        if cache_kib is not None:
            set_cache_size(connection, cache_kib)
        if not foreign_keys:
            connection.execute("PRAGMA foreign_keys=OFF")  # takes effect outside transactions
    except BaseException:
        connection.close()
        raise
    return connection


def set_cache_size(connection: Connection, kib: int) -> None:
    """A bigger page cache for work that walks big indexes (a list, a pull, a bulk load)."""
    connection.execute(f"PRAGMA cache_size=-{kib}")


@contextmanager
def relaxed_durability(connection: Connection) -> Iterator[None]:
    """``synchronous=NORMAL`` for the block, for writes that can all be fetched again: under
    WAL a power cut may lose the last commits, never mix them up. Outside transactions."""
    connection.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        connection.execute("PRAGMA synchronous=FULL")


@contextmanager
def atomic(connection: Connection) -> Iterator[Connection]:
    """One write unit of work: commits on success, rolls everything back on any error.

    ``BEGIN IMMEDIATE`` takes the write lock at once: two writers never deadlock on a lock
    upgrade."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def session_connection(session: Any) -> Connection:
    """The DBAPI connection under an ORM session's transaction (started if need be), for
    bulk statements inside that same unit of work."""
    dbapi: Any = session.connection().connection.dbapi_connection
    if not isinstance(dbapi, sqlite3.Connection):
        raise TypeError("bulk writes need the sqlite3 driver")
    return dbapi
