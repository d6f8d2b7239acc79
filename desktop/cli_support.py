"""What every ``trama`` command shares: the user's mistake, the data-folder option, the OS's
reasons in Italian (``desktop.cli`` and the command modules beside it import this, never each
other)."""

from __future__ import annotations

import argparse
import errno
from pathlib import Path


class UserError(Exception):
    """A mistake in what was asked; the message is printed as it is."""


DATA_DIR_HELP = "la cartella dati di Trama"
DATA_DIR = "CARTELLA"


def data_dir_option(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "--data-dir", type=Path, required=required, metavar=DATA_DIR, help=DATA_DIR_HELP
    )


def existing_data_dir(path: Path) -> Path:
    from desktop.store.engine import database_path  # noqa: PLC0415
    from desktop.store.migrate import store_existed  # noqa: PLC0415

    if not path.is_dir():
        raise UserError(f"La cartella dati {path} non esiste.")
    # A store that was here and is gone is refused by open_store, with the backup to restore.
    if not database_path(path).exists() and not store_existed(path):
        raise UserError(
            f"Nella cartella {path} non ci sono dati di Trama (manca il file "
            f"{database_path(path).name})."
        )
    return path


# The OS's reasons, in Italian: its own words (strerror) follow the system's language.
_OS_REASONS = {
    errno.ENOENT: "non esiste",
    errno.EACCES: "permesso negato",
    errno.EPERM: "operazione non permessa",
    errno.EISDIR: "è una cartella",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.ENOSPC: "il disco è pieno",
    errno.EROFS: "il disco è in sola lettura",
    errno.EEXIST: "esiste già",
    errno.ENAMETOOLONG: "il nome è troppo lungo",
}


def os_reason(error: OSError) -> str:
    return _OS_REASONS.get(error.errno or 0, "errore del sistema operativo")
