"""Azioni aperte: the open action items of every meeting, by due date, overdue ones marked
(icon, words and colour, so that colour is never the only sign), closable from here.

The open actions and the next reviews of the joint plans this site is a party to are listed
with them (issue 17), each saying which referral it comes from; they are followed up in the
referral's "Shared plan" tab, which a double click opens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QPushButton,
    QWidget,
)

from desktop.documents.formatting import fill_date
from desktop.domain.text import normalise_search_text
from desktop.services.installation import current_actor
from desktop.services.meetings import OpenActionRow, list_open_actions
from desktop.services.referrals.joint_plan import PlanDueRow, PlanEntryKind, list_plan_due
from desktop.store.engine import Store
from desktop.ui.common.messages import open_modal, warning_icon
from desktop.ui.common.search_list import SearchList
from desktop.ui.common.tables import (
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    RowStyle,
    Shown,
    fit_columns,
)
from desktop.ui.meetings.actions_tab import CloseActionDialog

COL_DUE = 0
COL_STATE = 1
COL_ACTION = 2
COL_OWNER = 3
COL_ORGANIZATION = 4
COL_MEETING = 5


class OpenActionsView(SearchList):
    """``open_meeting`` asks the page to open an action's meeting."""

    open_meeting = Signal(str)
    # A plan's row: its referral, opened in the main window's editors when there are any.
    open_referral = Signal(str)

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, parent)
        self.today = today
        self.overdue_only = QCheckBox(self.tr("Overdue only"), self)
        self.close_button = QPushButton(self.tr("Mark as done…"), self)
        self.open_button = QPushButton(self.tr("Open the meeting"), self)
        self.build_table(
            [
                self.tr("Due date"),
                self.tr("State"),
                self.tr("Action"),
                self.tr("Responsible"),
                self.tr("Organisation"),
                self.tr("From"),
            ],
        )
        # The action's text takes the width left over; rows grow to show it whole.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(
            lambda column, _old, _new: (
                self.table.resizeRowsToContents() if column == COL_ACTION else None
            )
        )
        self.lay_out(
            self.tr("Search by action, responsible or organisation"),
            [self.overdue_only],
            [self.close_button, self.open_button],
        )

        self.rows: list[OpenActionRow | PlanDueRow] = []
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.open_selected_meeting())
        self.close_button.clicked.connect(self.close_selected)
        self.open_button.clicked.connect(self.open_selected_meeting)

    def show_rows(self, text: str) -> None:
        today = self.today()
        every: list[OpenActionRow | PlanDueRow] = [
            *list_open_actions(self.store, today=today),
            *list_plan_due(self.store, actor=current_actor(self.store), today=today),
        ]
        every.sort(key=lambda row: (row.due_on is None, row.due_on or date.max))
        needle = normalise_search_text(text)
        self.rows = [
            row
            for row in every
            if (row.overdue or not self.overdue_only.isChecked())
            and needle in normalise_search_text(self._searched(row))
        ]
        overdue_style = RowStyle(
            foreground=OVERDUE_FOREGROUND,
            background=OVERDUE_BACKGROUND,
            bold_columns=frozenset({COL_DUE, COL_STATE}),
            icon=warning_icon(self),
            icon_column=COL_STATE,
        )
        self.table.fill(
            [
                (
                    row.due_on,
                    # The state sorts as its due date does (no due date last).
                    Shown(self._state(row, today), row.due_on),
                    " ".join(row.description.split()),
                    *self._who(row),
                    self._source(row),
                )
                for row in self.rows
            ],
            keys=[row.id for row in self.rows],
            styles=[overdue_style if row.overdue else None for row in self.rows],
            fit=False,
        )
        self._fit()
        overdue = sum(row.overdue for row in every)
        self.count_label.setText(
            self.tr("%n open action(s)", "", len(every))
            + " — "
            + self.tr("%n overdue", "", overdue)
        )

    def empty_text(self) -> str:
        return self.tr(
            "No open actions. Actions are added in a meeting's «Actions» tab, or in a "
            "referral's shared plan."
        )

    @staticmethod
    def _searched(row: OpenActionRow | PlanDueRow) -> str:
        if isinstance(row, PlanDueRow):
            return f"{row.description} {row.responsible} {row.organization} {row.referral_number}"
        return f"{row.description} {row.owner_name} {row.organization_name}"

    @staticmethod
    def _who(row: OpenActionRow | PlanDueRow) -> tuple[str, str]:
        if isinstance(row, PlanDueRow):
            return row.responsible, row.organization
        return row.owner_name, row.organization_name

    def _source(self, row: OpenActionRow | PlanDueRow) -> str:
        if isinstance(row, PlanDueRow):
            if row.kind is PlanEntryKind.REVIEW:
                text = self.tr("Shared plan review – Referral %1")
            else:
                text = self.tr("Shared plan – Referral %1")
            return text.replace("%1", row.referral_number)
        return fill_date(self.tr("no. %1 of %2"), "%2", row.held_on).replace(
            "%1", row.meeting_number
        )

    def _state(self, row: OpenActionRow | PlanDueRow, today: date) -> str:
        if row.due_on is None:
            return self.tr("No due date")
        days = (row.due_on - today).days
        if row.overdue:
            return self.tr("Overdue by %n day(s)", "", -days)
        if days == 0:
            return self.tr("Due today")
        return self.tr("Due in %n day(s)", "", days)

    def _fit(self) -> None:
        """Long actions and organisation names wrap onto more lines rather than being cut."""
        fit_columns(self.table)
        char = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        for column in (COL_ORGANIZATION, COL_MEETING):
            header.resizeSection(column, min(header.sectionSize(column), char * 30))
        # The action takes the width left over, but never less than a readable line: with
        # little room the table scrolls sideways rather than squashing it to dots.
        others = sum(
            header.sectionSize(column) for column in range(header.count()) if column != COL_ACTION
        )
        room = self.table.viewport().width() - others
        readable = char * 36
        if room < readable:
            header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(COL_ACTION, readable)
        else:
            header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()

    def is_highlighted(self, action_id: str) -> bool:
        """Whether the row of an action is shown as overdue (icon and colours)."""
        row = self.table.rows_model.row_of(action_id)
        if row < 0:
            return False
        state = self.table.rows_model.index(row, COL_STATE)
        icon = state.data(Qt.ItemDataRole.DecorationRole)
        background = state.data(Qt.ItemDataRole.BackgroundRole)
        return (
            icon is not None
            and not icon.isNull()
            and background is not None
            and background.color() == OVERDUE_BACKGROUND
        )

    def _selected(self) -> OpenActionRow | PlanDueRow | None:
        key = self.table.selected_key()
        return next((row for row in self.rows if row.id == key), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The action's room depends on the table's width: fitted again when it changes.
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _update_buttons(self) -> None:
        selected = self._selected()
        # A plan's entry is followed up in its referral, by the party that wrote it.
        self.close_button.setEnabled(isinstance(selected, OpenActionRow))
        self.open_button.setEnabled(selected is not None)
        self.open_button.setText(
            self.tr("Open the referral")
            if isinstance(selected, PlanDueRow)
            else self.tr("Open the meeting")
        )

    def close_selected(self) -> CloseActionDialog | None:
        row = self._selected()
        if not isinstance(row, OpenActionRow):
            return None
        dialog = CloseActionDialog(
            self.store, current_actor(self.store), row.id, row.description, today=self.today(),
            on_saved=self.refresh, parent=self,
        )  # fmt: skip
        open_modal(dialog)
        return dialog

    def open_selected_meeting(self) -> None:
        row = self._selected()
        if isinstance(row, PlanDueRow):
            self.open_referral.emit(row.referral_id)
            launcher = getattr(self.window(), "referral_editors", None)
            if launcher is not None:  # the main window's (desktop.ui.referrals.launcher)
                launcher.open_referral(row.referral_id)
        elif row is not None:
            self.open_meeting.emit(row.meeting_id)
