"""Form fields every area shares: dates and times that may be left blank, money in euro,
optional numbers, combos of codes, comuni and searchable combos.

Each one says "not set" explicitly instead of inventing a value, because a date or a code left
empty is a fact of its own (the privacy notice not handed over yet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, time
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QTimeEdit,
    QWidget,
)

from desktop.domain.text import normalise_search_text
from desktop.ui.common.formats import (
    DATE_FORMAT,
    format_amount,
    format_number,
    from_qdate,
    parse_number,
    to_qdate,
)
from desktop.ui.common.signals import emit
from desktop.ui.labels import choices

E = TypeVar("E", bound=StrEnum)

# The date that stands for "not set": QDateEdit shows its special text on its minimum.
UNSET_DATE = QDate(1800, 1, 1)
# The earliest date a field that is never empty accepts.
_EARLIEST_DATE = QDate(1900, 1, 1)
# The blank time: no meeting is held at midnight, so 00:00 stands for "no time".
_BLANK_TIME = QTime(0, 0)
MONEY_MAX_EUROS = 99_999_999.99

# The dynamic property every read-only field carries (tests and style sheets find them by it).
READ_ONLY_PROPERTY = "readOnlyField"
_SAVED_PLACEHOLDER = "readOnlyPlaceholder"
_SAVED_BUTTONS = "readOnlyButtons"
_SAVED_FRAME = "readOnlyFrameShape"
_FLAT_COMBO = (
    "QComboBox { border: none; background: transparent; color: palette(window-text);"
    " padding: 2px 2px; }"
    " QComboBox::drop-down { border: none; width: 0px; }"
    " QComboBox::down-arrow { image: none; width: 0px; }"
)
_GROUPS = (
    QPalette.ColorGroup.Active,
    QPalette.ColorGroup.Inactive,
    QPalette.ColorGroup.Disabled,
)
_TEXT_ROLES = (
    QPalette.ColorRole.Text,
    QPalette.ColorRole.ButtonText,
    QPalette.ColorRole.WindowText,
)


def set_read_only(widget: QWidget, read_only: bool = True) -> None:
    """The one read-only look of every editor: the value reads as plain text on the window's
    background (no input box, no frame, no spin buttons or combo arrow, no "type here" hint),
    in the window's own text colour, so it keeps the palette's contrast (text on window);
    text fields stay selectable.

    Fields that can be read-only (line and text edits, dates, numbers) are made so; the others
    (combos, check boxes, lists) are disabled, their text kept in the normal colour rather than
    Qt's faint grey. Every one carries the ``readOnlyField`` property while read-only.
    """
    if isinstance(widget, (DateField, TimeField)):
        widget.set_read_only(read_only)
        return
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        widget.setReadOnly(read_only)
    else:
        widget.setEnabled(not read_only)
    _read_only_look(widget, read_only)


def is_read_only(widget: QWidget) -> bool:
    """Whether ``widget`` shows the kit's read-only look (``set_read_only``)."""
    return bool(widget.property(READ_ONLY_PROPERTY))


def takes_input(widget: QWidget) -> bool:
    """Whether a person can change ``widget``: enabled and not read-only."""
    return widget.isEnabled() and not is_read_only(widget)


def _read_only_look(widget: QWidget, read_only: bool) -> None:
    if bool(widget.property(READ_ONLY_PROPERTY)) == read_only:
        return
    widget.setProperty(READ_ONLY_PROPERTY, read_only)
    if isinstance(widget, QLineEdit):
        widget.setFrame(not read_only)
        if read_only:
            widget.setProperty(_SAVED_PLACEHOLDER, widget.placeholderText())
            widget.setPlaceholderText("")
        else:
            widget.setPlaceholderText(str(widget.property(_SAVED_PLACEHOLDER) or ""))
    elif isinstance(widget, QAbstractSpinBox):
        widget.setFrame(not read_only)
        if read_only:
            widget.setProperty(_SAVED_BUTTONS, widget.buttonSymbols().value)
            widget.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        else:
            saved = widget.property(_SAVED_BUTTONS)
            if saved is not None:
                widget.setButtonSymbols(QAbstractSpinBox.ButtonSymbols(int(saved)))
    elif isinstance(widget, QComboBox):
        # Qt's styles draw a combo as a raised button whatever its palette: only a style sheet
        # lays it flat. On the few combos shown read-only, so the editors stay fast to open.
        widget.setStyleSheet(_FLAT_COMBO if read_only else "")
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        if read_only:
            widget.setProperty(_SAVED_FRAME, widget.frameShape().value)
            widget.setFrameShape(QFrame.Shape.NoFrame)
        else:
            saved = widget.property(_SAVED_FRAME)
            if saved is not None:
                widget.setFrameShape(QFrame.Shape(int(saved)))
    if not read_only:
        widget.setPalette(QPalette())  # back to the inherited palette
        return
    palette = QPalette(widget.palette())
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    for group in _GROUPS:
        # No input box: whatever is behind the field (a window, a group box) shows through.
        palette.setColor(group, QPalette.ColorRole.Base, Qt.GlobalColor.transparent)
        for role in _TEXT_ROLES:
            palette.setColor(group, role, text)
    widget.setPalette(palette)


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2's contrast ratio of two colours (1 to 21; AA asks 4.5 for body text)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


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


def _cross_icon(widget: QWidget) -> QIcon:
    """A ✕ drawn in the widget's text colour: a line edit's actions show icons, not text."""
    size = widget.fontMetrics().height()
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(widget.palette().color(QPalette.ColorRole.Text))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "✕")
    painter.end()
    return QIcon(pixmap)


class DateField(QDateEdit):
    """A date typed as gg/mm/aaaa, or explicitly not set.

    QDateEdit ignores typing over its "not set" text, so the first digit typed into an empty
    field starts it from a date with the day selected (see ``_typing_start``); Delete empties
    the field, and so does the ✕ button where the form shows one (``clear_button``).
    """

    valueChanged = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        clear_button: bool = False,
        optional: bool = True,
    ) -> None:
        """``optional=False``: a date is always set (a period's bounds), starting on today."""
        super().__init__(parent)
        self._today = today
        self.optional = optional
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        if optional:
            self.setMinimumDate(UNSET_DATE)
            self.setSpecialValueText(self.tr("not set"))
            self.setDate(UNSET_DATE)
            self.setToolTip(self.tr("Type the date as dd/mm/yyyy; Delete empties the field."))
        else:
            self.setMinimumDate(_EARLIEST_DATE)
            self.setDate(to_qdate(today()))
            self.setToolTip(self.tr("Type the date as dd/mm/yyyy."))
        self.dateChanged.connect(self.valueChanged)
        self._calendar_hooked = False
        self.clear_action: QAction | None = None
        if clear_button:
            self.clear_action = QAction(_cross_icon(self), self.tr("Clear the date"), self)
            self.clear_action.triggered.connect(lambda: self.set_value(None))
            line_edit = self.lineEdit()
            assert line_edit is not None  # every spin box has one
            line_edit.addAction(self.clear_action, QLineEdit.ActionPosition.TrailingPosition)
            # Beside the other fields of its row rather than stretched across the form.
            self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._fit_width()

    def _fit_width(self) -> None:
        """Room for a whole date, and for the ✕ while it shows."""
        width = self.fontMetrics().horizontalAdvance("00/00/00000") + 48
        if self.clear_action is not None and self.clear_action.isVisible():
            width += self.fontMetrics().height() + 8
        self.setMinimumWidth(width)

    def value(self) -> date | None:
        current = self.date()
        return None if current == UNSET_DATE else from_qdate(current)

    def set_value(self, value: date | None) -> None:
        if value is None and not self.optional:
            raise ValueError("this date field is never empty")
        self.setDate(UNSET_DATE if value is None else to_qdate(value))

    def set_read_only(self, read_only: bool) -> None:
        """The kit's read-only look (``set_read_only``): the date as text, no calendar."""
        self.setReadOnly(read_only)
        self.setCalendarPopup(not read_only)
        _read_only_look(self, read_only)
        if self.clear_action is not None:
            self.clear_action.setVisible(not read_only)
            self._fit_width()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Delete and self.optional:
            self.setDate(UNSET_DATE)
            return
        if self.value() is None and event.text().isdigit():
            self.setDate(_typing_start(self._today()))
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._calendar_hooked:
            # The popup's calendar would open on the year 1800 of an empty field.
            self.calendarWidget().installEventFilter(self)
            self._calendar_hooked = True
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = self._today()
            self.calendarWidget().setCurrentPage(today.year, today.month)
        return False


class _TimeEdit(QTimeEdit):
    """A QTimeEdit whose line edit the field may reach (Qt keeps ``lineEdit()`` protected)."""

    def text_line(self) -> QLineEdit:
        line_edit = self.lineEdit()
        assert line_edit is not None  # every spin box has one
        return line_edit


class TimeField(QWidget):
    """An hh:mm time which may be left blank; ``committed`` fires when editing is over.

    Its ✕ sits inside the field, as the date field's does.
    """

    committed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clear_button: bool = True) -> None:
        super().__init__(parent)
        self.edit = _TimeEdit(self)
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setSpecialValueText(" ")
        self.edit.setMinimumTime(_BLANK_TIME)
        self.edit.setTime(_BLANK_TIME)
        width = self.edit.fontMetrics().horizontalAdvance("00:000") + 36
        self.clear_action: QAction | None = None
        if clear_button:
            self.clear_action = QAction(_cross_icon(self), self.tr("Clear the time"), self)
            self.clear_action.triggered.connect(self._clear)
            self.edit.text_line().addAction(
                self.clear_action, QLineEdit.ActionPosition.TrailingPosition
            )
            width += self.fontMetrics().height() + 8
        self.edit.setMinimumWidth(width)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.edit.editingFinished.connect(self.committed.emit)
        self.setFocusProxy(self.edit)

    def showEvent(self, event: QShowEvent) -> None:
        """The time is read by the name of the field: its own, or its label's in a form."""
        if not self.edit.accessibleName():
            name = self.accessibleName()
            window = self.window()
            for label in window.findChildren(QLabel) if not name else []:
                if label.buddy() is self:
                    name = label.text().replace("&", "").rstrip(":")
                    break
            self.edit.setAccessibleName(name)
        super().showEvent(event)

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
        _read_only_look(self.edit, read_only)
        if self.clear_action is not None:
            self.clear_action.setVisible(not read_only)


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


class DecimalField(QLineEdit):
    """An optional number with decimals, typed in the locale's form (an indicator's baseline,
    target or value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 16)

    def number(self) -> tuple[float | None, bool]:
        return parse_number(self.text())

    def set_number(self, value: float | None) -> None:
        self.setText(format_number(value))


class WholeNumberField(QSpinBox):
    """A whole number in a range, or "not specified" (shown on the value below the minimum)."""

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
        line_edit = self.lineEdit()
        if self.number() is None and event.text().isdigit() and line_edit is not None:
            # Start from an empty number rather than appending to the "not specified" text.
            line_edit.clear()
        super().keyPressEvent(event)


class CodeCombo(QComboBox, Generic[E]):
    """A choice among the codes of one enumeration, labelled in the current language.

    ``value()`` is the code chosen, or None (the blank item); ``currentData()`` gives the code
    too, since Qt keeps a StrEnum as a plain string and the services compare codes by identity.
    """

    valueChanged = Signal()

    def __init__(
        self,
        enum: type[E],
        parent: QWidget | None = None,
        *,
        optional: bool = True,
        blank: str | None = None,
        members: Iterable[E] | None = None,
    ) -> None:
        super().__init__(parent)
        self.enum = enum
        if optional:
            self.addItem(self.tr("— not specified —") if blank is None else blank, None)
        wanted = set(members) if members is not None else None
        for member, text in choices(enum):
            if wanted is None or member in wanted:
                self.addItem(text, member.value)
        self.currentIndexChanged.connect(self.valueChanged)

    def currentData(self, role: int = Qt.ItemDataRole.UserRole) -> object:
        value = super().currentData(role)
        if role == Qt.ItemDataRole.UserRole and isinstance(value, str):
            return self.enum(value)
        return value

    def value(self) -> E | None:
        data = super().currentData()
        return None if data is None else self.enum(data)

    def code(self) -> E:
        """The code chosen in a combo without a blank item, where one is always chosen."""
        value = self.value()
        if value is None:
            raise ValueError(f"no {self.enum.__name__} chosen")
        return value

    def set_value(self, value: E | None) -> None:
        index = self.findData(None if value is None else value.value)
        self.setCurrentIndex(max(index, 0))


def code_combo(
    enum: type[E], parent: QWidget | None = None, *, blank: str | None = None
) -> CodeCombo[E]:
    """A combo of an enumeration's labels as wide as its longest; ``blank`` names the item
    for no code (none: a code must be chosen)."""
    combo = CodeCombo(enum, parent, optional=blank is not None, blank=blank)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class MunicipalityField(QLineEdit):
    """A comune of the province, completed from a list of (id, name) as it is typed.

    ``municipalityChanged`` fires when the comune named changes, once typing is over.
    """

    municipalityChanged = Signal()

    def __init__(
        self, municipalities: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._names = dict(municipalities)
        self._by_name = {
            normalise_search_text(name): municipality_id for municipality_id, name in municipalities
        }
        self._last: str | None = None
        completer = QCompleter([name for _id, name in municipalities], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.setPlaceholderText(self.tr("Type to search"))
        completer.activated.connect(lambda _text: self._announce())
        self.editingFinished.connect(self._announce)

    def setEnabled(self, enabled: bool) -> None:
        # "Type to search" on a field that cannot be typed in would only mislead.
        super().setEnabled(enabled)
        self.setPlaceholderText(self.tr("Type to search") if enabled else "")

    def municipality_id(self) -> str | None:
        return self._by_name.get(normalise_search_text(self.text()))

    def is_unknown(self) -> bool:
        return bool(self.text().strip()) and self.municipality_id() is None

    def set_municipality_id(self, municipality_id: str | None) -> None:
        self.setText(self._names.get(municipality_id or "", ""))
        self._last = municipality_id

    def _announce(self) -> None:
        current = self.municipality_id()
        if current != self._last:
            self._last = current
            emit(self.municipalityChanged)


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
