"""Running a confirmed anonymisation off the GUI thread, with its progress and a Cancel that
works: the service stops between two batches and what is done stays done, so the result is
always delivered (unlike ``BackgroundTask.cancel``, which drops it) and says how far it got.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import retention
from desktop.services.installation import current_actor
from desktop.services.retention import AnonymisationResult
from desktop.store.engine import Store
from desktop.ui.common.formats import format_count
from desktop.ui.operations import Changes, Operation, announce

# What an anonymisation changes: referrals and persons lose their identifiers and texts.
ANONYMISED = Changes(referrals=True, persons=True)


class _Relay(QObject):
    """Lives on the GUI thread; emitted from the worker, so its signal arrives queued."""

    progressed = Signal(int, int)


class ProgressDialog(QDialog):
    """The anonymisation's progress; Cancel (or closing the window) asks it to stop."""

    cancelRequested = Signal()

    def __init__(self, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Anonymisation"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        # Two lines from the start: the stopping message must not be cut off.
        self.label.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        buttons = QDialogButtonBox(self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.clicked.connect(self.request_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self.show_progress(0, total)

    def show_progress(self, done: int, total: int) -> None:
        if self.cancel_button.isEnabled():
            self.label.setText(
                self.tr("Anonymising: %1 of %2 records done…")
                .replace("%1", format_count(done))
                .replace("%2", format_count(total))
            )
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def request_cancel(self) -> None:
        if not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.label.setText(
            self.tr("Stopping after the current batch: what is already done stays done…")
        )
        self.cancelRequested.emit()

    def reject(self) -> None:
        # Esc or the window's close button: the same as Cancel; the dialog closes when the
        # service has stopped.
        self.request_cancel()


class AnonymisationRun(QObject):
    """One confirmed anonymisation: ``finished(AnonymisationResult)`` or ``failed(Exception)``
    (already shown or routed by ``Operation``); the change hub hears of it either way."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        store: Store,
        record_ids: Sequence[str],
        *,
        today: Callable[[], date],
        on_failure: Callable[[Exception], object],
    ) -> None:
        super().__init__(parent)
        self.record_ids = list(record_ids)
        self._stop = threading.Event()
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progress)
        self._on_failure = on_failure
        self._progress_open = False
        self.progress = ProgressDialog(len(self.record_ids), parent)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.cancelRequested.connect(self._stop.set)
        ids = tuple(self.record_ids)
        day = today()
        relay = self._relay

        def anonymise() -> AnonymisationResult:
            # On a worker thread: the service opens its own units of work.
            return retention.anonymise(
                store,
                actor=current_actor(store),
                record_ids=ids,
                today=day,
                progress=relay.progressed.emit,
                cancelled=self._stop.is_set,
            )

        self.operation: Operation[AnonymisationResult] = (
            Operation(parent, anonymise, ANONYMISED).success(self._done).failure(self._failed)
        )

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def start(self) -> None:
        self._progress_open = True
        self.progress.open()
        task = self.operation.run_in_background()
        # After the operation's own handling, which hands a bug to the crash handler without
        # calling ``failure``: the progress closes and the lists read again in every case.
        task.failed.connect(self._after_failure)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.show_progress(done, total)

    def _close_progress(self) -> None:
        if self._progress_open:
            self._progress_open = False
            self.progress.done(QDialog.DialogCode.Accepted)
            self.progress.deleteLater()  # a child of the page, which outlives many runs

    def _done(self, result: AnonymisationResult) -> None:
        self._close_progress()
        self.finished.emit(result)

    def _failed(self, error: Exception) -> None:
        """A refusal or a storage failure (an Italian message)."""
        self._close_progress()
        self._on_failure(error)

    @Slot(object)
    def _after_failure(self, error: object) -> None:
        self._close_progress()
        # Batches before the failure are committed: the lists must read them again.
        announce(ANONYMISED)
        self.failed.emit(error)
