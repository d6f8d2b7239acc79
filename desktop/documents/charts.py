"""The monitoring charts, drawn once with ReportLab's graphics for the screen and for paper.

``chart_drawing`` turns a ``desktop.domain.monitoring.Chart`` into a ReportLab ``Drawing``: the
report places it in the PDF as vector graphics (a ``Drawing`` is a flowable), and ``chart_svg``
renders the same drawing to SVG, which the screen shows through QtSvg. One definition, so the
page and the paper cannot drift apart.

What a reader of the Tavolo needs from them:

- colours from the Okabe–Ito palette, told apart by readers with any common colour-vision
  deficiency (Okabe & Ito, *Color Universal Design*, 2008), and never the only cue: every bar
  and point carries its value, and every chart has its table (the screen's "Tabella" and the
  report's table beside each chart);
- values in Italian formats ("1.234", "12,5"); a cell the server withheld reads "<5";
- where each bar or point is (``Hit``), so a click on the screen opens the referrals it counts.

Text is measured with the shipped TrueType fonts (``fonts.register_fonts``); the SVG names the
font family the screen registers ("Liberation Sans"), so the labels fit there as on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.renderSVG import drawToString
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.documents.fonts import SANS, SANS_BOLD, register_fonts
from desktop.documents.formatting import format_integer, format_money, format_number
from desktop.domain.monitoring import Chart, ChartKind, Series, Unit, Value

# Okabe–Ito, most distinct first; yellow last, as it is faint on white.
PALETTE: tuple[Color, ...] = (
    HexColor("#0072B2"),  # blue
    HexColor("#E69F00"),  # orange
    HexColor("#009E73"),  # bluish green
    HexColor("#D55E00"),  # vermillion
    HexColor("#CC79A7"),  # reddish purple
    HexColor("#56B4E9"),  # sky blue
    HexColor("#F0E442"),  # yellow
    HexColor("#000000"),
    # Past Okabe–Ito's eight (a chart of every status or outcome has up to twelve series):
    # Paul Tol's muted scheme, also designed for colour-blind readers; the values and the
    # legend name every segment anyway.
    HexColor("#882255"),  # wine
    HexColor("#44AA99"),  # teal
    HexColor("#999933"),  # olive
    HexColor("#BBBBBB"),  # pale grey
)
INK = HexColor("#1A1A1A")
MUTED = HexColor("#5B6470")
GRID = HexColor("#D5DAE0")
SUPPRESSED_TEXT = "<5"
NO_VALUE_TEXT = "–"
# The family the screen registers for the shipped Liberation fonts (desktop/ui registers them).
SCREEN_FONT_FAMILY = "Liberation Sans"

FONT_SIZE = 8.0
LABEL_GAP = 4.0
LEGEND_ROW = 12.0


@dataclass(frozen=True)
class Hit:
    """Where one value is drawn, in the drawing's coordinates (origin at the bottom left)."""

    x: float
    y: float
    width: float
    height: float
    series: int
    category: int


@dataclass(frozen=True)
class ChartImage:
    drawing: Drawing
    hits: tuple[Hit, ...]
    width: float
    height: float


def format_value(value: Value, unit: Unit) -> str:
    """A value as the chart and its table print it."""
    if value.suppressed:
        return SUPPRESSED_TEXT
    if value.amount is None:
        return NO_VALUE_TEXT
    amount = value.amount
    if unit is Unit.COUNT:
        return format_integer(round(amount))
    if unit is Unit.DAYS:
        return f"{format_number(amount, decimals=1)} gg"
    if unit is Unit.PERCENT:
        return f"{format_number(amount, decimals=1)}%"
    return format_money(round(amount))


def _axis_number(amount: float, unit: Unit) -> str:
    if unit is Unit.EURO_CENTS:
        return format_integer(round(amount / 100))
    if unit is Unit.COUNT:
        return format_integer(round(amount))
    return format_number(amount, decimals=1)


def colour(index: int) -> Color:
    return PALETTE[index % len(PALETTE)]


def chart_drawing(chart: Chart, width: float, height: float | None = None) -> ChartImage:
    """The chart at ``width`` points; ``height`` None lets bar charts grow with their rows."""
    register_fonts()
    if chart.empty:
        image = _empty(width, height or 60.0)
    elif chart.kind is ChartKind.LINE:
        image = _line(chart, width, height or 190.0)
    elif chart.kind is ChartKind.SPARKLINES:
        image = _sparklines(chart, width)
    else:
        image = _bars(chart, width, height)
    # ReportLab's drawings start in Helvetica, one of the 14 fonts a PDF does not embed.
    image.drawing.initialFontName = SANS
    return image


def chart_svg(chart: Chart, width: float, height: float | None = None) -> tuple[bytes, ChartImage]:
    image = chart_drawing(chart, width, height)
    return svg_bytes(image.drawing), image


def svg_bytes(drawing: Drawing) -> bytes:
    # ReportLab writes "fill: None", which CSS (and so QtSvg) reads as no rule: black fill;
    # and its clipping path bare under <svg>, which QtSvg paints as a black rectangle: SVG
    # keeps it in <defs>.
    text = drawToString(drawing).replace("fill: None", "fill: none")
    text = text.replace("<clipPath ", "<defs><clipPath ", 1).replace(
        "</clipPath>", "</clipPath></defs>", 1
    )
    # ReportLab names the registered TrueType fonts; the screen knows their real family.
    text = re.sub(r"font-family:\s*TramaSans(-Bold)?", _screen_font, text)
    return text.encode("utf-8")


def _screen_font(match: re.Match[str]) -> str:
    weight = "; font-weight: bold" if match.group(1) else ""
    return f"font-family: {SCREEN_FONT_FAMILY}{weight}"


def _empty(width: float, height: float) -> ChartImage:
    drawing = Drawing(width, height)
    drawing.add(
        String(
            width / 2,
            height / 2 - FONT_SIZE / 2,
            "Nessun dato nel periodo scelto",
            fontName=SANS,
            fontSize=FONT_SIZE + 1,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return ChartImage(drawing, (), width, height)


def _legend(chart: Chart, drawing: Drawing, x: float, y: float, width: float) -> float:
    """The series' names in rows under the plot; returns the height used."""
    if len(chart.series) < 2:
        return 0.0
    legend = Legend()
    legend.fontName = SANS
    legend.fontSize = FONT_SIZE
    legend.fillColor = INK
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.x = x
    legend.y = y
    legend.dx = 8
    legend.dy = 8
    legend.deltay = LEGEND_ROW
    legend.strokeWidth = 0
    legend.strokeColor = None
    legend.columnMaximum = 1
    longest = max(stringWidth(s.label, SANS, FONT_SIZE) for s in chart.series)
    legend.deltax = longest + 24
    per_row = max(1, int(width // (longest + 24)))
    rows = max(1, -(-len(chart.series) // per_row))
    legend.columnMaximum = rows
    legend.colorNamePairs = [(colour(i), s.label) for i, s in enumerate(chart.series)]
    drawing.add(legend)
    return rows * LEGEND_ROW + 4.0


def _legend_height(chart: Chart, width: float) -> float:
    if len(chart.series) < 2:
        return 0.0
    longest = max(stringWidth(s.label, SANS, FONT_SIZE) for s in chart.series)
    per_row = max(1, int(width // (longest + 24)))
    return -(-len(chart.series) // per_row) * LEGEND_ROW + 4


def _amounts(values: tuple[Value, ...]) -> list[float]:
    return [0.0 if v.amount is None else v.amount for v in values]


def _fit(text: str, font: str, size: float, room: float) -> str:
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def _bars(chart: Chart, width: float, height: float | None) -> ChartImage:
    """Horizontal bars: category names (Ambiti, CPI, states) read best down the left side."""
    stacked = chart.kind is ChartKind.STACKED_BAR
    rows = len(chart.categories)
    bars_per_row = 1 if stacked else len(chart.series)
    row_height = max(14.0, 11.0 * bars_per_row + 6.0)
    label_room = min(
        width * 0.34,
        max(stringWidth(c.label, SANS, FONT_SIZE) for c in chart.categories) + LABEL_GAP * 2,
    )
    legend_height = _legend_height(chart, width - label_room) + _footnote_height(chart)
    axis_height = 16.0
    plot_height = rows * row_height if height is None else height - legend_height - axis_height
    total_height = plot_height + legend_height + axis_height + 4
    drawing = Drawing(width, total_height)

    # The values printed after the longest bar (a stack's total, a bar's own value).
    value_room = 8.0 + max(
        stringWidth(format_value(value, chart.unit) + " *", SANS_BOLD, FONT_SIZE - 0.5)
        for value in (*chart.values(), *(_category_total(chart, i) for i in range(rows)))
    )
    plot = HorizontalBarChart()
    plot.x = label_room
    plot.y = legend_height + axis_height
    plot.width = max(40.0, width - label_room - value_room)
    plot.height = plot_height
    # ReportLab draws the first category at the bottom; readers expect the first at the top.
    order = list(reversed(range(rows)))
    # Within a group ReportLab stacks the series upwards from the first: reversed, the first
    # series is read first, at the top, as in the legend.
    drawn_series = (
        list(range(len(chart.series))) if stacked else list(reversed(range(len(chart.series))))
    )
    plot.data = [[_amounts(chart.series[s].values)[i] for i in order] for s in drawn_series]
    plot.categoryAxis.categoryNames = [
        _fit(chart.categories[i].label, SANS, FONT_SIZE, label_room - LABEL_GAP * 2) for i in order
    ]
    plot.categoryAxis.labels.fontName = SANS
    plot.categoryAxis.labels.fontSize = FONT_SIZE
    plot.categoryAxis.labels.fillColor = INK
    plot.categoryAxis.labels.boxAnchor = "e"
    plot.categoryAxis.labels.dx = -LABEL_GAP
    plot.categoryAxis.strokeColor = MUTED
    plot.categoryAxis.visibleTicks = False
    if stacked:
        plot.categoryAxis.style = "stacked"
    peak = _peak(chart, stacked)
    _value_axis(plot.valueAxis, chart.unit, peak)
    plot.barSpacing = 1
    plot.groupSpacing = 6
    plot.bars.strokeColor = white
    plot.bars.strokeWidth = 0.4
    for drawn, index in enumerate(drawn_series):
        plot.bars[drawn].fillColor = colour(index)
    plot.barLabelFormat = "values"
    plot.barLabels.fontName = SANS
    plot.barLabels.fontSize = FONT_SIZE - 0.5
    plot.barLabels.fillColor = INK
    if stacked:
        # A segment's own value sits inside it when it fits; the category's total follows the bar.
        plot.barLabels.boxAnchor = "c"
        plot.barLabels.boxTarget = "mid"
        plot.barLabels.fillColor = white
        plot.barLabelArray = [
            [_segment_label(chart, s, i, plot.width / peak) for i in order] for s in drawn_series
        ]
    else:
        plot.barLabels.boxAnchor = "w"
        plot.barLabels.dx = 3
        plot.barLabelArray = [
            [format_value(chart.series[s].values[i], chart.unit) for i in order]
            for s in drawn_series
        ]
    drawing.add(plot)
    # Laid out now, not only at render time, so that the bars' positions are known for the hits.
    plot.draw()
    hits = []
    for drawn, positions in enumerate(plot._barPositions):
        series_index = drawn_series[drawn]
        for drawn_index, (x, y, bar_width, bar_height) in enumerate(positions):
            category = order[drawn_index]
            hits.append(
                Hit(
                    x=min(x, x + bar_width),
                    y=min(y, y + bar_height),
                    width=max(abs(bar_width), 4.0),
                    height=abs(bar_height),
                    series=series_index,
                    category=category,
                )
            )
    if stacked:
        _stack_totals(chart, drawing, plot, order)
    _legend(chart, drawing, label_room, legend_height - 2, width - label_room)
    _footnote(chart, drawing, label_room)
    return ChartImage(drawing, tuple(hits), width, total_height)


def _footnote_height(chart: Chart) -> float:
    return LEGEND_ROW if chart.kind is ChartKind.STACKED_BAR and _has_suppressed(chart) else 0.0


def _has_suppressed(chart: Chart) -> bool:
    return any(value.suppressed for value in chart.values())


def _footnote(chart: Chart, drawing: Drawing, x: float) -> None:
    if _footnote_height(chart):
        drawing.add(
            String(
                x,
                2,
                "* il totale comprende valori inferiori a 5, non mostrati",
                fontName=SANS,
                fontSize=FONT_SIZE - 1,
                fillColor=MUTED,
            )
        )


def _value_axis(axis: Any, unit: Unit, peak: float) -> None:
    """From zero to a round peak, Italian numbers, a faint grid: alike on bars and lines."""
    axis.valueMin = 0
    axis.valueMax = peak
    axis.valueStep = _step(peak, unit)
    axis.labels.fontName = SANS
    axis.labels.fontSize = FONT_SIZE - 1
    axis.labels.fillColor = MUTED
    axis.labelTextFormat = lambda amount: _axis_number(amount, unit)
    axis.strokeColor = MUTED
    axis.visibleGrid = True
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.5


def _segment_label(chart: Chart, series: int, category: int, points_per_unit: float) -> str:
    value = chart.series[series].values[category]
    text = format_value(value, chart.unit)
    if value.suppressed:
        return ""  # the stack's total says "<5" is inside; the table names the cell
    amount = value.amount or 0.0
    if amount <= 0 or stringWidth(text, SANS, FONT_SIZE) + 4 > amount * points_per_unit:
        return ""
    return text


def _stack_totals(
    chart: Chart, drawing: Drawing, plot: HorizontalBarChart, order: list[int]
) -> None:
    for drawn_index, category in enumerate(order):
        total = _category_total(chart, category)
        ends = [plot._barPositions[s][drawn_index] for s in range(len(chart.series))]
        right = max(x + w for x, _, w, _ in ends)
        _, y, _, bar_height = ends[0]
        suffix = ""
        if any(s.values[category].suppressed for s in chart.series):
            suffix = " *"
        drawing.add(
            String(
                right + 3,
                y + bar_height / 2 - FONT_SIZE / 3,
                format_value(total, chart.unit) + suffix,
                fontName=SANS_BOLD,
                fontSize=FONT_SIZE - 0.5,
                fillColor=INK,
            )
        )


def _category_total(chart: Chart, category: int) -> Value:
    if chart.totals is not None:
        return chart.totals[category]
    values = [s.values[category] for s in chart.series]
    if any(v.suppressed for v in values):
        return Value(None, suppressed=True)
    return Value(sum(v.amount or 0.0 for v in values))


def _peak(chart: Chart, stacked: bool) -> float:
    if stacked:
        peaks = [
            max(
                _category_total(chart, i).amount or 0.0,
                sum(s.values[i].amount or 0.0 for s in chart.series),
            )
            for i in range(len(chart.categories))
        ]
    else:
        peaks = [v.amount or 0.0 for s in chart.series for v in s.values]
    peak = max(peaks, default=0.0)
    step = _step(peak, chart.unit)
    return max(step, step * -(-peak // step)) if peak > 0 else step * 4


def _step(peak: float, unit: Unit) -> float:
    """A round step giving 3–6 grid lines."""
    unit_step = 100.0 if unit is Unit.EURO_CENTS else 1.0
    if peak <= 0:
        return unit_step
    raw = peak / 5
    magnitude = (
        10 ** (len(str(int(raw / unit_step))) - 1) * unit_step if raw >= unit_step else unit_step
    )
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * magnitude:
            return float(multiple * magnitude)
    return float(10 * magnitude)


def _line(chart: Chart, width: float, height: float) -> ChartImage:
    """A line per series across the categories (months, quarters), each point labelled."""
    legend_height = _legend_height(chart, width - 40)
    angled = len(chart.categories) > 8
    # Angled category names hang lower: room for the longest under the axis.
    axis_room = 22.0
    if angled:
        longest = max(stringWidth(c.label, SANS, FONT_SIZE - 0.5) for c in chart.categories)
        axis_room = 10.0 + longest * 0.5
    drawing = Drawing(width, height)
    plot = HorizontalLineChart()
    plot.x = 36
    plot.y = legend_height + axis_room
    plot.width = width - plot.x - 12
    plot.height = height - plot.y - 14
    # A withheld value is a gap in its line, not a point at zero.
    plot.data = [
        tuple(None if v.suppressed else (v.amount or 0.0) for v in s.values) for s in chart.series
    ]
    plot.categoryAxis.categoryNames = [c.label for c in chart.categories]
    plot.categoryAxis.labels.fontName = SANS
    plot.categoryAxis.labels.fontSize = FONT_SIZE - 0.5
    plot.categoryAxis.labels.fillColor = INK
    plot.categoryAxis.labels.boxAnchor = "n"
    plot.categoryAxis.labels.dy = -3
    plot.categoryAxis.strokeColor = MUTED
    if angled:
        plot.categoryAxis.labels.angle = 30
        plot.categoryAxis.labels.boxAnchor = "ne"
    peak = _peak(chart, False)
    _value_axis(plot.valueAxis, chart.unit, peak)
    plot.joinedLines = 1
    for index in range(len(chart.series)):
        plot.lines[index].strokeColor = colour(index)
        plot.lines[index].strokeWidth = 1.8
    drawing.add(plot)
    plot.draw()  # lays the points out (see _bars)
    hits = []
    step = plot.width / max(1, len(chart.categories))
    for series_index, series in enumerate(chart.series):
        for category, value in enumerate(series.values):
            # Where ReportLab puts a category's point (the middle of its slot); computed here
            # because its own positions leave the withheld ones out.
            x = plot.x + step * (category + 0.5)
            y = plot.valueAxis.scale(value.amount or 0.0)
            if value.suppressed:
                # No point: the "<5" sits on the axis, where the gap in the line is.
                y = plot.y
                drawing.add(
                    String(x, y + 3, format_value(value, chart.unit), fontName=SANS,
                           fontSize=FONT_SIZE - 1, fillColor=MUTED, textAnchor="middle")
                )  # fmt: skip
                hits.append(Hit(x - 6, y - 6, 12, 12, series_index, category))
                continue
            drawing.add(
                Rect(x - 2.2, y - 2.2, 4.4, 4.4, fillColor=colour(series_index), strokeColor=white)
            )
            drawing.add(
                String(
                    x,
                    y + 4,
                    format_value(value, chart.unit),
                    fontName=SANS,
                    fontSize=FONT_SIZE - 1,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
            hits.append(Hit(x - 6, y - 6, 12, 12, series_index, category))
    _legend(chart, drawing, plot.x, legend_height - 2, width - plot.x)
    return ChartImage(drawing, tuple(hits), width, height)


def sparkline_total(series: Series, unit: Unit) -> str:
    """A row's total: only counts and amounts add up (days and shares do not: "–"); a row with
    withheld cells is at least its shown values plus one per withheld cell ("≥ 12")."""
    if unit not in (Unit.COUNT, Unit.EURO_CENTS):
        return NO_VALUE_TEXT
    shown = sum(v.amount or 0.0 for v in series.values if not v.suppressed)
    withheld = sum(1 for v in series.values if v.suppressed)
    if withheld:
        return "≥ " + format_value(Value(shown + withheld), unit)
    return format_value(Value(shown), unit)


def _sparklines(chart: Chart, width: float) -> ChartImage:
    """A small table: a row per series with its name, its line across the categories, its last
    value and its total; the categories (months) are named under the first column's header."""
    row_height = 18.0
    header = 14.0
    name_room = min(
        width * 0.36, max(stringWidth(s.label, SANS, FONT_SIZE) for s in chart.series) + 8
    )
    total_room = 54.0
    last_room = 54.0
    line_room = max(60.0, width - name_room - total_room - last_room)
    height = header + row_height * len(chart.series) + 14
    drawing = Drawing(width, height)
    top = height - header
    first, last = chart.categories[0].label, chart.categories[-1].label
    heading = (
        (0.0, "start", f"{chart.category_title or ''}"),
        (name_room + 4, "start", f"{first} – {last}"),
        (name_room + line_room + last_room - 4, "end", "Ultimo"),
        (width - 4, "end", "Totale"),
    )
    for x, anchor, text in heading:
        drawing.add(
            String(x, top + 3, text, fontName=SANS_BOLD, fontSize=FONT_SIZE - 0.5,
                   fillColor=MUTED, textAnchor=anchor)
        )  # fmt: skip
    hits = []
    for index, series in enumerate(chart.series):
        y = top - row_height * (index + 1)
        if index % 2 == 0:
            drawing.add(
                Rect(0, y, width, row_height, fillColor=HexColor("#F3F5F8"), strokeColor=None)
            )
        drawing.add(
            String(4, y + 6, _fit(series.label, SANS, FONT_SIZE, name_room - 8), fontName=SANS,
                   fontSize=FONT_SIZE, fillColor=INK)
        )  # fmt: skip
        amounts = _amounts(series.values)
        peak = max(amounts) or 1.0
        step = (line_room - 12) / max(1, len(amounts) - 1)
        points: list[float] = []
        for position, amount in enumerate(amounts):
            px = name_room + 6 + step * position
            py = y + 3 + (row_height - 6) * amount / peak
            points.extend((px, py))
            hits.append(Hit(px - step / 2, y, step, row_height, index, position))
        drawing.add(PolyLine(points, strokeColor=colour(index), strokeWidth=1.3))
        drawing.add(Rect(points[-2] - 1.8, points[-1] - 1.8, 3.6, 3.6, fillColor=colour(index),
                         strokeColor=None))  # fmt: skip
        for x, text in (
            (name_room + line_room + last_room - 4, format_value(series.values[-1], chart.unit)),
            (width - 4, sparkline_total(series, chart.unit)),
        ):
            drawing.add(String(x, y + 6, text, fontName=SANS, fontSize=FONT_SIZE, fillColor=INK,
                               textAnchor="end"))  # fmt: skip
    drawing.add(Line(0, top, width, top, strokeColor=MUTED, strokeWidth=0.5))
    return ChartImage(drawing, tuple(hits), width, height)
