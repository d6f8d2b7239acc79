"""The "Report di monitoraggio": a dashboard (``desktop.domain.monitoring``) on paper.

A cover (the issuing body's letterhead, the period in words, the filters, who issued it, where
the figures come from), the summary figures, then each section's charts, each followed by its
table, and a field for notes. The charts are the very drawings the screen shows
(``desktop.documents.charts``), placed as vector graphics; the tables print every value of
every chart with the same texts ("1.234", "12,5 gg", "<5", "–"), so a reader who cannot tell
the colours apart, or wants the exact number, has it. The XLSX of the same report reads its
tables from ``chart_table`` here, so paper and spreadsheet cannot disagree either.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from desktop.documents.blocks import (
    SHORT_TABLE_ROWS,
    escape,
    long_text,
    section,
    spacer,
    table_style,
    title_block,
)
from desktop.documents.charts import chart_drawing, format_value
from desktop.documents.fields import Field, field_grid
from desktop.documents.fonts import SANS, SANS_BOLD
from desktop.documents.formatting import format_datetime, on_long_date
from desktop.documents.inputs import Issuer
from desktop.documents.labels import it_label
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import (
    ACCENT,
    BODY,
    BODY_SMALL,
    CELL,
    CELL_HEADER,
    CELL_HEADER_RIGHT,
    CELL_RIGHT_BOLD,
    FAINT_RULE,
    INK,
    LABEL,
    NOTE,
    RULE,
    SUBSECTION,
    TINT,
)
from desktop.domain.codes import Track
from desktop.domain.monitoring import (
    Audience,
    Chart,
    ChartKind,
    Dashboard,
    Figure,
    Section,
    Unit,
    Value,
)
from sync.protocol import SUPPRESSION_THRESHOLD
from sync.protocol.monitoring import quarters_between

TITLE = "Report di monitoraggio"
TOTAL = "Totale"
WITHHELD_LEGEND = (
    f"«<5»: valore non pubblicato, perché inferiore a {SUPPRESSION_THRESHOLD} o tale da "
    "permettere di ricavarne uno inferiore; i totali comprendono anche questi casi. "
    "«–»: nessun valore da calcolare."
)
NO_VALUE_LEGEND = "«–»: nessun valore da calcolare nel periodo (ad esempio un tempo senza casi)."
AUDIENCES = {
    Audience.SENDER: "segnalazioni inviate dall'ente",
    Audience.JOB_CENTRE: "segnalazioni ricevute dal Centro per l'Impiego",
    Audience.PROVINCE: "l'intera rete provinciale, dai dati aggregati del server",
}
UNIT_WORDS = {
    Unit.COUNT: "numero",
    Unit.DAYS: "giorni",
    Unit.EURO_CENTS: "euro",
    Unit.PERCENT: "percentuale",
}
NOTE_LINES = 10  # ruled lines to write on when the report is issued without notes
NOTE_LINE_HEIGHT = 8.5 * mm
FIGURE_COLUMNS = 3
# More value columns than this and the table is turned round, when that makes it narrower.
MAX_VALUE_COLUMNS = 7
# The widest a value column gets; the category's names take the rest.
VALUE_COLUMN_MAX = 30 * mm
TABLE_PADDING = 4.0  # points, left and right of each cell
CELL_PADDING = 2 * TABLE_PADDING + 2.0  # a value's room beyond its text


@dataclass(frozen=True)
class MonitoringReportInput:
    issuer: Issuer
    dashboard: Dashboard
    created_at: datetime
    issued_by: str  # the operator, as the audit names them: "mrossi (Maria Rossi)"
    notes: str = ""


@dataclass(frozen=True)
class ChartTable:
    """A chart's table: a row per category and a column per series (for sparklines the other
    way round, as they are drawn; either way round when that keeps the table narrow), with the
    totals the chart prints, as a last column or a last row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Value, ...]], ...]  # (the row's label, its values)
    total_column: bool = False
    total_row: bool = False


def _sum(values: tuple[Value, ...]) -> Value:
    """A total as the chart prints it: "<5" when a withheld cell is part of it."""
    if any(value.suppressed for value in values):
        return Value(None, suppressed=True)
    return Value(sum(value.amount or 0.0 for value in values))


def _category_totals(chart: Chart) -> tuple[Value, ...] | None:
    """The total of each category, where the chart gives or prints one."""
    if chart.totals is not None:
        return chart.totals
    if chart.kind is ChartKind.STACKED_BAR and len(chart.series) > 1:
        # The stacked chart prints each bar's total: so does its table.
        return tuple(
            _sum(tuple(series.values[index] for series in chart.series))
            for index in range(len(chart.categories))
        )
    return None


def _series_totals(chart: Chart) -> tuple[Value, ...] | None:
    """The total of each line of a sparkline table, where adding makes sense."""
    if chart.kind is ChartKind.SPARKLINES and chart.unit in (Unit.COUNT, Unit.EURO_CENTS):
        return tuple(_sum(series.values) for series in chart.series)
    return None


def chart_table(chart: Chart) -> ChartTable:
    """What the table beside a chart holds, for the PDF and the XLSX alike."""
    categories = [category.label for category in chart.categories]
    series = [line.label for line in chart.series]
    by_series = chart.kind is ChartKind.SPARKLINES
    columns = len(categories) if by_series else len(series)
    if columns > MAX_VALUE_COLUMNS and (len(series) if by_series else len(categories)) < columns:
        by_series = not by_series
    category_totals = _category_totals(chart)
    series_totals = _series_totals(chart)
    natural = by_series == (chart.kind is ChartKind.SPARKLINES)
    title = (chart.category_title if natural else "") or "Voce"
    if by_series:
        header = (title, *categories)
        rows = [(label, line.values) for label, line in zip(series, chart.series, strict=True)]
        across, down = series_totals, category_totals
    else:
        header = (title, *series)
        rows = [
            (label, tuple(line.values[index] for line in chart.series))
            for index, label in enumerate(categories)
        ]
        across, down = category_totals, series_totals
    if across is not None:
        header = (*header, TOTAL)
        rows = [
            (label, (*values, total)) for (label, values), total in zip(rows, across, strict=True)
        ]
    if down is not None:
        rows.append((TOTAL, (*down, *((Value(None),) if across is not None else ()))))
    return ChartTable(header, tuple(rows), across is not None, down is not None)


def period_words(start: date, end: date) -> str:
    """ "dal 1° luglio 2026 al 30 settembre 2026"."""
    return f"{on_long_date('da', start)} {on_long_date('a', end)}"


def quarter_words(start: date, end: date) -> str:
    """The quarters the period is made of ("III trimestre 2026", "dal I al III trimestre 2026",
    "anno 2026"), or "" when it is not whole quarters."""
    quarters = quarters_between(start, end)
    if not quarters or quarters[0].start != start or quarters[-1].end != end:
        return ""
    if len(quarters) == 1:
        return quarters[0].label
    first, last = quarters[0], quarters[-1]
    if len(quarters) == 4 and first.number == 1:
        return f"anno {first.year}"
    if first.year == last.year:
        return f"dal {first.label.split(' ')[0]} al {last.label}"
    return f"dal {first.label} al {last.label}"


def _named(options: tuple[object, ...], key: str | None) -> str:
    for option in options:
        if getattr(option, "key", None) == key:
            return str(getattr(option, "label", ""))
    return "non indicato"


def filter_words(dashboard: Dashboard) -> list[tuple[str, str]]:
    """The filters applied, as (name, value) in Italian; codes become labels."""
    flt = dashboard.filter
    words = [
        (
            "Percorso",
            it_label(Track(flt.track)) if flt.track in set(Track) else "tutti",
        ),
        ("Ambito", _named(dashboard.ambiti, flt.ambito_id) if flt.ambito_id else "tutti"),
        (
            "CPI",
            _named(dashboard.job_centres, flt.job_centre_id) if flt.job_centre_id else "tutti",
        ),
    ]
    if dashboard.audience is not Audience.PROVINCE:
        words.append(("In attesa", f"da più di {flt.waiting_days} giorni"))
    return words


def _has(dashboard: Dashboard, test: object) -> bool:
    values = [figure.value for figure in dashboard.figures()]
    for chart in dashboard.charts():
        values += list(chart.values())
    return any(test(value) for value in values)  # type: ignore[operator]


def needs_withheld_legend(dashboard: Dashboard) -> bool:
    """Whether the cover explains "<5": for the Province's figures, or any withheld cell,
    unless the dashboard's own notes already do."""
    if any("<5" in note for note in dashboard.notes):
        return False
    return dashboard.audience is Audience.PROVINCE or _has(dashboard, lambda v: v.suppressed)


# --- the cover ------------------------------------------------------------------------------


def _cover(data: MonitoringReportInput, width: float) -> list[Flowable]:
    dashboard = data.dashboard
    flt = dashboard.filter
    quarters = quarter_words(flt.start, flt.end)
    period = period_words(flt.start, flt.end)
    lines = [f"<b>{escape(dashboard.site_name)}</b>"]
    lines.append(f"{escape(quarters)} ({escape(period)})" if quarters else escape(period))
    filters = "; ".join(f"{name}: {value}" for name, value in filter_words(dashboard))
    grid = field_grid(
        [
            Field("Ente", dashboard.site_name),
            Field("Periodo", period[0].upper() + period[1:]),
            Field("Oggetto", AUDIENCES[dashboard.audience]),
            Field("Filtri applicati", filters, wide=True),
            Field("Fonte dei dati", dashboard.source or "non indicata", wide=True),
            Field("Dati aggiornati al", format_datetime(dashboard.generated_at)),
            Field("Emesso da", data.issued_by),
            Field("Emesso il", format_datetime(data.created_at)),
        ],
        width,
    )
    story: list[Flowable] = [title_block(TITLE, lines, width)]
    if grid is not None:
        story += [grid, spacer(3 * mm)]
    notes = [*dashboard.notes]
    if needs_withheld_legend(dashboard):
        notes.append(WITHHELD_LEGEND)
    story += [Paragraph(escape(note), BODY_SMALL) for note in notes if note.strip()]
    return story


# --- the summary figures ------------------------------------------------------------------------


def _figure_cell(figure: Figure) -> list[Flowable]:
    from desktop.documents.styles import SUBTITLE  # noqa: PLC0415 - one style, here only

    value = format_value(figure.value, figure.unit)
    big = Paragraph(
        f"<font name='{SANS_BOLD}' size=15 color='#1F3A5F'>{escape(value)}</font>", SUBTITLE
    )
    parts: list[Flowable] = [Paragraph(escape(figure.label), LABEL), spacer(1.5 * mm), big]
    if figure.note:
        parts.append(Paragraph(escape(figure.note), NOTE))
    return parts


def _summary(dashboard: Dashboard, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    with_figures = [part for part in dashboard.sections if part.figures]
    if not with_figures:
        return story
    story += section("Sintesi")
    column = width / FIGURE_COLUMNS
    for part in with_figures:
        cells = [_figure_cell(figure) for figure in part.figures]
        cells += [[]] * (-len(cells) % FIGURE_COLUMNS)
        rows = [cells[i : i + FIGURE_COLUMNS] for i in range(0, len(cells), FIGURE_COLUMNS)]
        table = Table(
            rows,
            colWidths=[column] * FIGURE_COLUMNS,
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBEFORE", (0, 0), (-1, -1), 2, TINT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]
            ),
            hAlign="LEFT",
        )
        story.append(
            KeepTogether([Paragraph(escape(part.title), SUBSECTION), table, spacer(1 * mm)])
        )
    return story


# --- the sections --------------------------------------------------------------------------------


def _column_widths(table: ChartTable, texts: list[list[str]], width: float) -> list[float]:
    """Value columns as wide as their widest value, so that no amount wraps, and as even as the
    frame allows; the labels take the rest, at least as much as their longest needs (up to
    45% of the frame) and never less than a sixth of it."""
    values = max(1, len(table.header) - 1)
    size = CELL_RIGHT_BOLD.fontSize
    widest = max((stringWidth(text, SANS_BOLD, size) for row in texts for text in row), default=0)
    labels = max((stringWidth(label, SANS, CELL.fontSize) for label, _ in table.rows), default=0)
    label_room = max(width / 6, min(labels + CELL_PADDING, width * 0.45))
    column = min(VALUE_COLUMN_MAX, (width - label_room) / values)
    column = max(column, min(widest + CELL_PADDING, (width - width / 6) / values))
    return [width - column * values] + [column] * values


def table_flowable(chart: Chart, width: float) -> Table:
    """The chart's table, its header repeated on every page it takes. Values (and labels that
    fit their column) are plain strings, not Paragraphs: a table of a few hundred months is
    laid out several times faster."""
    table = chart_table(chart)
    texts = [[format_value(value, chart.unit) for value in values] for _, values in table.rows]
    widths = _column_widths(table, texts, width)
    styles = [CELL_HEADER] + [CELL_HEADER_RIGHT] * (len(table.header) - 1)
    data: list[list[object]] = [
        [Paragraph(escape(text), style) for text, style in zip(table.header, styles, strict=True)]
    ]
    label_room = widths[0] - 2 * TABLE_PADDING
    for (label, _values), shown in zip(table.rows, texts, strict=True):
        fits = stringWidth(label, SANS, CELL.fontSize) <= label_room
        data.append([label if fits else Paragraph(escape(label), CELL), *shown])
    commands: list[tuple[object, ...]] = [
        ("FONTSIZE", (0, 1), (-1, -1), CELL.fontSize),
        ("LEADING", (0, 1), (-1, -1), CELL.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), CELL.textColor),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, FAINT_RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if table.total_column:
        commands += [
            ("FONTNAME", (-1, 1), (-1, -1), SANS_BOLD),
            ("LINEBEFORE", (-1, 0), (-1, -1), 0.6, RULE),  # the total apart
        ]
    if table.total_row:
        commands += [
            ("FONTNAME", (0, -1), (-1, -1), SANS_BOLD),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
        ]
    return Table(
        data,
        colWidths=widths,
        repeatRows=1,
        style=table_style(commands),
        hAlign="LEFT",
    )


def _fitted_drawing(chart: Chart, width: float, room: float) -> Flowable:
    image = chart_drawing(chart, width)
    # The renderer starts each drawing in its default font, a standard one that is never
    # embedded (its name alone would go into the PDF): start it in the embedded sans.
    image.drawing.initialFontName = SANS
    if image.height > room:
        # A chart taller than a page (dozens of categories) is shrunk to fit on one.
        image.drawing.renderScale = room / image.height
    return image.drawing


def _chart_note(chart: Chart) -> str:
    parts = []
    if chart.note:
        parts.append(chart.note)
    if chart.unit is not Unit.COUNT:
        parts.append(f"Unità: {UNIT_WORDS[chart.unit]}.")
    values = list(chart.values())
    if any(value.suppressed for value in values):
        parts.append("«<5»: valore non pubblicato (vedi la copertina).")
    elif any(value.amount is None for value in values):
        parts.append(NO_VALUE_LEGEND)
    return " ".join(parts)


def _chart(chart: Chart, width: float, room: float, lead: list[Flowable]) -> list[Flowable]:
    """The chart's heading, drawing, table and note; ``lead`` (a section's heading) is kept
    with the drawing, so that no heading is left alone at the foot of a page."""
    heading = Paragraph(escape(chart.title), SUBSECTION)
    if chart.empty:
        text = chart.note or "Nessun dato nel periodo scelto."
        return [KeepTogether([*lead, heading, Paragraph(escape(text), BODY_SMALL)])]
    drawing = _fitted_drawing(chart, width, room - 40 * mm)
    note = _chart_note(chart)
    table = table_flowable(chart, width)
    tail: list[Flowable] = [spacer(1.5 * mm), Paragraph(escape(note), NOTE)] if note else []
    if len(chart_table(chart).rows) <= SHORT_TABLE_ROWS:
        # A short table stays on the chart's page.
        return [
            KeepTogether([*lead, heading, drawing, spacer(2 * mm), table, *tail]),
            spacer(4 * mm),
        ]
    # A long table follows the chart and flows on, its header repeated on every page.
    return [
        KeepTogether([*lead, heading, drawing, spacer(2 * mm)]),
        table,
        *tail,
        spacer(4 * mm),
    ]


def _section(part: Section, width: float, room: float) -> list[Flowable]:
    heading = section(part.title)
    lead = [item for item in heading if not isinstance(item, CondPageBreak)]
    if part.note:
        lead.append(Paragraph(escape(part.note), BODY_SMALL))
    story: list[Flowable] = [heading[0]] if isinstance(heading[0], CondPageBreak) else []
    for index, chart in enumerate(part.charts):
        story += _chart(chart, width, room, lead if index == 0 else [])
    return story


def _sections(dashboard: Dashboard, width: float, room: float) -> list[Flowable]:
    story: list[Flowable] = []
    for part in dashboard.sections:
        if part.charts:
            story += _section(part, width, room)
    return story


# --- the notes ----------------------------------------------------------------------------------


def _notes(notes: str, width: float) -> list[Flowable]:
    story: list[Flowable] = [*section("Note"), *long_text(notes, BODY)] if notes.strip() else []
    if story:
        return story
    ruled = Table(
        [[""]] * NOTE_LINES,
        colWidths=[width],
        rowHeights=[NOTE_LINE_HEIGHT] * NOTE_LINES,
        style=table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, FAINT_RULE)]),
        hAlign="LEFT",
    )
    hint = Paragraph("Osservazioni del Tavolo (da compilare a mano).", BODY_SMALL)
    heading = [part for part in section("Note") if not isinstance(part, CondPageBreak)]
    # The heading and every line on one page: a break before them unless all of them fit (a
    # KeepTogether let the last lines run over onto a page of their own).
    needed = NOTE_LINES * NOTE_LINE_HEIGHT + 22 * mm
    return [CondPageBreak(needed), *heading, hint, ruled]


def monitoring_report_story(
    data: MonitoringReportInput, width: float, setup: PageSetup
) -> list[Flowable]:
    dashboard = data.dashboard
    return [
        *_cover(data, width),
        *_summary(dashboard, width),
        *_sections(dashboard, width, setup.later_frame_height()),
        *_notes(data.notes, width),
    ]


_unchecked_lock = threading.Lock()
_unchecked_builds = 0
_checking_before: int = 1


@contextmanager
def _shapes_unchecked() -> Iterator[None]:
    """ReportLab's check of every attribute set on a graphics shape off while a report is
    built: a third of the time of a report of many charts, and a development aid only (the
    charts' own tests build them with it on). Counted, so that reports built at the same time
    on two threads put it back once, as it was."""
    global _unchecked_builds, _checking_before  # noqa: PLW0603 - rl_config is process-wide
    with _unchecked_lock:
        if _unchecked_builds == 0:
            _checking_before = rl_config.shapeChecking
            rl_config.shapeChecking = 0
        _unchecked_builds += 1
    try:
        yield
    finally:
        with _unchecked_lock:
            _unchecked_builds -= 1
            if _unchecked_builds == 0:
                rl_config.shapeChecking = _checking_before


def build_monitoring_report(data: MonitoringReportInput) -> bytes:
    flt = data.dashboard.filter
    quarters = quarter_words(flt.start, flt.end)
    period = period_words(flt.start, flt.end)
    setup = PageSetup(
        issuer=data.issuer,
        title=f"{TITLE} – {data.dashboard.site_name} – {quarters or period}",
        reference=f"{TITLE} · {quarters or period}",
        subject=f"Monitoraggio delle segnalazioni NEET e CMD {period}",
        created_at=data.created_at,
        keywords="monitoraggio, Tavolo unico, segnalazioni",
    )
    with _shapes_unchecked():
        return render_pdf(setup, lambda width: monitoring_report_story(data, width, setup))
