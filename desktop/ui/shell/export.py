"""File → Esporta: persons, projects or meetings to Excel or CSV, as ``trama export`` writes
them (``desktop.services.export``), with a save dialog; audited by the service."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.crash.storage import error_text

KINDS = ("persons", "projects", "meetings")


class RecordExportDialog(QDialog):
    """What goes in (sensitive columns, for persons) before the file is chosen."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(export_title(kind))
        intro = QLabel(
            self.tr(
                "Every record is exported, with the Italian column headers of 'trama export'. "
                "Records whose processing is restricted are never exported."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.sensitive_box = QCheckBox(self.tr("&Include sensitive data"), self)
        self.sensitive_box.setToolTip(
            self.tr(
                "Tax code, birth data, address and contacts. Include them only if the "
                "recipient needs them, and keep the file safe."
            )
        )
        self.sensitive_box.setVisible(kind == "persons")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose the file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.sensitive_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)


def export_title(kind: str) -> str:
    return {
        "persons": QCoreApplication.translate("RecordExport", "Export the persons"),
        "projects": QCoreApplication.translate("RecordExport", "Export the projects"),
        "meetings": QCoreApplication.translate("RecordExport", "Export the meetings"),
    }[kind]


def default_path(kind: str, today: date) -> Path:
    stem = {
        "persons": QCoreApplication.translate("RecordExport", "persons"),
        "projects": QCoreApplication.translate("RecordExport", "projects"),
        "meetings": QCoreApplication.translate("RecordExport", "meetings"),
    }[kind]
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home()) / f"{stem}-{today.isoformat()}.xlsx"


def choose_file(parent: QWidget, kind: str, today: date) -> Path | None:
    """The save dialog: Excel or CSV, by the filter chosen or the name typed."""
    excel = QCoreApplication.translate("RecordExport", "Excel workbook (*.xlsx)")
    csv = QCoreApplication.translate("RecordExport", "CSV file, separated by semicolons (*.csv)")
    chosen, selected = QFileDialog.getSaveFileName(
        parent,
        export_title(kind),
        str(default_path(kind, today)),
        f"{excel};;{csv}",
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_suffix(".csv" if selected == csv else ".xlsx")
    return path


def export_records_in_app(
    parent: QWidget, store: Store, kind: str, *, today: date
) -> BackgroundTask | None:
    """Ask, choose the file, then export on a worker thread with a busy indicator."""
    from desktop.services.export import export_records  # noqa: PLC0415 - only when used
    from desktop.services.installation import current_actor  # noqa: PLC0415

    dialog = RecordExportDialog(kind, parent)
    if not dialog.exec():
        return None
    path = choose_file(parent, kind, today)
    if path is None:
        return None
    sensitive = dialog.sensitive_box.isChecked() and kind == "persons"
    actor = current_actor(store)
    title = export_title(kind)

    def job(_cancelled: object, _progress: object) -> int:
        return export_records(
            store, actor=actor, kind=kind, path=path, include_sensitive=sensitive, today=today
        )

    busy = QProgressDialog(
        QCoreApplication.translate("RecordExport", "Exporting…"), "", 0, 0, parent
    )
    busy.setCancelButton(None)
    busy.setWindowTitle(title)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(300)
    task = BackgroundTask(job, parent=parent)

    def finished(count: object) -> None:
        busy.reset()
        QMessageBox.information(
            parent,
            title,
            QCoreApplication.translate(
                "RecordExport", "%n record(s) exported to %1.", "", int(str(count))
            ).replace("%1", str(path)),
        )

    def failed(error: object) -> None:
        busy.reset()
        QMessageBox.critical(
            parent,
            title,
            QCoreApplication.translate("RecordExport", "The file %1 could not be written.").replace(
                "%1", str(path)
            )
            + "\n\n"
            + error_text(error),
        )

    task.finished.connect(finished)
    task.failed.connect(failed)
    task.start()
    return task
