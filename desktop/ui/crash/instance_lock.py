"""One running instance per data folder (DESIGN.md §5): a lock file in the folder.

Two copies of Trama on one data file would each keep their own idea of what is on screen and
in the sync queue. QLockFile writes the holder's PID, program and host into ``trama.lock``: a
lock whose process no longer runs on this PC (a crash, a power cut) is stale and taken over.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.store.files import make_private, make_private_dir

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "trama.lock"
EXIT_ALREADY_OPEN = 3


class InstanceLock:
    """The lock on one data folder; hold it for as long as the application runs."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE_NAME
        self._lock = QLockFile(str(self.path))
        # Age alone must never make a lock stale: a running Trama holds its lock for days.
        # Staleness is decided by the holder's PID (same host), which QLockFile checks itself.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """Take the lock now (never waits); False when a running Trama holds it.

        Raises ``OSError`` when the folder cannot be made or the lock file cannot be written.
        """
        make_private_dir(self.path.parent)
        if self._lock.tryLock(0):
            make_private(self.path)  # QLockFile makes it with the umask's mode
            return True
        failure = self._lock.error()
        if failure == QLockFile.LockError.LockFailedError:
            info = self._lock.getLockInfo()
            holder = info[0] if isinstance(info, tuple) and len(info) == 3 else "?"
            log.warning("data folder already in use by process %s", holder)
            return False
        if failure == QLockFile.LockError.PermissionError:
            raise PermissionError(f"cannot write the lock file {self.path}")
        raise OSError(f"cannot create the lock file {self.path} ({failure.name})")

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def is_locked(self) -> bool:
        return bool(self._lock.isLocked())


def already_open_message(data_dir: Path) -> str:
    return (
        QCoreApplication.translate("crash", "Trama is already open on this data folder:")
        + f"\n{data_dir}\n\n"
        + QCoreApplication.translate(
            "crash",
            "Use the window that is already open (look for it in the taskbar). If Trama is not "
            "open, another user of this PC may be using the same folder.",
        )
    )


def already_open_box(data_dir: Path, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("crash", "Trama"))
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 460px; }")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setText(already_open_message(data_dir))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_already_open(data_dir: Path, parent: QWidget | None = None) -> None:
    """Tell the user that another Trama holds the folder (modal; returns when dismissed)."""
    already_open_box(data_dir, parent).exec()
