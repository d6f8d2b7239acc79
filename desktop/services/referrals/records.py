"""Referrals: their data as plain values, reading, and the sender's drafting.

Who may do what follows ``desktop.domain.lifecycle``: the sending Ambito drafts and edits (only
while the referral is in its hands). The transitions are in ``referral_lifecycle``, the CPI's
handling and path actions in ``referral_handling``, and saving a person together with the
referral in ``referral_drafts``. The ``*_in(session, ...)`` helpers work inside the caller's
unit of work, so those modules can compose them into one transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import String, select
from sqlalchemy.orm import Session

from desktop.documents.formatting import on_date
from desktop.domain import lifecycle
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import (
    ActionState,
    CompatibleTask,
    ContractType,
    EmployerType,
    HiringMode,
    Need,
    OtherService,
    Outcome,
    PathActionType,
    PlacementSupport,
    ReferralStatus,
    SiteKind,
    Track,
)
from desktop.domain.eligibility import (
    NEET_MAX_AGE,
    NEET_MIN_AGE,
    TURNING_30_WARNING_DAYS,
    age_on,
    neet_age_eligible,
    neet_reference_date,
    percentage_problem,
    thirtieth_birthday,
)
from desktop.domain.health import diagnosis_terms
from desktop.domain.referral import ReferralContent, in_code_order, text_fields
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.reference import competent_job_centre_id
from desktop.services.referrals.numbers import next_number
from desktop.services.routes import (
    no_route_message,
    referral_tracks_for,
    require_route,
    routes_in_force,
)
from desktop.store.base import utcnow
from desktop.store.engine import Store
from desktop.store.models import (
    JobCentre,
    Organization,
    PathAction,
    Person,
    Referral,
    ReferralEvent,
    ReferralHandling,
    Site,
)

REASON_MAX = 2000
PLACEMENT_NOTES_MAX = 500  # a short note beside the coded indications
NOTE_MIN = 5


@dataclass(frozen=True, kw_only=True)
class ReferralInput(ReferralContent):
    """The sender's data of a referral: its content, whose it is and where it goes."""

    track: Track
    person_id: str
    job_centre_id: str | None = None  # None: the CPI competent for the residence


INPUT_FIELDS = tuple(f.name for f in fields(ReferralInput))
LIST_FIELDS = ("attachments", "needs", "other_services", "compatible_tasks", "placement_supports")
TEXT_FIELDS = text_fields()


def _column_limit(name: str) -> int | None:
    column_type = Referral.__table__.c[name].type
    return column_type.length if isinstance(column_type, String) else None


# The longest each text may be, from its column (String(n)); the reason's column is a Text,
# bounded here so that a referral stays a page or two when printed.
TEXT_LIMITS: dict[str, int] = {
    name: limit
    for name in TEXT_FIELDS
    if (
        limit := {"reason": REASON_MAX, "placement_notes": PLACEMENT_NOTES_MAX}.get(name)
        or _column_limit(name)
    )
    is not None
}
# Texts whose length message names them; any other is told "Al massimo N caratteri." beside it.
TEXT_LABELS = {"reason": "Motivo della segnalazione"}


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
    service_pact_on: date | None = None
    hiring_mode: HiringMode | None = None


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
    provider_name: str = ""


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
    hiring_mode: HiringMode | None = None  # a hire counted in the L. 68/1999 quota


# --- reading ---------------------------------------------------------------------------------


def load_referral(session: Session, referral_id: str) -> Referral:
    """A live referral inside the caller's unit of work."""
    referral = session.get(Referral, referral_id)
    if referral is None or referral.deleted:
        raise NotFoundError("La segnalazione richiesta non esiste o è stata eliminata.")
    return referral


def referral_detail(session: Session, referral: Referral) -> ReferralDetail:
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
    actions = session.execute(
        select(PathAction, Organization.name)
        .outerjoin(Organization, Organization.id == PathAction.provider_id)
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
                provider_name=provider_name or "",
            )
            for action, provider_name in actions
        ),
    )


def get_referral(store: Store, referral_id: str) -> ReferralDetail:
    with store.read() as session:
        return referral_detail(session, load_referral(session, referral_id))


# --- validation ------------------------------------------------------------------------------


def validate_referral(
    data: ReferralInput, *, birth_date: date | None, today: date, did_date: date | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Blocking errors and warnings for the sender's data, keyed by field name.

    ``did_date``: the person's DID (dichiarazione di immediata disponibilità), for the warning
    when the L. 68 iscrizione precedes it.
    """
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    v.required(errors, "person_id", data.person_id, "Persona")
    texts = {name: getattr(data, name) for name in TEXT_FIELDS}
    v.max_lengths(errors, texts, TEXT_LIMITS, TEXT_LABELS)
    v.date_not_after(
        errors, "privacy_notice_on", data.privacy_notice_on, today, "Informativa consegnata il"
    )
    for name in ("needs", "other_services"):
        if len(set(getattr(data, name))) != len(getattr(data, name)):
            errors[name] = "Lo stesso valore è indicato più volte."
    if data.track is Track.NEET:
        _validate_neet(data, errors, warnings, birth_date=birth_date, today=today)
    else:
        _validate_cmd(data, errors, warnings, did_date=did_date, today=today)
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
    v.date_not_after(errors, "out_of_work_since", data.out_of_work_since, today, "Senza lavoro dal")
    v.date_not_after(
        errors,
        "out_of_education_since",
        data.out_of_education_since,
        today,
        "Fuori da istruzione e formazione dal",
    )
    v.date_not_after(
        errors, "guarantee_adhesion_on", data.guarantee_adhesion_on, today, "Adesione a GG il"
    )
    if birth_date is None:
        return
    # Eligibility is tested on the adhesion date: whoever adhered at 29 stays in the programme.
    on = neet_reference_date(data.guarantee_adhesion_on, today)
    if not neet_age_eligible(birth_date, on):
        age = age_on(birth_date, on)
        when = "all'adesione a Garanzia Giovani" if on != today else "oggi"
        errors["track"] = (
            f"Il percorso NEET (Garanzia Giovani) è per persone dai {NEET_MIN_AGE} ai "
            f"{NEET_MAX_AGE} anni: la persona ne ha {age} ({when})."
        )
    elif on == today and (thirtieth_birthday(birth_date) - today).days <= TURNING_30_WARNING_DAYS:
        warnings["track"] = (
            f"La persona compie 30 anni {on_date('', thirtieth_birthday(birth_date))}: "
            "dopo quella data non è più nei requisiti di Garanzia Giovani."
        )


def _validate_cmd(
    data: ReferralInput,
    errors: dict[str, str],
    warnings: dict[str, str],
    *,
    did_date: date | None,
    today: date,
) -> None:
    v.required(errors, "disability_category", data.disability_category, "Categoria")
    v.int_range(errors, "disability_percentage", data.disability_percentage, 0, 100, "Percentuale")
    if data.disability_category is not None:
        problem = percentage_problem(data.disability_category, data.disability_percentage)
        if problem is not None:
            errors.setdefault("disability_percentage", problem)
    for name, label in CMD_DATE_LABELS.items():
        v.date_not_after(errors, name, getattr(data, name), today, label)
    v.date_order(
        errors,
        "invalidity_revision_on",
        data.assessment_on,
        data.invalidity_revision_on,
        CMD_DATE_LABELS["assessment_on"],
        "Revisione prevista il",
    )
    _validate_placement(data, errors)
    if (
        did_date is not None
        and data.l68_registration_on is not None
        and data.l68_registration_on < did_date
    ):
        warnings["l68_registration_on"] = (
            f"L'iscrizione negli elenchi L. 68/1999 ({v.format_date(data.l68_registration_on)}) "
            f"precede la DID ({v.format_date(did_date)}): l'iscrizione presuppone lo stato di "
            "disoccupazione, verificare le date."
        )


# Dates of the CMD track that cannot be in the future, with the label each act has on the form.
CMD_DATE_LABELS = {
    "assessment_on": "Data del verbale di invalidità civile",
    "l68_registration_on": "Data di iscrizione L. 68",
    "doc_assessment_on": "Data del verbale di accertamento L. 68/1999",
    "doc_functional_diagnosis_on": "Data della diagnosi funzionale",
    "doc_final_report_on": "Data della relazione conclusiva",
}


def _validate_placement(data: ReferralInput, errors: dict[str, str]) -> None:
    """Placement indications are codes and a short note that must not diagnose."""
    for name, known in (
        ("compatible_tasks", {code.value for code in CompatibleTask}),
        ("placement_supports", {code.value for code in PlacementSupport}),
    ):
        chosen = getattr(data, name)
        if len(set(chosen)) != len(chosen):
            errors[name] = "Lo stesso valore è indicato più volte."
        elif not known.issuperset(chosen):
            errors[name] = "È indicato un valore che non è tra quelli dell'elenco."
    note = data.placement_notes.strip()
    v.max_length(errors, "placement_notes", note, PLACEMENT_NOTES_MAX, "Note sul collocamento")
    # The minutes' check (codici fiscali) and the shape of a diagnosis: the note travels with
    # the referral and prints on the form, where no health detail beyond the codes belongs.
    if fiscal_codes := v.find_fiscal_codes(note):
        errors.setdefault(
            "placement_notes",
            f"Le note contengono un codice fiscale ({fiscal_codes[0]}): non vanno inseriti dati "
            "personali nelle indicazioni per il collocamento.",
        )
    if terms := diagnosis_terms(note):
        errors.setdefault(
            "placement_notes",
            "Le note sembrano riportare una diagnosi o un dato sanitario ("
            + ", ".join(f"«{term}»" for term in terms[:3])
            + "): indicare solo mansioni, supporti e condizioni di lavoro.",
        )


# --- writing the sender's data ---------------------------------------------------------------


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


# Coded lists are kept in their codes' order, the order the editor's check lists give back:
# a referral saved from elsewhere (demo data, an import) then reads as unchanged in the editor.
CODED_LISTS: dict[str, type[StrEnum]] = {
    "needs": Need,
    "other_services": OtherService,
    "compatible_tasks": CompatibleTask,
    "placement_supports": PlacementSupport,
}


def _values(data: ReferralInput) -> dict[str, object]:
    values: dict[str, object] = asdict(data)
    for name in LIST_FIELDS:
        values[name] = list(values[name])  # type: ignore[call-overload]
    for name, enum in CODED_LISTS.items():
        values[name] = in_code_order(getattr(data, name), enum)
    for name in TEXT_FIELDS:
        values[name] = getattr(data, name).strip()
    return values


def _require_sender(
    session: Session, actor: Actor, track: Track, referral: Referral | None = None
) -> None:
    """The sender is a role: the site that wrote the referral, on a route in force for its
    kind of site (an Ambito, a Third Sector body, a CPI where the Province allows it)."""
    if referral is not None and referral.sending_site != actor.site_code:
        raise NotAllowedError(
            "La segnalazione appartiene a un altro ufficio: i suoi dati sono in sola lettura."
        )
    if referral is None and not referral_tracks_for(routes_in_force(session), actor.site_kind):
        raise NotAllowedError(no_route_message(actor.site_kind))
    require_route(session, actor.site_kind, SiteKind.CPI, track)


def _require_other_centre(session: Session, actor: Actor, job_centre_id: object) -> None:
    """A CPI that sends (on a route the Province opened) sends to another CPI, not itself."""
    if actor.site_kind is SiteKind.CPI and job_centre_id == actor_job_centre_id(session, actor):
        raise ValidationError(
            {"job_centre_id": "Un CPI può segnalare solo a un altro CPI: sceglierlo dall'elenco."}
        )


def ensure_processable(referral: Referral) -> None:
    if referral.restricted:
        raise NotAllowedError(
            "Il trattamento di questa segnalazione è limitato (art. 18 GDPR): non può essere "
            f"modificata. Motivo: {referral.restriction_reason}"
        )


def _job_centre_values(
    session: Session, data: ReferralInput, person: Person, today: date
) -> dict[str, object]:
    values = _values(data)
    values["job_centre_id"] = _job_centre(session, data, person, today)
    values["job_centre_overridden"] = data.job_centre_id is not None and (
        data.job_centre_id != _competent(session, person, today)
    )
    return values


def create_referral_in(
    session: Session, *, actor: Actor, data: ReferralInput, today: date, validated: bool = False
) -> Referral:
    """A new draft referral owned by the actor's site, inside the caller's unit of work.

    ``validated``: the caller has checked ``data`` with ``validate_referral`` (and this person's
    birth date) without errors, together with other data; it is not checked again.
    """
    _require_sender(session, actor, data.track)
    person = _person(session, data.person_id)
    if not validated:
        errors, _warnings = validate_referral(
            data, birth_date=person.birth_date, did_date=person.did_date, today=today
        )
        v.raise_if(errors)
    values = _job_centre_values(session, data, person, today)
    _require_other_centre(session, actor, values["job_centre_id"])
    now = utcnow()
    referral = Referral(
        **values,
        number=next_number(session, today.year),
        status=ReferralStatus.DRAFT,
        status_changed_at=now,
        created_on=today,
        sending_site=actor.site_code,
        owner_site=actor.site_code,
        updated_by=actor.operator,
    )
    session.add(referral)
    session.flush()
    record_event(session, referral, None, ReferralStatus.DRAFT, actor=actor, note="", at=now)
    record_audit(session, actor=actor, action="create", entity="referral", entity_id=referral.id)
    return referral


def create_referral(
    store: Store, *, actor: Actor, data: ReferralInput, today: date | None = None
) -> ReferralDetail:
    """A new draft referral, owned by the actor's site."""
    with store.write() as session:
        referral = create_referral_in(session, actor=actor, data=data, today=today or date.today())
        return referral_detail(session, referral)


def _competent(session: Session, person: Person, today: date) -> str | None:
    if not person.residence_municipality_id:
        return None
    return competent_job_centre_id(session, person.residence_municipality_id, today)


def update_referral_in(
    session: Session,
    *,
    actor: Actor,
    referral_id: str,
    data: ReferralInput,
    today: date,
    validated: bool = False,
) -> Referral:
    """Change the sender's data inside the caller's unit of work (draft or returned only).

    ``validated``: as for ``create_referral_in``.
    """
    referral = load_referral(session, referral_id)
    _require_sender(session, actor, data.track, referral)
    ensure_processable(referral)
    if referral.status not in lifecycle.EDITABLE_BY_SENDER:
        raise NotAllowedError(
            "La segnalazione è già stata inviata: i suoi dati si possono modificare solo "
            "se il CPI la restituisce."
        )
    person = _person(session, data.person_id)
    if not validated:
        errors, _warnings = validate_referral(
            data, birth_date=person.birth_date, did_date=person.did_date, today=today
        )
        v.raise_if(errors)
    values = _job_centre_values(session, data, person, today)
    _require_other_centre(session, actor, values["job_centre_id"])
    for name, value in values.items():
        setattr(referral, name, value)
    if stamp_change(referral, actor=actor):  # saving the form as shown is no update
        record_audit(
            session, actor=actor, action="update", entity="referral", entity_id=referral.id
        )
    session.flush()
    return referral


def update_referral(
    store: Store,
    *,
    actor: Actor,
    referral_id: str,
    data: ReferralInput,
    today: date | None = None,
) -> ReferralDetail:
    with store.write() as session:
        referral = update_referral_in(
            session, actor=actor, referral_id=referral_id, data=data, today=today or date.today()
        )
        return referral_detail(session, referral)


def record_event(
    session: Session,
    referral: Referral,
    from_status: ReferralStatus | None,
    to_status: ReferralStatus,
    *,
    actor: Actor,
    note: str,
    at: datetime,
) -> None:
    """One row of the referral's timeline, in the caller's unit of work."""
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


# --- restriction and look-ups ----------------------------------------------------------------


def set_referral_restriction(
    store: Store, *, actor: Actor, referral_id: str, restricted: bool, reason: str
) -> ReferralDetail:
    """Restrict processing of a referral (GDPR art. 18) or lift it; always audited."""
    if len(reason.strip()) < NOTE_MIN:
        raise ValidationError({"reason": "Indicare il motivo della limitazione del trattamento."})
    with store.write() as session:
        referral = load_referral(session, referral_id)
        referral.restricted = restricted
        referral.restriction_reason = reason.strip() if restricted else ""
        referral.dirty = True
        referral.updated_by = actor.operator
        record_audit(
            session,
            actor=actor,
            action=AuditAction.RESTRICT if restricted else AuditAction.LIFT_RESTRICTION,
            entity=AuditEntity.REFERRAL,
            entity_id=referral.id,
        )
        session.flush()
        return referral_detail(session, referral)


def actor_job_centre_id(session: Session, actor: Actor) -> str | None:
    """The CPI an installation of a CPI site works for (None when the site names none)."""
    return session.scalar(select(Site.job_centre_id).where(Site.code == actor.site_code))


def job_centre_of_site(store: Store, site_code: str) -> str | None:
    with store.read() as session:
        return session.scalar(select(Site.job_centre_id).where(Site.code == site_code))


def site_names(store: Store) -> dict[str, str]:
    """Every known site's name by code, to show who sent a referral or made a step."""
    with store.read() as session:
        rows = session.execute(select(Site.code, Site.name)).all()
    return {row.code: row.name for row in rows}


def competent_job_centre(store: Store, municipality_id: str, on: date) -> str | None:
    """The CPI competent for a comune of residence on a day, as the sender's form shows it."""
    with store.read() as session:
        return competent_job_centre_id(session, municipality_id, on)
