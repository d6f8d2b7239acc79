"""Monitoraggio → "Report di monitoraggio…": the figures on the page as a PDF report (issued
like the other documents, with the notes of the Tavolo) or as an Excel workbook of its tables.

The report is written by ``desktop.services.monitoring_report`` (this module is imported when the
dialog is first opened) from the dashboard on screen, off the GUI thread; the dialog asks for the
notes, the format and the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.monitoring import Dashboard
from desktop.services.errors import ServiceError
from desktop.services.monitoring_report import (
    NOTES_MAX,
    issue_monitoring_report,
    suggested_file_name,
    write_monitoring_workbook,
)
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.formats import format_date
from desktop.ui.common.messages import MessageBanner, open_modal
from desktop.ui.crash.storage import error_text, storage_failure
from desktop.ui.operations import report_bug

PDF = "pdf"
XLSX = "xlsx"

# (format, output file, notes): writes the report; raises ServiceError or OSError when it cannot.
ReportWriter = Callable[[str, Path, str], object]


def contract_writer(store: Store | None, dashboard: Dashboard) -> ReportWriter:
    """The report service's two entry points for the dashboard on screen."""

    def write(kind: str, output: Path, notes: str) -> object:
        if kind == PDF:
            if store is None:
                raise ServiceError("Il report si emette solo da un archivio aperto.")
            return issue_monitoring_report(store, dashboard, notes, output)
        write_monitoring_workbook(dashboard, output, store=store)
        return output

    return write


class MonitoringReportDialog(QDialog):
    """Notes, format and file; OK writes the report and says where it is."""

    def __init__(
        self,
        store: Store | None,
        dashboard: Dashboard,
        *,
        writer: ReportWriter | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.dashboard = dashboard
        self.writer = writer or contract_writer(store, dashboard)
        self.task: BackgroundTask | None = None
        self.done_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Monitoring report"))
        flt = dashboard.filter
        intro = QLabel(
            self.tr("The figures of %1 from %2 to %3, as shown on the page.")
            .replace("%1", dashboard.site_name)
            .replace("%2", format_date(flt.start))
            .replace("%3", format_date(flt.end)),
            self,
        )
        intro.setWordWrap(True)

        notes_caption = QLabel(self.tr("&Notes (printed in the report):"), self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setPlaceholderText(
            self.tr("What the Tavolo observed, decided or asks for (optional)")
        )
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        notes_caption.setBuddy(self.notes_edit)

        format_box = QGroupBox(self.tr("Format"), self)
        self.pdf_button = QRadioButton(self.tr("&PDF report, with charts and notes"), format_box)
        self.excel_button = QRadioButton(self.tr("&Excel workbook of the tables (.xlsx)"))
        self.pdf_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.pdf_button)
        group.addButton(self.excel_button)
        format_layout = QVBoxLayout(format_box)
        format_layout.addWidget(self.pdf_button)
        format_layout.addWidget(self.excel_button)

        file_caption = QLabel(self.tr("&File:"), self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("File"))
        file_caption.setBuddy(self.path_edit)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self._folder = folder or Path(documents or Path.home())
        self.path_edit.setText(str(self._folder / suggested_file_name(dashboard, PDF)))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(file_caption)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.banner = MessageBanner(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(notes_caption)
        layout.addWidget(self.notes_edit, 1)
        layout.addWidget(format_box)
        layout.addLayout(file_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.pdf_button.toggled.connect(self._on_format_changed)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def kind(self) -> str:
        return PDF if self.pdf_button.isChecked() else XLSX

    def output(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.suffix.lower() != f".{self.kind()}":
            path = path.with_suffix(f".{self.kind()}")
        return path

    def _on_format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(f".{self.kind()}")))

    def _browse(self) -> None:
        if self.kind() == PDF:
            filters = self.tr("PDF document (*.pdf)")
        else:
            filters = self.tr("Excel workbook (*.xlsx)")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path_edit.text(), filters
        )
        if chosen:
            self.path_edit.setText(chosen)

    def accept(self) -> None:
        """Check the choices, then write the report off the GUI thread."""
        self.banner.clear_message()
        if not self.path_edit.text().strip():
            self.banner.show_error(self.tr("Choose the file to write."))
            return
        output = self.output()
        if not output.parent.is_dir():
            self.banner.show_error(
                self.tr("The folder %1 does not exist.").replace("%1", str(output.parent))
            )
            return
        notes = self.notes_edit.toPlainText().strip()
        if len(notes) > NOTES_MAX:
            self.banner.show_error(
                self.tr("The notes are too long: at most %1 characters.").replace(
                    "%1", str(NOTES_MAX)
                )
            )
            return
        writer, kind = self.writer, self.kind()

        def job(_cancelled: object, _progress: object) -> object:
            return writer(kind, output, notes)

        self.ok_button.setEnabled(False)
        self.ok_button.setText(self.tr("Creating…"))
        task = BackgroundTask(job, parent=self)
        task.finished.connect(lambda _result: self._on_written(output))
        task.failed.connect(self._on_failed)
        self.task = task
        task.start()

    def _on_written(self, output: Path) -> None:
        self._ready()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.windowTitle(),
            self.tr("The report was saved in %1.").replace("%1", str(output)),
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        self.done_box = box
        open_modal(box)
        super().accept()

    def _on_failed(self, error: object) -> None:
        self._ready()
        assert isinstance(error, Exception)
        if isinstance(error, ServiceError) or storage_failure(error) is not None:
            self.banner.show_error(error_text(error))
        elif isinstance(error, OSError):
            self.banner.show_error(
                self.tr("The file %1 could not be written: %2")
                .replace("%1", str(self.output()))
                .replace("%2", error_text(error))
            )
        else:
            self.banner.show_error(self.tr("The report could not be written."))
            report_bug(error)

    def _ready(self) -> None:
        self.ok_button.setEnabled(True)
        self.ok_button.setText(self.tr("Create"))
