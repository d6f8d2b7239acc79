"""Backups in the application: Strumenti → Backup… and the automatic daily backup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.store.engine import Store
from desktop.store.keys import StoreKey
from desktop.ui.backup.daily import DailyBackup

if TYPE_CHECKING:
    from desktop.ui.backup.dialog import BackupDialog

__all__ = ["BackupArea", "DailyBackup", "install_backups"]

STATUS_MESSAGE_MS = 60_000


class BackupArea(QObject):
    """The menu entry, the dialog when open, and the daily schedule of one main window."""

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        data_dir: Path,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.data_dir = data_dir
        self.daily = DailyBackup(store, now=now, parent=self)
        self.daily.failed.connect(self._on_daily_failed)
        self.dialog: BackupDialog | None = None
        self.action: QAction | None = None

    def open_dialog(self) -> None:
        from desktop.ui.backup.dialog import BackupDialog  # noqa: PLC0415 - when used

        if self.dialog is None:
            dialog = BackupDialog(self.store, self.window)
            dialog.restoreRequested.connect(self.restore_and_reopen)
            self.daily.taken.connect(lambda _path: dialog.refresh())
            self.dialog = dialog
        else:
            self.dialog.refresh()  # backups taken or pruned elsewhere since it was last open
        self.dialog.open()

    def restore_and_reopen(self, backup: Path, key: StoreKey) -> None:
        """The page checked the backup and the key: close the window; the application
        restores with the store closed and opens the folder again (``restore``)."""
        from desktop.ui.backup.restore import request_restore  # noqa: PLC0415 - when used

        self.daily.stop()
        request_restore(self.data_dir, backup, key)
        if self.dialog is not None:
            self.dialog.accept()
        self.window.close()

    def _on_daily_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("Backup", "The automatic backup failed: %1").replace(
                "%1", message
            ),
            STATUS_MESSAGE_MS,
        )


def install_backups(window: QMainWindow, store: Store, data_dir: Path, menu: QMenu) -> BackupArea:
    """Add Backup… to ``menu`` and start the daily backup once the window has painted its
    first screen (``listPainted``, if the window has it)."""
    area = BackupArea(window, store, data_dir)
    action = QAction(QCoreApplication.translate("Backup", "&Backup…"), window)
    action.triggered.connect(area.open_dialog)
    menu.addAction(action)
    area.action = action
    painted = getattr(window, "listPainted", None)
    if painted is not None:
        painted.connect(area.daily.start)
    return area
