"""A clear frame around the control that has the keyboard focus, in every window.

The platform styles mark the focus faintly (Fusion: a thin tinted border, a dotted line on a
check box), too faintly for someone who works without a mouse (EN 301 549, 11.2.4.7 "Focus
Visible"). One ``QFocusFrame`` follows the focus from control to control and draws a frame of
two pixels in the palette's highlight colour around it, outside the control's own drawing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFocusFrame,
    QMenu,
    QMenuBar,
    QScrollArea,
    QWidget,
)

FRAME_WIDTH = 2


class FocusRing(QFocusFrame):
    """Painted by us, not the style: Fusion paints nothing for a focus frame."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.palette().highlight().color(), FRAME_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = FRAME_WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))


class FocusFollower(QObject):
    """Moves the ring to each control that takes the focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, now: QWidget | None) -> None:
        try:
            if self.ring is not None:
                self.ring.setWidget(None)  # type: ignore[arg-type] # None: follow none
        except RuntimeError:  # deleted with the window it was in
            self.ring = None
        if now is None or not framed(now):
            return
        if self.ring is None:
            self.ring = FocusRing()
        self.ring.setWidget(now)


def framed(widget: QWidget) -> bool:
    """Controls get the ring; menus and windows mark the focus otherwise (the highlighted
    entry of a menu)."""
    if widget.isWindow() or isinstance(widget, (QMenu, QMenuBar)):
        return False
    if isinstance(widget, QScrollArea):  # a container; what it holds takes the focus
        return False
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def install_focus_frame() -> None:
    """Once per application (again is harmless)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.property("trama_focus_frame"):
        return
    app.setProperty("trama_focus_frame", True)
    FocusFollower(app)
