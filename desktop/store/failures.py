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
a background job), looking behind the wrappers (SQLAlchemy's, a service's ``raise ... from``),
so that no traceback ever reaches a user. ``folder_problem(data_dir)`` finds out why a folder
refused a file whose error said nothing (Qt's lock file reports "unknown error").
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
from desktop.store.files import (
    make_private,
    open_to_others,
    private_folder_fix,
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
# SQLite's largest page with its WAL frame header.
_LARGEST_FRAME = 65_536 + 24
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
    if free is not None and free >= LOW_SPACE_BYTES:
        # Room on the disk, none for this file: a quota, a file-size limit (FAT32's 4 GB, a
        # limit set for the process).
        return DiskFullError(
            f"Non c'è più spazio per scrivere nella cartella {_folder(path)}: il disco è pieno "
            "oppure il file ha raggiunto la dimensione massima consentita (quota dell'utente, "
            "limite del disco o del sistema). Liberare spazio o chiedere all'assistenza "
            "informatica, poi riprovare. Nessun dato già salvato è andato perso."
        )
    room = "" if free is None else f" (spazio libero: {free // (1024 * 1024)} MB)"
    return DiskFullError(
        f"Il disco che contiene {_folder(path)} è pieno{room}: liberare spazio e riprovare. "
        "Nessun dato già salvato è andato perso."
    )


def _size_limit_reached(path: Path) -> bool:
    """Whether a file of the store has reached the largest size this process may write
    (``RLIMIT_FSIZE``): SQLite then reports an I/O error (EFBIG), not a full disk."""
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    sizes = []
    for suffix in ("", "-wal", "-journal", "-shm"):
        try:
            sizes.append(path.with_name(path.name + suffix).stat().st_size)
        except OSError:
            continue
    # A write fails when it would cross the limit: a file within a page frame of it (the
    # largest page and its WAL header) is the one that could not grow.
    return any(size + _LARGEST_FRAME >= limit for size in sizes)


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
    # SQLCipher cannot tell a wrong key from a damaged first page: both are said.
    return WrongKeyError(
        f"La chiave custodita per la cartella {data_dir} non apre l'archivio {path} (forse il "
        "file viene da un altro computer o da un'altra cartella). Aprirlo con la sua chiave di "
        f'recupero: «trama recover --data-dir "{data_dir}"». Il file non è stato modificato. '
        "Se il file è sempre stato in questa cartella, il suo inizio può essersi danneggiato: "
        "allora va ripristinato da backup." + _latest_backup_sentence(data_dir)
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


def no_key(data_dir: Path, path: Path) -> StoreError:
    """The keyring has no key for the folder: the recovery key is needed, unless the file is
    plainly another program's (a PDF, a zip, a text put in the store's place)."""
    if looks_foreign(path):
        return foreign_file(path)
    return missing_key(data_dir, path)


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
        if _size_limit_reached(path):
            return disk_full(path)
        if _read_only(path):
            return read_only(path)
        # The driver keeps the OS's errno to itself: a small write of our own finds a quota
        # used up (EDQUOT) or a file system turned read-only after an error.
        probed = folder_problem(_folder(path))
        if isinstance(probed, DiskFullError | ReadOnlyStoreError):
            return probed
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
    except Exception as error:
        driver_error = isinstance(getattr(error, "orig", None), DatabaseError)  # SQLAlchemy's
        if not (driver_error or isinstance(error, DatabaseError | OSError | KeyRejectedError)):
            raise
        named_error = classify(error, path)
        if named_error is None:
            raise
        if named_error is not error:
            log.warning("storage failure: %s", type(named_error).__name__)
            raise named_error from error
        raise


def describe(error: BaseException, data_dir: Path) -> StoreError | None:
    """For an error caught away from the store: the storage failure it is, if it is one.

    The error's causes are looked at too: a service or a job may have wrapped the driver's
    error in its own (``raise ... from``)."""
    from desktop.store.engine import database_path  # noqa: PLC0415

    path = database_path(data_dir)
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        found = classify(current, path)
        if found is not None:
            return found
        for underlying in (current.__cause__, current.__context__):
            if isinstance(underlying, BaseException):
                pending.append(underlying)
    return None


_PROBE_NAME = ".trama-probe"


def folder_problem(data_dir: Path) -> StoreError | None:
    """Why ``data_dir`` refuses to be written, found by writing a small private file there
    (removed at once); None when the write succeeds."""
    from desktop.store.engine import database_path  # noqa: PLC0415

    probe = data_dir / _PROBE_NAME
    if not data_dir.is_dir():  # never made here: a share that is not mounted stays unmade
        return StoreError(
            f"La cartella {data_dir} non esiste o non è raggiungibile (una cartella di rete "
            "scollegata?): verificare che esista e riprovare."
        )
    try:
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            pending = memoryview(b"\0" * 4096)
            while pending:  # a short write is a disk filling up: the next one says why
                pending = pending[os.write(descriptor, pending) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        return classify(error, database_path(data_dir)) or StoreError(
            f"Non è possibile scrivere nella cartella {data_dir} ({error.strerror or error}): "
            "verificare che esista e sia raggiungibile."
        )
    finally:
        with suppress(OSError):
            probe.unlink(missing_ok=True)
    return None


def plain_on_disk(path: Path) -> bool:
    """Whether the file at ``path`` is unencrypted SQLite (never true of a Trama store)."""
    try:
        return is_plain_sqlite(path)
    except OSError:
        return False


def open_folder_warning(data_dir: Path, *, chosen: bool) -> str | None:
    """The warning for a data folder other accounts of the PC may enter, or None.

    ``chosen``: the folder was chosen (``--data-dir``, ``TRAMA_DATA_DIR``, the configuration),
    so its permissions may be IT's choice on a share and are only warned about; the user's
    default folder, made open by an older release, is made private on the spot instead."""
    folders = [data_dir, backups.default_backup_dir(data_dir)]
    open_ones = [folder for folder in folders if open_to_others(folder)]
    if not open_ones:
        return None
    if not chosen:
        for folder in open_ones:
            make_private(folder)
        return None
    return (
        f"la cartella dati {data_dir} è accessibile anche ad altri utenti di questo computer, "
        "che possono copiarne i file (l'archivio e le copie di sicurezza sono cifrati, ma i "
        "dati personali vanno comunque tenuti riservati). Per renderla privata: "
        f"{private_folder_fix(data_dir)}"
    )
