"""Open a data folder's store: find its key, check the file, encrypt or upgrade it if need be.

The order is what keeps data safe:

1. The folder and the file are looked at before anything is written: a missing or empty file
   where a store existed (its key is in the keyring, or backups are there) is refused, never
   silently replaced by an empty store; a file that is not a store is left alone.
2. The key comes from the keyring (``desktop.store.keys``); a new store's key is put there
   before the first byte is written, so no data ever exists that no key opens.
3. A plain store written before encryption is backed up (encrypted), rewritten encrypted under
   a new key, checked, and only then replaces the plain file, whose copies are removed.
4. An older schema is backed up, then upgraded; a failed upgrade puts the backup back.
5. ``PRAGMA quick_check`` within a time budget: damage is named before the user works on it.

The schema's revision is read with a plain driver connection: when it is current, Alembic is
never imported, which keeps start-up fast.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.store import backups, failures, keys, raw
from desktop.store.engine import Store, database_path
from desktop.store.errors import (
    DamagedStoreError,
    DatabaseTooNewError,
    ForeignFileError,
    MigrationFailedError,
    MissingKeyError,
    MissingStoreError,
    StoreError,
)
from desktop.store.files import create_private_file, make_private, make_private_dir
from desktop.store.keys import StoreKey

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Every revision ever released, oldest first: each script in migrations/versions is named after
# its revision ("0005_set_aside.py"), so adding a migration is adding its script. A test checks
# the names against the scripts' revision chain.
SCHEMA_REVISIONS: tuple[str, ...] = tuple(
    sorted(path.stem for path in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
)
HEAD_REVISION = SCHEMA_REVISIONS[-1]
# How long the start-up check may take: a big store is checked in part, never for long.
QUICK_CHECK_BUDGET_S = 0.25
_SIDE_FILES = ("-wal", "-shm", "-journal")
# BENCHMARKS ONLY (tests/bench/encryption.py): with this set to "1", an existing plain store
# is opened plain instead of being encrypted, so that the very application a user starts can
# be timed on a plain twin of the same data. It never creates a plain store (a missing one is
# refused), nothing in Trama sets it, and the packaged application ignores it.
BENCH_PLAIN_STORE_VARIABLE = "TRAMA_BENCH_PLAIN_STORE"


def current_revision(path: Path, key: StoreKey | None) -> str | None:
    """The schema revision stored in the file, or None for an empty or new file."""
    if not path.exists():
        return None
    with failures.named(path):
        connection = raw.connect(path, key, pragmas=False)
        try:
            row = connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if row is None:
                return None
            version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if version is None else str(version[0])
        finally:
            connection.close()


def _has_tables(path: Path, key: StoreKey | None) -> bool:
    with failures.named(path):
        connection = raw.connect(path, key, pragmas=False)
        try:
            return bool(
                connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
            )
        finally:
            connection.close()


def backup_database(path: Path, target: Path, key: StoreKey | None) -> None:
    """A consistent copy under the same key, safe even with WAL pages pending."""
    backups.copy_database(path, target, source_key=key, target_key=key)


def _run_alembic_upgrade(path: Path, key: StoreKey | None) -> None:
    from alembic import command  # noqa: PLC0415 - only when an upgrade is really needed
    from alembic.config import Config  # noqa: PLC0415
    from sqlalchemy import event  # noqa: PLC0415

    from desktop.store.engine import _make_engine  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = _make_engine(path, key, begin="BEGIN IMMEDIATE")

    # A migration that rebuilds a parent table (SQLite cannot drop a constraint in place) would
    # trip over its children's foreign keys halfway: SQLite's own procedure turns them off for
    # the change and checks them all before committing (sqlite.org/lang_altertable.html §7).
    @event.listens_for(engine, "connect")
    def _foreign_keys_off(dbapi_connection: raw.Connection, _record: object) -> None:
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


def upgrade_database(
    path: Path, key: StoreKey | None, *, backup_dir: Path | None = None
) -> Path | None:
    """Bring the file to the code's schema; returns the backup made, if one was needed."""
    existed = path.exists() and path.stat().st_size > 0
    revision = current_revision(path, key)
    if revision == HEAD_REVISION:
        return None
    _check_revision_is_ours(path, key, revision, has_data=existed)
    backup: Path | None = None
    if revision is not None:
        folder = backup_dir or backups.backup_folder(path.parent)
        with failures.named(path):
            backup = backups.take_backup(path, key, folder, reason=backups.BEFORE_MIGRATION).path
        log.info("schema %s backed up before upgrading to %s", revision, HEAD_REVISION)
    try:
        with failures.named(path):
            _run_alembic_upgrade(path, key)
    except Exception as error:
        if backup is not None:
            _put_back(backup, path, key)
            log.exception("schema upgrade failed; the backup was restored")
            raise MigrationFailedError(
                "L'aggiornamento dell'archivio non è riuscito; i dati sono stati ripristinati "
                f"dalla copia di sicurezza {backup}. Dettagli: {error}"
            ) from error
        if not existed:  # never delete a file this call did not create
            _remove_database(path)
        raise
    return backup


def _put_back(backup: Path, path: Path, key: StoreKey | None) -> None:
    """Replace ``path`` by a copy of ``backup`` (same key), with no stale WAL beside it."""
    scratch = path.with_name(path.name + ".restoring")
    scratch.unlink(missing_ok=True)
    backup_database(backup, scratch, key)
    _remove_side_files(path)
    scratch.replace(path)


def _remove_side_files(path: Path) -> None:
    for suffix in _SIDE_FILES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _remove_database(path: Path) -> None:
    _remove_side_files(path)
    path.unlink(missing_ok=True)


def _latest_backup_hint(data_dir: Path) -> str:
    latest = backups.latest_backup(backups.backup_folder(data_dir))
    if latest is None:
        return ""
    return f" L'ultima copia di sicurezza è {latest.path}: ripristinarla con «trama restore»."


def _existing_store_gone(data_dir: Path, path: Path, *, empty: bool) -> MissingStoreError:
    what = f"L'archivio {path} è vuoto (0 byte)" if empty else f"L'archivio {path} non c'è più"
    return MissingStoreError(
        f"{what}, ma in questa cartella c'era un archivio di Trama: non ne viene creato uno "
        "nuovo, per non perdere l'iscrizione al server e i dati."
        + (_latest_backup_hint(data_dir) or " Ripristinare una copia di sicurezza.")
    )


def store_existed(data_dir: Path) -> bool:
    """Whether a store lived in ``data_dir`` (its key is kept, or its backups are there):
    a command must then refuse a missing file rather than say the folder was never used."""
    return _had_a_store(data_dir)


def _had_a_store(data_dir: Path) -> bool:
    """Signs that a store lived here: its key in the keyring, or its backups."""
    if backups.list_backups(backups.default_backup_dir(data_dir)):
        return True
    if keys.is_demo_folder(data_dir):
        return False  # its key file is made before its store: no sign of one
    return keys.load_key(data_dir) is not None


def _encrypt_plain_store(data_dir: Path, path: Path) -> StoreKey:
    """Rewrite a plain store encrypted under a new key; the plain file and its plain
    backups are removed once the encrypted copy has been read back."""
    log.info("plain store found: encrypting it")
    with failures.named(path):
        checkpoint = raw.connect(path, None, pragmas=False)
        try:
            checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            tables = [
                str(row[0])
                for row in checkpoint.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            counts = {
                table: checkpoint.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in tables
            }
        finally:
            checkpoint.close()
    key = keys.load_key(data_dir)
    if key is None:
        key = keys.new_key()
        keys.save_key(data_dir, key)
    folder = backups.default_backup_dir(data_dir)
    with failures.named(path):
        backups.take_backup(path, None, folder, reason=backups.BEFORE_ENCRYPTION, target_key=key)
        scratch = path.with_name(path.name + ".encrypting")
        scratch.unlink(missing_ok=True)
        backups.copy_database(path, scratch, source_key=None, target_key=key)
        copy = raw.connect(scratch, key, pragmas=False)
        try:
            for table, count in counts.items():
                copied = copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                if copied != count:
                    raise StoreError(
                        f"La cifratura dell'archivio {path} non è riuscita (tabella {table}): "
                        "il file non è stato modificato."
                    )
        finally:
            copy.close()
    _remove_side_files(path)
    scratch.replace(path)
    _encrypt_plain_backups(folder, key)
    return key


def _encrypt_plain_backups(folder: Path, key: StoreKey) -> None:
    """Backups taken before encryption are plain SQLite too: each is rewritten encrypted."""
    if not folder.is_dir():
        return
    for candidate in sorted(folder.iterdir()):
        if not candidate.is_file() or candidate.name.endswith(".tmp"):
            continue
        try:
            plain = raw.is_plain_sqlite(candidate)
        except OSError:
            continue
        if not plain:
            continue
        scratch = candidate.with_name(candidate.name + ".encrypting")
        scratch.unlink(missing_ok=True)
        try:
            backups.copy_database(candidate, scratch, source_key=None, target_key=key)
        except raw.DatabaseError:
            log.warning("a plain file in the backup folder could not be encrypted; left as is")
            continue
        scratch.replace(candidate)
        log.info("a plain backup was encrypted")


def quick_check(store: Store, *, budget_s: float = QUICK_CHECK_BUDGET_S) -> bool:
    """``PRAGMA quick_check`` for at most ``budget_s``: raises ``DamagedStoreError`` on damage
    found; returns False when the budget ran out before the end (nothing found so far)."""
    deadline = time.monotonic() + budget_s
    connection = raw.connect(store.path, store.key, pragmas=False)
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        with failures.named(store.path):
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    except DamagedStoreError:
        raise
    except (StoreError, raw.DatabaseError):
        # The progress handler's interruption is no storage failure: the driver's own error.
        if time.monotonic() > deadline:
            return False  # interrupted: no verdict, which is not damage
        raise
    except raw.OperationalError as error:
        # SQLITE_INTERRUPT (9), the progress handler's stop at the budget, is no storage
        # failure (failures.named passes it on): no verdict, which is not damage.
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == 9:
            return False
        raise
    finally:
        connection.close()
    if rows != ["ok"]:
        log.error("quick_check found damage (%d problems)", len(rows))
        raise failures.damaged(store.path)
    return True


@dataclass(frozen=True, slots=True)
class Opening:
    """What opening did beyond opening, for the application to tell the user."""

    created: bool = False
    encrypted_now: bool = False
    upgraded_from_backup: Path | None = None


def open_store(
    data_dir: Path, *, create: bool = True, check_budget_s: float | None = QUICK_CHECK_BUDGET_S
) -> Store:
    """Open (and, if needed, create, encrypt or upgrade) the store of a data folder.

    ``check_budget_s`` None skips the start-up check (a caller that checks on its own)."""
    store, _opening = open_store_reporting(data_dir, create=create, check_budget_s=check_budget_s)
    return store


def open_store_reporting(
    data_dir: Path, *, create: bool = True, check_budget_s: float | None = QUICK_CHECK_BUDGET_S
) -> tuple[Store, Opening]:
    if not data_dir.is_dir():
        if not create:
            raise MissingStoreError(f"La cartella dati {data_dir} non esiste.")
        with failures.named(data_dir):
            make_private_dir(data_dir)
    path = database_path(data_dir)
    created = encrypted_now = key_made_now = False
    with failures.named(path):
        size = path.stat().st_size if path.exists() else None
    if os.environ.get(BENCH_PLAIN_STORE_VARIABLE) == "1" and not getattr(sys, "frozen", False):
        return _open_bench_plain_store(path, size, check_budget_s=check_budget_s)
    if size is None or size == 0:
        if _had_a_store(data_dir):
            raise _existing_store_gone(data_dir, path, empty=size == 0)
        if size == 0:
            raise MissingStoreError(
                f"L'archivio {path} è un file vuoto (0 byte): non è un archivio di Trama e non "
                "viene sovrascritto. Eliminarlo per creare un archivio nuovo in questa cartella."
            )
        if not create:
            raise MissingStoreError(f"Nella cartella {data_dir} non c'è un archivio di Trama.")
        key = keys.load_key(data_dir) if keys.is_demo_folder(data_dir) else None
        if key is None:
            key = keys.new_key()
            keys.save_key(data_dir, key)  # before any byte: no data without its key
            key_made_now = True
        try:
            with failures.named(path):
                create_private_file(path)
        except BaseException:
            _forget_new_key(data_dir, made_now=key_made_now)
            raise
        created = True
    elif _is_plain(path):
        _check_plain_is_ours(path)
        key = _encrypt_plain_store(data_dir, path)
        encrypted_now = True
    else:
        found = keys.load_key(data_dir)
        if found is None:
            raise failures.no_key(data_dir, path)
        key = found
    _keep_private(path)
    try:
        backup = upgrade_database(path, key)
    except BaseException:
        if created:
            _remove_database(path)
            _forget_new_key(data_dir, made_now=key_made_now)
        raise
    with failures.named(path):
        connection = raw.connect(path, key)  # WAL is persistent: set once for every reader
        connection.close()
    for suffix in _SIDE_FILES:
        _keep_private(path.with_name(path.name + suffix))
    store = Store(path, key=key)
    if check_budget_s is not None and not created:
        try:
            quick_check(store, budget_s=check_budget_s)
        except BaseException:
            store.dispose()
            raise
    return store, Opening(created, encrypted_now, backup)


def _keep_private(path: Path) -> None:
    """Make a file of the store private; a file that is not ours to change (another account's,
    a read-only share) stays as it is: whether it can be used is for the driver to say."""
    try:
        make_private(path)
    except OSError as error:
        log.warning("the permissions of a store file could not be set: %s", error.strerror)


def _forget_new_key(data_dir: Path, *, made_now: bool) -> None:
    """A store whose creation failed (a full disk) leaves no key behind: a key in the keyring
    is taken as the sign that a store lived here, and the next start would refuse the folder."""
    if not made_now:
        return
    try:
        keys.forget_key(data_dir)
    except StoreError:
        log.warning("the key of a store that could not be created stays in the keyring")


def _open_bench_plain_store(
    path: Path, size: int | None, *, check_budget_s: float | None
) -> tuple[Store, Opening]:
    """The benchmark switch (``BENCH_PLAIN_STORE_VARIABLE``): an existing plain store of the
    current schema, opened as it is; anything else is refused, so the switch can neither make
    a plain store nor leave one where the application expected an encrypted one."""
    if not size or not _is_plain(path) or current_revision(path, None) != HEAD_REVISION:
        raise StoreError(
            f"{BENCH_PLAIN_STORE_VARIABLE}=1 (solo per i benchmark) apre soltanto un archivio "
            f"in chiaro già esistente e aggiornato, e {path} non lo è."
        )
    store = Store(path, key=None)
    if check_budget_s is not None:
        try:
            quick_check(store, budget_s=check_budget_s)
        except BaseException:
            store.dispose()
            raise
    return store, Opening()


def _is_plain(path: Path) -> bool:
    with failures.named(path):
        return raw.is_plain_sqlite(path)


def _check_plain_is_ours(path: Path) -> None:
    """A plain SQLite file is converted only if it is a Trama store (of any release)."""
    _check_revision_is_ours(path, None, current_revision(path, None), has_data=True)


def _check_revision_is_ours(
    path: Path, key: StoreKey | None, revision: str | None, *, has_data: bool
) -> None:
    """Refuse, untouched, a file of another program or of a newer Trama."""
    if revision is None and has_data and _has_tables(path, key):
        raise ForeignFileError(
            f"Il file {path} non è un archivio di Trama (contiene dati di un altro programma): "
            "il file non è stato modificato."
        )
    if revision is not None and revision not in SCHEMA_REVISIONS:
        raise DatabaseTooNewError(
            f"L'archivio {path} è stato creato da una versione più recente di Trama "
            f"(schema {revision}). Installare la versione aggiornata di Trama per aprirlo: "
            "il file non è stato modificato."
        )


__all__ = [
    "HEAD_REVISION",
    "SCHEMA_REVISIONS",
    "DamagedStoreError",
    "MissingKeyError",
    "Opening",
    "backup_database",
    "current_revision",
    "open_store",
    "open_store_reporting",
    "quick_check",
    "store_existed",
    "upgrade_database",
]
