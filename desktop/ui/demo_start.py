"""``trama --demo`` on screen: a progress window at once, while the demo data are made off the
GUI thread; then, in the main window's status bar, where the demo server and its first sync are.

The order (issue 20): the main window needs a seeded store, and seeding takes seconds on a busy
PC, so a small window says what is happening first. Ctrl+C or SIGTERM end the demo as closing
its window does, so that ``desktop.cli`` removes its throwaway folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.ui.background import BackgroundTask

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# For benchmarks: the wall-clock time (``time.time()``) of the progress window's first paint.
BENCH_WINDOW_FILE_ENV = "TRAMA_BENCH_WINDOW_FILE"
_CHECK_MS = 500  # how often the status bar looks at the demo server's progress
_GIVE_UP_S = 300.0  # the demo server has five minutes to come; then the demo stays offline


class DemoProgressWindow(QWidget):
    """What the user sees while the demo data are prepared: a sentence and a busy bar."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Dialog)
        self.setWindowTitle(QCoreApplication.translate("DemoSession", "Trama (demo data)"))
        self.note = QLabel(
            QCoreApplication.translate("DemoSession", "Preparing the demo data…"), self
        )
        self.note.setAccessibleName(
            QCoreApplication.translate("DemoSession", "Progress of the demo")
        )
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setAccessibleName(QCoreApplication.translate("DemoSession", "Preparing the demo data…"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.note)
        layout.addWidget(bar)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self._painted = False
        self.closed = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            target = os.environ.get(BENCH_WINDOW_FILE_ENV)
            if target:
                Path(target).write_text(repr(time.time()), encoding="utf-8")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True  # the demo ends once its data are made (they cannot be half-made)
        self.note.setText(QCoreApplication.translate("DemoSession", "Closing the demo…"))
        event.accept()


def prepare_with_progress(prepare: Callable[[], None]) -> bool:
    """Run ``prepare`` on the thread pool with the progress window on screen; False if the user
    closed the window or the process was asked to end meanwhile. Its exception is raised here."""
    window = DemoProgressWindow()
    loop = QEventLoop()
    outcome: list[object] = []

    def ended(result: object) -> None:
        outcome.append(result)
        loop.quit()

    task = BackgroundTask(lambda _cancelled, _progress: prepare())
    task.finished.connect(ended)
    task.failed.connect(ended)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:  # in the middle of the screen, where the main window will be
        window.adjustSize()
        window.move(screen.availableGeometry().center() - window.rect().center())
    window.show()
    task.start()
    while not outcome:  # a signal's quit() ends this loop early: wait on for the job
        loop.exec()
    window.hide()  # not close(): that would be "the last window closed", and quit
    window.deleteLater()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return not window.closed and not _interrupted.is_set()


# Set when SIGINT or SIGTERM asked the demo to end.
_interrupted = threading.Event()


@contextlib.contextmanager
def quit_on_signals(app: QApplication) -> Iterator[None]:
    """Ctrl+C and SIGTERM quit the application (its ``finally`` blocks run), Qt's event loop or
    not. Python runs its signal handlers only when the interpreter gets control: the handler's
    wake-up byte on a socket pair makes Qt call in."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _interrupted.clear()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: _drain(reader))

    def stop(number: int, _frame: object) -> None:
        log.info("signal %d: the demo ends", number)
        _interrupted.set()
        app.quit()

    wanted = [signal.SIGINT, signal.SIGTERM]
    previous = {number: signal.signal(number, stop) for number in wanted}
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()


def _drain(reader: socket.socket) -> None:
    with contextlib.suppress(OSError):
        reader.recv(64)


def interrupted() -> bool:
    return _interrupted.is_set()


def follow_demo_session(window: MainWindow) -> None:
    """``trama --demo`` goes online in the background (desktop.demo.session): the status bar
    says where it is; once done, sync goes on here as after an enrollment in the app (never two
    syncs of the folder at once). The screens work on the seeded data meanwhile."""
    from desktop.demo.session import OPEN_SESSIONS, Stage  # noqa: PLC0415

    sessions = list(OPEN_SESSIONS)
    if not sessions:
        return
    texts = {
        Stage.WAITING: QCoreApplication.translate("DemoSession", "Starting the demo server…"),
        Stage.STARTING_SERVER: QCoreApplication.translate(
            "DemoSession", "Starting the demo server…"
        ),
        Stage.SYNCING: QCoreApplication.translate("DemoSession", "Synchronising…"),
    }
    timer = QTimer(window)
    busy = QProgressBar(window)
    busy.setRange(0, 0)
    busy.setTextVisible(False)
    busy.setMaximumWidth(120)
    busy.setAccessibleName(QCoreApplication.translate("DemoSession", "Progress of the demo"))
    note = QLabel(texts.get(sessions[0].stage, ""), window)
    window.statusBar().addWidget(note)
    window.statusBar().addWidget(busy)
    deadline = time.monotonic() + _GIVE_UP_S

    def done() -> None:
        timer.stop()
        for widget in (note, busy):
            window.statusBar().removeWidget(widget)
            widget.deleteLater()

    def check() -> None:
        if all(session.finished.is_set() for session in sessions):
            done()
            if any(session.online.is_set() for session in sessions):
                _after_enrollment(window)
        elif time.monotonic() > deadline:
            done()  # the demo server did not come: the demo stays offline
        else:
            note.setText(texts.get(sessions[0].stage, note.text()))

    timer.timeout.connect(check)
    timer.start(_CHECK_MS)


def _after_enrollment(window: MainWindow) -> None:
    """As after an enrollment made in the app: the site is named, the screens read the data
    again (the referrals were renumbered into this PC's series), sync begins."""
    from desktop.ui.operations import Changes, change_hub  # noqa: PLC0415

    window.sync.siteChanged.emit()
    change_hub().announce(Changes.everything(), initiator=window.sync)
    window.sync.controller.after_enrollment()
