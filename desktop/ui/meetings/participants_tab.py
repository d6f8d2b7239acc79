"""Invitations from the directory and the attendance of each participant.

Attendance is recorded in the table itself: status, times in and out, proxy. Each change is
saved at once, so nothing is lost if the meeting runs long and the PC is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import Attendance
from desktop.services.context import Actor
from desktop.services.directory import ContactDetail
from desktop.services.errors import ServiceError
from desktop.services.meetings import (
    PRESENT,
    ParticipantInput,
    ParticipantRow,
    add_participant,
    invite_contacts,
    remove_participant,
    set_attendance,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import TimeField, code_combo, select_data, set_read_only
from desktop.ui.common.messages import FormDialog, open_modal, show_error
from desktop.ui.common.tables import fit_columns, make_table
from desktop.ui.directory.pickers import ContactPicker, pick_contacts
from desktop.ui.meetings.common import MeetingTab, button_row

COL_NAME = 0
COL_ORGANIZATION = 1
COL_ROLE = 2
COL_ATTENDANCE = 3
COL_TIME_IN = 4
COL_TIME_OUT = 5
COL_PROXY = 6


class WalkInDialog(FormDialog):
    """Someone not in the directory (typed as on the attendance sheet)."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        meeting_id: str,
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Participant not in the directory"), parent)
        self.store = store
        self.actor = actor
        self.meeting_id = meeting_id
        self.on_saved = on_saved
        self.full_name = QLineEdit(self)
        self.full_name.setPlaceholderText(self.tr("Surname Name"))
        self.full_name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.organization = QLineEdit(self)
        self.role = QLineEdit(self)
        self.attendance = code_combo(Attendance, self)
        select_data(self.attendance, Attendance.PRESENT)
        self.form.addRow(self.tr("Surname and name"), self.full_name)
        self.form.addRow(self.tr("Organisation"), self.organization)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Attendance"), self.attendance)

    def submit(self) -> None:
        add_participant(
            self.store,
            actor=self.actor,
            meeting_id=self.meeting_id,
            data=ParticipantInput(
                full_name=self.full_name.text(),
                organization_name=self.organization.text(),
                role=self.role.text(),
                attendance=self.attendance.code(),
            ),
        )
        self.on_saved()


class AttendanceRow:
    """The editors of one participant's row; ``commit`` saves them."""

    def __init__(self, tab: ParticipantsTab, participant: ParticipantRow) -> None:
        self.tab = tab
        self.participant = participant
        self.attendance = code_combo(Attendance, tab.table)
        select_data(self.attendance, participant.attendance)
        self.time_in = TimeField(tab.table, clear_button=False)
        self.time_in.set_value(participant.time_in)
        self.time_out = TimeField(tab.table, clear_button=False)
        self.time_out.set_value(participant.time_out)
        self.proxy = QLineEdit(participant.proxy_for, tab.table)
        self.proxy.setMaxLength(200)
        self.proxy.setPlaceholderText(
            QCoreApplication.translate("ParticipantsTab", "on behalf of…")
        )
        self._update_enabled()
        self.attendance.currentIndexChanged.connect(lambda _index: self._on_attendance())
        self.time_in.committed.connect(self.commit)
        self.time_out.committed.connect(self.commit)
        self.proxy.editingFinished.connect(self.commit)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.attendance, self.time_in, self.time_out, self.proxy)

    def present(self) -> bool:
        return self.attendance.code() in PRESENT

    def _update_enabled(self) -> None:
        editable = self.tab.editable
        set_read_only(self.attendance, not editable)
        for widget in (self.time_in, self.time_out, self.proxy):
            set_read_only(widget, not editable)  # text fields: read, not greyed
            widget.setEnabled(self.present())  # nothing to give for someone absent

    def _on_attendance(self) -> None:
        # Times and proxy belong to those present: clear them rather than have them refused.
        if not self.present():
            self.time_in.set_value(None)
            self.time_out.set_value(None)
            self.proxy.clear()
        self._update_enabled()
        self.commit()

    def set(
        self,
        attendance: Attendance,
        *,
        time_in: time | None = None,
        time_out: time | None = None,
        proxy_for: str = "",
    ) -> None:
        """Fill the row as a person would, then save it once."""
        self.attendance.blockSignals(True)
        select_data(self.attendance, attendance)
        self.attendance.blockSignals(False)
        self.time_in.set_value(time_in)
        self.time_out.set_value(time_out)
        self.proxy.setText(proxy_for)
        self._update_enabled()
        self.commit()

    def commit(self) -> None:
        if not self.tab.editable:
            return
        values = (
            self.attendance.code(),
            self.time_in.value(),
            self.time_out.value(),
            self.proxy.text().strip(),
        )
        current = (
            self.participant.attendance,
            self.participant.time_in,
            self.participant.time_out,
            self.participant.proxy_for,
        )
        if values == current:
            return
        try:
            self.participant = set_attendance(
                self.tab.store,
                actor=self.tab.actor(),
                participant_id=self.participant.id,
                attendance=values[0],
                time_in=values[1],
                time_out=values[2],
                proxy_for=values[3],
            )
        except ServiceError as error:
            show_error(self.tab, error)
            self.tab.changed.emit()
            return
        self.tab.update_summary()


class ParticipantsTab(MeetingTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.table = make_table(
            self,
            [
                self.tr("Surname and name"),
                self.tr("Organisation"),
                self.tr("Role"),
                self.tr("Attendance"),
                self.tr("In"),
                self.tr("Out"),
                self.tr("Proxy for"),
            ],
            # Not sortable, on purpose (issue 20): each row holds the attendance's editors
            # (combo, times, proxy) as cell widgets, which a sort of the items leaves behind,
            # and ``self.rows`` reads them back by position.
            sortable=False,
        )
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 18)
        self.invite_button = QPushButton(self.tr("Invite from the directory…"), self)
        self.walk_in_button = QPushButton(self.tr("Add someone not in the directory…"), self)
        self.all_present_button = QPushButton(self.tr("Mark the invited as present"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(
            button_row(
                self.invite_button, self.walk_in_button, self.all_present_button,
                self.remove_button,
            )
        )  # fmt: skip
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.rows: list[AttendanceRow] = []
        self.invite_button.clicked.connect(self.invite)
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.all_present_button.clicked.connect(self.mark_invited_present)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        participants = self.meeting.participants if self.meeting else ()
        self.table.setRowCount(0)
        self.table.setRowCount(len(participants))
        self.rows = []
        for index, participant in enumerate(participants):
            texts = (participant.full_name, participant.organization_name, participant.role)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
            row = AttendanceRow(self, participant)
            for column, widget in zip(
                (COL_ATTENDANCE, COL_TIME_IN, COL_TIME_OUT, COL_PROXY), row.widgets(), strict=True
            ):
                self.table.setCellWidget(index, column, widget)
            self.rows.append(row)
        fit_columns(self.table)
        char = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        header.resizeSection(COL_ATTENDANCE, max(header.sectionSize(COL_ATTENDANCE), char * 24))
        for column in (COL_TIME_IN, COL_TIME_OUT):
            header.resizeSection(column, max(header.sectionSize(column), char * 11))
        self.update_summary()
        self._update_buttons()

    def row_of(self, full_name: str) -> AttendanceRow:
        return next(row for row in self.rows if row.participant.full_name == full_name)

    def update_summary(self) -> None:
        counts = dict.fromkeys(Attendance, 0)
        for row in self.rows:
            counts[row.participant.attendance] += 1
        self.summary.setText(
            self.tr(
                "Present: %1 (remote: %2) — justified absences: %3 — absent: %4 — "
                "not yet recorded: %5"
            )
            .replace("%1", str(counts[Attendance.PRESENT] + counts[Attendance.REMOTE]))
            .replace("%2", str(counts[Attendance.REMOTE]))
            .replace("%3", str(counts[Attendance.JUSTIFIED_ABSENCE]))
            .replace("%4", str(counts[Attendance.ABSENT]))
            .replace("%5", str(counts[Attendance.INVITED]))
        )

    def _update_buttons(self) -> None:
        for button in (self.invite_button, self.walk_in_button, self.all_present_button):
            button.setEnabled(self.editable)
        self.remove_button.setEnabled(self.editable and self.table.currentRow() >= 0)

    def invite(self) -> ContactPicker | None:
        meeting = self.meeting
        if meeting is None:
            return None
        invited = [row.contact_id for row in meeting.participants if row.contact_id]

        def picked(contacts: list[ContactDetail]) -> None:
            try:
                invite_contacts(
                    self.store,
                    actor=self.actor(),
                    meeting_id=meeting.id,
                    contact_ids=[contact.id for contact in contacts],
                )
            except ServiceError as error:
                show_error(self, error)
            self.changed.emit()

        return pick_contacts(self, self.store, on_picked=picked, exclude_ids=invited)

    def add_walk_in(self) -> WalkInDialog | None:
        if self.meeting is None:
            return None
        dialog = WalkInDialog(self.store, self.actor(), self.meeting.id, self.changed.emit, self)
        open_modal(dialog)
        return dialog

    def mark_invited_present(self) -> None:
        start = self.meeting.start_time if self.meeting else None
        for row in self.rows:
            if row.participant.attendance is Attendance.INVITED:
                row.set(Attendance.PRESENT, time_in=start)
        self.changed.emit()

    def remove_selected(self) -> None:
        index = self.table.currentRow()
        if index < 0 or index >= len(self.rows):
            return
        participant = self.rows[index].participant
        self.ask_then(
            self.tr("Remove %1 from the participants?").replace("%1", participant.full_name),
            lambda: remove_participant(
                self.store, actor=self.actor(), participant_id=participant.id
            ),
            yes_text=self.tr("Remove"),
        )
