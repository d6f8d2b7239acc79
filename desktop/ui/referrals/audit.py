"""Audit writes off the GUI thread (issue 15).

An audit row is committed with ``synchronous=FULL``: on a busy office PC the disk's flush alone
can take tens of milliseconds. Opening a referral, showing its CMD section and searching the
list write theirs on the thread pool, so the operator never waits for them; ``done`` runs on
the GUI thread once the row is committed. A failure reaches the crash handler, which names a
storage failure in Italian: an access that cannot be audited is not quietly forgotten.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject

from desktop.ui.background import BackgroundTask

# Tasks held until they end: a window closed meanwhile must not take its audit with it.
_running: set[BackgroundTask] = set()


def audit_in_background(
    write: Callable[[], object], done: Callable[[], None], receiver: QObject
) -> BackgroundTask:
    """Run ``write`` (a service's audit call) on the thread pool, then ``done`` if
    ``receiver`` (the window that asked) is still there."""
    task = BackgroundTask(lambda _cancelled, _progress: write())

    def finished(_result: object) -> None:
        _running.discard(task)
        if shiboken6.isValid(receiver):
            done()

    def failed(error: object) -> None:
        _running.discard(task)
        if isinstance(error, BaseException):
            raise error

    task.finished.connect(finished)
    task.failed.connect(failed)
    _running.add(task)
    task.start()
    return task
