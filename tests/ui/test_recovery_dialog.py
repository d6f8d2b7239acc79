"""The recovery key in the GUI (desktop.ui.recovery): shown on a new store until the user says
it was kept, never for a demo folder; asked for at start when the keyring lost the key.

The dialogs run modal (``exec``) at start, before the main window: each test answers the dialog
from inside its event loop, as a person would, and any failure there closes it."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontInfo
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.store import keys, recovery
from desktop.store.engine import Store, database_path
from desktop.store.keys import StoreKey
from desktop.store.migrate import open_store
from desktop.ui import app as app_module
from desktop.ui.recovery import open_store_or_recover, show_recovery_key_if_unconfirmed
from desktop.ui.recovery.enter_dialog import EnterRecoveryKeyDialog
from desktop.ui.recovery.keep_dialog import KeepRecoveryKeyDialog
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Answers:
    """What a person does in the modal dialog that comes up next; a failed check closes it."""

    def __init__(self) -> None:
        self.problems: list[BaseException] = []
        self.seen: list[QWidget] = []

    def next_dialog(self, act: Callable[[QDialog], None]) -> None:
        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog):
                self.problems.append(AssertionError(f"no modal dialog, but {dialog!r}"))
                return
            self.seen.append(dialog)
            try:
                act(dialog)
            except BaseException as problem:
                self.problems.append(problem)
                dialog.reject()

        QTimer.singleShot(0, answer)

    def check(self) -> None:
        if self.problems:
            raise self.problems[0]


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def new_folder(data_dir: Path) -> Iterator[Store]:
    """A store just created in a new folder, as the first start (or `trama seed-demo`) makes."""
    store = open_store(data_dir)
    try:
        yield store
    finally:
        store.dispose()


def _banner(dialog: KeepRecoveryKeyDialog | EnterRecoveryKeyDialog) -> str:
    return dialog.banner.text() if dialog.banner.isVisible() else ""


# -- the key shown on a new store ---------------------------------------------------------------


def test_a_new_store_shows_its_recovery_key_and_continue_waits_for_the_checkbox(
    qtbot: QtBot,
    new_folder: Store,
    answers: Answers,
    italian: None,  # noqa: F811
) -> None:
    data_dir = new_folder.path.parent
    key = new_folder.key
    assert key is not None

    def keep(dialog: QDialog) -> None:
        assert isinstance(dialog, KeepRecoveryKeyDialog)
        shown = dialog.key_label.text().split()
        assert "-".join(shown) == key.recovery_text()
        assert QFontInfo(dialog.key_label.font()).fixedPitch()
        assert dialog.key_label.font().pointSizeF() > dialog.font().pointSizeF() * 1.5
        texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "nuovo profilo di Windows" in texts and "cassaforte" in texts
        assert dialog.kept.text() == "Ho conservato la chiave di recupero"
        assert dialog.continue_button.text() == "Continua"
        assert dialog.print_button.text() == "Stampa il foglio…"
        assert dialog.save_button.text() == "Salva PDF…"
        assert not dialog.continue_button.isEnabled()
        dialog.continue_button.click()  # disabled: nothing happens
        assert dialog.isVisible()
        assert not recovery.recovery_key_confirmed(new_folder)
        dialog.kept.click()
        assert dialog.continue_button.isEnabled()
        dialog.continue_button.click()

    answers.next_dialog(keep)
    assert show_recovery_key_if_unconfirmed(new_folder, data_dir) is True
    answers.check()
    assert recovery.recovery_key_confirmed(new_folder)
    # Confirmed: the next starts open straight away.
    assert show_recovery_key_if_unconfirmed(new_folder, data_dir) is False


def test_closing_without_confirming_brings_the_key_back_at_the_next_start(
    qtbot: QtBot, new_folder: Store, answers: Answers
) -> None:
    data_dir = new_folder.path.parent

    def later(dialog: QDialog) -> None:
        assert isinstance(dialog, KeepRecoveryKeyDialog)
        dialog.kept.click()  # ticked, but the dialog is left another way
        dialog.later_button.click()

    answers.next_dialog(later)
    assert show_recovery_key_if_unconfirmed(new_folder, data_dir) is True
    answers.check()
    assert not recovery.recovery_key_confirmed(new_folder)

    answers.next_dialog(lambda dialog: dialog.reject())  # Esc, or the window's close button
    assert show_recovery_key_if_unconfirmed(new_folder, data_dir) is True
    answers.check()
    assert len(answers.seen) == 2


def test_a_demo_folder_never_shows_a_recovery_key(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    data_dir.mkdir()
    keys.mark_demo_folder(data_dir)
    store = open_store(data_dir)
    try:
        assert show_recovery_key_if_unconfirmed(store, data_dir) is False
        assert QApplication.activeModalWidget() is None
    finally:
        store.dispose()


@pytest.fixture
def keep_dialog(qtbot: QtBot, new_folder: Store) -> KeepRecoveryKeyDialog:
    assert new_folder.key is not None
    dialog = KeepRecoveryKeyDialog(new_folder, new_folder.path.parent, new_folder.key)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _one_page_with(pdf: bytes, key: StoreKey) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert all(group in text for group in key.recovery_text().split("-"))


def _issued_documents(store: Store) -> int:
    with store.raw_read() as connection:
        return int(connection.execute("SELECT count(*) FROM issued_document").fetchone()[0])


def test_the_sheet_is_saved_where_chosen_never_into_the_data_folder(
    keep_dialog: KeepRecoveryKeyDialog,
    new_folder: Store,
    tmp_path: Path,
    italian: None,  # noqa: F811
) -> None:
    data_dir = new_folder.path.parent
    for inside in (data_dir / "chiave.pdf", data_dir / "backups" / ".." / "chiave.pdf"):
        assert keep_dialog.save_to(inside) is None
        assert "cartella dei dati" in _banner(keep_dialog)
    assert [path for path in data_dir.rglob("*") if path.suffix.lower() == ".pdf"] == []

    stick = tmp_path / "chiavetta"
    stick.mkdir()
    saved = keep_dialog.save_to(stick / "chiave di recupero")
    assert saved == stick / "chiave di recupero.pdf"
    assert new_folder.key is not None
    _one_page_with(saved.read_bytes(), new_folder.key)
    assert "Non lasciarlo su questo computer" in _banner(keep_dialog)
    assert _issued_documents(new_folder) == 0  # about the folder, not a person: not recorded


def test_a_sheet_that_cannot_be_written_is_said(
    keep_dialog: KeepRecoveryKeyDialog, tmp_path: Path
) -> None:
    assert keep_dialog.save_to(tmp_path / "non-c-e" / "chiave.pdf") is None
    assert "could not be written" in _banner(keep_dialog)


def test_the_sheet_is_printed_on_the_printer_chosen(
    keep_dialog: KeepRecoveryKeyDialog, new_folder: Store, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "stampato.pdf"
    printer.setOutputFileName(os.fspath(target))
    assert keep_dialog.print_to(printer) is True
    assert len(PdfReader(target).pages) == 1
    assert "printer" in _banner(keep_dialog)
    assert _issued_documents(new_folder) == 0


# -- the key asked for at start ------------------------------------------------------------------


@pytest.fixture
def orphan(store: Store) -> tuple[Path, StoreKey]:
    """A folder whose keyring entry is gone (a new Windows profile), its store closed."""
    key = store.key
    assert key is not None
    data_dir = store.path.parent
    store.dispose()
    keys.forget_key(data_dir)
    return data_dir, key


def _typo(text: str) -> str:
    return text[:1] + ("A" if text[1] != "A" else "B") + text[2:]


def test_a_missing_key_asks_for_the_recovery_key_and_says_mistakes_inline(
    qtbot: QtBot,
    orphan: tuple[Path, StoreKey],
    answers: Answers,
    italian: None,  # noqa: F811
) -> None:
    data_dir, key = orphan
    sha_before = database_path(data_dir).read_bytes()

    def recover(dialog: QDialog) -> None:
        assert isinstance(dialog, EnterRecoveryKeyDialog)
        assert dialog.windowTitle() == "Trama: serve la chiave di recupero"
        assert not dialog.open_button.isEnabled()  # nothing typed yet
        dialog.key_field.setText(_typo(key.recovery_text()))
        dialog.open_button.click()
        assert "errore di battitura" in _banner(dialog)
        dialog.key_field.setText(keys.new_key().recovery_text())
        dialog.open_button.click()
        assert "non apre l'archivio" in _banner(dialog)
        assert dialog.isVisible()
        assert database_path(data_dir).read_bytes() == sha_before  # wrong keys change nothing
        assert keys.load_key(data_dir) is None
        dialog.key_field.setText(key.recovery_text().lower().replace("-", " "))
        dialog.open_button.click()

    answers.next_dialog(recover)
    store = open_store_or_recover(data_dir)
    answers.check()
    assert store is not None
    try:
        assert store.key == key
        assert keys.load_key(data_dir) == key
    finally:
        store.dispose()


def test_a_wrong_key_in_the_keyring_asks_for_the_recovery_key_too(
    qtbot: QtBot,
    orphan: tuple[Path, StoreKey],
    answers: Answers,
    italian: None,  # noqa: F811
) -> None:
    data_dir, key = orphan
    keys.save_key(data_dir, keys.new_key())

    def recover(dialog: QDialog) -> None:
        assert isinstance(dialog, EnterRecoveryKeyDialog)
        headings = [label.text() for label in dialog.findChildren(QLabel)]
        assert "La chiave custodita su questo computer non apre i dati" in headings
        dialog.key_field.setText(key.recovery_text())
        dialog.open_button.click()

    answers.next_dialog(recover)
    store = open_store_or_recover(data_dir)
    answers.check()
    assert store is not None
    store.dispose()
    assert keys.load_key(data_dir) == key


def test_quitting_the_recovery_dialog_opens_nothing(
    qtbot: QtBot, orphan: tuple[Path, StoreKey], answers: Answers
) -> None:
    data_dir, _key = orphan
    before = database_path(data_dir).read_bytes()
    answers.next_dialog(lambda dialog: dialog.quit_button.click())  # type: ignore[attr-defined]
    assert open_store_or_recover(data_dir) is None
    answers.check()
    assert database_path(data_dir).read_bytes() == before
    assert keys.load_key(data_dir) is None


def test_the_application_opens_after_the_recovery_key(
    qtbot: QtBot,
    orphan: tuple[Path, StoreKey],
    answers: Answers,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Through ``run``: the key asked for, then the main window (a benchmark's quick exit)."""
    data_dir, key = orphan
    ready = tmp_path / "ready.txt"
    monkeypatch.setenv("TRAMA_LANGUAGE", "en")
    monkeypatch.setenv("TRAMA_BENCH_READY_FILE", os.fspath(ready))
    monkeypatch.setenv("TRAMA_BENCH_QUIT_AFTER_READY", "1")

    def kept(dialog: QDialog) -> None:
        assert isinstance(dialog, KeepRecoveryKeyDialog)
        dialog.kept.click()
        dialog.continue_button.click()

    def recover(dialog: QDialog) -> None:
        assert isinstance(dialog, EnterRecoveryKeyDialog)
        dialog.key_field.setText(key.recovery_text())
        # Opened with the recovery key, the store then asks, as at every start, whether that
        # key was kept (this orphan never said so).
        answers.next_dialog(kept)
        dialog.open_button.click()

    answers.next_dialog(recover)
    qapp.setQuitOnLastWindowClosed(False)
    try:
        assert app_module.run(data_dir) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    answers.check()
    assert [type(seen) for seen in answers.seen] == [EnterRecoveryKeyDialog, KeepRecoveryKeyDialog]
    assert float(ready.read_text(encoding="utf-8")) > 0
    assert keys.load_key(data_dir) == key


def test_the_application_quits_when_the_recovery_key_is_not_given(
    qtbot: QtBot, orphan: tuple[Path, StoreKey], answers: Answers
) -> None:
    data_dir, _key = orphan
    answers.next_dialog(lambda dialog: dialog.reject())
    assert app_module.run(data_dir) == 2
    answers.check()
    assert keys.load_key(data_dir) is None


def test_without_a_keyring_the_start_says_how_to_fix_it(
    qtbot: QtBot,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    italian: None,  # noqa: F811
) -> None:
    shown: list[tuple[str, str]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    monkeypatch.setenv("TRAMA_LANGUAGE", "it")
    assert app_module.run(data_dir) == 2
    ((text, fix),) = shown
    assert text.startswith("Trama non riesce a usare il portachiavi di sistema")
    assert "non può essere aperta" not in text  # not the generic message
    assert "GNOME Keyring" in fix and "Gestione credenziali" in fix
    assert not database_path(data_dir).exists()  # no data written without a kept key


def test_a_folder_made_by_the_command_line_shows_its_key_at_the_first_start(
    qtbot: QtBot,
    data_dir: Path,
    answers: Answers,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`trama seed-demo` or `trama enroll` create the store with nobody to show the key to:
    the application's first start shows it, and once confirmed never again."""
    open_store(data_dir).dispose()
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415 - heavy, this test only

    shown = MainWindow.show

    def show_then_quit(window: MainWindow) -> None:
        shown(window)
        QTimer.singleShot(0, qapp.quit)

    monkeypatch.setattr(MainWindow, "show", show_then_quit)
    monkeypatch.setenv("TRAMA_LANGUAGE", "en")

    def keep(dialog: QDialog) -> None:
        assert isinstance(dialog, KeepRecoveryKeyDialog)
        dialog.kept.click()
        dialog.continue_button.click()

    answers.next_dialog(keep)
    qapp.setQuitOnLastWindowClosed(False)
    try:
        assert app_module.run(data_dir) == 0
        answers.check()
        assert len(answers.seen) == 1

        def not_again(dialog: KeepRecoveryKeyDialog) -> int:
            raise AssertionError("the recovery key was shown again after it was confirmed")

        monkeypatch.setattr(KeepRecoveryKeyDialog, "exec", not_again)
        assert app_module.run(data_dir) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
