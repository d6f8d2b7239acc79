"""The recovery key in the GUI: shown when a data folder's store is created (or encrypted) until
the user confirms it was kept, and asked for at start when the keyring has lost the key.

``open_store_or_recover`` is how the application opens its store: a missing or wrong key
brings up the recovery dialog instead of an error, and a keyring that cannot be used is told
with how to fix it. ``show_recovery_key_if_unconfirmed`` runs right after opening.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.store import migrate
from desktop.store.engine import Store
from desktop.store.errors import MissingKeyError, StoreError, WrongKeyError
from desktop.store.keys import KeyringUnavailableError
from desktop.store.recovery import recovery_key_to_show

__all__ = ["open_store_or_recover", "show_recovery_key_if_unconfirmed"]

log = logging.getLogger(__name__)


def open_store_or_recover(data_dir: Path, parent: QWidget | None = None) -> Store | None:
    """The folder's store, opened with the recovery key if the keyring lost it; None when the
    user gave up or no keyring can be used (already told). Other storage failures are raised
    for the caller to show."""
    try:
        try:
            # Looked up at each call, where tests (and any wrapper) expect to find it.
            return migrate.open_store(data_dir)
        except (MissingKeyError, WrongKeyError) as problem:
            log.warning("the data folder's key is %s", type(problem).__name__)
            from desktop.ui.recovery.enter_dialog import EnterRecoveryKeyDialog  # noqa: PLC0415

            dialog = EnterRecoveryKeyDialog(data_dir, problem, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return migrate.open_store(data_dir)
    except KeyringUnavailableError as error:
        log.error("no usable keyring: the data folder cannot be opened")
        show_keyring_unavailable(error, parent)
        return None


def show_keyring_unavailable(error: KeyringUnavailableError, parent: QWidget | None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("recovery", "Trama"))
    box.setText(
        QCoreApplication.translate(
            "recovery",
            "Trama cannot reach the system keyring where the key of its data is kept, and it "
            "never writes personal data unencrypted.",
        )
    )
    box.setInformativeText(str(error))  # what to do: install or unlock a keyring
    box.exec()


def show_recovery_key_if_unconfirmed(
    store: Store, data_dir: Path, parent: QWidget | None = None
) -> bool:
    """Show the recovery key until the user confirms it was kept; whether it was shown."""
    try:
        key = recovery_key_to_show(store, data_dir)
    except StoreError:
        log.warning("whether the recovery key was kept could not be read; not asked now")
        return False
    if key is None:
        return False
    # The dialog (and its printing) only for a folder that needs it: not on every start.
    from desktop.ui.recovery.keep_dialog import KeepRecoveryKeyDialog  # noqa: PLC0415

    KeepRecoveryKeyDialog(store, data_dir, key, parent).exec()
    return True
