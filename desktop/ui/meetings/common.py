"""What every tab of the meeting editor shares."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.documents.formatting import fill_date
from desktop.domain.codes import MinutesStatus
from desktop.services.meetings import MeetingDetail
from desktop.services.sites import list_sites
from desktop.store.engine import Store
from desktop.ui.common.editor_tab import EditorTab, button_row

__all__ = [
    "MeetingTab",
    "button_row",
    "fill_site_combo",
    "minutes_heading",
    "minutes_status_text",
]


def fill_site_combo(combo: QComboBox, store: Store) -> None:
    """The bodies that may convene a meeting, by name (never by code), the code as data."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for site in list_sites(store):
        combo.addItem(site.name, site.code)


def site_combo(store: Store, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    fill_site_combo(combo, store)
    return combo


class MeetingTab(EditorTab):
    """A tab showing one part of a meeting.

    ``changed`` asks the editor to reload; ``text_saved`` does too, after a text that ends up
    in the minutes was saved, so that the editor checks them for personal data.
    """

    text_saved = Signal()
    meeting: MeetingDetail | None = None
    followable = False

    def show_meeting(self, meeting: MeetingDetail, *, editable: bool, followable: bool) -> None:
        """``editable``: a draft of this site; ``followable``: its actions may be closed."""
        self.meeting = meeting
        self.editable = editable
        self.followable = followable
        self.refresh()


def minutes_heading(meeting: MeetingDetail) -> str:
    """ "Verbale n. 03/2026 – title – seduta del 12/11/2026" in the current language."""
    text = QCoreApplication.translate("Minutes", "Minutes no. %1 – %2 – meeting of %3")
    text = fill_date(text, "%3", meeting.held_on)
    return text.replace("%1", meeting.number).replace("%2", meeting.title)


def minutes_status_text(meeting: MeetingDetail) -> str:
    if meeting.minutes_status is MinutesStatus.APPROVED:
        text = QCoreApplication.translate("Minutes", "Approved in the meeting of %1")
        status = fill_date(text, "%1", meeting.approved_in_meeting_on)
    else:
        status = QCoreApplication.translate("Minutes", "Draft")
    if meeting.version > 1:
        status += " · " + QCoreApplication.translate("Minutes", "version %1").replace(
            "%1", str(meeting.version)
        )
    return status
