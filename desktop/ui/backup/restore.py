"""A restore chosen on the Backup page, carried out with the store closed, then reopened.

Many parts of the window hold the store (lists, editors, the sync schedule, background jobs),
and swapping the file under them would leave each with its own stale idea of the data. So the
page only checks the backup and its key while the store is open, and asks for the restore to
be done; the window closes, ``desktop.ui.app`` closes the store (keeping the folder's lock),
calls ``carry_out_pending_restore`` and opens the folder again with a new window: what the
user sees next is the restored store, read from scratch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox

from desktop.documents.formatting import fill_date
from desktop.store import restore as restoring
from desktop.store.errors import StoreError
from desktop.store.keys import StoreKey
from desktop.ui.common.formats import format_time

log = logging.getLogger(__name__)

# How long background jobs (a daily backup, a list ordering) may take to finish first.
WAIT_FOR_JOBS_MS = 30_000


@dataclass(frozen=True)
class PendingRestore:
    backup: Path
    key: StoreKey


_pending: dict[Path, PendingRestore] = {}


def request_restore(data_dir: Path, backup: Path, key: StoreKey) -> None:
    """Ask for ``backup`` to be restored into ``data_dir`` once its store is closed."""
    _pending[data_dir.resolve()] = PendingRestore(backup, key)


def restore_pending(data_dir: Path) -> bool:
    return data_dir.resolve() in _pending


def carry_out_pending_restore(data_dir: Path) -> bool:
    """Restore what the Backup page asked for, if anything (the store must be closed); tells
    the user the outcome. True when the folder should be opened again (after a restore, or
    after a refusal that changed nothing)."""
    pending = _pending.pop(data_dir.resolve(), None)
    if pending is None:
        return False
    from sync.client.restored import prepare_restored_copy  # noqa: PLC0415 - only now

    QThreadPool.globalInstance().waitForDone(WAIT_FOR_JOBS_MS)
    try:
        restored = restoring.restore_backup(
            pending.backup, data_dir, pending.key, prepare=prepare_restored_copy
        )
    except StoreError as error:
        log.error("the restore failed: %s", type(error).__name__)
        _tell(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Restore", "The backup could not be restored.")
            + "\n\n"
            + str(error)
            + "\n\n"
            + QCoreApplication.translate("Restore", "Trama opens the data folder again."),
        )
        return True
    _tell(QMessageBox.Icon.Information, restored_message(restored))
    return True


def _tell(icon: QMessageBox.Icon, text: str) -> None:
    """A modal box wide enough for the paths it names (no window is open at this point)."""
    box = QMessageBox(icon, QCoreApplication.translate("Restore", "Restore"), text)
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 560px; }")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def restored_message(restored: restoring.Restored) -> str:
    """What the user must know after a restore: from when the data are, what was lost."""
    if restored.taken_at is not None:
        moment = restored.taken_at.astimezone()
        first = fill_date(
            QCoreApplication.translate(
                "Restore", "The data were restored from the backup of %1 at %2."
            ),
            "%1",
            moment.date(),
        ).replace("%2", format_time(moment.time()))
    else:
        first = QCoreApplication.translate(
            "Restore", "The data were restored from the backup %1."
        ).replace("%1", str(restored.backup))
    parts = [first]
    if restored.enrolled:
        parts.append(
            QCoreApplication.translate(
                "Restore",
                "Changes made after that backup and never sent to the server are lost. At the "
                "next synchronisation Trama receives again everything the server has for this "
                "site, and sends what the backup had not sent yet. Synchronise before entering new "
                "referrals, so that their numbers follow those already issued.",
            )
        )
    else:
        parts.append(
            QCoreApplication.translate("Restore", "Changes made after that backup are lost.")
        )
    if restored.safety_copy is not None:
        parts.append(
            QCoreApplication.translate(
                "Restore", "The data it replaced were saved as a backup: %1"
            ).replace("%1", str(restored.safety_copy))
        )
    if restored.set_aside is not None:
        parts.append(
            QCoreApplication.translate(
                "Restore", "The data it replaced could not be read; the file was kept as %1"
            ).replace("%1", str(restored.set_aside))
        )
    if restored.key_changed:
        parts.append(
            QCoreApplication.translate(
                "Restore",
                "The folder now uses the encryption key of the backup: its recovery key is the "
                "one printed for the data the backup was made from.",
            )
        )
    return "\n\n".join(parts)


def offer_restore_at_start(box: QMessageBox, data_dir: Path, error: StoreError | None) -> bool:
    """On the start-up failure box of a damaged or vanished store, a button that restores the
    latest backup, and the box shown. True when a restore was asked for (the caller carries
    it out while it holds the folder's lock, then opens the folder again)."""
    from desktop.store import backups, keys  # noqa: PLC0415
    from desktop.store.errors import DamagedStoreError, MissingStoreError  # noqa: PLC0415

    latest = None
    key = None
    if isinstance(error, DamagedStoreError | MissingStoreError):
        latest = backups.latest_backup(backups.backup_folder(data_dir))
        try:
            key = keys.load_key(data_dir)
        except StoreError:
            key = None  # no keyring: `trama restore` with the recovery key, as the box says
    if latest is None or key is None:
        box.exec()
        return False
    restore = box.addButton(
        QCoreApplication.translate("Restore", "Restore the latest backup…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.exec()
    if box.clickedButton() is not restore:
        return False
    taken = latest.taken_at.astimezone()
    question = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Restore", "Restore"),
        fill_date(
            QCoreApplication.translate(
                "Restore",
                "Put back the backup of %1 at %2? Whatever was saved after it and never sent to "
                "the server is lost; the damaged file is kept aside as a backup when it can be "
                "read.",
            ),
            "%1",
            taken.date(),
        ).replace("%2", format_time(taken.time())),
    )
    question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    question.setDefaultButton(QMessageBox.StandardButton.No)
    if question.exec() != QMessageBox.StandardButton.Yes:
        return False
    request_restore(data_dir, latest.path, key)
    return True
