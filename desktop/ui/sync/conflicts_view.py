"""The conflicts screen: the records with fields changed both here and on another PC, and for
each field the two values side by side; a person chooses one per field (DESIGN.md §3.5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ServiceError
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.common.window_state import remember_splitter
from desktop.ui.sync.field_text import field_text, record_text, referenced_name, value_text
from sync.client.api import ConflictRow, list_conflicts, resolve_conflict

Side = Literal["local", "remote"]
RECORD_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class FieldChoice(QWidget):
    """One conflicting field: its name, this PC's value and the server's, one to choose."""

    def __init__(self, store: Store, conflict: ConflictRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.conflict = conflict

        def shown(value: object) -> str:
            name = referenced_name(store, conflict.field, value)
            return value_text(conflict.table, conflict.field, conflict.kind, value, name=name)

        name = QLabel(field_text(conflict.field), self)
        font = QFont(name.font())
        font.setBold(True)
        name.setFont(font)
        self.local_button = QRadioButton(self.tr("Keep the value of this computer"), self)
        self.remote_button = QRadioButton(self.tr("Take the value from the server"), self)
        self.local_value = QLabel(shown(conflict.local_value), self)
        self.remote_value = QLabel(shown(conflict.remote_value), self)
        by = conflict.remote_updated_by
        self.remote_button.setToolTip(
            self.tr("Changed on another computer by %1").replace("%1", by) if by else ""
        )
        for value in (self.local_value, self.remote_value):
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setFrameShape(QFrame.Shape.StyledPanel)
            value.setMargin(4)
        for button, value in (
            (self.local_button, self.local_value),
            (self.remote_button, self.remote_value),
        ):
            button.setAccessibleDescription(value.text())
        self.group = QButtonGroup(self)
        self.group.addButton(self.local_button)
        self.group.addButton(self.remote_button)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 8)
        grid.addWidget(name, 0, 0, 1, 2)
        grid.addWidget(self.local_button, 1, 0)
        grid.addWidget(self.remote_button, 1, 1)
        grid.addWidget(self.local_value, 2, 0)
        grid.addWidget(self.remote_value, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def choice(self) -> Side | None:
        if self.local_button.isChecked():
            return "local"
        if self.remote_button.isChecked():
            return "remote"
        return None


class ConflictsView(QWidget):
    """``resolved`` after choices are applied (the record is sent again at the next sync)."""

    resolved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.conflicts: list[ConflictRow] = []
        self.choices: list[FieldChoice] = []
        # Tests answer the "could not resolve" message here instead of a modal box.
        self.show_error: Callable[[str], object] = lambda text: QMessageBox.warning(
            self, self.tr("Conflicts"), text
        )

        self.records = QListWidget(self)
        self.records.setAccessibleName(self.tr("Records in conflict"))
        self.records.currentItemChanged.connect(lambda *_: self._show_record())
        self.empty_label = QLabel(self.tr("There are no conflicts to resolve."), self)
        self.empty_label.setWordWrap(True)

        self.heading = QLabel(self)
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        if heading_font.pointSizeF() > 0:
            heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.explanation = QLabel(
            self.tr(
                "These fields were changed both on this computer and on another one before "
                "they could be synchronised. For each field choose the value to keep, then "
                "apply: the choice is sent to the server at the next synchronisation."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.fields_box = QWidget(self)
        self.fields_layout = QVBoxLayout(self.fields_box)
        self.fields_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.fields_box)
        self.apply_button = QPushButton(self.tr("&Apply the choices"), self)
        self.apply_button.clicked.connect(self.apply_choices)
        self.all_local_button = QPushButton(self.tr("All from this &computer"), self)
        self.all_local_button.clicked.connect(lambda: self._choose_all("local"))
        self.all_remote_button = QPushButton(self.tr("All from the se&rver"), self)
        self.all_remote_button.clicked.connect(lambda: self._choose_all("remote"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_local_button)
        buttons.addWidget(self.all_remote_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)

        self.detail = QWidget(self)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.explanation)
        detail_layout.addWidget(scroll, 1)
        detail_layout.addLayout(buttons)

        splitter = QSplitter(self)
        splitter.addWidget(self.records)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 700])
        remember_splitter(splitter, "sync_conflicts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the open conflicts again, keeping the record shown when it still has some."""
        current = self.records.currentItem()
        keep = current.data(RECORD_KEY_ROLE) if current is not None else None
        self.conflicts = list_conflicts(self.store)
        self.records.blockSignals(True)
        self.records.clear()
        grouped: dict[tuple[str, str], list[ConflictRow]] = {}
        for conflict in self.conflicts:
            grouped.setdefault((conflict.table, conflict.record_id), []).append(conflict)
        for key, rows in grouped.items():
            text = (
                record_text(rows[0].table, rows[0].record_label)
                + "\n"
                + self.tr("%n field(s) to choose", "", len(rows))
            )
            item = QListWidgetItem(text)
            item.setData(RECORD_KEY_ROLE, key)
            self.records.addItem(item)
            if key == keep:
                self.records.setCurrentItem(item)
        if self.records.currentItem() is None and self.records.count():
            self.records.setCurrentRow(0)
        self.records.blockSignals(False)
        self.empty_label.setVisible(not grouped)
        self.detail.setVisible(bool(grouped))
        self._show_record()

    def _show_record(self) -> None:
        for choice in self.choices:
            choice.deleteLater()
        self.choices = []
        while self.fields_layout.count():
            self.fields_layout.takeAt(0)
        # The stubs say never None; it is, when the list is empty.
        item: QListWidgetItem | None = self.records.currentItem()
        if item is None:
            self.heading.clear()
            self.apply_button.setEnabled(False)
            return
        key = item.data(RECORD_KEY_ROLE)
        rows = [row for row in self.conflicts if (row.table, row.record_id) == tuple(key)]
        self.heading.setText(record_text(rows[0].table, rows[0].record_label))
        for row in rows:
            choice = FieldChoice(self.store, row, self.fields_box)
            choice.group.buttonToggled.connect(lambda *_: self._update_buttons())
            self.fields_layout.addWidget(choice)
            self.choices.append(choice)
        self.fields_layout.addStretch(1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.apply_button.setEnabled(any(choice.choice() for choice in self.choices))

    def _choose_all(self, side: Side) -> None:
        for choice in self.choices:
            button = choice.local_button if side == "local" else choice.remote_button
            button.setChecked(True)

    def apply_choices(self) -> None:
        """Resolve each field with a choice; fields left without one stay open."""
        actor = current_actor(self.store)
        done = 0
        for choice in self.choices:
            side = choice.choice()
            if side is None:
                continue
            try:
                resolve_conflict(self.store, choice.conflict.id, side, actor=actor)
            except ServiceError as error:
                self.show_error(str(error))
                break
            done += 1
        if done:
            self.refresh()
            self.resolved.emit()
