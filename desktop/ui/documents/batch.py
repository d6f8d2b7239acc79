"""Printing many documents as one print job, with progress and cancel, the GUI never waiting.

The documents are built in worker processes (``desktop.services.documents.batch``: ReportLab on a
thread of this process would keep the GIL from the GUI thread); a worker thread of this
process paints the finished bytes onto the printer and, once the whole job has been handed to
the printer, records every document as issued. A cancelled job aborts the print job, stops the
worker processes and records nothing. Restricted records (GDPR art. 18) are skipped and listed
in the result.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.services.context import Actor
from desktop.services.documents import IssuedPdf, record_issue, record_issues
from desktop.services.documents.batch import BatchItem, Builder, build_in_processes
from desktop.store.engine import StoreAddress
from desktop.ui.background import BackgroundTask
from desktop.ui.documents.printing import PrintRun, paint_documents

__all__ = ["BatchItem", "BatchPrint", "BatchResult", "batch_job", "single_document_job"]


@dataclass
class BatchResult:
    issued: list[IssuedPdf] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # Italian messages, one per skipped record
    pages: int = 0
    built_by: set[int] = field(default_factory=set)  # the worker processes' ids


Job = Callable[[Callable[[], bool], Callable[[int, int], None]], BatchResult]


def batch_job(
    database: StoreAddress,
    actor: Actor,
    items: Sequence[BatchItem],
    printer: QPrinter,
    run: PrintRun | None = None,
    *,
    build: Builder = build_in_processes,
) -> Job:
    """The job for ``BackgroundTask``: runs on a worker thread; builds in worker processes
    (``build``: how the documents are built, for the benchmark's comparison)."""

    def job(cancelled: Callable[[], bool], progress: Callable[[int, int], None]) -> BatchResult:
        result = BatchResult()
        done = 0

        def advance() -> None:
            nonlocal done
            done += 1
            progress(done, len(items))

        def documents() -> Generator[bytes, None, None]:
            for built in build(database, actor, items, cancelled=cancelled):
                result.built_by.add(built.built_by)
                if built.document is None:
                    result.refused.append(built.refusal)
                    advance()
                    continue
                result.issued.append(built.document)
                yield built.document.pdf

        built = documents()
        try:
            result.pages = paint_documents(
                printer, built, run=run, cancelled=cancelled, document_done=advance
            )
        finally:
            built.close()  # stops the worker processes if painting stopped early
        if cancelled():
            result.issued.clear()
            return result
        store = database.open()
        try:
            result.issued = record_issues(store, actor=actor, documents=result.issued)
        finally:
            store.dispose()
        return result

    return job


def single_document_job(
    database: StoreAddress, actor: Actor, document: IssuedPdf, printer: QPrinter, run: PrintRun
) -> Job:
    """Print one already built document (the preview's bytes) and record it as issued."""

    def job(cancelled: Callable[[], bool], progress: Callable[[int, int], None]) -> BatchResult:
        result = BatchResult()
        result.pages = paint_documents(
            printer, [document.pdf], run=run, cancelled=cancelled,
            document_done=lambda: progress(1, 1),
        )  # fmt: skip
        if cancelled() or not result.pages:
            return result
        store = database.open()
        try:
            result.issued.append(record_issue(store, actor=actor, document=document))
        finally:
            store.dispose()
        return result

    return job


class BatchPrint(QObject):
    """A running print job: a window-modal progress dialog whose Cancel stops the job.

    ``finished`` carries the ``BatchResult``; ``failed`` the exception; ``cancelled`` fires
    when the operator stopped it (nothing was printed or recorded then).
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None, job: Job, total: int, printer: QPrinter) -> None:
        super().__init__(parent)
        self.total = total
        self.printer = printer  # kept alive for the whole job
        self.progress = QProgressDialog(
            self.tr("Preparing the documents for printing…"), self.tr("Cancel"), 0, total, parent
        )
        self.progress.setWindowTitle(self.tr("Printing"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setValue(0)
        self.task = BackgroundTask(job, parent=self)
        self.task.progressed.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> None:
        self.task.start()

    def cancel(self) -> None:
        if not self.task.running:
            return
        self.task.cancel()
        self.progress.close()
        self.cancelled.emit()

    @property
    def running(self) -> bool:
        return self.task.running

    def _on_progress(self, done: int, total: int) -> None:
        # setValue() of a modal progress dialog processes events, so a later step can be
        # shown from inside an earlier one: never go back.
        if done < self.progress.value():
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(
            self.tr("Printing document %1 of %2…")
            .replace("%1", str(min(done + 1, total)))
            .replace("%2", str(total))
        )

    def _on_finished(self, result: object) -> None:
        self.progress.close()
        self.finished.emit(result)

    def _on_failed(self, error: object) -> None:
        self.progress.close()
        self.failed.emit(error)
