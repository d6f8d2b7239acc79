"""One crash handler for bugs (DESIGN.md §5): an exception nobody caught, in a slot, on the GUI
thread or in a worker thread, is logged through the redacting log and then reported in a dialog
on the GUI thread, which offers to continue or to quit.

The dialog never shows the exception's message or traceback: either may quote what the user
typed (a name, a fiscal code). It shows the kind of error and where the log file is. An error
of the environment rather than of the code (disk full, no permission, offline) gets a plain
message saying what to do instead, and a failure of the data file itself (damaged, a full
disk, a folder that cannot be written, ...: ``desktop.ui.crash.storage``) the store's own
Italian message, never "an unexpected error".
"""

from __future__ import annotations

import errno
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from desktop.logs import current_log_file
from desktop.store.raw import OperationalError
from desktop.ui.crash.causes import error_chain
from desktop.ui.crash.storage import storage_failure, storage_headline

log = logging.getLogger(__name__)

# EX_SOFTWARE of sysexits.h: the user chose to quit after an internal error.
EXIT_CRASH = 70

ExceptionHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]
ThreadHook = Callable[[threading.ExceptHookArgs], object]

_DISK_FULL = "disk_full"
_NOT_ALLOWED = "not_allowed"
_OFFLINE = "offline"
_BUSY = "busy"
# Transport errors of HTTP clients, named rather than imported: the UI need not load them.
_NETWORK_ERROR_NAMES = frozenset({"ConnectError", "ConnectTimeout", "NetworkError", "ReadTimeout"})


def environment_problem(error: BaseException) -> str | None:
    """Which trouble of the environment caused ``error`` (its causes included), if any."""
    for cause in error_chain(error):
        found = _classify(cause)
        if found is not None:
            return found
    return None


def _classify(error: BaseException) -> str | None:
    if isinstance(error, OperationalError):
        text = str(error).lower()
        if "disk is full" in text or "database or disk is full" in text:
            return _DISK_FULL
        if "readonly" in text or "read-only" in text:
            return _NOT_ALLOWED
        if "locked" in text or "busy" in text:
            return _BUSY
        return None
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return _DISK_FULL
    if isinstance(error, PermissionError) or (
        isinstance(error, OSError) and error.errno == errno.EROFS
    ):
        return _NOT_ALLOWED
    if isinstance(error, (ConnectionError, TimeoutError)):
        return _OFFLINE
    if any(kind.__name__ in _NETWORK_ERROR_NAMES for kind in type(error).__mro__):
        return _OFFLINE
    return None


def environment_message(problem: str) -> str:
    """What the user reads for a trouble of the environment, with the way forward."""
    messages = {
        _DISK_FULL: QCoreApplication.translate(
            "crash",
            "The disk is full, so Trama could not save. Free some space (empty the recycle "
            "bin, delete files you no longer need) and try again: what was saved before is safe.",
        ),
        _NOT_ALLOWED: QCoreApplication.translate(
            "crash",
            "Trama is not allowed to write in its data folder or in a file it needs. Ask IT "
            "support to check the folder's permissions, then try again.",
        ),
        _OFFLINE: QCoreApplication.translate(
            "crash",
            "The provincial server cannot be reached: this PC may be offline. Your work stays "
            "on this PC; try again when the network is back.",
        ),
        _BUSY: QCoreApplication.translate(
            "crash",
            "The data file is busy (another program is using it). Wait a moment and try again.",
        ),
    }
    return messages[problem]


class CrashHandler(QObject):
    """Receives uncaught exceptions from any thread and reports them on the GUI thread.

    Create it on the GUI thread. At most one dialog is open at a time: errors that arrive while
    it is open are only logged.
    """

    # The kind of error, the environment problem, the storage failure's message; queued to
    # the GUI thread.
    _reported = Signal(str, str, str, bool)

    def __init__(
        self,
        log_file: Path | None,
        parent: QObject | None = None,
        *,
        quit_application: Callable[[int], object] = QCoreApplication.exit,
    ) -> None:
        super().__init__(parent)
        self._log_file = log_file
        # Replaceable by tests: QCoreApplication.exit would also end every later event loop.
        self._quit_application = quit_application
        self._previous_hook: ExceptionHook | None = None
        self._previous_thread_hook: ThreadHook | None = None
        self.dialog: QMessageBox | None = None
        self.suppressed = 0
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @property
    def log_file(self) -> Path | None:
        return self._log_file

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook`` until :meth:`uninstall`."""
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        """Put back the hooks found by :meth:`install` (if they are still ours)."""
        if self._previous_hook is not None and sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None and threading.excepthook == (
            self._thread_excepthook
        ):
            threading.excepthook = self._previous_thread_hook
        self._previous_hook = None
        self._previous_thread_hook = None

    def report(self, error: BaseException) -> None:
        """Log ``error`` and have the GUI thread show it, from any thread; returns at once."""
        self._reported.emit(type(error).__name__, *self._log(error), False)

    def report_fatal(self, error: BaseException) -> int:
        """Log ``error`` and show it until dismissed (GUI thread, no event loop needed), for
        a bug that stops Trama from going on; returns the exit code to end with."""
        problem, storage = self._log(error)
        box = self._message_box(type(error).__name__, problem, storage, fatal=True)
        self.dialog = box
        try:
            box.exec()
        finally:
            self.dialog = None
        return EXIT_CRASH

    def _log(self, error: BaseException) -> tuple[str, str]:
        """Log ``error``; returns the environment problem and the storage failure's message
        (either may be empty)."""
        _hide_statement_parameters(error)
        exc_info = (type(error), error, error.__traceback__)
        thread = threading.current_thread().name
        failure = storage_failure(error)
        if failure is not None:
            kind = type(failure).__name__
            log.error("storage failure (%s) in thread %s", kind, thread, exc_info=exc_info)
            return "", storage_headline(failure) + "\n\n" + str(failure)
        problem = environment_problem(error)
        if problem is None:
            log.critical("unexpected error in thread %s", thread, exc_info=exc_info)
        else:
            log.error("environment problem (%s) in thread %s", problem, thread, exc_info=exc_info)
        return problem or "", ""

    def _excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous_hook is not None:
            self._previous_hook(kind, error, traceback)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(traceback)
        self.report(error)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # what threading's own hook does: a thread ending itself is no error
        error = args.exc_value
        if error.__traceback__ is None:
            error = error.with_traceback(args.exc_traceback)
        self.report(error)

    @Slot(str, str, str, bool)
    def _show(self, kind: str, problem: str, storage: str, fatal: bool) -> None:
        if self.dialog is not None:
            self.suppressed += 1
            return
        box = self._message_box(kind, problem, storage, fatal=fatal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._closed(
                quit_now=box.buttonRole(button) == QMessageBox.ButtonRole.RejectRole
            )
        )
        box.rejected.connect(lambda: self._closed(quit_now=fatal))
        self.dialog = box
        box.show()

    def _message_box(
        self, kind: str, problem: str, storage: str = "", *, fatal: bool
    ) -> QMessageBox:
        """The dialog: Quit Trama (the first button) and, unless ``fatal``, Continue."""
        box = QMessageBox()
        box.setWindowTitle(QCoreApplication.translate("crash", "Trama"))
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        # Wide enough for a Windows log path on one line; selectable, to copy it for IT.
        box.setStyleSheet(
            "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 460px; }"
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if storage:
            headline, _, message = storage.partition("\n\n")
            box.setIcon(QMessageBox.Icon.Critical)
            box.setText(headline)
            box.setInformativeText(message)
        elif problem:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(environment_message(problem))
        else:
            box.setIcon(QMessageBox.Icon.Critical)
            box.setText(QCoreApplication.translate("crash", "An unexpected error occurred."))
            box.setInformativeText(self._details(kind, fatal=fatal))
        quit_button = box.addButton(
            QCoreApplication.translate("crash", "Quit Trama"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(quit_button)
        box.setEscapeButton(quit_button)
        if not fatal:
            keep_going = box.addButton(
                QCoreApplication.translate("crash", "Continue"), QMessageBox.ButtonRole.AcceptRole
            )
            box.setDefaultButton(keep_going)
            box.setEscapeButton(keep_going)  # Esc must not quit
        return box

    def _details(self, kind: str, *, fatal: bool) -> str:
        if self._log_file is None:
            where = QCoreApplication.translate("crash", "No log file could be written.")
        else:
            where = QCoreApplication.translate(
                "crash", "The technical details were written to the log file:\n%1"
            ).replace("%1", str(self._log_file))
        if fatal:
            advice = QCoreApplication.translate(
                "crash",
                "Trama has to close. If it happens again, send the log file to IT support.",
            )
        else:
            advice = QCoreApplication.translate(
                "crash",
                "You can continue working, but it is safer to close Trama and start it again. "
                "If the error comes back, send the log file to IT support.",
            )
        reference = QCoreApplication.translate("crash", "Kind of error: %1").replace("%1", kind)
        return f"{where}\n\n{advice}\n\n{reference}"

    def _closed(self, *, quit_now: bool) -> None:
        if self.dialog is None:
            return  # buttonClicked and rejected both arrive for a button with RejectRole
        self.dialog = None
        if quit_now:
            log.info("the user quit after an unexpected error")
            self._quit_application(EXIT_CRASH)


def _hide_statement_parameters(error: BaseException) -> None:
    """SQLAlchemy's errors quote the statement's values (names, fiscal codes) in their text:
    keep them out of the log; the SQL alone says what failed."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if hasattr(current, "hide_parameters"):
            current.hide_parameters = True
        current = current.__cause__ or current.__context__


def install_crash_handler(log_file: Path | None = None) -> CrashHandler:
    """Make and install the application's crash handler (on the GUI thread, after the
    QApplication exists); ``log_file`` defaults to the file logging writes to."""
    handler = CrashHandler(log_file if log_file is not None else current_log_file())
    handler.install()
    return handler
