"""DBAPI connections to a data file: the one place that opens them, keyed for SQLCipher.

The driver is ``sqlcipher3``, SQLite with SQLCipher's page encryption (AES-256 with an HMAC
on every page), a DB-API binding that mirrors ``sqlite3`` and ships wheels for Windows and
Linux. Every connection is keyed first, then gets the store's pragmas; the ORM's engines get
theirs from here too. The referral list, sync and bulk loads use these connections directly,
so that the rest of the code names neither the driver nor its errors (DESIGN.md §2: the store
is the only door to the file). ``Connection`` and the error types are the driver's own, named
here for the code outside. A ``key`` of None opens a plain SQLite file: only the conversion of
a store written before encryption, and benchmarks measuring what encryption costs, do that.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.store.errors import KeyRejectedError

if TYPE_CHECKING:
    # sqlcipher3 has no type information of its own; its API is sqlite3's, class for class.
    import sqlite3 as driver

    from desktop.store.keys import StoreKey
else:
    from sqlcipher3 import dbapi2 as driver

BUSY_TIMEOUT_MS = 10_000

Connection = driver.Connection
Row = driver.Row
# Any failure of the data file or of a statement (locked, full disk, constraint, ...).
DatabaseError = driver.Error
IntegrityError = driver.IntegrityError
OperationalError = driver.OperationalError
InterfaceError = driver.InterfaceError
DataError = driver.DataError
SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_NOTADB = 26
DRIVER_MODULE: Any = driver

_quiet = threading.Lock()
_quieted = False


def _silence_driver_log() -> None:
    """SQLCipher writes its own errors (a wrong key, a damaged page) to stderr, where they
    would reach the command line beside Trama's message: they are told apart and said in
    Italian here instead. The setting is the library's, process-wide."""
    global _quieted  # noqa: PLW0603 - once per process
    with _quiet:
        if _quieted:
            return
        probe = driver.connect(":memory:")
        try:
            probe.execute("PRAGMA cipher_log_level = NONE")
        finally:
            probe.close()
        _quieted = True


def is_plain_sqlite(path: Path) -> bool:
    """Whether ``path`` starts as an unencrypted SQLite file does (an encrypted one starts
    with random salt)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def key_connection(connection: Connection, key: StoreKey | None) -> None:
    """Give the key, then read the schema: SQLCipher checks a key only on the first read, and
    a wrong key must fail here, where it is told apart from the other errors."""
    if key is not None:
        connection.execute(f"PRAGMA key = {key.pragma_value()}")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as error:
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF != _SQLITE_NOTADB:
            raise
        raise KeyRejectedError(
            "Il file non si apre con la chiave data.", keyed=key is not None
        ) from error


def apply_pragmas(connection: Connection) -> None:
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Sorts and temporary indexes stay in memory: a temporary file is not encrypted.
        cursor.execute("PRAGMA temp_store=MEMORY")
    finally:
        cursor.close()


def connect(
    path: Path | str,
    key: StoreKey | None,
    *,
    foreign_keys: bool = True,
    cache_kib: int | None = None,
    pragmas: bool = True,
) -> Connection:
    """An open, keyed connection with the store's pragmas, in autocommit: units of work are
    opened with ``atomic`` (writes) or an explicit ``BEGIN`` (reads). The caller closes it.

    ``pragmas=False`` leaves the file's journal mode alone (a backup's target, a check)."""
    _silence_driver_log()
    connection = driver.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        key_connection(connection, key)
        if not pragmas:
            return connection
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
    if not isinstance(dbapi, driver.Connection):
        raise TypeError("bulk writes need the store's own driver")
    return dbapi
