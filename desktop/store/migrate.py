"""Open a data file, upgrading its schema first when it is older than the code.

The schema's revision is read with plain ``sqlite3``: when it is current, Alembic is never
imported, which keeps start-up fast. Before any upgrade the file is copied with SQLite's backup
API; a failed upgrade puts that copy back, so nothing saved is ever lost.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop.store.engine import Store, database_path
from desktop.store.errors import DatabaseTooNewError, MigrationFailedError, StoreError
from desktop.store.raw import apply_pragmas

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Every revision ever released, oldest first: each script in migrations/versions is named after
# its revision ("0005_set_aside.py"), so adding a migration is adding its script. A test checks
# the names against the scripts' revision chain.
SCHEMA_REVISIONS: tuple[str, ...] = tuple(
    sorted(path.stem for path in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
)
HEAD_REVISION = SCHEMA_REVISIONS[-1]


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, or None for an empty or new file."""
    if not path.exists():
        return None
    connection = sqlite3.connect(path)
    try:
        row = connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if version is None else str(version[0])
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"Il file {path} non è un archivio di Trama leggibile ({error})."
        ) from error
    finally:
        connection.close()


def _has_tables(path: Path) -> bool:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"Il file {path} non è un archivio di Trama leggibile ({error})."
        ) from error
    finally:
        connection.close()


def backup_database(path: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API, safe even with WAL pages pending."""
    source = sqlite3.connect(path)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def _run_alembic_upgrade(path: Path) -> None:
    from alembic import command  # noqa: PLC0415 - only when an upgrade is really needed
    from alembic.config import Config  # noqa: PLC0415

    from desktop.store.engine import _make_engine  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    from sqlalchemy import event  # noqa: PLC0415

    engine = _make_engine(path, begin="BEGIN IMMEDIATE")

    # A migration that rebuilds a parent table (SQLite cannot drop a constraint in place) would
    # trip over its children's foreign keys halfway: SQLite's own procedure turns them off for
    # the change and checks them all before committing (sqlite.org/lang_altertable.html §7).
    @event.listens_for(engine, "connect")
    def _foreign_keys_off(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    def dangling() -> set[tuple[object, ...]]:
        return {tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check")}

    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            # A sync interrupted between two pages may leave a reference waiting for its
            # parent: only the references a migration breaks are its fault.
            before = dangling()
            command.upgrade(config, "head")
            broken = dangling() - before
            if broken:
                raise StoreError(f"schema upgrade left dangling references: {sorted(broken)[:3]}")
            connection.commit()
    finally:
        engine.dispose()


def upgrade_database(path: Path, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the file to the code's schema; returns the backup made, if one was needed."""
    existed = path.exists() and path.stat().st_size > 0
    revision = current_revision(path)
    if revision == HEAD_REVISION:
        return None
    if revision is None and existed and _has_tables(path):
        raise StoreError(
            f"Il file {path} non è un archivio di Trama (contiene dati di un altro programma): "
            "il file non è stato modificato."
        )
    if revision is not None and revision not in SCHEMA_REVISIONS:
        raise DatabaseTooNewError(
            f"L'archivio {path} è stato creato da una versione più recente di Trama "
            f"(schema {revision}). Installare la versione aggiornata di Trama per aprirlo: "
            "il file non è stato modificato."
        )
    backup: Path | None = None
    if revision is not None:
        folder = backup_dir or path.parent / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = folder / f"{path.stem}-{revision}-{stamp}.sqlite"
        backup_database(path, backup)
        log.info("schema %s backed up before upgrading to %s", revision, HEAD_REVISION)
    try:
        _run_alembic_upgrade(path)
    except Exception as error:
        if backup is not None:
            backup_database(backup, path)
            log.exception("schema upgrade failed; the backup was restored")
            raise MigrationFailedError(
                "L'aggiornamento dell'archivio non è riuscito; i dati sono stati ripristinati "
                f"dalla copia di sicurezza {backup}. Dettagli: {error}"
            ) from error
        if not existed:  # never delete a file this call did not create
            path.unlink(missing_ok=True)
        raise
    return backup


def open_store(data_dir: Path, *, create: bool = True) -> Store:
    """Open (and, if needed, create or upgrade) the data file of a data folder."""
    if not data_dir.is_dir():
        if not create:
            raise StoreError(f"La cartella dati {data_dir} non esiste.")
        data_dir.mkdir(parents=True)
    path = database_path(data_dir)
    if not path.exists() and not create:
        raise StoreError(f"Nella cartella {data_dir} non c'è un archivio di Trama.")
    upgrade_database(path)
    connection = sqlite3.connect(path)
    try:
        apply_pragmas(connection)  # WAL is persistent: set once here for every later reader
    finally:
        connection.close()
    return Store(path)
