"""The "Timeline" tab: every step of the referral, oldest first, in local time."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop.services.referrals.records import EventRow
from desktop.services.sites import site_name
from desktop.ui.labels import label

COL_AT = 0
COL_OPERATOR = 1
COL_SITE = 2
COL_FROM = 3
COL_TO = 4
COL_NOTE = 5


def local_time(at: datetime) -> str:
    """A stored UTC instant as the office reads it: gg/mm/aaaa HH:MM, local time."""
    return at.astimezone().strftime("%d/%m/%Y %H:%M")


# Room around each cell: a history read line by line, not a packed table.
CELL_PADDING = QSize(16, 8)


class _RoomyDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index) + CELL_PADDING


class TimelineView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(6)
        self.setHeaderLabels(
            [
                self.tr("Date and time"),
                self.tr("Operator"),
                self.tr("Site"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Note"),
            ]
        )
        self.setAccessibleName(self.tr("Timeline of the referral"))
        self.setItemDelegate(_RoomyDelegate(self))
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(True)
        for column in (COL_AT, COL_OPERATOR, COL_SITE, COL_FROM, COL_TO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def set_events(self, events: tuple[EventRow, ...], site_names: dict[str, str]) -> None:
        self.clear()
        for event in events:
            item = QTreeWidgetItem(
                [
                    local_time(event.at),
                    event.operator,
                    site_name(site_names, event.site),
                    "" if event.from_status is None else label(event.from_status),
                    label(event.to_status),
                    event.note,
                ]
            )
            item.setToolTip(COL_NOTE, event.note)
            self.addTopLevelItem(item)
        last = self.topLevelItem(self.topLevelItemCount() - 1)
        if events and last is not None:
            self.setCurrentItem(last)

    def rows(self) -> list[list[str]]:
        """The shown text, row by row (for tests and for reading aloud)."""
        items = [self.topLevelItem(row) for row in range(self.topLevelItemCount())]
        return [
            [item.text(column) for column in range(self.columnCount())]
            for item in items
            if item is not None
        ]
