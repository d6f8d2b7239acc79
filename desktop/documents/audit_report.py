"""The audit trail as a privacy officer filtered it, exported as a PDF (A4 landscape).

One line per audit row, newest first as on screen: when (local time), the OS account, the PC,
what was done and to what (in Italian words, ``audit_labels``), the referral's number where the
record is a referral, the record's id and the details. Thousands of rows are expected, so the
cells are plain one-line strings cut to their column (a Paragraph per cell would take minutes),
in one table per page; the Excel export carries every character.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table

from desktop.documents.audit_labels import action_label, audit_when, entity_label
from desktop.documents.blocks import escape, table_style, title_block
from desktop.documents.fonts import SANS, SANS_BOLD
from desktop.documents.formatting import format_integer
from desktop.documents.inputs import AuditLineData, AuditReportInput
from desktop.documents.page import PageSetup, fit, render_pdf
from desktop.documents.styles import ACCENT, BODY_SMALL, FAINT_RULE, INK, MUTED_HEX, TINT

TITLE = "Registro delle operazioni e degli accessi"
HEADER = (
    "Data e ora",
    "Operatore",
    "Postazione",
    "Operazione",
    "Oggetto",
    "Segnalazione",
    "Id del record",
    "Dettagli",
)
# Millimetres; the details take what is left of the frame.
WIDTHS_MM = (24.0, 30.0, 24.0, 50.0, 33.0, 28.0, 55.0)
FONT_SIZE = 7.5
PADDING = 3.0


def line_cells(line: AuditLineData) -> list[str]:
    """The printed values of one row, in ``HEADER``'s order."""
    return [
        audit_when(line.at),
        line.operator,
        line.workstation,
        action_label(line.action),
        entity_label(line.entity),
        line.referral_number,
        line.entity_id,
        line.details,
    ]


HEADER_HEIGHT = 16.0  # points
ROW_HEIGHT = 13.0


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    commands: list[tuple[object, ...]] = [
        ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), FONT_SIZE + 2),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("FONTNAME", (0, 0), (-1, 0), SANS_BOLD),
        ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, FAINT_RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    return Table(
        [list(HEADER), *rows],
        colWidths=widths,
        rowHeights=[HEADER_HEIGHT] + [ROW_HEIGHT] * len(rows),
        repeatRows=1,
        style=table_style(commands),
        hAlign="LEFT",
    )


def _pages(
    lines: tuple[AuditLineData, ...], width: float, first_room: float, later_room: float
) -> list[Flowable]:
    """One table per page, each sized to its page: ReportLab splits a long table again at
    every page, which takes minutes for thousands of rows; one row of the room is kept spare."""
    widths = [value * mm for value in WIDTHS_MM]
    widths.append(width - sum(widths))
    rooms = [column - 2 * PADDING for column in widths]
    rows = []
    for line in lines:
        cells = zip(line_cells(line), rooms, strict=True)
        rows.append([fit(text, SANS, FONT_SIZE, room) for text, room in cells])
    first = max(1, int((first_room - HEADER_HEIGHT) // ROW_HEIGHT) - 1)
    later = max(1, int((later_room - HEADER_HEIGHT) // ROW_HEIGHT) - 1)
    parts: list[Flowable] = [_table(rows[:first], widths)]
    for start in range(first, len(rows), later):
        parts += [PageBreak(), _table(rows[start : start + later], widths)]
    return parts


def _height(part: Flowable, width: float) -> float:
    """How much of the frame a flowable takes (a KeepTogether, as its parts)."""
    if isinstance(part, KeepTogether):
        return sum(_height(inner, width) for inner in part._content)
    scratch = Canvas(io.BytesIO())
    height = part.wrapOn(scratch, width, 1000 * mm)[1]
    return float(height + part.getSpaceBefore() + part.getSpaceAfter())


def audit_report_story(data: AuditReportInput, width: float, setup: PageSetup) -> list[Flowable]:
    count = len(data.lines)
    lines = [
        f"{format_integer(count)} {'riga' if count == 1 else 'righe'}, dalla più recente",
        f'<font color="{MUTED_HEX}">Esportato da</font> {escape(data.exported_by)}',
    ]
    filters = "; ".join(f"{escape(name)}: <b>{escape(value)}</b>" for name, value in data.filters)
    story: list[Flowable] = [
        title_block(TITLE, lines, width),
        Paragraph(
            f"<b>Filtri.</b> {filters}" if filters else "<b>Filtri.</b> nessuno (tutte le righe).",
            BODY_SMALL,
        ),
    ]
    if not data.lines:
        return [*story, Paragraph("Nessuna riga corrisponde ai filtri.", BODY_SMALL)]
    used = sum(_height(part, width) for part in story)
    first_room = setup.first_frame_height() - used
    return [*story, *_pages(data.lines, width, first_room, setup.later_frame_height())]


def build_audit_report(data: AuditReportInput) -> bytes:
    setup = PageSetup(
        issuer=data.issuer,
        title=TITLE,
        reference="Registro delle operazioni",
        subject="Righe del registro delle operazioni e degli accessi di questa postazione",
        created_at=data.created_at,
        landscape=True,
        footer_note=(
            "Documento riservato al referente privacy: contiene i dati di accesso degli "
            "operatori (art. 32 GDPR)."
        ),
        keywords="registro degli accessi, audit",
    )
    return render_pdf(setup, lambda width: audit_report_story(data, width, setup))
