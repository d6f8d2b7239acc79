"""Form fields shared by the directory, projects and meetings screens: dates and times that may
be left blank, money in euro, optional numbers, combos of codes and searchable combos."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from desktop.ui.common.formats import format_amount, format_number, parse_number
from desktop.ui.labels import choices

E = TypeVar("E", bound=StrEnum)

# The blank date: QDateEdit cannot be empty, so its lowest date stands for "no date".
_BLANK_DATE = QDate(1900, 1, 1)
_LAST_DATE = QDate(2100, 12, 31)
# The blank time: no meeting is held at midnight, so 00:00 stands for "no time".
_BLANK_TIME = QTime(0, 0)
MONEY_MAX_EUROS = 99_999_999.99


class DateField(QWidget):
    """A gg/mm/aaaa date with a calendar, which may be left blank (the ✕ button)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setDateRange(_BLANK_DATE, _LAST_DATE)
        self.edit.setSpecialValueText(" ")
        self.edit.setDate(_BLANK_DATE)
        width = self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 48
        self.edit.setMinimumWidth(width)
        self.edit.calendarWidget().installEventFilter(self)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(self.tr("Clear the date"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.edit.dateChanged.connect(lambda _day: self.changed.emit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A blank field would open its calendar on January 1900: open it on today instead.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False

    def value(self) -> date | None:
        day = self.edit.date()
        if day == _BLANK_DATE:
            return None
        return date(day.year(), day.month(), day.day())

    def set_value(self, day: date | None) -> None:
        self.edit.setDate(_BLANK_DATE if day is None else QDate(day.year, day.month, day.day))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setCalendarPopup(not read_only)
        self.clear_button.setVisible(not read_only)


class TimeField(QWidget):
    """An hh:mm time which may be left blank; ``committed`` fires when editing is over."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clear_button: bool = True) -> None:
        super().__init__(parent)
        self.edit = QTimeEdit(self)
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setSpecialValueText(" ")
        self.edit.setMinimumTime(_BLANK_TIME)
        self.edit.setTime(_BLANK_TIME)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00:000") + 36)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(self.tr("Clear the time"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self._clear)
        self.clear_button.setVisible(clear_button)
        self._clearable = clear_button
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.edit.editingFinished.connect(self.committed.emit)

    def _clear(self) -> None:
        self.set_value(None)
        self.committed.emit()

    def value(self) -> time | None:
        moment = self.edit.time()
        if moment == _BLANK_TIME:
            return None
        return time(moment.hour(), moment.minute())

    def set_value(self, moment: time | None) -> None:
        self.edit.setTime(_BLANK_TIME if moment is None else QTime(moment.hour, moment.minute))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setVisible(self._clearable and not read_only)


class MoneyField(QDoubleSpinBox):
    """An amount in euro with cents, typed in the locale's form; read and set in cents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPrefix("€ ")
        self.setDecimals(2)
        self.setRange(0.0, MONEY_MAX_EUROS)
        self.setGroupSeparatorShown(True)
        self.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("€ 99.999.999,990") + 16)

    def textFromValue(self, value: float) -> str:
        # Thousands always grouped ("6.100,00"), as in the tables; the locale alone would not.
        return format_amount(round(value * 100))

    def cents(self) -> int:
        return round(self.value() * 100)

    def set_cents(self, cents: int) -> None:
        self.setValue(cents / 100)


class NumberField(QLineEdit):
    """An optional number (an indicator's baseline, target or value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 16)

    def number(self) -> tuple[float | None, bool]:
        return parse_number(self.text())

    def set_number(self, value: float | None) -> None:
        self.setText(format_number(value))


class CodeCombo(QComboBox):
    """A combo of an enumeration's labels whose ``currentData()`` is the code itself.

    Qt keeps a StrEnum as a plain string; the services compare codes by identity.
    """

    def __init__(self, enum: type[StrEnum], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enum = enum

    def currentData(self, role: int = Qt.ItemDataRole.UserRole) -> object:
        value = super().currentData(role)
        if role == Qt.ItemDataRole.UserRole and isinstance(value, str):
            return self.enum(value)
        return value


def code_combo(
    enum: type[E], parent: QWidget | None = None, *, blank: str | None = None
) -> CodeCombo:
    """A combo of an enumeration's labels; the code is each item's data."""
    combo = CodeCombo(enum, parent)
    if blank is not None:
        combo.addItem(blank, None)
    for code, text in choices(enum):
        combo.addItem(text, code)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def selected_code(combo: QComboBox, enum: type[E]) -> E | None:
    """The code chosen in a combo of an enumeration's labels, or None (the blank item)."""
    data = combo.currentData()
    return None if data is None else enum(data)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class SearchCombo(QComboBox):
    """A combo one can type into to find an item by any part of its text.

    ``key()`` is the data of the item whose text is the one shown, or None (blank or unknown).
    """

    def __init__(self, parent: QWidget | None = None, *, blank: bool = True) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._blank = blank
        completer = self.completer()
        assert completer is not None  # an editable combo has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def set_items(self, items: Sequence[tuple[str, object]]) -> None:
        self.clear()
        if self._blank:
            self.addItem("", None)
        for text, key in items:
            self.addItem(text, key)

    def key(self) -> object | None:
        index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return None if index < 0 else self.itemData(index)

    def set_key(self, key: object | None) -> None:
        index = self.findData(key) if key is not None else (0 if self._blank else -1)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        # A long name shows its beginning, not its end, when the field is narrower than it.
        line_edit = self.lineEdit()
        if line_edit is not None:
            line_edit.setCursorPosition(0)
