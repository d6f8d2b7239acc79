"""When the app syncs (DESIGN.md §3, §5): on a schedule, when the network comes back, after a
failure (with backoff) and on "Sincronizza ora"; one sync at a time, in the background.

Threading: the sync runs on a private one-thread pool through ``BackgroundTask``; the job
opens its own connections (``run_sync`` does), nothing from the GUI thread is shared with it.
The status shown comes from ``sync_status``, a short read of its own, on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QThreadPool, QTimer, Signal

from desktop.store.engine import Store
from desktop.store.raw import DatabaseError
from desktop.ui.background import BackgroundTask
from sync.client.api import (
    Stage,
    SyncCancelledError,
    SyncError,
    SyncProgress,
    SyncResult,
    SyncStatus,
    sync_status,
)
from sync.client.engine import SyncEngine, open_transport
from sync.client.transport import RetryPolicy

log = logging.getLogger(__name__)

INTERVAL_SETTING = "sync/interval_minutes"  # the user's Qt settings; 0 = no automatic sync
DEFAULT_INTERVAL_MINUTES = 5
# The app retries on its own schedule (below): a background sync gives up sooner than
# ``trama sync``, so the indicator says "offline" within seconds instead of a minute.
APP_RETRY = RetryPolicy(attempts=3, base_delay=0.5, max_delay=4.0)
FIRST_RETRY_MS = 30_000
# Changes made on any screen show up in "N modifiche da inviare" within this time; the read
# is a count over partial indexes of the dirty rows, a millisecond or so.
STATUS_REFRESH_MS = 15_000
# Outcomes after which trying again soon may help; the others need a person (a new code, an
# update of Trama) and wait for the schedule or "Sincronizza ora".
TRANSIENT_OUTCOMES = frozenset({"offline", "server_error", "failed"})


def interval_minutes() -> int:
    value = QSettings().value(INTERVAL_SETTING, DEFAULT_INTERVAL_MINUTES)
    try:
        return max(0, int(str(value)))  # QSettings gives back text from an .ini file
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_MINUTES


def set_interval_minutes(minutes: int) -> None:
    QSettings().setValue(INTERVAL_SETTING, max(0, minutes))


def app_sync(
    store: Store,
    *,
    progress: Callable[[SyncProgress], None],
    cancel: threading.Event,
    retry: RetryPolicy,
) -> SyncResult:
    """``sync.client.api.run_sync`` with the app's shorter retry policy."""
    transport = open_transport(store, cancel=cancel, retry=retry)
    try:
        return SyncEngine(store, transport=transport, progress=progress, cancel=cancel).run()
    finally:
        transport.close()


class SyncController(QObject):
    """Owns the schedule and the running sync of one data folder (one per main window)."""

    statusChanged = Signal(object)  # SyncStatus
    runningChanged = Signal(bool)
    progressed = Signal(object)  # SyncProgress
    syncFinished = Signal(object)  # SyncResult
    syncFailed = Signal(object)  # the SyncError (or OSError / DatabaseError) met
    dataReceived = Signal()  # a sync changed records here: lists shown must be read again

    def __init__(
        self,
        store: Store,
        *,
        retry: RetryPolicy = APP_RETRY,
        watch_network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.retry = retry
        self.watch_network = watch_network
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._task: BackgroundTask | None = None
        self._cancel = threading.Event()
        self._pulled = threading.Event()
        self._latest: SyncProgress | None = None
        self._retry_ms = FIRST_RETRY_MS
        self._network: object | None = None
        self.status: SyncStatus | None = None
        self.last_error: Exception | None = None

        self.schedule = QTimer(self)
        self.schedule.timeout.connect(self.sync_now)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.sync_now)
        self.status_timer = QTimer(self)
        self.status_timer.timeout.connect(self.refresh_if_idle)

    # -- state ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def enrolled(self) -> bool:
        return self.status is not None and self.status.enrolled

    def start(self, status: SyncStatus | None = None) -> None:
        """Read the status (unless given) and, once enrolled, sync now and then on the
        schedule."""
        if status is None:
            self.refresh_status()
        else:
            self.status = status
            self.statusChanged.emit(status)
        self.status_timer.start(STATUS_REFRESH_MS)
        if self.enrolled:
            self._begin_schedule()

    def refresh_status(self) -> SyncStatus:
        self.status = sync_status(self.store)
        self.statusChanged.emit(self.status)
        return self.status

    def refresh_if_idle(self) -> None:
        if not self.running:
            self.refresh_status()

    def set_interval(self, minutes: int) -> None:
        set_interval_minutes(minutes)
        if self.enrolled:
            self._begin_schedule(sync_first=False)

    def after_enrollment(self) -> None:
        """A new enrollment: the first sync brings the site's reference data at once."""
        self.refresh_status()
        self._begin_schedule()

    def _begin_schedule(self, *, sync_first: bool = True) -> None:
        minutes = interval_minutes()
        if minutes:
            self.schedule.start(minutes * 60_000)
        else:
            self.schedule.stop()
        self._watch_reachability()
        if sync_first:
            self.sync_now()

    # -- running --------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Start a sync unless one is running or the folder is not enrolled; True if started."""
        if self.running or not self.enrolled:
            return False
        self.retry_timer.stop()
        self._cancel = threading.Event()
        self._pulled = threading.Event()
        cancel, pulled, store, retry = self._cancel, self._pulled, self.store, self.retry

        def job(_cancelled: Callable[[], bool], progress: Callable[[int, int], None]) -> object:
            def report(step: SyncProgress) -> None:
                if step.stage is Stage.PULL and step.done:
                    pulled.set()
                self._latest = step  # read on the GUI thread when the signal arrives
                progress(step.done, step.total or 0)

            return app_sync(store, progress=report, cancel=cancel, retry=retry)

        # ``cancel()`` below sets our event rather than the task's: the task then still
        # reports the end of the job, so the next sync never starts while this one runs.
        task = BackgroundTask(job, pool=self._pool, parent=self)
        task.finished.connect(self._on_finished)
        task.failed.connect(self._on_failed)
        task.progressed.connect(self._on_progress)
        self._task = task
        self._latest = None
        task.start()
        self.runningChanged.emit(True)
        return True

    def cancel(self) -> None:
        """Stop the running sync at its next step; what was committed stays committed."""
        self._cancel.set()

    def shutdown(self, timeout_ms: int = 20_000) -> None:
        """Before the store closes: no new sync, the running one stopped and waited for."""
        self.schedule.stop()
        self.retry_timer.stop()
        self.status_timer.stop()
        self._cancel.set()
        if not self._pool.waitForDone(timeout_ms):
            log.warning("the sync did not stop within %d ms", timeout_ms)

    def _on_progress(self, _done: int, _total: int) -> None:
        if self._latest is not None:
            self.progressed.emit(self._latest)

    def _end(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()
        self.runningChanged.emit(False)

    def _on_finished(self, result: object) -> None:
        assert isinstance(result, SyncResult)
        self.last_error = None
        self._retry_ms = FIRST_RETRY_MS
        self._end()
        self.refresh_status()
        if result.received:
            self.dataReceived.emit()
        self.syncFinished.emit(result)

    def _on_failed(self, error: object) -> None:
        if not isinstance(error, SyncError | OSError | DatabaseError):
            self._end()
            raise error  # type: ignore[misc]  # a bug: for the crash handler
        log.info("sync not completed: %s", type(error).__name__)
        self.last_error = error
        self._end()
        self.refresh_status()
        outcome = getattr(error, "outcome", "failed")
        if outcome in TRANSIENT_OUTCOMES and not isinstance(error, SyncCancelledError):
            self._schedule_retry()
        if self._pulled.is_set():  # pages are committed one by one, before the failure
            self.dataReceived.emit()
        self.syncFailed.emit(error)

    def _schedule_retry(self) -> None:
        ceiling = max(FIRST_RETRY_MS, interval_minutes() * 60_000 or FIRST_RETRY_MS)
        self.retry_timer.start(min(self._retry_ms, ceiling))
        self._retry_ms = min(self._retry_ms * 2, ceiling)

    # -- network --------------------------------------------------------------------------

    def _watch_reachability(self) -> None:
        """Sync when the OS says the network is back (where Qt has a backend for it)."""
        if not self.watch_network or self._network is not None:
            return
        from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415 - once enrolled

        if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
            log.info("no network-reachability backend: retries on failure only")
            return
        # The stubs say never None; it is, when no backend loaded.
        information: QNetworkInformation | None = QNetworkInformation.instance()
        if information is None:
            return
        self._network = information
        information.reachabilityChanged.connect(self.on_reachability)

    def on_reachability(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

        online = reachability in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
        )
        if online and self.status is not None and self.status.last_outcome != "ok":
            self.sync_now()
