"""Colours, sizes and paragraph styles shared by every document.

A sober palette (ink, one dark blue for headings and rules, greys for labels) and two
families: Liberation Serif for running text and values, Liberation Sans for labels, headings
and tables, as Italian public offices' documents commonly do (Times and Arial metrics).
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop.documents.fonts import SANS, SANS_BOLD, SANS_ITALIC, SERIF, SERIF_ITALIC

INK = HexColor("#1A1A1A")
ACCENT = HexColor("#1F3A5F")  # headings, rules, table headers
MUTED_HEX = "#5B6470"  # labels and notes, also inside Paragraph markup
MUTED = HexColor(MUTED_HEX)
RULE = HexColor("#A7B0BA")  # grid lines
FAINT_RULE = HexColor("#CDD3DA")
TINT = HexColor("#E9EEF4")  # header rows and section bands
WATERMARK = Color(0.55, 0.55, 0.55, alpha=0.18)

MARGIN = 20 * mm
LANDSCAPE_MARGIN = 14 * mm

BODY = ParagraphStyle(
    "body", fontName=SERIF, fontSize=10.5, leading=14, textColor=INK, alignment=TA_JUSTIFY,
    spaceAfter=5, bulletFontName=SERIF,
)  # fmt: skip
BODY_LEFT = ParagraphStyle("body-left", parent=BODY, alignment=TA_LEFT)
BODY_SMALL = ParagraphStyle("body-small", parent=BODY, fontSize=9.5, leading=12.5, spaceAfter=3)
BODY_ITALIC = ParagraphStyle("body-italic", parent=BODY, fontName=SERIF_ITALIC)
NOTE = ParagraphStyle(
    "note", fontName=SANS, fontSize=7.5, leading=9.5, textColor=MUTED, alignment=TA_JUSTIFY
)
NOTE_ITALIC = ParagraphStyle("note-italic", parent=NOTE, fontName=SANS_ITALIC)

LABEL = ParagraphStyle(
    "label", fontName=SANS, fontSize=7, leading=8.5, textColor=MUTED, spaceAfter=1
)
VALUE = ParagraphStyle("value", fontName=SERIF, fontSize=10.5, leading=13, textColor=INK)

TITLE = ParagraphStyle(
    "title", fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceAfter=2
)
SUBTITLE = ParagraphStyle(
    "subtitle", fontName=SANS, fontSize=10.5, leading=13.5, textColor=INK, spaceAfter=1
)
SUBTITLE_BOLD = ParagraphStyle("subtitle-bold", parent=SUBTITLE, fontName=SANS_BOLD)
SECTION = ParagraphStyle(
    "section", fontName=SANS_BOLD, fontSize=9.5, leading=12, textColor=ACCENT,
    spaceBefore=11, spaceAfter=4, keepWithNext=1,
)  # fmt: skip
SUBSECTION = ParagraphStyle(
    "subsection", fontName=SANS_BOLD, fontSize=10, leading=13, textColor=INK,
    spaceBefore=8, spaceAfter=3,
)  # fmt: skip

CELL = ParagraphStyle("cell", fontName=SANS, fontSize=8.5, leading=10.5, textColor=INK)
CELL_SERIF = ParagraphStyle("cell-serif", fontName=SERIF, fontSize=9.5, leading=11.5)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName=SANS_BOLD)
CELL_RIGHT = ParagraphStyle("cell-right", parent=CELL, alignment=TA_RIGHT)
CELL_RIGHT_BOLD = ParagraphStyle("cell-right-bold", parent=CELL_RIGHT, fontName=SANS_BOLD)
CELL_CENTER = ParagraphStyle("cell-center", parent=CELL, alignment=TA_CENTER)
CELL_HEADER = ParagraphStyle(
    "cell-header", fontName=SANS_BOLD, fontSize=8, leading=10, textColor=ACCENT
)
CELL_HEADER_RIGHT = ParagraphStyle("cell-header-right", parent=CELL_HEADER, alignment=TA_RIGHT)
CELL_HEADER_CENTER = ParagraphStyle("cell-header-center", parent=CELL_HEADER, alignment=TA_CENTER)
CELL_MUTED = ParagraphStyle("cell-muted", parent=CELL, textColor=MUTED)

SIGNATURE_ROLE = ParagraphStyle(
    "signature-role", fontName=SANS, fontSize=9, leading=11.5, textColor=INK,
    alignment=TA_CENTER,
)  # fmt: skip
SIGNATURE_NAME = ParagraphStyle(
    "signature-name", parent=SIGNATURE_ROLE, fontName=SERIF, fontSize=10.5, leading=13
)
SIGNATURE_HINT = ParagraphStyle("signature-hint", parent=LABEL, alignment=TA_CENTER)
