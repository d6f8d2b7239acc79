"""One small dialog per lifecycle step, asking for what that step needs.

Sending and receiving ask for the date; taking in charge for the date and the referent;
returning, rejecting and withdrawing for the reason the other office will read; concluding
for the outcome. The step is applied by ``submit`` while the dialog is open, so a refused
step shows its messages beside the fields and leaves the dialog open to correct them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.lifecycle import RULES, Transition
from desktop.services.directory import ReferentRow
from desktop.services.referrals.records import OutcomeInput, ReferralDetail
from desktop.ui.common.banner import Banner
from desktop.ui.common.fields import DateField
from desktop.ui.common.forms import FieldRegistry, add_row, make_form
from desktop.ui.referrals.handling_section import OutcomeFields, fill_referents

T = Transition
_DATED = frozenset({T.SEND, T.RECEIVE, T.TAKE_IN_CHARGE})


@dataclass(frozen=True)
class TransitionRequest:
    transition: Transition
    on: date | None = None
    note: str = ""
    referent_id: str | None = None
    outcome: OutcomeInput | None = None


class TransitionDialog(QDialog):
    """Asks what ``transition`` needs, then applies it through ``submit``."""

    def __init__(
        self,
        transition: Transition,
        *,
        referral: ReferralDetail,
        submit: Callable[[TransitionRequest], ReferralDetail],
        referents: list[ReferentRow] | None = None,
        default_referent_id: str | None = None,
        job_centre_name: str = "",
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.transition = transition
        self._submit = submit
        self._today = today
        self.result_detail: ReferralDetail | None = None
        self.registry = FieldRegistry()
        title, explanation, button = self._texts(referral, job_centre_name)
        self.setWindowTitle(title)
        self.banner = Banner(Banner.ERROR, self)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        form = make_form()

        self.on: DateField | None = None
        if transition in _DATED:
            self.on = DateField(today=today)
            self.on.set_value(today())
            add_row(form, self.registry, "on", self._date_label(), self.on)
        self.referent: QComboBox | None = None
        if transition is T.TAKE_IN_CHARGE:
            self.referent = QComboBox()
            fill_referents(self.referent, referents or [], none_text=self.tr("— not specified —"))
            index = self.referent.findData(default_referent_id)
            self.referent.setCurrentIndex(max(index, 0))
            add_row(form, self.registry, "referent_id", self.tr("Referent"), self.referent)
        self.outcome: OutcomeFields | None = None
        if transition is T.CONCLUDE:
            self.outcome = OutcomeFields(
                form,
                self.registry,
                None,
                today=today,
                notes_height=self.fontMetrics().height() * 5,
            )
            self.outcome.outcome_on.set_value(today())
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.fontMetrics().height() * 6)
        self.note_required = RULES[transition].needs_note
        if transition is not T.CONCLUDE or self.note_required:
            add_row(form, self.registry, "note", self._note_label(), self.note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.explanation)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if self.outcome is not None:
            # Only now: the form's widgets belong to the dialog, so showing a row cannot make
            # a parentless widget a window of its own.
            self.outcome.set_track(referral.track, [a.action_type for a in referral.actions])
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        # Fixed here: see ReferralEditor (a layout-driven minimum warns on offscreen).
        self.setMinimumSize(self.minimumSizeHint())
        first = self.on or (self.outcome.outcome if self.outcome else None) or self.note
        first.setFocus()

    def _texts(self, referral: ReferralDetail, centre: str) -> tuple[str, str, str]:
        number = referral.number
        texts = {
            T.SEND: (
                self.tr("Send referral %1"),
                self.tr(
                    "The referral will be sent to %2. After sending, its data can be changed "
                    "only if the CPI returns it."
                ),
                self.tr("&Send"),
            ),
            T.WITHDRAW: (
                self.tr("Withdraw referral %1"),
                self.tr("The referral will be withdrawn and closed; the CPI will see why."),
                self.tr("&Withdraw"),
            ),
            T.RECEIVE: (
                self.tr("Mark referral %1 as received"),
                self.tr("The sender will see that the CPI has received the referral."),
                self.tr("&Mark as received"),
            ),
            T.RETURN: (
                self.tr("Return referral %1 to the sender"),
                self.tr("The sender will be able to correct the referral and send it again."),
                self.tr("&Return"),
            ),
            T.REJECT: (
                self.tr("Close referral %1 as not relevant"),
                self.tr("The referral will be closed as not relevant; the sender will see why."),
                self.tr("&Close as not relevant"),
            ),
            T.TAKE_IN_CHARGE: (
                self.tr("Take referral %1 in charge"),
                self.tr("Record the date and the referent who follows the person."),
                self.tr("&Take in charge"),
            ),
            T.START_PATH: (
                self.tr("Start the path of referral %1"),
                self.tr("The activation path starts: record its actions in the Path actions tab."),
                self.tr("&Start the path"),
            ),
            T.CONCLUDE: (
                self.tr("Conclude the path of referral %1"),
                self.tr(
                    "Record the outcome of the path. The follow-up is due six months after "
                    "the outcome date."
                ),
                self.tr("&Conclude"),
            ),
        }
        title, explanation, button = texts[self.transition]
        return title.replace("%1", number), explanation.replace("%2", centre), button

    def _date_label(self) -> str:
        return {
            T.SEND: self.tr("Sent on"),
            T.RECEIVE: self.tr("Received on"),
            T.TAKE_IN_CHARGE: self.tr("Taken in charge on"),
        }[self.transition]

    def _note_label(self) -> str:
        return {
            T.WITHDRAW: self.tr("Reason for withdrawing"),
            T.RETURN: self.tr("What the sender must correct"),
            T.REJECT: self.tr("Why it is not relevant"),
        }.get(self.transition, self.tr("Note (optional)"))

    def request(self) -> tuple[TransitionRequest | None, dict[str, str]]:
        errors: dict[str, str] = {}
        on = self.on.value() if self.on is not None else None
        if self.on is not None and on is None:
            errors["on"] = self.tr("Enter the date.")
        if self.note_required and not self.note.toPlainText().strip():
            errors["note"] = self.tr("Give the reason: the other office will read it.")
        outcome = None
        if self.outcome is not None:
            outcome, outcome_errors = self.outcome.collect()
            errors.update(outcome_errors)
        if errors:
            return None, errors
        referent = self.referent.currentData() if self.referent is not None else None
        return (
            TransitionRequest(
                transition=self.transition,
                on=on if on is not None else self._today(),
                note=self.note.toPlainText(),
                referent_id=None if referent is None else str(referent),
                outcome=outcome,
            ),
            {},
        )

    def accept(self) -> None:
        self.result_detail = self.registry.submit(
            self.request, self._submit, self.banner.show_message
        )
        if self.result_detail is not None:
            super().accept()

    def field_message(self, key: str) -> str:
        return self.registry.message(key)
