"""Every storage failure of issue 14, met by the application (``desktop.ui.app.run``).

At start-up each failure gets its own headline and the store's Italian message (what happened,
what to do), a non-zero exit and the data file untouched; later, an error of the open store met
by background work is shown as the same message, never as "an unexpected error". A full disk
and a read-only folder are conditions of a process, so those starts run in a child process
(``tests.storage_support`` says how each is made real) with the message box captured there.
A missing or wrong key at start-up gets a prompt of its own (the recovery key's work): here
only the box this module owns is looked at. The people are demo data.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.codes import SiteKind
from desktop.services.context import Actor
from desktop.services.export import export_records
from desktop.store import keys, raw
from desktop.store.engine import database_path
from desktop.store.migrate import open_store
from desktop.ui.app import run
from desktop.ui.crash import CrashHandler
from desktop.ui.crash.storage import startup_failure_box, watch_data_folder
from desktop.ui.operations import Changes, Operation
from tests.storage_support import (
    copy_folder,
    damage,
    file_size_limit,
    modes_bind_root,
    seed_template,
    sha256,
    take_backup,
    trama,
)
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

ACTOR = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TITLE = "Trama: impossibile aprire i dati"

# The application started in a child process, its message boxes answered and reported.
GUI_CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QMessageBox
shown = []
def answer(box):
    shown.append({"title": box.windowTitle(), "text": box.text(),
                  "informative": box.informativeText()})
    return 0
QMessageBox.exec = answer
from desktop.ui.app import run
code = run(Path(sys.argv[1]))
print(json.dumps({"exit": code, "shown": shown}))
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_template(tmp_path_factory.mktemp("seeded") / "data")


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    return copy_folder(template, tmp_path / "data")


class Shown:
    def __init__(self) -> None:
        self.boxes: list[QMessageBox] = []
        self.texts: list[tuple[str, str, str]] = []

    def __call__(self, box: QMessageBox) -> int:
        self.boxes.append(box)
        self.texts.append((box.windowTitle(), box.text(), box.informativeText()))
        return int(QMessageBox.StandardButton.Ok.value)


@pytest.fixture
def shown(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Shown:
    answered = Shown()

    def answer(box: QMessageBox) -> int:
        return answered(box)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setenv("TRAMA_LANGUAGE", "it")
    return answered


def _started(folder: Path, shown: Shown) -> tuple[str, str]:
    """Start the application on ``folder``: it must refuse with exactly one box."""
    assert run(folder) == 2
    assert len(shown.texts) == 1, shown.texts
    title, text, informative = shown.texts[0]
    assert title == TITLE
    for words in ("Traceback", "sqlcipher", "sqlalchemy", "malformed", "imprevisto"):
        assert words not in text + informative
    return text, informative


def _started_in_a_child(folder: Path, preexec_fn: object) -> tuple[int, list[dict[str, str]], str]:
    environment = {**os.environ, "TRAMA_LANGUAGE": "it", "QT_QPA_PLATFORM": "offscreen"}
    result = trama(str(folder), script=GUI_CHILD, preexec_fn=preexec_fn, env=environment)  # type: ignore[arg-type]
    assert "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return int(report["exit"]), report["shown"], result.stderr


# -- at start-up -------------------------------------------------------------------------------


def test_a_damaged_store_at_start_up(folder: Path, shown: Shown) -> None:
    backup = take_backup(folder)
    damage(database_path(folder))
    before = sha256(database_path(folder))
    text, informative = _started(folder, shown)
    assert text == "L'archivio è danneggiato."
    assert "ripristinare da backup" in informative
    assert backup.name in informative
    assert shown.boxes[0].icon() == QMessageBox.Icon.Critical
    assert sha256(database_path(folder)) == before


def test_a_full_disk_at_start_up(tmp_path: Path) -> None:
    """The first start on a folder of a full disk: the store cannot be made."""
    fresh = tmp_path / "nuova"
    code, boxes, _stderr = _started_in_a_child(fresh, file_size_limit(50_001))
    assert code == 2
    (box,) = boxes
    assert box["title"] == TITLE
    assert box["text"] == "Il disco è pieno."
    assert "Non c'è più spazio per scrivere" in box["informative"]
    assert not database_path(fresh).exists()


def test_a_read_only_folder_at_start_up(folder: Path) -> None:
    before = sha256(database_path(folder))
    folder.chmod(0o500)
    try:
        code, boxes, _stderr = _started_in_a_child(folder, modes_bind_root)
    finally:
        folder.chmod(0o700)
    assert code == 2
    (box,) = boxes
    assert box["text"] == "Trama non può scrivere nella sua cartella dati."
    assert "sola lettura" in box["informative"]
    assert sha256(database_path(folder)) == before
    assert sorted(path.name for path in folder.iterdir()) == ["trama.sqlite"]


@pytest.mark.parametrize("head", [b"%PDF-1.7\n", b"PK\x03\x04"], ids=["pdf", "zip"])
def test_a_file_of_another_program_at_start_up(folder: Path, shown: Shown, head: bytes) -> None:
    path = database_path(folder)
    path.write_bytes(head + os.urandom(20_000))
    before = sha256(path)
    text, informative = _started(folder, shown)
    assert text == "Il file dei dati non è un archivio di Trama."
    assert "altro programma" in informative
    assert sha256(path) == before


def test_another_programs_database_at_start_up(folder: Path, shown: Shown) -> None:
    import sqlite3  # noqa: PLC0415 - the other program's own driver

    path = database_path(folder)
    path.unlink()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE agenda (giorno TEXT)")
    connection.close()
    before = sha256(path)
    text, _informative = _started(folder, shown)
    assert text == "Il file dei dati non è un archivio di Trama."
    assert sha256(path) == before


def test_a_store_of_a_newer_trama_at_start_up(folder: Path, shown: Shown) -> None:
    connection = raw.connect(database_path(folder), keys.load_key(folder))
    connection.execute("UPDATE alembic_version SET version_num = '9999_dal_futuro'")
    connection.close()
    before = sha256(database_path(folder))
    text, informative = _started(folder, shown)
    assert text == "L'archivio viene da una versione più recente di Trama."
    assert "Installare la versione aggiornata" in informative
    assert sha256(database_path(folder)) == before


def test_a_damaged_store_at_start_up_can_be_restored_from_its_latest_backup(
    folder: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The box of a damaged store offers the latest backup: confirmed, it is put back and the
    folder opens on it (the window quits at its first paint, as for the benchmark)."""
    backup = take_backup(folder)
    damage(database_path(folder))
    texts: list[str] = []

    def answer(box: QMessageBox) -> int:
        texts.append(box.text())
        restore = [b for b in box.buttons() if b.text() == "Ripristina l'ultimo backup…"]
        if restore:
            restore[0].click()  # the failure box: take the offer
            return 0
        return int(QMessageBox.StandardButton.Yes.value)  # the confirmation, then the outcome

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setenv("TRAMA_LANGUAGE", "it")
    monkeypatch.setenv("TRAMA_BENCH_READY_FILE", str(tmp_path / "ready"))
    monkeypatch.setenv("TRAMA_BENCH_QUIT_AFTER_READY", "1")
    monkeypatch.setattr("desktop.ui.recovery.show_recovery_key_if_unconfirmed", lambda *_: False)
    qapp.setQuitOnLastWindowClosed(False)
    try:
        assert run(folder) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert texts[0] == "L'archivio è danneggiato."
    assert len(texts) == 3  # the failure, the confirmation, what the restore brought back
    assert (tmp_path / "ready").exists()  # the list of the restored store was painted
    store = open_store(folder)
    try:
        with store.raw_read() as connection:
            assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        store.dispose()
    assert backup.exists()


def test_an_emptied_store_at_start_up_is_not_replaced(folder: Path, shown: Shown) -> None:
    backup = take_backup(folder)
    database_path(folder).write_bytes(b"")
    text, informative = _started(folder, shown)
    assert text == "L'archivio non c'è."
    assert "è vuoto (0 byte)" in informative
    assert backup.name in informative
    assert database_path(folder).stat().st_size == 0


def test_a_deleted_store_at_start_up_is_not_recreated(folder: Path, shown: Shown) -> None:
    database_path(folder).unlink()
    text, informative = _started(folder, shown)
    assert text == "L'archivio non c'è."
    assert "non c'è più" in informative
    assert not database_path(folder).exists()


@pytest.mark.parametrize("key", ["missing", "wrong"])
def test_the_box_for_a_missing_or_wrong_key(
    folder: Path,
    qapp: QApplication,
    italian: None,  # noqa: F811
    key: str,
) -> None:
    if key == "missing":
        keys.forget_key(folder)
    else:
        keys.save_key(folder, keys.new_key())
    before = sha256(database_path(folder))
    with pytest.raises(Exception) as refused:
        open_store(folder)
    box = startup_failure_box(folder, refused.value)
    expected = {
        "missing": ("Manca la chiave dell'archivio.", "chiave di recupero"),
        "wrong": ("La chiave non apre l'archivio.", "trama recover"),
    }[key]
    assert box.text() == expected[0]
    assert expected[1] in box.informativeText()
    assert sha256(database_path(folder)) == before


# -- later, in the work ----------------------------------------------------------------------


@pytest.fixture
def damaged_open_store(folder: Path) -> Iterator[tuple[Path, object]]:
    """A damaged store opened as a big one is (its start-up check out of time), watched as
    the application watches the folder it has open."""
    backup = take_backup(folder)
    damage(database_path(folder))
    store = open_store(folder, create=False, check_budget_s=None)
    watch_data_folder(folder)
    try:
        yield backup, store
    finally:
        watch_data_folder(None)
        store.dispose()


def test_damage_met_by_a_background_operation_is_named(
    qtbot: QtBot,
    damaged_open_store: tuple[Path, object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    italian: None,  # noqa: F811
) -> None:
    backup, store = damaged_open_store
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *rest: warned.append(text)
    )
    output = tmp_path / "invii.csv"
    Operation(
        None,
        lambda: export_records(store, actor=ACTOR, kind="referrals", path=output),  # type: ignore[arg-type]
        Changes(),
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(warned), timeout=30_000)
    (text,) = warned
    assert text.startswith("Archivio danneggiato")
    assert backup.name in text
    assert "imprevisto" not in text


@pytest.mark.qt_no_exception_capture
def test_damage_met_in_a_slot_is_named_by_the_crash_handler(
    qtbot: QtBot,
    damaged_open_store: tuple[Path, object],
    tmp_path: Path,
    italian: None,  # noqa: F811
) -> None:
    backup, store = damaged_open_store
    quits: list[int] = []
    handler = CrashHandler(tmp_path / "trama.log", quit_application=quits.append)
    handler.install()
    try:
        QTimer.singleShot(
            0,
            lambda: export_records(store, actor=ACTOR, kind="persons", path=tmp_path / "p.csv"),  # type: ignore[arg-type]
        )
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
        box = handler.dialog
        assert box is not None
        assert box.text() == "L'archivio è danneggiato."
        assert backup.name in box.informativeText()
        assert "imprevisto" not in box.text() + box.informativeText()
        box.close()
    finally:
        handler.uninstall()
    assert quits == []
    assert sys.excepthook is not handler._excepthook


def test_a_job_failing_on_damage_reads_the_italian_message(
    damaged_open_store: tuple[Path, object], tmp_path: Path
) -> None:
    from desktop.ui.crash.storage import error_text  # noqa: PLC0415

    backup, store = damaged_open_store
    with pytest.raises(Exception) as failed:
        export_records(store, actor=ACTOR, kind="referrals", path=tmp_path / "invii.csv")  # type: ignore[arg-type]
    text = error_text(failed.value)
    assert text.startswith("Archivio danneggiato")
    assert backup.name in text
    assert "malformed" not in text


def test_damage_met_while_the_main_window_is_built_is_named(
    folder: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store opened (its start-up check ran out of time) but the first reads of the main
    window meet the damage: the fatal box names it, it is no "unexpected error"."""
    from sqlalchemy.exc import DatabaseError  # noqa: PLC0415

    from desktop.ui import main_window  # noqa: PLC0415
    from desktop.ui.crash import EXIT_CRASH  # noqa: PLC0415

    def meets_the_damage(*_args: object, **_kwargs: object) -> None:
        driver_error = raw.DatabaseError("database disk image is malformed")
        driver_error.sqlite_errorcode = 11  # type: ignore[attr-defined]
        raise DatabaseError("SELECT ...", {}, driver_error)

    monkeypatch.setattr(main_window, "MainWindow", meets_the_damage)
    assert run(folder) == EXIT_CRASH
    ((_title, text, informative),) = shown.texts
    assert text == "L'archivio è danneggiato."
    assert "ripristinare da backup" in informative


def test_a_full_disk_refusing_even_the_lock_file_is_named(folder: Path) -> None:
    """Issue 14 saw "cannot create the lock file… (UnknownError)": Qt's lock file says no
    more, so the folder is probed, and the full disk is named."""
    before = sha256(database_path(folder))
    code, boxes, _stderr = _started_in_a_child(folder, file_size_limit(11))
    assert code == 2
    (box,) = boxes
    assert box["text"] == "Il disco è pieno."
    assert "UnknownError" not in box["informative"]
    assert sha256(database_path(folder)) == before
