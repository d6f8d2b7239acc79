"""Action items of a meeting: what, who (person and organisation), by when, and their status.

Owners are picked from the directory where possible; a name can also be typed. Closing and
reopening an action is follow-up, not part of the minutes' text: it stays possible after the
minutes are approved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop.domain.codes import ActionItemStatus
from desktop.services.context import Actor
from desktop.services.directory import ContactDetail, OrganizationRow
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.meetings import (
    ActionItemInput,
    ActionItemRow,
    MeetingDetail,
    add_action_item,
    close_action_item,
    remove_action_item,
    reopen_action_item,
    update_action_item,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import DateField, select_data
from desktop.ui.common.formats import format_date
from desktop.ui.common.messages import FormDialog, open_modal, show_error
from desktop.ui.common.table_tab import RowsTable
from desktop.ui.common.tables import fill_table, make_table
from desktop.ui.directory.pickers import (
    ContactPicker,
    OrganizationPicker,
    pick_contacts,
    pick_organization,
)
from desktop.ui.labels import label
from desktop.ui.meetings.common import MeetingTab

COL_ACTION = 2


def _set_text(edit: QLineEdit, text: str) -> None:
    """A long name shows its beginning, not its end, when the field is narrower than it."""
    edit.setText(text)
    edit.setCursorPosition(0)


class ActionItemDialog(FormDialog):
    def __init__(
        self,
        store: Store,
        actor: Actor,
        meeting: MeetingDetail,
        action: ActionItemRow | None,
        *,
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Action") if action else self.tr("New action"), parent)
        self.store = store
        self.actor = actor
        self.meeting = meeting
        self.action = action
        self.on_saved = on_saved
        self.owner_contact_id = action.owner_contact_id if action else None
        self.organization_id = action.organization_id if action else None

        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().height() * 4)
        self.description.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.agenda_item = QComboBox(self)
        self.agenda_item.addItem(self.tr("— none —"), None)
        for item in meeting.agenda:
            self.agenda_item.addItem(f"{item.position}. {item.title}", item.id)
        self.agenda_item.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner = QLineEdit(self)
        self.owner.setMaxLength(200)
        self.owner_button = QPushButton(self.tr("From the directory…"), self)
        self.organization = QLineEdit(self)
        self.organization.setMaxLength(200)
        for edit in (self.owner, self.organization):
            edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.organization_button = QPushButton(self.tr("From the directory…"), self)
        self.due_on = DateField(self, clear_button=True)

        owner_row = QHBoxLayout()
        owner_row.addWidget(self.owner, 1)
        owner_row.addWidget(self.owner_button)
        organization_row = QHBoxLayout()
        organization_row.addWidget(self.organization, 1)
        organization_row.addWidget(self.organization_button)
        self.form.addRow(self.tr("Action"), self.description)
        self.form.addRow(self.tr("Agenda item"), self.agenda_item)
        self.form.addRow(self.tr("Responsible"), owner_row)
        self.form.addRow(self.tr("Organisation"), organization_row)
        self.form.addRow(self.tr("Due date"), self.due_on)
        if action is not None:
            self.description.setPlainText(action.description)
            select_data(self.agenda_item, action.agenda_item_id)
            _set_text(self.owner, action.owner_name)
            _set_text(self.organization, action.organization_name)
            self.due_on.set_value(action.due_on)
        # A name typed over a picked one no longer is that directory entry.
        self.owner.textEdited.connect(lambda _text: setattr(self, "owner_contact_id", None))
        self.organization.textEdited.connect(lambda _text: setattr(self, "organization_id", None))
        self.owner_button.clicked.connect(self.choose_owner)
        self.organization_button.clicked.connect(self.choose_organization)

    def choose_owner(self) -> ContactPicker:
        return pick_contacts(self, self.store, on_picked=self.set_owner, single=True)

    def set_owner(self, contacts: list[ContactDetail]) -> None:
        contact = contacts[0]
        self.owner_contact_id = contact.id
        _set_text(self.owner, contact.full_name)
        if contact.organization_id is not None:
            self.organization_id = contact.organization_id
            _set_text(self.organization, contact.organization_name)

    def choose_organization(self) -> OrganizationPicker:
        return pick_organization(self, self.store, on_picked=self.set_organization)

    def set_organization(self, organization: OrganizationRow) -> None:
        self.organization_id = organization.id
        _set_text(self.organization, organization.name)

    def data(self) -> ActionItemInput:
        return ActionItemInput(
            description=self.description.toPlainText(),
            owner_name=self.owner.text(),
            owner_contact_id=self.owner_contact_id,
            organization_name=self.organization.text(),
            organization_id=self.organization_id,
            due_on=self.due_on.value(),
            agenda_item_id=self.agenda_item.currentData(),
        )

    def submit(self) -> None:
        if self.action is None:
            add_action_item(
                self.store, actor=self.actor, meeting_id=self.meeting.id, data=self.data()
            )
        else:
            update_action_item(
                self.store, actor=self.actor, action_item_id=self.action.id, data=self.data()
            )
        self.on_saved()


class CloseActionDialog(FormDialog):
    """Done (or cancelled) on a date, today by default."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        action_item_id: str,
        description: str,
        *,
        today: date,
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Close the action"), parent)
        self.store = store
        self.actor = actor
        self.action_item_id = action_item_id
        self.on_saved = on_saved
        text = QLabel(description, self)
        text.setWordWrap(True)
        text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self.closed_on = DateField(self, clear_button=True)
        self.closed_on.set_value(today)
        self.cancelled = QCheckBox(self.tr("Cancelled rather than done"), self)
        self.form.addRow(self.tr("Action"), text)
        self.form.addRow(self.tr("Closed on"), self.closed_on)
        self.form.addRow("", self.cancelled)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Close the action"))

    def submit(self) -> None:
        closed_on = self.closed_on.value()
        if closed_on is None:
            raise ValidationError({"closed_on": self.tr("Give the date of closing.")})
        close_action_item(
            self.store,
            actor=self.actor,
            action_item_id=self.action_item_id,
            closed_on=closed_on,
            cancelled=self.cancelled.isChecked(),
        )
        self.on_saved()


class ActionsTab(RowsTable, MeetingTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.table = make_table(
            self,
            [
                self.tr("No."),
                self.tr("Item"),
                self.tr("Action"),
                self.tr("Responsible"),
                self.tr("Organisation"),
                self.tr("Due date"),
                self.tr("Status"),
            ],
        )
        self.count_label = QLabel(self)
        buttons = self.lay_out_rows(self.table, self.tr("New action…"), self.count_label)
        self.close_button = QPushButton(self.tr("Mark as done…"), self)
        self.reopen_button = QPushButton(self.tr("Reopen"), self)
        # After Remove, before the stretch that keeps the row on the left.
        buttons.insertWidget(3, self.close_button)
        buttons.insertWidget(4, self.reopen_button)
        self.close_button.clicked.connect(self.close_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)

    def rows(self) -> tuple[ActionItemRow, ...]:
        return tuple(self.meeting.actions) if self.meeting else ()

    def refresh(self) -> None:
        meeting = self.meeting
        actions = self.rows()
        positions = {item.id: str(item.position) for item in meeting.agenda} if meeting else {}
        fill_table(
            self.table,
            [
                (
                    number,
                    positions.get(action.agenda_item_id or "", ""),
                    " ".join(action.description.split()),
                    action.owner_name,
                    action.organization_name,
                    action.due_on,
                    label(action.status)
                    + (f" ({format_date(action.closed_on)})" if action.closed_on else ""),
                )
                for number, action in enumerate(actions, start=1)
            ],
            keys=[action.id for action in actions],
        )
        # Long actions wrap onto more lines rather than being cut.
        header = self.table.horizontalHeader()
        limit = self.fontMetrics().averageCharWidth() * 50
        header.resizeSection(COL_ACTION, min(header.sectionSize(COL_ACTION), limit))
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        open_count = sum(action.status is ActionItemStatus.OPEN for action in actions)
        self.count_label.setText(
            self.tr("%n action(s)", "", len(actions)) + " — " + self.tr("%n open", "", open_count)
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        action = self._selected()
        is_open = action is not None and action.status is ActionItemStatus.OPEN
        self.close_button.setEnabled(self.followable and is_open)
        self.reopen_button.setEnabled(self.followable and action is not None and not is_open)

    def row_dialog(self, row: ActionItemRow | None) -> ActionItemDialog | None:
        if self.meeting is None:
            return None
        return ActionItemDialog(
            self.store, self.actor(), self.meeting, row, on_saved=self.text_saved.emit, parent=self
        )

    def remove_row(self, row: ActionItemRow) -> None:
        remove_action_item(self.store, actor=self.actor(), action_item_id=row.id)

    def removal_question(self, row: ActionItemRow) -> str:
        return self.tr("Remove this action from the minutes?")

    def removal_details(self, row: ActionItemRow) -> list[str]:
        return [row.description]

    def close_selected(self) -> CloseActionDialog | None:
        action = self._selected()
        if action is None:
            return None
        dialog = CloseActionDialog(
            self.store, self.actor(), action.id, action.description, today=self.today(),
            on_saved=self.changed.emit, parent=self,
        )  # fmt: skip
        open_modal(dialog)
        return dialog

    def reopen_selected(self) -> None:
        action = self._selected()
        if action is None:
            return
        try:
            reopen_action_item(self.store, actor=self.actor(), action_item_id=action.id)
        except ServiceError as error:
            show_error(self, error)
        self.changed.emit()
