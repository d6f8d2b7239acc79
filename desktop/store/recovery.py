"""Opening a data folder with its recovery key, and remembering that the key was kept.

When the keyring entry of a folder is gone (a new Windows profile, a reinstalled PC, a moved
folder) or holds a key that does not open the file, the recovery key printed at creation puts
it back: ``recover_folder`` checks what was typed (typos are told apart from a wrong key),
proves that it opens the file, and only then writes it into the keyring. Nothing is written
before that proof: a wrong key leaves the file, its folder and the keyring as they were. The
command line (``trama recover``) and the GUI's start-up share this code.

The recovery key is shown once at creation (or conversion) and comes back at every start until
the user confirms it was kept; the confirmation is a setting of the folder's own store
(``settings.RECOVERY_KEY_CONFIRMED_AT``), so a folder made by the command line is asked about at
its first start in the GUI.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from desktop.store import backups, failures, keys, raw, settings
from desktop.store.engine import Store, database_path
from desktop.store.errors import MissingStoreError, StoreError, WrongKeyError
from desktop.store.keys import StoreKey

log = logging.getLogger(__name__)


def folder_to_recover(data_dir: Path) -> Path:
    """The store file of ``data_dir`` if it is one a recovery key can open, checked before the
    key is asked for: the folder and an encrypted store exist, and the keyring can keep a key
    (``KeyringUnavailableError`` otherwise, with how to fix it)."""
    path = database_path(data_dir)
    if not data_dir.is_dir():
        raise MissingStoreError(f"La cartella dati {data_dir} non esiste.")
    if keys.is_demo_folder(data_dir):
        raise StoreError(
            f"La cartella {data_dir} contiene i dati dimostrativi di «trama --demo», che "
            "custodiscono la propria chiave: non c'è nulla da recuperare."
        )
    with failures.named(path):
        size = path.stat().st_size if path.exists() else None
    if size is None:
        raise MissingStoreError(f"Nella cartella {data_dir} non c'è un archivio di Trama.")
    if size == 0:
        raise MissingStoreError(
            f"L'archivio {path} è un file vuoto (0 byte): nessuna chiave può aprirlo."
            + _latest_backup_sentence(data_dir)
        )
    with failures.named(path):
        plain = raw.is_plain_sqlite(path)
    if plain:
        raise StoreError(
            f"L'archivio {path} non è ancora cifrato: si apre senza chiave di recupero (Trama "
            "lo cifra al prossimo avvio)."
        )
    keys.usable_backend()
    return path


def recover_folder(data_dir: Path, recovery_text: str) -> StoreKey:
    """Open ``data_dir``'s store with the key of its recovery sheet and keep that key in the
    keyring; the key is returned. ``RecoveryKeyError`` for a typo, ``WrongKeyError`` for a key
    that does not open the file: in both cases nothing has been written."""
    key = keys.key_from_recovery_text(recovery_text)
    path = folder_to_recover(data_dir)
    _prove_it_opens(path, key)
    keys.save_key(data_dir, key)
    log.info("a data folder was opened with its recovery key; the key is in the keyring again")
    return key


def _prove_it_opens(path: Path, key: StoreKey) -> None:
    try:
        with failures.named(path):
            connection = raw.connect(path, key, pragmas=False)
            connection.close()
    except WrongKeyError as error:
        raise _not_this_folders_key(path) from error


def _not_this_folders_key(path: Path) -> WrongKeyError:
    return WrongKeyError(
        f"La chiave di recupero è scritta correttamente ma non apre l'archivio {path}: è la "
        "chiave di un'altra cartella dati o di un altro computer. Cercare il foglio di questa "
        "cartella (vi è stampato il percorso della cartella). Se il foglio è quello giusto, il "
        "file potrebbe essere danneggiato: ripristinare da backup."
        + _latest_backup_sentence(path.parent)
        + " Nulla è stato modificato."
    )


def _latest_backup_sentence(data_dir: Path) -> str:
    latest = backups.latest_backup(backups.default_backup_dir(data_dir))
    if latest is None:
        return ""
    return f" L'ultima copia di sicurezza è {latest.path}."


def recovery_key_confirmed(store: Store) -> bool:
    """Whether the user confirmed having kept this folder's recovery key."""
    with failures.named(store.path), store.raw_read() as connection:
        return settings.get_setting(connection, settings.RECOVERY_KEY_CONFIRMED_AT) is not None


def confirm_recovery_key_kept(store: Store, at: datetime | None = None) -> None:
    """Remember that the recovery key was kept (when, in UTC): it is not shown again."""
    moment = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    with failures.named(store.path), store.raw_write() as connection:
        settings.set_setting(connection, settings.RECOVERY_KEY_CONFIRMED_AT, moment)


def recovery_key_to_show(store: Store, data_dir: Path) -> StoreKey | None:
    """The key to show at start (its confirmation is still missing), or None: a demo folder
    keeps its key beside fake data and never shows one."""
    if keys.is_demo_folder(data_dir) or store.key is None:
        return None
    if recovery_key_confirmed(store):
        return None
    return store.key
