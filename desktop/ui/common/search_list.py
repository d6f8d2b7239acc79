"""A list searched as one types, with filters, a count and buttons on one line over its table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store.engine import Store
from desktop.ui.common.tables import DataTable, make_data_table

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
    selected and the order chosen by a heading. Subclasses build their widgets, call
    ``lay_out`` and fill ``show_rows``; ``empty_text`` is what the list says when it has no
    rows at all (a search or a filter finding nothing is said here)."""

    table: DataTable

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self._filters: list[QWidget] = []
        self._timer = search_as_typed(self, self.search, self.refresh)

    def build_table(self, headers: list[str], *, right_aligned: tuple[int, ...] = ()) -> DataTable:
        self.table = make_data_table(self, headers, right_aligned=right_aligned)
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
        self._filters = list(filters)
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
        text = self.search.text().strip()
        self.show_rows(text)
        self.table.set_empty_text(self.empty_sentence(text))
        self._update_buttons()

    def filtered(self) -> bool:
        """Whether a filter beside the search box narrows the rows."""
        return any(
            (isinstance(widget, QComboBox) and widget.currentIndex() > 0)
            or (isinstance(widget, QCheckBox) and widget.isChecked())
            for widget in self._filters
        )

    def empty_sentence(self, text: str) -> str:
        """What an empty table says: nothing found, or nothing yet and what to do next."""
        if text:
            return no_result_sentence(text)
        if self.filtered():
            return QCoreApplication.translate(
                "SearchList", "Nothing matches these filters. Change the filters."
            )
        return self.empty_text()

    def empty_text(self) -> str:
        """What the list says with no rows at all, and how to add the first."""
        return ""

    def show_rows(self, text: str) -> None:
        """Fill the table (``self.table.fill``) and the count with the rows matching ``text``
        and the filters."""

    def _update_buttons(self) -> None:
        """Enable what needs a selected row."""


def no_result_sentence(text: str) -> str:
    """The empty state of a search that found nothing."""
    return QCoreApplication.translate(
        "SearchList", "No result for «%1». Change the search or the filters."
    ).replace("%1", text)


class OpeningList(SearchList):
    """A list whose rows open in an editor: ``open_button`` (built by the subclass before the
    table) needs a selected row."""

    open_button: QPushButton

    def selected_id(self) -> str | None:
        key = self.table.selected_key()
        return None if key is None else str(key)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.table.selected_key() is not None)
