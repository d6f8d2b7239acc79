"""What the application (and its sync UI) uses of the client engine: one import point.

Threading: ``run_sync`` and ``enroll`` block on the network; call them off the GUI thread (one
sync at a time per data folder) and pass a ``threading.Event`` to cancel. The other calls are
short reads and writes, safe from any thread. Errors are ``SyncError`` subclasses whose text is
an Italian sentence for the user; ``error.outcome`` is a short code ("offline", "refused", ...).
"""

from __future__ import annotations

import threading

from desktop.store.engine import Store
from sync.client.conflicts import ConflictRow, CustomValue, list_conflicts, resolve_conflict
from sync.client.engine import SyncEngine, SyncResult
from sync.client.enroll import Enrollment, enroll, enrollment
from sync.client.errors import (
    AlreadyEnrolledError,
    AuthenticationError,
    CertificateError,
    KeyringUnavailableError,
    NotEnrolledError,
    OfflineError,
    RequestRefusedError,
    ServerError,
    SyncCancelledError,
    SyncError,
    VersionRefusedError,
)
from sync.client.progress import ProgressCallback, Stage, SyncProgress
from sync.client.status import (
    RecordState,
    SyncLogRow,
    SyncStatus,
    list_sync_log,
    record_state,
    sync_status,
)


def run_sync(
    store: Store,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> SyncResult:
    """One sync of the data folder with its server (see ``sync.client.engine``)."""
    return SyncEngine(store, progress=progress, cancel=cancel).run()


__all__ = [
    "AlreadyEnrolledError",
    "AuthenticationError",
    "CertificateError",
    "ConflictRow",
    "CustomValue",
    "Enrollment",
    "KeyringUnavailableError",
    "NotEnrolledError",
    "OfflineError",
    "ProgressCallback",
    "RecordState",
    "RequestRefusedError",
    "ServerError",
    "Stage",
    "SyncCancelledError",
    "SyncError",
    "SyncLogRow",
    "SyncProgress",
    "SyncResult",
    "SyncStatus",
    "VersionRefusedError",
    "enroll",
    "enrollment",
    "list_conflicts",
    "list_sync_log",
    "record_state",
    "resolve_conflict",
    "run_sync",
    "sync_status",
]
