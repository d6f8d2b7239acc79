"""Storage failures told apart and said in Italian: what happened and what to do.

The driver reports every failure of the file as a ``DatabaseError`` with an SQLite result code,
and the OS as an ``OSError`` with an errno; users must hear instead which of these it was:

- a damaged file (restore the latest backup, named),
- a full disk (free some room),
- a folder or file that cannot be written (read-only media, permissions),
- a file of another program,
- a newer schema (``desktop.store.migrate``),
- a missing or wrong key (the recovery key, ``trama recover``).

``named(path)`` turns the failures raised in its block into these ``StoreError`` classes;
``describe(error, data_dir)`` does the same for an error caught far from the store (a command,
a background job), so that no traceback ever reaches a user.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.store import backups
from desktop.store.errors import (
    DamagedStoreError,
    DiskFullError,
    ForeignFileError,
    KeyRejectedError,
    MissingKeyError,
    ReadOnlyStoreError,
    StoreError,
    WrongKeyError,
)
from desktop.store.raw import DatabaseError, is_plain_sqlite

log = logging.getLogger(__name__)

# SQLite's primary result codes (sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
# Below this, a failed write is put down to the disk being full.
LOW_SPACE_BYTES = 16 * 1024 * 1024
# First bytes of files people mistake for a store, or drop where it was.
_OTHER_FORMATS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"{", b"<")


def _primary_code(error: DatabaseError) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(_folder(path)).free
    except OSError:
        return None


def _read_only(path: Path) -> bool:
    """The file system is mounted read-only, or the folder or file cannot be written."""
    folder = _folder(path)
    if hasattr(os, "statvfs"):
        try:
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return True
        except OSError:
            pass
    targets = [folder] + ([path] if path.is_file() else [])
    return any(target.exists() and not os.access(target, os.W_OK) for target in targets)


def _latest_backup_sentence(data_dir: Path) -> str:
    latest = backups.latest_backup(backups.backup_folder(data_dir))
    if latest is None:
        return (
            " Non ci sono copie di sicurezza in questa cartella: se ne esiste una altrove "
            "(ad esempio sulla cartella di rete configurata), ripristinarla con «trama restore»."
        )
    return (
        f" L'ultima copia di sicurezza è {latest.path.name} ({latest.path.parent}): "
        f'ripristinarla con «trama restore "{latest.path}" --data-dir "{data_dir}"» '
        "oppure dalla pagina Backup dell'applicazione."
    )


def damaged(path: Path) -> DamagedStoreError:
    return DamagedStoreError(
        f"Archivio danneggiato: alcune parti del file {path} non si possono più leggere. "
        "Non lavorarci oltre: ripristinare da backup." + _latest_backup_sentence(path.parent)
    )


def disk_full(path: Path) -> DiskFullError:
    free = _free_bytes(path)
    room = "" if free is None else f" (spazio libero: {free // (1024 * 1024)} MB)"
    return DiskFullError(
        f"Il disco che contiene {_folder(path)} è pieno{room}: liberare spazio e riprovare. "
        "Nessun dato già salvato è andato perso."
    )


def read_only(path: Path) -> ReadOnlyStoreError:
    return ReadOnlyStoreError(
        f"Non è possibile scrivere nella cartella {_folder(path)}: è in sola lettura (un disco "
        "o una chiavetta protetti, una cartella di rete senza permesso di scrittura, i "
        "permessi del file). Usare una cartella scrivibile o chiedere all'assistenza "
        "informatica; il file non è stato modificato."
    )


def foreign_file(path: Path) -> ForeignFileError:
    return ForeignFileError(
        f"Il file {path} non è un archivio di Trama (è il file di un altro programma): "
        "il file non è stato modificato. Indicare la cartella dati giusta."
    )


def missing_key(data_dir: Path, path: Path) -> MissingKeyError:
    return MissingKeyError(
        f"La chiave di cifratura dell'archivio {path} non è nel portachiavi di questo utente "
        "(un nuovo profilo di Windows, un computer reinstallato, una cartella spostata). "
        f'Aprirlo con la chiave di recupero stampata: «trama recover --data-dir "{data_dir}"» '
        "o all'avvio dell'applicazione. Il file non è stato modificato."
    )


def wrong_key(data_dir: Path, path: Path) -> WrongKeyError:
    return WrongKeyError(
        f"La chiave custodita per la cartella {data_dir} non apre l'archivio {path} (forse il "
        "file viene da un altro computer o da un'altra cartella). Aprirlo con la sua chiave di "
        f'recupero: «trama recover --data-dir "{data_dir}"». Il file non è stato modificato.'
    )


def looks_foreign(path: Path) -> bool:
    """Whether the file is plainly not an encrypted store: a known format's signature, or
    text. An encrypted store starts with 16 random bytes (its salt): all of them printable
    happens about once in ten million files."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    if any(head.startswith(prefix) for prefix in _OTHER_FORMATS) and _not_salt(head):
        return True
    return len(head) == 16 and all(32 <= byte < 127 or byte in b"\t\r\n" for byte in head)


def _key_rejected(path: Path, error: KeyRejectedError) -> StoreError:
    if looks_foreign(path):
        return foreign_file(path)
    if not error.keyed:
        # Opened without a key and still not a database: not SQLite at all.
        return foreign_file(path)
    return wrong_key(path.parent, path)


def _not_salt(head: bytes) -> bool:
    """An encrypted store starts with 16 random bytes of salt, so one in a hundred starts with
    "{" or "<": those two count as JSON, XML or HTML only when the rest reads as text."""
    if head[:1] not in (b"{", b"<"):
        return True
    return all(32 <= byte < 127 or byte in b"\t\r\n" for byte in head)


def classify(error: BaseException, path: Path) -> StoreError | None:
    """The ``StoreError`` an error of the driver or of the OS amounts to, or None when it is
    none of the storage failures (a bug, a constraint: the caller's business)."""
    if isinstance(error, StoreError) and not isinstance(error, KeyRejectedError):
        return error
    if isinstance(error, KeyRejectedError):
        return _key_rejected(path, error)
    cause = getattr(error, "orig", None)  # SQLAlchemy wraps the driver's error
    if cause is not None and cause is not error:
        return classify(cause, path)
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
            return disk_full(path)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(path)
        return None
    if not isinstance(error, DatabaseError):
        return None
    code = _primary_code(error)
    if code == SQLITE_FULL:
        return disk_full(path)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(path)
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        if _read_only(path):
            return read_only(path)
        if code == SQLITE_CANTOPEN:
            return StoreError(
                f"Il file {path} non si può aprire: verificare che la cartella esista e sia "
                "raggiungibile (una cartella di rete scollegata?)."
            )
        return read_only(path)
    if code == SQLITE_IOERR:
        free = _free_bytes(path)
        if free is not None and free < LOW_SPACE_BYTES:
            return disk_full(path)
        if _read_only(path):
            return read_only(path)
        return StoreError(
            f"Errore del disco leggendo o scrivendo {path}: il disco o la cartella di rete "
            "potrebbero essere guasti o scollegati. Riprovare; se l'errore si ripete, "
            "ripristinare da backup." + _latest_backup_sentence(path.parent)
        )
    return None


@contextmanager
def named(path: Path) -> Iterator[None]:
    """Storage failures raised in the block come out as the ``StoreError`` they amount to."""
    try:
        yield
    except (DatabaseError, OSError, KeyRejectedError) as error:
        named_error = classify(error, path)
        if named_error is None:
            raise
        if named_error is not error:
            log.warning("storage failure: %s", type(named_error).__name__)
            raise named_error from error
        raise


def describe(error: BaseException, data_dir: Path) -> StoreError | None:
    """For an error caught away from the store: the storage failure it is, if it is one."""
    from desktop.store.engine import database_path  # noqa: PLC0415

    return classify(error, database_path(data_dir))


def plain_on_disk(path: Path) -> bool:
    """Whether the file at ``path`` is unencrypted SQLite (never true of a Trama store)."""
    try:
        return is_plain_sqlite(path)
    except OSError:
        return False
