"""Encrypted copies of a store: taken, listed, pruned, found again and put back.

A backup is a consistent copy made with SQLite's backup API while the store is open, keyed
with the folder's own key: it is as unreadable as the store without that key or the recovery
key. Backups are named after the moment (UTC) and the reason they were taken, so that the
newest is found by name alone and a person reading the folder can tell them apart.

**Where and how many** come from the configuration (``desktop.config``: ``backup_dir``,
``backup_keep``), never from the store, so that they are known when the store cannot be read.
The default folder is ``backups`` inside the data folder. A chosen folder (a network share)
may serve several PCs or data folders: each data folder gets a subfolder of its own in it,
named after the PC and the folder, so that one PC's pruning never deletes another's backups.

**Generations.** The newest ``keep`` backups of every kind are kept. Beyond them the automatic
ones (daily, before an upgrade, before encryption, before a restore) are deleted, oldest
first; a manual backup is the user's and is never deleted by Trama, but it counts among the
newest ``keep``. ``keep`` is at least 1, so the newest backup is never pruned.

**Restore** (``restore_backup``) copies the backup's bytes into a scratch file beside the store
(the backup itself, perhaps on a read-only share, is never opened for writing), checks that
the key opens it, that it is a Trama store at a schema this release knows and that every page
reads back (``quick_check``), lets the caller adjust the copy (the sync client makes it pull
everything again), backs up the store it replaces (a ``ripristino`` backup, under the key the
folder will have) or, when that store is unreadable, moves it aside, then replaces the store
atomically with no WAL or shared-memory file of the old one left beside it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store import raw
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

if TYPE_CHECKING:
    from desktop.store.keys import StoreKey

log = logging.getLogger(__name__)

BACKUP_FOLDER_NAME = "backups"
BACKUP_SUFFIX = ".trama-backup"
# Why a backup was taken: part of its name.
BEFORE_MIGRATION = "aggiornamento"
BEFORE_ENCRYPTION = "cifratura"
DAILY = "giornaliero"
MANUAL = "manuale"
BEFORE_RESTORE = "ripristino"
# Taken by Trama on its own, and so pruned by it; a manual backup is the user's.
AUTOMATIC_REASONS = frozenset({BEFORE_MIGRATION, BEFORE_ENCRYPTION, DAILY, BEFORE_RESTORE})
DEFAULT_GENERATIONS = 14
# The scratch file a restore fills beside the store before it replaces it.
RESTORING_SUFFIX = ".restoring"
# An unreadable store replaced by a restore is kept beside it under this name and a stamp.
UNREADABLE_INFIX = ".illeggibile-"
_SIDE_FILES = ("-wal", "-shm", "-journal")
# First bytes of files people pick by mistake (archives, PDFs, Office files, JSON, XML): an
# encrypted backup starts with random salt, never with these, nor with plain text.
_OTHER_FORMATS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"{", b"<")
_NAME = re.compile(r"^trama-(\d{8}T\d{6}\d{0,6}Z)-([a-z]+)" + re.escape(BACKUP_SUFFIX) + "$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


def default_backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER_NAME


@dataclass(frozen=True, slots=True)
class BackupPlan:
    """Where a data folder's backups go and how many are kept."""

    folder: Path
    keep: int
    chosen: Path | None  # the folder configured (None: the default, inside the data folder)


def shared_folder_name(data_dir: Path) -> str:
    """The subfolder of a chosen backup folder that holds this PC's data folder's backups."""
    host = re.sub(r"[^A-Za-z0-9-]+", "-", socket.gethostname()).strip("-") or "pc"
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"{host}-{digest}"


def backup_plan(data_dir: Path) -> BackupPlan:
    """The configured folder and generations; a configuration that cannot be read gives the
    defaults (logged): a backup in the usual place beats no backup."""
    from desktop import config  # noqa: PLC0415 - read when a backup is taken, not at import
    from desktop.store.keys import is_demo_folder  # noqa: PLC0415

    default = default_backup_dir(data_dir)
    try:
        settings = config.load_configuration()
        chosen = settings.backup_dir
        keep = settings.backup_keep
    except config.ConfigError as error:
        log.warning("backup settings unreadable, defaults used: %s", error)
        return BackupPlan(default, DEFAULT_GENERATIONS, None)
    if chosen is None or is_demo_folder(data_dir):
        # A throwaway demo folder keeps its fake data's backups to itself.
        return BackupPlan(default, keep, None)
    return BackupPlan(chosen / shared_folder_name(data_dir), keep, chosen)


def backup_folder(data_dir: Path) -> Path:
    return backup_plan(data_dir).folder


def backup_name(taken_at: datetime, reason: str) -> str:
    return f"trama-{taken_at.astimezone(UTC).strftime(_STAMP)}-{reason}{BACKUP_SUFFIX}"


def parse_backup(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    stamp = match.group(1)
    # Names without microseconds (a hand-made copy renamed) are accepted too.
    layout = _STAMP if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
    try:
        taken_at = datetime.strptime(stamp, layout).replace(tzinfo=UTC)
    except ValueError:
        return None
    return Backup(path, taken_at, match.group(2))


def list_backups(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first (an unreadable folder has none)."""
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    found = [backup for path in candidates if (backup := parse_backup(path)) is not None]
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def latest_backup(folder: Path) -> Backup | None:
    backups = list_backups(folder)
    return backups[0] if backups else None


def copy_database(
    source: Path, target: Path, *, source_key: StoreKey | None, target_key: StoreKey | None
) -> None:
    """A consistent copy of ``source`` into a new private file ``target``, safe with WAL pages
    pending. Same keys: SQLite's backup API, page by page; different keys (a plain store being
    encrypted): ``sqlcipher_export``, which rewrites every row under the new key."""
    create_private_file(target)
    try:
        if source_key == target_key:
            source_connection = raw.connect(source, source_key, pragmas=False)
            try:
                target_connection = raw.connect(target, target_key, pragmas=False)
                try:
                    source_connection.backup(target_connection)
                finally:
                    target_connection.close()
            finally:
                source_connection.close()
        else:
            _export(source, target, source_key=source_key, target_key=target_key)
        _fsync(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _export(
    source: Path, target: Path, *, source_key: StoreKey | None, target_key: StoreKey | None
) -> None:
    connection = raw.connect(source, source_key, pragmas=False)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        attach_key = "\"''\"" if target_key is None else target_key.pragma_value()
        # The target's name is bound as a parameter; the key is ours (hex), never user text.
        connection.execute(f"ATTACH DATABASE ? AS target KEY {attach_key}", (str(target),))
        try:
            connection.execute("SELECT sqlcipher_export('target')")
            connection.execute(f"PRAGMA target.user_version = {int(version)}")
        finally:
            connection.execute("DETACH DATABASE target")
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def take_backup(
    database: Path,
    key: StoreKey | None,
    folder: Path,
    *,
    reason: str,
    target_key: StoreKey | None = None,
    now: datetime | None = None,
    keep: int | None = None,
) -> Backup:
    """A new backup of ``database`` in ``folder`` (made private if it is new), then the
    generations beyond ``keep`` pruned (None: as configured for the database's folder).

    ``target_key`` differs from ``key`` for the backup of a plain store about to be encrypted
    (written encrypted already) and for the one a restore takes of the store it replaces
    (written under the key the folder will have)."""
    make_private_dir(folder)
    taken_at = now or datetime.now(UTC)
    target = folder / backup_name(taken_at, reason)
    copy_database(database, target, source_key=key, target_key=target_key or key)
    log.info("backup taken (%s)", reason)
    prune_backups(folder, backup_plan(database.parent).keep if keep is None else keep)
    return Backup(target, taken_at, reason)


def back_up(
    database: Path,
    key: StoreKey,
    *,
    reason: str = MANUAL,
    output: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """A backup of ``database`` (its folder's store) into ``output`` (a new file), or else into
    the configured backup folder, pruned. Failures come out as ``StoreError``s, each said
    about its file: the store when it cannot be read, the copy's folder when it cannot be
    written (a full share is not a damaged store)."""
    from desktop.store import failures  # noqa: PLC0415 - failures imports this module

    target = output or backup_folder(database.parent)
    try:
        if output is None:
            return take_backup(database, key, target, reason=reason, now=now).path
        copy_database(database, output, source_key=key, target_key=key)
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


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete the automatic backups beyond the newest ``keep`` (see the module's note);
    returns the files deleted. A file that cannot be deleted is left and logged."""
    removed: list[Path] = []
    for backup in list_backups(folder)[max(1, keep) :]:
        if backup.reason not in AUTOMATIC_REASONS:
            continue
        try:
            backup.path.unlink()
        except OSError as error:
            log.warning("an old backup could not be deleted: %s", error.strerror or error)
            continue
        removed.append(backup.path)
    if removed:
        log.info("%d old backups pruned (keeping %d)", len(removed), keep)
    return removed


def last_backup_time(folder: Path) -> datetime | None:
    latest = latest_backup(folder)
    return None if latest is None else latest.taken_at


def backup_due(folder: Path, now: datetime, *, every_hours: float = 24) -> bool:
    """Whether the daily backup is due: no backup yet, or the newest is older than a day
    (or dated in the future, a clock put right since)."""
    last = last_backup_time(folder)
    if last is None:
        return True
    age = (now - last).total_seconds()
    return age >= every_hours * 3600 or age < -3600


# -- restore -------------------------------------------------------------------------------------

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


def backup_taken_at(path: Path) -> datetime | None:
    parsed = parse_backup(path)
    return None if parsed is None else parsed.taken_at


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
    from desktop.store.migrate import SCHEMA_REVISIONS  # noqa: PLC0415 - migrate imports us

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
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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
    from desktop.store import failures, keys  # noqa: PLC0415 - failures imports this module
    from desktop.store.engine import database_path  # noqa: PLC0415

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
        if prepare is not None:
            with failures.named(path):
                connection = raw.connect(scratch, key, pragmas=False)
                try:
                    enrolled = prepare(connection)
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
                _sync_folder(data_dir)
        except BaseException:
            if key_changed:
                _put_key_back(data_dir, folder_key)
            raise
    finally:
        _remove_side_files(scratch)
        scratch.unlink(missing_ok=True)
    make_private(path)
    log.info("store restored from a backup (schema %s)", revision)
    return Restored(
        backup=backup_file,
        taken_at=backup_taken_at(backup_file),
        revision=revision,
        safety_copy=safety,
        set_aside=aside,
        key_changed=key_changed,
        enrolled=enrolled,
    )


def _keep_what_is_replaced(
    path: Path, folder_key: StoreKey | None, key: StoreKey, data_dir: Path, now: datetime
) -> tuple[Path | None, Path | None]:
    """A ``ripristino`` backup of the store about to be replaced, written under ``key`` (the
    folder's key from now on); an unreadable store is moved aside instead."""
    from desktop.store import failures  # noqa: PLC0415

    if not path.exists():
        return None, None
    if path.stat().st_size == 0:
        path.unlink()
        _remove_side_files(path)
        return None, None
    if folder_key is not None:
        try:
            with failures.named(path):
                taken = take_backup(
                    path, folder_key, backup_folder(data_dir), reason=BEFORE_RESTORE,
                    target_key=key, now=now,
                )  # fmt: skip
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
    from desktop.store import keys  # noqa: PLC0415

    try:
        if key is None:
            keys.forget_key(data_dir)
        else:
            keys.save_key(data_dir, key)
    except StoreError:
        log.exception("the folder's previous key could not be put back in the keyring")
