"""The pages of the areas: built the first time they are shown (start-up only pays for the first
screen), and read again after a change notice concerning them (``desktop.ui.operations``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.operations import Changes, follow_changes


class DeferredPage(QWidget):
    """Holds the place of an area's page; ``build`` runs on the first show (or ``page()``)."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> QWidget:
        """The real page, built now if it was not yet."""
        if self._page is None:
            self._page = self._build()
            self._page.setParent(self)
            self._layout.addWidget(self._page)
        return self._page

    def showEvent(self, event: QShowEvent) -> None:
        self.page()
        super().showEvent(event)


class AreaPage(QWidget):
    """The page of an area of the main window: its lists are read when first shown, then again
    after each change notice sharing a kind with ``follows`` (at once when on screen, else
    when next shown)."""

    follows = Changes.everything()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        follow_changes(self, self.follows, self.refresh, stale=True)

    def refresh(self) -> None:
        """Read the lists shown again; subclasses fill this in."""
