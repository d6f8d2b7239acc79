"""Meetings and their minutes (verbale): participants, agenda, decisions, action items.

DOMAIN.md §4. A meeting and everything in it belong to the site that created it. Minutes are
numbered "NN/AAAA" per year and per site. Approved minutes are read-only: a correction is a new
draft version that points back to the approved one and copies its content. The follow-up of an
action item (closing or reopening it) is not part of the minutes' text (the printed table has no
status column) and stays possible after approval, or the open-actions view could never empty.
Minutes carry no personal data of beneficiaries: ``privacy_warnings_for_minutes`` looks for
codici fiscali and for the names of persons with a referral.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import TypeVar

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.codes import (
    ActionItemStatus,
    Attendance,
    MeetingMode,
    MeetingType,
    MinutesStatus,
    VoteKind,
)
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.directory import load_contact
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.store.base import Synced, utcnow
from desktop.store.engine import Store
from desktop.store.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingParticipant,
    Organization,
    Person,
    Project,
    Referral,
)

TITLE_MAX = 300
NAME_MAX = 200
ROLE_MAX = 120
PROTOCOL_MAX = 60
TEXT_MAX = 20_000
ACTION_MAX = 2_000
ATTACHMENT_NAME_MAX = 200
CORRECTION_REASON_MIN = 5

FIRST_ITEM = "Approvazione verbale seduta precedente"
COMMUNICATIONS_ITEM = "Comunicazioni"
LAST_ITEM = "Varie ed eventuali"

# The default ordine del giorno of each meeting type: Italian practice opens with the approval
# of the previous minutes and communications and closes with "varie ed eventuali".
AGENDA_TEMPLATES: Mapping[MeetingType, tuple[str, ...]] = {
    MeetingType.PROVINCIAL_TABLE: (
        FIRST_ITEM,
        COMMUNICATIONS_ITEM,
        "Monitoraggio delle segnalazioni NEET e del Collocamento Mirato",
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


def default_agenda(meeting_type: MeetingType) -> tuple[str, ...]:
    return AGENDA_TEMPLATES[meeting_type]


# --- inputs and outputs ----------------------------------------------------------------------


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


# --- loading and guards --------------------------------------------------------------------

_Child = TypeVar("_Child", bound=Synced)


def _load_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise NotFoundError("Riunione non trovata: potrebbe essere stata eliminata.")
    return meeting


def _is_superseded(session: Session, meeting_id: str) -> bool:
    return (
        session.scalar(
            select(Meeting.id).where(
                Meeting.previous_version_id == meeting_id, Meeting.deleted.is_(False)
            )
        )
        is not None
    )


def _owned_meeting(session: Session, actor: Actor, meeting_id: str) -> Meeting:
    meeting = _load_meeting(session, meeting_id)
    v.ensure_owned(
        meeting.owner_site,
        actor.site_code,
        "La riunione è gestita da un'altra sede: può modificarla solo quella sede.",
    )
    return meeting


def _editable_meeting(session: Session, actor: Actor, meeting_id: str) -> Meeting:
    """A draft of this site's minutes; approved minutes are read-only."""
    meeting = _owned_meeting(session, actor, meeting_id)
    if meeting.minutes_status is not MinutesStatus.DRAFT:
        raise NotAllowedError(
            f"Il verbale n. {meeting.number} è approvato e non può più essere modificato: "
            "per correggerlo crearne una nuova versione."
        )
    return meeting


def _load_child(session: Session, model: type[_Child], child_id: str, message: str) -> _Child:
    child = session.get(model, child_id)
    if child is None or child.deleted:
        raise NotFoundError(message)
    return child


def _editable_child(
    session: Session, actor: Actor, model: type[_Child], child_id: str, message: str
) -> tuple[Meeting, _Child]:
    child = _load_child(session, model, child_id, message)
    meeting = _editable_meeting(session, actor, child.meeting_id)  # type: ignore[attr-defined]
    return meeting, child


def _live_children(session: Session, model: type[_Child], meeting_id: str) -> list[_Child]:
    return list(
        session.scalars(
            select(model).where(
                model.meeting_id == meeting_id,  # type: ignore[attr-defined]
                model.deleted.is_(False),
            )
        )
    )


def _agenda(session: Session, meeting_id: str) -> list[AgendaItem]:
    return sorted(_live_children(session, AgendaItem, meeting_id), key=lambda item: item.position)


def _ordered_actions(
    session: Session, meeting_id: str, agenda: Sequence[AgendaItem]
) -> list[ActionItem]:
    """The order of the printed actions table: by agenda item, then as they were added."""
    positions = {item.id: item.position for item in agenda}
    return sorted(
        _live_children(session, ActionItem, meeting_id),
        key=lambda row: (
            positions.get(row.agenda_item_id or "", len(positions) + 1),
            row.created_at,
        ),
    )


def _participant_row(participant: MeetingParticipant) -> ParticipantRow:
    values = {name: getattr(participant, name) for name in PARTICIPANT_FIELDS}
    return ParticipantRow(**values, id=participant.id)


def _agenda_row(item: AgendaItem) -> AgendaItemRow:
    values = {name: getattr(item, name) for name in AGENDA_FIELDS}
    return AgendaItemRow(**values, id=item.id, position=item.position)


def _action_row(action: ActionItem) -> ActionItemRow:
    values = {name: getattr(action, name) for name in ACTION_FIELDS}
    return ActionItemRow(**values, id=action.id, status=action.status, closed_on=action.closed_on)


def _detail(session: Session, meeting: Meeting) -> MeetingDetail:
    project_title = project_cup = ""
    if meeting.project_id is not None:
        project = session.get(Project, meeting.project_id)
        if project is not None:
            project_title, project_cup = project.title, project.cup
    values: dict[str, object] = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    values["attachments"] = tuple(meeting.attachments or ())
    agenda = _agenda(session, meeting.id)
    participants = sorted(
        _live_children(session, MeetingParticipant, meeting.id),
        key=lambda row: (
            normalise_search_text(row.organization_name),
            normalise_search_text(row.full_name),
        ),
    )
    actions = _ordered_actions(session, meeting.id, agenda)
    return MeetingDetail(
        **values,  # type: ignore[arg-type]
        id=meeting.id,
        number=meeting.number,
        minutes_status=meeting.minutes_status,
        approved_in_meeting_on=meeting.approved_in_meeting_on,
        approved_at=meeting.approved_at,
        version=meeting.version,
        previous_version_id=meeting.previous_version_id,
        correction_reason=meeting.correction_reason,
        superseded=_is_superseded(session, meeting.id),
        owner_site=meeting.owner_site,
        project_title=project_title,
        project_cup=project_cup,
        participants=tuple(_participant_row(row) for row in participants),
        agenda=tuple(_agenda_row(item) for item in agenda),
        actions=tuple(_action_row(action) for action in actions),
    )


# --- meetings ------------------------------------------------------------------------------


def _time_order(errors: v.Errors, field: str, start: time | None, end: time | None) -> None:
    if start is not None and end is not None and end < start:
        errors.setdefault(field, "L'ora di fine non può precedere l'ora di inizio.")


def _check_meeting(session: Session, data: MeetingInput) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "meeting_type", data.meeting_type, "Tipo di riunione")
    v.required(errors, "title", data.title, "Titolo")
    v.required(errors, "held_on", data.held_on, "Data della seduta")
    v.max_length(errors, "title", data.title, TITLE_MAX, "Titolo")
    v.max_length(errors, "convened_by", data.convened_by, NAME_MAX, "Convocata da")
    v.max_length(
        errors,
        "convocation_protocol",
        data.convocation_protocol,
        PROTOCOL_MAX,
        "Protocollo della convocazione",
    )
    v.max_length(errors, "protocol_number", data.protocol_number, PROTOCOL_MAX, "Protocollo")
    v.max_length(errors, "place", data.place, NAME_MAX, "Luogo")
    v.max_length(errors, "chair_name", data.chair_name, NAME_MAX, "Presidente")
    v.max_length(
        errors, "secretary_name", data.secretary_name, NAME_MAX, "Segretario verbalizzante"
    )
    v.max_length(
        errors, "next_meeting_place", data.next_meeting_place, NAME_MAX, "Luogo prossima riunione"
    )
    v.max_length(
        errors,
        "next_meeting_topics",
        data.next_meeting_topics,
        TEXT_MAX,
        "Argomenti della prossima riunione",
    )
    _time_order(errors, "end_time", data.start_time, data.end_time)
    v.date_order(
        errors,
        "held_on",
        data.convocation_on,
        data.held_on,
        "Data della convocazione",
        "Data della seduta",
    )
    if data.held_on is not None:
        v.date_not_before(
            errors,
            "next_meeting_on",
            data.next_meeting_on,
            data.held_on,
            "Data della prossima riunione",
            limit_label="alla data della seduta",
        )
    for name in data.attachments:
        v.required(errors, "attachments", name, "Allegato")
        v.max_length(errors, "attachments", name, ATTACHMENT_NAME_MAX, "Allegato")
    if data.project_id is not None:
        project = session.get(Project, data.project_id)
        if project is None or project.deleted:
            errors.setdefault("project_id", "Il progetto indicato non esiste più.")
    v.raise_if(errors)
    values: dict[str, object] = {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in ((name, getattr(data, name)) for name in MEETING_FIELDS)
    }
    values["attachments"] = [name.strip() for name in data.attachments]
    return values


def _next_number(session: Session, site: str, year: int) -> str:
    """The next "NN/AAAA" of the site's minutes; numbers of deleted meetings are not reused.

    Two PCs of one site numbering offline can collide; the sync conflict shows it to a person.
    """
    taken = session.scalars(
        select(Meeting.number).where(Meeting.owner_site == site, Meeting.number.like(f"%/{year}"))
    )
    highest = 0
    for number in taken:
        head = number.split("/", 1)[0]
        if head.isdigit():
            highest = max(highest, int(head))
    return f"{highest + 1:02d}/{year}"


def _new_agenda_item(meeting: Meeting, actor: Actor, position: int, title: str) -> AgendaItem:
    item = AgendaItem(meeting_id=meeting.id, position=position, title=title)
    stamp_change(item, actor=actor, new=True)
    return item


def create_meeting(
    store: Store, *, actor: Actor, data: MeetingInput, agenda: Sequence[str] | None = None
) -> MeetingDetail:
    """A draft meeting whose ordine del giorno is ``agenda`` or its type's template."""
    titles = [
        title.strip() for title in (default_agenda(data.meeting_type) if agenda is None else agenda)
    ]
    with store.write() as session:
        values = _check_meeting(session, data)
        errors: v.Errors = {}
        for title in titles:
            v.required(errors, "agenda", title, "Punto all'ordine del giorno")
            v.max_length(errors, "agenda", title, TITLE_MAX, "Punto all'ordine del giorno")
        v.raise_if(errors)
        assert data.held_on is not None  # checked above; narrows the type
        meeting = Meeting(
            **values, number=_next_number(session, actor.site_code, data.held_on.year)
        )
        stamp_change(meeting, actor=actor, new=True)
        session.add(meeting)
        session.flush()
        session.add_all(
            _new_agenda_item(meeting, actor, position, title)
            for position, title in enumerate(titles, start=1)
        )
        session.flush()
        record_audit(session, actor=actor, action="create", entity="meeting", entity_id=meeting.id)
        return _detail(session, meeting)


def update_meeting(
    store: Store, *, actor: Actor, meeting_id: str, data: MeetingInput
) -> MeetingDetail:
    with store.write() as session:
        meeting = _editable_meeting(session, actor, meeting_id)
        values = _check_meeting(session, data)
        old_year = meeting.held_on.year
        for name, value in values.items():
            setattr(meeting, name, value)
        # A first version moved to another year takes that year's next number; a correction
        # keeps the number of the minutes it corrects.
        if meeting.version == 1 and meeting.held_on.year != old_year:
            meeting.number = _next_number(session, meeting.owner_site, meeting.held_on.year)
        stamp_change(meeting, actor=actor)
        record_audit(session, actor=actor, action="update", entity="meeting", entity_id=meeting.id)
        return _detail(session, meeting)


def delete_meeting(store: Store, *, actor: Actor, meeting_id: str) -> None:
    """Tombstone a draft and its content; deleting a correction brings back the approved one."""
    with store.write() as session:
        meeting = _editable_meeting(session, actor, meeting_id)
        meeting.deleted = True
        stamp_change(meeting, actor=actor)
        child_models: tuple[type[Synced], ...] = (MeetingParticipant, AgendaItem, ActionItem)
        for model in child_models:
            for child in _live_children(session, model, meeting.id):
                child.deleted = True
                stamp_change(child, actor=actor)
        record_audit(session, actor=actor, action="delete", entity="meeting", entity_id=meeting.id)


def get_meeting(store: Store, meeting_id: str) -> MeetingDetail:
    with store.read() as session:
        return _detail(session, _load_meeting(session, meeting_id))


def list_meetings(
    store: Store,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    meeting_type: MeetingType | None = None,
    project_id: str | None = None,
    minutes_status: MinutesStatus | None = None,
    text: str = "",
    include_superseded: bool = False,
    limit: int | None = None,
) -> list[MeetingRow]:
    """Newest first; by default only the latest version of each set of minutes."""
    later = aliased(Meeting)
    query = (
        select(Meeting, Project.title)
        .outerjoin(Project, Project.id == Meeting.project_id)
        .where(Meeting.deleted.is_(False))
        .order_by(Meeting.held_on.desc(), Meeting.created_at.desc())
    )
    if not include_superseded:
        query = query.where(
            ~exists().where(later.previous_version_id == Meeting.id, later.deleted.is_(False))
        )
    if date_from is not None:
        query = query.where(Meeting.held_on >= date_from)
    if date_to is not None:
        query = query.where(Meeting.held_on <= date_to)
    if meeting_type is not None:
        query = query.where(Meeting.meeting_type == meeting_type)
    if project_id is not None:
        query = query.where(Meeting.project_id == project_id)
    if minutes_status is not None:
        query = query.where(Meeting.minutes_status == minutes_status)
    needle = normalise_search_text(text)
    rows: list[MeetingRow] = []
    with store.read() as session:
        for meeting, project_title in session.execute(query):
            haystack = f"{meeting.number} | {meeting.title} | {meeting.place} | {project_title}"
            if needle and needle not in normalise_search_text(haystack):
                continue
            rows.append(
                MeetingRow(
                    id=meeting.id,
                    number=meeting.number,
                    meeting_type=meeting.meeting_type,
                    title=meeting.title,
                    held_on=meeting.held_on,
                    project_id=meeting.project_id,
                    project_title=project_title or "",
                    minutes_status=meeting.minutes_status,
                    version=meeting.version,
                    owner_site=meeting.owner_site,
                )
            )
            if limit is not None and len(rows) >= limit:
                break
    return rows


# --- participants --------------------------------------------------------------------------


def _check_participant(data: ParticipantInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "full_name", data.full_name, "Cognome e nome")
    v.max_length(errors, "full_name", data.full_name, NAME_MAX, "Cognome e nome")
    v.max_length(errors, "organization_name", data.organization_name, NAME_MAX, "Ente")
    v.max_length(errors, "role", data.role, ROLE_MAX, "Ruolo")
    v.max_length(errors, "proxy_for", data.proxy_for, NAME_MAX, "Delega per")
    v.required(errors, "attendance", data.attendance, "Presenza")
    _time_order(errors, "time_out", data.time_in, data.time_out)
    if data.attendance not in PRESENT:
        if data.time_in is not None or data.time_out is not None:
            errors.setdefault(
                "time_in", "Gli orari di entrata e di uscita si indicano solo per chi è presente."
            )
        if data.proxy_for.strip():
            errors.setdefault("proxy_for", "La delega si indica solo per chi è presente.")
    v.raise_if(errors)


def _apply_participant(participant: MeetingParticipant, data: ParticipantInput) -> None:
    for name in PARTICIPANT_FIELDS:
        value = getattr(data, name)
        setattr(participant, name, value.strip() if isinstance(value, str) else value)


def invite_contacts(
    store: Store, *, actor: Actor, meeting_id: str, contact_ids: Iterable[str]
) -> list[ParticipantRow]:
    """Invite directory contacts, copying name, organisation and role as they are today.

    The copy keeps the minutes true to the day even if the contact later changes job.
    Contacts already invited are skipped; the rows added are returned.
    """
    with store.write() as session:
        meeting = _editable_meeting(session, actor, meeting_id)
        already = {
            participant.contact_id
            for participant in _live_children(session, MeetingParticipant, meeting.id)
        }
        added: list[MeetingParticipant] = []
        for contact_id in dict.fromkeys(contact_ids):
            if contact_id in already:
                continue
            contact = load_contact(session, contact_id)
            organization_name = ""
            if contact.organization_id is not None:
                organization = session.get(Organization, contact.organization_id)
                organization_name = organization.name if organization is not None else ""
            participant = MeetingParticipant(
                meeting_id=meeting.id,
                contact_id=contact.id,
                organization_id=contact.organization_id,
                full_name=f"{contact.last_name} {contact.first_name}",
                organization_name=organization_name,
                role=contact.role,
                attendance=Attendance.INVITED,
            )
            stamp_change(participant, actor=actor, new=True)
            session.add(participant)
            added.append(participant)
        session.flush()
        return [_participant_row(participant) for participant in added]


def add_participant(
    store: Store, *, actor: Actor, meeting_id: str, data: ParticipantInput
) -> ParticipantRow:
    """A participant typed by hand (a walk-in, someone not in the directory)."""
    _check_participant(data)
    with store.write() as session:
        meeting = _editable_meeting(session, actor, meeting_id)
        participant = MeetingParticipant(meeting_id=meeting.id)
        _apply_participant(participant, data)
        stamp_change(participant, actor=actor, new=True)
        session.add(participant)
        session.flush()
        return _participant_row(participant)


def update_participant(
    store: Store, *, actor: Actor, participant_id: str, data: ParticipantInput
) -> ParticipantRow:
    _check_participant(data)
    with store.write() as session:
        _meeting, participant = _editable_child(
            session, actor, MeetingParticipant, participant_id, "Partecipante non trovato."
        )
        _apply_participant(participant, data)
        stamp_change(participant, actor=actor)
        return _participant_row(participant)


def set_attendance(
    store: Store,
    *,
    actor: Actor,
    participant_id: str,
    attendance: Attendance,
    time_in: time | None = None,
    time_out: time | None = None,
    proxy_for: str = "",
) -> ParticipantRow:
    """Record presence, times and proxy; name, organisation and role stay as they are."""
    with store.write() as session:
        _meeting, participant = _editable_child(
            session, actor, MeetingParticipant, participant_id, "Partecipante non trovato."
        )
        data = ParticipantInput(
            full_name=participant.full_name,
            organization_name=participant.organization_name,
            role=participant.role,
            organization_id=participant.organization_id,
            contact_id=participant.contact_id,
            attendance=attendance,
            time_in=time_in,
            time_out=time_out,
            proxy_for=proxy_for,
        )
        _check_participant(data)
        _apply_participant(participant, data)
        stamp_change(participant, actor=actor)
        return _participant_row(participant)


def remove_participant(store: Store, *, actor: Actor, participant_id: str) -> None:
    with store.write() as session:
        _meeting, participant = _editable_child(
            session, actor, MeetingParticipant, participant_id, "Partecipante non trovato."
        )
        participant.deleted = True
        stamp_change(participant, actor=actor)


# --- agenda --------------------------------------------------------------------------------


def _check_agenda_item(data: AgendaItemInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "title", data.title, "Punto all'ordine del giorno")
    v.max_length(errors, "title", data.title, TITLE_MAX, "Punto all'ordine del giorno")
    v.max_length(errors, "summary", data.summary, TEXT_MAX, "Sintesi della discussione")
    v.max_length(errors, "decision", data.decision, TEXT_MAX, "Decisione")
    v.required(errors, "vote", data.vote, "Votazione")
    counts = (
        ("votes_for", data.votes_for, "Favorevoli"),
        ("votes_against", data.votes_against, "Contrari"),
        ("votes_abstained", data.votes_abstained, "Astenuti"),
    )
    for field, count, label in counts:
        v.not_negative(errors, field, count, label)
    if data.vote is VoteKind.NONE:
        for field, count, _label in counts:
            if count is not None:
                errors.setdefault(
                    field, "Il numero dei voti si indica solo quando c'è una votazione."
                )
    else:
        v.required(errors, "decision", data.decision, "Decisione")
    if data.vote is VoteKind.UNANIMOUS and data.votes_against:
        errors.setdefault("votes_against", "Con l'unanimità non possono esserci voti contrari.")
    if data.vote is VoteKind.MAJORITY:
        v.required(errors, "votes_for", data.votes_for, "Favorevoli")
        if (
            "votes_for" not in errors
            and "votes_against" not in errors
            and (data.votes_for or 0) <= (data.votes_against or 0)
        ):
            errors["votes_for"] = (
                "Con una decisione a maggioranza i favorevoli devono essere più dei contrari."
            )
    v.raise_if(errors)


def _apply_agenda_item(item: AgendaItem, data: AgendaItemInput) -> None:
    for name in AGENDA_FIELDS:
        value = getattr(data, name)
        setattr(item, name, value.strip() if isinstance(value, str) else value)


def _renumber(items: Sequence[AgendaItem], actor: Actor) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            stamp_change(item, actor=actor)


def add_agenda_item(
    store: Store,
    *,
    actor: Actor,
    meeting_id: str,
    data: AgendaItemInput,
    position: int | None = None,
) -> AgendaItemRow:
    """Insert at ``position`` (1-based); by default before a closing "Varie ed eventuali"."""
    _check_agenda_item(data)
    with store.write() as session:
        meeting = _editable_meeting(session, actor, meeting_id)
        items = _agenda(session, meeting.id)
        if position is None:
            closing = bool(items) and normalise_search_text(items[-1].title) == (
                normalise_search_text(LAST_ITEM)
            )
            index = len(items) - 1 if closing else len(items)
        else:
            if not 1 <= position <= len(items) + 1:
                raise ValidationError(
                    {"position": f"La posizione deve essere un numero tra 1 e {len(items) + 1}."}
                )
            index = position - 1
        item = _new_agenda_item(meeting, actor, index + 1, data.title.strip())
        _apply_agenda_item(item, data)
        session.add(item)
        items.insert(index, item)
        _renumber(items, actor)
        session.flush()
        return _agenda_row(item)


def update_agenda_item(
    store: Store, *, actor: Actor, agenda_item_id: str, data: AgendaItemInput
) -> AgendaItemRow:
    """Title, summary of the discussion, decision and vote of one item."""
    _check_agenda_item(data)
    with store.write() as session:
        _meeting, item = _editable_child(
            session, actor, AgendaItem, agenda_item_id, "Punto all'ordine del giorno non trovato."
        )
        _apply_agenda_item(item, data)
        stamp_change(item, actor=actor)
        return _agenda_row(item)


def reorder_agenda(
    store: Store, *, actor: Actor, meeting_id: str, agenda_item_ids: Sequence[str]
) -> list[AgendaItemRow]:
    """Renumber the ordine del giorno in the order given, which must list every item once."""
    with store.write() as session:
        meeting = _editable_meeting(session, actor, meeting_id)
        items = {item.id: item for item in _agenda(session, meeting.id)}
        if len(agenda_item_ids) != len(items) or set(agenda_item_ids) != set(items):
            raise ValidationError(
                {
                    "agenda": "Il nuovo ordine deve comprendere tutti i punti dell'ordine del "
                    "giorno, una volta sola."
                }
            )
        ordered = [items[item_id] for item_id in agenda_item_ids]
        _renumber(ordered, actor)
        return [_agenda_row(item) for item in ordered]


def remove_agenda_item(store: Store, *, actor: Actor, agenda_item_id: str) -> None:
    """Tombstone an item; its action items stay in the minutes, no longer tied to a point."""
    with store.write() as session:
        meeting, item = _editable_child(
            session, actor, AgendaItem, agenda_item_id, "Punto all'ordine del giorno non trovato."
        )
        item.deleted = True
        stamp_change(item, actor=actor)
        for action in _live_children(session, ActionItem, meeting.id):
            if action.agenda_item_id == item.id:
                action.agenda_item_id = None
                stamp_change(action, actor=actor)
        _renumber([other for other in _agenda(session, meeting.id) if other.id != item.id], actor)


# --- action items --------------------------------------------------------------------------


def _checked_action_values(
    session: Session, meeting: Meeting, data: ActionItemInput
) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "description", data.description, "Azione")
    v.max_length(errors, "description", data.description, ACTION_MAX, "Azione")
    v.max_length(errors, "owner_name", data.owner_name, NAME_MAX, "Responsabile")
    v.max_length(errors, "organization_name", data.organization_name, NAME_MAX, "Ente")
    v.date_not_before(
        errors,
        "due_on",
        data.due_on,
        meeting.held_on,
        "Scadenza",
        limit_label="alla data della seduta",
    )
    values: dict[str, object] = {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in ((name, getattr(data, name)) for name in ACTION_FIELDS)
    }
    if data.agenda_item_id is not None:
        item = session.get(AgendaItem, data.agenda_item_id)
        if item is None or item.deleted or item.meeting_id != meeting.id:
            errors.setdefault(
                "agenda_item_id", "Il punto all'ordine del giorno indicato non è di questa seduta."
            )
    if data.owner_contact_id is not None:
        try:
            contact = load_contact(session, data.owner_contact_id)
        except NotFoundError as error:
            errors.setdefault("owner_contact_id", str(error))
        else:
            if not data.owner_name.strip():
                values["owner_name"] = f"{contact.last_name} {contact.first_name}"
            if data.organization_id is None and contact.organization_id is not None:
                values["organization_id"] = contact.organization_id
    organization_id = values["organization_id"]
    if isinstance(organization_id, str):
        organization = session.get(Organization, organization_id)
        if organization is None or organization.deleted:
            errors.setdefault("organization_id", "L'ente indicato non esiste più nella rubrica.")
        elif not data.organization_name.strip():
            values["organization_name"] = organization.name
    v.raise_if(errors)
    return values


def add_action_item(
    store: Store, *, actor: Actor, meeting_id: str, data: ActionItemInput
) -> ActionItemRow:
    """An action decided in the meeting; names left blank are copied from the directory."""
    with store.write() as session:
        meeting = _editable_meeting(session, actor, meeting_id)
        action = ActionItem(meeting_id=meeting.id, **_checked_action_values(session, meeting, data))
        stamp_change(action, actor=actor, new=True)
        session.add(action)
        session.flush()
        return _action_row(action)


def update_action_item(
    store: Store, *, actor: Actor, action_item_id: str, data: ActionItemInput
) -> ActionItemRow:
    with store.write() as session:
        meeting, action = _editable_child(
            session, actor, ActionItem, action_item_id, "Azione non trovata."
        )
        for name, value in _checked_action_values(session, meeting, data).items():
            setattr(action, name, value)
        stamp_change(action, actor=actor)
        return _action_row(action)


def remove_action_item(store: Store, *, actor: Actor, action_item_id: str) -> None:
    with store.write() as session:
        _meeting, action = _editable_child(
            session, actor, ActionItem, action_item_id, "Azione non trovata."
        )
        action.deleted = True
        stamp_change(action, actor=actor)


def _followed_up_action(session: Session, actor: Actor, action_item_id: str) -> ActionItem:
    """Follow-up is allowed on approved minutes too, but only on their latest version."""
    action = _load_child(session, ActionItem, action_item_id, "Azione non trovata.")
    meeting = _owned_meeting(session, actor, action.meeting_id)
    if _is_superseded(session, meeting.id):
        raise NotAllowedError(
            f"Il verbale n. {meeting.number} è stato sostituito da una versione successiva: "
            "aggiornare l'azione in quella versione."
        )
    return action


def close_action_item(
    store: Store,
    *,
    actor: Actor,
    action_item_id: str,
    closed_on: date,
    cancelled: bool = False,
) -> ActionItemRow:
    """Mark an action done (or cancelled) on ``closed_on``."""
    with store.write() as session:
        action = _followed_up_action(session, actor, action_item_id)
        if action.status is not ActionItemStatus.OPEN:
            raise NotAllowedError("L'azione è già chiusa.")
        held_on = session.scalar(select(Meeting.held_on).where(Meeting.id == action.meeting_id))
        errors: v.Errors = {}
        if held_on is not None:
            v.date_not_before(
                errors,
                "closed_on",
                closed_on,
                held_on,
                "Data di chiusura",
                limit_label="alla data della seduta",
            )
        v.raise_if(errors)
        action.status = ActionItemStatus.CANCELLED if cancelled else ActionItemStatus.DONE
        action.closed_on = closed_on
        stamp_change(action, actor=actor)
        return _action_row(action)


def reopen_action_item(store: Store, *, actor: Actor, action_item_id: str) -> ActionItemRow:
    with store.write() as session:
        action = _followed_up_action(session, actor, action_item_id)
        if action.status is ActionItemStatus.OPEN:
            raise NotAllowedError("L'azione è già aperta.")
        action.status = ActionItemStatus.OPEN
        action.closed_on = None
        stamp_change(action, actor=actor)
        return _action_row(action)


def list_open_actions(store: Store, *, today: date) -> list[OpenActionRow]:
    """Open actions of every meeting's latest version, by due date (undated last)."""
    later = aliased(Meeting)
    query = (
        select(ActionItem, Meeting)
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(
            ActionItem.deleted.is_(False),
            ActionItem.status == ActionItemStatus.OPEN,
            Meeting.deleted.is_(False),
            ~exists().where(later.previous_version_id == Meeting.id, later.deleted.is_(False)),
        )
    )
    with store.read() as session:
        rows = [
            OpenActionRow(
                id=action.id,
                meeting_id=meeting.id,
                meeting_number=meeting.number,
                meeting_title=meeting.title,
                held_on=meeting.held_on,
                description=action.description,
                owner_name=action.owner_name,
                organization_name=action.organization_name,
                due_on=action.due_on,
                overdue=action.due_on is not None and action.due_on < today,
            )
            for action, meeting in session.execute(query)
        ]
    rows.sort(key=lambda row: (row.due_on is None, row.due_on or date.max, row.held_on))
    return rows


# --- approval and correction ---------------------------------------------------------------


def approve_minutes(
    store: Store, *, actor: Actor, meeting_id: str, approved_in_meeting_on: date
) -> MeetingDetail:
    """Draft → approved (in the session of ``approved_in_meeting_on``); read-only afterwards."""
    with store.write() as session:
        meeting = _owned_meeting(session, actor, meeting_id)
        if meeting.minutes_status is MinutesStatus.APPROVED:
            raise NotAllowedError(f"Il verbale n. {meeting.number} è già approvato.")
        errors: v.Errors = {}
        v.date_not_before(
            errors,
            "approved_in_meeting_on",
            approved_in_meeting_on,
            meeting.held_on,
            "Approvato nella seduta del",
            limit_label="alla data della seduta verbalizzata",
        )
        # The printed minutes carry both signatures.
        v.required(errors, "chair_name", meeting.chair_name, "Presidente")
        v.required(errors, "secretary_name", meeting.secretary_name, "Segretario verbalizzante")
        v.raise_if(errors)
        meeting.minutes_status = MinutesStatus.APPROVED
        meeting.approved_in_meeting_on = approved_in_meeting_on
        meeting.approved_at = utcnow()
        stamp_change(meeting, actor=actor)
        record_audit(
            session,
            actor=actor,
            action="approve_minutes",
            entity="meeting",
            entity_id=meeting.id,
            details=f"version {meeting.version}",
        )
        return _detail(session, meeting)


def correct_minutes(store: Store, *, actor: Actor, meeting_id: str, reason: str) -> MeetingDetail:
    """A new draft version of approved minutes, with the same number and a copy of the content.

    The approved version stays as it was, for the record; lists show the newest version.
    """
    errors: v.Errors = {}
    v.required(errors, "reason", reason, "Motivo della correzione")
    v.min_length(errors, "reason", reason, CORRECTION_REASON_MIN, "Motivo della correzione")
    v.max_length(errors, "reason", reason, TEXT_MAX, "Motivo della correzione")
    v.raise_if(errors)
    with store.write() as session:
        previous = _owned_meeting(session, actor, meeting_id)
        if previous.minutes_status is not MinutesStatus.APPROVED:
            raise NotAllowedError(
                "Il verbale è ancora in bozza: si può modificare direttamente, senza creare "
                "una nuova versione."
            )
        if _is_superseded(session, previous.id):
            raise NotAllowedError(
                f"Del verbale n. {previous.number} esiste già una versione successiva: "
                "correggere quella."
            )
        values: dict[str, object] = {name: getattr(previous, name) for name in MEETING_FIELDS}
        values["attachments"] = list(previous.attachments or ())
        meeting = Meeting(
            **values,
            number=previous.number,
            minutes_status=MinutesStatus.DRAFT,
            version=previous.version + 1,
            previous_version_id=previous.id,
            correction_reason=reason.strip(),
        )
        stamp_change(meeting, actor=actor, new=True)
        session.add(meeting)
        session.flush()
        for participant in _live_children(session, MeetingParticipant, previous.id):
            copy = MeetingParticipant(
                meeting_id=meeting.id,
                **{name: getattr(participant, name) for name in PARTICIPANT_FIELDS},
            )
            stamp_change(copy, actor=actor, new=True)
            session.add(copy)
        new_item_ids: dict[str, str] = {}
        for item in _agenda(session, previous.id):
            item_copy = _new_agenda_item(meeting, actor, item.position, item.title)
            _apply_agenda_item(
                item_copy, AgendaItemInput(**{name: getattr(item, name) for name in AGENDA_FIELDS})
            )
            session.add(item_copy)
            session.flush()
            new_item_ids[item.id] = item_copy.id
        for action in _live_children(session, ActionItem, previous.id):
            action_values = {name: getattr(action, name) for name in ACTION_FIELDS}
            action_values["agenda_item_id"] = new_item_ids.get(action.agenda_item_id or "")
            action_copy = ActionItem(
                meeting_id=meeting.id,
                status=action.status,
                closed_on=action.closed_on,
                # The same action in a new version: keeping its time keeps the table's order.
                created_at=action.created_at,
                **action_values,
            )
            stamp_change(action_copy, actor=actor, new=True)
            session.add(action_copy)
        session.flush()
        record_audit(
            session,
            actor=actor,
            action="correct_minutes",
            entity="meeting",
            entity_id=meeting.id,
            details=f"version {meeting.version} of {previous.id}",
        )
        return _detail(session, meeting)


# --- privacy check -------------------------------------------------------------------------

# Names do not cross punctuation; apostrophes and hyphens stay inside them ("D'Angelo").
_SEGMENT_SPLIT_RE = re.compile(r"[^\w\s'’\-]+|\s-\s")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
NAME_WORDS_MAX = 4  # "Maria Grazia De Luca"
_QUERY_CHUNK = 500  # below SQLite's limit of bound parameters


def _name_candidates(text: str) -> dict[str, str]:
    """Every run of 2-4 words in every rotation, normalised as ``Person.search_name`` is.

    A rotation turns "Maria Grazia De Luca" into "De Luca Maria Grazia", the stored order, so
    one indexed ``IN`` query finds names written either way. Maps candidate → text as typed.
    """
    candidates: dict[str, str] = {}
    for segment in _SEGMENT_SPLIT_RE.split(text):
        words = [word.replace("’", "'") for word in _WORD_RE.findall(segment)]
        # Normalising word by word gives the same key as normalising the joined run (the
        # function works character by character and collapses spaces), at a fraction of the
        # cost: long minutes hold tens of thousands of runs.
        keys = [normalise_search_text(word) for word in words]
        for size in range(2, NAME_WORDS_MAX + 1):
            for start in range(len(words) - size + 1):
                run = keys[start : start + size]
                typed = " ".join(words[start : start + size])
                for pivot in range(size):
                    rotated = " ".join(run[pivot:] + run[:pivot])
                    candidates.setdefault(rotated, typed)
    return candidates


def _beneficiary_names(session: Session, candidates: Iterable[str]) -> set[str]:
    """Those candidates that are the ``search_name`` of a person with a referral."""
    found: set[str] = set()
    pending = list(candidates)
    for start in range(0, len(pending), _QUERY_CHUNK):
        chunk = pending[start : start + _QUERY_CHUNK]
        found.update(
            session.scalars(
                select(Person.search_name)
                .where(
                    Person.search_name.in_(chunk),
                    Person.deleted.is_(False),
                    exists().where(Referral.person_id == Person.id),
                )
                .distinct()
            )
        )
    return found


def _minutes_texts(session: Session, meeting: Meeting) -> list[tuple[str, str]]:
    """(where, text) for every free text that ends up in the printed minutes."""
    texts = [("Titolo della riunione", meeting.title)]
    agenda = _agenda(session, meeting.id)
    for item in agenda:
        where = f"Punto {item.position} dell'ordine del giorno"
        texts += [
            (f"{where} (titolo)", item.title),
            (f"{where} (sintesi)", item.summary),
            (f"{where} (decisione)", item.decision),
        ]
    actions = _ordered_actions(session, meeting.id, agenda)
    texts += [
        (f"Azione {number}", action.description) for number, action in enumerate(actions, start=1)
    ]
    texts.append(("Argomenti della prossima riunione", meeting.next_meeting_topics))
    return [(where, text) for where, text in texts if text.strip()]


def privacy_warnings_for_minutes(store: Store, meeting_id: str) -> list[str]:
    """Italian warnings for codici fiscali and beneficiaries' names in the minutes' texts."""
    warnings: list[str] = []
    with store.read() as session:
        meeting = _load_meeting(session, meeting_id)
        texts = _minutes_texts(session, meeting)
        candidates_by_text = [(where, _name_candidates(text)) for where, text in texts]
        every_candidate: set[str] = set()
        for _where, candidates in candidates_by_text:
            every_candidate.update(candidates)
        beneficiaries = _beneficiary_names(session, every_candidate)
    for (where, text), (_where, candidates) in zip(texts, candidates_by_text, strict=True):
        for code in dict.fromkeys(v.find_fiscal_codes(text)):
            warnings.append(
                f"{where}: contiene un codice fiscale ({code}). Nei verbali non vanno inseriti "
                "dati personali dei beneficiari: indicare solo il numero della segnalazione."
            )
        reported: set[str] = set()
        for candidate, typed in candidates.items():
            if candidate in beneficiaries and typed not in reported:
                reported.add(typed)
                warnings.append(
                    f"{where}: «{typed}» corrisponde al nome di una persona segnalata. Nei "
                    "verbali indicare solo il numero della segnalazione."
                )
    return warnings
