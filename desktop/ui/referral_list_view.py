"""The Segnalazioni page: a search field, the windowed referral table and its row count.

Layout and wiring only; the queries live in ``desktop.services.referral_list``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.referral_list_model import (
    COL_AGE,
    COL_CREATED_ON,
    COL_DAYS_IN_STATUS,
    COL_JOB_CENTRE,
    COL_MUNICIPALITY,
    COL_NUMBER,
    COL_PERSON,
    COL_STATUS,
    COL_TRACK,
    ReferralListModel,
)

SEARCH_DELAY_MS = 150

# Starting widths in "average characters" of the font, so that they follow the font size.
_COLUMN_CHARS = {
    COL_NUMBER: 12,
    COL_CREATED_ON: 11,
    COL_TRACK: 9,
    COL_PERSON: 24,
    COL_AGE: 5,
    COL_MUNICIPALITY: 27,
    COL_JOB_CENTRE: 29,
    COL_STATUS: 15,
    COL_DAYS_IN_STATUS: 17,
}


class ReferralListView(QWidget):
    """The list of referrals; searching runs as the operator types, after a short pause."""

    # The number of referrals the current search and filter show.
    countChanged = Signal(int)

    def __init__(self, model: ReferralListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search by name, tax code or number"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)

        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        # Fixed heights: the view never asks every row for its size (that would load them all).
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        columns = self.table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionsMovable(True)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in _COLUMN_CHARS.items():
            columns.resizeSection(column, chars * char + 16)
        columns.setSectionResizeMode(COL_PERSON, QHeaderView.ResizeMode.Stretch)
        columns.setSortIndicator(COL_CREATED_ON, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_now)
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_field.returnPressed.connect(self.search_now)
        model.countChanged.connect(self._on_count_changed)
        self._on_count_changed(model.rowCount())

    def search_now(self) -> None:
        """Run the typed search at once (Enter, the pause after typing, or a test)."""
        self._search_timer.stop()
        text = self.search_field.text().strip()
        self.model.set_filter(replace(self.model.referral_filter, search=text))

    def _on_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_count_changed(self, count: int) -> None:
        self.count_label.setText(self.tr("%Ln referral(s)", "", count))
        self.countChanged.emit(count)


def format_count(count: int) -> str:
    """A whole number with the current locale's thousands separator ("12.345")."""
    return QLocale().toString(count)
