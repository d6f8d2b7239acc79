"""The meeting itself: convocation, place and times, chair and secretary, next meeting,
attachments (names only)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import MeetingMode, MeetingType
from desktop.services.errors import ServiceError
from desktop.services.meetings import MEETING_FIELDS, MeetingInput, update_meeting
from desktop.services.projects import list_projects
from desktop.store.engine import Store
from desktop.ui.common.editor_tab import lay_out_form
from desktop.ui.common.fields import DateField, TimeField, code_combo, select_data, set_read_only
from desktop.ui.common.forms import add_field, make_form
from desktop.ui.common.messages import MessageBanner, open_modal
from desktop.ui.meetings.common import MeetingTab, fill_site_combo


def _line(parent: QWidget, chars: int, max_length: int) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMaxLength(max_length)
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * chars)
    return edit


def _name_combo(parent: QWidget) -> QComboBox:
    """A name typed or chosen among the participants (chair, secretary)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumContentsLength(30)
    line_edit = combo.lineEdit()
    assert line_edit is not None  # an editable combo has one
    line_edit.setMaxLength(200)
    return combo


class SessionTab(MeetingTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.banner = MessageBanner(self)
        self.meeting_type = code_combo(MeetingType, self)
        self.title = _line(self, 40, 300)
        self.held_on = DateField(self, clear_button=True)
        self.project = QComboBox(self)
        self.project.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mode = code_combo(MeetingMode, self)
        self.place = _line(self, 40, 200)
        self.start_time = TimeField(self)
        self.end_time = TimeField(self)
        self.start_time.setAccessibleName(self.tr("Start time"))
        self.end_time.setAccessibleName(self.tr("End time"))
        self.chair = _name_combo(self)
        self.secretary = _name_combo(self)
        self.protocol = _line(self, 20, 60)
        self.protocol_on = DateField(self, clear_button=True)
        self.convening_site = QComboBox(self)
        self.convening_site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.convened_by = _line(self, 36, 200)
        self.convened_by.setPlaceholderText(self.tr("e.g. The Chair"))
        self.convocation_protocol = _line(self, 20, 60)
        self.convocation_on = DateField(self, clear_button=True)
        self.next_on = DateField(self, clear_button=True)
        self.next_place = _line(self, 36, 200)
        self.next_topics = QPlainTextEdit(self)
        self.next_topics.setTabChangesFocus(True)
        self.next_topics.setFixedHeight(self.fontMetrics().height() * 5)
        self.attachments = QListWidget(self)
        self.attachments.setFixedHeight(self.fontMetrics().height() * 5)
        self.add_attachment_button = QPushButton(self.tr("Add…"), self)
        self.remove_attachment_button = QPushButton(self.tr("Remove"), self)
        self.save_button = QPushButton(self.tr("Save"), self)

        session = QGroupBox(self.tr("Meeting"), self)
        form = make_form(session)
        add_field(form, self.tr("Type"), self.meeting_type)
        add_field(form, self.tr("Title"), self.title)
        add_field(form, self.tr("Date"), self.held_on)
        times = QHBoxLayout()
        times.addWidget(self.start_time)
        times.addWidget(QLabel(self.tr("to"), self))
        times.addWidget(self.end_time)
        times.addStretch(1)
        add_field(form, self.tr("From"), times)
        add_field(form, self.tr("Mode"), self.mode)
        add_field(form, self.tr("Place"), self.place)
        add_field(form, self.tr("Project"), self.project)
        add_field(form, self.tr("Chair"), self.chair)
        add_field(form, self.tr("Minute-taker"), self.secretary)
        protocol = QHBoxLayout()
        protocol.addWidget(self.protocol)
        protocol.addWidget(QLabel(self.tr("of"), self))
        protocol.addWidget(self.protocol_on)
        protocol.addStretch(1)
        add_field(form, self.tr("Minutes protocol no."), protocol)

        convocation = QGroupBox(self.tr("Convocation"), self)
        convocation_form = make_form(convocation)
        add_field(convocation_form, self.tr("Convening body"), self.convening_site)
        add_field(convocation_form, self.tr("Convened by"), self.convened_by)
        add_field(convocation_form, self.tr("Note prot. no."), self.convocation_protocol)
        add_field(convocation_form, self.tr("Of"), self.convocation_on)

        following = QGroupBox(self.tr("Next meeting"), self)
        next_form = make_form(following)
        add_field(next_form, self.tr("Date"), self.next_on)
        add_field(next_form, self.tr("Place"), self.next_place)
        add_field(next_form, self.tr("Topics"), self.next_topics)

        attachments = QGroupBox(self.tr("Attachments (names only)"), self)
        attachments_layout = QVBoxLayout(attachments)
        attachments_layout.addWidget(self.attachments)
        attachment_buttons = QHBoxLayout()
        attachment_buttons.addWidget(self.add_attachment_button)
        attachment_buttons.addWidget(self.remove_attachment_button)
        attachment_buttons.addStretch(1)
        attachments_layout.addLayout(attachment_buttons)

        content = QWidget(self)
        columns = QHBoxLayout(content)
        left = QVBoxLayout()
        left.addWidget(session)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(convocation)
        right.addWidget(following)
        right.addWidget(attachments)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        lay_out_form(self, self.banner, content, self.save_button)

        self.save_button.clicked.connect(self.save)
        self.add_attachment_button.clicked.connect(self.add_attachment)
        self.remove_attachment_button.clicked.connect(self.remove_attachment)
        self._projects_loaded = False

    def _load_projects(self) -> None:
        if self._projects_loaded:
            return
        fill_site_combo(self.convening_site, self.store)
        self.project.addItem(self.tr("— none —"), None)
        for row in list_projects(self.store):
            text = f"{row.title} ({row.acronym})" if row.acronym else row.title
            self.project.addItem(text, row.id)
        self._projects_loaded = True

    def refresh(self) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        self._load_projects()
        self.banner.clear_message()
        select_data(self.meeting_type, meeting.meeting_type)
        self.title.setText(meeting.title)
        self.held_on.set_value(meeting.held_on)
        if meeting.project_id is not None and self.project.findData(meeting.project_id) < 0:
            # A project made after the list was read (or deleted since): listed as linked,
            # or the form would show none and leaving the meeting would unlink it.
            self.project.addItem(meeting.project_title, meeting.project_id)
        select_data(self.project, meeting.project_id)
        select_data(self.mode, meeting.mode)
        self.place.setText(meeting.place)
        self.start_time.set_value(meeting.start_time)
        self.end_time.set_value(meeting.end_time)
        names = [participant.full_name for participant in meeting.participants]
        for combo, value in (
            (self.chair, meeting.chair_name),
            (self.secretary, meeting.secretary_name),
        ):
            combo.clear()
            combo.addItems(names)
            combo.setEditText(value)
        self.protocol.setText(meeting.protocol_number)
        self.protocol_on.set_value(meeting.protocol_on)
        convening = meeting.convening_site or meeting.owner_site
        if self.convening_site.findData(convening) < 0:
            # A body no longer listed: kept (by name) so that saving does not change it.
            self.convening_site.addItem(
                meeting.convening_site_name or self.tr("(a body no longer listed)"), convening
            )
        select_data(self.convening_site, convening)
        self.convened_by.setText(meeting.convened_by)
        self.convocation_protocol.setText(meeting.convocation_protocol)
        self.convocation_on.set_value(meeting.convocation_on)
        self.next_on.set_value(meeting.next_meeting_on)
        self.next_place.setText(meeting.next_meeting_place)
        self.next_topics.setPlainText(meeting.next_meeting_topics)
        self.attachments.clear()
        self.attachments.addItems(list(meeting.attachments))
        for edit in self._line_edits():
            edit.setCursorPosition(0)  # long texts show their beginning
        self._set_editable(self.editable)

    def _line_edits(self) -> tuple[QLineEdit, ...]:
        return (
            self.title, self.place, self.protocol, self.convened_by, self.convocation_protocol,
            self.next_place,
        )  # fmt: skip

    def _set_editable(self, editable: bool) -> None:
        widgets: list[QWidget] = [
            *self._line_edits(), self.next_topics,
            self.held_on, self.convocation_on, self.next_on, self.protocol_on,
            self.start_time, self.end_time,
            self.meeting_type, self.project, self.mode, self.chair, self.secretary,
            self.convening_site,
        ]  # fmt: skip
        for widget in widgets:
            set_read_only(widget, not editable)
        for button in (self.add_attachment_button, self.remove_attachment_button):
            button.setEnabled(editable)
        self.save_button.setVisible(editable)

    def data(self) -> MeetingInput:
        return MeetingInput(
            meeting_type=self.meeting_type.code(),
            title=self.title.text(),
            held_on=self.held_on.value(),
            project_id=self.project.currentData(),
            convened_by=self.convened_by.text(),
            convocation_protocol=self.convocation_protocol.text(),
            convocation_on=self.convocation_on.value(),
            protocol_number=self.protocol.text(),
            protocol_on=self.protocol_on.value(),
            convening_site=self.convening_site.currentData() or "",
            mode=self.mode.code(),
            place=self.place.text(),
            start_time=self.start_time.value(),
            end_time=self.end_time.value(),
            chair_name=self.chair.currentText(),
            secretary_name=self.secretary.currentText(),
            next_meeting_on=self.next_on.value(),
            next_meeting_place=self.next_place.text(),
            next_meeting_topics=self.next_topics.toPlainText(),
            attachments=tuple(
                self.attachments.item(row).text() for row in range(self.attachments.count())
            ),
        )

    def modified(self) -> bool:
        meeting = self.meeting
        if meeting is None or not self.editable:
            return False
        data = self.data()

        def clean(value: object) -> object:
            return value.strip() if isinstance(value, str) else value

        stored = replace(meeting, convening_site=meeting.convening_site or meeting.owner_site)
        return any(
            clean(getattr(data, name)) != clean(getattr(stored, name)) for name in MEETING_FIELDS
        )

    def save_if_modified(self) -> bool:
        """Save pending changes; False (with the message shown) when they are refused."""
        return not self.modified() or self.save()

    def save(self) -> bool:
        if self.meeting is None:
            return False
        try:
            update_meeting(
                self.store, actor=self.actor(), meeting_id=self.meeting.id, data=self.data()
            )
        except ServiceError as error:
            self.banner.show_error(str(error))
            return False
        self.text_saved.emit()
        return True

    def add_attachment(self) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Attachment"))
        dialog.setLabelText(self.tr("Name of the attachment (the document itself is not stored):"))
        dialog.setOkButtonText(self.tr("Add"))
        dialog.setCancelButtonText(self.tr("Cancel"))

        def accepted() -> None:
            name = dialog.textValue().strip()
            if name:
                self.attachments.addItem(name)

        open_modal(dialog, accepted)
        return dialog

    def remove_attachment(self) -> None:
        row = self.attachments.currentRow()
        if row >= 0:
            self.attachments.takeItem(row)
