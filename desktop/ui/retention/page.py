"""Strumenti → Conservazione dei dati…: the privacy officer reviews the records past their
retention period and confirms their anonymisation (DOMAIN.md §5, GDPR art. 5(1)(e)).

The list and the anonymisation come from ``desktop.services.retention`` (read as module
attributes, so that the service can be replaced in tests); both run off the GUI thread: 20,000
due records take a while to list and longer to anonymise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.formatting import fill_date
from desktop.domain.codes import RetentionRecordKind
from desktop.services import retention
from desktop.services.errors import ServiceError
from desktop.services.installation import current_actor
from desktop.services.retention import AnonymisationResult, DueRecord
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.formats import format_count
from desktop.ui.common.messages import MessageBanner, open_modal
from desktop.ui.common.window_state import fit_window
from desktop.ui.crash.storage import error_text, storage_failure
from desktop.ui.operations import Changes, follow_changes, report_bug
from desktop.ui.retention.confirm import ConfirmAnonymisation, counted
from desktop.ui.retention.model import (
    COL_CLOSING,
    COL_DUE_ON,
    COL_KIND,
    COL_NOTE,
    DueRecordsModel,
    closing_label,
    decision_text,
    held_text,
    kind_label,
    period_text,
)
from desktop.ui.retention.run import AnonymisationRun

PAGE_TABLE = 0
PAGE_EMPTY = 1
PAGE_LOADING = 2


def _is_known(error: Exception) -> bool:
    return isinstance(error, ServiceError | OSError) or storage_failure(error) is not None


class RetentionPage(QDialog):
    """The Conservazione dei dati page, as a dialog of the main window."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.loading = False
        self.load_task: BackgroundTask | None = None
        self.run: AnonymisationRun | None = None
        self.confirmation: ConfirmAnonymisation | None = None
        self.setWindowTitle(self.tr("Data retention"))
        char = self.fontMetrics().averageCharWidth()
        fit_window(self, char * 200, self.fontMetrics().lineSpacing() * 38, key="retention")

        intro = QLabel(
            self.tr(
                "The records below are past the retention period set by the Province's rules. "
                "Check the list, then anonymise the records that are no longer needed: their "
                "identifiers, contacts and free texts are removed; codes, outcomes and dates "
                "to the month stay for the statistics."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        summary_font = QFont(self.summary_label.font())
        summary_font.setBold(True)
        self.summary_label.setFont(summary_font)
        self.error_banner = MessageBanner(self)
        self.result_banner = MessageBanner(self)

        self.model = DueRecordsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DUE_ON, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Columns fitted to the first rows: the texts are alike, and 20,000 would take a second.
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Records past their retention period"))
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._on_current_changed)
        self.model.dataChanged.connect(self._on_checks_changed)
        self.model.modelReset.connect(self._on_checks_changed)
        self.model.modelReset.connect(lambda: self._show_detail(None))

        self.empty_label = QLabel(self.tr("No data past the retention period."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")
        self.loading_label = QLabel(self.tr("Reading the records past their period…"), self)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setStyleSheet("color: palette(placeholder-text);")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.loading_label)

        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.detail_label.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); border-radius: 3px; padding: 6px; }"
        )

        self.select_all_button = QPushButton(self.tr("Select all"), self)
        self.select_all_button.clicked.connect(lambda: self.model.set_all_checked(True))
        self.select_none_button = QPushButton(self.tr("Select none"), self)
        self.select_none_button.clicked.connect(lambda: self.model.set_all_checked(False))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.selected_label = QLabel(self)
        self.anonymise_button = QPushButton(self.tr("Anonymise the selected…"), self)
        self.anonymise_button.clicked.connect(self.ask_confirmation)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.close)
        for button in (self.select_all_button, self.select_none_button, self.anonymise_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_all_button)
        buttons.addWidget(self.select_none_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.selected_label)
        buttons.addWidget(self.anonymise_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(intro)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.result_banner)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)

        # Another page, a sync (new rules, a restriction lifted elsewhere) or a new role.
        follow_changes(
            self, Changes(referrals=True, persons=True, site=True, reference=True), self.refresh
        )
        self._show_detail(None)
        self._on_checks_changed()

    # -- reading the list ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the due records again, off the GUI thread; check marks stay where they were."""
        if self.load_task is not None:
            self.load_task.cancel()  # its result is dropped: this read is newer
        store = self.store
        day = self.today()

        def job(_cancelled: Callable[[], bool], _progress: object) -> list[DueRecord]:
            return retention.list_due(store, actor=current_actor(store), today=day)

        self.loading = True
        self.error_banner.clear_message()
        if not self.model.records:
            self.stack.setCurrentIndex(PAGE_LOADING)
        self.refresh_button.setEnabled(False)
        self._on_checks_changed()
        task = BackgroundTask(job, parent=self)
        task.finished.connect(self._on_loaded)
        task.failed.connect(self._on_load_failed)
        self.load_task = task
        task.start()

    @Slot(object)
    def _on_loaded(self, records: object) -> None:
        assert isinstance(records, list)  # what list_due returns
        self._loaded()
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        self._fit_columns()
        self.stack.setCurrentIndex(PAGE_TABLE if records else PAGE_EMPTY)
        self.detail_label.setVisible(bool(records))
        self._show_summary()
        if records and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    @Slot(object)
    def _on_load_failed(self, error: object) -> None:
        self._loaded()
        assert isinstance(error, Exception)
        # Nothing is listed that cannot be trusted: the officer acts on a fresh list only.
        self.model.set_records([])
        self.stack.setCurrentIndex(PAGE_EMPTY)
        self.detail_label.hide()
        self.empty_label.setText(self.tr("The list could not be read."))
        self.summary_label.setText("")
        if _is_known(error):
            self.error_banner.show_error(error_text(error))
        else:
            report_bug(error)

    def _loaded(self) -> None:
        self.loading = False
        self.load_task = None
        self.refresh_button.setEnabled(True)
        self.empty_label.setText(self.tr("No data past the retention period."))

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        limit = self.fontMetrics().averageCharWidth() * 40
        for column in range(self.model.columnCount()):
            if column != COL_NOTE and header.sectionSize(column) > limit:
                header.resizeSection(column, limit)
        # Room for the check box beside the kind.
        header.resizeSection(COL_KIND, header.sectionSize(COL_KIND) + 8)
        if header.sectionSize(COL_CLOSING) < limit // 2:
            header.resizeSection(COL_CLOSING, limit // 2)

    def _show_summary(self) -> None:
        records = self.model.records
        referrals = sum(1 for r in records if r.record_kind == RetentionRecordKind.REFERRAL)
        persons = len(records) - referrals
        if not records:
            self.summary_label.setText("")
            return
        text = self.tr("%1 past the retention period.").replace("%1", counted(referrals, persons))
        held = sum(1 for r in records if r.held)
        if held:
            text += " " + self.tr(
                "%n under restriction of processing, which will not be anonymised.", "", held
            )
        self.summary_label.setText(text)

    # -- the selection and the detail ---------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Space checks the current row whichever of its cells has the focus (Qt's own only
        # toggles the check box's cell).
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.toggle_current()
            return True
        return super().eventFilter(watched, event)

    def toggle_current(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        box = self.model.index(current.row(), COL_KIND)
        if not box.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return  # held: never checked
        state = box.data(Qt.ItemDataRole.CheckStateRole)
        checked = Qt.CheckState(state) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        self.model.setData(box, new, Qt.ItemDataRole.CheckStateRole)

    def _on_checks_changed(self, *_args: object) -> None:
        checked = len(self.model.checked_ids())
        self.selected_label.setText(
            self.tr("Selected: %1 of %2")
            .replace("%1", format_count(checked))
            .replace("%2", format_count(self.model.selectable_count()))
        )
        self.anonymise_button.setEnabled(bool(checked) and not self.loading and self.run is None)
        selectable = self.model.selectable_count() > 0
        self.select_all_button.setEnabled(selectable)
        self.select_none_button.setEnabled(selectable)

    def _on_current_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            self._show_detail(None)
            return
        self._show_detail(self.model.records[indexes[0].row()])

    def _show_detail(self, record: DueRecord | None) -> None:
        if record is None:
            self.detail_label.setText(self.tr("Select a row to read the rule that applies to it."))
            return
        name = kind_label(record.record_kind)
        if record.number:
            name += " " + record.number
        lines = [
            fill_date(
                fill_date(
                    self.tr("%1 — %2, closed on %3; period %4, over since %5."),
                    "%3",
                    record.closed_on,
                ),
                "%5",
                record.due_on,
            )
            .replace("%1", name)
            .replace("%2", closing_label(record))
            .replace("%4", period_text(record.months)),
            self.tr("Basis of the rule: %1").replace("%1", record.basis),
        ]
        if record.needs_decision:
            lines.append(
                decision_text()
                + ": "
                + self.tr("the period is a proposal still awaiting the controller's decision.")
            )
        if record.held:
            lines.append(held_text() + ".")
        self.detail_label.setText("\n".join(lines))

    # -- anonymising --------------------------------------------------------------------------

    def ask_confirmation(self) -> None:
        chosen = self.model.checked_records()
        if not chosen or self.run is not None:
            return
        referrals = sum(1 for r in chosen if r.record_kind == RetentionRecordKind.REFERRAL)
        dialog = ConfirmAnonymisation(
            referrals=referrals,
            persons=len(chosen) - referrals,
            held=sum(1 for r in self.model.records if r.held),
            parent=self,
        )
        self.confirmation = dialog
        ids = [r.record_id for r in chosen]

        def forget() -> None:
            self.confirmation = None

        def confirmed() -> None:
            self.start_anonymisation(ids)

        dialog.finished.connect(lambda _result: forget())
        open_modal(dialog, confirmed)

    def start_anonymisation(self, record_ids: list[str]) -> AnonymisationRun:
        self.result_banner.clear_message()
        run = AnonymisationRun(
            self, self.store, record_ids, today=self.today, on_failure=self._on_run_refused
        )
        run.finished.connect(self._on_run_finished)
        run.failed.connect(self._on_run_ended)
        self.run = run
        self._on_checks_changed()
        run.start()
        return run

    def _on_run_finished(self, result: object) -> None:
        assert isinstance(result, AnonymisationResult)
        self._on_run_ended()
        done = counted(result.referrals, result.persons)
        if result.cancelled:
            text = self.tr(
                "Anonymisation stopped. Records anonymised before the stop: %1. The others are "
                "still in the list."
            ).replace("%1", done)
        else:
            text = self.tr("Anonymisation done. Records anonymised: %1.").replace("%1", done)
        if result.held:
            text += " " + self.tr(
                "%n record(s) under restriction of processing left untouched.", "", result.held
            )
        text += " " + self.tr(
            "The change reaches the server and the other sites with the next synchronisation."
        )
        if result.cancelled:
            self.result_banner.show_warning(text)
        else:
            self.result_banner.show_info(text)
        # The page follows the change notice and reads the list again.

    def _on_run_refused(self, error: Exception) -> None:
        self.result_banner.show_error(error_text(error))

    def _on_run_ended(self, *_args: object) -> None:
        if self.run is not None:
            self.run.deleteLater()
        self.run = None
        self._on_checks_changed()

    # -- the window ---------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        self.refresh()
