"""The referral lifecycle's transitions: send, receive, take in charge, conclude, and the exits.

Who may do what follows ``desktop.domain.lifecycle``: the sending Ambito sends and withdraws;
the CPI the referral is addressed to receives, returns, rejects, takes in charge, starts the
path and concludes. Every transition is one ``ReferralEvent`` written in the same transaction as
the status change.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import lifecycle
from desktop.domain.codes import Outcome, ReferralStatus, SiteKind
from desktop.domain.lifecycle import Party, Transition
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, ValidationError
from desktop.services.persons import check_representative
from desktop.services.referrals.records import (
    NOTE_MIN,
    OutcomeInput,
    ReferralDetail,
    actor_job_centre_id,
    ensure_processable,
    load_referral,
    record_event,
    referral_detail,
)
from desktop.services.routes import require_route
from desktop.store.base import utcnow
from desktop.store.engine import Store
from desktop.store.models import PrivacyAcknowledgement, Referent, Referral, ReferralHandling

FOLLOW_UP_DAYS = 182  # the 6-month follow-up of DOMAIN.md §2

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


def ensure_handled_here(session: Session, referral: Referral, actor: Actor) -> None:
    """Refuse unless the actor is the CPI the referral is addressed to (and may process it)."""
    ensure_processable(referral)
    if actor.site_kind is not SiteKind.CPI:
        raise NotAllowedError(
            "La presa in carico, le azioni e l'esito sono registrati dal CPI destinatario."
        )
    own_centre = actor_job_centre_id(session, actor)
    if own_centre is not None and own_centre != referral.job_centre_id:
        raise NotAllowedError("La segnalazione è indirizzata a un altro CPI.")


def _check_transition(
    session: Session, referral: Referral, transition: Transition, actor: Actor, note: str
) -> lifecycle.TransitionRule:
    rule = lifecycle.RULES[transition]
    ensure_processable(referral)
    if referral.status not in rule.sources:
        raise NotAllowedError(
            f"Operazione non consentita: la segnalazione {referral.number} è nello stato "
            f"«{STATUS_LABELS[referral.status]}»."
        )
    if rule.performed_by is Party.SENDER:
        if referral.sending_site != actor.site_code:
            if actor.site_kind is SiteKind.CPI:
                raise NotAllowedError(
                    "Questa operazione può essere svolta solo dall'ufficio inviante."
                )
            raise NotAllowedError("La segnalazione è stata inviata da un altro ufficio.")
        if transition is Transition.SEND:
            # The Province may have closed the route since the draft was written.
            require_route(session, actor.site_kind, SiteKind.CPI, referral.track)
    else:
        if referral.sending_site == actor.site_code:
            raise NotAllowedError("Questa operazione può essere svolta solo dal CPI destinatario.")
        ensure_handled_here(session, referral, actor)
    if rule.needs_note and len(note.strip()) < NOTE_MIN:
        raise ValidationError({"note": "Indicare il motivo: sarà letto dall'altro ufficio."})
    return rule


def handling_of(session: Session, referral: Referral, actor: Actor) -> ReferralHandling:
    """The CPI's handling row of a referral, created on first use.

    The caller stamps it (``stamp_change``) once its values are applied, so that a save
    changing none of them leaves the row as it was.
    """
    handling = session.scalars(
        select(ReferralHandling).where(ReferralHandling.referral_id == referral.id)
    ).first()
    if handling is None:
        handling = ReferralHandling(
            referral_id=referral.id, owner_site=actor.site_code, updated_by=actor.operator
        )
        session.add(handling)
    return handling


def check_referent(session: Session, referral: Referral, referent_id: str | None) -> None:
    """A referent named for a referral must be one of its CPI's, for its track."""
    if referent_id is None:
        return
    referent = session.get(Referent, referent_id)
    if (
        referent is None
        or referent.deleted
        or referent.job_centre_id != referral.job_centre_id
        or referent.track != referral.track
    ):
        raise ValidationError(
            {
                "referent_id": "Il referente indicato non è un referente di questo CPI per il "
                "percorso della segnalazione."
            }
        )


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
        referral = load_referral(session, referral_id)
        rule = _check_transition(session, referral, transition, actor, note)
        handling: ReferralHandling | None = None
        if transition is Transition.SEND:
            _check_sendable(referral, on)
            check_representative(session, referral.person_id, on)
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
            handling = handling_of(session, referral, actor)
            handling.received_on = on
        elif transition is Transition.TAKE_IN_CHARGE:
            check_referent(session, referral, referent_id)
            handling = handling_of(session, referral, actor)
            if handling.received_on is not None and on < handling.received_on:
                raise ValidationError(
                    {
                        "on": "La presa in carico non può precedere la data di ricezione "
                        f"({v.format_date(handling.received_on)})."
                    }
                )
            handling.taken_in_charge_on = on
            handling.referent_id = referent_id
        elif transition is Transition.CONCLUDE:
            handling = handling_of(session, referral, actor)
            apply_outcome(handling, outcome, on)
        if handling is not None:
            stamp_change(handling, actor=actor)
        now = utcnow()
        record_event(
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
        return referral_detail(session, referral)


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


def apply_outcome(handling: ReferralHandling, outcome: OutcomeInput | None, on: date) -> None:
    """Write an outcome on the handling row; ``on`` is the latest date the outcome may have."""
    if outcome is None:
        raise ValidationError({"outcome": "Per concludere il percorso indicare l'esito."})
    errors: dict[str, str] = {}
    v.date_not_after(errors, "outcome_on", outcome.outcome_on, on, "Data dell'esito")
    if outcome.outcome is Outcome.HIRED and outcome.contract_type is None:
        errors["contract_type"] = "Per un'assunzione indicare il tipo di contratto."
    if (
        outcome.outcome is Outcome.HIRED
        and outcome.counts_in_l68_quota
        and outcome.hiring_mode is None
    ):
        errors["hiring_mode"] = (
            "Per un'assunzione computata nella quota di riserva indicare la modalità "
            "(nominativa, numerica, convenzione art. 11 o art. 14)."
        )
    v.raise_if(errors)
    handling.outcome = outcome.outcome
    handling.outcome_on = outcome.outcome_on
    handling.contract_type = outcome.contract_type
    handling.counts_in_l68_quota = outcome.counts_in_l68_quota
    handling.employer_type = outcome.employer_type
    # Only a hire counted in the quota is made under L. 68/1999.
    handling.hiring_mode = (
        outcome.hiring_mode
        if outcome.outcome is Outcome.HIRED and outcome.counts_in_l68_quota
        else None
    )
    handling.outcome_notes = outcome.notes.strip()
    handling.follow_up_due_on = outcome.outcome_on + timedelta(days=FOLLOW_UP_DAYS)
