"""Demo joint activation plans and CPI → Ambito social referrals (issue 17's practice).

A joint plan hangs off a referral taken in charge: goals and a review written by the sending
office, actions written by whoever takes them on (the sender or the CPI), two joint
interviews (the first at the CPI, the second at the sender's), each row owned by the site that
wrote it. A few CPI referrals to the local Ambito's social services, with the Ambito's replies
(the row's own status stays the CPI's "sent"; the replies carry the Ambito's answer).
Dates are office days; some actions are overdue on purpose, as in any office.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from desktop.demo.office_days import office_date_on_or_after, office_date_on_or_before
from desktop.demo.seeding import IN_CHARGE, ReferralSummary, Seeding, operator_of
from desktop.demo.seeding import stamp as _stamp
from desktop.demo.seeding import synced as _synced
from desktop.domain import codes as c
from desktop.domain.codes import SiteKind
from desktop.store.models import (
    Ambito,
    JointInterview,
    Organization,
    Person,
    PlanAction,
    PlanGoal,
    PlanReview,
    Referral,
    ReferralHandling,
    SocialReferral,
    SocialReferralReply,
)

JOINT_PLANS = 6
SOCIAL_REFERRALS = 4

_GOALS = (
    "Rafforzare l'autonomia negli spostamenti casa-lavoro",
    "Definire un obiettivo professionale realistico",
    "Acquisire competenze di base per il settore scelto",
    "Avviare un'esperienza di lavoro con tutoraggio",
    "Completare la certificazione delle competenze",
)
_ACTIONS: tuple[tuple[c.PlanParty, str], ...] = (
    (c.PlanParty.CPI, "Colloquio di orientamento specialistico e bilancio di competenze"),
    (c.PlanParty.CPI, "Ricerca di un'azienda disponibile per il tirocinio"),
    (c.PlanParty.AMBITO, "Attivazione del trasporto sociale per il periodo del tirocinio"),
    (c.PlanParty.AMBITO, "Verifica con la famiglia della disponibilità agli orari"),
    (c.PlanParty.ETS, "Tutoraggio educativo durante le prime settimane in azienda"),
    (c.PlanParty.PERSON, "Ricerca attiva: almeno tre candidature al mese alle offerte segnalate"),
    (c.PlanParty.PERSON, "Aggiornamento del curriculum con l'operatrice"),
)
_REVIEW_NOTES = (
    "Il percorso procede come concordato; confermati obiettivi e scadenze.",
    "Rivisti i tempi del tirocinio: l'azienda ha chiesto di posticipare l'avvio.",
)
_SOCIAL_REASONS = (
    "Nel colloquio al CPI emergono difficoltà abitative del nucleo: si chiede una valutazione "
    "del servizio sociale.",
    "La persona riferisce un carico di cura verso un familiare che limita la ricerca di "
    "lavoro: si chiede un contatto con il servizio sociale.",
    "Percettore di sostegno al reddito con bisogni sociali oltre quelli lavorativi: si propone "
    "la presa in carico congiunta.",
    "Giovane in uscita da una comunità, senza rete familiare: si chiede un accompagnamento.",
)
_SOCIAL_NEEDS = (
    [c.Need.HOUSING.value],
    [c.Need.WORK_LIFE_BALANCE.value],
    [c.Need.HOUSING.value, c.Need.MOTIVATION.value],
    [c.Need.MOBILITY.value, c.Need.ORIENTATION.value],
)


class Practice:
    def __init__(self, seeding: Seeding) -> None:
        self.seeding = seeding
        self.session = seeding.session
        self.rng = seeding.rng
        self.reference = seeding.reference
        self.today = seeding.today
        self.new_id = seeding.new_id

    def add_all(self, referrals: Sequence[ReferralSummary]) -> tuple[int, int]:
        return self._joint_plans(referrals), self._social_referrals()

    # -- joint plans --------------------------------------------------------------------

    def _joint_plans(self, referrals: Sequence[ReferralSummary]) -> int:
        local = self.reference.local_site
        candidates = [
            r
            for r in referrals
            if r.status in IN_CHARGE and r.status is not c.ReferralStatus.CONCLUDED
        ]
        # The local office's own first: its plans are the ones its PC shows.
        candidates.sort(key=lambda r: (r.sending_site != local, r.number))
        ids = [r.id for r in candidates[: JOINT_PLANS * 3]]
        if not ids:
            return 0
        rows = self.session.execute(
            select(Referral.id, Referral.sending_site, ReferralHandling.owner_site,
                   ReferralHandling.taken_in_charge_on)
            .join(ReferralHandling, ReferralHandling.referral_id == Referral.id)
            .where(Referral.id.in_(ids), ReferralHandling.taken_in_charge_on.is_not(None))
        ).all()  # fmt: skip
        by_id = {row[0]: row for row in rows}
        made = 0
        for referral_id in ids:
            row = by_id.get(referral_id)
            if row is None or row[3] is None or row[3] >= self.today - timedelta(days=20):
                continue
            self._plan(referral_id, sender=row[1], cpi=row[2], taken=row[3])
            made += 1
            if made >= JOINT_PLANS:
                break
        self.session.flush()
        return made

    def _plan(self, referral_id: str, *, sender: str, cpi: str, taken: date) -> None:
        rng, today = self.rng, self.today
        local = self.reference.local_site

        def common(owner: str, day: date) -> dict[str, Any]:
            who = operator_of(self.reference, owner)
            return _synced(owner, local, who, _stamp(min(day, today - timedelta(days=1)), 10))

        first_meeting = office_date_on_or_after(taken + timedelta(days=rng.randint(5, 12)))
        first_meeting = min(first_meeting, office_date_on_or_before(today - timedelta(days=1)))
        goals = []
        for position, text in enumerate(rng.sample(_GOALS, 2), start=1):
            goal = PlanGoal(
                id=self.new_id(), referral_id=referral_id, position=position,
                description=text, **common(sender, first_meeting),
            )  # fmt: skip
            self.session.add(goal)
            goals.append(goal)
        self.session.flush()
        ets = self._ets_provider()
        for index, (party, text) in enumerate(rng.sample(_ACTIONS, 4)):
            # The row belongs to whoever wrote it: the CPI its own actions, the sender the rest.
            owner = cpi if party is c.PlanParty.CPI else sender
            due = office_date_on_or_after(first_meeting + timedelta(days=rng.randint(10, 90)))
            done = None
            status = c.ActionItemStatus.OPEN
            if due < today and index % 2 == 0:
                done = office_date_on_or_before(min(due, today - timedelta(days=1)))
                status = c.ActionItemStatus.DONE
            # An odd one past its due date and still open: the plan's overdue list shows it.
            self.session.add(
                PlanAction(
                    id=self.new_id(), referral_id=referral_id,
                    goal_id=goals[index % len(goals)].id, description=text,
                    responsible_party=party,
                    responsible_organization_id=ets.id if party is c.PlanParty.ETS and ets
                    else None,
                    responsible_name=ets.name if party is c.PlanParty.ETS and ets else "",
                    due_on=due, done_on=done, status=status,
                    **common(owner, first_meeting),
                )
            )  # fmt: skip
        second = office_date_on_or_after(first_meeting + timedelta(days=rng.randint(30, 60)))
        interviews = [(cpi, first_meeting, "Sede del Centro per l'impiego")]
        if second < today:
            interviews.append((sender, second, "Sede dell'Ufficio di Piano"))
        for owner, held_on, place in interviews:
            self.session.add(
                JointInterview(
                    id=self.new_id(), referral_id=referral_id, held_on=held_on, place=place,
                    participants=self._participants(sender, cpi), person_present=True,
                    summary="Condivisi con la persona obiettivi, azioni e scadenze del percorso.",
                    **common(owner, held_on),
                )
            )  # fmt: skip
        review_on = office_date_on_or_after(first_meeting + timedelta(days=rng.randint(60, 90)))
        if review_on < today:
            self.session.add(
                PlanReview(
                    id=self.new_id(), referral_id=referral_id, review_on=review_on,
                    outcome=rng.choice((c.ReviewOutcome.ON_TRACK, c.ReviewOutcome.REVISED)),
                    notes=rng.choice(_REVIEW_NOTES),
                    next_review_on=office_date_on_or_after(review_on + timedelta(days=90)),
                    **common(sender, review_on),
                )
            )  # fmt: skip

    def _participants(self, sender: str, cpi: str) -> list[str]:
        names = []
        for code in (sender, cpi):
            site = next((s for s in self.reference.sites if s.code == code), None)
            if site and site.operators:
                names.append(f"{site.operators[0].full_name} ({site.name})")
        return names

    def _ets_provider(self) -> Organization | None:
        return self.session.scalar(
            select(Organization)
            .where(Organization.kind.in_((c.OrganizationKind.SOCIAL_COOP_A,
                                          c.OrganizationKind.SOCIAL_COOP_B)))
            .order_by(Organization.name)
            .limit(1)
        )  # fmt: skip

    # -- social referrals ---------------------------------------------------------------

    def _social_referrals(self) -> int:
        """A few CPI referrals to the local Ambito's social services, the Ambito answering."""
        reference, rng, today = self.reference, self.rng, self.today
        local = next((s for s in reference.sites if s.code == reference.local_site), None)
        if local is None or local.kind is not SiteKind.AMBITO or local.ambito_id is None:
            return 0
        # The CPI the Ambito works with most: the one that knows its people.
        cpi_code = self.session.scalar(
            select(ReferralHandling.owner_site)
            .join(Referral, Referral.id == ReferralHandling.referral_id)
            .where(Referral.sending_site == local.code)
            .group_by(ReferralHandling.owner_site)
            .order_by(func.count().desc(), ReferralHandling.owner_site)
            .limit(1)
        )
        if cpi_code is None:
            return 0
        people = self.session.execute(
            select(Person.id, Referral.id)
            .join(Referral, Referral.person_id == Person.id)
            .join(ReferralHandling, ReferralHandling.referral_id == Referral.id)
            .where(ReferralHandling.owner_site == cpi_code,
                   Referral.sending_site == local.code)
            .order_by(Referral.number.desc())
            .limit(SOCIAL_REFERRALS)
        ).all()  # fmt: skip
        ambito = self.session.get(Ambito, local.ambito_id)
        if ambito is None:
            return 0
        cpi_operator = operator_of(reference, cpi_code)
        replies = (c.SocialReferralStatus.ACCEPTED, c.SocialReferralStatus.DECLINED, None,
                   c.SocialReferralStatus.CLOSED)  # fmt: skip
        for index, (person_id, referral_id) in enumerate(people):
            sent_on = office_date_on_or_before(today - timedelta(days=rng.randint(15, 120)))
            reply = replies[index % len(replies)]
            social = SocialReferral(
                id=self.new_id(), number=f"{sent_on.year}/S/{index + 1:06d}",
                person_id=person_id, sending_site=cpi_code, ambito_id=ambito.id,
                referral_id=referral_id, status=c.SocialReferralStatus.SENT,
                created_on=sent_on, sent_on=sent_on,
                referring_operator=cpi_operator, reason=_SOCIAL_REASONS[index % 4],
                needs=_SOCIAL_NEEDS[index % 4], urgency=c.Urgency.NORMAL,
                **_synced(cpi_code, reference.local_site, cpi_operator, _stamp(sent_on, 10)),
            )  # fmt: skip
            self.session.add(social)
            self.session.flush()
            # In an enrolled folder the CPI's row is not on the server (it came with the seed,
            # not from the CPI's PC): an answer to it would be refused. The Ambito answers
            # them in the demo itself.
            if reply is None or reference.enrolled:
                continue
            replied = office_date_on_or_after(sent_on + timedelta(days=rng.randint(3, 12)))
            replied = min(replied, office_date_on_or_before(today - timedelta(days=1)))
            note = {
                c.SocialReferralStatus.ACCEPTED: "Presa in carico dal servizio sociale "
                "professionale; primo colloquio fissato.",
                c.SocialReferralStatus.DECLINED: "Il nucleo è già seguito dall'Ambito di "
                "residenza precedente: si inoltra al servizio competente.",
                c.SocialReferralStatus.CLOSED: "Intervento concluso: attivato il contributo "
                "per l'affitto, nucleo informato.",
            }[reply]
            self.session.add(
                SocialReferralReply(
                    id=self.new_id(), social_referral_id=social.id, status=reply,
                    replied_on=replied, operator=reference.local_operator, site=local.code,
                    note=note,
                    **_synced(local.code, reference.local_site, reference.local_operator,
                              _stamp(replied, 11)),
                )
            )  # fmt: skip
        self.session.flush()
        return len(people)
