"""What other screens call to preview or print documents (see ``desktop.ui.documents``)."""

from __future__ import annotations

import gc
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from desktop.documents import DocumentType
from desktop.services.context import Actor
from desktop.services.documents import preview_document
from desktop.services.documents.batch import Builder, build_in_processes
from desktop.services.errors import ServiceError
from desktop.store.engine import Store
from desktop.ui.crash.storage import error_text
from desktop.ui.documents.batch import BatchItem, BatchPrint, BatchResult, batch_job
from desktop.ui.documents.preview import DocumentPreview, keep_open, show_message
from desktop.ui.documents.printing import PrintRun


def show_document_preview(
    parent: QWidget | None,
    store: Store,
    actor: Actor,
    document_type: DocumentType,
    record_id: str,
) -> DocumentPreview | None:
    """Build the document and open its preview (non-modal); None with a message if refused.

    ``record_id`` is the id of the referral, person (privacy notice; "" for a blank one),
    meeting or project the document is about.
    """
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        # Audited as a preview (issue 15); printing it or saving it is audited too.
        document = preview_document(
            store, actor=actor, document_type=document_type, record_id=record_id
        )
    except ServiceError as error:
        show_message(
            parent, QCoreApplication.translate("DocumentActions", "Print"), str(error), warning=True
        )
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    preview = DocumentPreview(store, actor, document, parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    keep_open(preview)
    preview.show()
    return preview


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """The print dialog for a batch (printer and copies; a page range makes no sense)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("DocumentActions", "Print"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_documents_batch(
    parent: QWidget | None,
    store: Store,
    actor: Actor,
    items: Sequence[BatchItem],
    *,
    printer: QPrinter | None = None,
    build: Builder = build_in_processes,
) -> BatchPrint | None:
    """Print documents as one job, built in worker processes and painted on a worker thread;
    ``printer`` None asks for one. ``build``: how the documents are built (the benchmark
    compares with ``build_in_this_process``)."""
    if not items:
        return None
    printer = printer or choose_printer(parent)
    if printer is None:
        return None
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    # A full garbage collection walks every object of the process and stops every thread
    # while it does (recording 500 issued documents makes enough garbage to start one). The
    # objects alive now (modules, the open windows) are left out of the collections until the
    # batch ends.
    gc.freeze()

    job = batch_job(
        store.address, actor, list(items), printer, PrintRun(copies=copies), build=build
    )
    batch = BatchPrint(parent, job, len(items), printer)
    for ended in (batch.finished, batch.failed, batch.cancelled):
        ended.connect(lambda *_args: gc.unfreeze())
    batch.finished.connect(lambda result: _report(parent, result))
    batch.failed.connect(
        lambda error: show_message(
            parent,
            QCoreApplication.translate("DocumentActions", "Print"),
            QCoreApplication.translate(
                "DocumentActions", "Printing stopped because of an error: %1"
            ).replace("%1", error_text(error)),
            warning=True,
        )
    )
    batch.start()
    return batch


def print_referrals_batch(
    parent: QWidget | None,
    store: Store,
    actor: Actor,
    referral_ids: Sequence[str],
    *,
    document_type: DocumentType = DocumentType.REFERRAL_FORM,
    printer: QPrinter | None = None,
) -> BatchPrint | None:
    """The referral forms (or privacy notices) of the referrals, as one print job."""
    items = [BatchItem(document_type, referral_id) for referral_id in referral_ids]
    return print_documents_batch(parent, store, actor, items, printer=printer)


def print_meeting_batch(
    parent: QWidget | None,
    store: Store,
    actor: Actor,
    meeting_id: str,
    *,
    printer: QPrinter | None = None,
) -> BatchPrint | None:
    """The attendance sheet and the agenda of a meeting, as one print job."""
    items = [
        BatchItem(DocumentType.AGENDA, meeting_id),
        BatchItem(DocumentType.ATTENDANCE_SHEET, meeting_id),
    ]
    return print_documents_batch(parent, store, actor, items, printer=printer)


def _report(parent: QWidget | None, result: object) -> None:
    if not isinstance(result, BatchResult):
        return
    printed = QCoreApplication.translate(
        "DocumentActions", "%n document(s) printed.", "", len(result.issued)
    )
    if not result.refused:
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(printed, 8000)
        return
    refused = QCoreApplication.translate(
        "DocumentActions", "%n document(s) not printed:", "", len(result.refused)
    )
    show_message(
        parent,
        QCoreApplication.translate("DocumentActions", "Print"),
        f"{printed}\n\n{refused}\n" + "\n".join(f"• {line}" for line in result.refused),
        warning=True,
    )
