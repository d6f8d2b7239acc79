"""``trama --demo`` on screen: the data made off the GUI thread behind a progress window, then
the demo server's progress in the status bar (the whole command: tests/test_demo_session.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar
from pytestqt.qtbot import QtBot

from desktop.demo import session as demo_session
from desktop.demo.session import DemoSession, Stage
from desktop.ui.demo_start import follow_demo_session, prepare_with_progress

# Top-level windows on the offscreen platform.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_demo_data_are_made_off_the_gui_thread_behind_a_progress_window(
    qtbot: QtBot,
) -> None:
    threads: list[threading.Thread] = []
    assert prepare_with_progress(lambda: threads.append(threading.current_thread()))
    assert threads and threads[0] is not threading.main_thread()


def test_a_failure_while_making_the_demo_data_reaches_the_caller(qtbot: QtBot) -> None:
    def broken() -> None:
        raise RuntimeError("a bug in the seed")

    with pytest.raises(RuntimeError, match="a bug in the seed"):
        prepare_with_progress(broken)


def test_the_status_bar_says_where_the_demo_server_is_until_it_is_done(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = DemoSession(tmp_path, stage=Stage.STARTING_SERVER)
    monkeypatch.setattr(demo_session, "OPEN_SESSIONS", [session])
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    follow_demo_session(window)  # type: ignore[arg-type]  # only its status bar is used here

    def shown() -> list[str]:
        bar = window.statusBar()
        return [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]

    def busy() -> bool:
        return any(bar.isVisible() for bar in window.statusBar().findChildren(QProgressBar))

    qtbot.waitUntil(lambda: shown() == ["Starting the demo server…"] and busy(), timeout=5000)
    session.stage = Stage.SYNCING
    qtbot.waitUntil(lambda: shown() == ["Synchronising…"], timeout=5000)
    session.stage = Stage.DONE  # offline: the demo goes on without its server
    session.finished.set()
    qtbot.waitUntil(lambda: not busy() and shown() == [], timeout=5000)
