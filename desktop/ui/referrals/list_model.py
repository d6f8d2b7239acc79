"""The referral list as a windowed table model (DESIGN.md §5).

A new filter shows at once its first block of rows and its count (``first_page``: a count that
may stop early when very many rows match). When the list is long, a background job then finds
every matching row id in order (``ordered_rowids``): that gives the exact count, and any later
block is read by its row ids instead of skipping rows with OFFSET. Rows are fetched a block at a
time, when the view first asks for a row of that block, and kept in a bounded LRU of blocks:
nothing ever loads the whole table, and ``data()`` never runs a query per cell.

Blocks are read on the GUI thread, each in a short read transaction of its own on a connection
the model keeps (``ListReader``: a warm page cache); the background job opens its own. A job
for a filter or order that is no longer shown is cancelled, and its result dropped.

A filter is compiled once, when it changes, into a ``QueryPlan`` that the first page, the
blocks and the background job share.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.services.referrals.listing import (
    COUNT_FLOOR,
    ListReader,
    QueryPlan,
    ReferralFilter,
    ReferralListRow,
    SortKey,
    fetch_referral_rows,
    fetch_rows_by_rowid,
    first_page,
    ordered_rowids,
    plan_query,
)
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.binding_fixes import keep_singletons_alive
from desktop.ui.common.formats import format_date
from desktop.ui.labels import label, short_track_label

log = logging.getLogger(__name__)

# A list's views ask data() for many roles it does not answer (None): see binding_fixes.
keep_singletons_alive()

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
# Below this many rows a block at any offset is cheap: no background job for the row ids.
ROW_IDS_FROM = COUNT_FLOOR
# The background job waits this long after a new filter: while the operator types, each
# keystroke would start a job over every match only for the next one to cancel it, and on a
# busy two-core office PC that wasted work slows the next keystroke's own query.
JOB_DELAY_MS = 200

_AnyIndex = QModelIndex | QPersistentModelIndex


class ReferralListModel(QAbstractTableModel):
    """Rows of a ``ReferralFilter`` in an order, a block at a time."""

    # After every change of the rows shown: their number (``count_exact`` says if it is final).
    countChanged = Signal(int)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        block_size: int = BLOCK_SIZE,
        max_blocks: int = MAX_BLOCKS,
        count_floor: int = COUNT_FLOOR,
        row_ids_from: int = ROW_IDS_FROM,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._reader = ListReader(store)
        self._count_floor = count_floor
        self._row_ids_from = row_ids_from
        self._today = today
        self._block_size = block_size
        self._max_blocks = max_blocks
        self._filter = ReferralFilter()
        self._plan: QueryPlan = plan_query(self._filter)
        self._sort = SortKey.CREATED_ON
        self._descending = True
        self._count = 0
        self._exact = True
        self._rowids: array[int] | None = None
        # Each row with its shown texts, made once when its block is read.
        self._blocks: OrderedDict[int, list[_Shown]] = OrderedDict()
        # The block the last cell came from: a paint asks for every cell of a few rows, role by
        # role, and this spares the cache's bookkeeping on nearly all of those calls.
        self._last_block: tuple[int, list[_Shown]] | None = None
        self._restricted_brush = QBrush(_RESTRICTED_COLOUR)
        self._restricted_font = QFont()
        self._restricted_font.setItalic(True)
        self._job: BackgroundTask | None = None
        self._job_timer = QTimer(self)
        self._job_timer.setSingleShot(True)
        self._job_timer.setInterval(JOB_DELAY_MS)
        self._job_timer.timeout.connect(self._start_job)
        # Its own pool, so that closing the model waits for its job alone.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
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
        self._load_first_page()

    # -- state -------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self._store

    def today(self) -> date:
        """The injected clock's date (ages and days in status are counted to it)."""
        return self._today()

    @property
    def referral_filter(self) -> ReferralFilter:
        return self._filter

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def count_exact(self) -> bool:
        """False while the count is a lower bound and the exact one is being made."""
        return self._exact

    @property
    def counting(self) -> bool:
        """True while a background job for the rows' order is due or running."""
        return self._job is not None or self._job_timer.isActive()

    def cached_blocks(self) -> list[int]:
        """The block numbers held, least recently used first."""
        return list(self._blocks)

    def set_filter(self, flt: ReferralFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self._plan = plan_query(flt)
        self.refresh()

    def refresh(self) -> None:
        """Count again and forget every block: after a filter change or a change of data."""
        self.beginResetModel()
        self._load_first_page()
        self.endResetModel()
        self.countChanged.emit(self._count)

    def close(self) -> None:
        """Stop the background job and wait for it (before the store is closed)."""
        self._cancel_job()
        self._pool.waitForDone()
        self._reader.close()

    def _load_first_page(self) -> None:
        self._cancel_job()
        self._blocks.clear()
        self._last_block = None
        self._rowids = None
        page = first_page(
            self._reader,
            self._plan,
            sort=self._sort,
            descending=self._descending,
            limit=self._block_size,
            today=self._today(),
            count_floor=self._count_floor,
        )
        self._count, self._exact = page.count, page.exact
        self._blocks[0] = self._shown(page.rows)
        self._start_job_if_long()

    def _start_job_if_long(self) -> None:
        if self._exact and self._count < self._row_ids_from:
            return
        self._job_timer.start()

    def _start_job(self) -> None:
        store, plan, sort, descending = self._store, self._plan, self._sort, self._descending

        def job(cancelled: Callable[[], bool], _progress: Callable[[int, int], None]) -> object:
            return ordered_rowids(
                store, plan, sort=sort, descending=descending, cancelled=cancelled
            )

        self._job = BackgroundTask(job, pool=self._pool, parent=self)
        self._job.finished.connect(self._on_rowids)
        self._job.failed.connect(self._on_job_failed)
        self._job.start()

    def _cancel_job(self) -> None:
        self._job_timer.stop()
        if self._job is not None:
            self._job.discard()
            self._job = None

    def _on_rowids(self, rowids: object) -> None:
        assert isinstance(rowids, array)
        self._job = None
        found = len(rowids)
        if found >= self._count:
            # The blocks already read came in the same order: they stay.
            if found > self._count:
                self.beginInsertRows(QModelIndex(), self._count, found - 1)
                self._count = found
                self._rowids, self._exact = rowids, True
                self.endInsertRows()
            else:
                self._rowids, self._exact = rowids, True
        else:
            # Rows went away meanwhile (another window changed them): show what is there now.
            self.beginResetModel()
            self._blocks.clear()
            self._last_block = None
            self._count, self._rowids, self._exact = found, rowids, True
            self.endResetModel()
        self.countChanged.emit(self._count)

    def _on_job_failed(self, error: object) -> None:
        self._job = None
        # The rows found so far stay usable; only the exact count is missing.
        log.error("the referral list's row ids could not be read: %s", type(error).__name__)

    def row_at(self, row: int) -> ReferralListRow | None:
        shown = self._shown_at(row)
        return None if shown is None else shown[0]

    def _shown_at(self, row: int) -> _Shown | None:
        if not 0 <= row < self._count:
            return None
        block_number, offset = divmod(row, self._block_size)
        last = self._last_block
        if last is not None and last[0] == block_number:
            block = last[1]
        else:
            block = self._block(block_number)
            self._last_block = (block_number, block)
        return block[offset] if offset < len(block) else None

    def _shown(self, rows: list[ReferralListRow]) -> list[_Shown]:
        return [(row, tuple(self._display(row, column) for column in _COLUMNS)) for row in rows]

    def _block(self, number: int) -> list[_Shown]:
        block = self._blocks.get(number)
        if block is not None:
            self._blocks.move_to_end(number)
            return block
        start = number * self._block_size
        if self._rowids is not None:
            wanted = self._rowids[start : start + self._block_size]
            rows = fetch_rows_by_rowid(self._reader, wanted, today=self._today())
        else:
            rows = fetch_referral_rows(
                self._reader,
                self._plan,
                offset=start,
                limit=self._block_size,
                sort=self._sort,
                descending=self._descending,
                today=self._today(),
                total=self._count,
            )
        self.block_fetches += 1
        block = self._blocks[number] = self._shown(rows)
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
            return _alignment(section)
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # An invalid index has row -1, which _shown_at refuses: no isValid() call needed on
        # this path, which a paint takes thousands of times.
        if role not in _ROLES:
            return None
        shown = self._shown_at(index.row())
        if shown is None:
            return None
        row, texts = shown
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column] if 0 <= column < COLUMN_COUNT else None
        if role == REFERRAL_ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGNMENTS[column] if 0 <= column < COLUMN_COUNT else None
        if role == Qt.ItemDataRole.ForegroundRole and row.restricted:
            return self._restricted_brush
        if role == Qt.ItemDataRole.FontRole and row.restricted:
            return self._restricted_font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: ReferralListRow, column: int) -> str | None:
        if row.restricted:
            text = self.tr("Processing restricted (GDPR art. 18)")
            if row.restriction_reason:
                text += "\n" + self.tr("Reason: %1").replace("%1", row.restriction_reason)
            return text
        if column == COL_TRACK:
            return label(row.track)
        if column in (COL_PERSON, COL_MUNICIPALITY, COL_JOB_CENTRE):
            return str(self._display(row, column))
        return None

    def _display(self, row: ReferralListRow, column: int) -> Any:
        if column == COL_NUMBER:
            return row.number
        if column == COL_CREATED_ON:
            return format_date(row.created_on)
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
        self._cancel_job()
        self._blocks.clear()
        self._last_block = None
        self._rowids = None
        self.endResetModel()
        self._start_job_if_long()


def _alignment(column: int) -> int:
    if column in _NUMERIC_COLUMNS:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


_COLUMNS = range(COLUMN_COUNT)
_Shown = tuple[ReferralListRow, tuple[Any, ...]]

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


_ALIGNMENTS = tuple(_alignment(column) for column in range(COLUMN_COUNT))
