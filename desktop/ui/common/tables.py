"""Read-only tables of whole rows, filled from plain data; rows are keyed by the first cell."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

OVERDUE_BACKGROUND = QColor(253, 226, 226)
OVERDUE_FOREGROUND = QColor(150, 20, 20)


def make_table(
    parent: QWidget, headers: Sequence[str], *, stretch_last: bool = True
) -> QTableWidget:
    """A read-only table of whole rows; columns fit their content, the last takes the rest
    (unless it holds numbers, which would then sit far from their heading)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().setVisible(False)
    row_height = table.fontMetrics().height() + 12
    table.verticalHeader().setDefaultSectionSize(row_height)
    # Rows fitted to wrapped text never get lower than the others.
    table.verticalHeader().setMinimumSectionSize(row_height)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    fit_columns(table)
    return table


def fill_table(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    *,
    keys: Sequence[object] | None = None,
    right_aligned: Sequence[int] = (),
) -> None:
    """Replace the rows; ``keys`` become each row's first item's user data."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for row_index, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value if len(value) > 30 else "")
            if column in right_aligned:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0 and keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[row_index])
            table.setItem(row_index, column, item)
    fit_columns(table)


def fit_columns(table: QTableWidget, *, max_chars: int = 60) -> None:
    """Columns as wide as their content (headers included), within reason."""
    header = table.horizontalHeader()
    limit = table.fontMetrics().averageCharWidth() * max_chars
    for column in range(table.columnCount()):
        table.resizeColumnToContents(column)
        if header.sectionSize(column) > limit:
            header.resizeSection(column, limit)


def selected_key(table: QTableWidget) -> object | None:
    """The user data of the selected row's first cell."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def select_key(table: QTableWidget, key: object) -> bool:
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
            table.selectRow(row)
            return True
    return False
