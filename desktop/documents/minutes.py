"""The verbale of a meeting (DOMAIN.md §4), with a BOZZA watermark until it is approved.

Header with the issuing body, "Verbale n. NN/AAAA – <tavolo> – seduta del gg/mm/aaaa", the
protocol box, project and CUP; convocation, times, chair and secretary; attendees grouped by
organisation and the absentees; the agenda and, per item, the discussion, the decision and the
vote; the actions table; the next meeting; attachments; the closing formula and signatures.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from desktop.documents.blocks import (
    data_table,
    escape,
    long_text,
    numbered_list,
    section,
    signature_block,
    spacer,
    subsection,
    title_block,
    together_if_short,
)
from desktop.documents.fields import Field, field_grid
from desktop.documents.formatting import format_date, format_time
from desktop.documents.inputs import AgendaItemData, MeetingData, MeetingDocumentInput
from desktop.documents.labels import it_label
from desktop.documents.meeting_parts import (
    by_name,
    chair_title,
    convocation,
    group_by_organization,
    organization_table,
    project_line,
    protocol_number,
    session_title,
    time_range,
)
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import BODY, BODY_ITALIC, CELL, CELL_MUTED
from desktop.domain.codes import Attendance, MinutesStatus, VoteKind

WATERMARK = "BOZZA"


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


def _item(item: AgendaItemData) -> list[Flowable]:
    story = subsection(f"{item.position}. {item.title}")
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
            sentence += f", presso {meeting.next_meeting_place}"
        story.append(Paragraph(escape(sentence + "."), BODY))
        if meeting.next_meeting_topics.strip():
            story.append(Paragraph("<b>Argomenti previsti:</b>", BODY))
            story += long_text(meeting.next_meeting_topics)
    if meeting.attachments:
        story += section("Allegati")
        story += numbered_list(
            [(str(index), name) for index, name in enumerate(meeting.attachments, start=1)]
        )
    story.append(spacer(4 * mm))
    if meeting.end_time is not None:
        story.append(
            Paragraph(
                f"Esaurita la trattazione dei punti all'ordine del giorno, la seduta è tolta "
                f"alle ore {format_time(meeting.end_time)}.",
                BODY,
            )
        )
    story.append(Paragraph("<b>Letto, approvato e sottoscritto.</b>", BODY))
    story.append(
        signature_block(
            [
                (chair_title(meeting), meeting.chair_name),
                ("Il Segretario verbalizzante", meeting.secretary_name),
            ],
            width,
            place_and_date=False,
        )
    )
    story.append(spacer(6 * mm))
    if meeting.minutes_status is MinutesStatus.APPROVED:
        approved = format_date(meeting.approved_in_meeting_on)
        note = "Verbale approvato" + (f" nella seduta del {approved}" if approved else "") + "."
    else:
        note = "Bozza di verbale: non ancora approvato."
    if meeting.version > 1:
        note += f" Versione {meeting.version}, che rettifica la precedente"
        if meeting.correction_reason.strip():
            note += f": {meeting.correction_reason.strip()}"
        note += "."
    story.append(Paragraph(escape(note), BODY_ITALIC))
    return story


def minutes_story(meeting: MeetingData, width: float) -> list[Flowable]:
    subtitle = [
        f"<b>{escape(meeting.title)}</b>",
        f"{escape(it_label(meeting.meeting_type))} – seduta del "
        f"<b>{format_date(meeting.held_on)}</b>",
        project_line(meeting),
    ]
    story: list[Flowable] = [
        title_block(
            f"Verbale n. {meeting.number}",
            subtitle,
            width,
            protocol=protocol_number(meeting.protocol_number),
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
        story += numbered_list([(str(item.position), item.title) for item in meeting.agenda])
        story += section("Svolgimento della seduta")
        for item in meeting.agenda:
            story += _item(item)
    story += _actions(meeting, width)
    story += _closing(meeting, width)
    return story


def build_minutes(data: MeetingDocumentInput) -> bytes:
    meeting = data.meeting
    setup = PageSetup(
        issuer=data.issuer,
        title=session_title(meeting),
        reference=f"Verbale n. {meeting.number} del {format_date(meeting.held_on)}",
        subject=f"Verbale della seduta del {format_date(meeting.held_on)} – {meeting.title}",
        created_at=data.created_at,
        watermark="" if meeting.minutes_status is MinutesStatus.APPROVED else WATERMARK,
        keywords="verbale",
    )
    return render_pdf(setup, lambda width: minutes_story(meeting, width))
