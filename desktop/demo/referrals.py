"""Demo referral rows with everything hanging off them: events, handling, actions, notices.

Ownership follows DESIGN.md §3: the referral, its sender's events and the privacy notice
belong to the sending Ambito; receipt, handling, path actions and outcome to the CPI.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any

from desktop.demo import distributions as d
from desktop.demo import texts
from desktop.demo.bulk import DAY, BulkTable, sql_date, sql_day, sql_instant, sql_json
from desktop.demo.distributions import Draw
from desktop.demo.office_days import office_day_on_or_after, office_day_on_or_before
from desktop.demo.people import PersonFacts, birthday
from desktop.demo.reference import DemoMunicipality
from desktop.demo.reference_data import ETS_SITES
from desktop.demo.seeding import ReferralSummary
from desktop.demo.timeline import Plan
from desktop.demo.world import World
from desktop.domain import codes as c
from desktop.domain.codes import CompatibleTask, PlacementSupport, Track
from desktop.domain.codes import ReferralStatus as S
from desktop.domain.referral import in_code_order
from desktop.store.models import (
    PathAction,
    PrivacyAcknowledgement,
    Referral,
    ReferralEvent,
    ReferralHandling,
)

PRIVACY_NOTICE_VERSION = "2025.1"

REFERRAL_FIELDS = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "dirty", "number", "track",
    "status", "status_changed_at", "person_id", "sending_site", "referring_service",
    "referring_operator", "job_centre_id", "job_centre_overridden", "reason", "urgency",
    "created_on", "sent_on", "privacy_notice_on", "attachments", "out_of_work_since",
    "out_of_education_since", "early_school_leaver", "guarantee_adhesion_on",
    "guarantee_status", "profiling_class", "gol_path", "needs", "other_services",
    "disability_category", "disability_percentage", "assessment_on", "l68_registration_on",
    "doc_assessment_seen", "doc_assessment_on", "doc_functional_diagnosis_seen",
    "doc_functional_diagnosis_on", "doc_final_report_seen", "doc_final_report_on",
    "invalidity_revision_on", "compatible_tasks", "placement_supports", "placement_notes",
)  # fmt: skip
# Events are the most numerous rows: built as tuples in this order, without a dict.
EVENT_FIELDS = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "dirty", "referral_id", "at",
    "operator", "site", "from_status", "to_status", "note",
)  # fmt: skip
HANDLING_FIELDS = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "dirty", "referral_id",
    "received_on", "taken_in_charge_on", "referent_id", "outcome", "outcome_on",
    "contract_type", "counts_in_l68_quota", "employer_type", "outcome_notes",
    "follow_up_due_on", "follow_up_done_on", "follow_up_notes", "service_pact_on",
    "hiring_mode",
)  # fmt: skip
ACTION_FIELDS = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "dirty", "referral_id",
    "action_type", "state", "start_on", "end_on", "provider_id", "funding", "hours",
    "outcome_notes",
)  # fmt: skip
ACKNOWLEDGEMENT_FIELDS = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "dirty", "person_id",
    "referral_id", "notice_version", "handed_over_on", "operator",
)  # fmt: skip

_ETS_SITE_CODES = frozenset(spec.code for spec in ETS_SITES)
_SENDER_STATUSES = frozenset({S.DRAFT, S.SENT, S.WITHDRAWN})
_SERVICES = (
    "Servizio sociale professionale",
    "Servizio inserimenti lavorativi (SIL)",
    "Segretariato sociale",
    "Servizio tutela minori",
    "Sportello lavoro dell'Ambito",
)
_NO_NEET: dict[str, Any] = {
    "out_of_work_since": None, "out_of_education_since": None, "early_school_leaver": None,
    "guarantee_adhesion_on": None, "guarantee_status": None, "profiling_class": None,
    "gol_path": None, "needs": "[]", "other_services": "[]",
}  # fmt: skip
_NO_CMD: dict[str, Any] = {
    "disability_category": None, "disability_percentage": None, "assessment_on": None,
    "l68_registration_on": None, "doc_assessment_seen": False, "doc_assessment_on": None,
    "doc_functional_diagnosis_seen": False, "doc_functional_diagnosis_on": None,
    "doc_final_report_seen": False, "doc_final_report_on": None,
    "invalidity_revision_on": None, "compatible_tasks": "[]", "placement_supports": "[]",
    "placement_notes": "",
}  # fmt: skip
_NO_OUTCOME: dict[str, Any] = {
    "outcome": None, "outcome_on": None, "contract_type": None, "counts_in_l68_quota": None,
    "employer_type": None, "outcome_notes": "", "follow_up_due_on": None,
    "follow_up_done_on": None, "follow_up_notes": "", "hiring_mode": None,
}  # fmt: skip
_ROW = Callable[[dict[str, Any]], tuple[Any, ...]]


class ReferralTables:
    def __init__(self) -> None:
        self.referrals = BulkTable(Referral, REFERRAL_FIELDS)
        self.events = BulkTable(ReferralEvent, EVENT_FIELDS)
        self.handlings = BulkTable(ReferralHandling, HANDLING_FIELDS)
        self.actions = BulkTable(PathAction, ACTION_FIELDS)
        self.acknowledgements = BulkTable(PrivacyAcknowledgement, ACKNOWLEDGEMENT_FIELDS)

    def in_insert_order(self) -> list[BulkTable]:
        return [
            self.referrals, self.events, self.handlings, self.actions, self.acknowledgements,
        ]  # fmt: skip


class ReferralBuilder:
    def __init__(
        self, draw: Draw, new_id: Callable[[], str], world: World, tables: ReferralTables
    ) -> None:
        self.draw = draw
        self.new_id = new_id
        self.world = world
        self.tables = tables
        self.summaries: list[ReferralSummary] = []
        self._referral_row: _ROW = itemgetter(*REFERRAL_FIELDS)
        self._handling_row: _ROW = itemgetter(*HANDLING_FIELDS)
        self._action_row: _ROW = itemgetter(*ACTION_FIELDS)
        self._acknowledgement_row: _ROW = itemgetter(*ACKNOWLEDGEMENT_FIELDS)

    def add(
        self,
        plan: Plan,
        person: PersonFacts,
        *,
        site: str,
        operator: tuple[str, str],
        residence: DemoMunicipality,
    ) -> None:
        draw, world = self.draw, self.world
        referral_id = self.new_id()
        statuses, times = plan.statuses, plan.times
        created = times[0]
        created_day = created // DAY
        sent_day = times[statuses.index(S.SENT)] // DAY if S.SENT in statuses else None
        competent = world.job_centre(residence.id, sent_day or created_day)
        job_centre = competent
        if draw.chance(d.OVERRIDDEN_CPI_SHARE) and len(world.job_centres) > 1:
            job_centre = draw.one_of([jc for jc in world.job_centres if jc != competent])
        cpi_site = world.cpi_site.get(job_centre, world.reference.province_site)
        # The notice must be handed over before sending; some fresh drafts lack it yet.
        privacy_day: int | None = office_day_on_or_before(created_day - draw.between(0, 10))
        if statuses == [S.DRAFT] and draw.chance(0.3):
            privacy_day = None
        track = plan.track
        changed = sql_instant(times[-1])
        row: dict[str, Any] = {
            "id": referral_id, "created_at": sql_instant(created), "updated_at": changed,
            "updated_by": operator[0], "owner_site": site, "dirty": site == world.local_site,
            "number": plan.number, "track": track, "status": statuses[-1],
            "status_changed_at": changed, "person_id": person.id, "sending_site": site,
            "referring_service": self._referring_service(site),
            "referring_operator": operator[1],
            "job_centre_id": job_centre, "job_centre_overridden": job_centre != competent,
            "reason": self._reason(track, person.sex), "urgency": d.URGENCY(draw),
            "created_on": sql_day(created_day),
            "sent_on": sql_day(sent_day) if sent_day else None,
            "privacy_notice_on": sql_day(privacy_day) if privacy_day else None,
        }  # fmt: skip
        created_on = date.fromordinal(created_day)
        attachments = ["informativa_privacy_firmata.pdf"] if privacy_day else []
        if track is Track.NEET:
            row.update(self._neet_fields(person, created_on))
            row.update(_NO_CMD)
            if draw.chance(0.4):
                attachments.append("curriculum.pdf")
        else:
            row.update(_NO_NEET)
            row.update(self._cmd_fields(person, created_on))
            if row["doc_assessment_seen"]:
                attachments.append("verbale_accertamento_L68.pdf")
        row["attachments"] = _json(tuple(attachments))
        self.tables.referrals.add(self._referral_row(row))

        self._events(
            plan, referral_id, site=site, sender=operator[0], job_centre=job_centre,
            cpi_site=cpi_site,
        )  # fmt: skip
        if privacy_day is not None:
            self._acknowledgement(
                person.id, referral_id, site=site, operator=operator[0], day=privacy_day,
                created=created,
            )  # fmt: skip
        if any(status not in _SENDER_STATUSES for status in statuses):
            self._handling(plan, referral_id, job_centre, cpi_site)
        self.summaries.append(
            ReferralSummary(referral_id, plan.number, track, statuses[-1], site, created_on)
        )

    def _referring_service(self, site: str) -> str:
        draw = self.draw
        if site in _ETS_SITE_CODES:
            return "Area inserimenti lavorativi"
        if self.world.ets_senders and draw.chance(0.2):
            return draw.one_of(self.world.ets_senders)  # an ETS working for the Ambito
        return draw.one_of(_SERVICES)

    def _reason(self, track: Track, sex: str) -> str:
        draw = self.draw
        if track is Track.NEET:
            subject = "La ragazza" if sex == "F" else "Il ragazzo"
            situation = draw.one_of(texts.NEET_SITUATIONS)
            request = draw.one_of(texts.NEET_REQUESTS)
        else:
            subject = "L'interessata" if sex == "F" else "L'interessato"
            situation = draw.one_of(texts.CMD_SITUATIONS)
            request = draw.one_of(texts.CMD_REQUESTS)
        text = f"{subject} {situation}. {request} {draw.one_of(texts.CONTEXTS)}".rstrip()
        return text.replace("o/a", "a" if sex == "F" else "o")

    def _neet_fields(self, person: PersonFacts, on: date) -> dict[str, Any]:
        draw = self.draw
        out_of_work = None
        if draw.chance(0.55):
            since = (person.school_left or on - timedelta(days=900)).toordinal()
            latest = on.toordinal() - 30
            out_of_work = date.fromordinal(draw.between(min(since, latest), latest))
        adhesion = None
        if draw.chance(0.55):
            adhesion = max(on - timedelta(days=draw.between(0, 400)), birthday(person.birth, 15))
        return {
            "out_of_work_since": sql_date(out_of_work),
            "out_of_education_since": sql_date(person.school_left),
            "early_school_leaver": person.isced_level <= 2,
            "guarantee_adhesion_on": sql_date(adhesion),
            "guarantee_status": d.GUARANTEE(draw) if adhesion else c.GuaranteeStatus.NOT_ADHERED,
            "profiling_class": d.PROFILING(draw) if draw.chance(0.8) else None,
            "gol_path": d.GOL_PATH(draw) if draw.chance(0.7) else None,
            "needs": draw.one_of(d.NEEDS_BY_SIZE[draw.between(1, 4)]),
            "other_services": draw.one_of(
                d.OTHER_SERVICES_BY_SIZE[draw.one_of(d.OTHER_SERVICES_COUNT)]
            ),
        }

    def _cmd_fields(self, person: PersonFacts, on: date) -> dict[str, Any]:
        """The two verbali as the law splits them: civil invalidity (``assessment_on``, with
        its revision) and the L. 68/1999 assessment (``doc_assessment_*``), later; placement
        indications as codes, never a diagnosis."""
        draw = self.draw
        category = d.CATEGORY(draw)
        floor = d.PERCENTAGE_FLOOR.get(category)
        percentage = None
        if floor is not None:
            percentage = draw.between(floor, 100 if draw.chance(0.3) else 80)
        earliest = birthday(person.birth, 1).toordinal()
        latest = office_day_on_or_before(on.toordinal() - 40)
        invalidity = office_day_on_or_before(
            max(earliest, on.toordinal() - draw.between(120, 2500))
        )
        invalidity = min(invalidity, latest)
        revision = None
        if draw.chance(0.35):  # a verbale "rivedibile": revised two to four years on
            revision = office_day_on_or_after(invalidity + draw.between(730, 1460))
        l68 = min(office_day_on_or_before(invalidity + draw.between(30, 300)), latest)
        l68 = max(l68, invalidity)
        registration = min(office_day_on_or_after(l68 + draw.between(5, 120)), latest)
        seen = draw.chance(0.9)
        functional = draw.chance(0.55)
        final_report = draw.chance(0.35)
        # In the codes' order, as the editor gives them back (records.in_code_order).
        tasks = in_code_order(
            {draw.one_of(d.COMPATIBLE_TASKS) for _ in range(draw.between(1, 3))}, CompatibleTask
        )
        supports = in_code_order(
            {draw.one_of(d.PLACEMENT_SUPPORTS) for _ in range(draw.between(0, 3))},
            PlacementSupport,
        )
        return {
            "disability_category": category,
            "disability_percentage": percentage,
            "assessment_on": sql_day(invalidity),
            "invalidity_revision_on": sql_day(revision) if revision else None,
            "l68_registration_on": sql_day(registration),
            "doc_assessment_seen": seen,
            "doc_assessment_on": sql_day(l68) if seen else None,
            "doc_functional_diagnosis_seen": functional,
            "doc_functional_diagnosis_on": sql_day(l68) if functional else None,
            "doc_final_report_seen": final_report,
            "doc_final_report_on": sql_day(l68) if final_report else None,
            "compatible_tasks": _json(tuple(tasks)),
            "placement_supports": _json(tuple(supports)),
            "placement_notes": draw.one_of(texts.PLACEMENT_NOTES),
        }

    def _events(
        self,
        plan: Plan,
        referral_id: str,
        *,
        site: str,
        sender: str,
        job_centre: str,
        cpi_site: str,
    ) -> None:
        draw, world = self.draw, self.world
        local = world.local_site
        add = self.tables.events.add
        new_id = self.new_id
        previous: S | None = None
        for status, moment in zip(plan.statuses, plan.times, strict=True):
            if status in _SENDER_STATUSES:
                event_site, operator = site, sender
            else:
                event_site = cpi_site
                operator = world.referent_username(job_centre, plan.track, moment // DAY)
            stamp = sql_instant(moment)
            # In EVENT_FIELDS order.
            add((
                new_id(), stamp, stamp, operator, event_site, event_site == local, referral_id,
                stamp, operator, event_site, previous, status,
                draw.one_of(d.EVENT_NOTES[status]),
            ))  # fmt: skip
            previous = status

    def _acknowledgement(
        self,
        person_id: str,
        referral_id: str,
        *,
        site: str,
        operator: str,
        day: int,
        created: int,
    ) -> None:
        stamp = sql_instant(created)
        row = {
            "id": self.new_id(), "created_at": stamp, "updated_at": stamp,
            "updated_by": operator, "owner_site": site, "dirty": site == self.world.local_site,
            "person_id": person_id, "referral_id": referral_id,
            "notice_version": PRIVACY_NOTICE_VERSION, "handed_over_on": sql_day(day),
            "operator": operator,
        }  # fmt: skip
        self.tables.acknowledgements.add(self._acknowledgement_row(row))

    def _handling(self, plan: Plan, referral_id: str, job_centre: str, cpi_site: str) -> None:
        world = self.world
        moments = dict(zip(plan.statuses, plan.times, strict=True))  # the latest of each status
        # A referral rejected straight from "sent" was seen when it was rejected.
        received = moments.get(S.RECEIVED) or moments[S.NOT_RELEVANT]
        taken = moments.get(S.TAKEN_IN_CHARGE)
        referent = world.referent(job_centre, plan.track, received // DAY)
        operator = referent.username if referent else ""
        outcome: dict[str, Any] = _NO_OUTCOME
        if S.IN_PATH in moments:
            last_action, dropped = self._actions(plan, referral_id, cpi_site, operator, moments)
            if S.CONCLUDED in moments:
                outcome = self._outcome(
                    plan.track, moments[S.CONCLUDED] // DAY, last_action, dropped=dropped
                )
        last_cpi_moment = max(
            moment for status, moment in moments.items() if status not in _SENDER_STATUSES
        )
        row = {
            "id": self.new_id(), "created_at": sql_instant(received),
            "updated_at": sql_instant(last_cpi_moment), "updated_by": operator,
            "owner_site": cpi_site, "dirty": cpi_site == world.local_site,
            "referral_id": referral_id, "received_on": sql_day(received // DAY),
            "taken_in_charge_on": sql_day(taken // DAY) if taken else None,
            "referent_id": referent.id if referent else None, **outcome,
            "service_pact_on": sql_day(taken // DAY) if taken else None,
        }  # fmt: skip
        self.tables.handlings.add(self._handling_row(row))

    def _actions(
        self,
        plan: Plan,
        referral_id: str,
        cpi_site: str,
        operator: str,
        moments: dict[S, int],
    ) -> tuple[c.PathActionType, bool]:
        """Actions one after another from the path's start, each as long as such an action
        lasts (``distributions.ACTION_DAYS``); the last one ends with the path, or runs on.
        Returns the last one's type and whether it was interrupted."""
        draw, world = self.draw, self.world
        today = world.today_ordinal
        start = moments[S.IN_PATH] // DAY
        concluded = moments.get(S.CONCLUDED)
        end = concluded // DAY if concluded else today
        dropped = concluded is not None and draw.chance(d.DROPPED_OUT_SHARE)
        last_type = self._fitting(plan.track, end - start)
        low, high = d.ACTION_DAYS[last_type]
        length = min(draw.between(low, high), end - start)
        if dropped:
            length = draw.between(min(7, length), length)
        last_start = office_day_on_or_after(max(start, end - length))
        if concluded is None:
            last_start = max(start, office_day_on_or_after(today - draw.between(0, high - 1)))
        # Earlier actions fill the time before the last one, as long as they fit in it.
        cursor = start
        for _ in range(draw.one_of((0, 0, 1, 1, 2))):
            room = last_start - cursor - 1
            action_type = self._fitting(plan.track, room)
            low, high = d.ACTION_DAYS[action_type]
            if room < low:
                break
            action_end = office_day_on_or_before(cursor + draw.between(low, min(high, room)))
            action_start = office_day_on_or_after(cursor)
            if action_end < action_start or action_end - action_start < low - 4:
                break
            self._action(
                plan.track, referral_id, cpi_site, operator, action_type,
                c.ActionState.COMPLETED, action_start, action_end,
                _hours(draw, action_type, action_end - action_start),
            )  # fmt: skip
            cursor = action_end + 1
        last_start = max(last_start, office_day_on_or_after(cursor))
        if concluded is None:
            state, last_end = c.ActionState.RUNNING, None
            last_start = min(last_start, office_day_on_or_before(today - 1))
        else:
            state = c.ActionState.INTERRUPTED if dropped else c.ActionState.COMPLETED
            last_end = office_day_on_or_before(end)
            last_start = min(last_start, last_end)
        self._action(
            plan.track, referral_id, cpi_site, operator, last_type, state, last_start, last_end,
            _hours(draw, last_type, (last_end or today) - last_start),
        )  # fmt: skip
        if concluded is None and draw.chance(0.2):
            planned = d.ACTIONS[plan.track](draw)
            starts = office_day_on_or_after(today + draw.between(7, 60))
            self._action(
                plan.track, referral_id, cpi_site, operator, planned, c.ActionState.PLANNED,
                starts, None, None,
            )  # fmt: skip
        return last_type, dropped

    def _fitting(self, track: Track, days: int) -> c.PathActionType:
        """An action of the track that can last ``days`` days, else a guidance interview."""
        for _ in range(6):
            action_type = d.ACTIONS[track](self.draw)
            if d.ACTION_DAYS[action_type][0] <= days:
                return action_type
        return c.PathActionType.BASIC_GUIDANCE

    def _action(  # noqa: PLR0917 - one row's columns, called from one place
        self,
        track: Track,
        referral_id: str,
        cpi_site: str,
        operator: str,
        action_type: c.PathActionType,
        state: c.ActionState,
        start: int,
        end: int | None,
        hours: int | None,
    ) -> None:
        draw, world = self.draw, self.world
        # Yesterday at the latest (a planned action is written before it starts): "today" at
        # 09:00 UTC may still lie hours ahead of the clock.
        stamp = f"{sql_day(min(start, world.today_ordinal - 1))} 09:00:00.000000"
        row = {
            "id": self.new_id(), "created_at": stamp, "updated_at": stamp,
            "updated_by": operator, "owner_site": cpi_site,
            "dirty": cpi_site == world.local_site, "referral_id": referral_id,
            "action_type": action_type, "state": state, "start_on": sql_day(start),
            "end_on": sql_day(end) if end else None,
            "provider_id": draw.one_of(world.providers[action_type]),
            "funding": draw.one_of(d.FUNDING[track]), "hours": hours,
            "outcome_notes": (
                draw.one_of(texts.ACTION_OUTCOME_NOTES)
                if state in (c.ActionState.COMPLETED, c.ActionState.INTERRUPTED) else ""
            ),
        }  # fmt: skip
        self.tables.actions.add(self._action_row(row))

    def _outcome(
        self, track: Track, day: int, last_action: c.PathActionType, *, dropped: bool
    ) -> dict[str, Any]:
        draw, today = self.draw, self.world.today_ordinal
        outcome = c.Outcome.DROPPED_OUT if dropped else d.OUTCOME[track](draw)
        hired = outcome is c.Outcome.HIRED
        cmd = track is Track.CMD
        follow_up_due = office_day_on_or_after(day + 182)  # six months on
        done = None
        if follow_up_due < today and draw.chance(0.75):
            done = office_day_on_or_before(min(follow_up_due + draw.between(0, 30), today - 1))
        employer = d.EMPLOYER(draw) if hired else None
        if hired and last_action is c.PathActionType.ART14_AGREEMENT:
            employer = c.EmployerType.SOCIAL_COOP
        return {
            "outcome": outcome, "outcome_on": sql_day(day),
            "contract_type": d.CONTRACT[track](draw) if hired else None,
            "counts_in_l68_quota": draw.chance(0.85) if hired and track is Track.CMD else None,
            "employer_type": employer, "outcome_notes": draw.one_of(texts.OUTCOME_NOTES),
            "follow_up_due_on": sql_day(follow_up_due),
            "follow_up_done_on": sql_day(done) if done else None,
            "follow_up_notes": draw.one_of(texts.FOLLOW_UP_NOTES) if done else "",
            "hiring_mode": _hiring_mode(draw, last_action) if hired and cmd else None,
        }  # fmt: skip


@lru_cache(maxsize=4096)
def _json(items: tuple[str, ...]) -> str:
    """A list column's JSON text; demo lists repeat a few hundred combinations."""
    return sql_json(list(items))


def _hiring_mode(draw: Draw, last_action: c.PathActionType) -> c.HiringMode:
    """How an L. 68 hire was made: through the agreement the path ran on, if any."""
    if last_action is c.PathActionType.L68_ART11_AGREEMENT:
        return c.HiringMode.ART11_AGREEMENT
    if last_action is c.PathActionType.ART14_AGREEMENT:
        return c.HiringMode.ART14_AGREEMENT
    return d.HIRING_MODE(draw)


def _hours(draw: Draw, action_type: c.PathActionType, days: int) -> int:
    if action_type in d.GUIDANCE_ACTIONS:
        return draw.between(2, 20)
    return max(days // 7, 1) * draw.one_of((15, 20, 25, 30))
