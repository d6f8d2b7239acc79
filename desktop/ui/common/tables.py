"""Tables of whole rows filled from plain data, sortable by every column, with an empty state.

A cell is a plain value: a text, a number, a date (shown as gg/mm/aaaa), None (blank), or a
``Shown`` (a text sorted by another value, such as "€ 1.234,56" by its cents). Clicking a
heading sorts by that column: numbers and dates by value, texts with Italian collation
(``italian_collator``: case- and accent-insensitive at first, digits as numbers, so
"D'Angelo", "de Luca", "Èrica", "Erica" and "Zeta" come as an Italian reader expects them);
blank cells come last. Rows are keyed (by an id), and a refresh or a sort keeps the selected key.

Two tables share those rules:

- ``DataTable`` (``make_data_table``), a ``QTableView`` over ``RowsModel``: the lists of the
  areas. Only the rows on screen are painted and their texts are made when painted, so a list
  of 50,000 rows costs its plain values and one sort key per row of the column sorted by. It
  shows an ``EmptyState`` sentence instead of an empty grid.
- ``make_table``, a ``QTableWidget`` of ``SortItem`` cells, for the editors' small tabs whose
  rows carry check boxes or per-cell styling; ``fill_table`` keeps the order the user chose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QEvent,
    QItemSelection,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.domain.text import normalise_search_text
from desktop.ui.binding_fixes import keep_singletons_alive
from desktop.ui.common.formats import format_date

# A model written in Python answers None to most roles a view asks for: see binding_fixes.
keep_singletons_alive()

OVERDUE_BACKGROUND = QColor(253, 226, 226)
OVERDUE_FOREGROUND = QColor(150, 20, 20)
RESTRICTED_FOREGROUND = QColor(120, 120, 120)

# The row's key (an id), on every cell of the row.
KEY_ROLE = Qt.ItemDataRole.UserRole
# The value a SortItem sorts by.
_SORT_ROLE = Qt.ItemDataRole.UserRole + 40
# Texts longer than this get a tooltip with the whole text.
_TOOLTIP_FROM = 30
# Room beside a heading's text for the sort arrow and the section's padding.
_HEADER_ROOM = 34
_BLANK = (1,)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Shown:
    """A cell shown as ``text`` and sorted by ``value`` (a number, a date or a text)."""

    text: str
    value: object


Cell = str | int | float | Decimal | date | datetime | Shown | None


@dataclass(frozen=True, slots=True)
class RowStyle:
    """How a row stands out: colours, italic (restricted records), bold and an icon on some
    columns (overdue items), and a tooltip on every cell."""

    foreground: QColor | None = None
    background: QColor | None = None
    italic: bool = False
    bold_columns: frozenset[int] = frozenset()
    icon: QIcon | None = None
    icon_column: int = 0
    tooltip: str = ""


# -- the rules shared by both tables ------------------------------------------------------------


def italian_collator() -> QCollator:
    """Italian collation: case-insensitive, accents a tie-breaker only, digits as numbers.
    A QCollator is not thread-safe: each thread makes its own."""
    collator = QCollator(QLocale(QLocale.Language.Italian, QLocale.Country.Italy))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, Shown):
        return cell.text
    if isinstance(cell, datetime):
        return f"{format_date(cell.date())} {cell:%H:%M}"
    if isinstance(cell, date):
        return format_date(cell)
    return str(cell)


def is_numeric(cell: Cell) -> bool:
    value = cell.value if isinstance(cell, Shown) else cell
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def sort_key(cell: Cell, collator: QCollator) -> tuple[Any, ...]:
    """Numbers before dates before texts (a column holds one kind); blanks are ``(1,)``."""
    value = cell.value if isinstance(cell, Shown) else cell
    if value is None or value == "":
        return _BLANK
    if isinstance(value, int | float | Decimal):
        return (0, 0, value)
    if isinstance(value, datetime):
        return (0, 2, value)
    if isinstance(value, date):
        return (0, 1, value)
    return (0, 3, collator.sortKey(str(value)))


def column_ranks(cells: Sequence[Cell], collator: QCollator | None = None) -> list[int]:
    """Each cell's place in ascending order (blanks -1): a column is sorted once by its keys,
    then by these plain numbers whichever way is asked. Equal cells get consecutive places
    in their given order, so a descending order lists them the other way round.

    A column of one plain kind (texts, dates, numbers) is sorted without a key object per
    row: on a list of 50,000 rows, 50,000 live keys wake Python's garbage collector for a
    full pass, which stops every thread (the GUI's too) for a few hundred milliseconds."""
    collator = collator or italian_collator()
    filled: list[int]
    if all(isinstance(cell, str) for cell in cells):
        texts = [str(cell) for cell in cells]
        filled = _collated([p for p, text in enumerate(texts) if text], texts, collator)
    elif all(cell is None or type(cell) in _PLAIN for cell in cells):
        plain: list[Any] = list(cells)
        filled = sorted(
            (p for p, cell in enumerate(plain) if cell is not None), key=plain.__getitem__
        )
    else:
        keys = [sort_key(cell, collator) for cell in cells]
        filled = sorted((p for p, k in enumerate(keys) if k is not _BLANK), key=keys.__getitem__)
    ranks = [-1] * len(cells)
    for rank, position in enumerate(filled):
        ranks[position] = rank
    return ranks


# Kinds of cell sorted by their own value; a column holds one of them.
_PLAIN = frozenset({int, float, Decimal, date, datetime})
_DIGITS = re.compile(r"\d+")


def _collated(positions: list[int], texts: list[str], collator: QCollator) -> list[int]:
    """``positions`` in the collator's order of their texts: first by an approximation made of
    plain strings (lower case, no accents, digits padded to compare as numbers), then put
    right by an insertion pass with the collator itself, which moves the few that differ
    (punctuation, an accent deciding between equals) by a step or two."""

    def approximation(position: int) -> str:
        text = normalise_search_text(texts[position])
        return _DIGITS.sub(lambda digits: digits.group().zfill(20), text)

    order = sorted(positions, key=approximation)
    compare = collator.compare
    for index in range(1, len(order)):
        position = order[index]
        text = texts[position]
        place = index
        while place > 0 and compare(texts[order[place - 1]], text) > 0:
            order[place] = order[place - 1]
            place -= 1
        order[place] = position
    return order


def order_by_ranks(ranks: Sequence[int], *, descending: bool) -> list[int]:
    """Positions in the order of ``ranks``, blanks last either way."""
    filled = [position for position, rank in enumerate(ranks) if rank >= 0]
    blanks = [position for position, rank in enumerate(ranks) if rank < 0]
    return sorted(filled, key=ranks.__getitem__, reverse=descending) + blanks


def sorted_order(
    cells: Sequence[Cell], *, descending: bool, collator: QCollator | None = None
) -> list[int]:
    """The positions of ``cells`` in sorted order, blanks last either way."""
    return order_by_ranks(column_ranks(cells, collator), descending=descending)


def header_minimum(view: QTableView, column: int) -> int:
    """A heading's own width: an empty table's columns never get narrower than this."""
    text = view.model().headerData(column, Qt.Orientation.Horizontal)
    metrics = view.horizontalHeader().fontMetrics()
    return metrics.horizontalAdvance(str(text or "")) + _HEADER_ROOM


def fit_columns(table: QTableView, *, max_chars: int = 60) -> None:
    """Columns as wide as their content and their heading, within reason."""
    header = table.horizontalHeader()
    limit = table.fontMetrics().averageCharWidth() * max_chars
    for column in range(header.count()):
        table.resizeColumnToContents(column)
        width = max(header.sectionSize(column), header_minimum(table, column))
        header.resizeSection(column, min(width, max(limit, header_minimum(table, column))))


def _set_up_view(table: QTableView, *, stretch_last: bool) -> None:
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
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)


# -- the lists: a view over a model of plain rows -----------------------------------------------


class RowsModel(QAbstractTableModel):
    """Plain rows of cells, each with a key; sorted by ``sort`` (a heading's click), the
    chosen order kept when the rows are replaced. Column -1 is the order they were given in."""

    def __init__(
        self,
        headers: Sequence[str],
        *,
        right_aligned: Sequence[int] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._right = frozenset(right_aligned)
        self._rows: list[Any] = []
        self._keys: list[object] = []
        self._key_rows: dict[object, int] | None = None
        self._ranks: dict[int, list[int]] = {}
        self._styles: list[RowStyle | None] = []
        self._order: list[int] = []  # view row -> source row
        self._sort_column = -1
        self._descending = False
        self._collator = italian_collator()
        self._restricted_font = QFont()
        self._restricted_font.setItalic(True)

    # -- rows ----------------------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[Any],  # tuples of cells, or records a subclass reads in ``cell``
        *,
        keys: Sequence[object] | None = None,
        styles: Sequence[RowStyle | None] | None = None,
        ranks: dict[int, list[int]] | None = None,
    ) -> None:
        """Replace every row; the order chosen by the user applies to the new rows.
        ``ranks`` are columns' ``column_ranks`` made beforehand (off the GUI thread)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = list(keys) if keys is not None else list(range(len(self._rows)))
        self._key_rows = None
        self._styles = list(styles) if styles is not None else []
        self._ranks = dict(ranks or {})
        self._order = self._sorted(self._sort_column, self._descending)
        self.endResetModel()

    def source_row(self, row: int) -> int:
        """The position, in the rows given, of the row shown at ``row``; -1 for none."""
        return self._order[row] if 0 <= row < len(self._order) else -1

    def key_at(self, row: int) -> object | None:
        source = self.source_row(row)
        return None if source < 0 else self._keys[source]

    def row_of(self, key: object) -> int:
        """The row showing ``key``, or -1."""
        if self._key_rows is None:
            self._key_rows = {key: source for source, key in enumerate(self._keys)}
        source = self._key_rows.get(key)
        return -1 if source is None else self._order.index(source)

    def text(self, row: int, column: int) -> str:
        source = self.source_row(row)
        return "" if source < 0 else cell_text(self.cell(source, column))

    def column_texts(self, column: int) -> list[str]:
        return [cell_text(self.cell(source, column)) for source in self._order]

    def cells(self, column: int) -> list[Cell]:
        """The cells of a column in the order shown (tests compare them with their own sort)."""
        return [self.cell(source, column) for source in self._order]

    def cell(self, source: int, column: int) -> Cell:
        """A cell of the rows given, by position; a subclass keeping its rows otherwise (as
        records rather than tuples of cells) reads its cells here."""
        cell: Cell = self._rows[source][column]
        return cell

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def descending(self) -> bool:
        return self._descending

    def _sorted(self, column: int, descending: bool) -> list[int]:
        if not 0 <= column < len(self._headers):
            return list(range(len(self._rows)))
        ranks = self._ranks.get(column)
        if ranks is None:
            cells = [self.cell(source, column) for source in range(len(self._rows))]
            ranks = self._ranks[column] = column_ranks(cells, self._collator)
        return order_by_ranks(ranks, descending=descending)

    # -- Qt overrides --------------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self._right:
            return int(_RIGHT)
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        source = self.source_row(index.row())
        column = index.column()
        if source < 0 or not 0 <= column < len(self._headers):
            return None
        if role == KEY_ROLE:
            return self._keys[source]
        cell = self.cell(source, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column in self._right or is_numeric(cell) else _LEFT)
        style = self._styles[source] if source < len(self._styles) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if style is not None and style.tooltip:
                return style.tooltip
            text = cell_text(cell)
            return text if len(text) > _TOOLTIP_FROM else None
        if style is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and style.foreground is not None:
            return QBrush(style.foreground)
        if role == Qt.ItemDataRole.BackgroundRole and style.background is not None:
            return QBrush(style.background)
        if role == Qt.ItemDataRole.FontRole and (style.italic or column in style.bold_columns):
            font = QFont()
            font.setItalic(style.italic)
            font.setBold(column in style.bold_columns)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == style.icon_column:
            return style.icon
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return
        self.layoutAboutToBeChanged.emit()
        # Selected and current rows follow their record to its new place.
        persistent = self.persistentIndexList()
        sources = [(self.source_row(index.row()), index.column()) for index in persistent]
        self._sort_column, self._descending = column, descending
        self._order = self._sorted(column, descending)
        position = {source: row for row, source in enumerate(self._order)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(position[source], column) if source >= 0 else QModelIndex()
                for source, column in sources
            ],
        )
        self.layoutChanged.emit()


_AnyIndex = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        KEY_ROLE,
    }
)


class EmptyState(QLabel):
    """The sentence an empty table shows over its grid (what is missing, and what to do next);
    hidden as soon as the table has a row."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.setObjectName("emptyState")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        self.hide()

    def update_shown(self) -> None:
        model = self._view.model()
        empty = model is not None and model.rowCount() == 0
        self.setVisible(empty and bool(self.text()))
        if self.isVisible():
            self._place()

    def set_sentence(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.update_shown()

    def _place(self) -> None:
        area = self._view.viewport().rect()
        self.setGeometry(area.adjusted(0, 0, 0, -area.height() // 3))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


class DataTable(QTableView):
    """A read-only list over a ``RowsModel``: sortable by every heading, keyed rows, an empty
    state. ``itemSelectionChanged`` as on a QTableWidget."""

    itemSelectionChanged = Signal()

    def __init__(
        self,
        parent: QWidget,
        headers: Sequence[str],
        *,
        stretch_last: bool = True,
        right_aligned: Sequence[int] = (),
        model: RowsModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows_model = model or RowsModel(headers, right_aligned=right_aligned, parent=self)
        self.setModel(self.rows_model)
        _set_up_view(self, stretch_last=stretch_last)
        # No column sorted at first: the rows come in the service's order.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_state = EmptyState(self)
        for signal in (self.rows_model.modelReset, self.rows_model.rowsInserted):
            signal.connect(self.empty_state.update_shown)
        self.rows_model.rowsRemoved.connect(self.empty_state.update_shown)
        self._fitted = False

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.itemSelectionChanged.emit()

    def fill(
        self,
        rows: Sequence[Sequence[Cell]],
        *,
        keys: Sequence[object] | None = None,
        styles: Sequence[RowStyle | None] | None = None,
        fit: bool = True,
    ) -> None:
        """Replace the rows, keeping the selected key (and the order chosen)."""
        current = self.selected_key()
        self.rows_model.set_rows(rows, keys=keys, styles=styles)
        if current is not None:
            self.select_key(current)
        if fit:
            fit_columns(self)

    def set_empty_text(self, text: str) -> None:
        self.empty_state.set_sentence(text)

    def rowCount(self) -> int:
        return self.rows_model.rowCount()

    def columnCount(self) -> int:
        return self.rows_model.columnCount()

    def text(self, row: int, column: int) -> str:
        """The text shown in a cell (row as shown, after sorting)."""
        return self.rows_model.text(row, column)

    def selected_key(self) -> object | None:
        rows = self.selectionModel().selectedRows()
        return self.rows_model.key_at(rows[0].row()) if rows else None

    def select_key(self, key: object) -> bool:
        row = self.rows_model.row_of(key)
        if row < 0:
            return False
        self.selectRow(row)
        self.scrollTo(self.rows_model.index(row, 0))
        return True


def sortable(view: QTableView) -> None:
    """Let a view over another model sort by a click on a heading, starting from the model's
    own order (the model's ``sort`` applies the kit's ``sorted_order``)."""
    header = view.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)


def make_data_table(
    parent: QWidget,
    headers: Sequence[str],
    *,
    stretch_last: bool = True,
    right_aligned: Sequence[int] = (),
) -> DataTable:
    table = DataTable(parent, headers, stretch_last=stretch_last, right_aligned=right_aligned)
    fit_columns(table)
    return table


# -- the editors' small tables: QTableWidget items sorted by value ------------------------------


class SortItem(QTableWidgetItem):
    """A cell of a QTableWidget sorted by its value (see ``sort_key``), not its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine = self.data(_SORT_ROLE)
        theirs = other.data(_SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        if (mine.key == _BLANK) != (theirs.key == _BLANK):
            # Blanks last either way: Qt sorts descending by asking ``other < self``.
            table = self.tableWidget()
            descending = (
                table is not None
                and table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            )
            return bool((mine.key == _BLANK) == descending)
        return bool(mine < theirs)


class _SortKeyBox:
    """A sort key kept in an item's data (Qt copies Python objects in, as they are)."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key

    def __lt__(self, other: _SortKeyBox) -> bool:
        return self.key < other.key


def make_table(
    parent: QWidget, headers: Sequence[str], *, stretch_last: bool = True, sortable: bool = True
) -> QTableWidget:
    """A read-only table of whole rows, sortable by clicking a heading (unless ``sortable`` is
    False: rows holding editors of their own, kept by position); columns fit their content,
    the last takes the rest (unless it holds numbers, which would then sit far from their
    heading)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    _set_up_view(table, stretch_last=stretch_last)
    header = table.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setSortIndicatorShown(sortable)
    header.setSectionsClickable(sortable)
    if sortable:
        header.sectionClicked.connect(lambda column: _sort_clicked(table, column))
    fit_columns(table)
    return table


def _sort_clicked(table: QTableWidget, column: int) -> None:
    if table.isSortingEnabled():
        return  # a table sorting its own items (Qt's way) needs no help
    order = table.horizontalHeader().sortIndicatorOrder()
    # Qt already flipped the indicator of a section clicked again; a new one starts ascending.
    if getattr(table, "_sorted_column", -1) != column:
        order = Qt.SortOrder.AscendingOrder
    sort_table(table, column, order)


def sort_table(table: QTableView, column: int, order: Qt.SortOrder) -> None:
    """Sort as a click on the heading does (a click toggles the order)."""
    if isinstance(table, QTableWidget):
        table.horizontalHeader().setSortIndicator(column, order)
        table._sorted_column = column  # type: ignore[attr-defined]
        table.sortItems(column, order)
    else:
        table.sortByColumn(column, order)


def fill_table(
    table: QTableWidget,
    rows: Sequence[Sequence[Cell]],
    *,
    keys: Sequence[object] | None = None,
    right_aligned: Sequence[int] = (),
) -> None:
    """Replace the rows; ``keys`` become each row's first item's user data. The rows are then
    put back in the order the user chose by a heading, if any, once control returns to the
    event loop (rows are styled by position until then)."""
    collator = italian_collator()
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for row_index, values in enumerate(rows):
        for column, value in enumerate(values):
            text = cell_text(value)
            item = SortItem(text)
            item.setData(_SORT_ROLE, _SortKeyBox(sort_key(value, collator)))
            item.setToolTip(text if len(text) > _TOOLTIP_FROM else "")
            if column in right_aligned or is_numeric(value):
                item.setTextAlignment(_RIGHT)
            if column == 0 and keys is not None:
                item.setData(KEY_ROLE, keys[row_index])
            table.setItem(row_index, column, item)
    if getattr(table, "_sorted_column", -1) >= 0:
        # After the caller has styled the rows by their position (as given): then the order
        # the user chose by a heading comes back.
        QTimer.singleShot(0, table, lambda: _resort(table))
    fit_columns(table)


def _resort(table: QTableWidget) -> None:
    column = getattr(table, "_sorted_column", -1)
    if column >= 0:
        table.sortItems(column, table.horizontalHeader().sortIndicatorOrder())


def selected_key(table: QTableView) -> object | None:
    """The key of the selected row."""
    if isinstance(table, DataTable):
        return table.selected_key()
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    key: object | None = rows[0].siblingAtColumn(0).data(KEY_ROLE)
    return key


def select_key(table: QTableView, key: object) -> bool:
    if isinstance(table, DataTable):
        return table.select_key(key)
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(KEY_ROLE) == key:
            table.selectRow(row)
            return True
    return False


def row_texts(table: QTableView, column: int) -> list[str]:
    """The texts of a column, top to bottom."""
    model = table.model()
    return [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
