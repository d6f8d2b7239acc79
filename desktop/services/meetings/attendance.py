"""Participants: invitations from the directory, walk-ins, attendance, times and proxies."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from desktop.domain.codes import Attendance
from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import insert_row, tombstone
from desktop.services.context import Actor
from desktop.services.directory import load_contact
from desktop.services.meetings.loading import (
    editable_child,
    editable_meeting,
    live_children,
    participant_row,
    time_order,
)
from desktop.services.meetings.records import (
    NAME_MAX,
    PARTICIPANT_FIELDS,
    PRESENT,
    ROLE_MAX,
    ParticipantInput,
    ParticipantRow,
)
from desktop.store.engine import Store
from desktop.store.models import MeetingParticipant, Organization


def _check_participant(data: ParticipantInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "full_name", data.full_name, "Cognome e nome")
    v.max_length(errors, "full_name", data.full_name, NAME_MAX, "Cognome e nome")
    v.max_length(errors, "organization_name", data.organization_name, NAME_MAX, "Ente")
    v.max_length(errors, "role", data.role, ROLE_MAX, "Ruolo")
    v.max_length(errors, "proxy_for", data.proxy_for, NAME_MAX, "Delega per")
    v.required(errors, "attendance", data.attendance, "Presenza")
    time_order(errors, "time_out", data.time_in, data.time_out)
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
        meeting = editable_meeting(session, actor, meeting_id)
        already = {
            participant.contact_id
            for participant in live_children(session, MeetingParticipant, meeting.id)
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
        return [participant_row(participant) for participant in added]


def add_participant(
    store: Store, *, actor: Actor, meeting_id: str, data: ParticipantInput
) -> ParticipantRow:
    """A participant typed by hand (a walk-in, someone not in the directory)."""
    _check_participant(data)
    with store.write() as session:
        meeting = editable_meeting(session, actor, meeting_id)
        participant = MeetingParticipant(meeting_id=meeting.id)
        _apply_participant(participant, data)
        insert_row(session, participant, actor=actor)
        return participant_row(participant)


def update_participant(
    store: Store, *, actor: Actor, participant_id: str, data: ParticipantInput
) -> ParticipantRow:
    _check_participant(data)
    with store.write() as session:
        _meeting, participant = editable_child(
            session, actor, MeetingParticipant, participant_id, "Partecipante non trovato."
        )
        _apply_participant(participant, data)
        stamp_change(participant, actor=actor)
        return participant_row(participant)


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
        _meeting, participant = editable_child(
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
        return participant_row(participant)


def remove_participant(store: Store, *, actor: Actor, participant_id: str) -> None:
    with store.write() as session:
        _meeting, participant = editable_child(
            session, actor, MeetingParticipant, participant_id, "Partecipante non trovato."
        )
        tombstone(participant, actor=actor)
