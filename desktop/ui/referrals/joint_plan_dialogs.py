"""The dialogs of the "Shared plan" tab: one goal, action, joint interview or review.

Each reads its form into the service's input and hands it to ``submit`` (the service call);
a refusal is shown beside the fields (or in the banner) and the dialog stays open, so bad input
changes nothing. ``result_plan`` is the plan the service returned once it committed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ActionItemStatus, PlanParty, ReviewOutcome
from desktop.services.directory import OrganizationRow
from desktop.services.referrals.joint_plan import (
    GoalInput,
    GoalRow,
    InterviewInput,
    InterviewRow,
    JointPlan,
    PlanActionInput,
    PlanActionRow,
    ReviewInput,
    ReviewRow,
)
from desktop.ui.common.banner import Banner
from desktop.ui.common.fields import CodeCombo, DateField
from desktop.ui.common.forms import FieldRegistry, add_row, make_form

Request = TypeVar("Request")


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * lines + 12)
    return box


class PlanEntryDialog(QDialog, Generic[Request]):
    """The frame every dialog shares: banner, form, Save and Cancel."""

    def __init__(
        self,
        title: str,
        submit: Callable[[Request], JointPlan],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.result_plan: JointPlan | None = None
        self.registry = FieldRegistry()
        self.banner = Banner(Banner.ERROR, self)
        self.form: QFormLayout = make_form()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def _finish_layout(self) -> None:
        # Fixed here: see ReferralEditor (a layout-driven minimum warns on offscreen).
        hint = self.minimumSizeHint()
        width = max(hint.width(), self.fontMetrics().averageCharWidth() * 84)
        self.setMinimumSize(QSize(width, hint.height()))

    def request(self) -> tuple[Request | None, Mapping[str, str]]:
        raise NotImplementedError

    def accept(self) -> None:
        self.result_plan = self.registry.submit(
            self.request, self._submit, self.banner.show_message
        )
        if self.result_plan is not None:
            super().accept()
        else:
            self.adjustSize()  # room for the messages shown beside the fields

    def field_message(self, key: str) -> str:
        return self.registry.message(key)


class GoalDialog(PlanEntryDialog[GoalInput]):
    def __init__(
        self,
        goal: GoalRow | None,
        submit: Callable[[GoalInput], JointPlan],
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Shared goal"), submit, parent)
        self.description = _text_box(self, 3)
        add_row(self.form, self.registry, "description", self.tr("Goal"), self.description)
        self.reached_on = DateField(today=today)
        add_row(self.form, self.registry, "reached_on", self.tr("Reached on"), self.reached_on)
        if goal is not None:
            self.description.setPlainText(goal.description)
            self.reached_on.set_value(goal.reached_on)
        self._finish_layout()
        self.description.setFocus()

    def request(self) -> tuple[GoalInput | None, Mapping[str, str]]:
        return GoalInput(self.description.toPlainText(), self.reached_on.value()), {}


class PlanActionDialog(PlanEntryDialog[PlanActionInput]):
    """Who does what by when; a Third Sector provider is chosen from the directory."""

    def __init__(
        self,
        action: PlanActionRow | None,
        submit: Callable[[PlanActionInput], JointPlan],
        *,
        goals: tuple[GoalRow, ...] = (),
        organizations: list[OrganizationRow] | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Action of the shared plan"), submit, parent)
        form, registry = self.form, self.registry
        self.description = _text_box(self, 2)
        add_row(form, registry, "description", self.tr("Action"), self.description)
        self.goal = QComboBox(self)
        self.goal.addItem(self.tr("— no goal in particular —"), None)
        for goal in goals:
            self.goal.addItem(f"{goal.position}. {' '.join(goal.description.split())}", goal.id)
        add_row(form, registry, "goal_id", self.tr("For the goal"), self.goal)
        self.party = CodeCombo(PlanParty, self, blank=self.tr("— choose —"))
        add_row(form, registry, "responsible_party", self.tr("Responsible"), self.party)
        self.provider = QComboBox(self)
        self.provider.setEditable(True)
        self.provider.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.provider.addItem("", None)
        for row in organizations or []:
            self.provider.addItem(row.name, row.id)
        completer, line_edit = self.provider.completer(), self.provider.lineEdit()
        assert completer is not None and line_edit is not None  # an editable combo has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        line_edit.setPlaceholderText(self.tr("Type to search the directory"))
        add_row(form, registry, "responsible_organization_id", self.tr("Provider"), self.provider)
        self.responsible_name = QLineEdit(self)
        self.responsible_name.setPlaceholderText(self.tr("Operator or family member in charge"))
        add_row(form, registry, "responsible_name", self.tr("Person in charge"),
                self.responsible_name)  # fmt: skip
        self.due_on = DateField(today=today)
        add_row(form, registry, "due_on", self.tr("Due by"), self.due_on)
        self.status = CodeCombo(ActionItemStatus, self, optional=False)
        add_row(form, registry, "status", self.tr("State"), self.status)
        self.done_on = DateField(today=today)
        add_row(form, registry, "done_on", self.tr("Done on"), self.done_on)
        self.notes = _text_box(self, 3)
        add_row(form, registry, "notes", self.tr("Notes"), self.notes)
        self.party.valueChanged.connect(self._show_provider)
        if action is not None:
            self.description.setPlainText(action.description)
            self.goal.setCurrentIndex(max(self.goal.findData(action.goal_id), 0))
            self.party.set_value(action.responsible_party)
            self.provider.setCurrentIndex(
                max(self.provider.findData(action.responsible_organization_id), 0)
            )
            self.responsible_name.setText(action.responsible_name)
            self.due_on.set_value(action.due_on)
            self.status.set_value(action.status)
            self.done_on.set_value(action.done_on)
            self.notes.setPlainText(action.notes)
        self._show_provider()
        self._finish_layout()
        self.description.setFocus()

    def _show_provider(self) -> None:
        self.provider.setEnabled(self.party.value() is PlanParty.ETS)

    def set_provider(self, name: str) -> None:
        self.provider.setEditText(name)

    def _provider_id(self) -> tuple[str | None, bool]:
        text = self.provider.currentText().strip()
        if not text or self.party.value() is not PlanParty.ETS:
            return None, True
        index = self.provider.findText(text, Qt.MatchFlag.MatchFixedString)
        if index <= 0:
            return None, False
        data = self.provider.itemData(index)
        return (None if data is None else str(data)), True

    def request(self) -> tuple[PlanActionInput | None, Mapping[str, str]]:
        provider_id, known = self._provider_id()
        if not known:
            return None, {
                "responsible_organization_id": self.tr(
                    "Not in the directory: choose the provider from the list."
                )
            }
        goal = self.goal.currentData()
        return (
            PlanActionInput(
                description=self.description.toPlainText(),
                responsible_party=self.party.value(),
                responsible_organization_id=provider_id,
                responsible_name=self.responsible_name.text(),
                due_on=self.due_on.value(),
                done_on=self.done_on.value(),
                status=self.status.code(),
                notes=self.notes.toPlainText(),
                goal_id=None if goal is None else str(goal),
            ),
            {},
        )


class InterviewDialog(PlanEntryDialog[InterviewInput]):
    """A colloquio congiunto: participants one a line, as "Nome Cognome (ente)"."""

    def __init__(
        self,
        interview: InterviewRow | None,
        submit: Callable[[InterviewInput], JointPlan],
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Joint interview"), submit, parent)
        form, registry = self.form, self.registry
        self.held_on = DateField(today=today)
        add_row(form, registry, "held_on", self.tr("Date"), self.held_on)
        self.place = QLineEdit(self)
        add_row(form, registry, "place", self.tr("Place"), self.place)
        self.participants = _text_box(self, 4)
        self.participants.setPlaceholderText(
            self.tr("One a line: First name Last name (organisation)")
        )
        add_row(form, registry, "participants", self.tr("Participants"), self.participants)
        self.person_present = QCheckBox(self.tr("The person took part"), self)
        self.person_present.setChecked(True)
        add_row(form, registry, "person_present", "", self.person_present)
        self.summary = _text_box(self, 4)
        add_row(form, registry, "summary", self.tr("Summary"), self.summary)
        if interview is not None:
            self.held_on.set_value(interview.held_on)
            self.place.setText(interview.place)
            self.participants.setPlainText("\n".join(interview.participants))
            self.person_present.setChecked(interview.person_present)
            self.summary.setPlainText(interview.summary)
        self._finish_layout()
        self.held_on.setFocus()

    def request(self) -> tuple[InterviewInput | None, Mapping[str, str]]:
        return (
            InterviewInput(
                held_on=self.held_on.value(),
                place=self.place.text(),
                participants=tuple(self.participants.toPlainText().splitlines()),
                person_present=self.person_present.isChecked(),
                summary=self.summary.toPlainText(),
            ),
            {},
        )


class ReviewDialog(PlanEntryDialog[ReviewInput]):
    def __init__(
        self,
        review: ReviewRow | None,
        submit: Callable[[ReviewInput], JointPlan],
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Review of the plan"), submit, parent)
        form, registry = self.form, self.registry
        self.review_on = DateField(today=today)
        add_row(form, registry, "review_on", self.tr("Date"), self.review_on)
        self.outcome = CodeCombo(ReviewOutcome, self, blank=self.tr("— choose —"))
        add_row(form, registry, "outcome", self.tr("Outcome"), self.outcome)
        self.notes = _text_box(self, 4)
        add_row(form, registry, "notes", self.tr("Notes"), self.notes)
        self.next_review_on = DateField(today=today)
        add_row(form, registry, "next_review_on", self.tr("Next review"), self.next_review_on)
        if review is not None:
            self.review_on.set_value(review.review_on)
            self.outcome.set_value(review.outcome)
            self.notes.setPlainText(review.notes)
            self.next_review_on.set_value(review.next_review_on)
        self._finish_layout()
        self.review_on.setFocus()

    def request(self) -> tuple[ReviewInput | None, Mapping[str, str]]:
        return (
            ReviewInput(
                review_on=self.review_on.value(),
                outcome=self.outcome.value(),
                notes=self.notes.toPlainText(),
                next_review_on=self.next_review_on.value(),
            ),
            {},
        )
