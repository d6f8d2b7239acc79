"""The "Shared plan" tab of a referral taken in charge: goals, actions, joint interviews and
reviews, written by the sending body and the CPI together.

Each party changes only the entries it wrote; the other's are shown greyed, with who wrote
them, and cannot be changed from here (the service refuses them anyway). Dialogs commit through
their service call; removals through ``Operation``; every commit is announced on the change hub
(a referral changed) and the tab follows the hub, so that a sync that brings the other party's
entries shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ActionItemStatus
from desktop.services.context import Actor
from desktop.services.errors import ServiceError
from desktop.services.referrals.joint_plan import (
    PLAN_SHOWN,
    GoalInput,
    InterviewInput,
    JointPlan,
    PlanActionInput,
    PlanActionRow,
    PlanEntryKind,
    ReviewInput,
    read_joint_plan,
    remove_plan_entry,
    save_goal,
    save_interview,
    save_plan_action,
    save_review,
)
from desktop.store.engine import Store
from desktop.ui.common.banner import Banner
from desktop.ui.common.formats import format_date
from desktop.ui.common.messages import warning_icon
from desktop.ui.common.signals import emit
from desktop.ui.common.tables import (
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    fill_table,
    make_table,
    selected_key,
)
from desktop.ui.labels import label
from desktop.ui.operations import Changes, Operation, announce, follow_changes
from desktop.ui.referrals.joint_plan_dialogs import (
    GoalDialog,
    InterviewDialog,
    PlanActionDialog,
    PlanEntryDialog,
    ReviewDialog,
)

PLAN_CHANGED = Changes(referrals=True)


@dataclass(frozen=True)
class SectionRow:
    key: str
    cells: Sequence[str]
    editable: bool
    owner_name: str
    overdue: bool = False


class PlanSection(QGroupBox):
    """One part of the plan: a table and its Add / Change / Remove buttons."""

    addRequested = Signal()
    editRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(
        self,
        title: str,
        headers: Sequence[str],
        stretch: int,
        names: tuple[str, str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.table = make_table(self, [*headers, self.tr("Written by")], stretch_last=False)
        self.table.setAccessibleName(title)
        self.table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(names[0], self)
        self.edit_button = QPushButton(names[1], self)
        self.remove_button = QPushButton(names[2], self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.rows: list[SectionRow] = []
        self._may_add = False
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(self._edit_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.table.doubleClicked.connect(lambda _index: self._edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_rows(self, rows: list[SectionRow], *, may_add: bool) -> None:
        self.rows = rows
        self._may_add = may_add
        fill_table(
            self.table,
            [[*row.cells, row.owner_name] for row in rows],
            keys=[row.key for row in rows],
        )
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        icon = warning_icon(self)
        for index, row in enumerate(rows):
            for column in range(self.table.columnCount()):
                item = self.table.item(index, column)
                assert item is not None  # every cell was filled
                if row.overdue:
                    item.setBackground(QBrush(OVERDUE_BACKGROUND))
                    item.setForeground(QBrush(OVERDUE_FOREGROUND))
                elif not row.editable:
                    item.setForeground(QBrush(muted))
                if not row.editable:
                    item.setToolTip(
                        self.tr("Written by %1: only they can change it.").replace(
                            "%1", row.owner_name
                        )
                    )
            if row.overdue:
                first = self.table.item(index, 0)
                assert first is not None
                first.setIcon(icon)
                font = QFont(first.font())
                font.setBold(True)
                first.setFont(font)
        self._update_buttons()

    def selected(self) -> SectionRow | None:
        key = selected_key(self.table)
        return next((row for row in self.rows if row.key == key), None)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.add_button.setEnabled(self._may_add)
        self.edit_button.setEnabled(row is not None and row.editable)
        self.remove_button.setEnabled(row is not None and row.editable)

    def _edit_selected(self) -> None:
        row = self.selected()
        if row is not None and row.editable:
            emit(self.editRequested, row.key)

    def _remove_selected(self) -> None:
        row = self.selected()
        if row is not None and row.editable:
            emit(self.removeRequested, row.key)


def exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class JointPlanTab(QWidget):
    """The plan of one referral; ``show_referral`` says which (None: nothing to show)."""

    printRequested = Signal(str)

    def __init__(
        self,
        store: Store,
        actor: Actor,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.today = today
        self.referral_id: str | None = None
        self.plan: JointPlan | None = None
        # Tests answer the dialogs and questions without a modal loop.
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog
        self.confirm: Callable[[str], bool] = self._confirm
        self.last_dialog: PlanEntryDialog[object] | None = None

        self.notice = Banner(Banner.INFO, self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.print_button = QPushButton(self.tr("&Print the plan…"), self)
        self.print_button.setAutoDefault(False)
        self.goal_section = PlanSection(
            self.tr("Shared goals"),
            [self.tr("No."), self.tr("Goal"), self.tr("Reached on")],
            1,
            (self.tr("Add goal…"), self.tr("Change…"), self.tr("Remove")),
            self,
        )
        self.action_section = PlanSection(
            self.tr("Actions: who does what by when"),
            [self.tr("Action"), self.tr("Responsible"), self.tr("Due by"), self.tr("State")],
            0,
            (self.tr("Add action…"), self.tr("Change…"), self.tr("Remove")),
            self,
        )
        self.interview_section = PlanSection(
            self.tr("Joint interviews"),
            [self.tr("Date"), self.tr("Place"), self.tr("Participants"), self.tr("Person")],
            2,
            (self.tr("Add interview…"), self.tr("Change…"), self.tr("Remove")),
            self,
        )
        self.review_section = PlanSection(
            self.tr("Reviews"),
            [self.tr("Date"), self.tr("Outcome"), self.tr("Next review")],
            1,
            (self.tr("Add review…"), self.tr("Change…"), self.tr("Remove")),
            self,
        )
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        # Actions are the widest table: the whole width; the others share the rest.
        grid.addWidget(self.action_section, 0, 0, 1, 2)
        grid.addWidget(self.goal_section, 1, 0)
        grid.addWidget(self.review_section, 1, 1)
        grid.addWidget(self.interview_section, 2, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.notice)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

        for section, kind, edit in (
            (self.goal_section, PlanEntryKind.GOAL, self.edit_goal),
            (self.action_section, PlanEntryKind.ACTION, self.edit_action),
            (self.interview_section, PlanEntryKind.INTERVIEW, self.edit_interview),
            (self.review_section, PlanEntryKind.REVIEW, self.edit_review),
        ):
            section.addRequested.connect(lambda edit=edit: edit(None))
            section.editRequested.connect(edit)
            section.removeRequested.connect(lambda key, kind=kind: self.remove(kind, key))
        self.print_button.clicked.connect(self._print)
        follow_changes(self, PLAN_CHANGED, self.refresh)

    # -- showing -------------------------------------------------------------------------------

    def show_referral(self, referral_id: str | None, status: object = None) -> None:
        self.referral_id = referral_id if status is None or status in PLAN_SHOWN else None
        self.refresh()

    def refresh(self) -> None:
        plan = None
        if self.referral_id is not None:
            try:
                plan = read_joint_plan(
                    self.store, actor=self.actor, referral_id=self.referral_id, today=self.today()
                )
            except ServiceError as error:
                self.notice.show_message(str(error))
        self.show_plan(plan)

    def show_plan(self, plan: JointPlan | None) -> None:
        self.plan = plan
        if plan is None:
            for section in self._sections():
                section.set_rows([], may_add=False)
            self.summary.setText("")
            self.print_button.setEnabled(False)
            return
        self.print_button.setEnabled(True)
        if plan.may_add:
            self.notice.show_message(
                self.tr(
                    "The plan is shared by %1 and %2: each writes its own entries; those of the "
                    "other are shown in grey and only they can change them."
                )
                .replace("%1", plan.sender_name)
                .replace("%2", plan.job_centre_name)
            )
        else:
            self.notice.show_message(self.tr("The plan can be read and printed, not changed."))
        next_review = plan.next_review_on
        overdue = sum(action.overdue for action in plan.actions)
        parts = [
            self.tr("%n goal(s)", "", len(plan.goals)),
            self.tr("%n action(s)", "", len(plan.actions)),
            self.tr("%n overdue", "", overdue),
        ]
        if next_review is not None:
            parts.append(self.tr("next review: %1").replace("%1", format_date(next_review)))
        self.summary.setText(" · ".join(parts))
        may_add = plan.may_add
        self.goal_section.set_rows(
            [
                SectionRow(
                    goal.id,
                    [str(goal.position), _one_line(goal.description), format_date(goal.reached_on)],
                    goal.editable,
                    goal.owner_name,
                )
                for goal in plan.goals
            ],
            may_add=may_add,
        )
        self.action_section.set_rows(
            [
                SectionRow(
                    action.id,
                    [
                        _one_line(action.description),
                        self._responsible(action),
                        format_date(action.due_on),
                        self._state(action),
                    ],
                    action.editable,
                    action.owner_name,
                    overdue=action.overdue,
                )
                for action in plan.actions
            ],
            may_add=may_add,
        )
        self.interview_section.set_rows(
            [
                SectionRow(
                    interview.id,
                    [
                        format_date(interview.held_on),
                        interview.place,
                        "; ".join(interview.participants),
                        self.tr("present") if interview.person_present else self.tr("absent"),
                    ],
                    interview.editable,
                    interview.owner_name,
                )
                for interview in plan.interviews
            ],
            may_add=may_add,
        )
        self.review_section.set_rows(
            [
                SectionRow(
                    review.id,
                    [
                        format_date(review.review_on),
                        label(review.outcome),
                        format_date(review.next_review_on),
                    ],
                    review.editable,
                    review.owner_name,
                )
                for review in plan.reviews
            ],
            may_add=may_add,
        )

    def _sections(self) -> tuple[PlanSection, ...]:
        return (self.goal_section, self.action_section, self.interview_section, self.review_section)

    def _responsible(self, action: PlanActionRow) -> str:
        who = action.responsible_organization_name or label(action.responsible_party)
        return f"{who} – {action.responsible_name}" if action.responsible_name else who

    def _state(self, action: PlanActionRow) -> str:
        if action.overdue:
            return self.tr("Overdue")
        if action.status is ActionItemStatus.DONE and action.done_on is not None:
            return self.tr("Done on %1").replace("%1", format_date(action.done_on))
        return label(action.status)

    # -- changing ------------------------------------------------------------------------------

    def _run(self, dialog: PlanEntryDialog[object]) -> bool:
        self.last_dialog = dialog
        if not self.run_dialog(dialog) or dialog.result_plan is None:
            return False
        self.show_plan(dialog.result_plan)
        announce(PLAN_CHANGED, initiator=self)
        return True

    def edit_goal(self, goal_id: str | None) -> bool:
        plan, referral_id = self.plan, self.referral_id
        if plan is None or referral_id is None:
            return False
        goal = next((row for row in plan.goals if row.id == goal_id), None)

        def submit(data: GoalInput) -> JointPlan:
            return save_goal(self.store, actor=self.actor, referral_id=referral_id,
                             goal_id=goal_id, data=data, today=self.today())  # fmt: skip

        return self._run(GoalDialog(goal, submit, today=self.today, parent=self))  # type: ignore[arg-type]

    def edit_action(self, action_id: str | None) -> bool:
        from desktop.services.directory import search_organizations  # noqa: PLC0415 - on use

        plan, referral_id = self.plan, self.referral_id
        if plan is None or referral_id is None:
            return False
        action = next((row for row in plan.actions if row.id == action_id), None)

        def submit(data: PlanActionInput) -> JointPlan:
            return save_plan_action(self.store, actor=self.actor, referral_id=referral_id,
                                    action_id=action_id, data=data, today=self.today())  # fmt: skip

        dialog = PlanActionDialog(
            action,
            submit,
            goals=plan.goals,
            organizations=search_organizations(self.store, "", limit=5000),
            today=self.today,
            parent=self,
        )
        return self._run(dialog)  # type: ignore[arg-type]

    def edit_interview(self, interview_id: str | None) -> bool:
        plan, referral_id = self.plan, self.referral_id
        if plan is None or referral_id is None:
            return False
        interview = next((row for row in plan.interviews if row.id == interview_id), None)

        def submit(data: InterviewInput) -> JointPlan:
            return save_interview(self.store, actor=self.actor, referral_id=referral_id,
                                  interview_id=interview_id, data=data,
                                  today=self.today())  # fmt: skip

        dialog = InterviewDialog(interview, submit, today=self.today, parent=self)
        return self._run(dialog)  # type: ignore[arg-type]

    def edit_review(self, review_id: str | None) -> bool:
        plan, referral_id = self.plan, self.referral_id
        if plan is None or referral_id is None:
            return False
        review = next((row for row in plan.reviews if row.id == review_id), None)

        def submit(data: ReviewInput) -> JointPlan:
            return save_review(self.store, actor=self.actor, referral_id=referral_id,
                               review_id=review_id, data=data, today=self.today())  # fmt: skip

        return self._run(ReviewDialog(review, submit, today=self.today, parent=self))  # type: ignore[arg-type]

    def remove(self, kind: PlanEntryKind, entry_id: str) -> bool:
        questions = {
            PlanEntryKind.GOAL: self.tr("Remove the selected goal?"),
            PlanEntryKind.ACTION: self.tr("Remove the selected action?"),
            PlanEntryKind.INTERVIEW: self.tr("Remove the selected joint interview?"),
            PlanEntryKind.REVIEW: self.tr("Remove the selected review?"),
        }
        if not self.confirm(questions[kind]):
            return False
        return (
            Operation(
                self,
                lambda: remove_plan_entry(
                    self.store, actor=self.actor, kind=kind, entry_id=entry_id, today=self.today()
                ),
                PLAN_CHANGED,
                initiator=self,
            )
            .success(self.show_plan)
            .run()
        )

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Shared plan"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _print(self) -> None:
        # The main window's printing shows the preview (desktop.ui.documents, which may not be
        # imported from here: it imports the referrals' list).
        if self.referral_id is not None:
            emit(self.printRequested, self.referral_id)


def _one_line(text: str) -> str:
    return " ".join(text.split())
