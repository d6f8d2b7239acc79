"""One meeting and its minutes: header with the minutes' status and the approval steps, and a
tab per part (meeting, participants, agenda, actions).

Approved minutes are read-only (their actions can still be closed); a correction is a new
version. After each save of a text that goes into the minutes, the minutes are checked for
codici fiscali and beneficiaries' names, and a warning lists what was found.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from desktop.documents.formatting import fill_date
from desktop.domain.codes import MinutesStatus
from desktop.services.installation import current_actor
from desktop.services.meetings import (
    MeetingDetail,
    get_meeting,
    privacy_warnings_for_minutes,
)
from desktop.services.sites import site_name, site_names
from desktop.store.engine import Store
from desktop.ui.common.editor_tab import lay_out_editor
from desktop.ui.common.messages import MessageBanner, heading, open_modal
from desktop.ui.meetings.actions_tab import ActionsTab
from desktop.ui.meetings.agenda_tab import AgendaTab
from desktop.ui.meetings.approval import ApproveDialog, CorrectionDialog, show_privacy_warnings
from desktop.ui.meetings.common import MeetingTab, minutes_heading, minutes_status_text
from desktop.ui.meetings.participants_tab import ParticipantsTab
from desktop.ui.meetings.printing import MeetingPrinting, documents_available
from desktop.ui.meetings.session_tab import SessionTab

TAB_SESSION = 0
TAB_PARTICIPANTS = 1
TAB_AGENDA = 2
TAB_ACTIONS = 3


class MeetingEditor(QWidget):
    """``closed`` asks the page to go back to the list; ``saved`` says something changed."""

    closed = Signal()
    saved = Signal()

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.meeting: MeetingDetail | None = None
        self.privacy_box: QMessageBox | None = None

        self.back_button = QPushButton("← " + self.tr("Meetings"), self)
        self.title = heading("", self)
        self.title.setWordWrap(True)
        self.status_label = QLabel(self)
        self.approve_button = QPushButton(self.tr("Approve the minutes…"), self)
        self.correct_button = QPushButton(self.tr("Correct (new version)…"), self)
        self.printing = MeetingPrinting(
            store, lambda: self.meeting.id if self.meeting else "", self._save_pending, self
        )
        self.banner = MessageBanner(self)

        self.session = SessionTab(store, today, self)
        self.participants = ParticipantsTab(store, today, self)
        self.agenda = AgendaTab(store, today, self)
        self.actions_tab = ActionsTab(store, today, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.session, self.tr("Meeting"))
        self.tabs.addTab(self.participants, self.tr("Participants and attendance"))
        self.tabs.addTab(self.agenda, self.tr("Agenda and decisions"))
        self.tabs.addTab(self.actions_tab, self.tr("Actions"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch(1)
        for button in (self.printing.button, self.approve_button, self.correct_button):
            buttons.addWidget(button)
        lay_out_editor(
            self, self.back_button, self.title, header=[buttons], banner=self.banner, tabs=self.tabs
        )

        self.back_button.clicked.connect(self._close)
        self.approve_button.clicked.connect(self.approve)
        self.correct_button.clicked.connect(self.correct)
        for tab in self._tabs():
            tab.changed.connect(self.reload)
            tab.text_saved.connect(self._after_text_saved)

    def _tabs(self) -> tuple[MeetingTab, ...]:
        return (self.session, self.participants, self.agenda, self.actions_tab)

    # --- loading ---------------------------------------------------------------------------

    def load(self, meeting_id: str) -> None:
        self.meeting = get_meeting(self.store, meeting_id)
        self._show()

    def reload(self) -> None:
        if self.meeting is not None:
            self.load(self.meeting.id)
            self.saved.emit()

    def _owned(self) -> bool:
        meeting = self.meeting
        return meeting is not None and (
            not meeting.owner_site or meeting.owner_site == current_actor(self.store).site_code
        )

    def _show(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        owned = self._owned()
        draft = meeting.minutes_status is MinutesStatus.DRAFT
        editable = owned and draft and not meeting.superseded
        followable = owned and not meeting.superseded
        self.title.setText(minutes_heading(meeting))
        self.status_label.setText(
            self.tr("Minutes: %1").replace("%1", minutes_status_text(meeting))
        )
        self.approve_button.setVisible(editable)
        self.correct_button.setVisible(followable and not draft)
        self.printing.button.setVisible(documents_available())
        self.printing.set_enabled(True)
        self._show_banner(owned=owned, draft=draft)
        for tab in self._tabs():
            tab.show_meeting(meeting, editable=editable, followable=followable)

    def _show_banner(self, *, owned: bool, draft: bool) -> None:
        meeting = self.meeting
        assert meeting is not None
        if meeting.superseded:
            self.banner.show_info(
                self.tr("These minutes were replaced by a later version: they are read-only.")
            )
        elif not owned:
            self.banner.show_info(
                self.tr(
                    "This meeting is managed by the site %1: only that site can change it."
                ).replace("%1", site_name(site_names(self.store), meeting.owner_site))
            )
        elif not draft:
            self.banner.show_info(
                fill_date(
                    self.tr(
                        "Minutes approved in the meeting of %1: they are read-only. To correct "
                        "them create a new version; actions can still be closed."
                    ),
                    "%1",
                    meeting.approved_in_meeting_on,
                )
            )
        elif meeting.version > 1:
            self.banner.show_info(
                self.tr("Correction (version %1). Reason: %2")
                .replace("%1", str(meeting.version))
                .replace("%2", meeting.correction_reason)
            )
        else:
            self.banner.clear_message()

    # --- privacy ---------------------------------------------------------------------------

    def _after_text_saved(self) -> None:
        self.reload()
        self.check_privacy()

    def check_privacy(self) -> list[str]:
        """Warn (without blocking) if the stored minutes carry a codice fiscale or a name."""
        if self.meeting is None:
            return []
        warnings = privacy_warnings_for_minutes(self.store, self.meeting.id)
        if warnings:
            self.privacy_box = show_privacy_warnings(self, warnings)
        return warnings

    # --- approval --------------------------------------------------------------------------

    def approve(self) -> ApproveDialog | None:
        meeting = self.meeting
        if meeting is None:
            return None
        if not self._save_pending():
            return None
        meeting = self.meeting  # as saved
        if meeting is None:
            return None
        warnings = privacy_warnings_for_minutes(self.store, meeting.id)

        def approved(detail: MeetingDetail) -> None:
            self.meeting = detail
            self._show()
            self.saved.emit()

        dialog = ApproveDialog(
            self.store,
            current_actor(self.store),
            meeting,
            today=self.today(),
            warnings=warnings,
            on_saved=approved,
            parent=self,
        )
        open_modal(dialog)
        return dialog

    def correct(self) -> CorrectionDialog | None:
        meeting = self.meeting
        if meeting is None:
            return None

        def corrected(detail: MeetingDetail) -> None:
            self.meeting = detail
            self._show()
            self.saved.emit()

        dialog = CorrectionDialog(self.store, current_actor(self.store), meeting, corrected, self)
        open_modal(dialog)
        return dialog

    # --- the rest --------------------------------------------------------------------------

    def _save_pending(self) -> bool:
        """Save what was typed and not yet saved; on a refusal show where it is."""
        for tab, saved in (
            (self.session, self.session.save_if_modified),
            (self.agenda, self.agenda.save_if_modified),
        ):
            if not saved():
                self.tabs.setCurrentWidget(tab)
                return False
        return True

    def _close(self) -> None:
        if self._save_pending():
            self.closed.emit()
