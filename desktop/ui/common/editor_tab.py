"""What every tab of an editor (a project's, a meeting's) shares: the store, the clock, whether
it may be changed, and a ``changed`` signal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Actor
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.common.keyboard import keyboard_ready
from desktop.ui.common.messages import confirm_then


class EditorTab(QWidget):
    """A tab showing one part of what the editor holds; ``changed`` asks the editor to reload."""

    changed = Signal()

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.editable = False

    def actor(self) -> Actor:
        return current_actor(self.store)

    def refresh(self) -> None:
        """Show what the editor loaded; subclasses fill their widgets here."""

    def ask_then(
        self,
        question: str,
        action: Callable[[], object],
        *,
        yes_text: str,
        details: Sequence[str] = (),
    ) -> QMessageBox:
        """Ask, run the service call, and reload the editor whatever its outcome."""
        return confirm_then(
            self, question, action, then=self.changed.emit, yes_text=yes_text, details=details
        )


def lay_out_form(tab: QWidget, banner: QWidget, content: QWidget, save: QPushButton) -> None:
    """A form tab: its banner, then the fields scrolling in the height, Save at bottom right."""
    scroll = QScrollArea(tab)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    bottom = QHBoxLayout()
    bottom.addStretch(1)
    bottom.addWidget(save)
    layout = QVBoxLayout(tab)
    layout.addWidget(banner)
    layout.addWidget(scroll, 1)
    layout.addLayout(bottom)


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side on the left, as above every table of the editors."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def lay_out_editor(
    editor: QWidget,
    back: QPushButton,
    title: QWidget,
    *,
    header: Sequence[QWidget | QHBoxLayout],
    banner: QWidget,
    tabs: QWidget,
) -> None:
    """An editor page: Back and the title, then ``header`` (widgets on the title's line, or
    whole rows under it), the banner, and the tabs taking the height."""
    top = QHBoxLayout()
    top.addWidget(back)
    top.addSpacing(12)
    top.addWidget(title, 1)
    layout = QVBoxLayout(editor)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.addLayout(top)
    for item in header:
        if isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            top.addWidget(item)
    layout.addWidget(banner)
    layout.addWidget(tabs, 1)
    keyboard_ready(editor)
