"""Referrals: drafting, the lifecycle transitions, the CPI's handling and path actions.

Who may do what follows ``desktop.domain.lifecycle``: the sending Ambito drafts, edits (only
while the referral is in its hands), sends and withdraws; the CPI it is addressed to receives,
returns, rejects, takes in charge, records actions and concludes. Every transition is one
``ReferralEvent`` written in the same transaction as the status change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain import lifecycle
from desktop.domain.codes import (
    ActionState,
    ContractType,
    DisabilityCategory,
    EmployerType,
    GuaranteeStatus,
    Outcome,
    PathActionType,
    ProfilingClass,
    ReferralStatus,
    SiteKind,
    Track,
    Urgency,
)
from desktop.domain.eligibility import (
    MIN_PERCENTAGE,
    NEET_MAX_AGE,
    NEET_MIN_AGE,
    TURNING_30_WARNING_DAYS,
    age_on,
    thirtieth_birthday,
)
from desktop.domain.lifecycle import Transition
from desktop.services import validation as v
from desktop.services.audit import record_audit
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.reference import competent_job_centre_id
from desktop.store.base import utcnow
from desktop.store.engine import Store
from desktop.store.models import (
    JobCentre,
    PathAction,
    Person,
    PrivacyAcknowledgement,
    Referral,
    ReferralEvent,
    ReferralHandling,
    Site,
)

REASON_MAX = 2000
NOTE_MIN = 5
FOLLOW_UP_DAYS = 182  # the 6-month follow-up of DOMAIN.md §2


@dataclass(frozen=True)
class ReferralInput:
    """The sender's data of a referral (both tracks; the other track's fields stay empty)."""

    track: Track
    person_id: str
    job_centre_id: str | None = None  # None: the CPI competent for the residence
    referring_service: str = ""
    referring_operator: str = ""
    reason: str = ""
    urgency: Urgency = Urgency.NORMAL
    privacy_notice_on: date | None = None
    attachments: tuple[str, ...] = ()
    out_of_work_since: date | None = None
    out_of_education_since: date | None = None
    early_school_leaver: bool | None = None
    guarantee_adhesion_on: date | None = None
    guarantee_status: GuaranteeStatus | None = None
    profiling_class: ProfilingClass | None = None
    gol_path: int | None = None
    needs: tuple[str, ...] = ()
    other_services: tuple[str, ...] = ()
    disability_category: DisabilityCategory | None = None
    disability_percentage: int | None = None
    assessment_on: date | None = None
    l68_registration_on: date | None = None
    doc_assessment_seen: bool = False
    doc_assessment_on: date | None = None
    doc_functional_diagnosis_seen: bool = False
    doc_functional_diagnosis_on: date | None = None
    doc_final_report_seen: bool = False
    doc_final_report_on: date | None = None


INPUT_FIELDS = tuple(f.name for f in fields(ReferralInput))
LIST_FIELDS = ("attachments", "needs", "other_services")


@dataclass(frozen=True)
class EventRow:
    at: datetime
    operator: str
    site: str
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    note: str


@dataclass(frozen=True)
class HandlingDetail:
    received_on: date | None
    taken_in_charge_on: date | None
    referent_id: str | None
    outcome: Outcome | None
    outcome_on: date | None
    contract_type: ContractType | None
    counts_in_l68_quota: bool | None
    employer_type: EmployerType | None
    outcome_notes: str
    follow_up_due_on: date | None
    follow_up_done_on: date | None
    follow_up_notes: str


@dataclass(frozen=True)
class PathActionInput:
    action_type: PathActionType
    state: ActionState = ActionState.PLANNED
    start_on: date | None = None
    end_on: date | None = None
    provider_id: str | None = None
    funding: str = ""
    hours: int | None = None
    outcome_notes: str = ""


@dataclass(frozen=True)
class PathActionRow(PathActionInput):
    id: str = ""


@dataclass(frozen=True)
class ReferralDetail(ReferralInput):
    id: str = ""
    number: str = ""
    status: ReferralStatus = ReferralStatus.DRAFT
    status_changed_at: datetime | None = None
    created_on: date | None = None
    sent_on: date | None = None
    sending_site: str = ""
    job_centre_overridden: bool = False
    restricted: bool = False
    restriction_reason: str = ""
    events: tuple[EventRow, ...] = ()
    handling: HandlingDetail | None = None
    actions: tuple[PathActionRow, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OutcomeInput:
    outcome: Outcome
    outcome_on: date
    contract_type: ContractType | None = None
    counts_in_l68_quota: bool | None = None
    employer_type: EmployerType | None = None
    notes: str = ""


# --- reading ---------------------------------------------------------------------------------


def _load(session: Session, referral_id: str) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None or referral.deleted:
        raise NotFoundError("La segnalazione richiesta non esiste o è stata eliminata.")
    return referral


def _detail(session: Session, referral: Referral) -> ReferralDetail:
    values = {name: getattr(referral, name) for name in INPUT_FIELDS}
    for name in LIST_FIELDS:
        values[name] = tuple(values[name] or ())
    events = session.execute(
        select(
            ReferralEvent.at,
            ReferralEvent.operator,
            ReferralEvent.site,
            ReferralEvent.from_status,
            ReferralEvent.to_status,
            ReferralEvent.note,
        )
        .where(ReferralEvent.referral_id == referral.id, ReferralEvent.deleted.is_(False))
        .order_by(ReferralEvent.at)
    ).all()
    handling_row = session.scalars(
        select(ReferralHandling).where(ReferralHandling.referral_id == referral.id)
    ).first()
    handling = None
    if handling_row is not None:
        handling = HandlingDetail(
            **{f.name: getattr(handling_row, f.name) for f in fields(HandlingDetail)}
        )
    actions = session.scalars(
        select(PathAction)
        .where(PathAction.referral_id == referral.id, PathAction.deleted.is_(False))
        .order_by(PathAction.start_on, PathAction.created_at)
    ).all()
    return ReferralDetail(
        **values,
        id=referral.id,
        number=referral.number,
        status=referral.status,
        status_changed_at=referral.status_changed_at,
        created_on=referral.created_on,
        sent_on=referral.sent_on,
        sending_site=referral.sending_site,
        job_centre_overridden=referral.job_centre_overridden,
        restricted=referral.restricted,
        restriction_reason=referral.restriction_reason,
        events=tuple(EventRow(*row) for row in events),
        handling=handling,
        actions=tuple(
            PathActionRow(
                **{f.name: getattr(action, f.name) for f in fields(PathActionInput)},
                id=action.id,
            )
            for action in actions
        ),
    )


def get_referral(store: Store, referral_id: str) -> ReferralDetail:
    with store.read() as session:
        return _detail(session, _load(session, referral_id))


def find_referral_id(store: Store, number: str) -> str:
    """The id of the referral with this number ("2026/000123")."""
    with store.read() as session:
        found = session.scalar(
            select(Referral.id).where(Referral.number == number.strip(), ~Referral.deleted)
        )
    if found is None:
        raise NotFoundError(f"Nessuna segnalazione con numero {number.strip()}.")
    return found


# --- validation ------------------------------------------------------------------------------


def validate_referral(
    data: ReferralInput, *, birth_date: date | None, today: date
) -> tuple[dict[str, str], dict[str, str]]:
    """Blocking errors and warnings for the sender's data, keyed by field name."""
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    v.required(errors, "person_id", data.person_id, "Persona")
    v.max_length(errors, "reason", data.reason, REASON_MAX, "Motivo della segnalazione")
    v.date_not_after(
        errors, "privacy_notice_on", data.privacy_notice_on, today, "Informativa consegnata il"
    )
    for name in ("needs", "other_services"):
        if len(set(getattr(data, name))) != len(getattr(data, name)):
            errors[name] = "Lo stesso valore è indicato più volte."
    if data.track is Track.NEET:
        _validate_neet(data, errors, warnings, birth_date=birth_date, today=today)
    else:
        _validate_cmd(data, errors, today=today)
    return errors, warnings


def _validate_neet(
    data: ReferralInput,
    errors: dict[str, str],
    warnings: dict[str, str],
    *,
    birth_date: date | None,
    today: date,
) -> None:
    v.int_range(errors, "gol_path", data.gol_path, 1, 5, "Percorso GOL")
    v.date_not_after(
        errors, "out_of_work_since", data.out_of_work_since, today, "Senza lavoro dal"
    )
    v.date_not_after(
        errors,
        "out_of_education_since",
        data.out_of_education_since,
        today,
        "Fuori da istruzione e formazione dal",
    )
    if birth_date is None:
        return
    age = age_on(birth_date, today)
    if not NEET_MIN_AGE <= age <= NEET_MAX_AGE:
        errors["track"] = (
            f"Il percorso NEET (Garanzia Giovani) è per persone dai {NEET_MIN_AGE} ai "
            f"{NEET_MAX_AGE} anni: la persona ne ha {age}."
        )
    elif (thirtieth_birthday(birth_date) - today).days <= TURNING_30_WARNING_DAYS:
        warnings["track"] = (
            f"La persona compie 30 anni il {thirtieth_birthday(birth_date):%d/%m/%Y}: "
            "dopo quella data non è più nei requisiti di Garanzia Giovani."
        )


def _validate_cmd(data: ReferralInput, errors: dict[str, str], *, today: date) -> None:
    v.required(errors, "disability_category", data.disability_category, "Categoria")
    v.int_range(
        errors, "disability_percentage", data.disability_percentage, 0, 100, "Percentuale"
    )
    minimum = MIN_PERCENTAGE.get(data.disability_category) if data.disability_category else None
    if minimum is not None:
        if data.disability_percentage is None:
            errors["disability_percentage"] = "Indicare la percentuale di invalidità riconosciuta."
        elif data.disability_percentage <= minimum:
            errors["disability_percentage"] = (
                f"Per questa categoria la L. 68/1999 richiede una percentuale superiore al "
                f"{minimum}%."
            )
    for name, label in (
        ("assessment_on", "Data del verbale di accertamento"),
        ("l68_registration_on", "Data di iscrizione L. 68"),
        ("doc_assessment_on", "Data del verbale visionato"),
        ("doc_functional_diagnosis_on", "Data della diagnosi funzionale"),
        ("doc_final_report_on", "Data della relazione conclusiva"),
    ):
        v.date_not_after(errors, name, getattr(data, name), today, label)


# --- writing the sender's data ---------------------------------------------------------------


def _next_number(session: Session, year: int) -> str:
    prefix = f"{year}/"
    last = session.scalar(
        select(func.max(Referral.number)).where(
            Referral.number >= prefix, Referral.number < f"{year}0"
        )
    )
    sequence = int(last.split("/")[1]) + 1 if last else 1
    return f"{prefix}{sequence:06d}"


def _person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise ValidationError({"person_id": "La persona indicata non esiste."})
    if person.restricted:
        raise NotAllowedError(
            "Il trattamento dei dati di questa persona è limitato (art. 18 GDPR): non è "
            "possibile segnalarla."
        )
    return person


def _job_centre(session: Session, data: ReferralInput, person: Person, today: date) -> str:
    competent = None
    if person.residence_municipality_id:
        competent = competent_job_centre_id(session, person.residence_municipality_id, today)
    chosen = data.job_centre_id or competent
    if chosen is None:
        raise ValidationError(
            {
                "job_centre_id": "Non è stato possibile ricavare il CPI competente dalla "
                "residenza: sceglierlo dall'elenco."
            }
        )
    if session.get(JobCentre, chosen) is None:
        raise ValidationError({"job_centre_id": "Il CPI indicato non esiste."})
    return chosen


def _values(data: ReferralInput) -> dict[str, object]:
    values: dict[str, object] = asdict(data)
    for name in LIST_FIELDS:
        values[name] = list(values[name])  # type: ignore[call-overload]
    values["reason"] = data.reason.strip()
    return values


def _require_sender(actor: Actor, referral: Referral | None = None) -> None:
    if actor.site_kind is not SiteKind.AMBITO:
        raise NotAllowedError("Solo l'ufficio che invia la segnalazione può modificarne i dati.")
    if referral is not None and referral.sending_site != actor.site_code:
        raise NotAllowedError(
            "La segnalazione appartiene a un altro ufficio: i suoi dati sono in sola lettura."
        )


def _ensure_processable(referral: Referral) -> None:
    if referral.restricted:
        raise NotAllowedError(
            "Il trattamento di questa segnalazione è limitato (art. 18 GDPR): non può essere "
            f"modificata. Motivo: {referral.restriction_reason}"
        )


def create_referral(
    store: Store, *, actor: Actor, data: ReferralInput, today: date | None = None
) -> ReferralDetail:
    """A new draft referral, owned by the actor's site."""
    today = today or date.today()
    _require_sender(actor)
    with store.write() as session:
        person = _person(session, data.person_id)
        errors, _warnings = validate_referral(data, birth_date=person.birth_date, today=today)
        v.raise_if(errors)
        job_centre_id = _job_centre(session, data, person, today)
        values = _values(data)
        values["job_centre_id"] = job_centre_id
        values["job_centre_overridden"] = data.job_centre_id is not None and (
            data.job_centre_id != _competent(session, person, today)
        )
        now = utcnow()
        referral = Referral(
            **values,
            number=_next_number(session, today.year),
            status=ReferralStatus.DRAFT,
            status_changed_at=now,
            created_on=today,
            sending_site=actor.site_code,
            owner_site=actor.site_code,
            updated_by=actor.operator,
        )
        session.add(referral)
        session.flush()
        _add_event(session, referral, None, ReferralStatus.DRAFT, actor=actor, note="", at=now)
        record_audit(
            session, actor=actor, action="create", entity="referral", entity_id=referral.id
        )
        return _detail(session, referral)


def _competent(session: Session, person: Person, today: date) -> str | None:
    if not person.residence_municipality_id:
        return None
    return competent_job_centre_id(session, person.residence_municipality_id, today)


def update_referral(
    store: Store,
    *,
    actor: Actor,
    referral_id: str,
    data: ReferralInput,
    today: date | None = None,
) -> ReferralDetail:
    today = today or date.today()
    with store.write() as session:
        referral = _load(session, referral_id)
        _require_sender(actor, referral)
        _ensure_processable(referral)
        if referral.status not in lifecycle.EDITABLE_BY_SENDER:
            raise NotAllowedError(
                "La segnalazione è già stata inviata: i suoi dati si possono modificare solo "
                "se il CPI la restituisce."
            )
        person = _person(session, data.person_id)
        errors, _warnings = validate_referral(data, birth_date=person.birth_date, today=today)
        v.raise_if(errors)
        values = _values(data)
        values["job_centre_id"] = _job_centre(session, data, person, today)
        values["job_centre_overridden"] = data.job_centre_id is not None and (
            data.job_centre_id != _competent(session, person, today)
        )
        for name, value in values.items():
            setattr(referral, name, value)
        referral.updated_by = actor.operator
        referral.dirty = True
        record_audit(
            session, actor=actor, action="update", entity="referral", entity_id=referral.id
        )
        session.flush()
        return _detail(session, referral)


# --- lifecycle -------------------------------------------------------------------------------


def _add_event(
    session: Session,
    referral: Referral,
    from_status: ReferralStatus | None,
    to_status: ReferralStatus,
    *,
    actor: Actor,
    note: str,
    at: datetime,
) -> None:
    session.add(
        ReferralEvent(
            referral_id=referral.id,
            at=at,
            operator=actor.operator,
            site=actor.site_code,
            from_status=from_status,
            to_status=to_status,
            note=note,
            owner_site=actor.site_code,
            updated_by=actor.operator,
        )
    )


def _actor_job_centre(session: Session, actor: Actor) -> str | None:
    return session.scalar(select(Site.job_centre_id).where(Site.code == actor.site_code))


def _check_transition(
    session: Session, referral: Referral, transition: Transition, actor: Actor, note: str
) -> lifecycle.TransitionRule:
    rule = lifecycle.RULES[transition]
    _ensure_processable(referral)
    if referral.status not in rule.sources:
        raise NotAllowedError(
            f"Operazione non consentita: la segnalazione {referral.number} è nello stato "
            f"«{STATUS_LABELS[referral.status]}»."
        )
    if actor.site_kind is not rule.performed_by:
        who = "dall'ufficio inviante" if rule.performed_by is SiteKind.AMBITO else "dal CPI"
        raise NotAllowedError(f"Questa operazione può essere svolta solo {who}.")
    if rule.performed_by is SiteKind.AMBITO and referral.sending_site != actor.site_code:
        raise NotAllowedError("La segnalazione è stata inviata da un altro ufficio.")
    if rule.performed_by is SiteKind.CPI:
        own_centre = _actor_job_centre(session, actor)
        if own_centre is not None and own_centre != referral.job_centre_id:
            raise NotAllowedError("La segnalazione è indirizzata a un altro CPI.")
    if rule.needs_note and len(note.strip()) < NOTE_MIN:
        raise ValidationError({"note": "Indicare il motivo: sarà letto dall'altro ufficio."})
    return rule


def _handling(session: Session, referral: Referral, actor: Actor) -> ReferralHandling:
    handling = session.scalars(
        select(ReferralHandling).where(ReferralHandling.referral_id == referral.id)
    ).first()
    if handling is None:
        handling = ReferralHandling(
            referral_id=referral.id, owner_site=actor.site_code, updated_by=actor.operator
        )
        session.add(handling)
    handling.updated_by = actor.operator
    handling.dirty = True
    return handling


def transition_referral(
    store: Store,
    *,
    actor: Actor,
    referral_id: str,
    transition: Transition,
    note: str = "",
    on: date | None = None,
    referent_id: str | None = None,
    outcome: OutcomeInput | None = None,
) -> ReferralDetail:
    """Apply one lifecycle transition, with what it needs, as one event.

    ``on`` is the business date of the step (sent, received, taken in charge); it defaults to
    today. Taking in charge may name the referent; concluding needs the outcome.
    """
    on = on or date.today()
    with store.write() as session:
        referral = _load(session, referral_id)
        rule = _check_transition(session, referral, transition, actor, note)
        if transition is Transition.SEND:
            _check_sendable(referral, on)
            referral.sent_on = on
            session.add(
                PrivacyAcknowledgement(
                    person_id=referral.person_id,
                    referral_id=referral.id,
                    handed_over_on=referral.privacy_notice_on,
                    operator=actor.operator,
                    owner_site=actor.site_code,
                    updated_by=actor.operator,
                )
            )
        elif transition is Transition.RECEIVE:
            _handling(session, referral, actor).received_on = on
        elif transition is Transition.TAKE_IN_CHARGE:
            handling = _handling(session, referral, actor)
            handling.taken_in_charge_on = on
            handling.referent_id = referent_id
        elif transition is Transition.CONCLUDE:
            _apply_outcome(_handling(session, referral, actor), outcome, on)
        now = utcnow()
        _add_event(
            session, referral, referral.status, rule.target, actor=actor, note=note.strip(), at=now
        )
        referral.status = rule.target
        referral.status_changed_at = now
        referral.dirty = True
        referral.updated_by = actor.operator
        record_audit(
            session,
            actor=actor,
            action=transition.value,
            entity="referral",
            entity_id=referral.id,
        )
        session.flush()
        return _detail(session, referral)


def _check_sendable(referral: Referral, on: date) -> None:
    errors: dict[str, str] = {}
    if referral.privacy_notice_on is None:
        errors["privacy_notice_on"] = (
            "Prima dell'invio indicare la data di consegna dell'informativa privacy."
        )
    elif referral.privacy_notice_on > on:
        errors["privacy_notice_on"] = (
            "L'informativa privacy deve essere consegnata prima dell'invio."
        )
    if not referral.reason.strip():
        errors["reason"] = "Prima dell'invio indicare il motivo della segnalazione."
    v.raise_if(errors)


def _apply_outcome(handling: ReferralHandling, outcome: OutcomeInput | None, on: date) -> None:
    if outcome is None:
        raise ValidationError({"outcome": "Per concludere il percorso indicare l'esito."})
    errors: dict[str, str] = {}
    v.date_not_after(errors, "outcome_on", outcome.outcome_on, on, "Data dell'esito")
    if outcome.outcome is Outcome.HIRED and outcome.contract_type is None:
        errors["contract_type"] = "Per un'assunzione indicare il tipo di contratto."
    v.raise_if(errors)
    handling.outcome = outcome.outcome
    handling.outcome_on = outcome.outcome_on
    handling.contract_type = outcome.contract_type
    handling.counts_in_l68_quota = outcome.counts_in_l68_quota
    handling.employer_type = outcome.employer_type
    handling.outcome_notes = outcome.notes.strip()
    handling.follow_up_due_on = date.fromordinal(outcome.outcome_on.toordinal() + FOLLOW_UP_DAYS)


# --- path actions ----------------------------------------------------------------------------


def add_path_action(
    store: Store, *, actor: Actor, referral_id: str, data: PathActionInput
) -> ReferralDetail:
    errors: dict[str, str] = {}
    v.date_order(errors, "end_on", data.start_on, data.end_on, "Inizio", "Fine")
    v.int_range(errors, "hours", data.hours, 0, 10_000, "Ore")
    v.raise_if(errors)
    with store.write() as session:
        referral = _load(session, referral_id)
        _ensure_processable(referral)
        if actor.site_kind is not SiteKind.CPI:
            raise NotAllowedError("Le azioni del percorso sono registrate dal CPI.")
        if referral.status not in lifecycle.HANDLING_OPEN:
            raise NotAllowedError(
                "Le azioni si registrano dopo la presa in carico e prima della conclusione."
            )
        session.add(
            PathAction(
                referral_id=referral.id,
                **asdict(data),
                owner_site=actor.site_code,
                updated_by=actor.operator,
            )
        )
        record_audit(
            session, actor=actor, action="add_action", entity="referral", entity_id=referral.id
        )
        session.flush()
        return _detail(session, referral)


def set_referral_restriction(
    store: Store, *, actor: Actor, referral_id: str, restricted: bool, reason: str
) -> ReferralDetail:
    """Restrict processing of a referral (GDPR art. 18) or lift it; always audited."""
    if len(reason.strip()) < NOTE_MIN:
        raise ValidationError({"reason": "Indicare il motivo della limitazione del trattamento."})
    with store.write() as session:
        referral = _load(session, referral_id)
        referral.restricted = restricted
        referral.restriction_reason = reason.strip() if restricted else ""
        referral.dirty = True
        referral.updated_by = actor.operator
        record_audit(
            session,
            actor=actor,
            action="restrict" if restricted else "lift_restriction",
            entity="referral",
            entity_id=referral.id,
        )
        session.flush()
        return _detail(session, referral)


# Used only inside service messages; the UI has its own translated labels.
STATUS_LABELS = {
    ReferralStatus.DRAFT: "bozza",
    ReferralStatus.SENT: "inviata",
    ReferralStatus.RECEIVED: "ricevuta",
    ReferralStatus.TAKEN_IN_CHARGE: "presa in carico",
    ReferralStatus.IN_PATH: "in percorso",
    ReferralStatus.CONCLUDED: "conclusa",
    ReferralStatus.RETURNED: "restituita",
    ReferralStatus.NOT_RELEVANT: "non pertinente",
    ReferralStatus.WITHDRAWN: "annullata",
}
