"""A table of rows under Add…, Edit… and Remove, as on most tabs of the editors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.editor_tab import button_row
from desktop.ui.common.messages import open_modal
from desktop.ui.common.tables import selected_key


class RowsTable:
    """For an ``EditorTab`` whose rows (each with an ``id``) sit in a table: the buttons, their
    enabling, opening a row's dialog (also on double click) and removing after asking.

    Put it before the tab's Qt base class; the tab builds the table, calls ``row_buttons`` and
    says what its rows are (``rows``), which dialog adds or edits one (``row_dialog``) and how
    one is removed (``remove_row``, ``removal_question``).
    """

    # Given by the EditorTab this is mixed into (annotations only: defining them here would
    # hide the tab's own).
    editable: bool
    ask_then: Callable[..., QMessageBox]

    rows_table: QTableWidget
    add_button: QPushButton
    edit_button: QPushButton
    remove_button: QPushButton

    def row_buttons(self, table: QTableWidget, add_text: str) -> QHBoxLayout:
        """The Add…/Edit…/Remove buttons over ``table``, wired to it, on the left of a row."""
        owner = cast(QWidget, self)
        self.rows_table = table
        self.add_button = QPushButton(add_text, owner)
        self.edit_button = QPushButton(QCoreApplication.translate("RowsTable", "Edit…"), owner)
        self.remove_button = QPushButton(QCoreApplication.translate("RowsTable", "Remove"), owner)
        self.add_button.clicked.connect(self.add_row)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        table.doubleClicked.connect(lambda _index: self.edit_selected())
        table.itemSelectionChanged.connect(self._update_buttons)
        return button_row(self.add_button, self.edit_button, self.remove_button)

    def lay_out_rows(self, table: QTableWidget, add_text: str, footer: QWidget) -> QHBoxLayout:
        """The whole tab: the buttons, the table taking the height, ``footer`` (a count) below.
        Returns the row of buttons, for a tab with more of them."""
        buttons = self.row_buttons(table, add_text)
        layout = QVBoxLayout(cast(QWidget, self))
        layout.addLayout(buttons)
        layout.addWidget(table, 1)
        layout.addWidget(footer)
        return buttons

    # --- what the tab says about its rows ---------------------------------------------------

    def rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def row_dialog(self, row: Any | None) -> QDialog | None:
        """The dialog adding (``row`` None) or editing a row; None when nothing is loaded."""
        raise NotImplementedError

    def remove_row(self, row: Any) -> None:
        raise NotImplementedError

    def removal_question(self, row: Any) -> str:
        raise NotImplementedError

    def removal_details(self, row: Any) -> Sequence[str]:
        return ()

    # --- the buttons' work ------------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.editable)
        selected = self.editable and selected_key(self.rows_table) is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _selected(self) -> Any | None:
        key = selected_key(self.rows_table)
        if key is None:
            return None
        return next((row for row in self.rows() if row.id == key), None)

    def add_row(self) -> QDialog | None:
        dialog = self.row_dialog(None)
        if dialog is not None:
            open_modal(dialog)
        return dialog

    def edit_selected(self) -> QDialog | None:
        row = self._selected()
        if row is None or not self.editable:
            return None
        dialog = self.row_dialog(row)
        if dialog is not None:
            open_modal(dialog)
        return dialog

    def remove_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        self.ask_then(
            self.removal_question(row),
            lambda: self.remove_row(row),
            yes_text=QCoreApplication.translate("RowsTable", "Remove"),
            details=self.removal_details(row),
        )
