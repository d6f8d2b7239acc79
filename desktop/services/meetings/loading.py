"""Loading meetings and their rows, the guards on who may change them, and their detail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import MinutesStatus
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import live_row, live_rows_of
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.meetings.records import (
    ACTION_FIELDS,
    AGENDA_FIELDS,
    MEETING_FIELDS,
    PARTICIPANT_FIELDS,
    ActionItemRow,
    AgendaItemInput,
    AgendaItemRow,
    MeetingDetail,
    ParticipantRow,
)
from desktop.services.meetings.series import convening_of, previous_in_series, site_name
from desktop.services.meetings.wording import kind_wording, opening_formula, series_name
from desktop.store.base import Synced
from desktop.store.models import ActionItem, AgendaItem, Meeting, MeetingParticipant, Project

_Child = TypeVar("_Child", bound=Synced)


def load_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise NotFoundError("Riunione non trovata: potrebbe essere stata eliminata.")
    return meeting


def is_superseded(session: Session, meeting_id: str) -> bool:
    return (
        session.scalar(
            select(Meeting.id).where(
                Meeting.previous_version_id == meeting_id, Meeting.deleted.is_(False)
            )
        )
        is not None
    )


def owned_meeting(session: Session, actor: Actor, meeting_id: str) -> Meeting:
    meeting = load_meeting(session, meeting_id)
    v.ensure_owned(
        meeting.owner_site,
        actor.site_code,
        "La riunione è gestita da un'altra sede: può modificarla solo quella sede.",
    )
    return meeting


def editable_meeting(session: Session, actor: Actor, meeting_id: str) -> Meeting:
    """A draft of this site's minutes; approved minutes are read-only."""
    meeting = owned_meeting(session, actor, meeting_id)
    if meeting.minutes_status is not MinutesStatus.DRAFT:
        raise NotAllowedError(
            f"Il verbale n. {meeting.number} è approvato e non può più essere modificato: "
            "per correggerlo crearne una nuova versione."
        )
    return meeting


def editable_child(
    session: Session, actor: Actor, model: type[_Child], child_id: str, message: str
) -> tuple[Meeting, _Child]:
    child = live_row(session, model, child_id, message)
    meeting = editable_meeting(session, actor, child.meeting_id)  # type: ignore[attr-defined]
    return meeting, child


def live_children(session: Session, model: type[_Child], meeting_id: str) -> list[_Child]:
    return live_rows_of(session, model, "meeting_id", meeting_id)


def agenda_items(session: Session, meeting_id: str) -> list[AgendaItem]:
    return sorted(live_children(session, AgendaItem, meeting_id), key=lambda item: item.position)


def ordered_actions(
    session: Session, meeting_id: str, agenda: Sequence[AgendaItem]
) -> list[ActionItem]:
    """The order of the printed actions table: by agenda item, then as they were added."""
    positions = {item.id: item.position for item in agenda}
    return sorted(
        live_children(session, ActionItem, meeting_id),
        key=lambda row: (
            positions.get(row.agenda_item_id or "", len(positions) + 1),
            row.created_at,
        ),
    )


def participant_row(participant: MeetingParticipant) -> ParticipantRow:
    values = {name: getattr(participant, name) for name in PARTICIPANT_FIELDS}
    return ParticipantRow(**values, id=participant.id)


def agenda_row(item: AgendaItem) -> AgendaItemRow:
    values = {name: getattr(item, name) for name in AGENDA_FIELDS}
    return AgendaItemRow(**values, id=item.id, position=item.position)


def action_row(action: ActionItem) -> ActionItemRow:
    values = {name: getattr(action, name) for name in ACTION_FIELDS}
    return ActionItemRow(**values, id=action.id, status=action.status, closed_on=action.closed_on)


def meeting_detail(session: Session, meeting: Meeting) -> MeetingDetail:
    project_title = project_cup = ""
    if meeting.project_id is not None:
        project = session.get(Project, meeting.project_id)
        if project is not None:
            project_title, project_cup = project.title, project.cup
    values: dict[str, object] = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    values["attachments"] = tuple(meeting.attachments or ())
    agenda = agenda_items(session, meeting.id)
    participants = sorted(
        live_children(session, MeetingParticipant, meeting.id),
        key=lambda row: (
            normalise_search_text(row.organization_name),
            normalise_search_text(row.full_name),
        ),
    )
    actions = ordered_actions(session, meeting.id, agenda)
    wording = kind_wording(session, meeting.meeting_type)
    previous = previous_in_series(session, meeting)
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
        superseded=is_superseded(session, meeting.id),
        owner_site=meeting.owner_site,
        project_title=project_title,
        project_cup=project_cup,
        convening_site_name=site_name(session, convening_of(meeting)),
        series_name=series_name(wording, project_title),
        opening_formula=opening_formula(
            wording, [row.attendance for row in participants], meeting.convened_by
        ),
        previous_minutes_number=previous.number if previous is not None else "",
        previous_minutes_on=previous.held_on if previous is not None else None,
        participants=tuple(participant_row(row) for row in participants),
        agenda=tuple(agenda_row(item) for item in agenda),
        actions=tuple(action_row(action) for action in actions),
    )


def time_order(errors: v.Errors, field: str, start: time | None, end: time | None) -> None:
    if start is not None and end is not None and end < start:
        errors.setdefault(field, "L'ora di fine non può precedere l'ora di inizio.")


def new_agenda_item(meeting: Meeting, actor: Actor, position: int, title: str) -> AgendaItem:
    item = AgendaItem(meeting_id=meeting.id, position=position, title=title)
    stamp_change(item, actor=actor, new=True)
    return item


def apply_agenda_item(item: AgendaItem, data: AgendaItemInput) -> None:
    for name in AGENDA_FIELDS:
        value = getattr(data, name)
        setattr(item, name, value.strip() if isinstance(value, str) else value)
