"""What every tab of the project editor shares: the store, the clock and a "changed" signal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.services.context import Actor
from desktop.services.installation import current_actor
from desktop.services.projects import ProjectDetail
from desktop.store.engine import Store


class ProjectTab(QWidget):
    """A tab showing one part of a project; ``changed`` asks the editor to reload it."""

    changed = Signal()

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.project: ProjectDetail | None = None
        self.editable = False

    def actor(self) -> Actor:
        return current_actor(self.store)

    def show_project(self, project: ProjectDetail, *, editable: bool) -> None:
        self.project = project
        self.editable = editable
        self.refresh()

    def refresh(self) -> None:
        """Show ``self.project``; subclasses fill their widgets here."""


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
