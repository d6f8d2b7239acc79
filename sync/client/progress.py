"""What a running sync reports, for a progress bar or a log line."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sync.client.errors import SyncCancelledError


class Stage(StrEnum):
    META = "meta"  # version gate
    PUSH = "push"
    PULL = "pull"
    CHECK = "check"  # drift check and, if needed, the re-pull
    DONE = "done"


@dataclass(frozen=True)
class SyncProgress:
    stage: Stage
    done: int  # records so far in this stage
    total: int | None  # None when not known in advance (a pull)
    message: str  # Italian, for the status bar


ProgressCallback = Callable[[SyncProgress], None]


def ignore_progress(_progress: SyncProgress) -> None:
    return None


def check_cancel(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise SyncCancelledError("Sincronizzazione annullata: riprenderà dal punto raggiunto.")
