"""The sync log: one line per sync or failed attempt, newest first (``list_sync_log``)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from desktop.store.engine import Store
from desktop.ui.labels import QT_TRANSLATE_NOOP
from sync.client.api import SyncLogRow, list_sync_log

COL_AT = 0
COL_OPERATION = 1
COL_RECORDS = 2
COL_CONFLICTS = 3
COL_REJECTED = 4
COL_OUTCOME = 5
COL_MESSAGE = 6

_HEADERS = (
    QT_TRANSLATE_NOOP("SyncLogModel", "Date and time"),
    QT_TRANSLATE_NOOP("SyncLogModel", "Operation"),
    QT_TRANSLATE_NOOP("SyncLogModel", "Records"),
    QT_TRANSLATE_NOOP("SyncLogModel", "Conflicts"),
    QT_TRANSLATE_NOOP("SyncLogModel", "Refused"),
    QT_TRANSLATE_NOOP("SyncLogModel", "Outcome"),
    QT_TRANSLATE_NOOP("SyncLogModel", "Message"),
)
_OPERATIONS = {
    "sync": QT_TRANSLATE_NOOP("SyncLogModel", "Synchronisation"),
    "push": QT_TRANSLATE_NOOP("SyncLogModel", "Sending"),
    "pull": QT_TRANSLATE_NOOP("SyncLogModel", "Receiving"),
    "check": QT_TRANSLATE_NOOP("SyncLogModel", "Check"),
}
OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("SyncLogModel", "Completed"),
    "drift": QT_TRANSLATE_NOOP("SyncLogModel", "Completed with differences"),
    "offline": QT_TRANSLATE_NOOP("SyncLogModel", "Server not reachable"),
    "server_error": QT_TRANSLATE_NOOP("SyncLogModel", "Server unavailable"),
    "refused": QT_TRANSLATE_NOOP("SyncLogModel", "Refused by the server"),
    "unauthorized": QT_TRANSLATE_NOOP("SyncLogModel", "Not authorised"),
    "cancelled": QT_TRANSLATE_NOOP("SyncLogModel", "Cancelled"),
    "keyring": QT_TRANSLATE_NOOP("SyncLogModel", "Keyring unavailable"),
    "not_enrolled": QT_TRANSLATE_NOOP("SyncLogModel", "Not enrolled"),
    "failed": QT_TRANSLATE_NOOP("SyncLogModel", "Failed"),
}
_AnyIndex = QModelIndex | QPersistentModelIndex
_NUMBERS = (COL_RECORDS, COL_CONFLICTS, COL_REJECTED)


class SyncLogModel(QAbstractTableModel):
    """Plain rows read by ``reload()``; ``data()`` never queries."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[SyncLogRow] = []

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = list_sync_log(self.store)
        self.endResetModel()

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MESSAGE:
            return row.message
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: SyncLogRow, column: int) -> str:
        if column == COL_AT:
            return row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
        if column == COL_OPERATION:
            source = _OPERATIONS.get(row.direction)
            return self.tr(source) if source else row.direction
        if column == COL_RECORDS:
            return str(row.records)
        if column == COL_CONFLICTS:
            return str(row.conflicts)
        if column == COL_REJECTED:
            return str(row.rejected)
        if column == COL_OUTCOME:
            source = OUTCOMES.get(row.outcome)
            return self.tr(source) if source else row.outcome
        return row.message


class SyncLogView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SyncLogModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Synchronisation log"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a failure's message is a sentence or two
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(COL_MESSAGE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped message at the width the message really gets.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def reload(self) -> None:
        self.model.reload()
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()
