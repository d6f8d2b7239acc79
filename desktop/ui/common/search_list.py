"""A list searched as one types, with filters, a count and buttons on one line over its table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.engine import Store
from desktop.ui.common.tables import make_table, select_key, selected_key

# Typing searches after a short pause rather than at every key.
SEARCH_DELAY_MS = 150


def search_as_typed(
    owner: QObject,
    line_edit: QLineEdit,
    refresh: Callable[[], None],
    delay_ms: int = SEARCH_DELAY_MS,
) -> QTimer:
    """Run ``refresh`` once typing pauses; ``refresh`` should stop the timer returned, so that
    a search started otherwise (a filter, Enter) is not run twice."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(refresh)
    line_edit.textChanged.connect(lambda _text: timer.start())
    return timer


class SearchList(QWidget):
    """The search box, the count and the table of rows keyed by id; refreshing keeps the row
    selected. Subclasses build their widgets, call ``lay_out`` and fill ``show_rows``."""

    table: QTableWidget

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self._timer = search_as_typed(self, self.search, self.refresh)

    def build_table(self, headers: list[str]) -> QTableWidget:
        self.table = make_table(self, headers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        return self.table

    def search_row(
        self, placeholder: str, filters: list[QWidget], buttons: list[QWidget]
    ) -> QHBoxLayout:
        """Search box, filters (a change applies at once), count, then the buttons."""
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setAccessibleDescription(placeholder)
        self.table.setAccessibleName(self.tr("Results"))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for widget in filters:
            top.addWidget(widget)
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _index: self.refresh())
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(lambda _on: self.refresh())
        top.addWidget(self.count_label)
        for widget in buttons:
            top.addWidget(widget)
        return top

    def lay_out(
        self, placeholder: str, filters: list[QWidget], buttons: list[QWidget]
    ) -> QVBoxLayout:
        """The search row over the table, the table taking the height."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.search_row(placeholder, filters, buttons))
        layout.addWidget(self.table, 1)
        return layout

    def refresh(self) -> None:
        self._timer.stop()
        current = selected_key(self.table)
        self.show_rows(self.search.text().strip())
        if current is not None:
            select_key(self.table, current)
        self._update_buttons()

    def show_rows(self, text: str) -> None:
        """Fill the table and the count with the rows matching ``text`` and the filters."""

    def _update_buttons(self) -> None:
        """Enable what needs a selected row."""


class OpeningList(SearchList):
    """A list whose rows open in an editor: ``open_button`` (built by the subclass before the
    table) needs a selected row."""

    open_button: QPushButton

    def selected_id(self) -> str | None:
        key = selected_key(self.table)
        return None if key is None else str(key)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(selected_key(self.table) is not None)
