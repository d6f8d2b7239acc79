"""The audit screen: the rows of this PC's audit trail, filtered, sorted, exported.

Opening it is recorded in the audit (once per opening, ``open_audit``); the rows are read a page
at a time, newest first, and a click on a heading sorts the rows shown. The exports run on a
worker thread with a progress dialog that can cancel them; "Registro di una persona…" shows the
registro degli accessi of one person in the documents' preview, from which it is printed or
saved (and so recorded as issued).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.audit_query import (
    PAGE_ROWS,
    AuditChoices,
    AuditExportCancelled,
    AuditFilter,
    AuditLine,
    AuditPage,
    access_register,
    export_audit_pdf,
    export_audit_xlsx,
    list_audit_page,
    open_audit,
)
from desktop.services.context import Actor
from desktop.services.errors import ServiceError
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.audit.person_dialog import RegisterDialog
from desktop.ui.background import BackgroundTask
from desktop.ui.common.fields import DateField
from desktop.ui.common.formats import format_count
from desktop.ui.common.messages import MessageBanner, open_modal, show_error
from desktop.ui.common.search_list import search_as_typed
from desktop.ui.common.tables import fit_columns, make_table, selected_key
from desktop.ui.common.window_state import fit_window
from desktop.ui.documents.preview import DocumentPreview
from desktop.ui.operations import (
    Changes,
    Operation,
    follow_changes,
    refusal_text,
    report_bug,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_WHEN = 0


class _SortedItem(QTableWidgetItem):
    """A cell that sorts by its key (the time as ISO text, others without regard to case)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if isinstance(mine, str) and isinstance(theirs, str):
            return mine < theirs
        return super().__lt__(other)


def open_audit_dialog(
    parent: QWidget | None, store: Store, *, today: Callable[[], date] = date.today
) -> AuditDialog | None:
    """Check the role and record the opening, then show the screen; None if refused."""
    actor = current_actor(store)
    opened: list[AuditDialog] = []

    def show(choices: AuditChoices) -> None:
        dialog = AuditDialog(store, actor, choices, parent, today=today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        opened.append(dialog)

    Operation(parent, lambda: open_audit(store, actor=actor), Changes()).success(show).failure(
        lambda error: show_error(parent, error) if parent is not None else None
    ).run()
    return opened[0] if opened else None


class AuditDialog(QDialog):
    """Filters over the table, the count and the exports under it."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        choices: AuditChoices,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.today = today
        self.page: AuditPage | None = None
        self.export_task: BackgroundTask | None = None
        self.message: QMessageBox | None = None
        self.preview: DocumentPreview | None = None
        self.setWindowTitle(self.tr("Access register"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.operator_combo = QComboBox(self)
        self.operator_combo.setAccessibleName(self.tr("Operator"))
        self.action_combo = QComboBox(self)
        self.action_combo.setAccessibleName(self.tr("Action"))
        self.set_choices(choices)
        self.record_field = QLineEdit(self)
        self.record_field.setClearButtonEnabled(True)
        self.record_field.setPlaceholderText(self.tr("Record id or referral number"))
        self.record_field.setAccessibleName(self.tr("Record"))
        self.since_field = DateField(self, today=today, clear_button=True)
        self.since_field.setAccessibleName(self.tr("From"))
        self.until_field = DateField(self, today=today, clear_button=True)
        self.until_field.setAccessibleName(self.tr("To"))

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        pairs: Sequence[tuple[str, QWidget]] = (
            (self.tr("&Operator:"), self.operator_combo),
            (self.tr("&Action:"), self.action_combo),
            (self.tr("&Record:"), self.record_field),
        )
        for column, (caption, widget) in enumerate(pairs):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            filters.addWidget(label, 0, column * 2)
            filters.addWidget(widget, 0, column * 2 + 1)
            filters.setColumnStretch(column * 2 + 1, 1)
        period = QHBoxLayout()
        since_label = QLabel(self.tr("&From:"), self)
        since_label.setBuddy(self.since_field)
        until_label = QLabel(self.tr("&To:"), self)
        until_label.setBuddy(self.until_field)
        period.addWidget(since_label)
        period.addWidget(self.since_field)
        period.addSpacing(16)
        period.addWidget(until_label)
        period.addWidget(self.until_field)
        period.addStretch(1)
        period_label = QLabel(self.tr("Period:"), self)
        filters.addWidget(period_label, 1, 0)
        filters.addLayout(period, 1, 1, 1, 5)

        self.banner = MessageBanner(self)
        self.table = make_table(
            self,
            [
                self.tr("Date and time"),
                self.tr("Operator"),
                self.tr("Workstation"),
                self.tr("Action"),
                self.tr("Record kind"),
                self.tr("Referral"),
                self.tr("Record id"),
                self.tr("Details"),
            ],
        )
        self.table.horizontalHeader().setSortIndicator(COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.empty_label = QLabel(self.tr("No audit row matches these filters."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.table.setAccessibleName(self.tr("Access register"))
        self.stack.addWidget(self.empty_label)

        self.count_label = QLabel(self)
        self.more_button = QPushButton(self.tr("Show &more"), self)
        self.more_button.clicked.connect(self.load_more)
        self.excel_button = QPushButton(self.tr("Export to &Excel…"), self)
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button = QPushButton(self.tr("Export to &PDF…"), self)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.register_button = QPushButton(self.tr("Register of a &person…"), self)
        self.register_button.clicked.connect(self.choose_person)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        for widget in (self.count_label, self.more_button):
            bottom.addWidget(widget)
        bottom.addStretch(1)
        for widget in (self.excel_button, self.pdf_button, self.register_button, close):
            bottom.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        self._timer = search_as_typed(self, self.record_field, self.refresh)
        self.record_field.returnPressed.connect(self.refresh)
        for combo in (self.operator_combo, self.action_combo):
            combo.currentIndexChanged.connect(lambda _index: self.refresh())
        for field in (self.since_field, self.until_field):
            field.valueChanged.connect(self.refresh)
        char = self.fontMetrics().averageCharWidth()
        fit_window(self, char * 200, self.fontMetrics().height() * 40, key="audit")
        self.refresh()
        # Every save elsewhere adds audit rows: the screen shows them as they come.
        follow_changes(self, Changes.everything(), self.refresh)

    # -- filters -----------------------------------------------------------------------------

    def set_choices(self, choices: AuditChoices) -> None:
        self.operator_combo.clear()
        self.operator_combo.addItem(self.tr("All operators"), "")
        for operator in choices.operators:
            self.operator_combo.addItem(operator, operator)
        self.action_combo.clear()
        self.action_combo.addItem(self.tr("All actions"), "")
        for code, label in choices.actions:
            self.action_combo.addItem(label, code)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            operator=str(self.operator_combo.currentData() or ""),
            record=self.record_field.text().strip(),
            action=str(self.action_combo.currentData() or ""),
            since=self.since_field.value(),
            until=self.until_field.value(),
        )

    # -- rows --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the first page of the rows matching the filters."""
        self._timer.stop()
        try:
            page = list_audit_page(self.store, actor=self.actor, flt=self.current_filter())
        except ServiceError as error:
            self.banner.show_error(str(error))
            return
        self.banner.clear_message()
        self.page = page
        self._show(page.lines, append=False)

    def load_more(self) -> None:
        if self.page is None or not self.page.has_more:
            return
        try:
            page = list_audit_page(
                self.store,
                actor=self.actor,
                flt=self.current_filter(),
                offset=self.page.offset + len(self.page.lines),
                limit=PAGE_ROWS,
            )
        except ServiceError as error:
            self.banner.show_error(str(error))
            return
        shown = self.page.lines + page.lines
        self.page = AuditPage(lines=shown, total=page.total, offset=0)
        self._show(page.lines, append=True)

    def _show(self, lines: Sequence[AuditLine], *, append: bool) -> None:
        table = self.table
        table.setSortingEnabled(False)
        first = table.rowCount() if append else 0
        if not append:
            table.setRowCount(0)
        table.setRowCount(first + len(lines))
        for offset, line in enumerate(lines):
            for column, value in enumerate(line.cells()):
                item = _SortedItem(value)
                item.setToolTip(value if len(value) > 30 else "")
                key = line.at.isoformat() if column == COL_WHEN else value.casefold()
                item.setData(SORT_ROLE, key)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, line.id)
                table.setItem(first + offset, column, item)
        table.setSortingEnabled(True)  # sorts by the heading chosen (newest first at first)
        if not append:
            fit_columns(table)
        self._show_count()

    def _show_count(self) -> None:
        total = self.page.total if self.page is not None else 0
        shown = self.table.rowCount()
        if shown >= total:
            text = self.tr("%n row(s)", "", total)
        else:
            text = (
                self.tr("%1 of %2 rows shown")
                .replace("%1", format_count(shown))
                .replace("%2", format_count(total))
            )
        self.count_label.setText(text)
        self.more_button.setVisible(shown < total)
        self.stack.setCurrentWidget(self.table if total else self.empty_label)
        for button in (self.excel_button, self.pdf_button):
            button.setEnabled(total > 0)

    def selected_line_id(self) -> str | None:
        key = selected_key(self.table)
        return None if key is None else str(key)

    def shown_cells(self) -> list[list[str]]:
        """The table as shown (for tests and the eye)."""
        return [
            [
                (self.table.item(row, column) or QTableWidgetItem()).text()
                for column in range(self.table.columnCount())
            ]
            for row in range(self.table.rowCount())
        ]

    # -- exports -----------------------------------------------------------------------------

    def _ask_path(self, suffix: str, filters: str, title: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"registro-accessi-{self.today().isoformat()}{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), filters)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export_excel(self) -> None:
        path = self._ask_path(
            ".xlsx", self.tr("Excel workbook (*.xlsx)"), self.tr("Export to Excel")
        )
        if path is not None:
            self.export_to(path)

    def export_pdf(self) -> None:
        path = self._ask_path(".pdf", self.tr("PDF documents (*.pdf)"), self.tr("Export to PDF"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> BackgroundTask:
        """Export the rows matching the filters to ``path`` (.xlsx or .pdf) on a worker thread."""
        store, actor, flt = self.store, self.actor, self.current_filter()
        export = export_audit_pdf if path.suffix.lower() == ".pdf" else export_audit_xlsx

        def job(cancelled: Callable[[], bool], progress: Callable[[int, int], None]) -> int:
            return export(
                store, actor=actor, flt=flt, path=path, cancelled=cancelled, progress=progress
            )

        title = self.tr("Export the access register")
        dialog = QProgressDialog(
            self.tr("Exporting the audit rows…"), self.tr("Cancel"), 0, 0, self
        )
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        task = BackgroundTask(job, parent=self)

        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        def on_finished(count: object) -> None:
            dialog.reset()
            assert isinstance(count, int)  # what the export returns
            self._inform(
                title,
                self.tr("%n row(s) exported to %1.", "", count).replace("%1", str(path)),
            )

        def on_failed(error: object) -> None:
            dialog.reset()
            if isinstance(error, AuditExportCancelled):
                return
            if isinstance(error, ServiceError | OSError):
                self._inform(title, refusal_text(error), warning=True)
                return
            assert isinstance(error, BaseException)
            report_bug(error)

        dialog.canceled.connect(task.cancel)
        task.progressed.connect(on_progress)
        task.finished.connect(on_finished)
        task.failed.connect(on_failed)
        self.export_task = task
        task.start()
        return task

    def _inform(self, title: str, text: str, *, warning: bool = False) -> None:
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        self.message = box
        open_modal(box)

    # -- the register of one person ----------------------------------------------------------

    def choose_person(self) -> RegisterDialog:
        dialog = RegisterDialog(
            self.store,
            self,
            since=self.since_field.value(),
            until=self.until_field.value(),
            today=self.today,
        )

        def accepted() -> None:
            if dialog.person_id is not None:
                self.show_register(dialog.person_id, dialog.since(), dialog.until())

        open_modal(dialog, accepted)
        return dialog

    def show_register(
        self, person_id: str, since: date | None = None, until: date | None = None
    ) -> DocumentPreview | None:
        """Build the person's register (audited) and show it in the documents' preview."""
        try:
            document = access_register(
                self.store, actor=self.actor, person_id=person_id, since=since, until=until
            )
        except ServiceError as error:
            self._inform(self.tr("Register of a person"), str(error), warning=True)
            return None
        preview = DocumentPreview(self.store, self.actor, document, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.show()
        self.preview = preview
        return preview
