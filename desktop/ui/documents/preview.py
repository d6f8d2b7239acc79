"""The preview of an issued document: the exact PDF bytes shown with QtPdf, then printed or
saved, so that screen, file and paper are the same (DESIGN.md §4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Actor
from desktop.services.documents import IssuedPdf, record_issue
from desktop.store.engine import Store
from desktop.ui.common.window_state import fit_window
from desktop.ui.crash.storage import error_text
from desktop.ui.documents.batch import BatchPrint, BatchResult, single_document_job
from desktop.ui.documents.printing import PrintRun, print_run_for

ZOOM_STEP = 1.25

# Windows opened without a parent would be deleted with their Python wrapper at once: they
# are held here until closed.
_unparented: set[QWidget] = set()


def keep_open(widget: QWidget) -> None:
    """Hold a parentless window until it is closed."""
    if widget.parent() is None:
        _unparented.add(widget)
        widget.destroyed.connect(lambda *_args: _unparented.discard(widget))


def show_message(
    parent: QWidget | None, title: str, text: str, *, warning: bool = False
) -> QMessageBox:
    """A window-modal message that does not block the caller (``open``, not ``exec``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    keep_open(box)
    box.open()
    return box


class DocumentPreview(QDialog):
    """One document, as it will be printed: print, save as PDF, zoom.

    ``issued`` is emitted with the recorded ``IssuedPdf`` after each print or save.
    """

    issued = Signal(object)

    def __init__(
        self, store: Store, actor: Actor, document: IssuedPdf, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.document = document
        self.print_job: BatchPrint | None = None
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(document.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Document"))
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.print_action = QAction(self.tr("&Print…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_document)
        self.save_action = QAction(self.tr("&Save as PDF…"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save_as)
        zoom_in = QAction(self.tr("Zoom in"), self)
        zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        zoom_in.triggered.connect(lambda: self._zoom(ZOOM_STEP))
        zoom_out = QAction(self.tr("Zoom out"), self)
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        zoom_out.triggered.connect(lambda: self._zoom(1 / ZOOM_STEP))
        fit_width = QAction(self.tr("Fit width"), self)
        fit_width.triggered.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        whole_page = QAction(self.tr("Whole page"), self)
        whole_page.triggered.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))

        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.print_action, self.save_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (zoom_out, zoom_in, fit_width, whole_page):
            toolbar.addAction(action)
        spring = QWidget(toolbar)
        spring.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spring)
        self.pages_label = QLabel(self.tr("%n page(s)", "", self.page_count()), toolbar)
        self.pages_label.setContentsMargins(8, 0, 8, 0)
        toolbar.addWidget(self.pages_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(6)
        layout.addWidget(toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        buttons.setContentsMargins(8, 0, 8, 0)

        title = self.pdf.metaData(QPdfDocument.MetaDataField.Title) or document.file_name
        self.setWindowTitle(self.tr("Preview — %1").replace("%1", str(title)))
        char = self.fontMetrics().averageCharWidth()
        fit_window(self, char * 110, self.fontMetrics().height() * 48, key="document_preview")

    def page_count(self) -> int:
        return int(self.pdf.pageCount())

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    # -- printing ----------------------------------------------------------------------------

    def print_document(self) -> None:
        """Ask for the printer, copies and pages, then print off the GUI thread."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        dialog.setMinMax(1, self.page_count())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer, print_run_for(printer, self.page_count()))

    def print_to(self, printer: QPrinter, run: PrintRun | None = None) -> BatchPrint:
        """Print on a configured printer; the document is recorded once it is printed."""
        job = single_document_job(
            self.store.address, self.actor, self.document, printer, run or PrintRun()
        )
        self.print_job = BatchPrint(self, job, 1, printer)
        self.print_job.finished.connect(self._on_printed)
        self.print_job.failed.connect(self._on_print_failed)
        self.print_action.setEnabled(False)
        self.print_job.cancelled.connect(lambda: self.print_action.setEnabled(True))
        self.print_job.start()
        return self.print_job

    def _on_printed(self, result: object) -> None:
        self.print_action.setEnabled(True)
        if isinstance(result, BatchResult) and result.issued:
            self.issued.emit(result.issued[0])

    def _on_print_failed(self, error: object) -> None:
        self.print_action.setEnabled(True)
        show_message(
            self,
            self.tr("Print"),
            self.tr("The document could not be printed: %1").replace("%1", error_text(error)),
            warning=True,
        )

    # -- saving ------------------------------------------------------------------------------

    def save_as(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            str(Path(folder) / self.document.file_name),
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> IssuedPdf | None:
        """Write the exact previewed bytes to a file and record them as issued."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(self.document.pdf)
        except OSError as error:
            show_message(
                self,
                self.tr("Save as PDF"),
                self.tr("The file %1 could not be written: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
                warning=True,
            )
            return None
        issued = record_issue(self.store, actor=self.actor, document=self.document)
        self.issued.emit(issued)
        return issued
