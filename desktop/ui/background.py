"""Work off the GUI thread (DESIGN.md §5): a job runs on a thread pool, its result comes back
on the GUI thread as a signal, and a cancelled job's result is never delivered.

A job is a plain function ``job(cancelled, progress) -> result``: ``cancelled()`` tells it to
stop (services take it as their ``cancelled`` argument), ``progress(done, total)`` reports how
far it got. It must open its own store sessions: nothing from the GUI thread is shared with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Job = Callable[[Callable[[], bool], Callable[[int, int], None]], Any]


class _Relay(QObject):
    """Lives on the GUI thread; emitted from the worker, so its signals arrive queued."""

    done = Signal(object)
    error = Signal(object)
    progress = Signal(int, int)


class _Runnable(QRunnable):
    def __init__(self, job: Job, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._relay = relay
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._job(self._cancel.is_set, self._relay.progress.emit)
        except Exception as error:  # handed to the GUI thread, which decides what to show
            self._relay.error.emit(error)
        else:
            self._relay.done.emit(result)


class BackgroundTask(QObject):
    """One run of a job. Signals arrive on the GUI thread, and never after ``cancel()``."""

    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the exception it raised
    progressed = Signal(int, int)  # done, total

    def __init__(self, job: Job, *, pool: QThreadPool | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._job = job
        self._pool = pool or QThreadPool.globalInstance()
        self._cancel = threading.Event()
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.error.connect(self._on_error)
        self._relay.progress.connect(self._on_progress)
        self.running = False

    def start(self) -> None:
        self.running = True
        self._pool.start(_Runnable(self._job, self._relay, self._cancel))

    def cancel(self) -> None:
        """Ask the job to stop; whatever it returns is dropped."""
        self._cancel.set()

    def discard(self) -> None:
        """Cancel it and let Qt delete it once its queued signals are gone: the owner drops it."""
        self.cancel()
        self.deleteLater()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_done(self, result: object) -> None:
        self.running = False
        if not self.cancelled:
            self.finished.emit(result)

    def _on_error(self, error: object) -> None:
        self.running = False
        if not self.cancelled:
            self.failed.emit(error)

    def _on_progress(self, done: int, total: int) -> None:
        if not self.cancelled:
            self.progressed.emit(done, total)
