"""The referral list as a windowed table model (DESIGN.md §5).

The row count comes from one count query; rows are fetched a block at a time, when the view
first asks for a row of that block, and kept in a bounded LRU of blocks. Nothing ever loads the
whole table, and ``data()`` never runs a query per cell: one query per block. Runs on the GUI
thread; each query is a short read session of its own, so the model holds no session.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.services.referral_list import (
    ReferralFilter,
    ReferralListRow,
    SortKey,
    count_referrals,
    fetch_referral_rows,
)
from desktop.store.engine import Store
from desktop.ui.labels import label, short_track_label

COL_NUMBER = 0
COL_CREATED_ON = 1
COL_TRACK = 2
COL_PERSON = 3
COL_AGE = 4
COL_MUNICIPALITY = 5
COL_JOB_CENTRE = 6
COL_STATUS = 7
COL_DAYS_IN_STATUS = 8
COLUMN_COUNT = 9

# The referral's id, for opening it; the whole ReferralListRow, for views that want more.
REFERRAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

SORT_KEYS: dict[int, SortKey] = {
    COL_NUMBER: SortKey.NUMBER,
    COL_CREATED_ON: SortKey.CREATED_ON,
    COL_TRACK: SortKey.TRACK,
    COL_PERSON: SortKey.PERSON,
    COL_AGE: SortKey.AGE,
    COL_MUNICIPALITY: SortKey.MUNICIPALITY,
    COL_JOB_CENTRE: SortKey.JOB_CENTRE,
    COL_STATUS: SortKey.STATUS,
    COL_DAYS_IN_STATUS: SortKey.DAYS_IN_STATUS,
}

_NUMERIC_COLUMNS = frozenset({COL_AGE, COL_DAYS_IN_STATUS})
_RESTRICTED_COLOUR = QColor(120, 120, 120)

BLOCK_SIZE = 100
MAX_BLOCKS = 50

_AnyIndex = QModelIndex | QPersistentModelIndex


class ReferralListModel(QAbstractTableModel):
    """Rows of ``fetch_referral_rows`` for a filter and an order, a block at a time."""

    # Emitted after every reset with the number of rows the filter shows.
    countChanged = Signal(int)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        block_size: int = BLOCK_SIZE,
        max_blocks: int = MAX_BLOCKS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
        self._block_size = block_size
        self._max_blocks = max_blocks
        self._filter = ReferralFilter()
        self._sort = SortKey.CREATED_ON
        self._descending = True
        self._count = 0
        self._blocks: OrderedDict[int, list[ReferralListRow]] = OrderedDict()
        self.block_fetches = 0  # queries run for blocks since creation; tests read it
        self._headers = (
            self.tr("Number"),
            self.tr("Date"),
            self.tr("Track"),
            self.tr("Person"),
            self.tr("Age"),
            self.tr("Comune"),
            self.tr("CPI"),
            self.tr("Status"),
            self.tr("Days in status"),
        )
        self._count = count_referrals(self._store, self._filter)

    # -- state -------------------------------------------------------------------------------

    @property
    def referral_filter(self) -> ReferralFilter:
        return self._filter

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def cached_blocks(self) -> list[int]:
        """The block numbers held, least recently used first."""
        return list(self._blocks)

    def set_filter(self, flt: ReferralFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Count again and forget every block: after a filter change or a change of data."""
        self.beginResetModel()
        self._blocks.clear()
        self._count = count_referrals(self._store, self._filter)
        self.endResetModel()
        self.countChanged.emit(self._count)

    def row_at(self, row: int) -> ReferralListRow | None:
        if not 0 <= row < self._count:
            return None
        block_number, offset = divmod(row, self._block_size)
        block = self._block(block_number)
        return block[offset] if offset < len(block) else None

    def _block(self, number: int) -> list[ReferralListRow]:
        block = self._blocks.get(number)
        if block is not None:
            self._blocks.move_to_end(number)
            return block
        block = fetch_referral_rows(
            self._store,
            self._filter,
            offset=number * self._block_size,
            limit=self._block_size,
            sort=self._sort,
            descending=self._descending,
            today=self._today(),
            total=self._count,
        )
        self.block_fetches += 1
        self._blocks[number] = block
        while len(self._blocks) > self._max_blocks:
            self._blocks.popitem(last=False)
        return block

    # -- Qt overrides --------------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if section in _NUMERIC_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == REFERRAL_ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMERIC_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.restricted:
            return QBrush(_RESTRICTED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and row.restricted:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.restricted:
                return self.tr("Processing restricted (GDPR art. 18)")
            if column == COL_TRACK:
                return label(row.track)
            if column in (COL_PERSON, COL_MUNICIPALITY, COL_JOB_CENTRE):
                return self._display(row, column)
        return None

    def _display(self, row: ReferralListRow, column: int) -> Any:
        if column == COL_NUMBER:
            return row.number
        if column == COL_CREATED_ON:
            created = QDate(row.created_on.year, row.created_on.month, row.created_on.day)
            return QLocale().toString(created, "dd/MM/yyyy")
        if column == COL_TRACK:
            return short_track_label(row.track)
        if column == COL_PERSON:
            return row.person_name
        if column == COL_AGE:
            return row.age
        if column == COL_MUNICIPALITY:
            return row.municipality_name
        if column == COL_JOB_CENTRE:
            return row.job_centre_name
        if column == COL_STATUS:
            return label(row.status)
        if column == COL_DAYS_IN_STATUS:
            return row.days_in_status
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort = key
        self._descending = descending
        # The rows themselves are unchanged, only their order: forget the blocks, keep the count.
        self.beginResetModel()
        self._blocks.clear()
        self.endResetModel()


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        REFERRAL_ID_ROLE,
        ROW_ROLE,
    }
)
