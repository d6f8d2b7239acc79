"""The joint activation plan (percorso congiunto) of a referral taken in charge.

Two parties share it: the site that sent the referral (an Ambito, a Third Sector body of the
network) and the CPI it is addressed to, which coordinates the path (Tavolo Unico). Each party
writes only its own entries (``owner_site``), so that two sites never change the same row and
sync never conflicts; each sees the other's. The plan opens with the taking in charge, may be
completed while the path runs and is read-only once the referral is concluded.

Free texts pass the privacy check (``plan_privacy``): no codici fiscali, nothing that reads like
a diagnosis. Removal is a tombstone, which travels like any change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import lifecycle
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import (
    ActionItemStatus,
    PlanParty,
    ReferralStatus,
    ReviewOutcome,
    SiteKind,
)
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.child_rows import insert_row
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.referrals.plan_privacy import check_privacy
from desktop.services.referrals.records import (
    actor_job_centre_id,
    ensure_processable,
    load_referral,
)
from desktop.store.base import Synced
from desktop.store.engine import Store
from desktop.store.models import (
    JobCentre,
    JointInterview,
    Organization,
    PlanAction,
    PlanGoal,
    PlanReview,
    Referral,
    Site,
)

S = ReferralStatus
PLAN_OPEN = lifecycle.HANDLING_OPEN  # taken in charge, in path: the plan may be written
PLAN_SHOWN = PLAN_OPEN | {S.CONCLUDED}  # and read afterwards
DESCRIPTION_MAX = 1000
NAME_MAX = 200
PLACE_MAX = 200
NOTES_MAX = 4000
PARTICIPANTS_MAX = 20
DUE_YEARS_MAX = 3  # a plan's horizon: a due date further away is a typing slip
NEXT_REVIEW_YEARS_MAX = 2


class PlanEntryKind(StrEnum):
    """The four kinds of entry of a plan (the table's name, which the audit records)."""

    GOAL = "plan_goal"
    ACTION = "plan_action"
    INTERVIEW = "joint_interview"
    REVIEW = "plan_review"


_MODELS: dict[PlanEntryKind, type[Synced]] = {
    PlanEntryKind.GOAL: PlanGoal,
    PlanEntryKind.ACTION: PlanAction,
    PlanEntryKind.INTERVIEW: JointInterview,
    PlanEntryKind.REVIEW: PlanReview,
}
_NOT_FOUND = {
    PlanEntryKind.GOAL: "L'obiettivo richiesto non esiste o è stato eliminato.",
    PlanEntryKind.ACTION: "L'azione richiesta non esiste o è stata eliminata.",
    PlanEntryKind.INTERVIEW: "Il colloquio richiesto non esiste o è stato eliminato.",
    PlanEntryKind.REVIEW: "La verifica richiesta non esiste o è stata eliminata.",
}


# --- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalInput:
    description: str
    reached_on: date | None = None


@dataclass(frozen=True)
class PlanActionInput:
    description: str
    responsible_party: PlanParty | None
    # The Third Sector provider (a body of the directory) when the party is ``ETS``.
    responsible_organization_id: str | None = None
    responsible_name: str = ""  # the operator, or the family member, in charge
    due_on: date | None = None
    done_on: date | None = None
    status: ActionItemStatus = ActionItemStatus.OPEN
    notes: str = ""
    goal_id: str | None = None


@dataclass(frozen=True)
class InterviewInput:
    held_on: date | None
    place: str = ""
    participants: tuple[str, ...] = ()  # "Nome Cognome (ente)"
    person_present: bool = True
    summary: str = ""


@dataclass(frozen=True)
class ReviewInput:
    review_on: date | None
    outcome: ReviewOutcome | None
    notes: str = ""
    next_review_on: date | None = None


# --- what is read ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryOwner:
    """Who wrote an entry, and whether the actor may change it."""

    owner_site: str
    owner_name: str  # the site's name, never its code
    editable: bool


@dataclass(frozen=True)
class GoalRow(EntryOwner):
    id: str
    position: int
    description: str
    reached_on: date | None


@dataclass(frozen=True)
class PlanActionRow(EntryOwner):
    id: str
    goal_id: str | None
    description: str
    responsible_party: PlanParty
    responsible_organization_id: str | None
    responsible_organization_name: str
    responsible_name: str
    due_on: date | None
    done_on: date | None
    status: ActionItemStatus
    notes: str
    overdue: bool


@dataclass(frozen=True)
class InterviewRow(EntryOwner):
    id: str
    held_on: date
    place: str
    participants: tuple[str, ...]
    person_present: bool
    summary: str


@dataclass(frozen=True)
class ReviewRow(EntryOwner):
    id: str
    review_on: date
    outcome: ReviewOutcome
    notes: str
    next_review_on: date | None


@dataclass(frozen=True)
class JointPlan:
    referral_id: str
    number: str
    status: ReferralStatus
    sender_site: str
    sender_name: str
    job_centre_id: str
    job_centre_name: str
    # Whether the actor is a party and the plan open: it may add entries of its own.
    may_add: bool
    goals: tuple[GoalRow, ...] = ()
    actions: tuple[PlanActionRow, ...] = ()
    interviews: tuple[InterviewRow, ...] = ()
    reviews: tuple[ReviewRow, ...] = ()
    organizations: dict[str, str] = field(default_factory=dict)

    @property
    def next_review_on(self) -> date | None:
        """The next review the latest one set, if any."""
        return self.reviews[-1].next_review_on if self.reviews else None


# --- parties -----------------------------------------------------------------------------------


def is_party(session: Session, referral: Referral, actor: Actor) -> bool:
    """The sending site, or the CPI the referral is addressed to (as the handling decides)."""
    if referral.sending_site == actor.site_code:
        return True
    if actor.site_kind is not SiteKind.CPI:
        return False
    own_centre = actor_job_centre_id(session, actor)
    return own_centre is None or own_centre == referral.job_centre_id


def _plan_referral(session: Session, referral_id: str) -> Referral:
    referral = load_referral(session, referral_id)
    if referral.status not in PLAN_SHOWN:
        raise NotAllowedError(
            "Il progetto condiviso si costruisce dopo la presa in carico della segnalazione "
            "da parte del CPI."
        )
    return referral


def _writable_referral(session: Session, referral_id: str, actor: Actor) -> Referral:
    referral = _plan_referral(session, referral_id)
    ensure_processable(referral)
    if referral.status not in PLAN_OPEN:
        raise NotAllowedError(
            "La segnalazione è conclusa: il progetto condiviso si può solo consultare e stampare."
        )
    if not is_party(session, referral, actor):
        raise NotAllowedError(
            "Il progetto condiviso è scritto dall'ufficio che ha inviato la segnalazione e dal "
            "CPI destinatario."
        )
    return referral


def _own_entry(
    session: Session, kind: PlanEntryKind, entry_id: str, actor: Actor
) -> tuple[Synced, Referral]:
    row = session.get(_MODELS[kind], entry_id)
    if row is None or row.deleted:
        raise NotFoundError(_NOT_FOUND[kind])
    referral = _writable_referral(session, str(getattr(row, "referral_id")), actor)  # noqa: B009
    v.ensure_owned(
        row.owner_site,
        actor.site_code,
        "Questa voce del progetto è stata scritta dall'altro ente: può modificarla solo chi "
        "l'ha scritta.",
    )
    return row, referral


def _audit(
    session: Session, actor: Actor, action: AuditAction, referral: Referral, kind: PlanEntryKind
) -> None:
    record_audit(
        session,
        actor=actor,
        action=action,
        entity=AuditEntity.REFERRAL,
        entity_id=referral.id,
        details=f"plan={kind.value}",
    )


# --- validation --------------------------------------------------------------------------------


def _text(errors: v.Errors, name: str, value: str, limit: int, label: str) -> str:
    value = value.strip()
    v.max_length(errors, name, value, limit, label)
    check_privacy(errors, name, value, label)
    return value


def _goal_values(data: GoalInput, today: date) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "description", data.description, "Obiettivo")
    description = _text(errors, "description", data.description, DESCRIPTION_MAX, "Obiettivo")
    v.date_not_after(
        errors, "reached_on", data.reached_on, today, "Raggiunto il", limit_label="a oggi"
    )
    v.raise_if(errors)
    return {"description": description, "reached_on": data.reached_on}


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _action_values(
    session: Session, referral: Referral, data: PlanActionInput, today: date
) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "description", data.description, "Azione")
    description = _text(errors, "description", data.description, DESCRIPTION_MAX, "Azione")
    v.required(errors, "responsible_party", data.responsible_party, "Responsabile")
    name = _text(errors, "responsible_name", data.responsible_name, NAME_MAX, "Referente")
    notes = _text(errors, "notes", data.notes, NOTES_MAX, "Note")
    organization_id = data.responsible_organization_id
    if data.responsible_party is PlanParty.ETS:
        if organization_id is None:
            errors.setdefault(
                "responsible_organization_id",
                "Indicare l'ente del Terzo settore responsabile, scelto dalla rubrica.",
            )
    elif data.responsible_party is not None:
        organization_id = None  # only a Third Sector provider is a body of the directory
    if organization_id is not None:
        organization = session.get(Organization, organization_id)
        if organization is None or organization.deleted:
            errors.setdefault(
                "responsible_organization_id", "L'ente indicato non esiste più nella rubrica."
            )
    v.date_not_before(
        errors,
        "due_on",
        data.due_on,
        referral.created_on,
        "Scadenza",
        limit_label="alla data della segnalazione",
    )
    v.date_not_after(
        errors,
        "due_on",
        data.due_on,
        _years_after(today, DUE_YEARS_MAX),
        "Scadenza",
        limit_label=f"a {DUE_YEARS_MAX} anni da oggi",
    )
    v.date_not_after(errors, "done_on", data.done_on, today, "Svolta il", limit_label="a oggi")
    v.date_not_before(
        errors,
        "done_on",
        data.done_on,
        referral.created_on,
        "Svolta il",
        limit_label="alla data della segnalazione",
    )
    if data.status is ActionItemStatus.DONE and data.done_on is None:
        errors.setdefault("done_on", "Indicare quando l'azione è stata svolta.")
    if data.status is not ActionItemStatus.DONE and data.done_on is not None:
        errors.setdefault("status", "Un'azione con la data di svolgimento è «Svolta».")
    if data.goal_id is not None:
        goal = session.get(PlanGoal, data.goal_id)
        if goal is None or goal.deleted or goal.referral_id != referral.id:
            errors.setdefault("goal_id", "L'obiettivo indicato non è di questo progetto.")
    v.raise_if(errors)
    return {
        "description": description,
        "responsible_party": data.responsible_party,
        "responsible_organization_id": organization_id,
        "responsible_name": name,
        "due_on": data.due_on,
        "done_on": data.done_on,
        "status": data.status,
        "notes": notes,
        "goal_id": data.goal_id,
    }


def _interview_values(referral: Referral, data: InterviewInput, today: date) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "held_on", data.held_on, "Data del colloquio")
    v.date_not_after(
        errors, "held_on", data.held_on, today, "Data del colloquio", limit_label="a oggi"
    )
    v.date_not_before(
        errors,
        "held_on",
        data.held_on,
        referral.created_on,
        "Data del colloquio",
        limit_label="alla data della segnalazione",
    )
    place = _text(errors, "place", data.place, PLACE_MAX, "Luogo")
    participants = [" ".join(name.split()) for name in data.participants if name.strip()]
    if len(participants) > PARTICIPANTS_MAX:
        errors.setdefault("participants", f"Indicare al massimo {PARTICIPANTS_MAX} partecipanti.")
    if not participants:
        errors.setdefault(
            "participants",
            "Indicare chi ha partecipato al colloquio, come «Nome Cognome (ente)».",
        )
    for name in participants:
        v.max_length(errors, "participants", name, NAME_MAX, "Partecipante")
        check_privacy(errors, "participants", name, "Partecipanti")
    summary = _text(errors, "summary", data.summary, NOTES_MAX, "Sintesi")
    v.raise_if(errors)
    return {
        "held_on": data.held_on,
        "place": place,
        "participants": participants,
        "person_present": data.person_present,
        "summary": summary,
    }


def _review_values(referral: Referral, data: ReviewInput, today: date) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "review_on", data.review_on, "Data della verifica")
    v.required(errors, "outcome", data.outcome, "Esito della verifica")
    v.date_not_after(
        errors, "review_on", data.review_on, today, "Data della verifica", limit_label="a oggi"
    )
    v.date_not_before(
        errors,
        "review_on",
        data.review_on,
        referral.created_on,
        "Data della verifica",
        limit_label="alla data della segnalazione",
    )
    if data.review_on is not None:
        if data.next_review_on is not None and data.next_review_on <= data.review_on:
            errors.setdefault(
                "next_review_on", "La prossima verifica va fissata dopo questa verifica."
            )
        v.date_not_after(
            errors,
            "next_review_on",
            data.next_review_on,
            _years_after(data.review_on, NEXT_REVIEW_YEARS_MAX),
            "Prossima verifica",
            limit_label=f"a {NEXT_REVIEW_YEARS_MAX} anni dalla verifica",
        )
    notes = _text(errors, "notes", data.notes, NOTES_MAX, "Note della verifica")
    v.raise_if(errors)
    return {
        "review_on": data.review_on,
        "outcome": data.outcome,
        "notes": notes,
        "next_review_on": data.next_review_on,
    }


# --- reading -----------------------------------------------------------------------------------


def _site_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    wanted = set(codes)
    if not wanted:
        return {}
    rows = session.execute(select(Site.code, Site.name).where(Site.code.in_(wanted)))
    return {row.code: row.name for row in rows}


def _live(session: Session, model: type[Synced], referral_id: str) -> list[Synced]:
    return list(
        session.scalars(
            select(model).where(
                getattr(model, "referral_id") == referral_id,  # noqa: B009
                model.deleted.is_(False),
            )
        )
    )


def plan_of(session: Session, referral: Referral, actor: Actor, today: date) -> JointPlan:
    """The plan of a referral inside the caller's unit of work."""
    goals = sorted(
        _live(session, PlanGoal, referral.id),
        key=lambda row: (getattr(row, "position"), row.created_at, row.id),  # noqa: B009
    )
    actions = sorted(
        _live(session, PlanAction, referral.id),
        key=lambda row: (
            getattr(row, "due_on") is None,  # noqa: B009
            getattr(row, "due_on") or date.max,  # noqa: B009
            row.created_at,
        ),
    )
    interviews = sorted(
        _live(session, JointInterview, referral.id),
        key=lambda row: (getattr(row, "held_on"), row.created_at),  # noqa: B009
    )
    reviews = sorted(
        _live(session, PlanReview, referral.id),
        key=lambda row: (getattr(row, "review_on"), row.created_at),  # noqa: B009
    )
    rows: list[Synced] = [*goals, *actions, *interviews, *reviews]
    names = _site_names(session, [referral.sending_site, *(row.owner_site for row in rows)])
    organization_ids = {
        action.responsible_organization_id
        for action in actions
        if isinstance(action, PlanAction) and action.responsible_organization_id
    }
    organizations = (
        {
            row.id: row.name
            for row in session.execute(
                select(Organization.id, Organization.name).where(
                    Organization.id.in_(organization_ids)
                )
            )
        }
        if organization_ids
        else {}
    )
    party = is_party(session, referral, actor)
    open_here = referral.status in PLAN_OPEN and not referral.restricted and party

    def owner(row: Synced) -> dict[str, object]:
        return {
            "owner_site": row.owner_site,
            "owner_name": names.get(row.owner_site, "Altro ente"),
            "editable": open_here and row.owner_site == actor.site_code,
        }

    job_centre = session.get(JobCentre, referral.job_centre_id)
    return JointPlan(
        referral_id=referral.id,
        number=referral.number,
        status=referral.status,
        sender_site=referral.sending_site,
        sender_name=names.get(referral.sending_site, "Ufficio inviante"),
        job_centre_id=referral.job_centre_id,
        job_centre_name=job_centre.name if job_centre is not None else "",
        may_add=open_here,
        goals=tuple(
            GoalRow(
                **owner(goal),  # type: ignore[arg-type]
                id=goal.id,
                position=goal.position,
                description=goal.description,
                reached_on=goal.reached_on,
            )
            for goal in goals
            if isinstance(goal, PlanGoal)
        ),
        actions=tuple(
            PlanActionRow(
                **owner(action),  # type: ignore[arg-type]
                id=action.id,
                goal_id=action.goal_id,
                description=action.description,
                responsible_party=action.responsible_party,
                responsible_organization_id=action.responsible_organization_id,
                responsible_organization_name=organizations.get(
                    action.responsible_organization_id or "", ""
                ),
                responsible_name=action.responsible_name,
                due_on=action.due_on,
                done_on=action.done_on,
                status=action.status,
                notes=action.notes,
                overdue=action.status is ActionItemStatus.OPEN
                and action.due_on is not None
                and action.due_on < today,
            )
            for action in actions
            if isinstance(action, PlanAction)
        ),
        interviews=tuple(
            InterviewRow(
                **owner(interview),  # type: ignore[arg-type]
                id=interview.id,
                held_on=interview.held_on,
                place=interview.place,
                participants=tuple(interview.participants),
                person_present=interview.person_present,
                summary=interview.summary,
            )
            for interview in interviews
            if isinstance(interview, JointInterview)
        ),
        reviews=tuple(
            ReviewRow(
                **owner(review),  # type: ignore[arg-type]
                id=review.id,
                review_on=review.review_on,
                outcome=review.outcome,
                notes=review.notes,
                next_review_on=review.next_review_on,
            )
            for review in reviews
            if isinstance(review, PlanReview)
        ),
        organizations=organizations,
    )


def read_joint_plan(
    store: Store, *, actor: Actor, referral_id: str, today: date | None = None
) -> JointPlan:
    """The plan as the actor sees it (refused before the taking in charge)."""
    with store.read() as session:
        referral = _plan_referral(session, referral_id)
        return plan_of(session, referral, actor, today or date.today())


# --- writing -----------------------------------------------------------------------------------


def _next_position(session: Session, referral_id: str) -> int:
    positions = [getattr(row, "position") for row in _live(session, PlanGoal, referral_id)]  # noqa: B009
    return max(positions, default=0) + 1


def _save(
    store: Store,
    *,
    actor: Actor,
    kind: PlanEntryKind,
    referral_id: str | None,
    entry_id: str | None,
    values_of: object,
    today: date,
) -> JointPlan:
    """Add (``entry_id`` None) or change one of the actor's own entries."""
    assert callable(values_of)
    with store.write() as session:
        if entry_id is None:
            assert referral_id is not None
            referral = _writable_referral(session, referral_id, actor)
            values = values_of(session, referral)
            if kind is PlanEntryKind.GOAL:
                values["position"] = _next_position(session, referral.id)
            model: Any = _MODELS[kind]  # each takes the referral and its own columns
            insert_row(session, model(referral_id=referral.id, **values), actor=actor)
            _audit(session, actor, AuditAction.CREATE, referral, kind)
        else:
            row, referral = _own_entry(session, kind, entry_id, actor)
            for name, value in values_of(session, referral).items():
                setattr(row, name, value)
            if stamp_change(row, actor=actor):  # an unchanged save is no update
                _audit(session, actor, AuditAction.UPDATE, referral, kind)
        session.flush()
        return plan_of(session, referral, actor, today)


def save_goal(
    store: Store,
    *,
    actor: Actor,
    referral_id: str | None = None,
    goal_id: str | None = None,
    data: GoalInput,
    today: date | None = None,
) -> JointPlan:
    day = today or date.today()
    return _save(
        store,
        actor=actor,
        kind=PlanEntryKind.GOAL,
        referral_id=referral_id,
        entry_id=goal_id,
        values_of=lambda _session, _referral: _goal_values(data, day),
        today=day,
    )


def save_plan_action(
    store: Store,
    *,
    actor: Actor,
    referral_id: str | None = None,
    action_id: str | None = None,
    data: PlanActionInput,
    today: date | None = None,
) -> JointPlan:
    day = today or date.today()
    return _save(
        store,
        actor=actor,
        kind=PlanEntryKind.ACTION,
        referral_id=referral_id,
        entry_id=action_id,
        values_of=lambda session, referral: _action_values(session, referral, data, day),
        today=day,
    )


def save_interview(
    store: Store,
    *,
    actor: Actor,
    referral_id: str | None = None,
    interview_id: str | None = None,
    data: InterviewInput,
    today: date | None = None,
) -> JointPlan:
    day = today or date.today()
    return _save(
        store,
        actor=actor,
        kind=PlanEntryKind.INTERVIEW,
        referral_id=referral_id,
        entry_id=interview_id,
        values_of=lambda _session, referral: _interview_values(referral, data, day),
        today=day,
    )


def save_review(
    store: Store,
    *,
    actor: Actor,
    referral_id: str | None = None,
    review_id: str | None = None,
    data: ReviewInput,
    today: date | None = None,
) -> JointPlan:
    day = today or date.today()
    return _save(
        store,
        actor=actor,
        kind=PlanEntryKind.REVIEW,
        referral_id=referral_id,
        entry_id=review_id,
        values_of=lambda _session, referral: _review_values(referral, data, day),
        today=day,
    )


def remove_plan_entry(
    store: Store,
    *,
    actor: Actor,
    kind: PlanEntryKind,
    entry_id: str,
    today: date | None = None,
) -> JointPlan:
    """Tombstone one of the actor's own entries; an action of a removed goal loses its goal."""
    with store.write() as session:
        row, referral = _own_entry(session, kind, entry_id, actor)
        row.deleted = True
        stamp_change(row, actor=actor)
        if kind is PlanEntryKind.GOAL:
            for action in session.scalars(
                select(PlanAction).where(
                    PlanAction.goal_id == row.id, PlanAction.deleted.is_(False)
                )
            ):
                if action.owner_site == actor.site_code:
                    action.goal_id = None
                    stamp_change(action, actor=actor)
        _audit(session, actor, AuditAction.DELETE, referral, kind)
        session.flush()
        return plan_of(session, referral, actor, today or date.today())


# --- what is due, for Azioni aperte ------------------------------------------------------------


@dataclass(frozen=True)
class PlanDueRow:
    """An open plan action, or the next review of a plan, as Azioni aperte lists them."""

    id: str
    kind: PlanEntryKind  # ACTION or REVIEW
    referral_id: str
    referral_number: str
    description: str
    responsible: str  # the operator or family member in charge, when named
    organization: str  # the body in charge (for a review: the party that set it)
    owner_name: str
    due_on: date | None
    overdue: bool


PARTY_WORDS = {
    PlanParty.AMBITO: "Ambito territoriale",
    PlanParty.CPI: "Centro per l'Impiego",
    PlanParty.ETS: "Ente del Terzo settore",
    PlanParty.PERSON: "La persona",
}


def list_plan_due(store: Store, *, actor: Actor, today: date) -> list[PlanDueRow]:
    """Open actions and next reviews of the plans the actor is a party to, by due date."""
    found: list[PlanDueRow] = []
    with store.read() as session:
        own_centre = actor_job_centre_id(session, actor)
        referrals = {
            row.id: row
            for row in session.scalars(
                select(Referral).where(
                    Referral.deleted.is_(False),
                    Referral.restricted.is_(False),
                    Referral.status.in_(PLAN_OPEN),
                )
            )
            if row.sending_site == actor.site_code
            or (
                actor.site_kind is SiteKind.CPI
                and (own_centre is None or own_centre == row.job_centre_id)
            )
        }
        if not referrals:
            return []
        actions = list(
            session.scalars(
                select(PlanAction).where(
                    PlanAction.referral_id.in_(referrals),
                    PlanAction.deleted.is_(False),
                    PlanAction.status == ActionItemStatus.OPEN,
                )
            )
        )
        reviews = list(
            session.scalars(
                select(PlanReview).where(
                    PlanReview.referral_id.in_(referrals), PlanReview.deleted.is_(False)
                )
            )
        )
        latest: dict[str, PlanReview] = {}
        for review in reviews:
            held = latest.get(review.referral_id)
            if held is None or (review.review_on, review.created_at) > (
                held.review_on,
                held.created_at,
            ):
                latest[review.referral_id] = review
        organization_ids = {
            row.responsible_organization_id for row in actions if row.responsible_organization_id
        }
        organizations = {
            row.id: row.name
            for row in session.execute(
                select(Organization.id, Organization.name).where(
                    Organization.id.in_(organization_ids)
                )
            )
        }
        names = _site_names(
            session,
            [row.owner_site for row in actions]
            + [row.owner_site for row in latest.values()]
            + [row.sending_site for row in referrals.values()],
        )
        centres = {
            row.id: row.name
            for row in session.execute(
                select(JobCentre.id, JobCentre.name).where(
                    JobCentre.id.in_({row.job_centre_id for row in referrals.values()})
                )
            )
        }
        sender_kinds = {
            row.code: row.kind
            for row in session.execute(
                select(Site.code, Site.kind).where(
                    Site.code.in_({row.sending_site for row in referrals.values()})
                )
            )
        }

        def body(action: PlanAction) -> str:
            referral = referrals[action.referral_id]
            party = action.responsible_party
            if party is PlanParty.ETS:
                return (
                    organizations.get(action.responsible_organization_id or "", "")
                    or (PARTY_WORDS[party])
                )
            if party is PlanParty.CPI:
                return centres.get(referral.job_centre_id, "") or PARTY_WORDS[party]
            if party is PlanParty.AMBITO and sender_kinds.get(referral.sending_site) is (
                SiteKind.AMBITO
            ):
                return names.get(referral.sending_site, "") or PARTY_WORDS[party]
            return PARTY_WORDS[party]

        for action in actions:
            found.append(
                PlanDueRow(
                    id=action.id,
                    kind=PlanEntryKind.ACTION,
                    referral_id=action.referral_id,
                    referral_number=referrals[action.referral_id].number,
                    description=action.description,
                    responsible=action.responsible_name,
                    organization=body(action),
                    owner_name=names.get(action.owner_site, ""),
                    due_on=action.due_on,
                    overdue=action.due_on is not None and action.due_on < today,
                )
            )
        for review in latest.values():
            if review.next_review_on is None:
                continue
            found.append(
                PlanDueRow(
                    id=review.id,
                    kind=PlanEntryKind.REVIEW,
                    referral_id=review.referral_id,
                    referral_number=referrals[review.referral_id].number,
                    description="Verifica del progetto condiviso",
                    responsible="",
                    organization=names.get(review.owner_site, ""),
                    owner_name=names.get(review.owner_site, ""),
                    due_on=review.next_review_on,
                    overdue=review.next_review_on < today,
                )
            )
    found.sort(key=lambda row: (row.due_on is None, row.due_on or date.max, row.referral_number))
    return found


__all__ = [
    "DUE_YEARS_MAX",
    "PLAN_OPEN",
    "PLAN_SHOWN",
    "GoalInput",
    "GoalRow",
    "InterviewInput",
    "InterviewRow",
    "JointPlan",
    "PlanActionInput",
    "PlanActionRow",
    "PlanDueRow",
    "PlanEntryKind",
    "ReviewInput",
    "ReviewRow",
    "list_plan_due",
    "read_joint_plan",
    "remove_plan_entry",
    "save_goal",
    "save_interview",
    "save_plan_action",
    "save_review",
]
