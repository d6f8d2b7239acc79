"""The sync log: one line per sync or failed attempt, newest first (``list_sync_log``), and
above it the records received from the server that this PC set aside (``list_set_aside``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store.engine import Store
from desktop.ui.common.tables import Cell, sortable, sorted_order
from desktop.ui.labels import QT_TRANSLATE_NOOP
from desktop.ui.sync.field_text import reason_text, table_text
from sync.client.api import SyncLogRow, list_sync_log

# Not (yet) re-exported by sync.client.api, the UI's usual import point.
from sync.client.set_aside import SetAsideRecord
from sync.client.status import list_set_aside

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
Row = TypeVar("Row")
_NUMBERS = (COL_RECORDS, COL_CONFLICTS, COL_REJECTED)

SET_ASIDE_KIND = 0
SET_ASIDE_REASON = 1
SET_ASIDE_FIRST_SEEN = 2
SET_ASIDE_ATTEMPTS = 3
_SET_ASIDE_HEADERS = (
    QT_TRANSLATE_NOOP("SetAsideModel", "Kind of record"),
    QT_TRANSLATE_NOOP("SetAsideModel", "Reason"),
    QT_TRANSLATE_NOOP("SetAsideModel", "First received"),
    QT_TRANSLATE_NOOP("SetAsideModel", "Attempts"),
)
# The set-aside table shows this many rows before it scrolls: the log below keeps its room.
_SET_ASIDE_VISIBLE_ROWS = 4


class _RowsModel(QAbstractTableModel, Generic[Row]):
    """Plain rows read by ``reload()`` (``data()`` never queries), under fixed headers."""

    context = ""  # the translation context of the headers
    headers: tuple[str, ...] = ()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[Row] = []

    def load(self) -> list[Row]:
        raise NotImplementedError

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self._in_order(self.load())
        self.endResetModel()

    def sort_cell(self, row: Row, column: int) -> Cell:
        """The value a column sorts by (the kit's rules: dates and numbers by value)."""
        raise NotImplementedError

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self.rows = self._in_order(self.rows)
        self.layoutChanged.emit()

    def _in_order(self, rows: list[Row]) -> list[Row]:
        column, descending = getattr(self, "_sort", (-1, False))
        if column < 0:
            return rows  # as read: the newest first
        cells = [self.sort_cell(row, column) for row in rows]
        return [rows[position] for position in sorted_order(cells, descending=descending)]

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.context, self.headers[section])
        return None


class SyncLogModel(_RowsModel[SyncLogRow]):
    context = "SyncLogModel"
    headers = _HEADERS

    def load(self) -> list[SyncLogRow]:
        return list_sync_log(self.store)

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

    def sort_cell(self, row: SyncLogRow, column: int) -> Cell:
        if column == COL_AT:
            return row.at
        if column in _NUMBERS:
            return (row.records, row.conflicts, row.rejected)[_NUMBERS.index(column)]
        return self._text(row, column)

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


class SetAsideModel(_RowsModel[SetAsideRecord]):
    """The records set aside, the oldest first."""

    context = "SetAsideModel"
    headers = _SET_ASIDE_HEADERS

    def load(self) -> list[SetAsideRecord]:
        return list_set_aside(self.store)

    def sort_cell(self, row: SetAsideRecord, column: int) -> Cell:
        if column == SET_ASIDE_KIND:
            return table_text(row.table)
        if column == SET_ASIDE_REASON:
            return reason_text(row.reason)
        if column == SET_ASIDE_FIRST_SEEN:
            return row.first_seen_at  # ISO 8601, in order as text
        return row.attempts

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SET_ASIDE_KIND:
                return table_text(row.table)
            if column == SET_ASIDE_REASON:
                return reason_text(row.reason)
            if column == SET_ASIDE_FIRST_SEEN:
                return _local_minute(row.first_seen_at)
            return str(row.attempts)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The record's code is what the Province's administrator needs to look it up on
            # the server (trama-server record show): there on request, not in a column.
            return (
                self.tr("Record code: %1\nLast attempt: %2")
                .replace("%1", row.record_id)
                .replace("%2", _local_minute(row.last_tried_at))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SET_ASIDE_ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _local_minute(stored: str) -> str:
    """A timestamp as the client stores it (UTC, no zone) in local time, to the minute."""
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return stored
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


class SyncLogView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_aside_model = SetAsideModel(store, self)
        self.set_aside_box = QGroupBox(self)
        self.set_aside_note = QLabel(
            self.tr(
                "These records were received from the server but could not be saved on this "
                "computer. Nothing is lost: they stay on the server and are tried again at "
                "every synchronisation. If one stays here, tell the Province's administrator "
                "its code (point at the row to see it)."
            ),
            self.set_aside_box,
        )
        self.set_aside_note.setWordWrap(True)
        self.set_aside_table = QTableView(self.set_aside_box)
        self.set_aside_table.setModel(self.set_aside_model)
        sortable(self.set_aside_table)
        self.set_aside_table.setAccessibleName(self.tr("Records set aside"))
        self.set_aside_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.set_aside_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.set_aside_table.setWordWrap(True)  # a reason is a sentence
        self.set_aside_table.verticalHeader().hide()
        aside_header = self.set_aside_table.horizontalHeader()
        for column in range(len(_SET_ASIDE_HEADERS)):
            aside_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        aside_header.setSectionResizeMode(SET_ASIDE_REASON, QHeaderView.ResizeMode.Stretch)
        aside_header.sectionResized.connect(lambda *_: self._fit_set_aside())
        box_layout = QVBoxLayout(self.set_aside_box)
        box_layout.addWidget(self.set_aside_note)
        box_layout.addWidget(self.set_aside_table)
        self.set_aside_box.hide()  # shown only when something is set aside

        self.model = SyncLogModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Synchronisation log"))
        sortable(self.table)
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
        # With the section above it, the log needs a caption of its own to read as a second
        # list; alone, the tab's title names it.
        self.log_caption = QLabel(self.tr("Synchronisations, the newest first"), self)
        self.log_caption.setBuddy(self.table)
        self.log_caption.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addWidget(self.set_aside_box)
        self._layout.addSpacing(4)
        self._layout.addWidget(self.log_caption)
        self._layout.addWidget(self.table, 1)

    def reload(self) -> None:
        self.model.reload()
        self.table.resizeRowsToContents()
        self.reload_set_aside()

    def reload_set_aside(self) -> None:
        self.set_aside_model.reload()
        count = self.set_aside_model.rowCount()
        self.set_aside_box.setTitle(self.tr("Records set aside (%1)").replace("%1", str(count)))
        self.set_aside_box.setVisible(count > 0)
        self.log_caption.setVisible(count > 0)
        # Alone, the log fills the tab edge to edge; two sections need room to breathe.
        margin = 8 if count else 0
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._fit_set_aside()

    def _fit_set_aside(self) -> None:
        """As tall as its first few rows (wrapped at the width they get): no empty space."""
        table = self.set_aside_table
        table.resizeRowsToContents()
        rows = min(self.set_aside_model.rowCount(), _SET_ASIDE_VISIBLE_ROWS)
        height = sum(table.rowHeight(row) for row in range(rows))
        height += table.horizontalHeader().height() + 2 * table.frameWidth()
        table.setFixedHeight(height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()
        self._fit_set_aside()
