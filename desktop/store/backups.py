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

**Restore** is ``desktop.store.restore`` (``restore_backup``), beside this module.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store import raw
from desktop.store.files import create_private_file, make_private_dir

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
        # An empty key (a string literal: a double-quoted "''" would be the key "''") is a
        # plain target.
        attach_key = "''" if target_key is None else target_key.pragma_value()
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


def backup_taken_at(path: Path) -> datetime | None:
    parsed = parse_backup(path)
    return None if parsed is None else parsed.taken_at
