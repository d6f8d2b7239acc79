"""The convocation with the ordine del giorno of a meeting, sent to the invitees beforehand."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from desktop.documents.blocks import (
    escape,
    numbered_list,
    section,
    signature_block,
    spacer,
    title_block,
)
from desktop.documents.formatting import format_long_date, format_time, on_date
from desktop.documents.inputs import MeetingData, MeetingDocumentInput
from desktop.documents.meeting_parts import (
    at_place,
    chair_title,
    group_by_organization,
    organization_table,
    project_line,
    protocol_number,
)
from desktop.documents.page import PageSetup, render_pdf
from desktop.documents.styles import BODY
from desktop.domain.codes import MeetingMode

NBSP = "\u00a0"


def _signer(meeting: MeetingData) -> tuple[str, str]:
    """Who convenes signs the convocation: "La Responsabile del procedimento"; the chair's
    name goes with the role only when the chair is who convenes."""
    organ, _comma, named = meeting.convened_by.strip().partition(",")  # "…, dott.ssa Rossi"
    if not organ:
        return chair_title(meeting), meeting.chair_name
    chair = organ.lower().startswith(("il presidente", "la presidente"))
    name = named.strip() or (meeting.chair_name if chair else "")
    return organ[:1].upper() + organ[1:], name


def _bold_place(place: str) -> str:
    """ "presso la <b>Sala consiliare</b>": the place in bold, its preposition not."""
    words = at_place(place)
    head = words[: len(words) - len(place.strip())]
    joint = " " if head.endswith(" ") else ""  # escape() strips it; "l'Aula" has none
    return f"{escape(head)}{joint}<b>{escape(place)}</b>"


def _announcement(meeting: MeetingData) -> str:
    sentence = (
        f"Si comunica che la riunione «{escape(meeting.title)}» si terrà il giorno "
        f"<b>{format_long_date(meeting.held_on).replace(' ', NBSP)}</b>"
    )
    if meeting.start_time is not None:
        sentence += f", alle ore <b>{format_time(meeting.start_time)}</b>"
    if meeting.mode is MeetingMode.VIDEO:
        sentence += ", in videoconferenza"
        if meeting.place:
            sentence += f" ({escape(meeting.place)})"
    elif meeting.place:
        sentence += f", {_bold_place(meeting.place)}"
        if meeting.mode is MeetingMode.MIXED:
            sentence += ", con possibilità di collegamento in videoconferenza"
    return sentence + ", per discutere il seguente ordine del giorno:"


def agenda_story(meeting: MeetingData, width: float) -> list[Flowable]:
    lines = [
        f"<b>{escape(meeting.title)}</b>",
        f"Seduta <b>{on_date('di', meeting.held_on)}</b>",
        project_line(meeting),
    ]
    story: list[Flowable] = [
        title_block(
            "Convocazione e ordine del giorno",
            lines,
            width,
            protocol=protocol_number(meeting.convocation_protocol),
            protocol_on=meeting.convocation_on if meeting.convocation_protocol else None,
        ),
        Paragraph(_announcement(meeting), BODY),
        *section("Ordine del giorno"),
        *numbered_list([(str(item.position), item.title) for item in meeting.agenda]),
    ]
    if meeting.participants:
        story += section("Destinatari")
        story.append(
            organization_table(
                group_by_organization(meeting.participants),
                width,
                heading="Nominativi",
                with_attendance=False,
            )
        )
    story.append(spacer(3 * mm))
    story.append(
        Paragraph(
            "In caso di impedimento si prega di darne comunicazione alla segreteria, indicando "
            "l'eventuale delegato.",
            BODY,
        )
    )
    story.append(
        signature_block(
            [_signer(meeting)],
            width / 2,
            place_and_date=False,
            align="RIGHT",
        )
    )
    return story


def build_agenda(data: MeetingDocumentInput) -> bytes:
    meeting = data.meeting
    setup = PageSetup(
        issuer=data.issuer,
        title=f"Convocazione – {meeting.title} – seduta {on_date('di', meeting.held_on)}",
        reference=f"Convocazione · riunione {on_date('di', meeting.held_on)}",
        subject=f"Ordine del giorno della riunione {on_date('di', meeting.held_on)}",
        created_at=data.created_at,
        keywords="convocazione, ordine del giorno",
    )
    return render_pdf(setup, lambda width: agenda_story(meeting, width))
