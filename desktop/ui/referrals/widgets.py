"""Small input widgets of the referral forms: optional dates, code pickers, check lists.

Each one says "not set" explicitly instead of inventing a value, because a date or a code left
empty is a fact of its own in a referral (the privacy notice not handed over yet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from desktop.ui.common.formats import DATE_FORMAT, from_qdate, to_qdate
from desktop.ui.labels import choices

E = TypeVar("E", bound=StrEnum)

# The date that stands for "not set": QDateEdit shows its special text on its minimum.
UNSET_DATE = QDate(1800, 1, 1)


def _typing_start(today: date) -> QDate:
    """Where typing into an empty date field starts.

    QDateEdit checks each section against the others as it is typed, so the day "31" is cut to
    "30" in a 30-day month and "29/02" to "28/02" in a common year. Starting on 1 January of a
    leap year lets any real date be typed day, month and year in order.
    """
    year = today.year
    while not QDate.isLeapYear(year):
        year -= 1
    return QDate(year, 1, 1)


class DateField(QDateEdit):
    """A date typed as gg/mm/aaaa, or explicitly not set.

    QDateEdit ignores typing over its "not set" text, so the first digit typed into an empty
    field starts it from a date with the day selected (see ``_typing_start``); Delete empties
    the field.
    """

    valueChanged = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(UNSET_DATE)
        self.setSpecialValueText(self.tr("not set"))
        self.setDate(UNSET_DATE)
        self.setToolTip(self.tr("Type the date as dd/mm/yyyy; Delete empties the field."))
        self.dateChanged.connect(self.valueChanged)
        self._calendar_hooked = False

    def value(self) -> date | None:
        current = self.date()
        return None if current == UNSET_DATE else from_qdate(current)

    def set_value(self, value: date | None) -> None:
        self.setDate(UNSET_DATE if value is None else to_qdate(value))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.setDate(UNSET_DATE)
            return
        if self.value() is None and event.text().isdigit():
            self.setDate(_typing_start(self._today()))
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)

    def mousePressEvent(self, event: object) -> None:
        if not self._calendar_hooked:
            # The popup's calendar would open on the year 1800 of an empty field.
            self.calendarWidget().installEventFilter(self)
            self._calendar_hooked = True
        super().mousePressEvent(event)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = self._today()
            self.calendarWidget().setCurrentPage(today.year, today.month)
        return False


class EnumCombo(QComboBox, Generic[E]):
    """A choice among the codes of one enumeration, labelled in the current language."""

    valueChanged = Signal()

    def __init__(
        self,
        enum: type[E],
        parent: QWidget | None = None,
        *,
        optional: bool = True,
        members: Iterable[E] | None = None,
    ) -> None:
        super().__init__(parent)
        self._enum = enum
        if optional:
            self.addItem(self.tr("— not specified —"), None)
        wanted = set(members) if members is not None else None
        for member, text in choices(enum):
            if wanted is None or member in wanted:
                self.addItem(text, member.value)
        self.currentIndexChanged.connect(self.valueChanged)

    def value(self) -> E | None:
        data = self.currentData()
        return None if data is None else self._enum(data)

    def set_value(self, value: E | None) -> None:
        index = self.findData(None if value is None else value.value)
        self.setCurrentIndex(max(index, 0))


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


class OptionalSpin(QSpinBox):
    """A whole number, or "not specified" (shown on the value below the minimum)."""

    def __init__(
        self, minimum: int, maximum: int, parent: QWidget | None = None, *, suffix: str = ""
    ) -> None:
        super().__init__(parent)
        self._unset = minimum - 1
        self.setRange(self._unset, maximum)
        self.setSpecialValueText(self.tr("not specified"))
        self.setSuffix(suffix)
        self.setValue(self._unset)

    def number(self) -> int | None:
        return None if self.value() == self._unset else self.value()

    def set_number(self, value: int | None) -> None:
        self.setValue(self._unset if value is None else value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.setValue(self._unset)
            return
        if self.number() is None and event.text().isdigit():
            # Start from an empty number rather than appending to the "not specified" text.
            self.lineEdit().clear()
        super().keyPressEvent(event)


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


class Banner(QFrame):
    """A coloured strip with one message: why a form is read-only, or what went wrong."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    _STYLES = {  # noqa: RUF012 - constant look-up, never mutated
        INFO: ("#e8f0fb", "#9bb7e0", "#123c73"),
        WARNING: ("#fff4d6", "#e0b84f", "#5c4100"),
        ERROR: ("#fde7e9", "#e39aa1", "#7a0d18"),
    }

    def __init__(self, kind: str = INFO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        background, border, text = self._STYLES[kind]
        self.setObjectName("banner")
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border: 1px solid {border}; "
            f"border-radius: 4px; }} QFrame#banner QLabel {{ color: {text}; }}"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
