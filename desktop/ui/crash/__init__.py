"""The last line of defence (DESIGN.md §5): one crash handler for bugs, and one running
instance per data folder."""

from desktop.ui.crash.handler import EXIT_CRASH, CrashHandler, install_crash_handler
from desktop.ui.crash.instance_lock import (
    EXIT_ALREADY_OPEN,
    LOCK_FILE_NAME,
    InstanceLock,
    show_already_open,
)

__all__ = [
    "EXIT_ALREADY_OPEN",
    "EXIT_CRASH",
    "LOCK_FILE_NAME",
    "CrashHandler",
    "InstanceLock",
    "install_crash_handler",
    "show_already_open",
]
