"""The Riunioni page: the list of meetings and the open actions, and the editor opened from
either."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import MeetingType, MinutesStatus
from desktop.services.installation import current_actor
from desktop.services.meetings import MeetingDetail, MeetingRow, list_meetings
from desktop.store.engine import Store
from desktop.ui.common.fields import code_combo
from desktop.ui.common.keyboard import keyboard_ready
from desktop.ui.common.messages import open_modal
from desktop.ui.common.pages import AreaPage
from desktop.ui.common.search_list import OpeningList
from desktop.ui.labels import label
from desktop.ui.meetings.editor import MeetingEditor
from desktop.ui.meetings.new_meeting import NewMeetingDialog
from desktop.ui.meetings.open_actions import OpenActionsView
from desktop.ui.operations import Changes, announce

TAB_MEETINGS = 0
TAB_OPEN_ACTIONS = 1


class MeetingListView(OpeningList):
    """Meetings newest first, the latest version of each set of minutes."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.meeting_type = code_combo(MeetingType, self, blank=self.tr("Any type"))
        self.minutes_status = code_combo(MinutesStatus, self, blank=self.tr("Any minutes"))
        self.new_button = QPushButton(self.tr("New meeting…"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.build_table(
            [
                self.tr("No."),
                self.tr("Date"),
                self.tr("Type"),
                self.tr("Convening body"),
                self.tr("Title"),
                self.tr("Project"),
                self.tr("Minutes"),
            ],
        )
        self.lay_out(
            self.tr("Search by number, title, place, project or convening body"),
            [self.meeting_type, self.minutes_status],
            [self.new_button, self.open_button],
        )
        self.rows: list[MeetingRow] = []

    def show_rows(self, text: str) -> None:
        meeting_type, minutes = self.meeting_type.currentData(), self.minutes_status.currentData()
        self.rows = list_meetings(
            self.store,
            text=text,
            meeting_type=meeting_type if isinstance(meeting_type, MeetingType) else None,
            minutes_status=minutes if isinstance(minutes, MinutesStatus) else None,
        )
        self.table.fill(
            [
                (
                    row.number,
                    row.held_on,
                    label(row.meeting_type),
                    row.convening_site_name,
                    row.title,
                    row.project_title,
                    label(row.minutes_status)
                    + (
                        " " + self.tr("(version %1)").replace("%1", str(row.version))
                        if row.version > 1
                        else ""
                    ),
                )
                for row in self.rows
            ],
            keys=[row.id for row in self.rows],
        )
        self.count_label.setText(self.tr("%n meeting(s)", "", len(self.rows)))

    def empty_text(self) -> str:
        return self.tr("No meetings yet. Create the first with «New meeting…».")


class MeetingsPage(AreaPage):
    """The Riunioni area of the main window, with the Azioni aperte tab."""

    # A meeting names its project, its participants come from the directory and the persons.
    follows = Changes(
        meetings=True, projects=True, directory=True, persons=True, site=True, reference=True
    )

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.list_view = MeetingListView(store, self)
        self.open_actions = OpenActionsView(store, today, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.list_view, self.tr("Meetings"))
        self.tabs.addTab(self.open_actions, self.tr("Open actions"))
        lists = QWidget(self)
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(12, 12, 12, 12)
        lists_layout.addWidget(self.tabs)
        self.editor = MeetingEditor(store, today, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(lists)
        self.stack.addWidget(self.editor)
        self._lists = lists
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.list_view.new_button.clicked.connect(self.new_meeting)
        self.list_view.open_button.clicked.connect(self.open_selected)
        self.list_view.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_actions.open_meeting.connect(self.open_meeting)
        self.editor.closed.connect(self.show_lists)
        self.editor.saved.connect(self._announce_saved)
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        keyboard_ready(self)

    def refresh(self) -> None:
        if self.stack.currentWidget() is not self._lists:
            return
        if self.tabs.currentIndex() == TAB_OPEN_ACTIONS:
            self.open_actions.refresh()
        else:
            self.list_view.refresh()

    def _announce_saved(self) -> None:
        # This page reads its lists again when the editor closes.
        announce(Changes(meetings=True), initiator=self)

    def show_lists(self) -> None:
        self.stack.setCurrentWidget(self._lists)
        self.refresh()
        if self.editor.meeting is not None:
            self.list_view.table.select_key(self.editor.meeting.id)

    def show_open_actions(self) -> OpenActionsView:
        self.stack.setCurrentWidget(self._lists)
        self.tabs.setCurrentIndex(TAB_OPEN_ACTIONS)
        self.open_actions.refresh()
        return self.open_actions

    def new_meeting(self) -> NewMeetingDialog:
        def created(detail: MeetingDetail) -> None:
            self._announce_saved()
            self.open_meeting(detail.id)

        dialog = NewMeetingDialog(
            self.store, current_actor(self.store), self.today(), created, self
        )
        open_modal(dialog)
        return dialog

    def open_meeting(self, meeting_id: str) -> MeetingEditor:
        self.editor.load(meeting_id)
        self.editor.tabs.setCurrentIndex(0)
        self.stack.setCurrentWidget(self.editor)
        return self.editor

    def open_selected(self) -> MeetingEditor | None:
        key = self.list_view.selected_id()
        return None if key is None else self.open_meeting(key)
