"""Meetings: templates, numbering, participants, agenda and votes, action items and the
open-actions view.

Every name is invented.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from desktop.domain.codes import (
    ActionItemStatus,
    Attendance,
    MeetingType,
    MinutesStatus,
    OrganizationKind,
    VoteKind,
)
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
    ParticipantInput,
    add_action_item,
    add_agenda_item,
    add_participant,
    approve_minutes,
    close_action_item,
    create_meeting,
    default_agenda,
    delete_meeting,
    get_meeting,
    invite_contacts,
    list_meetings,
    list_open_actions,
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
from tests.meetings_support import (
    AMBITO,
    HELD_ON,
    OTHER_SITE,
    TODAY,
    count_meetings,
    meeting_input,
    new_meeting,
)

# --- creation, numbering, validation -------------------------------------------------------


def test_meeting_is_created_from_its_type_template(store: Store) -> None:
    first = new_meeting(store, held_on=date(2026, 9, 10))
    assert [item.title for item in first.agenda] == list(
        default_agenda(MeetingType.PROVINCIAL_TABLE, previous_minutes=False)
    )
    meeting = new_meeting(store)
    titles = [item.title for item in meeting.agenda]
    assert titles == list(default_agenda(MeetingType.PROVINCIAL_TABLE))
    assert titles[0] == "Approvazione del verbale della seduta precedente"
    assert titles[1] == "Comunicazioni"
    assert titles[-1] == "Varie ed eventuali"
    assert [item.position for item in meeting.agenda] == list(range(1, len(titles) + 1))
    assert meeting.minutes_status is MinutesStatus.DRAFT
    assert (meeting.version, meeting.owner_site) == (1, "AMB-VA")
    assert get_meeting(store, meeting.id) == meeting
    for meeting_type in MeetingType:
        template = default_agenda(meeting_type)
        assert template[0] == "Approvazione del verbale della seduta precedente"
        assert template[-1] == "Varie ed eventuali"
        assert default_agenda(meeting_type, previous_minutes=False) == template[1:]


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
    # The table's first session: no previous minutes to approve.
    assert [(item.position, item.title) for item in agenda] == [
        (1, "Saluti"),
        (2, "Comunicazioni"),
        (3, "Bilancio"),
        (4, "Varie ed eventuali"),
    ]
    with pytest.raises(ValidationError, match="tra 1 e 5"):
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
