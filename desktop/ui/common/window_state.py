"""Windows that fit the screen they open on, and remember their size, place and splitters.

A window asks for the size it would like (``fit_window``); it gets that size bounded by the
room the screen leaves (its available geometry less the window manager's frame), so that on a
1366×768 laptop with a task bar (about 1366×728 usable) nothing, the status bar least of all,
is off the screen. Minimum sizes are bounded the same way.

Where the user left a window (its geometry) and its splitters are remembered per user, in
``QSettings`` (the user's own configuration), and restored only when they fit the screen of the
day: a window moved to a second monitor that is no longer there opens where it fits.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QSplitter, QWidget

# A 1366×768 laptop less a task bar of 40 pixels: the smallest screen Trama is made for.
SMALL_SCREEN = QSize(1366, 728)
# What the window manager adds around a window: borders and the title bar.
FRAME = QSize(16, 40)
SETTINGS_GROUP = "windows"


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary one) that windows may use."""
    # The stubs say never None; both are, before a window is placed or without a screen.
    screen: QScreen | None = widget.screen() if widget is not None else None
    if screen is None:
        primary: QScreen | None = QGuiApplication.primaryScreen()
        if primary is None:  # no screen at all: assume the smallest one Trama is made for
            return QRect(0, 0, SMALL_SCREEN.width(), SMALL_SCREEN.height())
        screen = primary
    return screen.availableGeometry()


def room(widget: QWidget | None = None) -> QSize:
    """The largest size a window's contents may take on the widget's screen."""
    available = available_geometry(widget).size()
    return QSize(
        max(available.width() - FRAME.width(), 320), max(available.height() - FRAME.height(), 240)
    )


def fit_window(
    window: QWidget,
    width: int,
    height: int,
    *,
    minimum: QSize | None = None,
    key: str = "",
) -> None:
    """Size ``window`` at ``width``×``height`` or less, as the screen allows, and its minimum
    size (``minimum``, or the one it has) within the same room; with a ``key``, restore the
    geometry the user left it at, if it fits, and remember it whenever the window is hidden."""
    space = room(window)
    floor = (minimum if minimum is not None else window.minimumSize()).boundedTo(space)
    window.setMinimumSize(floor)
    window.resize(QSize(width, height).boundedTo(space).expandedTo(floor))
    if key:
        remember_geometry(window, key)


def remember_geometry(window: QWidget, key: str) -> None:
    """Restore the geometry last saved under ``key`` if it fits the screen; save it again each
    time the window is hidden (closed, or a dialog that is done)."""
    state = QSettings().value(f"{SETTINGS_GROUP}/{key}/geometry")
    if isinstance(state, QByteArray) and not state.isEmpty():
        before = window.geometry()
        if not window.restoreGeometry(state) or not fits_screen(window):
            window.setGeometry(before)
    saver = _GeometrySaver(window, key)
    window.installEventFilter(saver)


def fits_screen(window: QWidget) -> bool:
    """Whether the window, as it stands, is inside the room of a screen."""
    geometry = window.geometry()
    if window.isMaximized() or window.isFullScreen():
        return True
    # The screen the restored geometry puts it on, measured as fit_window measures it.
    available = available_geometry(window)
    return (
        available.contains(geometry.topLeft())
        and geometry.width() <= available.width() - FRAME.width()
        and geometry.height() <= available.height() - FRAME.height()
    )


class _GeometrySaver(QObject):
    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self.key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Hidden: closed, or a dialog that is done; a spontaneous hide (minimised) is not one.
        if (
            event.type() == QEvent.Type.Hide
            and not event.spontaneous()
            and isinstance(watched, QWidget)
        ):
            QSettings().setValue(f"{SETTINGS_GROUP}/{self.key}/geometry", watched.saveGeometry())
        return False


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """Restore the splitter's sizes last saved under ``key``; save them each time they move."""
    name = f"{SETTINGS_GROUP}/splitters/{key}"
    state = QSettings().value(name)
    if isinstance(state, QByteArray) and not state.isEmpty():
        splitter.restoreState(state)
    splitter.splitterMoved.connect(
        lambda _pos, _index: QSettings().setValue(name, splitter.saveState())
    )
