"""Action items decided in a meeting and their follow-up, and the open actions of all meetings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.codes import ActionItemStatus
from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import insert_row, live_row, tombstone
from desktop.services.context import Actor
from desktop.services.directory import load_contact
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.meetings.loading import (
    action_row,
    editable_child,
    editable_meeting,
    is_superseded,
    owned_meeting,
)
from desktop.services.meetings.records import (
    ACTION_FIELDS,
    ACTION_MAX,
    NAME_MAX,
    ActionItemInput,
    ActionItemRow,
    OpenActionRow,
)
from desktop.store.engine import Store
from desktop.store.models import ActionItem, AgendaItem, Meeting, Organization


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
        meeting = editable_meeting(session, actor, meeting_id)
        action = ActionItem(meeting_id=meeting.id, **_checked_action_values(session, meeting, data))
        insert_row(session, action, actor=actor)
        return action_row(action)


def update_action_item(
    store: Store, *, actor: Actor, action_item_id: str, data: ActionItemInput
) -> ActionItemRow:
    with store.write() as session:
        meeting, action = editable_child(
            session, actor, ActionItem, action_item_id, "Azione non trovata."
        )
        for name, value in _checked_action_values(session, meeting, data).items():
            setattr(action, name, value)
        stamp_change(action, actor=actor)
        return action_row(action)


def remove_action_item(store: Store, *, actor: Actor, action_item_id: str) -> None:
    with store.write() as session:
        _meeting, action = editable_child(
            session, actor, ActionItem, action_item_id, "Azione non trovata."
        )
        tombstone(action, actor=actor)


def _followed_up_action(session: Session, actor: Actor, action_item_id: str) -> ActionItem:
    """Follow-up is allowed on approved minutes too, but only on their latest version."""
    action = live_row(session, ActionItem, action_item_id, "Azione non trovata.")
    meeting = owned_meeting(session, actor, action.meeting_id)
    if is_superseded(session, meeting.id):
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
        return action_row(action)


def reopen_action_item(store: Store, *, actor: Actor, action_item_id: str) -> ActionItemRow:
    with store.write() as session:
        action = _followed_up_action(session, actor, action_item_id)
        if action.status is ActionItemStatus.OPEN:
            raise NotAllowedError("L'azione è già aperta.")
        action.status = ActionItemStatus.OPEN
        action.closed_on = None
        stamp_change(action, actor=actor)
        return action_row(action)


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
