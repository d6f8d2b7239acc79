"""The "Taking in charge and outcome" tab: the CPI's dates and referent, the outcome of the
path and its 6-month follow-up. The transitions set these first; here the CPI corrects them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain.codes import (
    ContractType,
    EmployerType,
    HiringMode,
    Outcome,
    PathActionType,
    ReferralStatus,
    Track,
)
from desktop.services.directory import ReferentRow
from desktop.services.referrals.handling import (
    FollowUpInput,
    HandlingInput,
    hiring_mode_warning,
)
from desktop.services.referrals.records import OutcomeInput, ReferralDetail
from desktop.ui.common.fields import CodeCombo, DateField, set_read_only
from desktop.ui.common.forms import FieldRegistry, add_row, connect_changes, make_form
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.section_values import HandlingValues
from desktop.ui.referrals.widgets import TriStateCombo


def referent_text(row: ReferentRow) -> str:
    """A referent's name, with the end of the appointment when it is over."""
    if row.valid_to is None:
        return row.full_name
    return f"{row.full_name} (→ {row.valid_to:%d/%m/%Y})"


def fill_referents(combo: QComboBox, referents: list[ReferentRow], *, none_text: str) -> None:
    combo.clear()
    combo.addItem(none_text, None)
    for row in referents:
        combo.addItem(referent_text(row), row.id)


class OutcomeFields:
    """The outcome's inputs, shared by this tab and the dialog that concludes the path."""

    def __init__(
        self,
        form: QFormLayout,
        registry: FieldRegistry,
        page: QWidget | None,
        *,
        today: Callable[[], date],
        notes_height: int,
    ) -> None:
        translate = QCoreApplication.translate
        self.outcome = CodeCombo(Outcome)
        add_row(
            form,
            registry,
            "outcome",
            translate("OutcomeFields", "Outcome"),
            self.outcome,
            page=page,
        )
        self.outcome_on = DateField(today=today)
        add_row(
            form,
            registry,
            "outcome_on",
            translate("OutcomeFields", "Outcome date"),
            self.outcome_on,
            page=page,
        )
        self.contract_type = CodeCombo(ContractType)
        add_row(
            form,
            registry,
            "contract_type",
            translate("OutcomeFields", "Contract type"),
            self.contract_type,
            page=page,
        )
        self.counts_in_l68_quota = TriStateCombo()
        self._form = form
        self._quota_slot = add_row(
            form,
            registry,
            "counts_in_l68_quota",
            translate("OutcomeFields", "Counted in the L. 68 quota"),
            self.counts_in_l68_quota,
            page=page,
        )
        # How a hire counted in the L. 68 quota was made (required then, CMD only).
        self.hiring_mode = CodeCombo(HiringMode)
        self._hiring_slot = add_row(
            form,
            registry,
            "hiring_mode",
            translate("OutcomeFields", "L. 68 hiring mode"),
            self.hiring_mode,
            page=page,
        )
        self._action_types: tuple[PathActionType, ...] = ()
        self.employer_type = CodeCombo(EmployerType)
        add_row(
            form,
            registry,
            "employer_type",
            translate("OutcomeFields", "Employer type"),
            self.employer_type,
            page=page,
        )
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(notes_height)
        add_row(
            form,
            registry,
            "outcome_notes",
            translate("OutcomeFields", "Notes on the outcome"),
            self.notes,
            page=page,
        )
        registry.alias("notes", "outcome_notes")
        self.outcome.valueChanged.connect(self._update_hire_fields)
        self.counts_in_l68_quota.currentIndexChanged.connect(self._update_hire_fields)
        self.hiring_mode.valueChanged.connect(self._check_hiring_mode)
        self._editable = True
        self._update_hire_fields()

    def inputs(self) -> list[QWidget]:
        return [
            self.outcome, self.outcome_on, self.contract_type, self.counts_in_l68_quota,
            self.hiring_mode, self.employer_type, self.notes,
        ]  # fmt: skip

    def _in_quota(self) -> bool:
        return self.outcome.value() is Outcome.HIRED and bool(self.counts_in_l68_quota.value())

    def _update_hire_fields(self) -> None:
        hired = self.outcome.value() is Outcome.HIRED
        for widget in (self.contract_type, self.counts_in_l68_quota, self.employer_type):
            widget.setEnabled(hired and self._editable)
        self.hiring_mode.setEnabled(self._in_quota() and self._editable)

    def _check_hiring_mode(self) -> None:
        """A warning, not an error: an art. 11 hire with no art. 11 agreement in the path."""
        mode = self.hiring_mode.value() if self._in_quota() else None
        warning = hiring_mode_warning(mode, self._action_types)
        if warning is not None:
            self._hiring_slot.show_message(warning, "warning")
        elif self._hiring_slot.kind == "warning":
            self._hiring_slot.clear()

    def set_track(self, track: Track, action_types: Iterable[PathActionType] = ()) -> None:
        """The L. 68 quota and hiring mode mean something for the targeted-placement track
        only; the path's actions tell whether an art. 11 hire had its agreement."""
        self._form.setRowVisible(self._quota_slot, track is Track.CMD)
        self._form.setRowVisible(self._hiring_slot, track is Track.CMD)
        self._action_types = tuple(action_types)
        self._check_hiring_mode()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for widget in (
            self.outcome, self.outcome_on, self.notes,
            self.contract_type, self.counts_in_l68_quota, self.hiring_mode, self.employer_type,
        ):  # fmt: skip
            set_read_only(widget, not editable)
        self._update_hire_fields()

    def set_values(self, referral: ReferralDetail | None) -> None:
        handling = referral.handling if referral else None
        self.outcome.set_value(handling.outcome if handling else None)
        self.outcome_on.set_value(handling.outcome_on if handling else None)
        self.contract_type.set_value(handling.contract_type if handling else None)
        self.counts_in_l68_quota.set_value(handling.counts_in_l68_quota if handling else None)
        self.employer_type.set_value(handling.employer_type if handling else None)
        self.hiring_mode.set_value(handling.hiring_mode if handling else None)
        self.notes.setPlainText(handling.outcome_notes if handling else "")

    def collect(self) -> tuple[OutcomeInput | None, dict[str, str]]:
        outcome = self.outcome.value()
        outcome_on = self.outcome_on.value()
        errors: dict[str, str] = {}
        if outcome is None:
            errors["outcome"] = QCoreApplication.translate("OutcomeFields", "Choose the outcome.")
        if outcome_on is None:
            errors["outcome_on"] = QCoreApplication.translate(
                "OutcomeFields", "Enter the date of the outcome."
            )
        if outcome is None or outcome_on is None:
            return None, errors
        hired = outcome is Outcome.HIRED
        return (
            OutcomeInput(
                outcome=outcome,
                outcome_on=outcome_on,
                contract_type=self.contract_type.value() if hired else None,
                counts_in_l68_quota=self.counts_in_l68_quota.value() if hired else None,
                employer_type=self.employer_type.value() if hired else None,
                notes=self.notes.toPlainText(),
                hiring_mode=self.hiring_mode.value() if self._in_quota() else None,
            ),
            errors,
        )


class HandlingSection(QWidget):
    """The CPI's side of the referral, shown to both sites, written only by the CPI."""

    changed = Signal()

    def __init__(self, context: EditorContext, registry: FieldRegistry, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self._registry = registry

        handling = QGroupBox(self.tr("Taking in charge"))
        form = make_form(handling)
        self.received_on = DateField(today=context.today)
        add_row(form, registry, "received_on", self.tr("Received on"), self.received_on, page=page)
        self.taken_in_charge_on = DateField(today=context.today)
        add_row(
            form,
            registry,
            "taken_in_charge_on",
            self.tr("Taken in charge on"),
            self.taken_in_charge_on,
            page=page,
        )
        self.referent = QComboBox()
        add_row(form, registry, "referent_id", self.tr("Referent"), self.referent, page=page)
        # Art. 20 D.Lgs. 150/2015: signed at the CPI, not before the referral arrived.
        self.service_pact_on = DateField(today=context.today)
        add_row(
            form,
            registry,
            "service_pact_on",
            self.tr("Personalised service pact signed on"),
            self.service_pact_on,
            page=page,
        )

        outcome_box = QGroupBox(self.tr("Outcome of the path"))
        outcome_form = make_form(outcome_box)
        self.outcome_hint = QLabel(
            self.tr("The outcome is recorded when the path is concluded (the Conclude button).")
        )
        self.outcome_hint.setWordWrap(True)
        self.outcome_hint.setStyleSheet("color: palette(placeholder-text);")
        outcome_form.addRow(self.outcome_hint)
        self.outcome = OutcomeFields(
            outcome_form,
            registry,
            page,
            today=context.today,
            notes_height=self.fontMetrics().height() * 5,
        )

        follow_up = QGroupBox(self.tr("Follow-up at 6 months"))
        follow_form = make_form(follow_up)
        self.follow_up_due = QLabel()
        follow_form.addRow(self.tr("Due on"), self.follow_up_due)
        self.follow_up_done_on = DateField(today=context.today)
        add_row(
            follow_form,
            registry,
            "follow_up_done_on",
            self.tr("Done on"),
            self.follow_up_done_on,
            page=page,
        )
        self.follow_up_notes = QPlainTextEdit()
        self.follow_up_notes.setTabChangesFocus(True)
        self.follow_up_notes.setMaximumHeight(self.fontMetrics().height() * 5)
        add_row(
            follow_form,
            registry,
            "follow_up_notes",
            self.tr("What was found"),
            self.follow_up_notes,
            page=page,
        )

        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setHorizontalSpacing(12)
        layout.addWidget(handling, 0, 0)
        layout.addWidget(follow_up, 1, 0)
        layout.addWidget(outcome_box, 0, 1, 2, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(2, 1)
        connect_changes(self.inputs(), self.changed)

    def inputs(self) -> list[QWidget]:
        return [
            self.received_on, self.taken_in_charge_on, self.referent, self.service_pact_on,
            *self.outcome.inputs(),
            self.follow_up_done_on, self.follow_up_notes,
        ]  # fmt: skip

    def set_referral(self, referral: ReferralDetail | None, referents: list[ReferentRow]) -> None:
        handling = referral.handling if referral else None
        fill_referents(self.referent, referents, none_text=self.tr("— not specified —"))
        self.received_on.set_value(handling.received_on if handling else None)
        self.taken_in_charge_on.set_value(handling.taken_in_charge_on if handling else None)
        index = self.referent.findData(handling.referent_id if handling else None)
        self.referent.setCurrentIndex(max(index, 0))
        self.service_pact_on.set_value(handling.service_pact_on if handling else None)
        self.outcome.set_values(referral)
        self.outcome.set_track(
            referral.track if referral else Track.NEET,
            [action.action_type for action in referral.actions] if referral else (),
        )
        due = handling.follow_up_due_on if handling else None
        self.follow_up_due.setText(
            due.strftime("%d/%m/%Y") if due else self.tr("after the outcome")
        )
        self.follow_up_done_on.set_value(handling.follow_up_done_on if handling else None)
        self.follow_up_notes.setPlainText(handling.follow_up_notes if handling else "")
        concluded = referral is not None and referral.status is ReferralStatus.CONCLUDED
        self.outcome_hint.setVisible(not concluded)

    def set_editable(self, *, handling: bool, outcome: bool, taken: bool) -> None:
        set_read_only(self.received_on, not handling)
        set_read_only(self.service_pact_on, not handling)
        set_read_only(self.taken_in_charge_on, not (handling and taken))
        set_read_only(self.referent, not (handling and taken))
        self.outcome.set_editable(outcome)
        set_read_only(self.follow_up_done_on, not outcome)
        set_read_only(self.follow_up_notes, not outcome)

    def values(self) -> HandlingValues:
        outcome, problems = self.outcome.collect()
        return HandlingValues(
            handling=self._handling_input(),
            outcome=outcome,
            outcome_problems=problems,
            follow_up=self._follow_up_input(),
        )

    def _handling_input(self) -> HandlingInput:
        referent = self.referent.currentData()
        return HandlingInput(
            received_on=self.received_on.value(),
            taken_in_charge_on=self.taken_in_charge_on.value(),
            referent_id=None if referent is None else str(referent),
            service_pact_on=self.service_pact_on.value(),
        )

    def _follow_up_input(self) -> FollowUpInput:
        return FollowUpInput(
            done_on=self.follow_up_done_on.value(), notes=self.follow_up_notes.toPlainText()
        )


def referents_for(
    context: EditorContext, job_centre_id: str | None, track: Track
) -> list[ReferentRow]:
    """The CPI's referents for the track; none before the referral is addressed to a CPI."""
    from desktop.services.directory import list_referents  # noqa: PLC0415 - only when shown

    if job_centre_id is None:
        return []
    return list_referents(context.store, job_centre_id=job_centre_id, track=track)
