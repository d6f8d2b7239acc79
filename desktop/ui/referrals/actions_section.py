"""The "Path actions" tab: the actions of the activation path, and the dialog for one action.

The CPI adds and removes actions while the path is open and may complete them afterwards;
the provider is picked from the network directory.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ActionState, PathActionType
from desktop.services.directory import OrganizationRow
from desktop.services.referrals.records import PathActionInput, PathActionRow, ReferralDetail
from desktop.ui.common.banner import Banner
from desktop.ui.common.fields import CodeCombo, DateField, WholeNumberField
from desktop.ui.common.forms import FieldRegistry, add_row, make_form
from desktop.ui.common.signals import emit
from desktop.ui.common.tables import KEY_ROLE, Cell, fill_table, make_table
from desktop.ui.labels import label


class ActionsSection(QWidget):
    """The table of path actions with its three buttons; the editor does the work."""

    addRequested = Signal()
    editRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = make_table(
            self,
            [
                self.tr("Action"),
                self.tr("State"),
                self.tr("Start"),
                self.tr("End"),
                self.tr("Provider"),
                self.tr("Funding"),
                self.tr("Hours"),
                self.tr("Outcome"),
            ],
        )
        self.table.setAccessibleName(self.tr("Path actions"))
        self.add_button = QPushButton(self.tr("&Add action…"))
        self.edit_button = QPushButton(self.tr("Chan&ge action…"))
        self.remove_button = QPushButton(self.tr("Remo&ve action"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(self._edit_current)
        self.remove_button.clicked.connect(self._remove_current)
        self.table.activated.connect(lambda _index: self._edit_current())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._can_add = False
        self._can_change = False
        self._update_buttons()

    def set_actions(self, actions: tuple[PathActionRow, ...]) -> None:
        rows: list[list[Cell]] = [
            [
                label(action.action_type),
                label(action.state),
                action.start_on,
                action.end_on,
                action.provider_name,
                action.funding,
                action.hours,
                action.outcome_notes.replace("\n", " "),
            ]
            for action in actions
        ]
        fill_table(self.table, rows, keys=[action.id for action in actions], right_aligned=(6,))
        self._update_buttons()

    def set_editable(self, *, add: bool, change: bool) -> None:
        self._can_add = add
        self._can_change = change
        self._update_buttons()

    def current_action_id(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return None if item is None else str(item.data(KEY_ROLE))

    def _update_buttons(self) -> None:
        selected = self.current_action_id() is not None and bool(self.table.selectedItems())
        self.add_button.setEnabled(self._can_add)
        self.edit_button.setEnabled(self._can_change and selected)
        self.remove_button.setEnabled(self._can_add and selected)

    def _edit_current(self) -> None:
        action_id = self.current_action_id()
        if action_id is not None and self._can_change:
            emit(self.editRequested, action_id)

    def _remove_current(self) -> None:
        action_id = self.current_action_id()
        if action_id is not None and self._can_add:
            emit(self.removeRequested, action_id)


class PathActionDialog(QDialog):
    """One path action. ``submit`` saves it and returns the referral, or raises a service
    error, whose messages are shown here beside the fields while the dialog stays open."""

    def __init__(
        self,
        organizations: list[OrganizationRow],
        *,
        action: PathActionRow | None,
        submit: Callable[[PathActionInput], ReferralDetail],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.result_detail: ReferralDetail | None = None
        self.registry = FieldRegistry()
        self.setWindowTitle(
            self.tr("New path action") if action is None else self.tr("Path action")
        )
        self.banner = Banner(Banner.ERROR, self)
        form = make_form()
        self.action_type = CodeCombo(PathActionType, optional=False)
        add_row(form, self.registry, "action_type", self.tr("Type"), self.action_type)
        self.state = CodeCombo(ActionState, optional=False)
        add_row(form, self.registry, "state", self.tr("State"), self.state)
        self.start_on = DateField(today=today)
        add_row(form, self.registry, "start_on", self.tr("Start"), self.start_on)
        self.end_on = DateField(today=today)
        add_row(form, self.registry, "end_on", self.tr("End"), self.end_on)
        self.provider = QComboBox()
        self.provider.setEditable(True)
        self.provider.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.provider.addItem("", None)
        for row in organizations:
            self.provider.addItem(row.name, row.id)
        completer = self.provider.completer()
        line_edit = self.provider.lineEdit()
        assert completer is not None and line_edit is not None  # an editable combo has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        line_edit.setPlaceholderText(self.tr("Type to search the directory"))
        add_row(form, self.registry, "provider_id", self.tr("Provider"), self.provider)
        self.funding = QLineEdit()
        self.funding.setPlaceholderText(self.tr("For example: Youth Guarantee, GOL, Dote Unica"))
        add_row(form, self.registry, "funding", self.tr("Funding"), self.funding)
        self.hours = WholeNumberField(0, 10_000)
        add_row(form, self.registry, "hours", self.tr("Hours"), self.hours)
        self.outcome_notes = QPlainTextEdit()
        self.outcome_notes.setTabChangesFocus(True)
        self.outcome_notes.setMaximumHeight(self.fontMetrics().height() * 6)
        add_row(
            form,
            self.registry,
            "outcome_notes",
            self.tr("Outcome of the action"),
            self.outcome_notes,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        # Fixed here: see ReferralEditor (a layout-driven minimum warns on offscreen).
        self.setMinimumSize(self.minimumSizeHint())
        if action is not None:
            self.action_type.set_value(action.action_type)
            self.state.set_value(action.state)
            self.start_on.set_value(action.start_on)
            self.end_on.set_value(action.end_on)
            self.provider.setCurrentIndex(max(self.provider.findData(action.provider_id), 0))
            self.funding.setText(action.funding)
            self.hours.set_number(action.hours)
            self.outcome_notes.setPlainText(action.outcome_notes)
        self.action_type.setFocus()

    def set_provider(self, name: str) -> None:
        self.provider.setEditText(name)

    def _provider_id(self) -> tuple[str | None, bool]:
        text = self.provider.currentText().strip()
        if not text:
            return None, True
        index = self.provider.findText(text, Qt.MatchFlag.MatchFixedString)
        if index <= 0:
            return None, False
        data = self.provider.itemData(index)
        return (None if data is None else str(data)), True

    def data(self) -> tuple[PathActionInput | None, dict[str, str]]:
        provider_id, known = self._provider_id()
        if not known:
            return None, {
                "provider_id": self.tr("Not in the directory: choose the provider from the list.")
            }
        action_type = self.action_type.value()
        state = self.state.value()
        assert action_type is not None and state is not None  # not optional combos
        return (
            PathActionInput(
                action_type=action_type,
                state=state,
                start_on=self.start_on.value(),
                end_on=self.end_on.value(),
                provider_id=provider_id,
                funding=self.funding.text(),
                hours=self.hours.number(),
                outcome_notes=self.outcome_notes.toPlainText(),
            ),
            {},
        )

    def accept(self) -> None:
        self.result_detail = self.registry.submit(self.data, self._submit, self.banner.show_message)
        if self.result_detail is not None:
            super().accept()

    def field_message(self, key: str) -> str:
        return self.registry.message(key)
