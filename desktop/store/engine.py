"""The one place that opens connections to a data file (DESIGN.md §2).

Every connection gets the same pragmas; write units of work start with ``BEGIN IMMEDIATE`` so
that two writers never deadlock on a lock upgrade, while reads start a deferred transaction and,
under WAL, never wait for a writer.

SQLAlchemy is imported when the first ORM session is opened, not with this module: the referral
list's first page is read through ``raw_read`` with a plain DBAPI connection
(``desktop.store.raw``), so the main window paints before the ORM has loaded (start-up time is
a target). Sync and bulk loads get theirs from ``raw_connection`` and ``raw_write``.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.store import raw
from desktop.store.raw import Connection, apply_pragmas

# Where the pragmas were always found: desktop.store.raw holds them now.
__all__ = ["DATABASE_FILE_NAME", "Store", "StoreAddress", "apply_pragmas", "database_path"]

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from desktop.store.keys import StoreKey

DATABASE_FILE_NAME = "trama.sqlite"
# The GUI thread, a background count or print job and a sync: rarely more at once.
POOL_SIZE = 3
POOL_OVERFLOW = 8
# Plain connections kept for hot reads: a kept connection keeps its page cache, so the pages
# a list reads again are not decrypted again.
RAW_READERS_KEPT = 3
# Their page cache (KiB; SQLite's default is 2 MB). From the OS's file cache a plain page costs
# about 2 us, an encrypted one 10-15 us (its HMAC checked, then decrypted), so pages read again
# should be found here. It was 64 MB while a broad search counted its matches and then read
# them again to sort them; a text search is now counted from its index alone and sorts only a
# few hundred matches (listing_sql), and 64 MB per kept connection was a third of the list's
# peak memory while paging 100,000 referrals (tests/bench/README.md, issue 20). Filled only as
# far as reads go.
RAW_READER_CACHE_KIB = 16_384


def _make_engine(path: Path, key: StoreKey | None, *, begin: str) -> Engine:
    from sqlalchemy import create_engine, event  # noqa: PLC0415 - see the module docstring
    from sqlalchemy.pool import QueuePool  # noqa: PLC0415

    # A small pool: opening a connection and applying the pragmas cost more than a whole
    # editor's read under load, so connections are kept. A session checks one out for its unit
    # of work only, so no connection is ever used by two threads at once; sessions themselves
    # are still never shared.
    engine = create_engine(
        f"sqlite:///{path}",
        # SQLCipher's driver, so that SQLAlchemy recognises (and wraps) its errors; every
        # connection comes keyed from the store's own connect.
        module=raw.DRIVER_MODULE,
        creator=lambda: raw.connect(path, key, pragmas=False),
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        # Errors quote the statement's values otherwise, and those are names and fiscal codes:
        # an exception logged anywhere must not carry them into the log file.
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Connection, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" event below, where the pysqlite
        # driver's own implicit BEGIN would not let us choose IMMEDIATE.
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


@dataclass(frozen=True, slots=True)
class StoreAddress:
    """Where a store is and its key: what another thread or a worker process needs to open
    the same store (a ``Store`` itself holds engines, which never cross threads)."""

    path: Path
    key: StoreKey | None

    def open(self) -> Store:
        return Store(self.path, key=self.key)


class Store:
    """A data file: a writer engine, a reader engine and sessions per unit of work.

    ``key`` is the folder's SQLCipher key (``desktop.store.keys``); None only for a plain file
    (benchmarks of what encryption costs). Open stores with ``open_store``, which finds the
    key and checks the file first.
    """

    def __init__(self, path: Path, *, key: StoreKey | None) -> None:
        self.path = path
        self.key = key
        self._raw_readers: queue.SimpleQueue[Connection] = queue.SimpleQueue()
        self._writer: Engine | None = None
        self._reader: Engine | None = None
        self._write_sessions: sessionmaker[Session] | None = None
        self._read_sessions: sessionmaker[Session] | None = None

    @property
    def address(self) -> StoreAddress:
        return StoreAddress(self.path, self.key)

    @property
    def writer(self) -> Engine:
        if self._writer is None:
            self._writer = _make_engine(self.path, self.key, begin="BEGIN IMMEDIATE")
        return self._writer

    @property
    def reader(self) -> Engine:
        if self._reader is None:
            self._reader = _make_engine(self.path, self.key, begin="BEGIN")
        return self._reader

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls everything back on any error."""
        if self._write_sessions is None:
            from sqlalchemy import event  # noqa: PLC0415
            from sqlalchemy.orm import sessionmaker  # noqa: PLC0415

            from desktop.store import changes  # noqa: PLC0415

            self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)
            # What a unit of work really changed, so that a save changing nothing writes
            # nothing (see desktop.store.changes).
            event.listen(self._write_sessions, "before_flush", changes.remember_flushed_changes)
            for ended in ("after_commit", "after_rollback"):
                event.listen(self._write_sessions, ended, changes.forget_flushed_changes)
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end, whatever it did)."""
        if self._read_sessions is None:
            from sqlalchemy.orm import sessionmaker  # noqa: PLC0415

            self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def raw_read(self) -> Iterator[Connection]:
        """A plain DBAPI connection in one read transaction, for hot read paths.

        Connections are kept between reads (one thread at a time each), with their pages."""
        try:
            connection = self._raw_readers.get_nowait()
        except queue.Empty:
            connection = raw.connect(self.path, self.key, cache_kib=RAW_READER_CACHE_KIB)
        healthy = False
        try:
            connection.execute("BEGIN")
            yield connection
            healthy = True
        finally:
            try:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
            except raw.DatabaseError:
                healthy = False
            if healthy and self._raw_readers.qsize() < RAW_READERS_KEPT:
                self._raw_readers.put(connection)
            else:
                connection.close()

    def raw_connection(
        self, *, foreign_keys: bool = True, cache_kib: int | None = None
    ) -> Connection:
        """An open plain connection for a long piece of raw work (a sync, a bulk load), with
        the store's pragmas; units of work on it are ``raw.atomic``. The caller closes it.

        ``cache_kib`` enlarges the page cache for work that walks big indexes; foreign keys
        off let a sync apply a child before the parent that comes in a later page."""
        return raw.connect(self.path, self.key, foreign_keys=foreign_keys, cache_kib=cache_kib)

    @contextmanager
    def raw_write(self) -> Iterator[Connection]:
        """A plain connection of its own in one write unit of work (foreign keys on)."""
        connection = raw.connect(self.path, self.key)
        try:
            with raw.atomic(connection):
                yield connection
        finally:
            connection.close()

    def dispose(self) -> None:
        while True:
            try:
                self._raw_readers.get_nowait().close()
            except queue.Empty:
                break
        if self._writer is not None:
            self._writer.dispose()
        if self._reader is not None:
            self._reader.dispose()


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILE_NAME
