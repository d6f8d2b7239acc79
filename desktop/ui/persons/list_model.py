"""The persons found by a search, at most ``LIMIT`` of them (a search narrows 100,000 persons
to a few: the list says when there were more, rather than paging through all of them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.services.persons import PersonRow, search_persons
from desktop.store.engine import Store
from desktop.ui.common.formats import format_date

COL_NAME = 0
COL_FISCAL_CODE = 1
COL_BIRTH_DATE = 2
COLUMN_COUNT = 3

LIMIT = 200
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_RESTRICTED_COLOUR = QColor(120, 120, 120)

_AnyIndex = QModelIndex | QPersistentModelIndex


class PersonListModel(QAbstractTableModel):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[PersonRow] = []
        self.more = False  # True when the search found more than LIMIT persons
        self._headers = (self.tr("Surname and name"), self.tr("Tax code"), self.tr("Born on"))

    def search(self, text: str, *, include_restricted: bool) -> None:
        found = search_persons(
            self._store, text, limit=LIMIT + 1, include_restricted=include_restricted
        )
        self.beginResetModel()
        self.more = len(found) > LIMIT
        self._rows = found[:LIMIT]
        self.endResetModel()

    def person_at(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: str) -> int:
        return next((i for i, person in enumerate(self._rows) if person.id == person_id), -1)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < COLUMN_COUNT else None
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        person = self.person_at(index.row()) if index.isValid() else None
        if person is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return f"{person.last_name} {person.first_name}"
            if column == COL_FISCAL_CODE:
                return person.fiscal_code
            if column == COL_BIRTH_DATE:
                return format_date(person.birth_date)
        if role == PERSON_ID_ROLE:
            return person.id
        if person.restricted:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_RESTRICTED_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Processing restricted (GDPR art. 18)")
        return None
