"""Inputs, outputs, limits and the agenda templates of meetings and minutes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time

from desktop.domain.codes import (
    ActionItemStatus,
    Attendance,
    MeetingMode,
    MeetingType,
    MinutesStatus,
    VoteKind,
)

TITLE_MAX = 300
NAME_MAX = 200
ROLE_MAX = 120
PROTOCOL_MAX = 60
TEXT_MAX = 20_000
ACTION_MAX = 2_000
ATTACHMENT_NAME_MAX = 200
CORRECTION_REASON_MIN = 5

FIRST_ITEM = "Approvazione del verbale della seduta precedente"
# How the first item read before it was worded in full (stored agendas, older demo data).
FIRST_ITEM_SHORT = "Approvazione verbale seduta precedente"
COMMUNICATIONS_ITEM = "Comunicazioni"
LAST_ITEM = "Varie ed eventuali"

# The default ordine del giorno of each meeting type: Italian practice opens with the approval
# of the previous minutes (left out when the table has none yet: ``default_agenda``) and
# communications and closes with "varie ed eventuali".
AGENDA_TEMPLATES: Mapping[MeetingType, tuple[str, ...]] = {
    MeetingType.PROVINCIAL_TABLE: (
        FIRST_ITEM,
        COMMUNICATIONS_ITEM,
        "Monitoraggio delle segnalazioni NEET e del Collocamento mirato",
        "Aggiornamento sui progetti di co-progettazione",
        LAST_ITEM,
    ),
    MeetingType.CO_DESIGN_TABLE: (
        FIRST_ITEM,
        COMMUNICATIONS_ITEM,
        "Stato di avanzamento delle attività del progetto",
        "Risorse e rendicontazione",
        LAST_ITEM,
    ),
    MeetingType.TEAM: (
        FIRST_ITEM,
        COMMUNICATIONS_ITEM,
        "Aggiornamento sui percorsi in corso (per numero di segnalazione)",
        LAST_ITEM,
    ),
    MeetingType.LOCAL_NETWORK: (
        FIRST_ITEM,
        COMMUNICATIONS_ITEM,
        "Aggiornamento dai servizi della rete territoriale",
        LAST_ITEM,
    ),
    MeetingType.OTHER: (FIRST_ITEM, COMMUNICATIONS_ITEM, LAST_ITEM),
}

PRESENT = (Attendance.PRESENT, Attendance.REMOTE)


def default_agenda(meeting_type: MeetingType, *, previous_minutes: bool = True) -> tuple[str, ...]:
    """The type's template; without minutes of an earlier session there are none to approve."""
    template = AGENDA_TEMPLATES[meeting_type]
    if previous_minutes:
        return template
    return tuple(title for title in template if title != FIRST_ITEM)


def is_previous_minutes_item(title: str) -> bool:
    """Whether an item of the ordine del giorno is the approval of the previous minutes."""
    words = " ".join(title.lower().split())
    return words in (FIRST_ITEM.lower(), FIRST_ITEM_SHORT.lower())


@dataclass(frozen=True)
class MeetingInput:
    meeting_type: MeetingType
    title: str
    held_on: date | None
    project_id: str | None = None
    convened_by: str = ""
    convocation_protocol: str = ""
    convocation_on: date | None = None
    protocol_number: str = ""
    mode: MeetingMode = MeetingMode.IN_PERSON
    place: str = ""
    start_time: time | None = None
    end_time: time | None = None
    chair_name: str = ""
    secretary_name: str = ""
    next_meeting_on: date | None = None
    next_meeting_place: str = ""
    next_meeting_topics: str = ""
    attachments: tuple[str, ...] = ()  # names only, never scans of documents
    # The site whose name heads the meeting's documents ("": this PC's site when created);
    # with the meeting type (and a co-design table's project) and the year it is the series
    # the minutes are numbered in.
    convening_site: str = ""
    protocol_on: date | None = None  # the date of protocol_number


MEETING_FIELDS = tuple(field.name for field in fields(MeetingInput))


@dataclass(frozen=True)
class ParticipantInput:
    full_name: str  # "Cognome Nome", as on the attendance sheet
    organization_name: str = ""
    role: str = ""
    organization_id: str | None = None
    contact_id: str | None = None
    attendance: Attendance = Attendance.INVITED
    time_in: time | None = None
    time_out: time | None = None
    proxy_for: str = ""  # whom the participant stands in for (delega)


PARTICIPANT_FIELDS = tuple(field.name for field in fields(ParticipantInput))


@dataclass(frozen=True)
class ParticipantRow(ParticipantInput):
    id: str = ""


@dataclass(frozen=True)
class AgendaItemInput:
    title: str
    summary: str = ""
    decision: str = ""
    vote: VoteKind = VoteKind.NONE
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None


AGENDA_FIELDS = tuple(field.name for field in fields(AgendaItemInput))


@dataclass(frozen=True)
class AgendaItemRow(AgendaItemInput):
    id: str = ""
    position: int = 0


@dataclass(frozen=True)
class ActionItemInput:
    description: str
    owner_name: str = ""
    owner_contact_id: str | None = None
    organization_name: str = ""
    organization_id: str | None = None
    due_on: date | None = None
    agenda_item_id: str | None = None


ACTION_FIELDS = tuple(field.name for field in fields(ActionItemInput))


@dataclass(frozen=True)
class ActionItemRow(ActionItemInput):
    id: str = ""
    status: ActionItemStatus = ActionItemStatus.OPEN
    closed_on: date | None = None


@dataclass(frozen=True)
class MeetingRow:
    id: str
    number: str
    meeting_type: MeetingType
    title: str
    held_on: date
    project_id: str | None
    project_title: str
    minutes_status: MinutesStatus
    version: int
    owner_site: str
    convening_site_name: str = ""  # the body that convened it (of the series), by name


@dataclass(frozen=True)
class MeetingDetail(MeetingInput):
    id: str = ""
    number: str = ""
    minutes_status: MinutesStatus = MinutesStatus.DRAFT
    approved_in_meeting_on: date | None = None
    approved_at: datetime | None = None
    version: int = 1
    previous_version_id: str | None = None
    correction_reason: str = ""
    superseded: bool = False  # a later version of these minutes exists
    owner_site: str = ""
    project_title: str = ""
    project_cup: str = ""
    convening_site_name: str = ""
    # The printed words of the series and of the opening (resources/documents/minutes.json):
    # "del Tavolo provinciale"; "Constatata la presenza del numero legale (…)…".
    series_name: str = ""
    opening_formula: str = ""
    # The minutes of the table's session before this one, approved in this one's first item.
    previous_minutes_number: str = ""
    previous_minutes_on: date | None = None
    participants: tuple[ParticipantRow, ...] = ()
    agenda: tuple[AgendaItemRow, ...] = ()
    actions: tuple[ActionItemRow, ...] = ()


@dataclass(frozen=True)
class OpenActionRow:
    id: str
    meeting_id: str
    meeting_number: str
    meeting_title: str
    held_on: date
    description: str
    owner_name: str
    organization_name: str
    due_on: date | None
    overdue: bool
