"""Storage failures in the GUI: said as what they are, never as "an unexpected error".

The store names its failures in Italian (``desktop.store.failures``): a damaged file with the
backup to restore, a full disk, a folder that cannot be written, another program's file, a
newer schema, a missing or wrong key. Here they get a short headline for the dialog, and errors
raised later by background work (the driver's or SQLAlchemy's, wrapped or not) are recognised
as the same failures, for the data folder the application has open.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.store import errors
from desktop.store.errors import KeyRejectedError, StoreError
from desktop.store.raw import DatabaseError
from desktop.ui.crash.causes import error_chain

log = logging.getLogger(__name__)

_open_folder: Path | None = None


def watch_data_folder(data_dir: Path | None) -> None:
    """The data folder the application has open (None when it closes): errors of its store
    are named against it."""
    global _open_folder  # noqa: PLW0603 - one open data folder per application
    _open_folder = data_dir


def _involves_the_store(error: BaseException) -> bool:
    return any(isinstance(cause, StoreError | DatabaseError) for cause in error_chain(error))


def storage_failure(error: BaseException) -> StoreError | None:
    """The storage failure behind ``error`` (a named ``StoreError``), or None when ``error``
    is none (a bug, a constraint, a network error: the caller's business)."""
    if not _involves_the_store(error):
        return None
    if _open_folder is None:
        if isinstance(error, StoreError) and not isinstance(error, KeyRejectedError):
            return error
        return None
    from desktop.store import failures  # noqa: PLC0415 - it reads the backups folder

    return failures.describe(error, _open_folder)


def error_text(error: object) -> str:
    """What the user reads for a failed job: a storage failure's Italian message (never the
    driver's words), else the error's own text."""
    if isinstance(error, BaseException):
        named = storage_failure(error)
        if named is not None:
            return str(named)
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def storage_headline(error: BaseException) -> str:
    """One line saying which failure it is, above the store's own message."""
    from desktop.store.keys import KeyringUnavailableError  # noqa: PLC0415

    headlines: list[tuple[type[BaseException], str]] = [
        (
            errors.DamagedStoreError,
            QCoreApplication.translate("storage", "The data file is damaged."),
        ),
        (errors.DiskFullError, QCoreApplication.translate("storage", "The disk is full.")),
        (
            errors.ReadOnlyStoreError,
            QCoreApplication.translate("storage", "Trama cannot write in its data folder."),
        ),
        (
            errors.ForeignFileError,
            QCoreApplication.translate("storage", "The data file is not a Trama file."),
        ),
        (
            errors.DatabaseTooNewError,
            QCoreApplication.translate(
                "storage", "The data file comes from a newer version of Trama."
            ),
        ),
        (
            errors.MigrationFailedError,
            QCoreApplication.translate("storage", "The data file could not be updated."),
        ),
        (
            errors.MissingStoreError,
            QCoreApplication.translate("storage", "The data file is missing."),
        ),
        (
            errors.MissingKeyError,
            QCoreApplication.translate("storage", "The key of the data file is missing."),
        ),
        (
            errors.WrongKeyError,
            QCoreApplication.translate("storage", "The key does not open the data file."),
        ),
        (
            KeyringUnavailableError,
            QCoreApplication.translate("storage", "There is no usable system keyring."),
        ),
    ]
    for kind, headline in headlines:
        if isinstance(error, kind):
            return headline
    return QCoreApplication.translate("storage", "The data file cannot be used.")


def startup_failure_box(data_dir: Path, error: BaseException) -> QMessageBox:
    """The dialog for a data folder that could not be opened: which failure, then the
    store's message (what happened, what to do). The caller shows it."""
    named = storage_failure_at(data_dir, error)
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("storage", "Trama: the data cannot be opened"))
    box.setStyleSheet(
        "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 480px; }"
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if named is not None:
        box.setText(storage_headline(named))
        box.setInformativeText(str(named))
    else:
        box.setText(
            QCoreApplication.translate("storage", "The data folder %1 cannot be opened.").replace(
                "%1", str(data_dir)
            )
        )
        detail = error.strerror if isinstance(error, OSError) and error.strerror else ""
        box.setInformativeText(detail or type(error).__name__)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def storage_failure_at(data_dir: Path, error: BaseException) -> StoreError | None:
    """Like :func:`storage_failure`, for a folder not open yet (the start-up), OS errors
    included (the lock file, the folder): a folder that said nothing is probed."""
    from desktop.store import failures  # noqa: PLC0415

    named = failures.describe(error, data_dir)
    if named is None and isinstance(error, OSError):
        named = failures.folder_problem(data_dir)
    return named


def open_folder_notice(parent: QWidget, warning: str) -> QMessageBox:
    """A non-blocking warning about a data folder other accounts may read (shown once per
    start); the work goes on behind it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("storage", "Trama"))
    box.setText(
        QCoreApplication.translate("storage", "Other users of this PC can open the data folder.")
    )
    box.setInformativeText(warning[:1].upper() + warning[1:])
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 480px; }")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
