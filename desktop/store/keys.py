"""The key of a data folder's store: random, kept in the OS keyring, recoverable from paper.

Each data folder has one 256-bit key, made with ``secrets`` when the folder's store is created
and handed to SQLCipher as a raw key (no passphrase derivation: the key is already random, and
deriving it at every connection would cost a quarter of a second each time). The keyring keeps
it under an entry named after the folder, as the sync token is kept (Windows Credential
Manager on office PCs, Secret Service or KWallet on Linux, the Keychain on macOS).

The **recovery key** is the same key written for people: base32 in groups of four, with a
checksum, so that a sheet in the office safe opens the folder when the keyring entry is gone
(a new Windows profile, a reinstalled PC, a moved folder). Whoever holds the sheet can read
the data, like whoever holds the PC's login: it is kept as the office keeps its other keys.

A throwaway ``trama --demo`` folder has no keyring to rely on (the demo must run on any PC):
it is marked with ``DEMO_KEY_FILE`` and keeps its key there, beside fake data only.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store.errors import StoreError

if TYPE_CHECKING:
    import keyring.backend

KEY_BYTES = 32
SERVICE_PREFIX = "Trama archivio "
USERNAME = "store-key"
DEMO_KEY_FILE = "DEMO-ONLY-key-of-the-demo-data.txt"
# Four base32 characters of SHA-256 after the key: a mistyped recovery key is told apart from
# a wrong one before any file is touched.
_CHECK_CHARS = 4
_GROUP = 4

KEYRING_HELP = (
    "Su Linux installare e sbloccare un portachiavi (ad esempio GNOME Keyring o KWallet, con il "
    "servizio Secret Service attivo) e riavviare Trama; su Windows viene usato Gestione "
    "credenziali, su macOS il Portachiavi: verificare che siano accessibili all'utente."
)


class KeyringUnavailableError(StoreError):
    """No usable OS keyring: the key can be neither kept nor read, so nothing is written."""


class RecoveryKeyError(StoreError):
    """What was typed is not a recovery key (wrong length, characters or checksum)."""


@dataclass(frozen=True, slots=True)
class StoreKey:
    """A store's 256-bit key. Its ``repr`` never shows it, so a log line cannot carry it."""

    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_BYTES:
            raise ValueError("a store key is 32 bytes")

    def __repr__(self) -> str:
        return "StoreKey(…)"

    def pragma_value(self) -> str:
        """The value of ``PRAGMA key`` for a raw key: SQLCipher then skips key derivation."""
        return f"\"x'{self.secret.hex()}'\""

    def recovery_text(self) -> str:
        """The key for the paper sheet: 56 characters in groups of four."""
        text = _base32(self.secret) + _check(self.secret)
        return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))

    def fingerprint(self) -> str:
        """Eight characters that tell two keys apart on screen without revealing either."""
        return hashlib.sha256(b"trama-fingerprint" + self.secret).hexdigest()[:8].upper()


def _base32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _check(secret: bytes) -> str:
    return _base32(hashlib.sha256(secret).digest())[:_CHECK_CHARS]


# Characters people confuse with base32's own: base32 has no 0, 1 or 8.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_key() -> StoreKey:
    return StoreKey(secrets.token_bytes(KEY_BYTES))


def key_from_recovery_text(text: str) -> StoreKey:
    """The key a recovery sheet gives, however it was typed (case, spaces, dashes)."""
    cleaned = re.sub(r"[\s\-_.]", "", text).upper().translate(_LOOKALIKES)
    body, check = cleaned[:-_CHECK_CHARS], cleaned[-_CHECK_CHARS:]
    expected_length = len(_base32(bytes(KEY_BYTES)))
    if len(body) != expected_length or not re.fullmatch(r"[A-Z2-7]+", cleaned):
        raise RecoveryKeyError(
            "La chiave di recupero non è valida: sono 56 caratteri (lettere e cifre da 2 a 7) "
            "in gruppi di quattro, come sul foglio stampato."
        )
    secret = base64.b32decode(body + "=" * (-len(body) % 8))
    if not secrets.compare_digest(_check(secret), check):
        raise RecoveryKeyError(
            "La chiave di recupero contiene un errore di battitura (il controllo finale non "
            "corrisponde): ricopiarla dal foglio stampato."
        )
    return StoreKey(secret)


def entry_name(data_dir: Path) -> str:
    """The keyring service of a data folder: a hash of its full path, never the path."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return SERVICE_PREFIX + digest


def usable_backend() -> keyring.backend.KeyringBackend:
    """The OS keyring, or ``KeyringUnavailableError`` when there is none to use."""
    import keyring  # noqa: PLC0415 - its backends are probed on import: only when needed

    backend = keyring.get_keyring()
    # "fail" is what keyring falls back to when it finds no backend; a chainer with nothing
    # under it is just as empty.
    module = type(backend).__module__
    if module.startswith("keyring.backends.fail") or (
        module.startswith("keyring.backends.chainer") and not getattr(backend, "backends", ())
    ):
        raise KeyringUnavailableError(
            "Non è disponibile un portachiavi di sistema in cui custodire la chiave di "
            "cifratura dell'archivio, e Trama non scrive mai dati personali in chiaro. "
            + KEYRING_HELP
        )
    return backend


def _keyring_failure(error: Exception) -> KeyringUnavailableError:
    return KeyringUnavailableError(
        "Il portachiavi di sistema non ha risposto, e senza di esso la chiave dell'archivio non "
        f"può essere letta né custodita. {KEYRING_HELP} (Dettaglio: {error})"
    )


def is_demo_folder(data_dir: Path) -> bool:
    return (data_dir / DEMO_KEY_FILE).is_file()


def mark_demo_folder(data_dir: Path) -> None:
    """Make ``data_dir`` (a throwaway demo folder) keep its key in a file beside fake data."""
    if is_demo_folder(data_dir):
        return
    from desktop.store.files import write_private  # noqa: PLC0415

    write_private(
        data_dir / DEMO_KEY_FILE,
        (
            "DEMO ONLY: key of the fake data of 'trama --demo'.\n" + new_key().secret.hex() + "\n"
        ).encode("ascii"),
    )


def load_key(data_dir: Path) -> StoreKey | None:
    """The folder's key, or None when the keyring has no entry for it."""
    if is_demo_folder(data_dir):
        lines = (data_dir / DEMO_KEY_FILE).read_text(encoding="ascii").split()
        return StoreKey(bytes.fromhex(lines[-1]))
    import keyring.errors  # noqa: PLC0415

    backend = usable_backend()
    try:
        text = backend.get_password(entry_name(data_dir), USERNAME)
    except keyring.errors.KeyringError as error:
        raise _keyring_failure(error) from error
    if not text:
        return None
    try:
        return StoreKey(bytes.fromhex(text))
    except ValueError:
        return None  # not ours: treated as missing, the recovery key puts a good one back


def save_key(data_dir: Path, key: StoreKey) -> None:
    """Keep the key in the keyring; read back, so that a keyring that drops writes is caught
    before any data depends on it."""
    if is_demo_folder(data_dir):
        raise StoreError("a demo folder keeps its own key")
    import keyring.errors  # noqa: PLC0415

    backend = usable_backend()
    try:
        backend.set_password(entry_name(data_dir), USERNAME, key.secret.hex())
        kept = backend.get_password(entry_name(data_dir), USERNAME)
    except keyring.errors.KeyringError as error:
        raise _keyring_failure(error) from error
    if kept != key.secret.hex():
        raise KeyringUnavailableError(
            "Il portachiavi di sistema non ha conservato la chiave dell'archivio. " + KEYRING_HELP
        )


def forget_key(data_dir: Path) -> None:
    """Remove the folder's keyring entry (a folder being deleted for good)."""
    import keyring.errors  # noqa: PLC0415

    backend = usable_backend()
    try:
        backend.delete_password(entry_name(data_dir), USERNAME)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as error:
        raise _keyring_failure(error) from error
