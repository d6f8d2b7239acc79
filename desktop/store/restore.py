"""Putting a backup back (``restore_backup``) and backups said about the right file (``back_up``).

Kept apart from ``desktop.store.backups`` because it needs the failures' words and the schema's
revisions, which themselves name the backups (no import cycle between the store's modules).

A restore copies the backup's bytes into a scratch file beside the store (the backup itself,
perhaps on a read-only share, is never opened for writing), checks that the key opens it, that
it is a Trama store at a schema this release knows and that every page reads back
(``quick_check``), lets the caller adjust the copy (the sync client makes it pull everything
again: ``sync.client.restored``), backs up the store it replaces (a ``ripristino`` backup,
under the key the folder will have) or, when that store is unreadable, moves it aside, then
replaces the store atomically with no WAL or shared-memory file of the old one left beside it,
and puts the backup's key in the keyring when it is not the folder's.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.identity import os_account, workstation
from desktop.store import backups, failures, keys, raw, settings
from desktop.store.audit_chain import append_audit
from desktop.store.check import cipher_damaged_pages
from desktop.store.engine import database_path
from desktop.store.errors import (
    DamagedStoreError,
    DatabaseTooNewError,
    ForeignFileError,
    KeyRejectedError,
    MissingStoreError,
    StoreError,
    WrongKeyError,
)
from desktop.store.files import create_private_file, make_private, make_private_dir
from desktop.store.keys import StoreKey
from desktop.store.migrate import SCHEMA_REVISIONS

log = logging.getLogger(__name__)

# The scratch file a restore fills beside the store before it replaces it.
RESTORING_SUFFIX = ".restoring"
CHECKING_SUFFIX = ".checking"
# An unreadable store replaced by a restore is kept beside it under this name and a stamp.
UNREADABLE_INFIX = ".illeggibile-"
_STAMP = "%Y%m%dT%H%M%S%fZ"
_SIDE_FILES = ("-wal", "-shm", "-journal")
# First bytes of files people pick by mistake (archives, PDFs, Office files), and plain text
# (CSV, JSON, XML: sixteen printable bytes). An encrypted backup starts with 16 random bytes
# of salt: a one-byte signature would match one backup in a hundred, these practically never.
_OTHER_FORMATS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")


def back_up(
    database: Path,
    key: StoreKey,
    *,
    reason: str = backups.MANUAL,
    output: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """A backup of ``database`` (its folder's store) into ``output`` (a new file), or else into
    the configured backup folder, pruned. Failures come out as ``StoreError``s, each said
    about its file: the store when it cannot be read, the copy's folder when it cannot be
    written (a full share is not a damaged store)."""
    target = output or backups.backup_folder(database.parent)
    try:
        if output is None:
            return backups.take_backup(database, key, target, reason=reason, now=now).path
        backups.copy_database(database, output, source_key=key, target_key=key)
        return output
    except (raw.DatabaseError, KeyRejectedError, OSError) as error:
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and int(code) & 0xFF in (
            failures.SQLITE_CORRUPT,
            failures.SQLITE_NOTADB,
        ):
            raise failures.damaged(database) from error
        if isinstance(error, KeyRejectedError):
            raise failures.classify(error, database) or StoreError(str(error)) from error
        named = failures.classify(error, target)
        if named is None:
            raise
        raise named from error


Prepare = Callable[[raw.Connection], bool]


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore did, for the user to be told."""

    backup: Path
    taken_at: datetime | None  # from the backup's name (None: a file named by hand)
    revision: str  # the schema of the backup (upgraded when the store is next opened)
    safety_copy: Path | None  # the backup taken of the store that was replaced
    set_aside: Path | None  # the unreadable store that was replaced, kept under this name
    key_changed: bool  # the folder's key is now the backup's (put in the keyring)
    enrolled: bool  # ``prepare``'s verdict: the next sync brings back the server's data


def _backup_damaged(path: Path) -> DamagedStoreError:
    return DamagedStoreError(
        f"La copia di sicurezza {path} è danneggiata (alcune sue parti non si leggono più, o "
        "la copia è incompleta): non può essere ripristinata. Scegliere un'altra copia, ad "
        "esempio la precedente. L'archivio attuale non è stato modificato."
    )


def _backup_foreign(path: Path, what: str) -> ForeignFileError:
    return ForeignFileError(
        f"Il file {path} non è una copia di sicurezza di Trama ({what}): non può essere "
        "ripristinato. L'archivio attuale non è stato modificato."
    )


def backup_wrong_key(path: Path) -> WrongKeyError:
    return WrongKeyError(
        f"La chiave usata non apre la copia di sicurezza {path}: la copia è stata fatta da un "
        "archivio con un'altra chiave (serve la chiave di recupero stampata per quell'archivio), "
        "oppure il file non è una copia di sicurezza di Trama. L'archivio attuale non è stato "
        "modificato."
    )


def _classify_backup_error(error: BaseException, path: Path) -> StoreError | None:
    """A failure while reading a backup, said about the backup (not the store)."""
    if isinstance(error, KeyRejectedError):
        return backup_wrong_key(path) if error.keyed else _backup_foreign(path, "non è cifrato")
    if isinstance(error, StoreError):
        return error
    if isinstance(error, raw.DatabaseError):
        return _backup_damaged(path)
    return None


def check_backup_copy(copy: Path, key: StoreKey, *, shown_as: Path) -> str:
    """Check a copy of a backup: the key opens it, it is a Trama store of a schema this
    release knows, and every page reads back. Returns its schema revision; errors name
    ``shown_as`` (the backup the user chose)."""
    with copy.open("rb") as handle:
        head = handle.read(len(raw.SQLITE_HEADER))
    if not head:
        raise _backup_damaged(shown_as)
    if head == raw.SQLITE_HEADER:
        raise _backup_foreign(shown_as, "non è cifrato: Trama cifra tutte le sue copie")
    if head.startswith(_OTHER_FORMATS) or all(
        32 <= byte < 127 or byte in b"\t\r\n" for byte in head
    ):
        raise _backup_foreign(shown_as, "è il file di un altro programma")
    try:
        connection = raw.connect(copy, key, pragmas=False)
        try:
            tables = {
                str(row[0])
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                raise _backup_foreign(shown_as, "è l'archivio di un altro programma")
            found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if found is None else str(found[0])
            if revision is None:
                raise _backup_foreign(shown_as, "non indica la versione del suo archivio")
            if revision not in SCHEMA_REVISIONS:
                raise DatabaseTooNewError(
                    f"La copia di sicurezza {shown_as} è stata fatta da una versione più recente "
                    f"di Trama (schema {revision}): installare la versione aggiornata per "
                    "ripristinarla. L'archivio attuale non è stato modificato."
                )
            verdict = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except (raw.DatabaseError, KeyRejectedError) as error:
        named = _classify_backup_error(error, shown_as)
        if named is None:
            raise
        raise named from error
    if verdict != ["ok"]:
        log.error("the backup chosen for a restore is damaged (%d problems)", len(verdict))
        raise _backup_damaged(shown_as)
    return revision


def check_backup(backup_file: Path, key: StoreKey, data_dir: Path) -> str:
    """Whether ``key`` opens ``backup_file`` and it could be restored (``check_backup_copy``),
    checked on a scratch copy beside the store, deleted after. Returns the schema revision.
    For the application, which asks for the recovery key before it closes the store."""
    if not backup_file.is_file():
        raise MissingStoreError(
            f"La copia di sicurezza {backup_file} non esiste (o non è un file)."
        )
    path = database_path(data_dir)
    scratch = path.with_name(path.name + CHECKING_SUFFIX)
    _remove_side_files(scratch)
    scratch.unlink(missing_ok=True)
    try:
        with failures.named(path):
            _copy_bytes(backup_file, scratch)
        return check_backup_copy(scratch, key, shown_as=backup_file)
    finally:
        _remove_side_files(scratch)
        scratch.unlink(missing_ok=True)


def _copy_bytes(source: Path, target: Path) -> None:
    """A plain copy of a closed backup file into a new private ``target``, synced to disk."""
    create_private_file(target)
    try:
        with source.open("rb") as reading, target.open("wb") as writing:
            shutil.copyfileobj(reading, writing, length=1024 * 1024)
            writing.flush()
            os.fsync(writing.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _remove_side_files(path: Path) -> None:
    for suffix in _SIDE_FILES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handle to sync)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:  # the rename is done; only its durability is left to the OS
        log.warning("the data folder could not be synced: %s", error.strerror or error)


def _set_aside(path: Path, now: datetime) -> Path:
    """Move an unreadable store (and its WAL, which may hold its last commits) out of the
    way under a stamped name: nothing is deleted, in case it can still be rescued."""
    aside = path.with_name(path.name + UNREADABLE_INFIX + now.astimezone(UTC).strftime(_STAMP))
    for suffix in ("", "-wal"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(aside.with_name(aside.name + suffix))
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return aside


def _put_back_aside(aside: Path, path: Path) -> None:
    """Undo ``_set_aside`` when the restore could not go on: the folder is as it was."""
    for suffix in ("", "-wal"):
        source = aside.with_name(aside.name + suffix)
        if source.exists():
            source.replace(path.with_name(path.name + suffix))


def restore_backup(
    backup_file: Path,
    data_dir: Path,
    key: StoreKey,
    *,
    prepare: Prepare | None = None,
    now: datetime | None = None,
) -> Restored:
    """Put ``backup_file`` in place of the store of ``data_dir`` (see the module's note).

    ``key`` opens the backup: the folder's key or the one a recovery sheet gives; when it is
    not the key the keyring holds for the folder, it is put there. ``prepare`` adjusts the
    checked copy before it goes in place (it returns whether the folder is enrolled). The
    store must not be open (the GUI closes it first; the command line refuses while the
    application holds the folder). Every failure is a ``StoreError`` in Italian; before the
    store is replaced, nothing of the folder has changed (a safety backup may have been
    added)."""
    moment = now or datetime.now(UTC)
    if not backup_file.is_file():
        raise MissingStoreError(
            f"La copia di sicurezza {backup_file} non esiste (o non è un file): controllare il "
            "percorso. L'archivio attuale non è stato modificato."
        )
    path = database_path(data_dir)
    with failures.named(path):
        make_private_dir(data_dir)
    # Before anything is written: a keyring that cannot be used stops the restore here.
    folder_key = keys.load_key(data_dir)
    if keys.is_demo_folder(data_dir) and folder_key != key:
        raise StoreError(
            "Una cartella dimostrativa (trama --demo) può ripristinare solo le proprie copie."
        )
    scratch = path.with_name(path.name + RESTORING_SUFFIX)
    _remove_side_files(scratch)
    scratch.unlink(missing_ok=True)
    try:
        with failures.named(path):
            try:
                _copy_bytes(backup_file, scratch)
            except OSError as error:
                if error.filename is not None and Path(error.filename) == backup_file:
                    raise StoreError(
                        f"La copia di sicurezza {backup_file} non si può leggere: "
                        f"{error.strerror or error}. L'archivio attuale non è stato modificato."
                    ) from error
                raise
        revision = check_backup_copy(scratch, key, shown_as=backup_file)
        enrolled = False
        with failures.named(path):
            connection = raw.connect(scratch, key, pragmas=False)
            try:
                if prepare is not None:
                    enrolled = prepare(connection)
                record_restore(connection, backups.backup_taken_at(backup_file))
            finally:
                connection.close()
        _remove_side_files(scratch)
        safety, aside = _keep_what_is_replaced(path, folder_key, key, data_dir, moment)
        key_changed = folder_key != key and not keys.is_demo_folder(data_dir)
        if key_changed:
            keys.save_key(data_dir, key)
        try:
            with failures.named(path):
                _remove_side_files(path)
                scratch.replace(path)
        except BaseException:
            if key_changed:
                _put_key_back(data_dir, folder_key)
            if aside is not None and not path.exists():
                _put_back_aside(aside, path)
            raise
    finally:
        _remove_side_files(scratch)
        scratch.unlink(missing_ok=True)
    _sync_folder(data_dir)
    make_private(path)
    log.info("store restored from a backup (schema %s)", revision)
    return Restored(
        backup=backup_file,
        taken_at=backups.backup_taken_at(backup_file),
        revision=revision,
        safety_copy=safety,
        set_aside=aside,
        key_changed=key_changed,
        enrolled=enrolled,
    )


def record_restore(connection: raw.Connection, taken_at: datetime | None) -> None:
    """Begin a new audit chain in the restored copy, its first row recording the restore.

    The copy's chain ends where the backup did, while the rows written since (and perhaps sent
    to the provincial server) went with the replaced store: continued, the chain would reuse
    their numbers, a fork the server refuses. A backup older than the chained audit trail
    (migration 0006) gets a new chain when it is upgraded, with no restore row.
    """
    columns = {str(row[1]) for row in connection.execute("PRAGMA table_info(audit_entry)")}
    if "chain_id" not in columns:
        return
    site = settings.get_setting(connection, settings.SITE_CODE) or ""
    details = f"copia del {taken_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if taken_at else ""
    with raw.atomic(connection):
        settings.set_setting(connection, settings.AUDIT_CHAIN, str(uuid.uuid4()))
        append_audit(
            lambda sql, parameters: connection.execute(sql, parameters).fetchall(),
            operator=os_account(),
            workstation=workstation(),
            site=site,
            action=AuditAction.RESTORE.value,
            entity=AuditEntity.STORE.value,
            entity_id="",
            details=details,
        )


def _keep_what_is_replaced(
    path: Path, folder_key: StoreKey | None, key: StoreKey, data_dir: Path, now: datetime
) -> tuple[Path | None, Path | None]:
    """A ``ripristino`` backup of the store about to be replaced, written under ``key`` (the
    folder's key from now on); an unreadable store is moved aside instead."""
    if not path.exists():
        return None, None
    if path.stat().st_size == 0:
        path.unlink()
        _remove_side_files(path)
        return None, None
    # SQLCipher's backup copies pages under one key as they are, damaged ones too: a store
    # whose pages fail their HMAC is set aside whole instead of "backed up" into a damaged copy.
    if folder_key is not None and not cipher_damaged_pages(path, folder_key):
        try:
            with failures.named(path):
                taken = backups.take_backup(
                    path,
                    folder_key,
                    backups.backup_folder(data_dir),
                    reason=backups.BEFORE_RESTORE,
                    target_key=key,
                    now=now,
                )
        except (
            DamagedStoreError,
            ForeignFileError,
            WrongKeyError,
            KeyRejectedError,
        ) as error:
            log.warning("the store being replaced is unreadable (%s)", type(error).__name__)
        else:
            return taken.path, None
    with failures.named(path):
        return None, _set_aside(path, now)


def _put_key_back(data_dir: Path, key: StoreKey | None) -> None:
    try:
        if key is None:
            keys.forget_key(data_dir)
        else:
            keys.save_key(data_dir, key)
    except StoreError:
        log.exception("the folder's previous key could not be put back in the keyring")
