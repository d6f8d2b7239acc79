"""Approval of the minutes and their correction as a new version with a reason."""

from __future__ import annotations

from datetime import date

from desktop.domain.codes import MinutesStatus
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.child_rows import insert_row
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError
from desktop.services.meetings.loading import (
    agenda_items,
    apply_agenda_item,
    is_superseded,
    live_children,
    meeting_detail,
    new_agenda_item,
    owned_meeting,
)
from desktop.services.meetings.records import (
    ACTION_FIELDS,
    AGENDA_FIELDS,
    CORRECTION_REASON_MIN,
    MEETING_FIELDS,
    PARTICIPANT_FIELDS,
    TEXT_MAX,
    AgendaItemInput,
    MeetingDetail,
)
from desktop.store.base import utcnow
from desktop.store.engine import Store
from desktop.store.models import ActionItem, Meeting, MeetingParticipant


def approve_minutes(
    store: Store, *, actor: Actor, meeting_id: str, approved_in_meeting_on: date
) -> MeetingDetail:
    """Draft → approved (in the session of ``approved_in_meeting_on``); read-only afterwards."""
    with store.write() as session:
        meeting = owned_meeting(session, actor, meeting_id)
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
        return meeting_detail(session, meeting)


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
        previous = owned_meeting(session, actor, meeting_id)
        if previous.minutes_status is not MinutesStatus.APPROVED:
            raise NotAllowedError(
                "Il verbale è ancora in bozza: si può modificare direttamente, senza creare "
                "una nuova versione."
            )
        if is_superseded(session, previous.id):
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
        insert_row(session, meeting, actor=actor)
        for participant in live_children(session, MeetingParticipant, previous.id):
            copy = MeetingParticipant(
                meeting_id=meeting.id,
                **{name: getattr(participant, name) for name in PARTICIPANT_FIELDS},
            )
            stamp_change(copy, actor=actor, new=True)
            session.add(copy)
        new_item_ids: dict[str, str] = {}
        for item in agenda_items(session, previous.id):
            item_copy = new_agenda_item(meeting, actor, item.position, item.title)
            apply_agenda_item(
                item_copy, AgendaItemInput(**{name: getattr(item, name) for name in AGENDA_FIELDS})
            )
            session.add(item_copy)
            session.flush()
            new_item_ids[item.id] = item_copy.id
        for action in live_children(session, ActionItem, previous.id):
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
        return meeting_detail(session, meeting)
