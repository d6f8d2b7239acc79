"""The server's tables and its one way of opening transactions.

Every record of every office lives in ``record`` as JSON, with a few columns copied out of it
(referral, person, job centre, status) so that visibility and aggregates are plain SQL.
``record_grant`` lists which sites see a private record, and which saw it until it left their
scope; public tables (reference data and the directory) are seen by every site and have no
grants. Records and scope removals share one revision sequence, the pull cursor.

Revisions are handed out only inside ``ServerDB.write()``, which holds a database-wide lock from
its first statement until commit (``BEGIN IMMEDIATE`` on SQLite, a transaction-level advisory
lock on PostgreSQL). Commits therefore happen in revision order, and a reader's snapshot always
holds every revision up to the highest it sees: a pull cursor can never step over a revision
that a concurrent writer commits later.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import PlatformDirs
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    create_engine,
    event,
    false,
    text,
)
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from sync.protocol import DigestResponse

# Any constant will do: it only has to be the same in every worker process.
_ADVISORY_LOCK_KEY = 7_262_011
SQLITE_BUSY_TIMEOUT_MS = 60_000


def default_db_url() -> str:
    folder = Path(PlatformDirs(appname="Trama", appauthor="Provincia di Varese").user_data_dir)
    return f"sqlite:///{folder / 'trama-server.sqlite'}"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Naive UTC in the database, aware on the way out (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC timestamp is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class ServerBase(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012 - read by SQLAlchemy


class ServerSite(ServerBase):
    """An organisation that may enrol devices: an Ambito office, a CPI, the Province."""

    __tablename__ = "server_site"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    ambito_code: Mapped[str | None] = mapped_column(String(32), default=None)
    job_centre_code: Mapped[str | None] = mapped_column(String(32), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Device(ServerBase):
    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_code: Mapped[str] = mapped_column(ForeignKey("server_site.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # SHA-256 of the token: a stolen database does not let anyone sync.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class EnrollmentCode(ServerBase):
    __tablename__ = "enrollment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_code: Mapped[str] = mapped_column(ForeignKey("server_site.code"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)


class Record(ServerBase):
    __tablename__ = "record"
    __table_args__ = (
        Index("ix_record_public_revision", "is_public", "revision"),
        Index("ix_record_table_code", "table_name", "natural_key"),
    )

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger, unique=True)
    owner_site: Mapped[str] = mapped_column(String(32))
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Copied out of ``data`` (see scope.derive): who may see a record, and the aggregates.
    natural_key: Mapped[str | None] = mapped_column(String(64), default=None)
    referral_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    person_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    job_centre_id: Mapped[str | None] = mapped_column(String(36), default=None)
    status: Mapped[str | None] = mapped_column(String(40), default=None)
    track: Mapped[str | None] = mapped_column(String(40), default=None)
    month: Mapped[str | None] = mapped_column(String(7), default=None)
    # Taken out of circulation by the administrator (``trama-server record quarantine``, see
    # sync.server.quarantine): served to no site, as a scope removal, until released.
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    quarantine_reason: Mapped[str | None] = mapped_column(String(500), default=None)
    quarantined_at: Mapped[datetime | None] = mapped_column(default=None)


class RecordGrant(ServerBase):
    """A site that sees a private record (its owner included), or saw it until ``removed``.

    ``revision`` is the record's revision while the grant is active, and the scope removal's own
    revision once removed, so that one index serves a site's whole pull.
    """

    __tablename__ = "record_grant"
    __table_args__ = (
        Index("ix_record_grant_record", "table_name", "record_id"),
        Index("ix_record_grant_site_revision", "site_code", "revision"),
    )

    site_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    removed_at: Mapped[datetime | None] = mapped_column(default=None)


class PushBatch(ServerBase):
    """The receipts of an applied batch, stored with it: a retry gets the same answer."""

    __tablename__ = "push_batch"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    payload_hash: Mapped[str] = mapped_column(String(64))
    receipts: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditRow(ServerBase):
    """One row of an office's audit trail (``sync.protocol.audit``), kept apart from the records.

    Never a ``record``: no pull, digest, aggregate or record view reads this table, and only
    the owning site and the Province's read it (``sync.server.audit``). A chain belongs to the
    site and device that pushed its first row; ``id`` orders the rows for the reader's cursor.
    """

    __tablename__ = "audit_row"
    __table_args__ = (
        Index("uq_audit_row_chain_seq", "chain_id", "seq", unique=True),
        Index("ix_audit_row_site_id", "site_code", "id"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    site_code: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(36))
    row_id: Mapped[str] = mapped_column(String(36))
    chain_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime]
    operator: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class RevisionCounter(ServerBase):
    __tablename__ = "revision_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_revision: Mapped[int] = mapped_column(BigInteger, default=0)


class ServerDB:
    """The server database: ``write()`` serialises writers, ``read()`` gives one snapshot."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = _sqlite_engine(url, begin="BEGIN IMMEDIATE")
            # Deferred: under WAL a reader never waits for the writer and keeps its snapshot.
            self._reader = _sqlite_engine(url, begin="BEGIN")
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
            # One snapshot for the several statements of a pull (cursor, page, high-water mark).
            self._reader = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._writes = sessionmaker(self.engine, expire_on_commit=False)
        # The last digest of each site's scope, valid while the revision it covers is the last.
        self.digests: dict[str, DigestResponse] = {}
        self._reads = sessionmaker(self._reader, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writes() as session, session.begin():
            lock_writers(session.connection(), is_sqlite=self.is_sqlite)
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reads() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._reader is not self.engine:
            self._reader.dispose()


def lock_writers(connection: Connection, *, is_sqlite: bool) -> None:
    """Take the writers' lock for the connection's transaction (on SQLite, ``BEGIN IMMEDIATE``
    has taken it already)."""
    if not is_sqlite:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})


def create_private_file(path: Path) -> None:
    """Create ``path`` readable by its owner only (0600), and the folders it needs 0700. The
    database holds citizens' data and device token hashes: nobody else on the machine may read
    it. SQLite gives its -wal and -shm files the mode of the database file. An existing folder
    keeps its mode; an existing database of ours that others could read (the first release
    made it 0644) is made private, with its -wal and -shm."""
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        with suppress(FileExistsError):  # made meanwhile by another process
            folder.mkdir(mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        _make_private(path)
        return
    os.close(descriptor)


def _make_private(path: Path) -> None:
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with suppress(FileNotFoundError):
            status = file.stat()
            # Only a file this user owns: chmod on another's file would fail, and is not ours.
            if status.st_uid == os.geteuid() and status.st_mode & 0o077:
                file.chmod(0o600)


def _sqlite_engine(url: str, *, begin: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        create_private_file(Path(database))
    # Pooled: closing the last connection to a WAL database checkpoints it, every time.
    engine = create_engine(url, pool_size=8, max_overflow=32, pool_pre_ping=False)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the write lock up front (IMMEDIATE) and holds it until commit, which
        # orders revisions by commit.
        connection.exec_driver_sql(begin)

    return engine


def next_revisions(session: Session, count: int) -> range:
    """Reserve ``count`` revisions; only valid inside ``ServerDB.write()``."""
    counter = session.get(RevisionCounter, 1)
    if counter is None:
        counter = RevisionCounter(id=1, last_revision=0)
        session.add(counter)
    first = counter.last_revision + 1
    counter.last_revision += count
    return range(first, first + count)


def high_water_mark(session: Session) -> int:
    counter = session.get(RevisionCounter, 1)
    return 0 if counter is None else counter.last_revision
