"""The crash handler and the one-instance-per-data-folder lock (DESIGN.md §5).

Every person here is invented; the fiscal code is built from a fake name.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.logs import (
    FISCAL_CODE_PLACEHOLDER,
    close_logging,
    configure_logging,
    current_log_file,
    default_log_dir,
)
from desktop.logs import LOG_FILE_NAME as LOG_FILE
from desktop.store import raw
from desktop.ui.app import run
from desktop.ui.crash import (
    EXIT_ALREADY_OPEN,
    EXIT_CRASH,
    LOCK_FILE_NAME,
    CrashHandler,
    InstanceLock,
)
from desktop.ui.crash.handler import environment_problem
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

FISCAL_CODE = "RSSMRA85T10A562S"  # "Mario Rossi", invented

# The offscreen platform of the tests cannot size a top-level dialog's window: a notice only.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# A second process that takes the lock on a folder, says so, and holds it until its input ends.
HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from desktop.ui.crash import InstanceLock\n"
    "lock = InstanceLock(Path(sys.argv[1]))\n"
    "print('locked' if lock.acquire() else 'refused', flush=True)\n"
    "sys.stdin.read()\n"
)


class Quits:
    """Stands in for QCoreApplication.exit, which would end every later event loop too."""

    def __init__(self) -> None:
        self.codes: list[int] = []

    def __call__(self, code: int) -> None:
        self.codes.append(code)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    yield configure_logging(tmp_path / "logs")
    close_logging()
    root.setLevel(level)


@pytest.fixture
def quits() -> Quits:
    return Quits()


@pytest.fixture
def handler(qapp: QApplication, log_file: Path, quits: Quits) -> Iterator[CrashHandler]:
    installed = CrashHandler(log_file, quit_application=quits)
    installed.install()
    try:
        yield installed
    finally:
        installed.uninstall()
        if installed.dialog is not None:
            installed.dialog.close()


def _logged(log_file: Path) -> str:
    for each in logging.getLogger().handlers:
        each.flush()
    return log_file.read_text(encoding="utf-8")


def _shown(qtbot: QtBot, handler: CrashHandler) -> QMessageBox:
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert handler.dialog is not None
    return handler.dialog


def _button(box: QMessageBox, text: str) -> None:
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


def _fail_with_personal_data() -> None:
    raise ValueError(f"codice fiscale non valido: {FISCAL_CODE}")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_redacted_and_shown(
    qtbot: QtBot,
    handler: CrashHandler,
    log_file: Path,
    quits: Quits,
    italian: None,  # noqa: F811
) -> None:
    QTimer.singleShot(0, _fail_with_personal_data)
    box = _shown(qtbot, handler)

    logged = _logged(log_file)
    assert "CRITICAL" in logged and "ValueError" in logged
    assert FISCAL_CODE not in logged
    assert FISCAL_CODE_PLACEHOLDER in logged
    assert box.text() == "Si è verificato un errore imprevisto."
    shown = box.text() + box.informativeText() + box.detailedText()
    assert str(log_file) in shown
    assert "ValueError" in shown
    assert FISCAL_CODE not in shown and "codice fiscale" not in shown
    assert {b.text().replace("&", "") for b in box.buttons()} == {"Continua", "Esci da Trama"}

    _button(box, "Continua")
    assert handler.dialog is None
    assert quits.codes == []


@pytest.mark.qt_no_exception_capture
def test_quitting_from_the_dialog_ends_the_application(
    qtbot: QtBot,
    handler: CrashHandler,
    quits: Quits,
    italian: None,  # noqa: F811
) -> None:
    QTimer.singleShot(0, _fail_with_personal_data)
    _button(_shown(qtbot, handler), "Esci da Trama")
    assert quits.codes == [EXIT_CRASH]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot: QtBot, handler: CrashHandler, log_file: Path
) -> None:
    worker = threading.Thread(target=_fail_with_personal_data, name="worker-7")
    worker.start()
    worker.join()
    box = _shown(qtbot, handler)
    assert box.thread() is QApplication.instance().thread()  # type: ignore[union-attr]
    logged = _logged(log_file)
    assert "[worker-7]" in logged and "ValueError" in logged
    assert FISCAL_CODE not in logged


@pytest.mark.qt_no_exception_capture
def test_a_second_crash_while_the_dialog_is_open_does_not_stack_dialogs(
    qtbot: QtBot, handler: CrashHandler, log_file: Path
) -> None:
    QTimer.singleShot(0, _fail_with_personal_data)
    first = _shown(qtbot, handler)
    QTimer.singleShot(0, _fail_with_personal_data)
    qtbot.waitUntil(lambda: handler.suppressed == 1)

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert [box for box in boxes if box.isVisible()] == [first]
    assert _logged(log_file).count("unexpected error in thread") == 2


@pytest.mark.qt_no_exception_capture
def test_the_values_of_a_failed_statement_stay_out_of_the_log(
    qtbot: QtBot, handler: CrashHandler, log_file: Path
) -> None:
    from sqlalchemy.exc import IntegrityError  # noqa: PLC0415

    def fail() -> None:
        raise IntegrityError(
            "INSERT INTO person (first_name, last_name) VALUES (?, ?)",
            ("Mario", "Rossi"),
            sqlite3.IntegrityError("UNIQUE constraint failed: person.fiscal_code"),
        )

    QTimer.singleShot(0, fail)
    _shown(qtbot, handler)
    logged = _logged(log_file)
    assert "UNIQUE constraint failed" in logged
    assert "Mario" not in logged and "Rossi" not in logged


def test_a_full_disk_gets_its_own_message(
    qtbot: QtBot,
    handler: CrashHandler,
    log_file: Path,
    italian: None,  # noqa: F811
) -> None:
    handler.report(OSError(errno.ENOSPC, "No space left on device"))
    box = _shown(qtbot, handler)
    assert box.text().startswith("Il disco è pieno")
    assert box.icon() == QMessageBox.Icon.Warning
    assert "environment problem (disk_full)" in _logged(log_file)


def test_a_bug_before_the_event_loop_is_shown_then_trama_stops(
    qtbot: QtBot,
    handler: CrashHandler,
    monkeypatch: pytest.MonkeyPatch,
    italian: None,  # noqa: F811
) -> None:
    shown: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert handler.report_fatal(RuntimeError("boom")) == EXIT_CRASH
    (box,) = shown
    assert [b.text().replace("&", "") for b in box.buttons()] == ["Esci da Trama"]
    assert "Trama deve chiudersi" in box.informativeText()
    assert handler.dialog is None


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A data folder locked by another running process."""
    folder = tmp_path / "held"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield folder, holder
    finally:
        holder.stdin.close()
        holder.stdout.close()
        holder.kill()
        holder.wait()


def test_a_second_instance_on_the_same_folder_is_refused(
    held: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    folder, _ = held
    assert InstanceLock(folder).acquire() is False
    other = InstanceLock(tmp_path / "other")
    assert other.acquire() is True
    assert (tmp_path / "other" / LOCK_FILE_NAME).exists()
    other.release()


def test_a_stale_lock_of_a_dead_process_is_taken_over(
    held: tuple[Path, subprocess.Popen[str]],
) -> None:
    folder, holder = held
    holder.kill()  # a crash or a power cut: the lock file stays behind
    holder.wait()
    assert (folder / LOCK_FILE_NAME).exists()
    lock = InstanceLock(folder)
    assert lock.acquire() is True
    lock.release()


def test_a_running_holder_keeps_its_lock_however_old_it_is(
    held: tuple[Path, subprocess.Popen[str]],
) -> None:
    """QLockFile would call a lock older than 30 s stale by default: a Trama open all day
    must keep its folder."""
    folder, _ = held
    a_day_ago = (folder / LOCK_FILE_NAME).stat().st_mtime - 86_400
    os.utime(folder / LOCK_FILE_NAME, (a_day_ago, a_day_ago))
    assert InstanceLock(folder).acquire() is False


def test_the_application_on_a_folder_in_use_says_so_and_exits_non_zero(
    qtbot: QtBot,
    held: tuple[Path, subprocess.Popen[str]],
    monkeypatch: pytest.MonkeyPatch,
    italian: None,  # noqa: F811
) -> None:
    folder, _ = held
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setenv("TRAMA_LANGUAGE", "it")
    assert run(folder) == EXIT_ALREADY_OPEN
    (text,) = shown
    assert text.startswith("Trama è già aperto su questa cartella dati")
    assert str(folder) in text
    assert not (folder / "trama.sqlite").exists()  # refused before touching the data


def test_trama_through_the_command_line_writes_its_log_file(
    qtbot: QtBot,
    held: tuple[Path, subprocess.Popen[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The GUI's path through `trama`: the log goes to the configured (here: the test run's
    private) log folder, never the developer's own."""
    folder, _ = held
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    root = logging.getLogger()
    level = root.level
    try:
        assert main(["--data-dir", str(folder)]) == EXIT_ALREADY_OPEN
        log_file = default_log_dir() / LOG_FILE
        assert current_log_file() == log_file
        text = _logged(log_file)
    finally:
        close_logging()
        root.setLevel(level)
    assert Path(os.environ["XDG_STATE_HOME"]) in log_file.parents
    assert "started: application" in text
    assert "data folder already in use" in text


def _wrapped_by_sqlalchemy(message: str) -> BaseException:
    from sqlalchemy.exc import OperationalError  # noqa: PLC0415

    # The store's own driver (SQLCipher's), whose errors the handler looks for.
    return OperationalError("INSERT ...", {}, raw.OperationalError(message))


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
        (_wrapped_by_sqlalchemy("database or disk is full"), "disk_full"),
        (_wrapped_by_sqlalchemy("attempt to write a readonly database"), "not_allowed"),
        (_wrapped_by_sqlalchemy("database is locked"), "busy"),
        (PermissionError(errno.EACCES, "Permission denied"), "not_allowed"),
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "offline"),
        (TimeoutError("timed out"), "offline"),
        (ValueError("a bug"), None),
        (KeyError("a bug"), None),
    ],
)
def test_troubles_of_the_environment_are_told_apart_from_bugs(
    error: BaseException, problem: str | None
) -> None:
    assert environment_problem(error) == problem


def test_a_trouble_behind_another_error_is_still_found() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as disk:
            raise RuntimeError("could not save the minutes") from disk
    except RuntimeError as error:
        assert environment_problem(error) == "disk_full"
