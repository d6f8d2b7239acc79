"""Strumenti → Backup…: the backups of this data folder, where they go, how many are kept,
"Esegui backup ora" and "Ripristina…".

The folder and the number of generations are the user's configuration (``desktop.config``),
not the store's: they must be known when the store cannot be read. A restore is checked here
(the key opens the backup, it is a Trama store that reads back), the recovery key asked when
the folder's key does not open it, and then handed to ``restore.request_restore``: the window
closes and the restore runs with the store closed (see ``desktop.ui.backup.restore``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import config
from desktop.documents.formatting import fill_date
from desktop.store import backups, keys
from desktop.store import restore as restoring
from desktop.store.engine import Store
from desktop.store.errors import StoreError, WrongKeyError
from desktop.ui.background import BackgroundTask
from desktop.ui.common.fields import set_read_only
from desktop.ui.common.formats import format_date, format_time
from desktop.ui.common.forms import make_form
from desktop.ui.common.keyboard import keyboard_ready
from desktop.ui.common.messages import confirm, heading, show_error
from desktop.ui.common.tables import Cell, Shown, fill_table, make_table, selected_key
from desktop.ui.operations import report_bug

log = logging.getLogger(__name__)

# Settings layers above the user's file: a value set there cannot be changed from here.
_LOCKED_SOURCES = ("command line", config.ENVIRONMENT[config.BACKUP_DIR],
                   config.ENVIRONMENT[config.BACKUP_KEEP])  # fmt: skip


def _local(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{format_date(local.date())} {format_time(local.time())}"


class BackupDialog(QDialog):
    """The Backup page, as a dialog of the main window."""

    # The user confirmed a restore of this backup, which this key opens.
    restoreRequested = Signal(object, object)  # Path, StoreKey

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.data_dir = store.path.parent
        self.task: BackgroundTask | None = None
        self.confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Backup"))
        self.setMinimumWidth(720)

        self.last_label = QLabel(self)
        self.last_label.setWordWrap(True)
        self.table = make_table(
            self, [self.tr("Taken on"), self.tr("Why"), self.tr("Size")], stretch_last=False
        )
        # The reason takes the room: the sizes stay beside their heading.
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(200)

        self.folder_edit = QLineEdit(self)
        set_read_only(self.folder_edit)
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton(self.tr("Use the default"), self)
        self.default_button.clicked.connect(self.use_default_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        self.keep_spin = QSpinBox(self)
        self.keep_spin.setRange(1, config.MAX_BACKUP_KEEP)
        self.keep_spin.valueChanged.connect(self.save_generations)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_spin)
        keep_row.addWidget(QLabel(self.tr("backups (the newest are kept)"), self), 1)
        self.settings_note = QLabel(self)
        self.settings_note.setWordWrap(True)
        self.settings_note.setStyleSheet("color: palette(placeholder-text);")
        settings = QGroupBox(self.tr("Where and how many"), self)
        form = make_form(settings)
        form.addRow(self.tr("Folder:"), folder_row)
        form.addRow(self.tr("Keep:"), keep_row)
        form.addRow(self.settings_note)

        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.clicked.connect(self.choose_restore)
        # Enter in the dialog must not open a file chooser or start a restore.
        for button in (self.choose_button, self.default_button, self.backup_button,
                       self.restore_button):  # fmt: skip
            button.setAutoDefault(False)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Backups of this data folder"), self))
        layout.addWidget(self.last_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status_label)
        layout.addWidget(settings)
        layout.addWidget(close)
        self.table.setAccessibleName(self.tr("Backups"))
        keyboard_ready(self)
        self.refresh()

    # -- what is shown --------------------------------------------------------------------------

    def refresh(self) -> None:
        plan = backups.backup_plan(self.data_dir)
        self.plan = plan
        found = backups.list_backups(plan.folder)
        if found:
            self.last_label.setText(
                self.tr("Last backup: %1 (%2).")
                .replace("%1", _local(found[0].taken_at))
                .replace("%2", self.reason_text(found[0].reason))
            )
        else:
            self.last_label.setText(self.tr("No backup in this folder yet."))
        rows: list[list[Cell]] = [
            [
                Shown(_local(backup.taken_at), backup.taken_at),
                self.reason_text(backup.reason),
                _size(backup.path),
            ]
            for backup in found
        ]
        fill_table(self.table, rows, keys=[str(backup.path) for backup in found])
        self.folder_edit.setText(str(plan.folder))
        self.folder_edit.setToolTip(str(plan.folder))
        self.keep_spin.blockSignals(True)
        self.keep_spin.setValue(plan.keep)
        self.keep_spin.blockSignals(False)
        self._show_settings_source()

    def reason_text(self, reason: str) -> str:
        texts = {
            backups.MANUAL: self.tr("Manual"),
            backups.DAILY: self.tr("Daily"),
            backups.BEFORE_MIGRATION: self.tr("Before an upgrade"),
            backups.BEFORE_ENCRYPTION: self.tr("Before encryption"),
            backups.BEFORE_RESTORE: self.tr("Before a restore"),
        }
        return texts.get(reason, reason)

    def _show_settings_source(self) -> None:
        try:
            loaded = config.load_configuration()
        except config.ConfigError as error:
            self.settings_note.setText(str(error))
            return
        locked = [
            source
            for key in (config.BACKUP_DIR, config.BACKUP_KEEP)
            if (source := loaded.source(key)) in _LOCKED_SOURCES
        ]
        for widget in (self.choose_button, self.default_button, self.keep_spin):
            widget.setEnabled(not locked)
        if locked:
            self.settings_note.setText(
                self.tr("Set by %1: it cannot be changed here.").replace("%1", ", ".join(locked))
            )
            return
        note = self.tr(
            "Manual backups are never deleted by Trama. In a folder of your choice (a network "
            "share is fine) each PC and data folder gets a subfolder of its own."
        )
        self.settings_note.setText(
            note + " " + self.tr("Saved in %1.").replace("%1", str(config.user_config_path()))
        )

    # -- settings -------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = str(self.plan.chosen or self.plan.folder)
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the backups"), start)
        if chosen:
            self._save({config.BACKUP_DIR: chosen})

    def use_default_folder(self) -> None:
        self._save({config.BACKUP_DIR: None})

    def save_generations(self, value: int) -> None:
        self._save({config.BACKUP_KEEP: str(value)})

    def _save(self, changes: dict[str, str | None]) -> None:
        try:
            config.write_user_settings(changes)
        except config.ConfigError as error:
            show_error(self, error)
        self.refresh()

    # -- back up now ----------------------------------------------------------------------------

    def _run(self, job: Callable[[], object], done: Callable[[object], None]) -> None:
        """``job`` on the worker pool with the buttons off; a StoreError is shown."""
        self._set_busy(True)
        task = BackgroundTask(lambda _cancelled, _progress: job(), parent=self)

        def finished(result: object) -> None:
            self._set_busy(False)
            done(result)

        task.finished.connect(finished)
        task.failed.connect(self._on_failed)
        self.task = task
        task.start()

    def _set_busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    def _on_failed(self, error: object) -> None:
        self._set_busy(False)
        if isinstance(error, StoreError):
            self.status_label.setText("")
            show_error(self, error)
        elif isinstance(error, BaseException):
            report_bug(error)

    def back_up_now(self) -> None:
        key = self.store.key
        if key is None:
            return
        self.status_label.setText(self.tr("Backing up…"))
        path = self.store.path
        self._run(lambda: restoring.back_up(path, key, reason=backups.MANUAL), self._on_backed_up)

    def _on_backed_up(self, result: object) -> None:
        self.status_label.setText(self.tr("Backup saved: %1").replace("%1", str(result)))
        self.refresh()

    # -- restore --------------------------------------------------------------------------------

    def choose_restore(self) -> None:
        selected = selected_key(self.table)
        start = str(selected) if selected is not None else str(self.plan.folder)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Backup to restore"),
            start,
            self.tr("Trama backups (*%1);;All files (*)").replace("%1", backups.BACKUP_SUFFIX),
        )
        if not chosen:
            return
        backup = Path(chosen)
        taken_at = backups.backup_taken_at(backup)
        which = (
            fill_date(
                self.tr("the backup of %1"), "%1", taken_at.astimezone().date(), _local(taken_at)
            )
            if taken_at is not None
            else backup.name
        )
        self.confirmation = confirm(
            self,
            self.tr("Restore %1?").replace("%1", which),
            lambda: self.check_restore(backup, self.store.key),
            yes_text=self.tr("Restore"),
            details=[
                self.tr("The data of this folder are replaced by those of the backup; they are "
                        "saved as a backup first."),
                self.tr("Changes made after the backup and never sent to the server are lost. "
                        "An enrolled folder receives again from the server everything it has "
                        "at the next synchronisation."),
                self.tr("Trama closes its window, restores the backup and opens the data "
                        "again: unsaved edits in open windows are lost."),
            ],
        )  # fmt: skip
        # What is lost deserves a warning, and room to be read.
        self.confirmation.setIcon(QMessageBox.Icon.Warning)
        self.confirmation.setStyleSheet(
            "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 480px; }"
        )

    def check_restore(self, backup: Path, key: keys.StoreKey | None) -> None:
        """Check in the background that ``key`` opens the backup and that it can be restored;
        then ask for the restore. The folder's key failing, the recovery key is asked."""
        if key is None:
            self.ask_recovery_key(backup)
            return
        self.status_label.setText(self.tr("Checking the backup…"))
        job = self._checking_job(backup, key)
        self._run(job, lambda result: self._on_checked(backup, result))

    def _checking_job(self, backup: Path, key: keys.StoreKey) -> Callable[[], object]:
        """A background check that ``key`` opens ``backup`` for a restore: the key, or None
        when it does not open it."""
        data_dir = self.data_dir

        def job() -> object:
            try:
                restoring.check_backup(backup, key, data_dir)
            except WrongKeyError:
                return None
            return key

        return job

    def _on_checked(self, backup: Path, result: object) -> None:
        self.status_label.setText("")
        if isinstance(result, keys.StoreKey):
            self.restoreRequested.emit(backup, result)
        else:
            self.ask_recovery_key(backup)

    def ask_recovery_key(self, backup: Path) -> None:
        text, accepted = QInputDialog.getText(
            self,
            self.tr("Recovery key"),
            # Lines of their own: the dialog's label does not wrap, and would be a metre wide.
            self.tr(
                "The key of this folder does not open this backup.\n"
                "Type the recovery key printed for the data it was made from\n"
                "(56 characters in groups of four):"
            ),
            QLineEdit.EchoMode.Normal,
        )
        if not accepted or not text.strip():
            return
        try:
            key = keys.key_from_recovery_text(text)
        except StoreError as error:
            show_error(self, error)
            return
        job = self._checking_job(backup, key)
        self._run(job, lambda result: self._on_recovery_checked(backup, result))

    def _on_recovery_checked(self, backup: Path, result: object) -> None:
        if isinstance(result, keys.StoreKey):
            self.restoreRequested.emit(backup, result)
        else:
            show_error(
                self,
                self.tr(
                    "The recovery key typed does not open this backup either: nothing was changed."
                ),
            )


def _size(path: Path) -> Shown | None:
    """The backup's size, shown in kB or MB and sorted by its bytes."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size < 1024 * 1024:
        return Shown(f"{QLocale().toString(max(1, round(size / 1024)))} kB", size)
    return Shown(f"{QLocale().toString(size / (1024 * 1024), 'f', 1)} MB", size)
