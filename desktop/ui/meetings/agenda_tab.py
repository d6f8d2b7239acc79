"""The ordine del giorno: numbered items, each with the discussion, the decision and the vote.

Moving to another item saves the one being edited if it was changed (an unchanged one is not
written: looking must never mark a record for sync); a refusal keeps it selected with the
message shown, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import VoteKind
from desktop.services.context import Actor
from desktop.services.errors import ServiceError
from desktop.services.meetings import (
    AGENDA_FIELDS,
    AgendaItemInput,
    AgendaItemRow,
    add_agenda_item,
    remove_agenda_item,
    reorder_agenda,
    update_agenda_item,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import code_combo, select_data, set_read_only
from desktop.ui.common.forms import add_field, make_form
from desktop.ui.common.messages import FormDialog, MessageBanner, confirm, open_modal, show_error
from desktop.ui.common.window_state import remember_splitter
from desktop.ui.meetings.common import MeetingTab, button_row

_NO_COUNT = -1  # the vote counter's blank value


def _counter(parent: QWidget) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(_NO_COUNT, 9999)
    box.setSpecialValueText(" ")
    box.setValue(_NO_COUNT)
    box.setMinimumWidth(box.fontMetrics().averageCharWidth() * 8)
    return box


def _count(box: QSpinBox) -> int | None:
    return None if box.value() == _NO_COUNT else box.value()


class NewItemDialog(FormDialog):
    def __init__(
        self,
        store: Store,
        actor: Actor,
        meeting_id: str,
        on_saved: Callable[[AgendaItemRow], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("New agenda item"), parent)
        self.store = store
        self.actor = actor
        self.meeting_id = meeting_id
        self.on_saved = on_saved
        self.title = QLineEdit(self)
        self.title.setMaxLength(300)
        self.title.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        add_field(self.form, self.tr("Item"), self.title)
        note = QLabel(self.tr("It is added before «Varie ed eventuali»."), self)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.form.addRow("", note)

    def submit(self) -> None:
        row = add_agenda_item(
            self.store,
            actor=self.actor,
            meeting_id=self.meeting_id,
            data=AgendaItemInput(title=self.title.text()),
        )
        self.on_saved(row)


class AgendaTab(MeetingTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.items = QListWidget(self)
        self.items.setAccessibleName(self.tr("Agenda items"))
        self.items.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)
        self.items.setWordWrap(True)
        self.items.setSpacing(3)
        self.add_button = QPushButton(self.tr("Add item…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton("↑", self)
        self.up_button.setToolTip(self.tr("Move up"))
        self.down_button = QPushButton("↓", self)
        self.down_button.setToolTip(self.tr("Move down"))

        self.banner = MessageBanner(self)
        self.title = QLineEdit(self)
        self.title.setMaxLength(300)
        self.summary = QPlainTextEdit(self)
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(
            self.tr("Refer to referrals by their number only, never by name.")
        )
        self.decision = QPlainTextEdit(self)
        self.decision.setTabChangesFocus(True)
        self.decision.setMaximumHeight(self.fontMetrics().height() * 6)
        self.vote = code_combo(VoteKind, self)
        self.votes_for = _counter(self)
        self.votes_against = _counter(self)
        self.votes_abstained = _counter(self)
        self.save_button = QPushButton(self.tr("Save item"), self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.items, 1)
        left_layout.addLayout(
            button_row(self.add_button, self.remove_button, self.up_button, self.down_button)
        )
        editor = QGroupBox(self.tr("Item"), self)
        form = make_form(editor)
        form.addRow(self.banner)
        add_field(form, self.tr("Title"), self.title)
        add_field(form, self.tr("Summary of the discussion"), self.summary)
        add_field(form, self.tr("Decision"), self.decision)
        votes = QHBoxLayout()
        votes.addWidget(self.vote)
        for text, box in (
            (self.tr("In favour"), self.votes_for),
            (self.tr("Against"), self.votes_against),
            (self.tr("Abstained"), self.votes_abstained),
        ):
            votes.addSpacing(8)
            votes.addWidget(QLabel(text, self))
            votes.addWidget(box)
        votes.addStretch(1)
        add_field(form, self.tr("Vote"), votes)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "meeting_agenda")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._current: AgendaItemRow | None = None
        self.items.currentRowChanged.connect(self._on_current_changed)
        self.vote.currentIndexChanged.connect(lambda _index: self._update_votes())
        self.save_button.clicked.connect(self.save_current)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))

    def _agenda(self) -> tuple[AgendaItemRow, ...]:
        return self.meeting.agenda if self.meeting else ()

    def refresh(self) -> None:
        keep = self._current.id if self._current else None
        self.items.blockSignals(True)
        self.items.clear()
        for item in self._agenda():
            marker = "  ✓" if item.decision.strip() else ""
            entry = QListWidgetItem(f"{item.position}. {item.title}{marker}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.items.addItem(entry)
        self.items.blockSignals(False)
        ids = [item.id for item in self._agenda()]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.items.setCurrentRow(row)
        self._show_item(self._agenda()[row] if row >= 0 else None)

    def _show_item(self, item: AgendaItemRow | None) -> None:
        self._current = item
        self.banner.clear_message()
        self.title.setText(item.title if item else "")
        self.summary.setPlainText(item.summary if item else "")
        self.decision.setPlainText(item.decision if item else "")
        select_data(self.vote, item.vote if item else VoteKind.NONE)
        for box, value in (
            (self.votes_for, item.votes_for if item else None),
            (self.votes_against, item.votes_against if item else None),
            (self.votes_abstained, item.votes_abstained if item else None),
        ):
            box.setValue(_NO_COUNT if value is None else value)
        editable = self.editable and item is not None
        for widget in (self.title, self.summary, self.decision, self.vote):
            set_read_only(widget, not editable)
        self.save_button.setVisible(self.editable)
        self.save_button.setEnabled(editable)
        self.add_button.setEnabled(self.editable)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(editable)
        self._update_votes()

    def _update_votes(self) -> None:
        counted = self.editable and self.vote.code() is not VoteKind.NONE
        for box in (self.votes_for, self.votes_against, self.votes_abstained):
            box.setEnabled(counted)
            if self.vote.code() is VoteKind.NONE:
                box.setValue(_NO_COUNT)

    def data(self) -> AgendaItemInput:
        return AgendaItemInput(
            title=self.title.text(),
            summary=self.summary.toPlainText(),
            decision=self.decision.toPlainText(),
            vote=self.vote.code(),
            votes_for=_count(self.votes_for),
            votes_against=_count(self.votes_against),
            votes_abstained=_count(self.votes_abstained),
        )

    def _modified(self) -> bool:
        item = self._current
        if item is None or not self.editable:
            return False
        data = self.data()

        def clean(value: object) -> object:
            # Stored texts are stripped: a trailing space typed is no change to save.
            return value.strip() if isinstance(value, str) else value

        return any(
            clean(getattr(data, name)) != clean(getattr(item, name)) for name in AGENDA_FIELDS
        )

    def save_if_modified(self) -> bool:
        """Save the item being edited if it was changed; False (with the message shown) when
        refused. Leaving the editor, previewing, adding or moving an item only looks at the
        item shown: an unchanged one is not written (issue 12)."""
        return not self._modified() or self.save_current()

    def save_current(self) -> bool:
        """Save the item being edited (the Save button); False (with the message shown) when
        refused."""
        item = self._current
        if item is None or not self.editable:
            return True
        try:
            self._current = update_agenda_item(
                self.store, actor=self.actor(), agenda_item_id=item.id, data=self.data()
            )
        except ServiceError as error:
            self.banner.show_error(str(error))
            return False
        self.text_saved.emit()
        return True

    def _on_current_changed(self, row: int) -> None:
        agenda = self._agenda()
        target = agenda[row].id if 0 <= row < len(agenda) else None
        if self._modified():
            if not self.save_current():
                # Stay on the item that was refused, with its text as typed.
                self._select_id(self._current.id if self._current else None, show=False)
                return
            # Saving reloaded the agenda on the saved item: go on to the one clicked.
            self._select_id(target)
            return
        self._show_item(agenda[row] if 0 <= row < len(agenda) else None)

    def _select_id(self, item_id: str | None, *, show: bool = True) -> None:
        agenda = self._agenda()
        ids = [item.id for item in agenda]
        row = ids.index(item_id) if item_id in ids else -1
        self.items.blockSignals(True)
        self.items.setCurrentRow(row)
        self.items.blockSignals(False)
        if show:
            self._show_item(agenda[row] if row >= 0 else None)

    def select_position(self, position: int) -> None:
        """Go to the item at ``position`` (1-based), as a click in the list does."""
        self.items.setCurrentRow(position - 1)

    def add_item(self) -> NewItemDialog | None:
        if self.meeting is None or not self.save_if_modified():
            return None

        def saved(row: AgendaItemRow) -> None:
            self._current = row
            self.text_saved.emit()

        dialog = NewItemDialog(self.store, self.actor(), self.meeting.id, saved, self)
        open_modal(dialog)
        return dialog

    def remove_current(self) -> None:
        item = self._current
        if item is None:
            return

        def remove() -> None:
            try:
                remove_agenda_item(self.store, actor=self.actor(), agenda_item_id=item.id)
            except ServiceError as error:
                show_error(self, error)
            self._current = None
            self.changed.emit()

        confirm(
            self,
            self.tr("Remove item %1 «%2» from the agenda? Its actions stay in the minutes.")
            .replace("%1", str(item.position))
            .replace("%2", item.title),
            remove,
            yes_text=self.tr("Remove"),
        )

    def move_current(self, step: int) -> None:
        item, meeting = self._current, self.meeting
        if item is None or meeting is None or not self.save_if_modified():
            return
        ids = [row.id for row in self._agenda()]
        index = ids.index(item.id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        try:
            reorder_agenda(
                self.store, actor=self.actor(), meeting_id=meeting.id, agenda_item_ids=ids
            )
        except ServiceError as error:
            show_error(self, error)
        self.changed.emit()
