"""Strumenti → Backup…: the list, "Esegui backup ora", the settings, "Ripristina…" with the
folder's key or the recovery key, the restore carried out with the store closed, and the daily
backup's timing with an injected clock."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from desktop import config
from desktop.store import backups, keys
from desktop.store.engine import Store, database_path
from desktop.store.migrate import open_store
from desktop.ui.backup import BackupArea, DailyBackup, install_backups
from desktop.ui.backup.dialog import BackupDialog
from desktop.ui.backup.restore import carry_out_pending_restore, restore_pending
from tests.test_backups import every_row, own_configuration  # noqa: F401
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
# The offscreen platform's notice for every dialog shown (not a problem of the page).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _key(store: Store) -> keys.StoreKey:
    assert store.key is not None
    return store.key


def _take(store: Store, reason: str, when: datetime) -> Path:
    return backups.take_backup(
        store.path, _key(store), backups.backup_folder(store.path.parent), reason=reason, now=when
    ).path


@pytest.fixture
def page(qtbot: QtBot, store: Store, italian: None) -> BackupDialog:  # noqa: F811
    dialog = BackupDialog(store)
    qtbot.addWidget(dialog)
    return dialog


def _message_boxes() -> list[QMessageBox]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.isVisible()
    ]


def _close_message_boxes() -> None:
    for box in _message_boxes():
        box.done(0)


def _say_yes(qtbot: QtBot, page: BackupDialog) -> None:
    qtbot.waitUntil(lambda: page.confirmation is not None and page.confirmation.isVisible())
    box = page.confirmation
    assert box is not None
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    yes.click()


# -- what the page shows --------------------------------------------------------------------------


def test_the_page_lists_the_backups_in_italian(qtbot: QtBot, store: Store, italian: None) -> None:  # noqa: F811
    _take(store, backups.DAILY, NOW - timedelta(days=1))
    _take(store, backups.MANUAL, NOW)
    page = BackupDialog(store)
    qtbot.addWidget(page)

    newest = NOW.astimezone()
    assert page.windowTitle() == "Backup"
    assert page.last_label.text() == (f"Ultimo backup: {newest:%d/%m/%Y %H:%M} (Manuale).")
    rows = [
        [page.table.item(row, column).text() for column in range(3)]
        for row in range(page.table.rowCount())
    ]
    assert [row[1] for row in rows] == ["Manuale", "Giornaliero"]
    assert rows[0][0] == f"{newest:%d/%m/%Y %H:%M}"
    assert all(row[2].endswith(" kB") for row in rows)
    assert page.backup_button.text() == "Esegui backup ora"
    assert page.restore_button.text() == "Ripristina…"
    assert page.folder_edit.text() == str(store.path.parent / "backups")
    assert page.keep_spin.value() == config.DEFAULT_BACKUP_KEEP


def test_an_empty_folder_says_so(page: BackupDialog) -> None:
    assert page.last_label.text() == "Nessun backup ancora in questa cartella."
    assert page.table.rowCount() == 0


def test_back_up_now(qtbot: QtBot, page: BackupDialog, store: Store) -> None:
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    qtbot.waitUntil(page.backup_button.isEnabled)
    [taken] = backups.list_backups(backups.backup_folder(store.path.parent))
    assert taken.reason == backups.MANUAL
    assert page.status_label.text() == f"Backup salvato: {taken.path}"
    assert every_row(taken.path, _key(store)) == every_row(store.path, _key(store))


def test_back_up_now_on_a_folder_that_cannot_be_written(
    qtbot: QtBot, page: BackupDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only_share(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(backups, "copy_database", read_only_share)
    try:
        page.backup_button.click()
        qtbot.waitUntil(lambda: bool(_message_boxes()))
        [box] = _message_boxes()
        assert "sola lettura" in box.text()
        assert page.table.rowCount() == 0
        assert page.backup_button.isEnabled()
    finally:
        _close_message_boxes()


def test_the_folder_and_generations_are_the_users_configuration(
    page: BackupDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: Store
) -> None:
    share = tmp_path / "condivisa"
    share.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(share))
    page.choose_button.click()
    page.keep_spin.setValue(5)

    loaded = config.load_configuration()
    assert loaded.backup_dir == share and loaded.backup_keep == 5
    folder = backups.backup_folder(store.path.parent)
    assert folder.parent == share
    assert page.folder_edit.text() == str(folder)
    assert str(config.user_config_path()) in page.settings_note.text()

    page.default_button.click()
    assert config.load_configuration().backup_dir is None
    assert page.folder_edit.text() == str(store.path.parent / "backups")


def test_settings_given_by_the_environment_cannot_be_changed_here(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAMA_BACKUP_DIR", str(tmp_path / "da-it"))
    page = BackupDialog(store)
    qtbot.addWidget(page)
    assert not page.choose_button.isEnabled() and not page.keep_spin.isEnabled()
    assert "TRAMA_BACKUP_DIR" in page.settings_note.text()


# -- restore --------------------------------------------------------------------------------------


@pytest.fixture
def changed_after_backup(store: Store) -> Iterator[Path]:
    """A backup, then a change to the store that the restore will undo."""
    backup = _take(store, backups.MANUAL, NOW)
    with store.raw_write() as connection:
        connection.execute("INSERT INTO local_setting (key, value) VALUES ('dopo', 'perso')")
    yield backup


def test_restore_with_a_picked_file_closes_restores_and_reopens(
    qtbot: QtBot,
    store: Store,
    changed_after_backup: Path,
    monkeypatch: pytest.MonkeyPatch,
    italian: None,  # noqa: F811
) -> None:
    data_dir = store.path.parent
    at_backup = every_row(changed_after_backup, _key(store))
    window = QMainWindow()
    qtbot.addWidget(window)
    area = install_backups(window, store, data_dir, QMenu(window))
    window.show()
    area.open_dialog()
    page = area.dialog
    assert page is not None
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args: (str(changed_after_backup), "")
    )

    page.restore_button.click()
    box = page.confirmation
    assert box is not None
    assert box.text() == f"Ripristinare il backup del {NOW.astimezone():%d/%m/%Y %H:%M}?"
    assert "mai inviate al server vanno perse" in box.informativeText()
    _say_yes(qtbot, page)

    qtbot.waitUntil(lambda: not window.isVisible())
    assert restore_pending(data_dir)
    store.dispose()  # what desktop.ui.app does when the window has closed
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)

    assert carry_out_pending_restore(data_dir) is True

    assert every_row(database_path(data_dir), _key(store)) == at_backup
    assert "Le modifiche fatte dopo quel backup sono perse." in told[0]
    assert "salvati in un backup" in told[0]
    assert not restore_pending(data_dir)
    open_store(data_dir, create=False).dispose()


def test_a_backup_of_other_data_asks_for_its_recovery_key(
    qtbot: QtBot, page: BackupDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "altro-ufficio"
    other_store = open_store(other)
    other_key = _key(other_store)
    backup = _take(other_store, backups.MANUAL, NOW)
    other_store.dispose()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(backup), ""))
    asked: list[str] = []

    def typed(_parent: object, title: str, label: str, _echo: object) -> tuple[str, bool]:
        asked.append(title)
        return other_key.recovery_text().lower(), True

    monkeypatch.setattr(QInputDialog, "getText", typed)

    page.restore_button.click()
    with qtbot.waitSignal(page.restoreRequested, timeout=20_000) as requested:
        _say_yes(qtbot, page)

    assert asked == ["Chiave di recupero"]
    assert requested.args == [backup, other_key]


def test_a_wrong_recovery_key_changes_nothing(
    qtbot: QtBot, page: BackupDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "altro-ufficio"
    other_store = open_store(other)
    backup = _take(other_store, backups.MANUAL, NOW)
    other_store.dispose()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(backup), ""))
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *args: (keys.new_key().recovery_text(), True)
    )
    emitted: list[object] = []
    page.restoreRequested.connect(lambda *args: emitted.append(args))
    try:
        page.restore_button.click()
        _say_yes(qtbot, page)
        qtbot.waitUntil(lambda: any("Nemmeno" in box.text() for box in _message_boxes()))
        assert emitted == []
    finally:
        _close_message_boxes()


def test_a_damaged_backup_is_refused_before_anything_closes(
    qtbot: QtBot,
    page: BackupDialog,
    store: Store,
    changed_after_backup: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with changed_after_backup.open("r+b") as handle:
        handle.seek(changed_after_backup.stat().st_size // 2)
        handle.write(os.urandom(32 * 1024))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args: (str(changed_after_backup), "")
    )
    emitted: list[object] = []
    page.restoreRequested.connect(lambda *args: emitted.append(args))
    try:
        page.restore_button.click()
        _say_yes(qtbot, page)
        qtbot.waitUntil(lambda: any("danneggiata" in box.text() for box in _message_boxes()))
        assert emitted == []
        assert page.restore_button.isEnabled()
    finally:
        _close_message_boxes()


def test_a_restore_that_fails_after_the_window_closed_reopens_the_data_as_they_were(
    store: Store, changed_after_backup: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from desktop.ui.backup.restore import request_restore  # noqa: PLC0415

    data_dir = store.path.parent
    before = every_row(store.path, _key(store))
    shutil.copyfile(changed_after_backup, changed_after_backup.with_name("x"))
    changed_after_backup.write_bytes(b"%PDF-1.7 non un backup")  # replaced since it was checked
    request_restore(data_dir, changed_after_backup, _key(store))
    store.dispose()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)

    assert carry_out_pending_restore(data_dir) is True

    assert "non è una copia di sicurezza di Trama" in told[0]
    assert every_row(store.path, _key(store)) == before


def test_nothing_pending_means_no_restore(store: Store) -> None:
    assert carry_out_pending_restore(store.path.parent) is False


# -- the daily backup -----------------------------------------------------------------------------


def test_the_daily_backup_follows_the_clock(qtbot: QtBot, store: Store) -> None:
    clock = [NOW]
    daily = DailyBackup(store, now=lambda: clock[0], check_every_ms=3_600_000)
    folder = backups.backup_folder(store.path.parent)

    with qtbot.waitSignal(daily.taken, timeout=20_000) as first:
        daily.start()  # no backup yet: taken at start
    assert daily.timer.isActive()
    assert [backup.path for backup in backups.list_backups(folder)] == [first.args[0]]

    for hours in (1, 23):
        clock[0] = NOW + timedelta(hours=hours)
        assert daily.check()
        assert daily.task is not None
        with qtbot.waitSignal(daily.task.finished, timeout=20_000):
            pass
        assert len(backups.list_backups(folder)) == 1  # not due yet

    clock[0] = NOW + timedelta(hours=24, minutes=1)
    with qtbot.waitSignal(daily.taken, timeout=20_000):
        assert daily.check()
    latest = backups.latest_backup(folder)
    assert latest is not None and latest.reason == backups.DAILY
    assert latest.taken_at == clock[0]
    daily.stop()
    assert not daily.timer.isActive()


def test_the_main_window_has_the_backup_menu(qtbot: QtBot, store: Store) -> None:
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415

    window = MainWindow(store, store.path.parent)
    qtbot.addWidget(window)
    assert isinstance(window.backups, BackupArea)
    titles = [
        action.text()
        for menu_action in window.menuBar().actions()
        if (menu := menu_action.menu()) is not None
        for action in menu.actions()
    ]
    assert "&Backup…" in titles


def test_the_application_closes_restores_and_opens_the_restored_data(
    store: Store, changed_after_backup: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    """``desktop.ui.app.run``: the window closes, the store is restored with the folder's lock
    held, and a new window opens on the restored data; closing that one ends the run."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    from desktop.ui.app import run  # noqa: PLC0415
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415

    data_dir = store.path.parent
    key = _key(store)
    at_backup = every_row(changed_after_backup, key)
    store.dispose()
    windows: list[MainWindow] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    # The recovery key's own dialog is tested in test_recovery_dialog.py.
    monkeypatch.setattr("desktop.ui.recovery.show_recovery_key_if_unconfirmed", lambda *_: False)

    def step() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        fresh = [w for w in shown if w.isVisible() and w not in windows]
        if not fresh:
            QTimer.singleShot(20, step)
            return
        window = fresh[0]
        windows.append(window)
        if len(windows) == 1:
            window.backups.restore_and_reopen(changed_after_backup, key)
            QTimer.singleShot(20, step)  # the next window, once the folder is opened again
        else:
            QTimer.singleShot(0, window.close)

    QTimer.singleShot(0, step)
    assert run(data_dir) == 0

    assert len(windows) == 2 and len(told) == 1
    assert every_row(database_path(data_dir), key) == at_backup
    for window in windows:
        window.deleteLater()
