"""Aiuto → Guida (F1) and Novità di questa versione: the user guide in a help window.

``install_help_menu(window, menu)`` is the main window's one call. It adds the two entries and
an application-wide F1 (an event filter on the application), so F1 works in editors and
dialogs too and opens the page of the screen it is pressed on (``topics.topic_for``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget
from shiboken6 import Shiboken

from desktop.ui.help.topics import INDEX, NEWS, topic_for

if TYPE_CHECKING:
    from desktop.ui.help.window import HelpWindow

__all__ = ["INDEX", "NEWS", "help_window", "install_help_menu", "show_help", "show_help_for"]

_FILTER_NAME = "trama_help_key"
_window: HelpWindow | None = None


def help_window(near: QWidget | None = None) -> HelpWindow:
    """The application's help window, made on first use.

    It belongs to the window it is opened from; while a modal dialog is open it moves to that
    dialog, which would otherwise block it."""
    global _window  # noqa: PLW0603 - one help window per application
    modal = QApplication.activeModalWidget()
    owner = modal if modal is not None else (near.window() if near is not None else None)
    if _window is not None and not Shiboken.isValid(_window):
        _window = None
    if _window is None:
        # Imported when first opened: the window's start-up pays nothing for it (about 20 ms).
        from desktop.resources import guide_dir  # noqa: PLC0415
        from desktop.ui.help.window import HelpWindow  # noqa: PLC0415

        _window = HelpWindow(guide_dir(), owner)
    elif owner is not None and _window.parentWidget() is not owner and owner is not _window:
        _window.setParent(owner, _window.windowFlags())
    return _window


def show_help(near: QWidget | None, page: str) -> HelpWindow:
    """Open the guide on ``page`` (a file name such as ``stampare.md``)."""
    window = help_window(near)
    window.open_page(page)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def show_help_for(widget: QWidget) -> HelpWindow:
    """Open the guide on the page of the screen ``widget`` belongs to."""
    return show_help(widget, topic_for(widget))


class _HelpKey(QObject):
    """F1 anywhere in the application, on the widget it is pressed on.

    The Guida entry's shortcut is only shown in the menu: F1 is claimed before any shortcut
    (its ShortcutOverride accepted), so it never goes to the main window's action while an
    editor or a dialog is the window in use."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.HelpContents)
        ):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # delivered as a key press, to the widget with the focus
                return True
            if isinstance(watched, QWidget):
                show_help_for(watched)
                return True
        return False


def install_help_key(app: QCoreApplication) -> None:
    """F1 for every window of ``app`` (once, however many main windows are made)."""
    if app.findChild(QObject, _FILTER_NAME) is None:
        key = _HelpKey(app)
        key.setObjectName(_FILTER_NAME)
        app.installEventFilter(key)


def install_help_menu(window: QMainWindow, menu: QMenu) -> None:
    """Aiuto: Guida (F1) and Novità di questa versione, then a separator (Informazioni
    follows)."""
    guide = QAction(QCoreApplication.translate("HelpMenu", "&User guide"), window)
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    guide.setStatusTip(
        QCoreApplication.translate("HelpMenu", "Open the guide at the page of this screen.")
    )
    guide.triggered.connect(lambda: show_help_for(window.focusWidget() or window))
    news = QAction(QCoreApplication.translate("HelpMenu", "&What's new in this version"), window)
    news.triggered.connect(lambda: show_help(window, NEWS))
    menu.addAction(guide)
    menu.addAction(news)
    menu.addSeparator()
    app = QCoreApplication.instance()
    if app is not None:
        install_help_key(app)
