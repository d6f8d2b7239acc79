"""Demo meetings: tables, équipes and local networks with attendance, agenda, votes, actions.

Minutes refer to referrals by number only, never to a person (DOMAIN.md §4). Each series is
convened by the body that owns it (the Province its table, the proceeding Ambito a co-design
table) and numbered within its series; only a series' first session has no previous minutes
to approve. Participants are named "Cognome Nome", as the attendance sheet lists them.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from itertools import pairwise
from typing import Any, NamedTuple

from sqlalchemy import select

from desktop.demo.office_days import office_date_on_or_after, office_date_on_or_before
from desktop.demo.projects import ProjectSpec
from desktop.demo.reference import DemoContact, DemoOrganization, DemoSite
from desktop.demo.reference_data import demo_id
from desktop.demo.seeding import ETS_KINDS, IN_CHARGE, Seeding, operator_of
from desktop.demo.seeding import stamp as _stamp
from desktop.demo.seeding import synced as _synced
from desktop.domain import codes as c
from desktop.domain.codes import ReferralStatus as S
from desktop.domain.codes import SiteKind
from desktop.store.models import (
    ActionItem,
    AgendaItem,
    Contact,
    Meeting,
    MeetingParticipant,
    Project,
)

FIRST_AGENDA_ITEM = "Approvazione del verbale della seduta precedente"
SECOND_AGENDA_ITEM = "Comunicazioni"
LAST_AGENDA_ITEM = "Varie ed eventuali"


class _Series(NamedTuple):
    meeting_type: c.MeetingType
    title: str
    owner: str
    days_from_today: tuple[int, ...]  # negative: past
    organizations: tuple[DemoOrganization, ...]
    project: Project | None
    place: str
    mode: c.MeetingMode
    topics: tuple[str, ...]
    convened_by: str  # the organ, "Il Presidente"; the body is the owner
    # The body that chairs and decides: its first contact chairs the session.
    chairing: DemoOrganization | None = None
    # Co-design (art. 55 D.Lgs. 117/2017): the ETS propose, the proceeding body decides by
    # its own act; nobody votes on the money at the table.
    decided_by_act: bool = False


_PROVINCIAL_TOPICS = (
    "Monitoraggio delle segnalazioni NEET e CMD del trimestre",
    "Aggiornamento sull'avvio del CPI del Tradatese",
    "Programmazione delle attività del Tavolo",
    "Presentazione dei dati provinciali del programma GOL",
    "Proposta di protocollo d'intesa tra Ambiti e CPI",
)
_CO_DESIGN_TOPICS = (
    "Presentazione delle proposte progettuali degli ETS",
    "Definizione del piano delle attività",
    "Ripartizione delle risorse e del cofinanziamento",
    "Indicatori di monitoraggio del progetto",
    "Stato di avanzamento delle attività",
)
_NETWORK_TOPICS = (
    "Mappatura delle risorse del territorio",
    "Organizzazione della giornata di orientamento al lavoro",
    "Collaborazione con le scuole per l'orientamento",
    "Calendario degli incontri con le aziende",
)
_DECISIONS = (
    "Il Tavolo approva la proposta.",
    "Si approva la proposta con le modifiche emerse nella discussione.",
    "Si dà mandato alla segreteria di predisporre il documento definitivo.",
    "Si rinvia la decisione alla prossima seduta.",
)
_SUMMARIES = (
    "Dopo la presentazione si apre la discussione; intervengono diversi partecipanti.",
    "Il punto è illustrato con l'ausilio di slide allegate al verbale.",
    "Si condivide l'andamento e si evidenziano le criticità emerse nei territori.",
)
_ACT_DECISIONS = (
    "Le proposte emerse sono recepite dall'ente procedente, che decide con proprio atto "
    "(determinazione del Responsabile del procedimento).",
    "Il piano delle attività condiviso al tavolo sarà approvato con atto dell'ente procedente.",
    "La ripartizione delle risorse resta rimessa all'atto dell'ente procedente; gli ETS "
    "presentano le proprie osservazioni entro quindici giorni.",
)
_DELEGATING = ("Galimberti Carla", "Bonomi Paolo", "Ferri Lucia", "Zanzi Marco")  # invented
_ACTIONS = (
    "Inviare ai partecipanti il report trimestrale delle segnalazioni",
    "Predisporre la bozza del protocollo d'intesa",
    "Raccogliere la disponibilità delle aziende per i tirocini",
    "Aggiornare il calendario dei colloqui congiunti",
    "Verificare la documentazione per la convenzione art. 14",
    "Condividere l'elenco dei corsi di italiano attivi",
    "Convocare il gruppo di lavoro ristretto",
)


class Meetings:
    def __init__(self, seeding: Seeding, projects: list[tuple[Project, ProjectSpec]]) -> None:
        self.session = seeding.session
        self.rng = seeding.rng
        self.reference = reference = seeding.reference
        self.today = seeding.today
        self.referrals = seeding.referrals
        self.new_id = seeding.new_id
        self.projects = projects
        self.contacts: dict[str, list[DemoContact]] = {}
        for contact in reference.contacts:
            self.contacts.setdefault(contact.organization_id, []).append(contact)
        self.numbers: dict[tuple[str, c.MeetingType, str | None, int], int] = {}
        self.first_held: set[tuple[str, c.MeetingType, str | None]] = set()
        with_names = select(Contact.id, Contact.last_name, Contact.first_name)
        self.surname_first = {
            contact_id: f"{last} {first}"
            for contact_id, last, first in self.session.execute(with_names)
        }

    def _orgs(self, *kinds: c.OrganizationKind, limit: int = 99) -> list[DemoOrganization]:
        found = [o for o in self.reference.organizations if o.kind in kinds]
        return found[:limit]

    def _org(self, key: str) -> DemoOrganization | None:
        wanted = demo_id("organization", key)
        return next((o for o in self.reference.organizations if o.id == wanted), None)

    def _competent_cpis(self, site: DemoSite) -> list[DemoOrganization]:
        """The CPIs whose catchment covers the Ambito's comuni today: the équipe's CPI."""
        comuni = {m.id for m in self.reference.municipalities if m.ambito_id == site.ambito_id}
        centres = {
            catchment.job_centre_id
            for catchment in self.reference.catchments
            if catchment.municipality_id in comuni
            and (catchment.valid_from or date.min) <= self.today
            and self.today <= (catchment.valid_to or date.max)
        }
        codes = [s.code for s in self.reference.sites_of_kind(SiteKind.CPI)
                 if s.job_centre_id in centres]  # fmt: skip
        return [o for o in map(self._org, sorted(codes)) if o is not None]

    def _series(self) -> list[_Series]:
        reference = self.reference
        ambito_sites = {site.code: site for site in reference.sites_of_kind(SiteKind.AMBITO)}
        if not ambito_sites:
            return []
        local = reference.local_site if reference.local_site in ambito_sites else min(ambito_sites)
        luino = "AMB-LUINO" if "AMB-LUINO" in ambito_sites else max(ambito_sites)
        k = c.OrganizationKind
        province = self._org("provincia")
        ambiti = self._orgs(k.AMBITO)
        ets = self._orgs(*ETS_KINDS)
        # The Tavolo Unico: the Province convenes and chairs it; the Ambiti (all but a couple
        # absent from the list of invitees this year), every CPI and the main ETS sit at it.
        table = (
            *([province] if province else []),
            *ambiti[: max(len(ambiti) - 2, 1)],
            *self._orgs(k.CPI),
            *[o for o in ets if o.kind in (k.CONSORTIUM, k.SOCIAL_COOP_B, k.SOCIAL_COOP_A)][:4],
        )
        local_org = self._org(local)
        social = self._orgs(k.SOCIAL_SERVICE, limit=1)
        team = (
            *([local_org] if local_org else []),
            *self._competent_cpis(ambito_sites[local])[:1],
            *social,
        )
        series = [
            _Series(
                c.MeetingType.PROVINCIAL_TABLE,
                "Tavolo Unico Provinciale del Lavoro",
                reference.province_site,
                (-300, -210, -120, -30),
                table,
                None,
                "Sala consiliare, Provincia di Varese",
                c.MeetingMode.MIXED,
                _PROVINCIAL_TOPICS,
                "Il Dirigente del Settore Lavoro della Provincia",
                chairing=province,
            ),
            _Series(
                c.MeetingType.TEAM,
                "Équipe NEET e CMD con il CPI",
                local,
                (-60, -25, 10),
                team,
                None,
                "Sede dell'Ufficio di Piano",
                c.MeetingMode.IN_PERSON,
                (),
                "La Coordinatrice dell'Ufficio di Piano",
                chairing=local_org,
            ),
            _Series(
                c.MeetingType.LOCAL_NETWORK,
                "Rete territoriale per il lavoro",
                luino,
                (-90, -45),
                (
                    *([o for o in [self._org(luino)] if o]),
                    *self._orgs(k.SOCIAL_COOP_A, k.APS, k.ODV),
                    *self._orgs(k.SCHOOL, limit=1),
                    *self._orgs(k.COMPANY, limit=2),
                ),
                None,
                "Biblioteca civica",
                c.MeetingMode.VIDEO,
                _NETWORK_TOPICS,
                "Il Coordinatore della Rete",
                chairing=self._org(luino),
            ),
        ]
        with_table = [
            (project, spec)
            for project, spec in self.projects
            if spec.status in (c.ProjectStatus.RUNNING, c.ProjectStatus.CO_DESIGN_TABLE)
        ][:3]
        for project, spec in with_table:
            proceeding = self._org(spec.ambito_site)
            series.append(
                _Series(
                    c.MeetingType.CO_DESIGN_TABLE,
                    f"Tavolo di co-progettazione «{spec.title}»",
                    spec.ambito_site,
                    (-75, -20),
                    (*([proceeding] if proceeding else []), *ets[:6]),
                    project,
                    "Sala riunioni del Comune capofila",
                    c.MeetingMode.IN_PERSON,
                    _CO_DESIGN_TOPICS,
                    "La Responsabile del procedimento dell'Ufficio di Piano",
                    chairing=proceeding,
                    decided_by_act=True,
                )
            )
        return series

    def add_all(self) -> int:
        series_list = self._series()
        # Created in date order, so that each series' minutes are numbered in date order.
        planned = sorted(
            (_office_day(self.today + timedelta(days=offset), self.today), index)
            for index, series in enumerate(series_list)
            for offset in series.days_from_today
        )
        by_series: dict[int, list[Meeting]] = {}
        for held_on, index in planned:
            by_series.setdefault(index, []).append(self._meeting(series_list[index], held_on))
        for index, meetings in by_series.items():
            topics = series_list[index].topics
            for meeting, following in pairwise(meetings):
                meeting.next_meeting_on = following.held_on
                meeting.next_meeting_place = following.place
                meeting.next_meeting_topics = "; ".join(topics[:2]) or "Aggiornamento sui percorsi"
                # Minutes are written up after the meeting; set here, or the ORM stamps "now".
                meeting.updated_at = _stamp(
                    min(meeting.held_on + timedelta(days=3), self.today - timedelta(days=1))
                )
                if following.held_on < self.today:
                    meeting.minutes_status = c.MinutesStatus.APPROVED
                    meeting.approved_in_meeting_on = following.held_on
                    meeting.approved_at = meeting.updated_at = _stamp(following.held_on, 12)
                    # Registered once approved, a few days after the approving session.
                    protocol_on = min(
                        office_date_on_or_after(
                            following.held_on + timedelta(days=self.rng.randint(1, 5))
                        ),
                        office_date_on_or_before(self.today - timedelta(days=1)),
                    )
                    meeting.protocol_number = str(self.rng.randint(1000, 30000))
                    meeting.protocol_on = protocol_on
        self.session.flush()
        return len(planned)

    def _meeting(self, series: _Series, held_on: date) -> Meeting:
        rng = self.rng
        owner = series.owner
        operator = operator_of(self.reference, owner)
        convened = office_date_on_or_before(held_on - timedelta(days=rng.randint(7, 15)))
        common = _synced(
            owner,
            self.reference.local_site,
            operator,
            _stamp(min(convened, self.today - timedelta(days=1))),
        )
        project_id = series.project.id if series.project else None
        table = (owner, series.meeting_type, project_id)
        year_key = (*table, held_on.year)
        self.numbers[year_key] = self.numbers.get(year_key, 0) + 1
        previous_minutes = table in self.first_held
        self.first_held.add(table)
        start = time(rng.choice((9, 10, 14, 15)), rng.choice((0, 30)))
        end = time(start.hour + rng.randint(1, 2), start.minute)
        past = held_on <= self.today
        participants = self._participants(series, start, end, past)
        present = [
            p for p in participants if p.attendance in (c.Attendance.PRESENT, c.Attendance.REMOTE)
        ]
        chairing = [
            p
            for p in present
            if series.chairing is not None and p.organization_id == series.chairing.id
        ]
        chair = (chairing or present or participants)[0].full_name
        # The secretary is of the chairing body too, when it sent two people.
        secretary = chairing[1].full_name if len(chairing) > 1 else ""
        meeting = Meeting(
            id=self.new_id(),
            number=f"{self.numbers[year_key]:02d}/{held_on.year}",
            meeting_type=series.meeting_type,
            title=series.title,
            project_id=project_id,
            convening_site=owner,
            convened_by=series.convened_by,
            convocation_protocol=str(rng.randint(1000, 30000)),
            convocation_on=convened,
            mode=series.mode,
            place=series.place,
            held_on=held_on,
            start_time=start,
            end_time=end if past else None,
            chair_name=chair,
            secretary_name=secretary,
            minutes_status=c.MinutesStatus.DRAFT,
            attachments=["Presentazione.pdf", "Report_segnalazioni.xlsx"] if past else [],
            **common,
        )
        self.session.add(meeting)
        self.session.flush()
        for participant in participants:
            participant.meeting_id = meeting.id
            participant.id = self.new_id()
            for key, value in common.items():
                setattr(participant, key, value)
            self.session.add(participant)
        self._agenda(
            meeting,
            series,
            participants,
            voters=len(present),
            past=past,
            previous_minutes=previous_minutes,
            common=common,
        )
        return meeting

    def _participants(
        self, series: _Series, start: time, end: time, past: bool
    ) -> list[MeetingParticipant]:
        rng = self.rng
        people: list[tuple[DemoOrganization, DemoContact, str]] = []
        # A large table seats one person per body; the chairing body brings two.
        per_body = 1 if len(series.organizations) > 8 else 2
        for number, organization in enumerate(series.organizations):
            colleagues = self.contacts.get(organization.id, [])
            # Whom the first may stand in for: a third colleague, else the body's head.
            delegating = (
                self._name(colleagues[2])
                if len(colleagues) > 2
                else _DELEGATING[number % len(_DELEGATING)]
            )
            seats = 2 if organization == series.chairing else per_body
            for index, contact in enumerate(colleagues[:seats]):
                people.append((organization, contact, delegating if index == 0 else ""))
        people = people[:30]
        participants = []
        for organization, contact, delegating in people:
            if not past:
                attendance = c.Attendance.INVITED
            else:
                roll = rng.random()
                remote_ok = series.mode is not c.MeetingMode.IN_PERSON
                attendance = (
                    c.Attendance.REMOTE
                    if remote_ok and roll < 0.25
                    else c.Attendance.PRESENT
                    if roll < 0.82
                    else c.Attendance.JUSTIFIED_ABSENCE
                    if roll < 0.94
                    else c.Attendance.ABSENT
                )
            if past and organization == series.chairing:
                attendance = c.Attendance.PRESENT  # the chair and the secretary are there
            there = attendance in (c.Attendance.PRESENT, c.Attendance.REMOTE)
            proxy = delegating if there and delegating and rng.random() < 0.15 else ""
            participants.append(
                MeetingParticipant(
                    contact_id=contact.id,
                    organization_id=organization.id,
                    full_name=self._name(contact),
                    organization_name=organization.name,
                    role=contact.role,
                    attendance=attendance,
                    time_in=start if there else None,
                    time_out=end if there else None,
                    proxy_for=proxy,
                )
            )
        return participants

    def _name(self, contact: DemoContact) -> str:
        """ "Cognome Nome", as participants are stored."""
        return self.surname_first.get(contact.id, contact.full_name)

    def _agenda(
        self,
        meeting: Meeting,
        series: _Series,
        participants: list[MeetingParticipant],
        *,
        voters: int,
        past: bool,
        previous_minutes: bool,
        common: dict[str, Any],
    ) -> None:
        rng = self.rng
        topics = list(rng.sample(series.topics, min(len(series.topics), rng.randint(1, 3))))
        if series.meeting_type is c.MeetingType.TEAM:
            topics = self._team_topics()
        titles = [SECOND_AGENDA_ITEM, *topics, LAST_AGENDA_ITEM]
        if previous_minutes:  # a series' first session has no minutes to approve
            titles.insert(0, FIRST_AGENDA_ITEM)
        items: list[tuple[AgendaItem, bool]] = []
        for position, title in enumerate(titles, start=1):
            item = AgendaItem(
                id=self.new_id(), meeting_id=meeting.id, position=position, title=title, **common
            )
            is_topic = title in topics
            if past:
                self._discuss(item, is_topic, voters, by_act=series.decided_by_act)
            self.session.add(item)
            items.append((item, is_topic))
        self.session.flush()
        if not past:
            return
        owners = [p for p in participants if p.attendance is not c.Attendance.ABSENT]
        for item, is_topic in items:
            if not is_topic or not owners:
                continue
            for _ in range(rng.randint(0, 2)):
                owner = rng.choice(owners)
                due = office_date_on_or_after(meeting.held_on + timedelta(days=rng.randint(14, 60)))
                done = due < self.today and rng.random() < 0.6
                status = c.ActionItemStatus.DONE if done else c.ActionItemStatus.OPEN
                if due < self.today and not done and rng.random() < 0.1:
                    status = c.ActionItemStatus.CANCELLED
                self.session.add(
                    ActionItem(
                        id=self.new_id(),
                        meeting_id=meeting.id,
                        agenda_item_id=item.id,
                        description=rng.choice(_ACTIONS),
                        owner_name=owner.full_name,
                        owner_contact_id=owner.contact_id,
                        organization_name=owner.organization_name,
                        organization_id=owner.organization_id,
                        due_on=due,
                        status=status,
                        closed_on=(
                            office_date_on_or_before(
                                min(due - timedelta(days=rng.randint(0, 10)), self.today)
                            )
                            if done
                            else None
                        ),
                        **common,
                    )
                )

    def _discuss(self, item: AgendaItem, is_topic: bool, voters: int, *, by_act: bool) -> None:
        rng = self.rng
        if item.title == FIRST_AGENDA_ITEM:
            item.summary = "Il verbale della seduta precedente è dato per letto."
            item.decision = "Il verbale è approvato."
            item.vote = c.VoteKind.UNANIMOUS
        elif not is_topic:
            item.summary = (
                "Nessun ulteriore argomento."
                if item.title == LAST_AGENDA_ITEM
                else "La presidenza informa sulle novità normative e sulle scadenze."
            )
        elif by_act:
            item.summary = rng.choice(_SUMMARIES)
            item.decision = rng.choice(_ACT_DECISIONS)
            item.vote = c.VoteKind.NONE
        else:
            item.summary = rng.choice(_SUMMARIES)
            item.decision = rng.choice(_DECISIONS)
            roll = rng.random()
            if roll < 0.5 or voters < 3:
                item.vote = c.VoteKind.UNANIMOUS
            elif roll < 0.8:
                against = rng.randint(1, max(1, voters // 4))
                abstained = rng.randint(0, max(0, voters - against - 2) // 3)
                item.vote = c.VoteKind.MAJORITY
                item.votes_for = voters - against - abstained
                item.votes_against = against
                item.votes_abstained = abstained

    def _team_topics(self) -> list[str]:
        local = [r for r in self.referrals if r.sending_site == self.reference.local_site]
        in_path = [r.number for r in local if r.status in IN_CHARGE][-40:]
        new = [r.number for r in local if r.status in (S.SENT, S.RECEIVED)][-20:]
        topics = []
        if in_path:
            picked = sorted(self.rng.sample(in_path, min(3, len(in_path))))
            topics.append(
                f"Aggiornamento sui percorsi in corso (segnalazioni n. {', '.join(picked)})"
            )
        if new:
            picked = sorted(self.rng.sample(new, min(2, len(new))))
            topics.append(f"Nuove segnalazioni da valutare (n. {', '.join(picked)})")
        topics.append("Calendario dei colloqui congiunti")
        return topics


def _office_day(day: date, today: date) -> date:
    """A meeting's day: a working day, before today if it is past, after it if it is not."""
    if day < today:
        return office_date_on_or_before(day)
    return office_date_on_or_after(max(day, today + timedelta(days=1)))
