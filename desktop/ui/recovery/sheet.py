"""The recovery sheet from the dialogs: built from the open store, printed through Qt's print
dialog or saved where the user chooses, never into the data folder and never recorded as an
issued document (it is about the folder, not a person)."""

from __future__ import annotations

import getpass
import logging
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store import failures, settings
from desktop.store.engine import Store
from desktop.store.errors import StoreError
from desktop.store.keys import StoreKey

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

SHEET_FILE_NAME = "Trama - chiave di recupero.pdf"


class SheetPlaceError(Exception):
    """The sheet may not be saved there (inside the data folder it would sit beside the data
    it opens)."""


def _office(store: Store) -> str:
    try:
        with failures.named(store.path), store.raw_read() as connection:
            return settings.get_setting(connection, settings.SITE_NAME) or ""
    except StoreError:
        return ""  # the sheet is still worth printing without the office's name


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor in the password base
        return ""


def build_sheet(store: Store, data_dir: Path, key: StoreKey) -> bytes:
    """The sheet's PDF for this folder, its PC and its user, dated now."""
    from desktop.documents.inputs import RecoverySheetInput  # noqa: PLC0415 - ReportLab on demand
    from desktop.documents.recovery_sheet import build_recovery_sheet  # noqa: PLC0415

    return build_recovery_sheet(
        RecoverySheetInput(
            recovery_text=key.recovery_text(),
            fingerprint=key.fingerprint(),
            data_dir=str(data_dir.resolve()),
            computer=platform.node(),
            user=_user(),
            created_at=datetime.now(UTC).replace(microsecond=0),
            office=_office(store),
        )
    )


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def save_sheet(pdf: bytes, path: Path, data_dir: Path) -> Path:
    """Write the sheet to ``path`` (".pdf" added if missing); never inside the data folder."""
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    if inside(path, data_dir):
        raise SheetPlaceError(str(path))
    path.write_bytes(pdf)
    log.info("the recovery sheet was saved to a file chosen by the user")
    return path


def print_sheet(pdf: bytes, printer: QPrinter) -> int:
    """Paint the sheet on a printer the user configured; the pages painted."""
    from desktop.ui.documents.printing import paint_documents  # noqa: PLC0415 - QtPdf on demand

    return paint_documents(printer, [pdf])
