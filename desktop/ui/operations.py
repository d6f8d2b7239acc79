"""Operations that announce their changes (in the manner of Anki's ``CollectionOp``).

One path for every change the operator makes: call the service, show a refusal (a
``ServiceError``, whose text is already Italian) or a file problem (``OSError``) in a message
box, hand anything else to the crash handler, and after a commit tell the whole application
which kinds of records changed with a :class:`Changes` notice on the one :func:`change_hub`.

Pages do not wire refreshes to each other: each follows the notices it cares about with
:func:`follow_changes`, refreshing at once when it is on screen and marking itself stale (read
again when next shown) when it is not.

Cheap to import (Qt core and widgets only): the main window imports it at start-up.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changes:
    """Which kinds of records a committed operation changed."""

    referrals: bool = False
    persons: bool = False
    projects: bool = False
    meetings: bool = False
    directory: bool = False
    # This PC's site, operator or settings (an enrollment, the settings dialog).
    site: bool = False
    # Comuni, CPIs, sites, referents: the Province's data, changed only by a sync.
    reference: bool = False

    @classmethod
    def everything(cls) -> Changes:
        """What a sync may have brought: any record at all."""
        return cls(**{field.name: True for field in dataclasses.fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{
                field.name: getattr(self, field.name) or getattr(other, field.name)
                for field in dataclasses.fields(self)
            }
        )

    def __and__(self, other: Changes) -> Changes:
        return Changes(
            **{
                field.name: getattr(self, field.name) and getattr(other, field.name)
                for field in dataclasses.fields(self)
            }
        )

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in dataclasses.fields(self))


class ChangeHub(QObject):
    """Where change notices are announced and followed; ``changed(Changes, initiator)``.

    Delivered on the GUI thread, directly: when ``announce`` returns, every page on screen
    shows the change.
    """

    changed = Signal(object, object)

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        """Tell every follower; ``initiator`` (the page that made the change, if it already
        shows it) is told too, and may skip it."""
        if changes:
            self.changed.emit(changes, initiator)


_hub: ChangeHub | None = None


def change_hub() -> ChangeHub:
    """The application's hub, made on first use."""
    global _hub  # noqa: PLW0603 - one hub for the whole application, like its QApplication
    if _hub is None:
        _hub = ChangeHub(QCoreApplication.instance())
    return _hub


def announce(changes: Changes, initiator: object | None = None) -> None:
    """Announce a change committed outside :class:`Operation` (inside a dialog that makes and
    checks its own service call)."""
    change_hub().announce(changes, initiator)


class _Follower(QObject):
    """A widget's subscription: refresh now when on screen, else when next shown."""

    def __init__(
        self,
        widget: QWidget,
        follows: Changes,
        refresh: Callable[[], object],
        *,
        stale: bool,
        hub: ChangeHub,
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._follows = follows
        self._refresh = refresh
        self.stale = stale
        hub.changed.connect(self._on_changed)
        widget.installEventFilter(self)

    def _on_changed(self, changes: object, initiator: object) -> None:
        assert isinstance(changes, Changes)
        if initiator is self._widget or not changes & self._follows:
            return
        if self._widget.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._refresh()
        return False


def follow_changes(
    widget: QWidget,
    follows: Changes,
    refresh: Callable[[], object],
    *,
    stale: bool = False,
    hub: ChangeHub | None = None,
) -> QObject:
    """Have ``refresh`` run after every notice sharing a kind with ``follows``: at once if
    ``widget`` is on screen, else when it is next shown (``stale``: on its first show too).
    The subscription ends with the widget."""
    return _Follower(widget, follows, refresh, stale=stale, hub=hub or change_hub())


def report_bug(error: BaseException) -> None:
    """A bug, not a refusal: to the crash handler (it is ``sys.excepthook`` once installed)."""
    sys.excepthook(type(error), error, error.__traceback__)


def show_refusal(parent: QWidget | None, error: Exception) -> None:
    """A refusal (already an Italian sentence) or a file problem, in a message box."""
    QMessageBox.warning(
        parent, QCoreApplication.translate("Operation", "Trama"), refusal_text(error)
    )


def refusal_text(error: Exception) -> str:
    if isinstance(error, OSError):
        return QCoreApplication.translate(
            "Operation", "The operation could not be completed: %1"
        ).replace("%1", error.strerror or str(error))
    return str(error)


def _is_known(error: BaseException) -> bool:
    from desktop.services.errors import ServiceError  # noqa: PLC0415 - cheap, but not at start-up

    return isinstance(error, ServiceError | OSError)


_running: set[Operation[Any]] = set()


class Operation(Generic[T]):
    """One change made through a service: ``Operation(parent, op, changes).run()``.

    ``op`` makes the change and returns its result; ``changes`` says what it changed (or is
    computed from the result). ``success`` receives the result before the notice goes out;
    ``failure`` receives a known error instead of the message box (e.g. to show it beside a
    field). Unknown errors always go to the crash handler.

    ``run()`` calls ``op`` on the GUI thread (quick commits, whose result the caller needs at
    once); ``run_in_background()`` runs it on the worker pool (``desktop.ui.background``): the
    job must open its own store sessions, as services do.
    """

    def __init__(
        self,
        parent: QWidget | None,
        op: Callable[[], T],
        changes: Changes | Callable[[T], Changes],
        *,
        initiator: object | None = None,
    ) -> None:
        self._parent = parent
        self._op = op
        self._changes = changes
        self._initiator = initiator
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[Exception], object] | None = None
        self.hub = change_hub()
        self.task: Any = None

    def success(self, success: Callable[[T], object]) -> Operation[T]:
        self._success = success
        return self

    def failure(self, failure: Callable[[Exception], object]) -> Operation[T]:
        self._failure = failure
        return self

    def run(self) -> bool:
        """Run now; True when committed (and announced)."""
        try:
            result = self._op()
        except Exception as error:
            self._failed(error)
            return False
        self._done(result)
        return True

    def run_in_background(self) -> Any:
        """Run on the worker pool; returns the ``BackgroundTask`` (its ``finished`` and
        ``failed`` arrive after this operation handled them)."""
        from desktop.ui.background import BackgroundTask  # noqa: PLC0415 - when used

        op = self._op
        task = BackgroundTask(lambda _cancelled, _progress: op(), parent=self._parent)
        task.failed.connect(self._on_task_failed)
        task.finished.connect(self._on_task_done)
        self.task = task
        _running.add(self)  # nothing else need hold it until its result arrives
        task.start()
        return task

    def _on_task_done(self, result: object) -> None:
        _running.discard(self)
        self._done(result)

    def _on_task_failed(self, error: object) -> None:
        _running.discard(self)
        assert isinstance(error, Exception)
        self._failed(error)

    def _failed(self, error: Exception) -> None:
        from desktop.ui.crash.storage import storage_failure  # noqa: PLC0415 - on failure only

        named = storage_failure(error)
        if named is not None:
            # The data file failed (damaged, full disk, ...): its own message, not a bug's.
            log.error("storage failure in an operation: %s", type(named).__name__)
            if self._failure is not None:
                self._failure(named)
            else:
                show_refusal(self._parent, named)
        elif not _is_known(error):
            report_bug(error)
        elif self._failure is not None:
            self._failure(error)
        else:
            show_refusal(self._parent, error)

    def _done(self, result: Any) -> None:
        try:
            if self._success is not None:
                self._success(result)
        finally:
            changes = self._changes(result) if callable(self._changes) else self._changes
            self.hub.announce(changes, self._initiator)
