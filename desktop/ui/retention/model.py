"""The records past their retention period as a table: labels, sort keys and check marks.

Held records (restricted, GDPR art. 18) are shown greyed with the reason and can never be
checked: the privacy officer sees them, but cannot send them to ``anonymise``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop.domain.codes import Outcome, ReferralStatus, RetentionRecordKind
from desktop.services.retention import DueRecord
from desktop.ui.common.formats import format_date
from desktop.ui.labels import label, short_track_label

COL_KIND = 0
COL_NUMBER = 1
COL_TRACK = 2
COL_CLOSING = 3
COL_CLOSED_ON = 4
COL_DUE_ON = 5
COL_PERIOD = 6
COL_NOTE = 7
COLUMNS = 8

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2

HELD_FOREGROUND = QColor(128, 128, 128)
DECISION_FOREGROUND = QColor(138, 90, 0)

_Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: RetentionRecordKind) -> str:
    if kind == RetentionRecordKind.PERSON:
        return QCoreApplication.translate("Retention", "Person")
    return QCoreApplication.translate("Retention", "Referral")


def closing_label(record: DueRecord) -> str:
    """How the record closed, in words: a referral status or a CPI outcome."""
    if not record.closing:
        if record.record_kind == RetentionRecordKind.PERSON:
            return QCoreApplication.translate("Retention", "No referral left to keep")
        return "—"
    for enum in (ReferralStatus, Outcome):
        try:
            return label(enum(record.closing))
        except ValueError:
            continue
    # A closing a newer rule names and this release does not know: never show the code.
    return QCoreApplication.translate("Retention", "Other closing")


def period_text(months: int) -> str:
    """ "5 anni", "18 mesi": years when the period is a whole number of them."""
    if months and months % 12 == 0:
        return QCoreApplication.translate("Retention", "%n year(s)", "", months // 12)
    return QCoreApplication.translate("Retention", "%n month(s)", "", months)


def held_text() -> str:
    return QCoreApplication.translate(
        "Retention", "Restriction of processing in force: it will not be anonymised"
    )


def decision_text() -> str:
    return QCoreApplication.translate("Retention", "To be decided by the controller")


def note_text(record: DueRecord) -> str:
    notes = []
    if record.held:
        notes.append(held_text())
    if record.needs_decision:
        notes.append(decision_text())
    return " · ".join(notes)


def _date_key(value: date) -> str:
    return value.isoformat()


class DueRecordsModel(QAbstractTableModel):
    """The due records, sorted by the view's column; the first column carries the check mark.

    The model sorts itself, in Python with one key per record: a sort proxy would ask
    ``data()`` a million times for 20,000 rows (seconds, across the Qt/Python boundary).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[DueRecord] = []
        self.checked: set[str] = set()
        self._sort_column = COL_DUE_ON
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = [
            QCoreApplication.translate("Retention", "Kind"),
            QCoreApplication.translate("Retention", "Number"),
            QCoreApplication.translate("Retention", "Track"),
            QCoreApplication.translate("Retention", "How it closed"),
            QCoreApplication.translate("Retention", "Closed on"),
            QCoreApplication.translate("Retention", "Due since"),
            QCoreApplication.translate("Retention", "Period"),
            QCoreApplication.translate("Retention", "Notes"),
        ]

    # -- data ---------------------------------------------------------------------------------

    def set_records(self, records: Sequence[DueRecord]) -> None:
        """Replace the list; check marks stay on the records still listed."""
        self.beginResetModel()
        self.records = self._sorted(records)
        listed = {record.record_id for record in self.records if not record.held}
        self.checked &= listed
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        # Selected and current cells follow their records to their new rows.
        persistent = self.persistentIndexList()
        followed = [(self.records[i.row()].record_id, i.column()) for i in persistent]
        self.records = self._sorted(self.records)
        rows = {record.record_id: row for row, record in enumerate(self.records)}
        self.changePersistentIndexList(
            persistent, [self.index(rows[rid], column) for rid, column in followed]
        )
        self.layoutChanged.emit()

    def _sorted(self, records: Sequence[DueRecord]) -> list[DueRecord]:
        column = self._sort_column
        # Stable: rows with the same key keep list_due's order (oldest due first).
        return sorted(
            records,
            key=lambda record: self._sort_key(record, column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def checked_ids(self) -> list[str]:
        """The checked records' ids, in the list's order (held records never among them)."""
        return [
            record.record_id
            for record in self.records
            if record.record_id in self.checked and not record.held
        ]

    def checked_records(self) -> list[DueRecord]:
        return [r for r in self.records if r.record_id in self.checked and not r.held]

    def set_all_checked(self, checked: bool) -> None:
        if checked:
            self.checked = {record.record_id for record in self.records if not record.held}
        else:
            self.checked = set()
        if self.records:
            # One notice for the whole column: 20,000 rows are checked at once.
            self.dataChanged.emit(
                self.index(0, COL_KIND),
                self.index(len(self.records) - 1, COL_KIND),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def selectable_count(self) -> int:
        return sum(1 for record in self.records if not record.held)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_KIND and not self.records[index.row()].held:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == RECORD_ID_ROLE:
            return record.record_id
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_KIND and not record.held:
            return (
                Qt.CheckState.Checked
                if record.record_id in self.checked
                else Qt.CheckState.Unchecked
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record)
        if role == Qt.ItemDataRole.ForegroundRole:
            if record.held:
                return HELD_FOREGROUND
            if column == COL_NOTE and record.needs_decision:
                return DECISION_FOREGROUND
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_KIND:
            return False
        record = self.records[index.row()]
        if record.held:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(record.record_id)
        else:
            self.checked.discard(record.record_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def _text(self, record: DueRecord, column: int) -> str:
        if column == COL_KIND:
            return kind_label(record.record_kind)
        if column == COL_NUMBER:
            return record.number or "—"
        if column == COL_TRACK:
            return short_track_label(record.track) if record.track is not None else "—"
        if column == COL_CLOSING:
            return closing_label(record)
        if column == COL_CLOSED_ON:
            return format_date(record.closed_on)
        if column == COL_DUE_ON:
            return format_date(record.due_on)
        if column == COL_PERIOD:
            return period_text(record.months)
        return note_text(record)

    def _sort_key(self, record: DueRecord, column: int) -> str | int:
        if column == COL_CLOSED_ON:
            return _date_key(record.closed_on)
        if column == COL_DUE_ON:
            return _date_key(record.due_on)
        if column == COL_PERIOD:
            return record.months
        if column == COL_NUMBER:
            # Persons (no number) after the referrals.
            return record.number or "\uffff"
        return self._text(record, column).casefold()

    def _tooltip(self, record: DueRecord) -> str:
        lines = [
            QCoreApplication.translate("Retention", "Basis of the rule: %1").replace(
                "%1", record.basis
            )
        ]
        if record.needs_decision:
            lines.append(
                QCoreApplication.translate(
                    "Retention",
                    "The period is a proposal still awaiting the controller's decision.",
                )
            )
        if record.held:
            lines.append(held_text())
        return "\n".join(lines)
