"""Meetings themselves: creation from the type's template, changes, numbering, lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.codes import MeetingType, MinutesStatus, SiteKind
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
from desktop.services.meetings.series import (
    convening_of,
    has_previous_minutes,
    known_site,
    next_number,
    same_series,
    site_names,
)
from desktop.store.engine import Store
from desktop.store.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingParticipant,
    Project,
    Site,
)


def _check_meeting(
    session: Session, data: MeetingInput, own_site: str, current_convening: str = ""
) -> dict[str, object]:
    """The values to store; ``own_site`` convenes when no other body is named."""
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
    convening = data.convening_site.strip() or own_site
    # A body deleted since the meeting was recorded stays, or the meeting could not be saved.
    if convening not in (own_site, current_convening) and not known_site(session, convening):
        errors.setdefault(
            "convening_site",
            "L'ente che convoca non è tra le sedi conosciute: sceglierne uno dall'elenco.",
        )
    if data.held_on is not None:
        # The minutes are registered once written, so not before the session.
        v.date_not_before(
            errors,
            "protocol_on",
            data.protocol_on,
            data.held_on,
            "Data del protocollo",
            limit_label="alla data della seduta",
        )
    if data.protocol_on is not None and not data.protocol_number.strip():
        errors.setdefault(
            "protocol_on", "La data del protocollo si indica insieme al numero di protocollo."
        )
    v.raise_if(errors)
    values: dict[str, object] = {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in ((name, getattr(data, name)) for name in MEETING_FIELDS)
    }
    values["attachments"] = [name.strip() for name in data.attachments]
    values["convening_site"] = convening
    return values


def default_convening_site(store: Store, actor: Actor, meeting_type: MeetingType) -> str:
    """Who convenes a new meeting unless told otherwise: the Province a provincial table (when
    its site is known), this PC's site anything else."""
    if meeting_type is MeetingType.PROVINCIAL_TABLE:
        with store.read() as session:
            province = session.scalar(
                select(Site.code)
                .where(Site.kind == SiteKind.PROVINCIA, Site.deleted.is_(False))
                .order_by(Site.code)
                .limit(1)
            )
        if province is not None:
            return province
    return actor.site_code


def agenda_template(
    store: Store,
    *,
    actor: Actor,
    meeting_type: MeetingType,
    held_on: date | None,
    convening_site: str = "",
    project_id: str | None = None,
) -> tuple[str, ...]:
    """The ordine del giorno a new meeting starts from: its type's template, without the
    approval of the previous minutes when its table has no earlier session."""
    if held_on is None:
        return default_agenda(meeting_type)
    with store.read() as session:
        previous = has_previous_minutes(
            session, convening_site.strip() or actor.site_code, meeting_type, project_id, held_on
        )
    return default_agenda(meeting_type, previous_minutes=previous)


def create_meeting(
    store: Store, *, actor: Actor, data: MeetingInput, agenda: Sequence[str] | None = None
) -> MeetingDetail:
    """A draft meeting whose ordine del giorno is ``agenda`` or its type's template."""
    with store.write() as session:
        values = _check_meeting(session, data, actor.site_code)
        assert data.held_on is not None  # checked above; narrows the type
        convening = str(values["convening_site"])
        if agenda is None:
            previous = has_previous_minutes(
                session, convening, data.meeting_type, data.project_id, data.held_on
            )
            agenda = default_agenda(data.meeting_type, previous_minutes=previous)
        titles = [title.strip() for title in agenda]
        errors: v.Errors = {}
        for title in titles:
            v.required(errors, "agenda", title, "Punto all'ordine del giorno")
            v.max_length(errors, "agenda", title, TITLE_MAX, "Punto all'ordine del giorno")
        v.raise_if(errors)
        number = next_number(
            session, convening, data.meeting_type, data.project_id, data.held_on.year
        )
        meeting = Meeting(**values, number=number)
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
        values = _check_meeting(session, data, meeting.owner_site, convening_of(meeting))
        moved = not same_series(meeting, values)
        for name, value in values.items():
            setattr(meeting, name, value)
        # A first version moved to another year or series takes that series' next number; a
        # correction keeps the number of the minutes it corrects.
        if meeting.version == 1 and moved:
            meeting.number = next_number(
                session,
                convening_of(meeting),
                meeting.meeting_type,
                meeting.project_id,
                meeting.held_on.year,
                excluding=meeting.id,
            )
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
        names = site_names(session)
        for meeting, project_title in session.execute(query):
            convening = names.get(convening_of(meeting), "")
            haystack = (
                f"{meeting.number} | {meeting.title} | {meeting.place} | {project_title}"
                f" | {convening}"
            )
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
                    convening_site_name=convening,
                )
            )
            if limit is not None and len(rows) >= limit:
                break
    return rows
