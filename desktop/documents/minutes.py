"""The verbale of a meeting (DOMAIN.md §4), with a BOZZA watermark until it is approved.

Header with the convening body, "Verbale n. NN/AAAA <series>", the meeting's title and date,
the protocol box (number and date), project and CUP; convocation, times, chair and secretary;
attendees grouped by organisation and the absentees; the opening formula (with the quorum where
the kind of meeting has one); the agenda and, per item, the discussion, the decision and the
vote; the actions table; the next meeting; attachments; then, kept on one page, the closing,
"Letto, approvato e sottoscritto" (approved minutes only), the signatures and the approval.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from desktop.documents.blocks import (
    data_table,
    escape,
    long_text,
    numbered_list,
    section,
    signature_parts,
    spacer,
    subsection,
    title_block,
    together_if_short,
)
from desktop.documents.fields import Field, field_grid
from desktop.documents.formatting import format_date, format_time, on_date
from desktop.documents.inputs import AgendaItemData, MeetingData, MeetingDocumentInput
from desktop.documents.labels import it_label
from desktop.documents.meeting_parts import (
    at_place,
    by_name,
    chair_title,
    convocation,
    group_by_organization,
    minutes_heading,
    organization_table,
    previous_minutes_note,
    project_line,
    protocol_number,
    session_title,
    time_range,
)
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import BODY, BODY_ITALIC, CELL, CELL_MUTED
from desktop.domain.codes import Attendance, MinutesStatus, VoteKind

WATERMARK = "BOZZA"
APPROVED_FORMULA = "Letto, approvato e sottoscritto."
DRAFT_FORMULA = (
    "Bozza di verbale in attesa di approvazione: sarà sottoscritta dopo l'approvazione "
    "nella seduta successiva."
)
# Stored agendas word the first item either way (older ones in short).
_PREVIOUS_MINUTES_ITEMS = (
    "approvazione del verbale della seduta precedente",
    "approvazione verbale seduta precedente",
)


def _vote(item: AgendaItemData) -> str:
    if item.vote is VoteKind.UNANIMOUS:
        return "approvata all'unanimità dei presenti"
    if item.vote is VoteKind.MAJORITY:
        counts = [
            f"{label} {value}"
            for label, value in (
                ("favorevoli", item.votes_for),
                ("contrari", item.votes_against),
                ("astenuti", item.votes_abstained),
            )
            if value is not None
        ]
        return "approvata a maggioranza" + (f" ({', '.join(counts)})" if counts else "")
    return ""


def _item_title(item: AgendaItemData, meeting: MeetingData) -> str:
    """The approval of the previous minutes names them: "(verbale n. 01/2026 della seduta …)"."""
    words = " ".join(item.title.lower().split())
    note = previous_minutes_note(meeting)
    if note and words in _PREVIOUS_MINUTES_ITEMS:
        return f"{item.title} ({note})"
    return item.title


def _item(item: AgendaItemData, meeting: MeetingData) -> list[Flowable]:
    story = subsection(f"{item.position}. {_item_title(item, meeting)}")
    story += long_text(item.summary)
    story += long_text(item.decision, lead="<b>Decisione.</b> ")
    vote = _vote(item)
    if vote:
        story.append(Paragraph(f"<b>Votazione:</b> {vote}.", BODY))
    if len(story) == 2:
        story.append(Paragraph("Nessuna trattazione verbalizzata.", BODY_ITALIC))
    return story


def _attendance(meeting: MeetingData, width: float) -> list[Flowable]:
    present = [
        row
        for row in meeting.participants
        if row.attendance in (Attendance.PRESENT, Attendance.REMOTE)
    ]
    remote = sum(1 for row in present if row.attendance is Attendance.REMOTE)
    story: list[Flowable] = []
    count = f"Nominativi ({len(present)} presenti" + (
        f", di cui {remote} da remoto)" if remote else ")"
    )
    story += section("Presenti")
    if present:
        story.append(organization_table(group_by_organization(present), width, heading=count))
    else:
        story.append(Paragraph("Nessuna presenza registrata.", BODY_ITALIC))
    for attendance, title in (
        (Attendance.JUSTIFIED_ABSENCE, "Assenti giustificati"),
        (Attendance.ABSENT, "Assenti"),
        (Attendance.INVITED, "Invitati di cui non è registrata la presenza"),
    ):
        rows = by_name(row for row in meeting.participants if row.attendance is attendance)
        if not rows:
            continue
        names = "; ".join(
            escape(row.full_name)
            + (f" ({escape(row.organization_name)})" if row.organization_name else "")
            for row in rows
        )
        story.append(spacer(2 * mm))
        story.append(Paragraph(f"<b>{title}:</b> {names}.", BODY))
    if meeting.opening_formula:
        story.append(spacer(3 * mm))
        story.append(Paragraph(escape(meeting.opening_formula), BODY))
    return story


def _actions(meeting: MeetingData, width: float) -> list[Flowable]:
    if not meeting.actions:
        return []
    rows: list[list[object]] = []
    for number, action in enumerate(meeting.actions, start=1):
        description: list[Flowable] = [Paragraph(escape(action.description), CELL)]
        if action.agenda_position is not None:
            description.append(
                Paragraph(f"punto {action.agenda_position} dell'ordine del giorno", CELL_MUTED)
            )
        rows.append(
            [
                str(number),
                description,
                action.owner_name,
                action.organization_name,
                format_date(action.due_on),
            ]
        )
    widths = [0.06, 0.42, 0.2, 0.2, 0.12]
    parts = [
        *section("Azioni concordate"),
        data_table(
            ["N.", "Azione", "Responsabile", "Ente", "Scadenza"],
            rows,
            [width * share for share in widths],
        ),
    ]
    return together_if_short(parts, len(rows))


def _closing(meeting: MeetingData, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if meeting.next_meeting_on or meeting.next_meeting_place or meeting.next_meeting_topics:
        story += section("Prossima riunione")
        sentence = "La prossima riunione"
        if meeting.next_meeting_on is not None:
            sentence += f" è fissata per il giorno {format_date(meeting.next_meeting_on)}"
        else:
            sentence += " sarà convocata con successiva comunicazione"
        if meeting.next_meeting_place:
            sentence += f", {at_place(meeting.next_meeting_place)}"
        story.append(Paragraph(escape(sentence + "."), BODY))
        if meeting.next_meeting_topics.strip():
            story.append(Paragraph("<b>Argomenti previsti:</b>", BODY))
            story += long_text(meeting.next_meeting_topics)
    # The attachments, the closing text, the signatures and the approval stay on one page:
    # signatures alone on a last page would sign nothing that can be read with them.
    closing: list[Flowable] = []
    if meeting.attachments:
        closing += section("Allegati")[1:]  # no conditional break: the block moves whole
        closing += numbered_list(
            [(str(index), name) for index, name in enumerate(meeting.attachments, start=1)]
        )
    closing.append(spacer(4 * mm))
    if meeting.end_time is not None:
        closing.append(
            Paragraph(
                f"Esaurita la trattazione dei punti all'ordine del giorno, la seduta è tolta "
                f"alle ore {format_time(meeting.end_time)}.",
                BODY,
            )
        )
    if meeting.minutes_status is MinutesStatus.APPROVED:
        closing.append(Paragraph(f"<b>{APPROVED_FORMULA}</b>", BODY))
    else:
        closing.append(Paragraph(escape(DRAFT_FORMULA), BODY_ITALIC))
    closing.append(spacer(6 * mm))
    closing += signature_parts(
        [
            (chair_title(meeting), meeting.chair_name),
            ("Il Segretario verbalizzante", meeting.secretary_name),
        ],
        width,
        place_and_date=False,
    )
    note = _approval_note(meeting)
    if note:
        closing.append(spacer(6 * mm))
        closing.append(Paragraph(escape(note), BODY_ITALIC))
    story.append(KeepTogether(closing))
    return story


def _approval_note(meeting: MeetingData) -> str:
    if meeting.minutes_status is MinutesStatus.APPROVED:
        note = "Verbale approvato"
        if meeting.approved_in_meeting_on is not None:
            note += f" nella seduta {on_date('di', meeting.approved_in_meeting_on)}"
        note += "."
    else:
        note = ""  # the draft formula above says it
    if meeting.version > 1:
        note += " " if note else ""
        note += f"Versione {meeting.version}, che rettifica la precedente"
        if meeting.correction_reason.strip():
            note += f": {meeting.correction_reason.strip()}"
        note += "."
    return note


def minutes_story(meeting: MeetingData, width: float) -> list[Flowable]:
    subtitle = [
        f"<b>{escape(meeting.title)}</b>",
        f"Seduta <b>{on_date('di', meeting.held_on)}</b>",
        project_line(meeting),
    ]
    story: list[Flowable] = [
        title_block(
            minutes_heading(meeting),
            subtitle,
            width,
            protocol=protocol_number(meeting.protocol_number),
            protocol_on=meeting.protocol_on,
        ),
    ]
    grid = field_grid(
        [
            Field("Data", format_date(meeting.held_on)),
            Field("Orario", time_range(meeting)),
            Field("Modalità", it_label(meeting.mode)),
            Field("Luogo", meeting.place, wide=True),
            Field("Convocazione", convocation(meeting), wide=True),
            Field("Presiede", meeting.chair_name),
            Field("Segretario verbalizzante", meeting.secretary_name),
        ],
        width,
    )
    if grid is not None:
        story.append(grid)
    story += _attendance(meeting, width)
    if meeting.agenda:
        story += section("Ordine del giorno")
        story += numbered_list(
            [(str(item.position), _item_title(item, meeting)) for item in meeting.agenda]
        )
        story += section("Svolgimento della seduta")
        for item in meeting.agenda:
            story += _item(item, meeting)
    story += _actions(meeting, width)
    story += _closing(meeting, width)
    return story


def build_minutes(data: MeetingDocumentInput) -> bytes:
    meeting = data.meeting
    setup = PageSetup(
        issuer=data.issuer,
        title=session_title(meeting),
        reference=f"Verbale n. {meeting.number} {on_date('di', meeting.held_on)}",
        subject=f"Verbale della seduta {on_date('di', meeting.held_on)} – {meeting.title}",
        created_at=data.created_at,
        watermark="" if meeting.minutes_status is MinutesStatus.APPROVED else WATERMARK,
        keywords="verbale",
    )
    return render_pdf(setup, lambda width: minutes_story(meeting, width))
