"""Site profiles in the application: Strumenti → Profili degli enti…

Every PC may open it: the Province's PC edits the profiles, any other reads them (the Province
keeps them, and the server refuses anyone else's change). Cheap to import (the main window does
at start-up): the dialog and its services are imported when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.store.engine import Store

if TYPE_CHECKING:
    from desktop.ui.site_profiles.dialog import SiteProfilesDialog

__all__ = ["SiteProfilesMenu", "install_site_profiles_menu"]


class SiteProfilesMenu(QObject):
    """The menu entry of one main window, and its dialog while open."""

    def __init__(self, window: QMainWindow, store: Store, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.dialog: SiteProfilesDialog | None = None
        self.action = QAction(
            QCoreApplication.translate("SiteProfilesMenu", "Bodies' &profiles…"), window
        )
        self.action.setToolTip(
            QCoreApplication.translate(
                "SiteProfilesMenu",
                "Controller, contacts, DPO and logo of each body, as letterheads and privacy "
                "notices print them.",
            )
        )
        self.action.triggered.connect(self.open_dialog)
        menu.addAction(self.action)

    def open_dialog(self) -> SiteProfilesDialog:
        """Open the dialog (or bring it forward)."""
        from desktop.ui.site_profiles.dialog import SiteProfilesDialog  # noqa: PLC0415

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = SiteProfilesDialog(self.store, self.window)
        dialog.destroyed.connect(self._forget)
        dialog.show()
        self.dialog = dialog
        return dialog

    def _forget(self) -> None:
        self.dialog = None


def install_site_profiles_menu(window: QMainWindow, store: Store, menu: QMenu) -> SiteProfilesMenu:
    """Add "Profili degli enti…" to ``menu`` (Strumenti)."""
    return SiteProfilesMenu(window, store, menu)
