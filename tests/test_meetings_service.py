"""Meetings and minutes: templates, numbering, participants, agenda and votes, action items,
approval (read-only), corrections as new versions, open actions and the privacy check.

Every name is invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import (
    ActionItemStatus,
    Attendance,
    MeetingType,
    MinutesStatus,
    OrganizationKind,
    ReferralStatus,
    Sex,
    SiteKind,
    Track,
    VoteKind,
)
from desktop.domain.text import normalise_search_text
from desktop.services.audit import list_audit
from desktop.services.context import Actor
from desktop.services.directory import (
    ContactInput,
    OrganizationInput,
    create_contact,
    create_organization,
    update_contact,
)
from desktop.services.errors import NotAllowedError, ValidationError
from desktop.services.meetings import (
    ActionItemInput,
    AgendaItemInput,
    MeetingDetail,
    MeetingInput,
    ParticipantInput,
    add_action_item,
    add_agenda_item,
    add_participant,
    approve_minutes,
    close_action_item,
    correct_minutes,
    create_meeting,
    default_agenda,
    delete_meeting,
    get_meeting,
    invite_contacts,
    list_meetings,
    list_open_actions,
    privacy_warnings_for_minutes,
    remove_action_item,
    remove_agenda_item,
    remove_participant,
    reopen_action_item,
    reorder_agenda,
    set_attendance,
    update_action_item,
    update_agenda_item,
    update_meeting,
    update_participant,
)
from desktop.services.projects import ProjectInput, create_project
from desktop.store.engine import Store
from desktop.store.models import ActionItem, JobCentre, Meeting, Person, Referral

AMBITO = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO)
OTHER_SITE = Actor("g.verdi", "AMB-GA", SiteKind.AMBITO)
TODAY = date(2026, 11, 27)
HELD_ON = date(2026, 10, 14)


def meeting_input(**changes: object) -> MeetingInput:
    data = MeetingInput(
        meeting_type=MeetingType.PROVINCIAL_TABLE,
        title="Tavolo Unico Provinciale del Lavoro",
        held_on=HELD_ON,
        place="Sala consiliare, Piazza Libertà 1, Varese",
        start_time=time(9, 30),
        end_time=time(12, 0),
        chair_name="Roberta Marelli",
        secretary_name="Luca Sala",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def new_meeting(store: Store, **changes: object) -> MeetingDetail:
    return create_meeting(store, actor=AMBITO, data=meeting_input(**changes))


def count_meetings(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Meeting)) or 0)


# --- creation, numbering, validation -------------------------------------------------------


def test_meeting_is_created_from_its_type_template(store: Store) -> None:
    meeting = new_meeting(store)
    titles = [item.title for item in meeting.agenda]
    assert titles == list(default_agenda(MeetingType.PROVINCIAL_TABLE))
    assert titles[0] == "Approvazione verbale seduta precedente"
    assert titles[1] == "Comunicazioni"
    assert titles[-1] == "Varie ed eventuali"
    assert [item.position for item in meeting.agenda] == list(range(1, len(titles) + 1))
    assert meeting.minutes_status is MinutesStatus.DRAFT
    assert (meeting.version, meeting.owner_site) == (1, "AMB-VA")
    assert get_meeting(store, meeting.id) == meeting
    for meeting_type in MeetingType:
        template = default_agenda(meeting_type)
        assert template[0] == "Approvazione verbale seduta precedente"
        assert template[-1] == "Varie ed eventuali"


def test_a_custom_agenda_replaces_the_template(store: Store) -> None:
    meeting = create_meeting(
        store, actor=AMBITO, data=meeting_input(), agenda=["Avvio del progetto", "Calendario"]
    )
    assert [item.title for item in meeting.agenda] == ["Avvio del progetto", "Calendario"]


def test_minutes_are_numbered_per_year_and_per_site(store: Store) -> None:
    first = new_meeting(store)
    second = new_meeting(store, held_on=date(2026, 11, 3))
    other_site = create_meeting(store, actor=OTHER_SITE, data=meeting_input())
    next_year = new_meeting(store, held_on=date(2027, 1, 12))
    assert [first.number, second.number] == ["01/2026", "02/2026"]
    assert other_site.number == "01/2026"
    assert next_year.number == "01/2027"
    # A deleted meeting's number is never given again.
    delete_meeting(store, actor=AMBITO, meeting_id=second.id)
    assert new_meeting(store).number == "03/2026"


def test_moving_a_meeting_to_another_year_renumbers_it(store: Store) -> None:
    new_meeting(store, held_on=date(2027, 2, 1))
    meeting = new_meeting(store)
    moved = update_meeting(
        store, actor=AMBITO, meeting_id=meeting.id, data=meeting_input(held_on=date(2027, 3, 1))
    )
    assert moved.number == "02/2027"


def test_bad_meeting_is_refused_in_italian_and_nothing_is_saved(store: Store) -> None:
    bad = meeting_input(
        title=" ",
        held_on=None,
        start_time=time(11, 0),
        end_time=time(10, 0),
    )
    with pytest.raises(ValidationError) as caught:
        create_meeting(store, actor=AMBITO, data=bad)
    assert caught.value.field_errors == {
        "title": "Il campo «Titolo» è obbligatorio.",
        "held_on": "Il campo «Data della seduta» è obbligatorio.",
        "end_time": "L'ora di fine non può precedere l'ora di inizio.",
    }
    with pytest.raises(ValidationError) as caught:
        new_meeting(store, next_meeting_on=date(2026, 10, 1), convocation_on=date(2026, 10, 20))
    assert caught.value.field_errors == {
        "held_on": "La data «Data della seduta» non può essere precedente alla data "
        "«Data della convocazione».",
        "next_meeting_on": "La data «Data della prossima riunione» non può essere precedente "
        "alla data della seduta.",
    }
    with pytest.raises(ValidationError) as caught:
        new_meeting(store, project_id="missing")
    assert caught.value.field_errors == {"project_id": "Il progetto indicato non esiste più."}
    assert count_meetings(store) == 0


def test_only_the_owner_site_edits_a_meeting(store: Store) -> None:
    meeting = new_meeting(store)
    with pytest.raises(NotAllowedError, match="altra sede"):
        update_meeting(store, actor=OTHER_SITE, meeting_id=meeting.id, data=meeting_input())


def test_list_and_search_meetings(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=ProjectInput(title="Ponti per il lavoro"))
    table = new_meeting(store)
    co_design = new_meeting(
        store,
        meeting_type=MeetingType.CO_DESIGN_TABLE,
        title="Tavolo di co-progettazione",
        held_on=date(2026, 11, 5),
        project_id=project.id,
    )
    team = new_meeting(
        store, meeting_type=MeetingType.TEAM, title="Équipe NEET", held_on=date(2026, 9, 1)
    )
    approve_minutes(store, actor=AMBITO, meeting_id=team.id, approved_in_meeting_on=HELD_ON)

    def ids(**filters: object) -> list[str]:
        return [row.id for row in list_meetings(store, **filters)]  # type: ignore[arg-type]

    assert ids() == [co_design.id, table.id, team.id]
    assert ids(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31)) == [table.id]
    assert ids(meeting_type=MeetingType.TEAM) == [team.id]
    assert ids(project_id=project.id) == [co_design.id]
    assert ids(minutes_status=MinutesStatus.APPROVED) == [team.id]
    assert ids(text="equipe") == [team.id]
    assert ids(text="ponti") == [co_design.id]
    assert list_meetings(store, project_id=project.id)[0].project_title == "Ponti per il lavoro"
    assert get_meeting(store, co_design.id).project_title == "Ponti per il lavoro"


# --- participants --------------------------------------------------------------------------


def test_invited_contacts_are_copied_as_they_are_today(store: Store) -> None:
    ponte = create_organization(
        store,
        actor=AMBITO,
        data=OrganizationInput(name="Il Ponte", kind=OrganizationKind.SOCIAL_COOP_B),
    )
    contact = create_contact(
        store,
        actor=AMBITO,
        data=ContactInput(
            last_name="Galli", first_name="Elena", organization_id=ponte.id, role="Coordinatrice"
        ),
    )
    meeting = new_meeting(store)
    (invited,) = invite_contacts(
        store, actor=AMBITO, meeting_id=meeting.id, contact_ids=[contact.id, contact.id]
    )
    assert (invited.full_name, invited.organization_name, invited.role) == (
        "Galli Elena",
        "Il Ponte",
        "Coordinatrice",
    )
    assert invited.attendance is Attendance.INVITED
    assert (
        invite_contacts(store, actor=AMBITO, meeting_id=meeting.id, contact_ids=[contact.id]) == []
    )
    update_contact(
        store,
        actor=AMBITO,
        contact_id=contact.id,
        data=ContactInput(last_name="Galli", first_name="Elena", role="Presidente"),
    )
    assert get_meeting(store, meeting.id).participants[0].role == "Coordinatrice"


def test_free_typed_participant_and_attendance(store: Store) -> None:
    meeting = new_meeting(store)
    walk_in = add_participant(
        store,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=ParticipantInput(full_name="Bassi Carla", organization_name="Comune di Luino"),
    )
    present = set_attendance(
        store,
        actor=AMBITO,
        participant_id=walk_in.id,
        attendance=Attendance.PRESENT,
        time_in=time(9, 40),
        time_out=time(11, 15),
        proxy_for="Sindaco di Luino",
    )
    assert (present.attendance, present.time_in, present.proxy_for) == (
        Attendance.PRESENT,
        time(9, 40),
        "Sindaco di Luino",
    )
    assert present.full_name == "Bassi Carla"
    with pytest.raises(ValidationError) as caught:
        set_attendance(
            store,
            actor=AMBITO,
            participant_id=walk_in.id,
            attendance=Attendance.JUSTIFIED_ABSENCE,
            time_in=time(9, 40),
        )
    assert caught.value.field_errors == {
        "time_in": "Gli orari di entrata e di uscita si indicano solo per chi è presente."
    }
    with pytest.raises(ValidationError) as caught:
        update_participant(
            store,
            actor=AMBITO,
            participant_id=walk_in.id,
            data=ParticipantInput(
                full_name="",
                attendance=Attendance.REMOTE,
                time_in=time(10, 0),
                time_out=time(9, 0),
            ),
        )
    assert caught.value.field_errors == {
        "full_name": "Il campo «Cognome e nome» è obbligatorio.",
        "time_out": "L'ora di fine non può precedere l'ora di inizio.",
    }
    assert get_meeting(store, meeting.id).participants[0].time_out == time(11, 15)
    remove_participant(store, actor=AMBITO, participant_id=walk_in.id)
    assert get_meeting(store, meeting.id).participants == ()


# --- agenda and votes ----------------------------------------------------------------------


def test_new_items_go_before_varie_ed_eventuali(store: Store) -> None:
    meeting = create_meeting(
        store,
        actor=AMBITO,
        data=meeting_input(meeting_type=MeetingType.OTHER),
    )
    add_agenda_item(
        store, actor=AMBITO, meeting_id=meeting.id, data=AgendaItemInput(title="Bilancio")
    )
    add_agenda_item(
        store,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=AgendaItemInput(title="Saluti"),
        position=1,
    )
    agenda = get_meeting(store, meeting.id).agenda
    assert [(item.position, item.title) for item in agenda] == [
        (1, "Saluti"),
        (2, "Approvazione verbale seduta precedente"),
        (3, "Comunicazioni"),
        (4, "Bilancio"),
        (5, "Varie ed eventuali"),
    ]
    with pytest.raises(ValidationError, match="tra 1 e 6"):
        add_agenda_item(
            store,
            actor=AMBITO,
            meeting_id=meeting.id,
            data=AgendaItemInput(title="Fuori"),
            position=9,
        )


def test_reorder_and_remove_renumber_the_agenda(store: Store) -> None:
    meeting = create_meeting(store, actor=AMBITO, data=meeting_input(), agenda=["A", "B", "C"])
    a, b, c = (item.id for item in meeting.agenda)
    reordered = reorder_agenda(
        store, actor=AMBITO, meeting_id=meeting.id, agenda_item_ids=[c, a, b]
    )
    assert [(item.title, item.position) for item in reordered] == [("C", 1), ("A", 2), ("B", 3)]
    with pytest.raises(ValidationError, match="tutti i punti"):
        reorder_agenda(store, actor=AMBITO, meeting_id=meeting.id, agenda_item_ids=[c, a])
    with pytest.raises(ValidationError):
        reorder_agenda(store, actor=AMBITO, meeting_id=meeting.id, agenda_item_ids=[c, a, a])
    action = add_action_item(
        store,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=ActionItemInput(description="Inviare il calendario", agenda_item_id=a),
    )
    remove_agenda_item(store, actor=AMBITO, agenda_item_id=a)
    detail = get_meeting(store, meeting.id)
    assert [(item.title, item.position) for item in detail.agenda] == [("C", 1), ("B", 2)]
    assert detail.actions[0].id == action.id
    assert detail.actions[0].agenda_item_id is None


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            AgendaItemInput(
                title="Delibera",
                decision="Approvato",
                vote=VoteKind.MAJORITY,
                votes_for=3,
                votes_against=3,
            ),
            {
                "votes_for": "Con una decisione a maggioranza i favorevoli devono essere più "
                "dei contrari."
            },
        ),
        (
            AgendaItemInput(title="Delibera", decision="Approvato", vote=VoteKind.MAJORITY),
            {"votes_for": "Il campo «Favorevoli» è obbligatorio."},
        ),
        (
            AgendaItemInput(
                title="Delibera",
                decision="Approvato",
                vote=VoteKind.MAJORITY,
                votes_for=5,
                votes_against=-1,
                votes_abstained=-2,
            ),
            {
                "votes_against": "Il campo «Contrari» non può essere negativo.",
                "votes_abstained": "Il campo «Astenuti» non può essere negativo.",
            },
        ),
        (
            AgendaItemInput(
                title="Delibera", decision="Approvato", vote=VoteKind.UNANIMOUS, votes_against=1
            ),
            {"votes_against": "Con l'unanimità non possono esserci voti contrari."},
        ),
        (
            AgendaItemInput(title="Informativa", vote=VoteKind.NONE, votes_for=4),
            {"votes_for": "Il numero dei voti si indica solo quando c'è una votazione."},
        ),
        (
            AgendaItemInput(title="Delibera", vote=VoteKind.UNANIMOUS),
            {"decision": "Il campo «Decisione» è obbligatorio."},
        ),
    ],
)
def test_votes_are_validated(store: Store, data: AgendaItemInput, errors: dict[str, str]) -> None:
    meeting = new_meeting(store)
    item = meeting.agenda[2]
    with pytest.raises(ValidationError) as caught:
        update_agenda_item(store, actor=AMBITO, agenda_item_id=item.id, data=data)
    assert caught.value.field_errors == errors
    assert get_meeting(store, meeting.id).agenda[2] == item


def test_a_majority_vote_is_recorded(store: Store) -> None:
    meeting = new_meeting(store)
    data = AgendaItemInput(
        title="Approvazione del piano delle attività",
        summary="Il tavolo discute il calendario dei laboratori.",
        decision="Il piano è approvato.",
        vote=VoteKind.MAJORITY,
        votes_for=7,
        votes_against=2,
        votes_abstained=1,
    )
    row = update_agenda_item(store, actor=AMBITO, agenda_item_id=meeting.agenda[2].id, data=data)
    assert (row.vote, row.votes_for, row.votes_against, row.votes_abstained) == (
        VoteKind.MAJORITY,
        7,
        2,
        1,
    )


# --- action items and the open-actions view ------------------------------------------------


def test_action_owner_is_copied_from_the_directory(store: Store) -> None:
    ponte = create_organization(
        store,
        actor=AMBITO,
        data=OrganizationInput(name="Il Ponte", kind=OrganizationKind.SOCIAL_COOP_B),
    )
    contact = create_contact(
        store,
        actor=AMBITO,
        data=ContactInput(last_name="Ferri", first_name="Dario", organization_id=ponte.id),
    )
    meeting = new_meeting(store)
    action = add_action_item(
        store,
        actor=AMBITO,
        meeting_id=meeting.id,
        data=ActionItemInput(
            description="Preparare la bozza di convenzione",
            owner_contact_id=contact.id,
            due_on=date(2026, 11, 30),
            agenda_item_id=meeting.agenda[2].id,
        ),
    )
    assert (action.owner_name, action.organization_name) == ("Ferri Dario", "Il Ponte")
    with pytest.raises(ValidationError) as caught:
        update_action_item(
            store,
            actor=AMBITO,
            action_item_id=action.id,
            data=ActionItemInput(description="", due_on=date(2026, 10, 1)),
        )
    assert caught.value.field_errors == {
        "description": "Il campo «Azione» è obbligatorio.",
        "due_on": "La data «Scadenza» non può essere precedente alla data della seduta.",
    }
    other = new_meeting(store)
    with pytest.raises(ValidationError, match="non è di questa seduta"):
        add_action_item(
            store,
            actor=AMBITO,
            meeting_id=other.id,
            data=ActionItemInput(description="X", agenda_item_id=meeting.agenda[0].id),
        )


def test_open_actions_across_meetings_sorted_with_overdue_flag(store: Store) -> None:
    first = new_meeting(store)
    second = new_meeting(store, held_on=date(2026, 11, 3))

    def action(meeting: MeetingDetail, text: str, due_on: date | None) -> str:
        return add_action_item(
            store,
            actor=AMBITO,
            meeting_id=meeting.id,
            data=ActionItemInput(description=text, due_on=due_on),
        ).id

    late = action(first, "Raccogliere le adesioni", date(2026, 11, 20))
    due_today = action(second, "Inviare il verbale", TODAY)
    later = action(first, "Convocare le aziende", date(2026, 12, 15))
    undated = action(second, "Aggiornare la rubrica", None)
    done = action(first, "Prenotare la sala", date(2026, 10, 20))
    removed = action(second, "Azione inserita per errore", date(2026, 11, 4))
    close_action_item(store, actor=AMBITO, action_item_id=done, closed_on=date(2026, 10, 18))
    remove_action_item(store, actor=AMBITO, action_item_id=removed)

    rows = list_open_actions(store, today=TODAY)
    assert [(row.id, row.overdue) for row in rows] == [
        (late, True),
        (due_today, False),
        (later, False),
        (undated, False),
    ]
    assert rows[0].meeting_number == first.number
    assert [row.overdue for row in list_open_actions(store, today=date(2026, 12, 31))] == [
        True,
        True,
        True,
        False,
    ]


def test_close_and_reopen(store: Store) -> None:
    meeting = new_meeting(store)
    action = add_action_item(
        store, actor=AMBITO, meeting_id=meeting.id, data=ActionItemInput(description="Verifica")
    )
    with pytest.raises(ValidationError, match="«Data di chiusura»"):
        close_action_item(store, actor=AMBITO, action_item_id=action.id, closed_on=date(2026, 1, 1))
    cancelled = close_action_item(
        store, actor=AMBITO, action_item_id=action.id, closed_on=TODAY, cancelled=True
    )
    assert (cancelled.status, cancelled.closed_on) == (ActionItemStatus.CANCELLED, TODAY)
    with pytest.raises(NotAllowedError, match="già chiusa"):
        close_action_item(store, actor=AMBITO, action_item_id=action.id, closed_on=TODAY)
    reopened = reopen_action_item(store, actor=AMBITO, action_item_id=action.id)
    assert (reopened.status, reopened.closed_on) == (ActionItemStatus.OPEN, None)
    with pytest.raises(NotAllowedError, match="già aperta"):
        reopen_action_item(store, actor=AMBITO, action_item_id=action.id)


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
