"""What every tab of the meeting editor shares."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.domain.codes import MinutesStatus
from desktop.services.context import Actor
from desktop.services.installation import current_actor
from desktop.services.meetings import MeetingDetail
from desktop.store.engine import Store
from desktop.ui.directory.formats import format_date


class MeetingTab(QWidget):
    """A tab showing one part of a meeting.

    ``changed`` asks the editor to reload; ``text_saved`` does too, after a text that ends up
    in the minutes was saved, so that the editor checks them for personal data.
    """

    changed = Signal()
    text_saved = Signal()

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.meeting: MeetingDetail | None = None
        self.editable = False
        self.followable = False

    def actor(self) -> Actor:
        return current_actor(self.store)

    def show_meeting(self, meeting: MeetingDetail, *, editable: bool, followable: bool) -> None:
        """``editable``: a draft of this site; ``followable``: its actions may be closed."""
        self.meeting = meeting
        self.editable = editable
        self.followable = followable
        self.refresh()

    def refresh(self) -> None:
        """Show ``self.meeting``; subclasses fill their widgets here."""


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def minutes_heading(meeting: MeetingDetail) -> str:
    """ "Verbale n. 03/2026 – title – seduta del 12/11/2026" in the current language."""
    text = QCoreApplication.translate("Minutes", "Minutes no. %1 – %2 – meeting of %3")
    return (
        text.replace("%1", meeting.number)
        .replace("%2", meeting.title)
        .replace("%3", format_date(meeting.held_on))
    )


def minutes_status_text(meeting: MeetingDetail) -> str:
    if meeting.minutes_status is MinutesStatus.APPROVED:
        text = QCoreApplication.translate("Minutes", "Approved in the meeting of %1")
        status = text.replace("%1", format_date(meeting.approved_in_meeting_on))
    else:
        status = QCoreApplication.translate("Minutes", "Draft")
    if meeting.version > 1:
        status += " · " + QCoreApplication.translate("Minutes", "version %1").replace(
            "%1", str(meeting.version)
        )
    return status
