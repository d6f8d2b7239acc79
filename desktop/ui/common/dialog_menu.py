"""A menu entry that opens one dialog of a tool (Strumenti → …), or brings it forward.

Cheap to build (the main window does at start-up): the dialog, and the services behind it, are
imported by ``make_dialog`` when first opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from desktop.store.engine import Store

D = TypeVar("D", bound=QDialog)


class DialogMenuEntry(QObject, Generic[D]):
    """The menu entry of one main window, and its dialog while open."""

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        menu: QMenu,
        *,
        text: str,
        tip: str,
        make_dialog: Callable[[Store, QMainWindow], D],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.dialog: D | None = None
        self._make_dialog = make_dialog
        self.action = QAction(text, window)
        self.action.setToolTip(tip)
        self.action.triggered.connect(self.open_dialog)
        menu.addAction(self.action)

    def open_dialog(self) -> D:
        """Open the dialog (or bring it forward)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = self._make_dialog(self.store, self.window)
        dialog.destroyed.connect(self._forget)
        dialog.show()
        self.dialog = dialog
        return dialog

    def _forget(self) -> None:
        self.dialog = None
