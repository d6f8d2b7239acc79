"""Small input widgets of the person form: optional dates, codes and numbers, and comuni."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from desktop.ui.common.formats import format_date
from desktop.ui.labels import choices

E = TypeVar("E", bound=StrEnum)


class DateField(QLineEdit):
    """A date typed as gg/mm/aaaa, or nothing. ``value()`` raises ``ValueError`` on bad text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.setMaxLength(10)
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * 14)

    def value(self) -> date | None:
        text = self.text().strip()
        if not text:
            return None
        return datetime.strptime(text.replace("-", "/").replace(".", "/"), "%d/%m/%Y").date()

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))


class CodeCombo(QComboBox, Generic[E]):
    """One code of an enumeration, with its label, or none."""

    def __init__(self, enum: type[E], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enum = enum
        self.addItem("", None)
        for code, text in choices(enum):
            self.addItem(text, code.value)

    def value(self) -> E | None:
        data = self.currentData()
        return self._enum(data) if data else None

    def set_value(self, value: E | None) -> None:
        self.setCurrentIndex(max(0, self.findData(value.value if value else None)))


class NumberField(QLineEdit):
    """A whole number in a range, or nothing."""

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QIntValidator(low, high, self))
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * 10)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class MunicipalityField(QComboBox):
    """A comune of the province, typed with completion, or none."""

    def __init__(self, municipalities: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for municipality_id, name in municipalities:
            self.addItem(name, municipality_id)
        completer = self.completer()
        assert completer is not None  # an editable combo has one
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMinimumContentsLength(24)

    def value(self) -> str | None:
        """The chosen comune's id; ``ValueError`` when the text names no comune."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index <= 0:
            raise ValueError(text)
        data = self.itemData(index)
        return str(data) if data else None

    def set_value(self, municipality_id: str | None) -> None:
        self.setCurrentIndex(max(0, self.findData(municipality_id)))
