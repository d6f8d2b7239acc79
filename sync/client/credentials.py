"""The device token, kept only in the OS keyring (DESIGN.md §3.9), never in a file.

Each data folder has its own entry (two folders on one account keep two tokens): the service
name carries a hash of the folder's resolved path. With no usable keyring the user is told how
to get one; nothing is ever written in clear instead.

One exception, for ``trama --demo`` only: the throwaway folder it makes is marked with
``DEMO_KEYRING_FILE`` and keeps its token there, in clear, beside the demo data. That token
opens nothing but the demo server the app started on 127.0.0.1 with fake data, which dies with
the app; and a demo must work on a PC with no keyring backend at all. A marked folder refuses
any server that is not on this PC, so the file can never hold a real server's token.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import keyring.backend
import keyring.errors

from desktop.store.files import write_private
from sync.client.errors import KeyringUnavailableError

SERVICE_PREFIX = "Trama sync "
USERNAME = "device-token"
DEMO_KEYRING_FILE = "DEMO-ONLY-keyring-for-the-local-demo-server.json"

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
    from desktop.store import keys  # noqa: PLC0415

    try:
        return keys.usable_backend()
    except keys.KeyringUnavailableError:
        raise KeyringUnavailableError(_NO_KEYRING) from None


def check_keyring(data_dir: Path | None = None) -> None:
    """Raise ``KeyringUnavailableError`` when no keyring backend is usable (for ``data_dir``:
    a demo folder has its own)."""
    if data_dir is None or not is_demo_folder(data_dir):
        _backend()


def mark_demo_folder(data_dir: Path) -> None:
    """Make ``data_dir`` (a throwaway ``trama --demo`` folder) keep its token, and its store
    its key, in files beside the fake data."""
    from desktop.store import keys  # noqa: PLC0415

    keys.mark_demo_folder(data_dir)
    _save_demo(data_dir, None)


def is_demo_folder(data_dir: Path) -> bool:
    return (data_dir / DEMO_KEYRING_FILE).is_file()


def check_server_for(data_dir: Path, server_url: str) -> None:
    """A demo folder talks only to a server on this PC (see the module's docstring)."""
    if is_demo_folder(data_dir) and not _on_this_pc(server_url):
        raise KeyringUnavailableError(
            "Questa è una cartella dimostrativa: può collegarsi solo al server dimostrativo su "
            "questo computer. Per un server vero usare una cartella dati normale."
        )


def _on_this_pc(server_url: str) -> bool:
    host = urlsplit(server_url if "//" in server_url else f"//{server_url}").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _save_demo(data_dir: Path, token: str | None) -> None:
    path = data_dir / DEMO_KEYRING_FILE
    entry = {
        "warning": "DEMO ONLY: token of the throwaway demo server of 'trama --demo'.",
        "token": token,
    }
    write_private(path, json.dumps(entry, indent=1).encode("utf-8"))


def store_token(data_dir: Path, token: str) -> None:
    if is_demo_folder(data_dir):
        _save_demo(data_dir, token)
        return
    try:
        _backend().set_password(service_name(data_dir), USERNAME, token)
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailableError(f"{_NO_KEYRING} (Dettaglio: {error})") from error


def load_token(data_dir: Path) -> str | None:
    if is_demo_folder(data_dir):
        token = json.loads((data_dir / DEMO_KEYRING_FILE).read_text(encoding="utf-8")).get("token")
        return str(token) if token else None
    try:
        token = _backend().get_password(service_name(data_dir), USERNAME)
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailableError(f"{_NO_KEYRING} (Dettaglio: {error})") from error
    return token


def delete_token(data_dir: Path) -> None:
    if is_demo_folder(data_dir):
        _save_demo(data_dir, None)
        return
    try:
        _backend().delete_password(service_name(data_dir), USERNAME)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailableError(f"{_NO_KEYRING} (Dettaglio: {error})") from error
