"""The dry run's rows as a table: one line per row of the file, its verdict and its problems.

A file may hold tens of thousands of rows: the model keeps only the plan and a list of indexes
of the rows shown, and makes each cell's text when the view paints it (only the rows on
screen), so scrolling costs the same whatever the file's length.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.services.imports.model import (
    ImportPlan,
    NearMatchDecision,
    RowPlan,
    RowVerdict,
    SourceRow,
)
from desktop.ui.common.formats import format_date

COL_ROW, COL_VERDICT, COL_PERSON, COL_ISSUES = range(4)
ERROR_COLOUR = QColor("#b00020")
WARNING_COLOUR = QColor("#8a5300")
# The fields that name a person, as the person and referral imports both call them.
PERSON_FIELDS = ("last_name", "first_name", "fiscal_code")

AnyIndex = QModelIndex | QPersistentModelIndex


def pending(row: RowPlan, decisions: Mapping[int, NearMatchDecision]) -> bool:
    """A near match the user has not decided yet (a row with errors is skipped anyway)."""
    return (
        row.near_match is not None
        and row.verdict is RowVerdict.SKIPPED
        and not row.errors
        and row.number not in decisions
    )


def chosen_as_new(row: RowPlan, decisions: Mapping[int, NearMatchDecision]) -> bool:
    return (
        row.near_match is not None
        and not row.errors
        and decisions.get(row.number) is NearMatchDecision.NEW_PERSON
    )


class PlanRowsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan: ImportPlan | None = None
        self._decisions: Mapping[int, NearMatchDecision] = {}
        self._shown: list[int] = []
        self._only_problems = False
        self._sources: dict[int, SourceRow] = {}
        self._person_columns: tuple[int, ...] = ()
        self._persons: dict[int, str] = {}

    # ------------------------------------------------------------------ contents

    def set_plan(self, plan: ImportPlan | None, decisions: Mapping[int, NearMatchDecision]) -> None:
        self.beginResetModel()
        self._plan = plan
        self._decisions = decisions
        self._persons = {}
        self._sources = {} if plan is None else {row.number: row for row in plan.table.rows}
        self._person_columns = () if plan is None else _person_columns(plan)
        self._shown = self._rows_shown()
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        if only == self._only_problems:
            return
        self.beginResetModel()
        self._only_problems = only
        self._shown = self._rows_shown()
        self.endResetModel()

    def decision_changed(self, number: int) -> None:
        """Repaint the line of the row ``number`` after the user decided its near match."""
        for line, index in enumerate(self._shown):
            if self._plan is not None and self._plan.rows[index].number == number:
                self.dataChanged.emit(self.index(line, 0), self.index(line, COL_ISSUES))
                return

    def row_plan(self, line: int) -> RowPlan | None:
        if self._plan is None or not 0 <= line < len(self._shown):
            return None
        return self._plan.rows[self._shown[line]]

    def _rows_shown(self) -> list[int]:
        if self._plan is None:
            return []
        if not self._only_problems:
            return list(range(len(self._plan.rows)))
        return [
            index
            for index, row in enumerate(self._plan.rows)
            if row.issues or row.near_match is not None
        ]

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else COL_ISSUES + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Row"), self.tr("Outcome"), self.tr("Person"), self.tr("Problems"))[
                section
            ]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_plan(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_ROW:
                return str(row.number)
            if column == COL_VERDICT:
                return self.verdict_text(row)
            if column == COL_PERSON:
                return self.person_text(row)
            return self.issues_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_PERSON, COL_ISSUES):
            if column == COL_ISSUES:
                return "\n".join(issue.message for issue in row.issues) or None
            return row.near_match.display if row.near_match is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_VERDICT, COL_ISSUES):
            if row.errors:
                return QBrush(ERROR_COLOUR)
            if row.warnings or pending(row, self._decisions):
                return QBrush(WARNING_COLOUR)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ------------------------------------------------------------------ texts

    def verdict_text(self, row: RowPlan) -> str:
        if row.near_match is not None and not row.errors:
            decision = self._decisions.get(row.number)
            if decision is NearMatchDecision.NEW_PERSON:
                return self.tr("To create (new person)")
            if decision is NearMatchDecision.SKIP:
                return self.tr("Skipped (your choice)")
            if row.verdict is RowVerdict.SKIPPED:
                return self.tr("To decide")
        return {
            RowVerdict.CREATE: self.tr("To create"),
            RowVerdict.UPDATE: self.tr("To update"),
            RowVerdict.UNCHANGED: self.tr("Unchanged"),
            RowVerdict.SKIPPED: self.tr("Skipped"),
        }[row.verdict]

    def issues_text(self, row: RowPlan) -> str:
        texts = [issue.message for issue in row.errors] + [issue.message for issue in row.warnings]
        if row.near_match is not None:
            texts.append(
                self.tr("Possibly already in Trama: %1").replace("%1", row.near_match.display)
            )
        if row.verdict is RowVerdict.UPDATE and row.changes and not row.errors:
            texts.append(self.tr("Changes: %1").replace("%1", ", ".join(self._labels(row))))
        return "  ·  ".join(texts)

    def _labels(self, row: RowPlan) -> list[str]:
        if self._plan is None:
            return list(row.changes)
        from desktop.services.imports.fields import import_fields  # noqa: PLC0415 - cheap

        try:
            labels = {field.key: field.label for field in import_fields(self._plan.kind)}
        except NotImplementedError:
            labels = {}
        return [labels.get(key, key) for key in row.changes]

    def person_text(self, row: RowPlan) -> str:
        cached = self._persons.get(row.number)
        if cached is None:
            cached = self._person_of(row)
            self._persons[row.number] = cached
        return cached

    def _person_of(self, row: RowPlan) -> str:
        """ "ROSSI Maria, RSSMRA…" from the parsed values, or as written in the file."""
        parts = [_text(row.values.get(key)) for key in PERSON_FIELDS]
        if not any(parts):
            source = self._sources.get(row.number)
            if source is not None:
                parts = [
                    _text(source.cells[column]) if 0 <= column < len(source.cells) else ""
                    for column in self._person_columns
                ]
        last, first, code = [*parts, "", "", ""][:3]
        name = " ".join(part for part in (last.upper(), first) if part)
        return ", ".join(part for part in (name, code.upper()) if part)


def _person_columns(plan: ImportPlan) -> tuple[int, ...]:
    """The file's columns mapped to last name, first name and codice fiscale (-1: none)."""
    by_field = {
        plan.mapping.field_of(header): column for column, header in enumerate(plan.table.headers)
    }
    return tuple(by_field.get(key, -1) for key in PERSON_FIELDS)


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "day"):
        return format_date(value)  # type: ignore[arg-type]
    return str(value).strip()
