"""The one place that opens connections to a data file (DESIGN.md §2).

Every connection gets the same pragmas; write units of work start with ``BEGIN IMMEDIATE`` so
that two writers never deadlock on a lock upgrade, while reads start a deferred transaction and,
under WAL, never wait for a writer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

DATABASE_FILE_NAME = "trama.sqlite"
BUSY_TIMEOUT_MS = 10_000


def apply_pragmas(connection: sqlite3.Connection) -> None:
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _make_engine(path: Path, *, begin: str) -> Engine:
    # NullPool: a connection per unit of work, so no connection is ever shared across threads.
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" event below, where the pysqlite
        # driver's own implicit BEGIN would not let us choose IMMEDIATE.
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


class Store:
    """A data file: a writer engine, a reader engine and sessions per unit of work.

    ``key`` is reserved for encryption at rest; it is not used yet.
    """

    def __init__(self, path: Path, *, key: bytes | None = None) -> None:
        self.path = path
        self._key = key
        self.writer = _make_engine(path, begin="BEGIN IMMEDIATE")
        self.reader = _make_engine(path, begin="BEGIN")
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls everything back on any error."""
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end, whatever it did)."""
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.writer.dispose()
        self.reader.dispose()


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILE_NAME
