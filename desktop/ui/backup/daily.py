"""The automatic daily backup while the application runs (desktop.store.backups).

Checked once the first screen is painted (start-up stays fast) and then every hour while the
window stays open: a backup is taken when the newest one in the configured folder is a day old.
The backup runs on the worker pool; it reads the store through its own connection (SQLite's
backup API, consistent while the user keeps working). The clock is injected for tests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.store import backups
from desktop.store import restore as restoring
from desktop.store.engine import Store
from desktop.store.errors import StoreError
from desktop.ui.background import BackgroundTask
from desktop.ui.operations import report_bug

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000


class DailyBackup(QObject):
    """Takes the daily backup of one store when it is due."""

    taken = Signal(object)  # the Path of the new backup
    failed = Signal(str)  # an Italian message (StoreError)

    def __init__(
        self,
        store: Store,
        *,
        now: Callable[[], datetime] | None = None,
        check_every_ms: int = CHECK_EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._now = now or (lambda: datetime.now(UTC))
        self.task: BackgroundTask | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def start(self) -> None:
        self.check()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()

    def check(self) -> bool:
        """Start the backup if it is due (decided in the worker: the folder may be a slow
        share); False when one is already running."""
        if self.running or self.store.key is None:
            return False
        store, moment = self.store, self._now()
        key = self.store.key

        def job(_cancelled: Callable[[], bool], _progress: Callable[[int, int], None]) -> object:
            if not backups.backup_due(backups.backup_folder(store.path.parent), moment):
                return None
            return restoring.back_up(store.path, key, reason=backups.DAILY, now=moment)

        task = BackgroundTask(job, parent=self)
        task.finished.connect(self._on_finished)
        task.failed.connect(self._on_failed)
        self.task = task
        task.start()
        return True

    def _on_finished(self, result: object) -> None:
        if isinstance(result, Path):
            self.taken.emit(result)

    def _on_failed(self, error: object) -> None:
        if isinstance(error, StoreError):
            log.warning("the daily backup failed: %s", type(error).__name__)
            self.failed.emit(str(error))
        elif isinstance(error, BaseException):
            report_bug(error)
