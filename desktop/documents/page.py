"""The page of every document: A4, letterhead, running header, footer "pagina X di Y".

``render_pdf`` lays a story of Platypus flowables out on A4 (portrait or landscape) and
returns the PDF bytes. The canvas keeps each page until the end, so that the footer can say
how many pages there are in a single layout pass. Metadata (title, author = the issuing body,
subject, creation date) are set from ``PageSetup``; with the same setup and story the bytes are
the same, so an issued file's SHA-256 identifies its content.
"""

from __future__ import annotations

import functools
import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfdoc import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

import desktop
from desktop.documents.fonts import SANS, SANS_BOLD, register_fonts
from desktop.documents.formatting import local_datetime, on_datetime
from desktop.documents.inputs import Issuer
from desktop.documents.styles import (
    ACCENT,
    FAINT_RULE,
    LANDSCAPE_MARGIN,
    MARGIN,
    MUTED,
    WATERMARK,
)
from desktop.domain.codes import SiteKind

LETTERHEAD_HEIGHT = 21 * mm  # at least, from the top margin's edge to the first frame
RUNNING_HEADER_HEIGHT = 11 * mm
FOOTER_HEIGHT = 10 * mm
TOP_EDGE = 12 * mm  # paper above the letterhead


@dataclass(frozen=True)
class PageSetup:
    issuer: Issuer
    title: str  # the PDF's title
    reference: str  # short name in the running header and footer: "Verbale n. 07/2026"
    subject: str
    created_at: datetime
    landscape: bool = False
    watermark: str = ""  # e.g. "BOZZA", diagonal behind the text of every page
    footer_note: str = ""  # printed above the page number on every page
    keywords: str = ""

    @property
    def page_size(self) -> tuple[float, float]:
        width, height = landscape(A4) if self.landscape else A4
        return float(width), float(height)

    @property
    def margin(self) -> float:
        return float(LANDSCAPE_MARGIN if self.landscape else MARGIN)

    @property
    def footer_height(self) -> float:
        return float(FOOTER_HEIGHT + (9 * mm if self.footer_note else 0))

    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    def first_frame_height(self) -> float:
        top = TOP_EDGE + letterhead_layout(self).height + 8 * mm
        return float(self.page_size[1] - top - self.footer_height)

    def later_frame_height(self) -> float:
        top = TOP_EDGE + RUNNING_HEADER_HEIGHT + 8 * mm
        return float(self.page_size[1] - top - self.footer_height)


def fit(text: str, font: str, size: float, width: float) -> str:
    """The text, cut with an ellipsis if it is wider than ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _timestamp(moment: datetime) -> TimeStamp:
    """ReportLab's document timestamp set to the issue time (it would read the clock)."""
    stamp = TimeStamp(invariant=True)
    local = local_datetime(moment)
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    stamp.t = moment.astimezone(UTC).timestamp()
    stamp.lt = local.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh, stamp.dmm = divmod(minutes, 60)
    stamp.tzname = local.tzname() or "UTC"
    return stamp


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """Holds every page back until ``save`` so that each footer can show the page total."""

    def __init__(self, *args: Any, setup: PageSetup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup = setup
        self._pages: list[dict[str, Any]] = []
        self._doc._timeStamp = _timestamp(setup.created_at)
        self.setCreator(f"Trama {desktop.__version__}")
        self.setProducer(f"Trama {desktop.__version__} (ReportLab)")

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            _draw_footer(self, self._setup, total)
            super().showPage()
        super().save()


def _draw_footer(canvas: Canvas, setup: PageSetup, total: int) -> None:
    width, _height = setup.page_size
    margin = setup.margin
    baseline = 12 * mm
    canvas.saveState()
    canvas.setStrokeColor(FAINT_RULE)
    canvas.setLineWidth(0.5)
    canvas.line(margin, baseline + 4.2 * mm, width - margin, baseline + 4.2 * mm)
    canvas.setFillColor(MUTED)
    page = f"pagina {canvas.getPageNumber()} di {total}"
    canvas.setFont(SANS, 8)
    canvas.drawRightString(width - margin, baseline, page)
    room = width - 2 * margin - stringWidth(page, SANS, 8) - 10 * mm
    issued = f"{setup.reference} · documento emesso {on_datetime('', setup.created_at)}"
    canvas.setFont(SANS, 7.5)
    canvas.drawString(margin, baseline, fit(issued, SANS, 7.5, room))
    if setup.footer_note:
        _draw_note(canvas, setup.footer_note, margin, baseline + 6.5 * mm, width - 2 * margin)
    canvas.restoreState()


def _draw_note(canvas: Canvas, text: str, x: float, y: float, width: float) -> None:
    from reportlab.platypus import Paragraph  # noqa: PLC0415 - only sheets with a note

    from desktop.documents.styles import NOTE  # noqa: PLC0415

    note = Paragraph(text, NOTE)
    note.wrap(width, 20 * mm)
    note.drawOn(canvas, x, y)


NAME_SIZES = (12.5, 11.0, 10.0)  # the body's name: the largest at which it takes two lines
DETAIL_SIZE = 8.5
DETAIL_LEADING = 4 * mm
LOGO_MAX_WIDTH = 34 * mm
LOGO_BASE_HEIGHT = 19 * mm  # the logo's height beside a name and three lines
LOGO_GAP = 4 * mm
NAME_GAP = 0.8 * mm  # between the name and the lines under it


@dataclass(frozen=True)
class LetterheadLayout:
    """Where the letterhead's parts go, measured once for both the frame and the drawing."""

    name_lines: tuple[str, ...]
    name_size: float
    details: tuple[str, ...]
    text_x: float  # from the margin
    height: float  # from the top edge to the first frame, rule included
    logo: ImageReader | None = None
    logo_width: float = 0.0
    logo_height: float = 0.0


@functools.lru_cache(maxsize=8)
def _logo(data: bytes) -> ImageReader | None:
    """The logo as ReportLab reads it; None when it cannot be read (never a broken page).
    Kept for the next document: a batch prints hundreds under the same letterhead."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:
        return None
    return reader if width > 0 and height > 0 else None


def _name_lines(name: str, width: float) -> tuple[tuple[str, ...], float]:
    """The body's name on at most two lines, smaller if it must; cut only as a last resort."""
    for size in NAME_SIZES:
        lines = simpleSplit(name, SANS_BOLD, size, width)
        if len(lines) <= 2:
            return tuple(lines), size
    size = NAME_SIZES[-1]
    lines = simpleSplit(name, SANS_BOLD, size, width)
    return (lines[0], fit(" ".join(lines[1:]), SANS_BOLD, size, width)), size


def _address_lines(issuer: Issuer, width: float) -> list[str]:
    """The address and the contacts packed on as few lines as they fit (at most three), each
    part whole."""
    parts = [issuer.address] if issuer.address else []
    parts += [part for part in issuer.contacts.split(" · ") if part]
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]} · {part}" if lines else part
        if lines and stringWidth(joined, SANS, DETAIL_SIZE) <= width:
            lines[-1] = joined
        else:
            lines.append(part)
    # The website only where a line has room for it: never a line of its own.
    if issuer.website and lines:
        joined = f"{lines[-1]} · {issuer.website}"
        if stringWidth(joined, SANS, DETAIL_SIZE) <= width:
            lines[-1] = joined
    return [fit(line, SANS, DETAIL_SIZE, width) for line in lines[:3]]


def letterhead_layout(setup: PageSetup) -> LetterheadLayout:
    issuer = setup.issuer
    logo = _logo(issuer.logo)
    logo_width = 0.0
    if logo is not None:
        image_width, image_height = logo.getSize()
        logo_width = min(LOGO_BASE_HEIGHT * image_width / image_height, LOGO_MAX_WIDTH)
    text_x = logo_width + LOGO_GAP if logo is not None else 0.0
    width = setup.frame_width() - text_x
    name_lines, name_size = _name_lines(issuer.name, width)
    details: list[str] = []
    if issuer.controller_name and issuer.controller_name != issuer.name:
        label = "Ente capofila" if issuer.kind is SiteKind.AMBITO else "Ente"
        details.append(fit(f"{label}: {issuer.controller_name}", SANS, DETAIL_SIZE, width))
    details += _address_lines(issuer, width)
    # The first baseline 5 mm below the top edge, the name's lines, the details, the rule.
    last = 5 * mm + (len(name_lines) - 1) * name_size * 1.2 + len(details) * DETAIL_LEADING
    last += NAME_GAP if details else 0
    height = max(LETTERHEAD_HEIGHT, last + 3 * mm + 4 * mm)
    logo_height = 0.0
    if logo is not None:
        image_width, image_height = logo.getSize()
        # As tall as the text beside it, never wider than the room measured above.
        logo_height = min(last + 1.5 * mm, logo_width * image_height / image_width)
        logo_width = logo_height * image_width / image_height
    return LetterheadLayout(
        name_lines=name_lines,
        name_size=name_size,
        details=tuple(details),
        text_x=text_x,
        height=height,
        logo=logo,
        logo_width=logo_width,
        logo_height=logo_height,
    )


def _draw_letterhead(canvas: Canvas, setup: PageSetup) -> None:
    width, height = setup.page_size
    margin = setup.margin
    layout = letterhead_layout(setup)
    top = height - TOP_EDGE
    canvas.saveState()
    if layout.logo is not None:
        canvas.drawImage(
            layout.logo,
            margin,
            top - 1.5 * mm - layout.logo_height,
            width=layout.logo_width,
            height=layout.logo_height,
            mask="auto",
        )
    x = margin + layout.text_x
    y = top - 5 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(SANS_BOLD, layout.name_size)
    for index, line in enumerate(layout.name_lines):
        if index:
            y -= layout.name_size * 1.2
        canvas.drawString(x, y, line)
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, DETAIL_SIZE)
    y -= NAME_GAP
    for line in layout.details:
        y -= DETAIL_LEADING
        canvas.drawString(x, y, line)
    rule_y = top - layout.height + 4 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.1)
    canvas.line(margin, rule_y, width - margin, rule_y)
    canvas.restoreState()


def _draw_running_header(canvas: Canvas, setup: PageSetup) -> None:
    width, height = setup.page_size
    margin = setup.margin
    y = height - TOP_EDGE - 4 * mm
    canvas.saveState()
    # The reference (short) first; the body's name takes the rest of the line.
    half = (width - 2 * margin - 8 * mm) / 2
    reference = fit(setup.reference, SANS, 8, half)
    room = width - 2 * margin - 8 * mm - stringWidth(reference, SANS, 8)
    canvas.setFont(SANS_BOLD, 8)
    canvas.setFillColor(ACCENT)
    canvas.drawString(margin, y, fit(setup.issuer.name, SANS_BOLD, 8, room))
    canvas.setFont(SANS, 8)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(width - margin, y, reference)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.6)
    canvas.line(margin, y - 2.5 * mm, width - margin, y - 2.5 * mm)
    canvas.restoreState()


def _draw_watermark(canvas: Canvas, setup: PageSetup) -> None:
    if not setup.watermark:
        return
    width, height = setup.page_size
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50 if not setup.landscape else 30)
    canvas.setFont(SANS_BOLD, 120)
    canvas.drawCentredString(0, -40, setup.watermark)
    canvas.restoreState()


def _templates(setup: PageSetup) -> list[PageTemplate]:
    margin = setup.margin
    bottom = setup.footer_height + 8 * mm

    def first_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _draw_watermark(canvas, setup)
        _draw_letterhead(canvas, setup)

    def later_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _draw_watermark(canvas, setup)
        _draw_running_header(canvas, setup)

    padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(
        margin, bottom, setup.frame_width(), setup.first_frame_height(), id="first", **padding
    )
    later = Frame(
        margin, bottom, setup.frame_width(), setup.later_frame_height(), id="later", **padding
    )
    return [
        PageTemplate(id="First", frames=[first], onPage=first_page, autoNextPageTemplate="Later"),
        PageTemplate(id="Later", frames=[later], onPage=later_page),
    ]


def render_pdf(setup: PageSetup, make_story: Callable[[float], list[Flowable]]) -> bytes:
    """Lay out the story that ``make_story`` builds for the frame's width; the PDF's bytes.

    The story is made here, after the fonts are registered: Paragraphs look their fonts up
    when they are created.
    """
    register_fonts()
    story = make_story(setup.frame_width())
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=setup.page_size,
        leftMargin=setup.margin,
        rightMargin=setup.margin,
        topMargin=TOP_EDGE,
        bottomMargin=setup.footer_height,
        title=setup.title,
        author=setup.issuer.name,
        subject=setup.subject,
        keywords=setup.keywords,
        creator=f"Trama {desktop.__version__}",
        lang="it-IT",
        invariant=True,
        initialFontName=SANS,
    )
    document.addPageTemplates(_templates(setup))

    def make_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, setup=setup, **kwargs)

    document.build(story, canvasmaker=make_canvas)
    return buffer.getvalue()


def issue_time() -> datetime:
    """Now, in UTC, to the second (PDF dates have no finer resolution)."""
    return datetime.fromtimestamp(int(time.time()), UTC)
