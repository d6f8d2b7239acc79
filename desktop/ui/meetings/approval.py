"""Approving minutes (bozza → approvato nella seduta del …), correcting approved minutes with a
new version, and the warning about personal data in the minutes' text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QWidget

from desktop.services.context import Actor
from desktop.services.errors import ValidationError
from desktop.services.meetings import (
    CORRECTION_REASON_MIN,
    MeetingDetail,
    approve_minutes,
    correct_minutes,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import DateField
from desktop.ui.common.messages import FormDialog, open_modal
from desktop.ui.meetings.common import minutes_heading


class ApproveDialog(FormDialog):
    """The date of the meeting in which the minutes were approved; warnings are shown first."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        meeting: MeetingDetail,
        *,
        today: date,
        warnings: Sequence[str],
        on_saved: Callable[[MeetingDetail], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Approve the minutes"), parent)
        self.store = store
        self.actor = actor
        self.meeting = meeting
        self.on_saved = on_saved
        heading = QLabel(minutes_heading(meeting), self)
        heading.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Once approved the minutes are read-only: a correction will be a new version "
                "with its reason."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setMaximumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.approved_on = DateField(self, clear_button=True)
        self.approved_on.set_value(today)
        self.form.addRow(heading)
        self.form.addRow(self.tr("Approved in the meeting of"), self.approved_on)
        self.form.addRow(note)
        if warnings:
            self.banner.show_warning(
                self.tr("The minutes may contain personal data of beneficiaries:")
                + "\n"
                + "\n".join(f"• {warning}" for warning in warnings)
            )
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Approve"))

    def submit(self) -> None:
        approved_on = self.approved_on.value()
        if approved_on is None:
            raise ValidationError(
                {"approved_in_meeting_on": self.tr("Give the date of the approving meeting.")}
            )
        self.on_saved(
            approve_minutes(
                self.store,
                actor=self.actor,
                meeting_id=self.meeting.id,
                approved_in_meeting_on=approved_on,
            )
        )


class CorrectionDialog(FormDialog):
    """A new draft version of approved minutes, with the reason for the correction."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        meeting: MeetingDetail,
        on_saved: Callable[[MeetingDetail], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Correct the approved minutes"), parent)
        self.store = store
        self.actor = actor
        self.meeting = meeting
        self.on_saved = on_saved
        note = QLabel(
            self.tr(
                "The approved minutes stay as they are; a new version %1 is created as a draft, "
                "with the same number and content, to be corrected and approved again."
            ).replace("%1", str(meeting.version + 1)),
            self,
        )
        note.setWordWrap(True)
        note.setMaximumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 4)
        self.reason.setPlaceholderText(
            self.tr("At least %1 characters").replace("%1", str(CORRECTION_REASON_MIN))
        )
        self.form.addRow(note)
        self.form.addRow(self.tr("Reason for the correction"), self.reason)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Create new version"))

    def submit(self) -> None:
        self.on_saved(
            correct_minutes(
                self.store,
                actor=self.actor,
                meeting_id=self.meeting.id,
                reason=self.reason.toPlainText(),
            )
        )


def show_privacy_warnings(parent: QWidget, warnings: Sequence[str]) -> QMessageBox:
    """Saved, but the minutes seem to name a beneficiary or carry a codice fiscale."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("PrivacyWarning", "Personal data in the minutes"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        QCoreApplication.translate(
            "PrivacyWarning",
            "Saved, but the minutes must not carry personal data of beneficiaries: refer to "
            "referrals by their number only. Please correct:",
        )
    )
    box.setInformativeText("\n\n".join(f"• {warning}" for warning in warnings))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    open_modal(box)
    return box
