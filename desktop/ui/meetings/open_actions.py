"""Azioni aperte: the open action items of every meeting, by due date, overdue ones marked
(icon, words and colour, so that colour is never the only sign), closable from here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QFont
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
from desktop.store.engine import Store
from desktop.ui.common.formats import format_date
from desktop.ui.common.messages import open_modal, warning_icon
from desktop.ui.common.search_list import SearchList
from desktop.ui.common.tables import (
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    fill_table,
    fit_columns,
    selected_key,
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
                self.tr("Meeting"),
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

        self.rows: list[OpenActionRow] = []
        self.table.doubleClicked.connect(lambda _index: self.open_selected_meeting())
        self.close_button.clicked.connect(self.close_selected)
        self.open_button.clicked.connect(self.open_selected_meeting)

    def show_rows(self, text: str) -> None:
        today = self.today()
        every = list_open_actions(self.store, today=today)
        needle = normalise_search_text(text)
        self.rows = [
            row
            for row in every
            if (row.overdue or not self.overdue_only.isChecked())
            and needle
            in normalise_search_text(f"{row.description} {row.owner_name} {row.organization_name}")
        ]
        fill_table(
            self.table,
            [
                (
                    format_date(row.due_on),
                    self._state(row, today),
                    " ".join(row.description.split()),
                    row.owner_name,
                    row.organization_name,
                    fill_date(self.tr("no. %1 of %2"), "%2", row.held_on).replace(
                        "%1", row.meeting_number
                    ),
                )
                for row in self.rows
            ],
            keys=[row.id for row in self.rows],
        )
        self._mark_overdue()
        overdue = sum(row.overdue for row in every)
        self.count_label.setText(
            self.tr("%n open action(s)", "", len(every))
            + " — "
            + self.tr("%n overdue", "", overdue)
        )

    def _state(self, row: OpenActionRow, today: date) -> str:
        if row.due_on is None:
            return self.tr("No due date")
        days = (row.due_on - today).days
        if row.overdue:
            return self.tr("Overdue by %n day(s)", "", -days)
        if days == 0:
            return self.tr("Due today")
        return self.tr("Due in %n day(s)", "", days)

    def _mark_overdue(self) -> None:
        icon = warning_icon(self)
        for index, row in enumerate(self.rows):
            if not row.overdue:
                continue
            for column in range(self.table.columnCount()):
                item = self.table.item(index, column)
                assert item is not None  # every cell was filled
                item.setBackground(QBrush(OVERDUE_BACKGROUND))
                item.setForeground(QBrush(OVERDUE_FOREGROUND))
                if column in (COL_DUE, COL_STATE):
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
            state = self.table.item(index, COL_STATE)
            assert state is not None
            state.setIcon(icon)
        self._fit()

    def _fit(self) -> None:
        """Long actions and organisation names wrap onto more lines rather than being cut."""
        fit_columns(self.table)
        char = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        header.resizeSection(COL_ORGANIZATION, min(header.sectionSize(COL_ORGANIZATION), char * 30))
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()

    def is_highlighted(self, action_id: str) -> bool:
        """Whether the row of an action is shown as overdue (icon and colours)."""
        for index, row in enumerate(self.rows):
            if row.id == action_id:
                item = self.table.item(index, COL_STATE)
                return (
                    item is not None
                    and not item.icon().isNull()
                    and item.background().color() == OVERDUE_BACKGROUND
                )
        return False

    def _selected(self) -> OpenActionRow | None:
        key = selected_key(self.table)
        return next((row for row in self.rows if row.id == key), None)

    def _update_buttons(self) -> None:
        selected = self._selected() is not None
        self.close_button.setEnabled(selected)
        self.open_button.setEnabled(selected)

    def close_selected(self) -> CloseActionDialog | None:
        row = self._selected()
        if row is None:
            return None
        dialog = CloseActionDialog(
            self.store, current_actor(self.store), row.id, row.description, today=self.today(),
            on_saved=self.refresh, parent=self,
        )  # fmt: skip
        open_modal(dialog)
        return dialog

    def open_selected_meeting(self) -> None:
        row = self._selected()
        if row is not None:
            self.open_meeting.emit(row.meeting_id)
