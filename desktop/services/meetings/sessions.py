"""Meetings themselves: creation from the type's template, changes, numbering, lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.codes import MeetingType, MinutesStatus
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.child_rows import insert_row, tombstone_with_children
from desktop.services.context import Actor
from desktop.services.meetings.loading import (
    editable_meeting,
    load_meeting,
    meeting_detail,
    new_agenda_item,
    time_order,
)
from desktop.services.meetings.records import (
    ATTACHMENT_NAME_MAX,
    MEETING_FIELDS,
    NAME_MAX,
    PROTOCOL_MAX,
    TEXT_MAX,
    TITLE_MAX,
    MeetingDetail,
    MeetingInput,
    MeetingRow,
    default_agenda,
)
from desktop.store.engine import Store
from desktop.store.models import ActionItem, AgendaItem, Meeting, MeetingParticipant, Project


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
    time_order(errors, "end_time", data.start_time, data.end_time)
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
        insert_row(session, meeting, actor=actor)
        session.add_all(
            new_agenda_item(meeting, actor, position, title)
            for position, title in enumerate(titles, start=1)
        )
        session.flush()
        record_audit(session, actor=actor, action="create", entity="meeting", entity_id=meeting.id)
        return meeting_detail(session, meeting)


def update_meeting(
    store: Store, *, actor: Actor, meeting_id: str, data: MeetingInput
) -> MeetingDetail:
    with store.write() as session:
        meeting = editable_meeting(session, actor, meeting_id)
        values = _check_meeting(session, data)
        old_year = meeting.held_on.year
        for name, value in values.items():
            setattr(meeting, name, value)
        # A first version moved to another year takes that year's next number; a correction
        # keeps the number of the minutes it corrects.
        if meeting.version == 1 and meeting.held_on.year != old_year:
            meeting.number = _next_number(session, meeting.owner_site, meeting.held_on.year)
        if stamp_change(meeting, actor=actor):  # an unchanged save is no update
            record_audit(
                session, actor=actor, action="update", entity="meeting", entity_id=meeting.id
            )
        return meeting_detail(session, meeting)


def delete_meeting(store: Store, *, actor: Actor, meeting_id: str) -> None:
    """Tombstone a draft and its content; deleting a correction brings back the approved one."""
    with store.write() as session:
        meeting = editable_meeting(session, actor, meeting_id)
        tombstone_with_children(
            session,
            meeting,
            (MeetingParticipant, AgendaItem, ActionItem),
            "meeting_id",
            actor=actor,
        )
        record_audit(session, actor=actor, action="delete", entity="meeting", entity_id=meeting.id)


def get_meeting(store: Store, meeting_id: str) -> MeetingDetail:
    with store.read() as session:
        return meeting_detail(session, load_meeting(session, meeting_id))


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
