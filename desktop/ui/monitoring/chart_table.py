"""The table behind a chart: the same values as the chart draws, as text a screen reader reads
and a person can copy ("<5" for a withheld cell, "–" for no value, numbers right-aligned).

Rows are the chart's categories and columns its series, with the categories' totals when the
chart has them (or stacks its series); a sparkline table keeps the chart's own layout, one row
per series with its total, as the chart prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.documents.charts import format_value
from desktop.domain.monitoring import Chart, ChartKind, Value

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1

_AnyIndex = QModelIndex | QPersistentModelIndex
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class TableRow:
    label: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class ChartTable:
    first_header: str
    headers: tuple[str, ...]  # of the value columns
    rows: tuple[TableRow, ...]


def _sum(values: tuple[Value, ...]) -> Value:
    if any(value.suppressed for value in values):
        return Value(None, suppressed=True)
    return Value(sum(value.amount or 0.0 for value in values))


def chart_table(chart: Chart) -> ChartTable:
    """What the table shows, in the order the chart draws it."""
    total = QCoreApplication.translate("ChartTable", "Total")
    if chart.kind is ChartKind.SPARKLINES:
        return ChartTable(
            first_header=chart.category_title,
            headers=(*(c.label for c in chart.categories), total),
            rows=tuple(
                TableRow(series.label, (*series.values, _sum(series.values)))
                for series in chart.series
            ),
        )
    headers = tuple(series.label for series in chart.series)
    totals: tuple[Value, ...] | None = chart.totals
    if totals is None and chart.kind is ChartKind.STACKED_BAR and len(chart.series) > 1:
        totals = tuple(
            _sum(tuple(series.values[index] for series in chart.series))
            for index in range(len(chart.categories))
        )
    if totals is not None:
        headers = (*headers, total)
    rows = []
    for index, category in enumerate(chart.categories):
        values = tuple(series.values[index] for series in chart.series)
        if totals is not None:
            values = (*values, totals[index])
        rows.append(TableRow(category.label, values))
    return ChartTable(chart.category_title, headers, tuple(rows))


class ChartTableModel(QAbstractTableModel):
    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.table = chart_table(chart)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if section == 0:
                return self.table.first_header
            return self.table.headers[section - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _TEXT_ALIGNMENT if section == 0 else _NUMBER_ALIGNMENT
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.table.rows[index.row()]
        column = index.column()
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.label
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _TEXT_ALIGNMENT
            return None
        value = row.values[column - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value, self.chart.unit)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # "<5" read aloud is "less than 5", and the cell's row and column go with it.
            text = format_value(value, self.chart.unit)
            if value.suppressed:
                text = QCoreApplication.translate("ChartTable", "fewer than 5, not shown")
            return f"{row.label}, {self.table.headers[column - 1]}: {text}"
        if role == Qt.ItemDataRole.ToolTipRole and value.suppressed:
            return QCoreApplication.translate(
                "ChartTable", "Fewer than 5: withheld so that no one can be recognised"
            )
        if role == Qt.ItemDataRole.ToolTipRole and value.drill is not None:
            return QCoreApplication.translate(
                "ChartTable", "Double-click or press Enter to open these referrals"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER_ALIGNMENT
        if role == VALUE_ROLE:
            return value
        return None

    def texts(self) -> list[list[str]]:
        """Every cell as shown, row by row (tests compare them with the chart)."""
        return [
            [str(self.data(self.index(r, c))) for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]


class ChartTableView(QTableView):
    """The table, as tall as its rows: it scrolls with the page, never inside it. A cell that
    counts referrals opens them (double-click or Enter), as its bar does."""

    drillRequested = Signal(object)  # the value's Drill

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(ChartTableModel(chart, self))
        self.activated.connect(self._open)
        self.setAccessibleName(
            QCoreApplication.translate("ChartTable", "Table: %1").replace("%1", chart.title)
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        # Every column as wide as its texts: names are never cut; a wide table scrolls.
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setStretchLastSection(False)
        self._fit_height()

    def _open(self, index: QModelIndex) -> None:
        value = self.table_model().data(index, VALUE_ROLE)
        if isinstance(value, Value) and value.drill is not None:
            self.drillRequested.emit(value.drill)

    def table_model(self) -> ChartTableModel:
        model = self.model()
        assert isinstance(model, ChartTableModel)
        return model

    def _fit_height(self) -> None:
        model = self.table_model()
        rows = self.verticalHeader().defaultSectionSize() * model.rowCount()
        header = self.horizontalHeader().sizeHint().height()
        # Many columns (a month each) may not fit the page's width: room for the scroll bar.
        scroll = self.horizontalScrollBar().sizeHint().height() if model.columnCount() > 7 else 0
        self.setFixedHeight(rows + header + 2 * self.frameWidth() + scroll + 2)
