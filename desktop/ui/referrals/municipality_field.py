"""A comune of the province, typed with completion from the reference data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.ui.common.signals import emit
from desktop.ui.referrals.context import EditorContext


class MunicipalityField(QLineEdit):
    """A comune of the province, completed from the reference data as it is typed."""

    municipalityChanged = Signal()

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._last: str | None = None
        completer = QCompleter([row.name for row in context.municipalities], self)
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
        row = self._context.municipality_by_name(self.text())
        return None if row is None else row.id

    def is_unknown(self) -> bool:
        return bool(self.text().strip()) and self.municipality_id() is None

    def set_municipality_id(self, municipality_id: str | None) -> None:
        self.setText(self._context.municipality_name(municipality_id))
        self._last = municipality_id

    def _announce(self) -> None:
        current = self.municipality_id()
        if current != self._last:
            self._last = current
            emit(self.municipalityChanged)
