"""Minutes: approval (read-only afterwards), corrections as new versions, and the privacy
check before printing.

Every name is invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import (
    ActionItemStatus,
    Attendance,
    MinutesStatus,
    ReferralStatus,
    Sex,
    Track,
)
from desktop.domain.text import normalise_search_text
from desktop.services.audit import list_audit
from desktop.services.errors import NotAllowedError, ValidationError
from desktop.services.meetings import (
    ActionItemInput,
    AgendaItemInput,
    MeetingDetail,
    ParticipantInput,
    add_action_item,
    add_agenda_item,
    add_participant,
    approve_minutes,
    close_action_item,
    correct_minutes,
    delete_meeting,
    get_meeting,
    invite_contacts,
    list_meetings,
    list_open_actions,
    privacy_warnings_for_minutes,
    remove_action_item,
    remove_agenda_item,
    remove_participant,
    reorder_agenda,
    set_attendance,
    update_action_item,
    update_agenda_item,
    update_meeting,
    update_participant,
)
from desktop.store.engine import Store
from desktop.store.models import ActionItem, JobCentre, Person, Referral
from tests.meetings_support import (
    AMBITO,
    TODAY,
    meeting_input,
    new_meeting,
)

# --- approval and corrections --------------------------------------------------------------


def test_approval_needs_signatories_and_a_date_after_the_meeting(store: Store) -> None:
    meeting = new_meeting(store, chair_name="", secretary_name="")
    with pytest.raises(ValidationError) as caught:
        approve_minutes(
            store, actor=AMBITO, meeting_id=meeting.id, approved_in_meeting_on=date(2026, 10, 1)
        )
    assert caught.value.field_errors == {
        "approved_in_meeting_on": "La data «Approvato nella seduta del» non può essere "
        "precedente alla data della seduta verbalizzata.",
        "chair_name": "Il campo «Presidente» è obbligatorio.",
        "secretary_name": "Il campo «Segretario verbalizzante» è obbligatorio.",
    }
    assert get_meeting(store, meeting.id).minutes_status is MinutesStatus.DRAFT


def approved_meeting(store: Store) -> MeetingDetail:
    meeting = new_meeting(store)
    participant = add_participant(
        store,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=ParticipantInput(full_name="Bassi Carla", attendance=Attendance.PRESENT),
    )
    assert participant.full_name == "Bassi Carla"
    add_action_item(
        store,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=ActionItemInput(
            description="Inviare il calendario",
            due_on=date(2026, 11, 30),
            agenda_item_id=meeting.agenda[2].id,
        ),
    )
    approved = approve_minutes(
        store, actor=AMBITO, meeting_id=meeting.id, approved_in_meeting_on=date(2026, 11, 3)
    )
    assert approved.minutes_status is MinutesStatus.APPROVED
    assert approved.approved_in_meeting_on == date(2026, 11, 3)
    assert approved.approved_at is not None and approved.approved_at.tzinfo is not None
    return approved


def test_approved_minutes_are_read_only(store: Store) -> None:
    meeting = approved_meeting(store)
    item = meeting.agenda[2]
    participant = meeting.participants[0]
    action = meeting.actions[0]
    attempts: list[Callable[[], object]] = [
        lambda: update_meeting(store, actor=AMBITO, meeting_id=meeting.id, data=meeting_input()),
        lambda: delete_meeting(store, actor=AMBITO, meeting_id=meeting.id),
        lambda: add_participant(
            store, actor=AMBITO, meeting_id=meeting.id, data=ParticipantInput(full_name="X Y")
        ),
        lambda: invite_contacts(store, actor=AMBITO, meeting_id=meeting.id, contact_ids=[]),
        lambda: update_participant(
            store, actor=AMBITO, participant_id=participant.id, data=ParticipantInput("X Y")
        ),
        lambda: set_attendance(
            store, actor=AMBITO, participant_id=participant.id, attendance=Attendance.ABSENT
        ),
        lambda: remove_participant(store, actor=AMBITO, participant_id=participant.id),
        lambda: add_agenda_item(
            store, actor=AMBITO, meeting_id=meeting.id, data=AgendaItemInput(title="Nuovo")
        ),
        lambda: update_agenda_item(
            store, actor=AMBITO, agenda_item_id=item.id, data=AgendaItemInput(title="Nuovo")
        ),
        lambda: reorder_agenda(
            store,
            actor=AMBITO,
            meeting_id=meeting.id,
            agenda_item_ids=[row.id for row in reversed(meeting.agenda)],
        ),
        lambda: remove_agenda_item(store, actor=AMBITO, agenda_item_id=item.id),
        lambda: add_action_item(
            store, actor=AMBITO, meeting_id=meeting.id, data=ActionItemInput(description="Z")
        ),
        lambda: update_action_item(
            store, actor=AMBITO, action_item_id=action.id, data=ActionItemInput(description="Z")
        ),
        lambda: remove_action_item(store, actor=AMBITO, action_item_id=action.id),
    ]
    for attempt in attempts:
        with pytest.raises(NotAllowedError) as caught:
            attempt()
        assert str(caught.value) == (
            f"Il verbale n. {meeting.number} è approvato e non può più essere modificato: "
            "per correggerlo crearne una nuova versione."
        )
    with pytest.raises(NotAllowedError, match="già approvato"):
        approve_minutes(store, actor=AMBITO, meeting_id=meeting.id, approved_in_meeting_on=TODAY)
    assert get_meeting(store, meeting.id) == meeting


def test_action_follow_up_stays_possible_after_approval(store: Store) -> None:
    meeting = approved_meeting(store)
    closed = close_action_item(
        store, actor=AMBITO, action_item_id=meeting.actions[0].id, closed_on=TODAY
    )
    assert closed.status is ActionItemStatus.DONE
    assert list_open_actions(store, today=TODAY) == []


def test_correction_is_a_new_draft_version_with_the_same_content(store: Store) -> None:
    approved = approved_meeting(store)
    with pytest.raises(ValidationError) as caught:
        correct_minutes(store, actor=AMBITO, meeting_id=approved.id, reason="  ")
    assert caught.value.field_errors == {
        "reason": "Il campo «Motivo della correzione» è obbligatorio."
    }
    corrected = correct_minutes(
        store, actor=AMBITO, meeting_id=approved.id, reason="Errore nell'elenco dei presenti"
    )
    assert corrected.id != approved.id
    assert (corrected.version, corrected.previous_version_id) == (2, approved.id)
    assert corrected.number == approved.number
    assert corrected.minutes_status is MinutesStatus.DRAFT
    assert corrected.approved_in_meeting_on is None
    assert corrected.correction_reason == "Errore nell'elenco dei presenti"
    assert corrected.title == approved.title
    assert [row.full_name for row in corrected.participants] == ["Bassi Carla"]
    assert [item.title for item in corrected.agenda] == [item.title for item in approved.agenda]
    assert {item.id for item in corrected.agenda}.isdisjoint(item.id for item in approved.agenda)
    (action,) = corrected.actions
    assert action.agenda_item_id == corrected.agenda[2].id
    # The approved version is kept as it was, marked as superseded.
    old = get_meeting(store, approved.id)
    assert replace(old, superseded=False) == approved
    assert old.superseded
    # Lists and open actions show the newest version only.
    assert [row.id for row in list_meetings(store)] == [corrected.id]
    assert len(list_meetings(store, include_superseded=True)) == 2
    assert [row.meeting_id for row in list_open_actions(store, today=TODAY)] == [corrected.id]
    with pytest.raises(NotAllowedError, match="versione successiva"):
        close_action_item(
            store, actor=AMBITO, action_item_id=approved.actions[0].id, closed_on=TODAY
        )
    # The new draft can be edited, then approved in its turn.
    update_meeting(
        store,
        actor=AMBITO,
        meeting_id=corrected.id,
        data=meeting_input(title="Tavolo Unico Provinciale del Lavoro (rettifica)"),
    )
    approve_minutes(store, actor=AMBITO, meeting_id=corrected.id, approved_in_meeting_on=TODAY)
    assert [entry.action for entry in list_audit(store, entity_id=corrected.id)][-1] == (
        "correct_minutes"
    )


def test_only_the_latest_approved_version_can_be_corrected(store: Store) -> None:
    draft = new_meeting(store)
    with pytest.raises(NotAllowedError, match="ancora in bozza"):
        correct_minutes(store, actor=AMBITO, meeting_id=draft.id, reason="Refuso nel titolo")
    approved = approved_meeting(store)
    correct_minutes(store, actor=AMBITO, meeting_id=approved.id, reason="Refuso nel titolo")
    with pytest.raises(NotAllowedError, match="versione successiva"):
        correct_minutes(store, actor=AMBITO, meeting_id=approved.id, reason="Un altro refuso")
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(ActionItem)) == 2


def test_deleting_a_correction_brings_back_the_approved_version(store: Store) -> None:
    approved = approved_meeting(store)
    corrected = correct_minutes(
        store, actor=AMBITO, meeting_id=approved.id, reason="Refuso nel titolo"
    )
    delete_meeting(store, actor=AMBITO, meeting_id=corrected.id)
    assert [row.id for row in list_meetings(store)] == [approved.id]
    assert not get_meeting(store, approved.id).superseded


# --- privacy check -------------------------------------------------------------------------


def add_person(store: Store, last_name: str, first_name: str, *, referred: bool) -> None:
    with store.write() as session:
        person = Person(
            fiscal_code="XXXYYY00A01L682X",
            last_name=last_name,
            first_name=first_name,
            search_name=normalise_search_text(f"{last_name} {first_name}"),
            sex=Sex.FEMALE,
            birth_date=date(2004, 1, 1),
        )
        session.add(person)
        session.flush()
        if not referred:
            return
        centre = session.scalar(select(JobCentre).where(JobCentre.code == "CPI-VA"))
        if centre is None:
            centre = JobCentre(code="CPI-VA", name="CPI di Varese")
            session.add(centre)
            session.flush()
        count = session.scalar(select(func.count()).select_from(Referral)) or 0
        session.add(
            Referral(
                number=f"2026/{count + 1:06d}",
                track=Track.NEET,
                status=ReferralStatus.SENT,
                status_changed_at=datetime(2026, 1, 1, tzinfo=UTC),
                person_id=person.id,
                sending_site="AMB-VA",
                job_centre_id=centre.id,
                created_on=date(2026, 1, 1),
            )
        )


def test_clean_minutes_have_no_warnings(store: Store) -> None:
    add_person(store, "Rossi", "Mario", referred=True)
    meeting = new_meeting(store)
    update_agenda_item(
        store,
        actor=AMBITO,
        agenda_item_id=meeting.agenda[2].id,
        data=AgendaItemInput(
            title="Monitoraggio",
            summary="Si esaminano le segnalazioni 2026/000001 e 2026/000002. Rossi interviene.",
        ),
    )
    assert privacy_warnings_for_minutes(store, meeting.id) == []


def test_privacy_warnings_for_fiscal_codes_and_beneficiaries_names(store: Store) -> None:
    add_person(store, "Rossi", "Mario", referred=True)
    add_person(store, "Galli", "Nicolò", referred=True)
    add_person(store, "De Luca", "Maria Grazia", referred=True)
    add_person(store, "Bianchi", "Sara", referred=False)  # not a beneficiary: no warning
    meeting = new_meeting(store, next_meeting_topics="Situazione di nicolo galli")
    update_agenda_item(
        store,
        actor=AMBITO,
        agenda_item_id=meeting.agenda[2].id,
        data=AgendaItemInput(
            title="Monitoraggio",
            summary="Il caso di Mario Rossi (RSSMRA85T10L6LMT) è discusso con Sara Bianchi.",
            decision="Si attiva un tirocinio per ROSSI MARIO.",
        ),
    )
    add_action_item(
        store,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=ActionItemInput(description="Contattare Maria Grazia De Luca, poi la scuola."),
    )
    warnings = privacy_warnings_for_minutes(store, meeting.id)
    assert warnings == [
        "Punto 3 dell'ordine del giorno (sintesi): contiene un codice fiscale "
        "(RSSMRA85T10L6LMT). Nei verbali non vanno inseriti dati personali dei beneficiari: "
        "indicare solo il numero della segnalazione.",
        "Punto 3 dell'ordine del giorno (sintesi): «Mario Rossi» corrisponde al nome di una "
        "persona segnalata. Nei verbali indicare solo il numero della segnalazione.",
        "Punto 3 dell'ordine del giorno (decisione): «ROSSI MARIO» corrisponde al nome di una "
        "persona segnalata. Nei verbali indicare solo il numero della segnalazione.",
        "Azione 1: «Maria Grazia De Luca» corrisponde al nome di una persona segnalata. Nei "
        "verbali indicare solo il numero della segnalazione.",
        "Argomenti della prossima riunione: «nicolo galli» corrisponde al nome di una persona "
        "segnalata. Nei verbali indicare solo il numero della segnalazione.",
    ]


def test_name_candidates_are_keyed_as_stored_search_names() -> None:
    """Words normalised one by one give the key of the whole run, in every rotation."""
    from desktop.services.meetings.privacy import _name_candidates  # noqa: PLC0415

    text = "Sentita MARÍA Grazia D’Angelo-Rossi; poi Łukasz  Nowak e Nicolò Galli."
    candidates = _name_candidates(text)
    for key, typed in candidates.items():
        rotations = typed.split()
        assert key == normalise_search_text(key)
        assert key in {
            normalise_search_text(" ".join(rotations[pivot:] + rotations[:pivot]))
            for pivot in range(len(rotations))
        }
    assert candidates["d'angelo-rossi maria grazia"] == "MARÍA Grazia D'Angelo-Rossi"
    assert candidates["nowak lukasz"] == "Łukasz Nowak"
    assert "galli nicolo" in candidates
