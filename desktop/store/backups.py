"""Encrypted copies of a store: taken, listed, found again.

A backup is a consistent copy made with SQLite's backup API while the store is open, keyed
with the folder's own key: it is as unreadable as the store without that key or the recovery
key. Backups are named after the moment (UTC) and the reason they were taken, so that the
newest is found by name alone and a person reading the folder can tell them apart.
"""

from __future__ import annotations

import logging
import os
import re
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
_NAME = re.compile(r"^trama-(\d{8}T\d{6}\d{0,6}Z)-([a-z]+)" + re.escape(BACKUP_SUFFIX) + "$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


def default_backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER_NAME


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
) -> Backup:
    """A new backup of ``database`` in ``folder`` (made private if it is new).

    ``target_key`` differs from ``key`` only for the backup of a plain store about to be
    encrypted: that backup is written encrypted already."""
    make_private_dir(folder)
    taken_at = now or datetime.now(UTC)
    target = folder / backup_name(taken_at, reason)
    copy_database(database, target, source_key=key, target_key=target_key or key)
    log.info("backup taken (%s)", reason)
    return Backup(target, taken_at, reason)
