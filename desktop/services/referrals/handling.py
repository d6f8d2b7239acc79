"""The CPI's side of a referral after receipt: path actions, handling corrections, follow-up.

All of it is owned by the CPI the referral is addressed to (DESIGN.md §3.1): only that CPI
writes it, and never while the referral's processing is restricted. Actions are added and
removed while the path is open; an action's dates and outcome may still be completed after
the referral is concluded, as may the outcome itself and its 6-month follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy.orm import Session

from desktop.domain import lifecycle
from desktop.domain.codes import HiringMode, PathActionType, ReferralStatus
from desktop.domain.eligibility import months_between
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.referrals.lifecycle import (
    apply_outcome,
    check_referent,
    ensure_handled_here,
    handling_of,
)
from desktop.services.referrals.records import (
    OutcomeInput,
    PathActionInput,
    ReferralDetail,
    load_referral,
    referral_detail,
)
from desktop.store.engine import Store
from desktop.store.models import Organization, PathAction, Referral, ReferralHandling

FUNDING_MAX = 200
NOTES_MAX = 4000
HOURS_MAX = 10_000
INCLUSION_TRAINEESHIP_MAX_MONTHS = 24  # tirocinio di inclusione (DOMAIN.md §2)
S = ReferralStatus


@dataclass(frozen=True)
class HandlingInput:
    """Corrections of the CPI's dates and referent after the transitions that set them."""

    received_on: date | None
    taken_in_charge_on: date | None = None
    referent_id: str | None = None
    # The patto di servizio personalizzato (art. 20 D.Lgs. 150/2015), signed at the CPI.
    service_pact_on: date | None = None


@dataclass(frozen=True)
class FollowUpInput:
    """The 6-month check after the outcome: when it was done and what was found."""

    done_on: date | None
    notes: str = ""


# --- path actions ----------------------------------------------------------------------------


def _check_action(session: Session, data: PathActionInput) -> None:
    errors: dict[str, str] = {}
    v.date_order(errors, "end_on", data.start_on, data.end_on, "Inizio", "Fine")
    v.int_range(errors, "hours", data.hours, 0, HOURS_MAX, "Ore")
    v.max_length(errors, "funding", data.funding, FUNDING_MAX, "Finanziamento")
    v.max_length(errors, "outcome_notes", data.outcome_notes, NOTES_MAX, "Esito dell'azione")
    if (
        data.action_type is PathActionType.INCLUSION_TRAINEESHIP
        and data.start_on is not None
        and data.end_on is not None
        and months_between(data.start_on, data.end_on) >= INCLUSION_TRAINEESHIP_MAX_MONTHS
    ):
        errors.setdefault(
            "end_on",
            f"Un tirocinio di inclusione dura al massimo {INCLUSION_TRAINEESHIP_MAX_MONTHS} mesi.",
        )
    if data.provider_id is not None:
        provider = session.get(Organization, data.provider_id)
        if provider is None or provider.deleted:
            errors.setdefault("provider_id", "L'ente indicato non esiste più nella rubrica.")
    v.raise_if(errors)


def _values(data: PathActionInput) -> dict[str, object]:
    values = asdict(data)
    values["funding"] = data.funding.strip()
    values["outcome_notes"] = data.outcome_notes.strip()
    return values


def _open_referral(session: Session, referral_id: str, actor: Actor) -> Referral:
    referral = load_referral(session, referral_id)
    ensure_handled_here(session, referral, actor)
    if referral.status not in lifecycle.HANDLING_OPEN:
        raise NotAllowedError(
            "Le azioni si registrano dopo la presa in carico e prima della conclusione."
        )
    return referral


def _load_action(session: Session, action_id: str) -> PathAction:
    action = session.get(PathAction, action_id)
    if action is None or action.deleted:
        raise NotFoundError("L'azione richiesta non esiste o è stata eliminata.")
    return action


def add_path_action(
    store: Store, *, actor: Actor, referral_id: str, data: PathActionInput
) -> ReferralDetail:
    with store.write() as session:
        referral = _open_referral(session, referral_id, actor)
        _check_action(session, data)
        session.add(
            PathAction(
                referral_id=referral.id,
                **_values(data),
                owner_site=actor.site_code,
                updated_by=actor.operator,
            )
        )
        record_audit(
            session, actor=actor, action="add_action", entity="referral", entity_id=referral.id
        )
        session.flush()
        return referral_detail(session, referral)


def update_path_action(
    store: Store, *, actor: Actor, action_id: str, data: PathActionInput
) -> ReferralDetail:
    """Change an action; allowed while the path is open and, to complete it, once concluded."""
    with store.write() as session:
        action = _load_action(session, action_id)
        referral = load_referral(session, action.referral_id)
        ensure_handled_here(session, referral, actor)
        if referral.status not in lifecycle.HANDLING_OPEN | {S.CONCLUDED}:
            raise NotAllowedError("Le azioni di questa segnalazione non si possono più modificare.")
        _check_action(session, data)
        for name, value in _values(data).items():
            setattr(action, name, value)
        if stamp_change(action, actor=actor):  # an unchanged save is no update
            record_audit(
                session,
                actor=actor,
                action="update_action",
                entity="referral",
                entity_id=referral.id,
            )
        session.flush()
        return referral_detail(session, referral)


def remove_path_action(store: Store, *, actor: Actor, action_id: str) -> ReferralDetail:
    """Tombstone an action recorded by mistake (only while the path is open)."""
    with store.write() as session:
        action = _load_action(session, action_id)
        referral = _open_referral(session, action.referral_id, actor)
        action.deleted = True
        action.dirty = True
        action.updated_by = actor.operator
        record_audit(
            session, actor=actor, action="remove_action", entity="referral", entity_id=referral.id
        )
        session.flush()
        return referral_detail(session, referral)


# --- handling, outcome and follow-up ---------------------------------------------------------


def hiring_mode_warning(
    hiring_mode: HiringMode | None, action_types: Iterable[PathActionType]
) -> str | None:
    """A hire by convenzione art. 11 usually follows a path action under that agreement.

    Only a warning: the agreement may have been signed outside the path, or not recorded.
    """
    types = set(action_types)
    if hiring_mode is not HiringMode.ART11_AGREEMENT or not types:
        return None
    if PathActionType.L68_ART11_AGREEMENT in types:
        return None
    return (
        "L'assunzione è indicata come avvenuta con convenzione art. 11 L. 68/1999, ma tra le "
        "azioni del percorso non c'è una convenzione art. 11: verificare."
    )


def _apply_handling(
    session: Session, referral: Referral, actor: Actor, data: HandlingInput, today: date
) -> ReferralHandling:
    if referral.status in {S.DRAFT, S.SENT, S.RETURNED, S.WITHDRAWN}:
        raise NotAllowedError("La segnalazione non è ancora stata ricevuta dal CPI.")
    errors: dict[str, str] = {}
    v.required(errors, "received_on", data.received_on, "Ricevuta il")
    v.date_not_after(
        errors, "received_on", data.received_on, today, "Ricevuta il", limit_label="a oggi"
    )
    taken = referral.status in lifecycle.HANDLING_OPEN | {S.CONCLUDED}
    if taken:
        v.required(errors, "taken_in_charge_on", data.taken_in_charge_on, "Presa in carico il")
        v.date_not_after(
            errors,
            "taken_in_charge_on",
            data.taken_in_charge_on,
            today,
            "Presa in carico il",
            limit_label="a oggi",
        )
        v.date_order(
            errors,
            "taken_in_charge_on",
            data.received_on,
            data.taken_in_charge_on,
            "Ricevuta il",
            "Presa in carico il",
        )
    v.date_not_after(
        errors,
        "service_pact_on",
        data.service_pact_on,
        today,
        "Patto di servizio del",
        limit_label="a oggi",
    )
    v.date_order(
        errors,
        "service_pact_on",
        data.received_on,
        data.service_pact_on,
        "Ricevuta il",
        "Patto di servizio del",
    )
    v.raise_if(errors)
    check_referent(session, referral, data.referent_id)
    handling = handling_of(session, referral, actor)
    handling.received_on = data.received_on
    handling.service_pact_on = data.service_pact_on
    if taken:
        handling.taken_in_charge_on = data.taken_in_charge_on
        handling.referent_id = data.referent_id
    return handling


def _follow_up_errors(outcome_on: date | None, data: FollowUpInput, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    v.date_not_after(
        errors, "follow_up_done_on", data.done_on, today, "Verifica fatta il", limit_label="a oggi"
    )
    if outcome_on is not None:
        v.date_order(
            errors,
            "follow_up_done_on",
            outcome_on,
            data.done_on,
            "Data dell'esito",
            "Verifica fatta il",
        )
    v.max_length(errors, "follow_up_notes", data.notes, NOTES_MAX, "Note della verifica")
    return errors


def save_handling(
    store: Store,
    *,
    actor: Actor,
    referral_id: str,
    handling: HandlingInput | None = None,
    outcome: OutcomeInput | None = None,
    follow_up: FollowUpInput | None = None,
    today: date | None = None,
) -> ReferralDetail:
    """Save the CPI's corrections in one unit of work; parts left None are not touched.

    The outcome and the follow-up exist only once the referral is concluded (the outcome is
    first given by the "conclude" transition).
    """
    today = today or date.today()
    with store.write() as session:
        referral = load_referral(session, referral_id)
        ensure_handled_here(session, referral, actor)
        row: ReferralHandling | None = None
        if handling is not None:
            row = _apply_handling(session, referral, actor, handling, today)
        if outcome is not None or follow_up is not None:
            if referral.status is not S.CONCLUDED:
                raise NotAllowedError(
                    "L'esito e la verifica a 6 mesi si registrano dopo la conclusione."
                )
            row = handling_of(session, referral, actor)
            if outcome is not None:
                apply_outcome(row, outcome, today)
            if follow_up is not None:
                v.raise_if(_follow_up_errors(row.outcome_on, follow_up, today))
                row.follow_up_done_on = follow_up.done_on
                row.follow_up_notes = follow_up.notes.strip()
        # Saving the form as shown changes nothing: then nothing is written or audited.
        if row is not None and stamp_change(row, actor=actor):
            record_audit(
                session,
                actor=actor,
                action="update_handling",
                entity="referral",
                entity_id=referral.id,
            )
        session.flush()
        return referral_detail(session, referral)
