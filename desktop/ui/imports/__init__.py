"""Strumenti → Importa da Excel…: the offices' spreadsheets brought in (issue 19).

The wizard (``desktop.ui.imports.wizard``) is imported when first opened: start-up pays nothing
for it nor for the readers of Excel files behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.store.engine import Store

if TYPE_CHECKING:
    from desktop.ui.imports.wizard import ImportWizard

__all__ = ["ImportMenu", "install_import_menu"]


class ImportMenu(QObject):
    """The menu entry of one main window, and its wizard while open."""

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        menu: QMenu,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.today = today
        self.wizard: ImportWizard | None = None
        self.action = QAction(
            QCoreApplication.translate("ImportMenu", "&Import from Excel…"), window
        )
        self.action.setStatusTip(
            QCoreApplication.translate(
                "ImportMenu",
                "Bring in referrals or persons from an Excel or CSV file, after a dry run.",
            )
        )
        self.action.triggered.connect(self.open_wizard)
        menu.addAction(self.action)

    def open_wizard(self) -> ImportWizard:
        """Open the wizard (or bring forward the one already open)."""
        from desktop.ui.imports.wizard import ImportWizard  # noqa: PLC0415 - when used

        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        wizard = ImportWizard(self.store, today=self.today, parent=self.window)
        wizard.destroyed.connect(self._forget)
        self.wizard = wizard
        wizard.show()
        return wizard

    def _forget(self) -> None:
        self.wizard = None


def install_import_menu(
    window: QMainWindow, store: Store, menu: QMenu, *, today: Callable[[], date] = date.today
) -> ImportMenu:
    """Add "Importa da Excel…" to ``menu`` (Strumenti)."""
    return ImportMenu(window, store, menu, today=today)
