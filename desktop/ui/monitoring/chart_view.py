"""One monitoring chart on screen: the SVG that ``desktop.documents.charts`` draws for the report
too, painted with QtSvg at the width the page gives it, with a tooltip over every bar or point
and a click that opens the referrals a value counts.

The drawing is made in points at ``width / scale``: at a scale that makes the chart's 8-point
labels as large as the window's own text, so the chart reads like the rest of the page. The
height follows from the drawing (bar charts grow with their rows).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontDatabase,
    QFontInfo,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.documents.charts import FONT_SIZE, ChartImage, Hit, chart_svg, format_value
from desktop.domain.monitoring import Chart, ChartKind, Value
from desktop.resources import resource_path

# Resizes come in bursts while a window is dragged: the chart is drawn again once they stop,
# and the previous drawing is stretched meanwhile.
RENDER_DELAY_MS = 60
# The narrowest a chart is drawn: below it labels would overlap.
MIN_WIDTH_PX = 280
# A drawing a few pixels narrower or wider than its place is stretched, not drawn again: the
# page prepares its charts off the GUI thread at the width it expects them to get.
STRETCH_PX = 8

_fonts_lock = threading.Lock()
_fonts_registered = False


def register_chart_fonts() -> None:
    """The Liberation Sans the SVG names, from the shipped files (once per application), so the
    labels take on screen the room they were measured for."""
    global _fonts_registered  # noqa: PLW0603 - once per process
    with _fonts_lock:
        if _fonts_registered:
            return
        for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
            QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        _fonts_registered = True


def chart_scale(widget: QWidget) -> float:
    """Screen pixels per drawing point: the chart's labels as large as the widget's text."""
    pixels = QFontInfo(widget.font()).pixelSize()
    return min(2.0, max(1.1, pixels / (FONT_SIZE + 1)))


@dataclass(frozen=True)
class Prepared:
    """A chart drawn for a width in pixels: plain data, so it can be made on a worker thread
    (ReportLab's SVG takes tens of milliseconds a chart)."""

    width: int
    scale: float
    svg: bytes
    image: ChartImage


def prepare(chart: Chart, width: int, scale: float) -> Prepared:
    width = max(MIN_WIDTH_PX, width)
    points = width / scale
    # A line's height is the drawing's choice; 190 points read too tall on a screen.
    height = min(150.0, points * 0.45) if chart.kind is ChartKind.LINE else None
    svg, image = chart_svg(chart, points, height)
    return Prepared(width, scale, svg, image)


def value_at(chart: Chart, hit: Hit) -> Value:
    return chart.series[hit.series].values[hit.category]


def describe(chart: Chart, hit: Hit) -> str:
    """ "Ambito di Saronno — NEET: 12", as the tooltip and the accessible text say it."""
    category = chart.categories[hit.category].label
    series = chart.series[hit.series]
    text = format_value(series.values[hit.category], chart.unit)
    if len(chart.series) == 1 and not series.label:
        return f"{category}: {text}"
    return f"{category} — {series.label}: {text}"


class ChartView(QWidget):
    """Paints one chart; ``drillRequested(Drill)`` when a value that counts referrals is
    clicked."""

    drillRequested = Signal(object)

    def __init__(
        self, chart: Chart, parent: QWidget | None = None, *, prepared: Prepared | None = None
    ) -> None:
        super().__init__(parent)
        register_chart_fonts()
        self.chart = chart
        self.image: ChartImage | None = None
        self.rendered_width = 0
        self._renderer = QSvgRenderer(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_DELAY_MS)
        self._timer.timeout.connect(self.render_now)
        self.setMouseTracking(True)
        self.setMinimumWidth(MIN_WIDTH_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(
            self.tr("Chart. Its values are in the table that “Show table” opens below it.")
        )
        if prepared is not None and prepared.scale == self.scale:
            self._load(prepared)
        else:
            self.render_now()

    @property
    def scale(self) -> float:
        return chart_scale(self)

    def up_to_date(self) -> bool:
        """Drawn for (about) its present width."""
        wanted = max(MIN_WIDTH_PX, self.width())
        return self.image is not None and abs(wanted - self.rendered_width) <= STRETCH_PX

    def render_now(self) -> None:
        """Draw the chart again at the current width."""
        self._timer.stop()
        self._load(prepare(self.chart, self.width(), self.scale))

    def _load(self, prepared: Prepared) -> None:
        self._renderer.load(QByteArray(prepared.svg))
        self.image = prepared.image
        self.rendered_width = prepared.width
        self.setFixedHeight(math.ceil(prepared.image.height * prepared.scale))
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.up_to_date():
            self._timer.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, QRectF(0, 0, self.width(), self.height()))
        if self.hasFocus():
            painter.setPen(self.palette().highlight().color())
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    # -- where the values are ------------------------------------------------------------------

    def hit_rect(self, hit: Hit) -> QRectF:
        """Where a value is drawn, in this widget's coordinates (Qt's origin is at the top)."""
        assert self.image is not None
        sx = self.width() / self.image.width
        sy = self.height() / self.image.height
        top = self.image.height - (hit.y + hit.height)
        return QRectF(hit.x * sx, top * sy, max(hit.width * sx, 3.0), max(hit.height * sy, 3.0))

    def hit_at(self, position: QPointF) -> Hit | None:
        if self.image is None:
            return None
        for hit in self.image.hits:
            if self.hit_rect(hit).contains(position):
                return hit
        return None

    def hits(self) -> tuple[Hit, ...]:
        return () if self.image is None else self.image.hits

    # -- the pointer -----------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        drillable = hit is not None and value_at(self.chart, hit).drill is not None
        if drillable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.hit_at(event.position())
            if hit is not None:
                drill = value_at(self.chart, hit).drill
                if drill is not None:
                    self.drillRequested.emit(drill)
                    return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.hit_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
                event.ignore()
                return True
            text = describe(self.chart, hit)
            if value_at(self.chart, hit).drill is not None:
                text += "\n" + self.tr("Click to list these referrals")
            QToolTip.showText(event.globalPos(), text, self, self.hit_rect(hit).toRect())
            return True
        return super().event(event)
