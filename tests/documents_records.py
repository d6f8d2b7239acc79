"""Records in a store to print: referrals (one restricted), a meeting and a project, with
accented and foreign names. Every name is invented."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from desktop.domain.codes import (
    Attendance,
    FundingSource,
    MeetingMode,
    MeetingType,
    OrganizationKind,
    PartnerRole,
)
from desktop.services.context import Actor
from desktop.services.directory import OrganizationInput, create_organization
from desktop.services.installation import OPERATOR, SITE_CODE, SITE_KIND, set_settings
from desktop.services.meetings import (
    AgendaItemInput,
    MeetingInput,
    ParticipantInput,
    add_agenda_item,
    add_participant,
    create_meeting,
)
from desktop.services.projects import (
    FundingInput,
    PartnerInput,
    ProjectInput,
    add_funding,
    add_partner,
    create_project,
)
from desktop.services.referrals.records import create_referral, set_referral_restriction
from desktop.store.engine import Store
from tests.services_support import Network, build_network, make_person, neet_input
from tests.site_profiles_support import complete_profiles

TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class Records:
    network: Network
    actor: Actor
    person_id: str
    referral_id: str
    referral_number: str
    restricted_referral_id: str
    restricted_number: str
    meeting_id: str
    project_id: str


def make_records(store: Store, *, referrals: int = 1) -> Records:
    network = build_network(store)
    complete_profiles(store)  # a privacy notice is refused in the name of an incomplete body
    actor = network.ambito
    # The command line and the app act as this data folder's operator and site.
    set_settings(store, {OPERATOR: actor.operator, SITE_CODE: actor.site_code, SITE_KIND: "ambito"})
    person = make_person(store, network, last_name="Łukasiewicz", first_name="Nicolò",
                         sex="M", birth_date=date(2004, 5, 17))  # fmt: skip
    created = [
        create_referral(
            store,
            actor=actor,
            data=neet_input(
                person.id,
                referring_operator="Anna Müller-Peña",
                reason=f"Giovane di Cantù, fuori da scuola e lavoro (n. {index}).",
            ),
            today=TODAY,
        )
        for index in range(referrals)
    ]
    other = make_person(store, network, last_name="Søndergård", first_name="Åsa",
                        birth_date=date(2003, 2, 1))  # fmt: skip
    restricted = create_referral(store, actor=actor, data=neet_input(other.id), today=TODAY)
    set_referral_restriction(
        store, actor=actor, referral_id=restricted.id, restricted=True, reason="Richiesta art. 18"
    )
    meeting = create_meeting(
        store,
        actor=actor,
        data=MeetingInput(
            meeting_type=MeetingType.PROVINCIAL_TABLE,
            title="Tavolo Unico – sottogruppo Città di Cantù",
            held_on=TODAY,
            mode=MeetingMode.IN_PERSON,
            place="Sala Ørsted, Varese",
            start_time=time(9, 30),
            end_time=time(12, 0),
            chair_name="Chiara Bianchi",
            secretary_name="Niccolò Ricci",
        ),
    )
    add_participant(
        store,
        actor=actor,
        meeting_id=meeting.id,
        data=ParticipantInput(
            full_name="Şahin Ayşe",
            organization_name="Cooperativa «Il Girasole»",
            role="Coordinatrice",
            attendance=Attendance.PRESENT,
        ),
    )
    add_agenda_item(
        store,
        actor=actor,
        meeting_id=meeting.id,
        data=AgendaItemInput(title="Attività di orientamento a Cantù", summary="Si discute."),
    )
    organization = create_organization(
        store,
        actor=actor,
        data=OrganizationInput(name="Associazione Peña & Núñez APS", kind=OrganizationKind.APS),
    )
    project = create_project(
        store,
        actor=actor,
        data=ProjectInput(
            title="Ponti verso il lavoro – Città di Cantù", acronym="PONTI", cup="J31H22000120006"
        ),
    )
    add_partner(
        store,
        actor=actor,
        project_id=project.id,
        data=PartnerInput(
            organization_id=organization.id, role=PartnerRole.LEAD, resources_value_cents=480_000
        ),
    )
    add_funding(
        store,
        actor=actor,
        project_id=project.id,
        data=FundingInput(source=FundingSource.FNPS, amount_cents=12_000_050, year=2026),
    )
    return Records(
        network=network,
        actor=actor,
        person_id=person.id,
        referral_id=created[0].id,
        referral_number=created[0].number,
        restricted_referral_id=restricted.id,
        restricted_number=restricted.number,
        meeting_id=meeting.id,
        project_id=project.id,
    )
