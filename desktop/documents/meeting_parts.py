"""What the minutes, the attendance sheet and the agenda of a meeting share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from desktop.documents.blocks import data_table, escape, table_style
from desktop.documents.formatting import (
    by_whom,
    format_time,
    on_date,
    without_prefix,
)
from desktop.documents.inputs import MeetingData, ParticipantData
from desktop.documents.labels import it_label
from desktop.documents.styles import CELL, CELL_BOLD
from desktop.domain.codes import Attendance
from desktop.domain.text import normalise_search_text

NO_ORGANIZATION = "Altri partecipanti"


UNSPLIT_GROUP_ROWS = 15  # an organisation with more people may continue on the next page


REMOTE = "in collegamento da remoto"  # whether "collegato" or "collegata" is not recorded


def minutes_heading(meeting: MeetingData) -> str:
    """ "Verbale n. 02/2026 del Tavolo provinciale": the number is read with its series, as
    two tables of one body are numbered independently."""
    heading = f"Verbale n. {meeting.number}"
    return f"{heading} {meeting.series_name}" if meeting.series_name else heading


def session_title(meeting: MeetingData) -> str:
    """ "Verbale n. 07/2026 del Tavolo provinciale – Tavolo Unico… – seduta dell'11/05/2026"."""
    return f"{minutes_heading(meeting)} – {meeting.title} – seduta {on_date('di', meeting.held_on)}"


# Where a meeting is held is typed freely: "Sala consiliare, Provincia di Varese", "la sede
# del CPI", "Via Roma 1". "presso" needs the article of the noun that follows; for the nouns a
# place usually starts with it is known, for anything else the place is introduced as a label.
_LEADING_WORDS = ("presso ", "c/o ", "in ", "nella ", "nel ", "nello ", "nell'", "a ", "al ",
                  "alla ", "all'", "da ", "online", "on line", "su ")  # fmt: skip
_ARTICLES = ("il ", "lo ", "la ", "i ", "gli ", "le ", "l'", "l’")
_ADDRESSES = ("via ", "viale ", "piazza ", "piazzale ", "corso ", "largo ", "vicolo ")
_NOUN_ARTICLES = {
    "sala": "la", "sede": "la", "biblioteca": "la", "provincia": "la", "villa": "la",
    "casa": "la", "scuola": "la", "cooperativa": "la", "regione": "la", "camera": "la",
    "residenza": "la", "parrocchia": "la", "struttura": "la", "palestra": "la",
    "palazzo": "il", "comune": "il", "municipio": "il", "centro": "il", "consorzio": "il",
    "teatro": "il", "salone": "il", "cpi": "il", "polo": "il", "castello": "il",
    "ufficio": "l'", "aula": "l'", "auditorium": "l'", "ambito": "l'", "istituto": "l'",
    "oratorio": "l'", "ente": "l'", "ospedale": "l'", "azienda": "l'",
}  # fmt: skip


def at_place(place: str) -> str:
    """The place after a verb: "presso la Sala consiliare", "in Via Roma 1", or, for a place
    whose first noun is not known, "presso la sede: Cascina Rossi"."""
    text = place.strip()
    lower = text.lower()
    if not text:
        return ""
    if lower.startswith(_LEADING_WORDS):
        return text
    if lower.startswith(_ARTICLES):
        return f"presso {text[0].lower()}{text[1:]}"
    if lower.startswith(_ADDRESSES):
        return f"in {text}"
    first = lower.replace(",", " ").split(" ", 1)[0]
    article = _NOUN_ARTICLES.get(first)
    if article is None:
        return f"presso la sede: {text}"
    joint = "" if article.endswith("'") else " "
    return f"presso {article}{joint}{text}"


def project_line(meeting: MeetingData) -> str:
    parts = []
    if meeting.project_title:
        parts.append(f"Progetto: {escape(meeting.project_title)}")
    if meeting.project_cup:
        parts.append(f"CUP: <b>{escape(meeting.project_cup)}</b>")
    return " – ".join(parts)


def time_range(meeting: MeetingData) -> str:
    start, end = format_time(meeting.start_time), format_time(meeting.end_time)
    if start and end:
        return f"dalle ore {start} alle ore {end}"
    if start:
        return f"dalle ore {start}"
    return f"fino alle ore {end}" if end else ""


def place_and_mode(meeting: MeetingData) -> str:
    mode = it_label(meeting.mode).lower()
    return f"{meeting.place} ({mode})" if meeting.place else mode.capitalize()


def convocation(meeting: MeetingData) -> str:
    """ "Convocata dal Presidente con nota prot. n. 14587 del 13/11/2026"."""
    parts = []
    if meeting.convened_by:
        parts.append(f"convocata {by_whom(meeting.convened_by)}")
    if meeting.convocation_protocol:
        parts.append(f"con nota prot. n. {protocol_number(meeting.convocation_protocol)}")
    elif meeting.convocation_on is not None:
        parts.append("con nota")
    if meeting.convocation_on is not None:
        parts.append(on_date("di", meeting.convocation_on))
    text = " ".join(parts)
    return text[:1].upper() + text[1:] if text else ""


def protocol_reference(number: str, on: date | None) -> str:
    """ "prot. n. 1234 del 12/05/2026"; the date is never left out when it is known."""
    if not number.strip():
        return ""
    text = f"prot. n. {protocol_number(number)}"
    return f"{text} {on_date('di', on)}" if on is not None else text


def previous_minutes_note(meeting: MeetingData) -> str:
    """ "n. 01/2026 della seduta dell'11/05/2026": the minutes the first item approves."""
    if not meeting.previous_minutes_number:
        return ""
    note = f"n. {meeting.previous_minutes_number}"
    if meeting.previous_minutes_on is not None:
        note += f" della seduta {on_date('di', meeting.previous_minutes_on)}"
    return note


def chair_title(meeting: MeetingData) -> str:
    """ "La Presidente" when the convocation says so, else the customary "Il Presidente"."""
    if meeting.convened_by.strip().lower().startswith("la presidente"):
        return "La Presidente"
    return "Il Presidente"


def protocol_number(text: str) -> str:
    return without_prefix(text, "prot. n.", "prot.n.", "prot. n", "prot.", "n.")


def by_name(participants: Iterable[ParticipantData]) -> list[ParticipantData]:
    return sorted(participants, key=lambda row: normalise_search_text(row.full_name))


def group_by_organization(
    participants: Iterable[ParticipantData],
) -> list[tuple[str, list[ParticipantData]]]:
    """Participants by organisation (alphabetical), those without one last."""
    groups: dict[str, list[ParticipantData]] = {}
    for participant in participants:
        groups.setdefault(participant.organization_name.strip(), []).append(participant)
    ordered = sorted((name for name in groups if name), key=normalise_search_text)
    result = [(name, by_name(groups[name])) for name in ordered]
    if "" in groups:
        result.append((NO_ORGANIZATION, by_name(groups[""])))
    return result


def participant_line(participant: ParticipantData, *, with_attendance: bool = True) -> str:
    """Name, role and how they took part, as Paragraph markup."""
    text = f"<b>{escape(participant.full_name)}</b>"
    if participant.role:
        text += f", {escape(participant.role)}"
    notes = []
    if with_attendance and participant.attendance is Attendance.REMOTE:
        notes.append(REMOTE)
    if participant.proxy_for:
        notes.append(f"su delega di {escape(participant.proxy_for)}")
    arrival, leaving = format_time(participant.time_in), format_time(participant.time_out)
    if with_attendance and arrival:
        notes.append(f"entrata {arrival}")
    if with_attendance and leaving:
        notes.append(f"uscita {leaving}")
    if notes:
        text += f" ({'; '.join(notes)})"
    return text


def organization_table(
    groups: Sequence[tuple[str, list[ParticipantData]]],
    width: float,
    *,
    heading: str,
    with_attendance: bool = True,
) -> Flowable:
    """One row per person, the organisation's name on the first of its rows: rows this small
    never split inside (ReportLab's split inside a tall row repeated the header mid-page)."""
    rows: list[list[object]] = []
    rules: list[int] = []
    for organization, members in groups:
        for index, member in enumerate(members):
            rows.append(
                [
                    Paragraph(escape(organization) if index == 0 else "", CELL_BOLD),
                    Paragraph(participant_line(member, with_attendance=with_attendance), CELL),
                ]
            )
        rules.append(len(rows) - 1)
    table = data_table(
        ["Ente", heading],
        rows,
        [width * 0.36, width * 0.64],
        rules_after=rules,
        split_in_row=False,
    )
    # The people of one organisation read as one block: padding only around the block, and
    # a block that fits on a page is not split (its name would not be repeated).
    firsts = [0] + [rule + 1 for rule in rules[:-1]]
    commands: list[tuple[object, ...]] = []
    for first, last in zip(firsts, rules, strict=True):
        if 0 < last - first < UNSPLIT_GROUP_ROWS:
            # The name spans the block: a name on two lines no longer opens a gap under its
            # first person.
            commands.append(("NOSPLIT", (0, first + 1), (-1, last + 1)))
            commands.append(("SPAN", (0, first + 1), (0, last + 1)))
        elif last == first:
            commands.append(("NOSPLIT", (0, first + 1), (-1, last + 1)))
    for row in range(len(rows)):
        if row not in firsts:
            commands.append(("TOPPADDING", (0, row + 1), (-1, row + 1), 0.5))
        if row not in rules:
            commands.append(("BOTTOMPADDING", (0, row + 1), (-1, row + 1), 0.5))
    table.setStyle(table_style(commands))
    return table
