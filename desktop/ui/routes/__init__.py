"""Referral routes in the application: Strumenti → Percorsi di segnalazione…

Every PC may open it: the Province's PC chooses the routes, any other reads them (the Province
sets them, and the server refuses anyone else's change). Cheap to import (the main window does
at start-up): the dialog and its services are imported when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.store.engine import Store

if TYPE_CHECKING:
    from desktop.ui.routes.dialog import RoutesDialog

__all__ = ["RoutesMenu", "install_routes_menu"]


class RoutesMenu(QObject):
    """The menu entry of one main window, and its dialog while open."""

    def __init__(self, window: QMainWindow, store: Store, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.dialog: RoutesDialog | None = None
        self.action = QAction(QCoreApplication.translate("RoutesMenu", "Referral &routes…"), window)
        self.action.setToolTip(
            QCoreApplication.translate(
                "RoutesMenu", "Which offices may send which referrals, as the Province sets."
            )
        )
        self.action.triggered.connect(self.open_dialog)
        menu.addAction(self.action)

    def open_dialog(self) -> RoutesDialog:
        """Open the dialog (or bring it forward)."""
        from desktop.ui.routes.dialog import RoutesDialog  # noqa: PLC0415

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = RoutesDialog(self.store, self.window)
        dialog.destroyed.connect(self._forget)
        dialog.show()
        self.dialog = dialog
        return dialog

    def _forget(self) -> None:
        self.dialog = None


def install_routes_menu(window: QMainWindow, store: Store, menu: QMenu) -> RoutesMenu:
    """Add "Percorsi di segnalazione…" to ``menu`` (Strumenti)."""
    return RoutesMenu(window, store, menu)
