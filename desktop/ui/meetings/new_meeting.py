"""A new meeting: its type decides the ordine del giorno it starts from (the template), and
the body that convenes it, with the type and the project, the series it is numbered in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QWidget

from desktop.domain.codes import MeetingMode, MeetingType
from desktop.services.context import Actor
from desktop.services.meetings import (
    MeetingDetail,
    MeetingInput,
    agenda_template,
    create_meeting,
    default_convening_site,
)
from desktop.services.projects import list_projects
from desktop.store.engine import Store
from desktop.ui.common.fields import DateField, code_combo, select_data
from desktop.ui.common.keyboard import keyboard_ready
from desktop.ui.common.messages import FormDialog
from desktop.ui.meetings.common import site_combo


class NewMeetingDialog(FormDialog):
    """Type, title, date and project; the agenda shown is the one the meeting will start with."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        today: date,
        on_created: Callable[[MeetingDetail], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("New meeting"), parent)
        self.store = store
        self.actor = actor
        self.on_created = on_created
        self.meeting_type = code_combo(MeetingType, self)
        self.title = QLineEdit(self)
        self.title.setMaxLength(300)
        self.title.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.held_on = DateField(self, clear_button=True)
        self.held_on.set_value(today)
        self.mode = code_combo(MeetingMode, self)
        self.project = QComboBox(self)
        self.project.addItem(self.tr("— none —"), None)
        for row in list_projects(store):
            self.project.addItem(
                f"{row.title} ({row.acronym})" if row.acronym else row.title, row.id
            )
        self.project.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.convening_site = site_combo(store, self)
        if self.convening_site.findData(actor.site_code) < 0:  # sites not yet received
            self.convening_site.insertItem(0, self.tr("This office"), actor.site_code)
        self._convening_chosen = False  # once chosen by hand, the type no longer changes it
        self.agenda = QListWidget(self)
        self.agenda.setMinimumHeight(self.fontMetrics().height() * 7)
        self.agenda.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.agenda.setWordWrap(True)
        self.form.addRow(self.tr("Type"), self.meeting_type)
        self.form.addRow(self.tr("Title"), self.title)
        self.form.addRow(self.tr("Date"), self.held_on)
        self.form.addRow(self.tr("Mode"), self.mode)
        self.form.addRow(self.tr("Project"), self.project)
        self.form.addRow(self.tr("Convening body"), self.convening_site)
        self.form.addRow(self.tr("Agenda from the template"), self.agenda)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Create"))
        self.meeting_type.currentIndexChanged.connect(lambda _index: self._type_changed())
        self.convening_site.activated.connect(lambda _index: self._convening_activated())
        self.convening_site.currentIndexChanged.connect(lambda _index: self._show_agenda())
        self.project.currentIndexChanged.connect(lambda _index: self._show_agenda())
        self.held_on.valueChanged.connect(self._show_agenda)
        self._type_changed()
        keyboard_ready(self)

    def _type_changed(self) -> None:
        if not self._convening_chosen:
            select_data(
                self.convening_site,
                default_convening_site(self.store, self.actor, self.meeting_type.code()),
            )
        if not self.title.isModified():
            self.title.setText(self.meeting_type.currentText())
        self._show_agenda()

    def _convening_activated(self) -> None:
        self._convening_chosen = True

    def _show_agenda(self) -> None:
        """The template, less the approval of previous minutes for a table's first session."""
        titles = agenda_template(
            self.store,
            actor=self.actor,
            meeting_type=self.meeting_type.code(),
            held_on=self.held_on.value(),
            convening_site=self.convening_site.currentData() or "",
            project_id=self.project.currentData(),
        )
        self.agenda.clear()
        for position, title in enumerate(titles, 1):
            self.agenda.addItem(f"{position}. {title}")

    def set_type(self, meeting_type: MeetingType) -> None:
        select_data(self.meeting_type, meeting_type)

    def submit(self) -> None:
        data = MeetingInput(
            meeting_type=self.meeting_type.code(),
            title=self.title.text(),
            held_on=self.held_on.value(),
            mode=self.mode.code(),
            project_id=self.project.currentData(),
            convening_site=self.convening_site.currentData() or "",
        )
        self.on_created(create_meeting(self.store, actor=self.actor, data=data))
