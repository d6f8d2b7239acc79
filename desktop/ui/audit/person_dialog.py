"""Choosing the person whose registro degli accessi to print, and the period it covers.

Persons are found by surname, name or codice fiscale, restricted ones included: a person whose
processing is restricted (GDPR art. 18) may still ask who accessed the data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.formatting import fill_date
from desktop.services.persons import PersonRow, search_persons
from desktop.store.engine import Store
from desktop.ui.common.fields import DateField
from desktop.ui.common.search_list import search_as_typed
from desktop.ui.common.window_state import fit_window

SEARCH_LIMIT = 50


class RegisterDialog(QDialog):
    """``person_id`` is the person chosen once accepted; ``since()``/``until()`` the period."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.person_id: str | None = None
        self.setWindowTitle(self.tr("Register of a person"))
        intro = QLabel(
            self.tr(
                "The register lists who opened, printed or changed the person's data and "
                "referrals, when and from which PC. It names the person: give it only to the "
                "person or keep it with the request."
            ),
            self,
        )
        intro.setWordWrap(True)
        caption = QLabel(self.tr("&Search by surname, name or tax code:"), self)
        self.search_field = QLineEdit(self)
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search a person"))
        caption.setBuddy(self.search_field)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Persons found"))
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.since_field = DateField(self, today=today, clear_button=True)
        self.since_field.set_value(since)
        self.until_field = DateField(self, today=today, clear_button=True)
        self.until_field.set_value(until)
        period = QHBoxLayout()
        since_label = QLabel(self.tr("&From:"), self)
        since_label.setBuddy(self.since_field)
        until_label = QLabel(self.tr("&To:"), self)
        until_label.setBuddy(self.until_field)
        period.addWidget(QLabel(self.tr("Period:"), self))
        period.addWidget(since_label)
        period.addWidget(self.since_field)
        period.addSpacing(16)
        period.addWidget(until_label)
        period.addWidget(self.until_field)
        period.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Show the &register…"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self.search_field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        layout.addLayout(period)
        layout.addWidget(self.buttons)

        self._timer = search_as_typed(self, self.search_field, self.search_now)
        self.results.currentItemChanged.connect(self._on_current_changed)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        char = self.fontMetrics().averageCharWidth()
        fit_window(self, char * 80, self.fontMetrics().height() * 28, key="audit_register")
        self.search_now()

    def search_now(self) -> None:
        self._timer.stop()
        self.results.clear()
        text = self.search_field.text().strip()
        if not text:
            self.hint.setText(self.tr("Type the first letters of the surname or tax code."))
            return
        rows = search_persons(self.store, text, limit=SEARCH_LIMIT, include_restricted=True)
        for row in rows:
            item = QListWidgetItem(self.describe(row))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if not rows:
            self.hint.setText(self.tr("No person found."))
        elif len(rows) == SEARCH_LIMIT:
            self.hint.setText(self.tr("Only the first %n persons are shown.", "", SEARCH_LIMIT))
        else:
            self.hint.setText("")
        if len(rows) == 1:
            self.results.setCurrentRow(0)

    def describe(self, row: PersonRow) -> str:
        text = f"{row.last_name} {row.first_name} — {row.fiscal_code}"
        if row.birth_date:
            text += " — " + fill_date(self.tr("born %1"), "%1", row.birth_date)
        if row.restricted:
            text += " — " + self.tr("processing restricted")
        return text

    def chosen_id(self) -> str | None:
        item: QListWidgetItem | None = self.results.currentItem()
        if item is None:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, str) else None

    def _on_current_changed(self) -> None:
        self.ok_button.setEnabled(self.chosen_id() is not None)

    def since(self) -> date | None:
        return self.since_field.value()

    def until(self) -> date | None:
        return self.until_field.value()

    def accept(self) -> None:
        chosen = self.chosen_id()
        if chosen is None:
            return
        self.person_id = chosen
        super().accept()
