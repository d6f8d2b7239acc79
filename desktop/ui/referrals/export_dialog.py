"""Exporting the referral list as shown (filters and order) to Excel or CSV.

The dialog asks for the format, the file and whether sensitive columns go in; the export runs
on a worker thread with a progress dialog that can cancel it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Actor
from desktop.services.referrals.export import COLUMNS, export_referral_list
from desktop.services.referrals.listing import ListQueryCancelled, ReferralFilter, SortKey
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.formats import format_count
from desktop.ui.crash.storage import error_text
from desktop.ui.labels import label


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    include_sensitive: bool


def export_headers() -> dict[str, str]:
    """The export's column headers in the application's language."""
    return {
        column.key: QCoreApplication.translate("ReferralExport", column.label) for column in COLUMNS
    }


class ReferralExportDialog(QDialog):
    def __init__(self, *, shown: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export the list"))
        intro = QLabel(
            self.tr(
                "The referrals shown in the list (%1) are exported in the order shown. "
                "Referrals and persons whose processing is restricted are never exported."
            ).replace("%1", format_count(shown)),
            self,
        )
        intro.setWordWrap(True)

        format_box = QGroupBox(self.tr("Format"), self)
        self.excel_button = QRadioButton(self.tr("&Excel workbook (.xlsx)"), format_box)
        self.csv_button = QRadioButton(self.tr("&CSV file (.csv, separated by semicolons)"))
        self.excel_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.excel_button)
        group.addButton(self.csv_button)
        format_layout = QVBoxLayout(format_box)
        format_layout.addWidget(self.excel_button)
        format_layout.addWidget(self.csv_button)

        self.sensitive_box = QCheckBox(self.tr("&Include sensitive data"), self)
        sensitive_note = QLabel(
            self.tr(
                "Tax code, date of birth and age, address, phone, e-mail and disability data. "
                "Include them only if the recipient needs them, and keep the file safe."
            ),
            self,
        )
        sensitive_note.setWordWrap(True)
        sensitive_note.setIndent(22)
        sensitive_note.setStyleSheet("color: palette(placeholder-text);")

        file_caption = QLabel(self.tr("&File:"), self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("File"))
        file_caption.setBuddy(self.path_edit)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self._folder = Path(documents or Path.home())
        self._stem = self.tr("referrals") + f"-{today.isoformat()}"
        self.path_edit.setText(str(self._folder / f"{self._stem}.xlsx"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(file_caption)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(format_box)
        sensitive = QVBoxLayout()
        sensitive.setSpacing(2)
        sensitive.addWidget(self.sensitive_box)
        sensitive.addWidget(sensitive_note)
        layout.addLayout(sensitive)
        layout.addLayout(file_row)
        layout.addWidget(buttons)
        self.excel_button.toggled.connect(self._on_format_changed)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def suffix(self) -> str:
        return ".xlsx" if self.excel_button.isChecked() else ".csv"

    def choice(self) -> ExportChoice:
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.suffix.lower() != self.suffix():
            path = path.with_suffix(self.suffix())
        return ExportChoice(path=path, include_sensitive=self.sensitive_box.isChecked())

    def _on_format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(self.suffix())))

    def _browse(self) -> None:
        if self.excel_button.isChecked():
            filters = self.tr("Excel workbook (*.xlsx)")
        else:
            filters = self.tr("CSV file (*.csv)")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the list"), self.path_edit.text(), filters
        )
        if chosen:
            self.path_edit.setText(chosen)

    def accept(self) -> None:
        path = self.choice().path
        if not path.parent.is_dir():
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("The folder %1 does not exist.").replace("%1", str(path.parent)),
            )
            return
        super().accept()


def run_export(
    parent: QWidget,
    store: Store,
    flt: ReferralFilter,
    *,
    sort: SortKey,
    descending: bool,
    today: date,
    choice: ExportChoice,
    actor: Actor,
) -> BackgroundTask:
    """Start the export on a worker thread; a progress dialog follows it and can cancel it."""
    headers = export_headers()

    def job(cancelled: object, progress: object) -> int:
        return export_referral_list(
            store,
            flt,
            sort=sort,
            descending=descending,
            path=choice.path,
            include_sensitive=choice.include_sensitive,
            today=today,
            actor=actor,
            headers=headers,
            labeller=label,
            cancelled=cancelled,  # type: ignore[arg-type]
            progress=progress,  # type: ignore[arg-type]
        )

    title = QCoreApplication.translate("ReferralExport", "Export the list")
    dialog = QProgressDialog(
        QCoreApplication.translate("ReferralExport", "Exporting the referrals…"),
        QCoreApplication.translate("ReferralExport", "Cancel"),
        0,
        0,
        parent,
    )
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    task = BackgroundTask(job, parent=parent)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    def on_finished(count: object) -> None:
        assert isinstance(count, int)  # what the export job returns
        dialog.reset()
        QMessageBox.information(
            parent,
            title,
            QCoreApplication.translate(
                "ReferralExport", "%n referral(s) exported to %1.", "", count
            ).replace("%1", str(choice.path)),
        )

    def on_failed(error: object) -> None:
        dialog.reset()
        if isinstance(error, ListQueryCancelled):
            return
        detail = error_text(error)
        QMessageBox.critical(
            parent,
            title,
            QCoreApplication.translate(
                "ReferralExport", "The file %1 could not be written."
            ).replace("%1", str(choice.path))
            + "\n\n"
            + detail,
        )

    dialog.canceled.connect(task.cancel)
    task.progressed.connect(on_progress)
    task.finished.connect(on_finished)
    task.failed.connect(on_failed)
    task.start()
    return task
