"""The foglio presenze of a meeting (DOMAIN.md §4): A4 landscape, one row per invitee ("Cognome
Nome", by surname) and blank rows for those who come unannounced, a delegate column and a wide
signature column.

The column widths are fixed here (``COLUMN_WIDTHS_MM``): the signature column is at least
45 mm and every row at least 10 mm high, so that a signature fits by hand. Who took part
remotely cannot sign: the row says "in collegamento da remoto" where the signature would go.
Blank rows fill the last page (at least ``MIN_BLANK_ROWS`` of them).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from desktop.documents.blocks import escape, table_style, title_block
from desktop.documents.formatting import format_date, format_time, on_date
from desktop.documents.inputs import MeetingData, MeetingDocumentInput, ParticipantData
from desktop.documents.labels import it_label
from desktop.documents.meeting_parts import REMOTE, by_name, minutes_heading, project_line
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import (
    ACCENT,
    CELL,
    CELL_CENTER,
    CELL_HEADER,
    CELL_HEADER_CENTER,
    CELL_MUTED,
    RULE,
    TINT,
)
from desktop.domain.codes import Attendance, MeetingMode

HEADERS = (
    "N.", "Cognome e nome", "Ente", "Ruolo", "Delegato di", "Entrata", "Uscita", "Firma",
)  # fmt: skip
COLUMN_WIDTHS_MM = (9.0, 50.0, 56.0, 42.0, 36.0, 14.0, 14.0, 48.0)  # 269 mm: A4 landscape
SIGNATURE_COLUMN = 7
ROW_HEIGHT_MM = 11.0
MIN_BLANK_ROWS = 5
REMOTE_CELL = ParagraphStyle("remote-cell", parent=CELL_MUTED, alignment=TA_CENTER)
SAFETY = 2 * mm  # what the layout may take beyond the rows' own heights

PRIVACY_NOTE = (
    "Informativa breve: i dati personali riportati in questo foglio (nome, ente, ruolo, orari e "
    "firma) sono raccolti dall'ente indicato nell'intestazione, che ha convocato la riunione, al "
    "solo fine di documentarne "
    "lo svolgimento e la partecipazione e di redigerne il verbale, con il quale sono conservati "
    "(art. 6, par. 1, lett. e, Reg. UE 2016/679; art. 2-sexies, comma 2, lett. f, D.Lgs. "
    "196/2003). L'informativa completa è disponibile presso la segreteria della riunione."
)


def _header_row() -> list[Paragraph]:
    styles = [CELL_HEADER_CENTER, CELL_HEADER, CELL_HEADER, CELL_HEADER, CELL_HEADER]
    styles += [CELL_HEADER_CENTER] * 3
    return [Paragraph(text, style) for text, style in zip(HEADERS, styles, strict=True)]


def _invitee_row(number: int, participant: ParticipantData) -> list[Paragraph | str]:
    remote = participant.attendance is Attendance.REMOTE
    # Who signs writes the times by hand; for a remote attendee the secretary records them.
    times = (
        [Paragraph(format_time(moment), CELL_CENTER) for moment in (participant.time_in,
                                                                    participant.time_out)]
        if remote
        else ["", ""]
    )  # fmt: skip
    return [
        Paragraph(str(number), CELL_CENTER),
        Paragraph(f"<b>{escape(participant.full_name)}</b>", CELL),
        Paragraph(escape(participant.organization_name), CELL),
        Paragraph(escape(participant.role), CELL),
        Paragraph(escape(participant.proxy_for), CELL),
        *times,
        Paragraph(f"<i>{REMOTE}</i>", REMOTE_CELL) if remote else "",
    ]


def _blank_row(number: int) -> list[Paragraph | str]:
    return [Paragraph(str(number), CELL_CENTER), *([""] * (len(HEADERS) - 1))]


def _remote_rows(participants: Sequence[ParticipantData]) -> list[int]:
    """The table rows (1 = the first invitee) whose signature box is not to be signed."""
    return [
        index
        for index, participant in enumerate(participants, start=1)
        if participant.attendance is Attendance.REMOTE
    ]


def _table(rows: Sequence[Sequence[object]], remote_rows: Sequence[int] = ()) -> Table:
    widths = [width * mm for width in COLUMN_WIDTHS_MM]
    heights = [0.0] + [ROW_HEIGHT_MM * mm] * (len(rows) - 1)
    return Table(
        rows,
        colWidths=widths,
        minRowHeights=heights,
        repeatRows=1,
        hAlign="LEFT",
        style=table_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), TINT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT),
                ("LINEBEFORE", (SIGNATURE_COLUMN, 0), (SIGNATURE_COLUMN, -1), 0.9, ACCENT),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
                # No box to sign in: a tinted cell with the words instead.
                *(
                    ("BACKGROUND", (SIGNATURE_COLUMN, row), (SIGNATURE_COLUMN, row), TINT)
                    for row in remote_rows
                ),
            ]
        ),
    )


def _blank_rows_to_fill(
    row_heights: Sequence[float], header: float, first_room: float, later_room: float
) -> int:
    """How many blank rows complete the last page, given where the invitees' rows end."""
    blank = ROW_HEIGHT_MM * mm
    room = first_room - header
    for height in row_heights:
        if height > room:
            room = later_room - header
        room -= height
    fill = int(room // blank)
    while fill < MIN_BLANK_ROWS:
        fill += int((later_room - header) // blank)
    return fill


def _height(block: KeepTogether, width: float) -> float:
    """The height a KeepTogether takes (its own ``wrap`` answers "too tall" on purpose)."""
    canvas = Canvas(io.BytesIO())  # flowables measure text on a canvas; any will do
    total = 0.0
    for part in block._content:
        _w, height = part.wrapOn(canvas, width, 10_000)
        total += height + part.getSpaceBefore() + part.getSpaceAfter()
    return total


def _details(meeting: MeetingData) -> list[str]:
    place = meeting.place or it_label(meeting.mode)
    line = f"Data: <b>{format_date(meeting.held_on)}</b> · Luogo: <b>{escape(place)}</b>"
    if meeting.start_time is not None:
        line += f" · Ora di inizio: <b>{format_time(meeting.start_time)}</b>"
    if meeting.mode is MeetingMode.MIXED:
        line += " · Modalità: <b>mista, in presenza e da remoto</b>"
    heading = minutes_heading(meeting)
    return [
        f"<b>{escape(meeting.title)}</b> ({escape(heading[:1].lower() + heading[1:])})",
        line,
        project_line(meeting),
    ]


def attendance_story(
    meeting: MeetingData, width: float, setup: PageSetup, blank_rows: int | None
) -> list[Flowable]:
    title = title_block("Foglio presenze", _details(meeting), width)
    invitees = by_name(meeting.participants)
    remote_rows = _remote_rows(invitees)
    rows: list[list[object]] = [list(_header_row())]
    rows += [_invitee_row(number, row) for number, row in enumerate(invitees, start=1)]
    if blank_rows is None:
        probe = _table(rows, remote_rows)
        probe.wrap(width, setup.first_frame_height())
        title_height = _height(title, width)
        heights = list(probe._rowHeights)
        blank_rows = _blank_rows_to_fill(
            heights[1:],
            heights[0],
            setup.first_frame_height() - title_height - SAFETY,
            setup.later_frame_height() - SAFETY,
        )
    first_blank = len(invitees) + 1
    rows += [_blank_row(number) for number in range(first_blank, first_blank + blank_rows)]
    return [title, _table(rows, remote_rows)]


def build_attendance_sheet(data: MeetingDocumentInput, *, blank_rows: int | None = None) -> bytes:
    """The sheet; ``blank_rows`` None fills the last page with blank rows (at least five)."""
    meeting = data.meeting
    setup = PageSetup(
        issuer=data.issuer,
        title=f"Foglio presenze – {meeting.title} – {format_date(meeting.held_on)}",
        reference=f"Foglio presenze · riunione {on_date('di', meeting.held_on)}",
        subject=f"Foglio presenze della riunione {on_date('di', meeting.held_on)}",
        created_at=data.created_at,
        landscape=True,
        footer_note=PRIVACY_NOTE,
        keywords="foglio presenze",
    )
    return render_pdf(setup, lambda width: attendance_story(meeting, width, setup, blank_rows))
