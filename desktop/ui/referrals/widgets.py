"""Input widgets only the referral forms use: yes/no/unknown, check lists.

The banner is the kit's (``desktop.ui.common.banner``).

The fields every form shares (dates, codes, numbers, comuni) are in ``desktop.ui.common.fields``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)


class TriStateCombo(QComboBox):
    """Yes, no, or not known: for facts a referral may not have yet."""

    valueChanged = Signal()
    # Item data are strings: PySide6 mishandles the reference count of Python's True and False
    # read back from item data, which crashes the interpreter at exit.
    _VALUES = (None, True, False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("— not specified —"))
        self.addItem(self.tr("Yes"))
        self.addItem(self.tr("No"))
        self.currentIndexChanged.connect(self.valueChanged)

    def value(self) -> bool | None:
        return self._VALUES[max(self.currentIndex(), 0)]

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex(self._VALUES.index(value))


CHECK_LIST_SPACING = 2  # pixels around each row


class CheckList(QListWidget):
    """Several codes at once, as a list of check boxes (Space ticks the current one)."""

    valueChanged = Signal()

    def __init__(self, items: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        for code, text in items:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
        self.itemChanged.connect(self.valueChanged)
        # Some air between the boxes: packed tight, the eye slips to the next line.
        self.setSpacing(CHECK_LIST_SPACING)
        # Tall enough for every row: a multi-select that scrolls hides what is ticked.
        rows = max(self.count(), 1)
        row_height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height()
        row_height += 2 * CHECK_LIST_SPACING
        self.setFixedHeight(rows * row_height + 2 * self.frameWidth() + 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def checked(self) -> tuple[str, ...]:
        return tuple(
            str(self.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for row in range(self.count()):
            item = self.item(row)
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else Qt.CheckState.Unchecked
            )
            item.setCheckState(state)

    def item_for(self, code: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == code:
                return self.item(row)
        return None
