"""The device token, kept only in the OS keyring (DESIGN.md §3.9), never in a file.

Each data folder has its own entry (two folders on one account keep two tokens): the service
name carries a hash of the folder's resolved path. With no usable keyring the user is told how
to get one; nothing is ever written in clear instead.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

from sync.client.errors import KeyringUnavailableError

SERVICE_PREFIX = "Trama sync "
USERNAME = "device-token"

_NO_KEYRING = (
    "Non è disponibile un portachiavi di sistema in cui custodire in modo sicuro la chiave di "
    "accesso al server, e Trama non la salva mai in un file. Su Linux installare e sbloccare "
    "un portachiavi (ad esempio GNOME Keyring o KWallet, con il servizio Secret Service "
    "attivo) e ripetere l'operazione; su Windows viene usato Gestione credenziali, su macOS il "
    "Portachiavi: verificare che siano accessibili all'utente."
)


def service_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return SERVICE_PREFIX + digest


def _backend() -> keyring.backend.KeyringBackend:
    backend = keyring.get_keyring()
    # "fail" is what keyring falls back to when it finds no backend; a chainer with nothing
    # under it is just as empty.
    module = type(backend).__module__
    if module.startswith("keyring.backends.fail") or (
        module.startswith("keyring.backends.chainer") and not getattr(backend, "backends", ())
    ):
        raise KeyringUnavailableError(_NO_KEYRING)
    return backend


def check_keyring() -> None:
    """Raise ``KeyringUnavailableError`` when no keyring backend is usable."""
    _backend()


def store_token(data_dir: Path, token: str) -> None:
    try:
        _backend().set_password(service_name(data_dir), USERNAME, token)
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailableError(f"{_NO_KEYRING} (Dettaglio: {error})") from error


def load_token(data_dir: Path) -> str | None:
    try:
        token = _backend().get_password(service_name(data_dir), USERNAME)
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailableError(f"{_NO_KEYRING} (Dettaglio: {error})") from error
    return token


def delete_token(data_dir: Path) -> None:
    try:
        _backend().delete_password(service_name(data_dir), USERNAME)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailableError(f"{_NO_KEYRING} (Dettaglio: {error})") from error
