"""A CPI's referral of a person to the social services of an Ambito ("Segnalazione ai servizi
sociali"), with its own simple lifecycle.

The CPI that writes it owns its row: it drafts, sends and withdraws it (a reason the Ambito
reads). The Ambito it is addressed to answers with reply rows of its own (accepted, declined
with a reason, then closed): neither side ever writes the other's row, so that both can work
offline and sync. The status shown is the latest reply's, else the row's; a withdrawn referral
stays withdrawn whatever reply crosses it on the way. Only a site whose kind the Province's
routes allow (CPI → Ambito, social) may create or send one; the server checks the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import SiteKind, SocialReferralStatus, Urgency
from desktop.domain.referral_numbers import number_range, referral_number
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.referrals.numbers import this_pc_series
from desktop.services.routes import require_social_route
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    Municipality,
    Person,
    Referral,
    Site,
    SocialReferral,
    SocialReferralReply,
)

S = SocialReferralStatus
NUMBER_PREFIX = "SS-"
REASON_MIN = 10
REASON_MAX = 4000
NOTE_MIN = 5
# What the Ambito may answer, from the status it sees.
REPLIES: dict[SocialReferralStatus, frozenset[SocialReferralStatus]] = {
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.CLOSED}),
}
FINAL = frozenset({S.DECLINED, S.CLOSED, S.WITHDRAWN})
STATUS_WORDS = {
    S.DRAFT: "bozza",
    S.SENT: "inviata",
    S.ACCEPTED: "presa in carico",
    S.DECLINED: "non di competenza",
    S.CLOSED: "chiusa",
    S.WITHDRAWN: "ritirata",
}

# What the wire accepts for the needs' free words (sync/client/record_schema.py).
MAX_NEEDS = 20
MAX_NEED_LENGTH = 120


@dataclass(frozen=True)
class SocialReferralInput:
    """What the CPI writes; ``ambito_id`` None: the Ambito of the person's residence."""

    person_id: str
    ambito_id: str | None = None
    reason: str = ""
    needs: tuple[str, ...] = ()
    urgency: Urgency = Urgency.NORMAL
    referring_operator: str = ""
    referral_id: str | None = None


@dataclass(frozen=True)
class ReplyRow:
    status: SocialReferralStatus
    replied_on: date
    operator: str
    site_name: str
    note: str


@dataclass(frozen=True)
class SocialReferralRow:
    """One line of the list: named, never shown by a code."""

    id: str
    number: str
    person_name: str
    ambito_name: str
    sender_name: str
    status: SocialReferralStatus
    urgency: Urgency
    created_on: date
    sent_on: date | None
    last_reply_on: date | None


@dataclass(frozen=True)
class SocialReferralDetail(SocialReferralInput):
    id: str = ""
    number: str = ""
    status: SocialReferralStatus = S.DRAFT
    sending_site: str = ""
    sender_name: str = ""
    person_name: str = ""
    ambito_name: str = ""
    created_on: date | None = None
    sent_on: date | None = None
    withdrawn_note: str = ""
    replies: tuple[ReplyRow, ...] = ()


@dataclass(frozen=True)
class SocialRights:
    """What this site may do with one social referral (or a new one)."""

    edit: bool = False
    send: bool = False
    withdraw: bool = False
    replies: tuple[SocialReferralStatus, ...] = ()


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


# -- who is who ---------------------------------------------------------------------------------


def site_ambito_id(session: Session, actor: Actor) -> str | None:
    """The Ambito an installation of an Ambito site works for."""
    if actor.site_kind is not SiteKind.AMBITO:
        return None
    return session.scalar(select(Site.ambito_id).where(Site.code == actor.site_code))


def may_write_social_referrals(session_or_store: Session | Store, actor: Actor) -> bool:
    """A CPI on the CPI → Ambito social route (any other kind the Province might open too)."""
    try:
        if isinstance(session_or_store, Session):
            require_social_route(session_or_store, actor.site_kind)
        else:
            with session_or_store.read() as session:
                require_social_route(session, actor.site_kind)
    except NotAllowedError:
        return False
    return True


def rights_of(session: Session, actor: Actor, row: SocialReferral | None) -> SocialRights:
    if row is None:
        allowed = may_write_social_referrals(session, actor)
        return SocialRights(edit=allowed, send=allowed)
    status = _status(session, row)
    if row.sending_site == actor.site_code:
        return SocialRights(
            edit=status is S.DRAFT,
            send=status is S.DRAFT,
            withdraw=status in {S.DRAFT, S.SENT},
        )
    if site_ambito_id(session, actor) == row.ambito_id and status in REPLIES:
        return SocialRights(replies=tuple(s for s in S if s in REPLIES[status]))
    return SocialRights()


def social_rights(store: Store, actor: Actor, social_referral_id: str | None) -> SocialRights:
    with store.read() as session:
        row = None if social_referral_id is None else _load(session, social_referral_id)
        return rights_of(session, actor, row)


# -- reading ------------------------------------------------------------------------------------


def _status(session: Session, row: SocialReferral) -> SocialReferralStatus:
    if row.status is S.WITHDRAWN:
        return S.WITHDRAWN
    latest = session.scalars(
        select(SocialReferralReply.status)
        .where(
            SocialReferralReply.social_referral_id == row.id,
            SocialReferralReply.deleted.is_(False),
        )
        .order_by(SocialReferralReply.replied_on.desc(), SocialReferralReply.updated_at.desc())
        .limit(1)
    ).first()
    return latest if latest is not None else row.status


def _load(session: Session, social_referral_id: str) -> SocialReferral:
    row = session.get(SocialReferral, social_referral_id)
    if row is None or row.deleted:
        raise NotFoundError("La segnalazione ai servizi sociali non esiste più.")
    return row


def _visible(session: Session, actor: Actor, row: SocialReferral) -> bool:
    if row.sending_site == actor.site_code:
        return True
    return row.status is not S.DRAFT and site_ambito_id(session, actor) == row.ambito_id


def _person_name(person: Person | None) -> str:
    return f"{person.last_name} {person.first_name}" if person is not None else ""


def _names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    sites = {str(row.code): str(row.name) for row in session.execute(select(Site.code, Site.name))}
    ambiti = {str(row.id): str(row.name) for row in session.execute(select(Ambito.id, Ambito.name))}
    return sites, ambiti


def _detail(session: Session, row: SocialReferral) -> SocialReferralDetail:
    sites, ambiti = _names(session)
    replies = session.scalars(
        select(SocialReferralReply)
        .where(
            SocialReferralReply.social_referral_id == row.id,
            SocialReferralReply.deleted.is_(False),
        )
        .order_by(SocialReferralReply.replied_on, SocialReferralReply.updated_at)
    ).all()
    return SocialReferralDetail(
        id=row.id,
        number=row.number,
        person_id=row.person_id,
        ambito_id=row.ambito_id,
        reason=row.reason,
        needs=tuple(row.needs),
        urgency=row.urgency,
        referring_operator=row.referring_operator,
        referral_id=row.referral_id,
        status=_status(session, row),
        sending_site=row.sending_site,
        sender_name=sites.get(row.sending_site, "Ufficio non più configurato"),
        person_name=_person_name(session.get(Person, row.person_id)),
        ambito_name=ambiti.get(row.ambito_id, ""),
        created_on=row.created_on,
        sent_on=row.sent_on,
        withdrawn_note=row.withdrawn_note,
        replies=tuple(
            ReplyRow(
                status=reply.status,
                replied_on=reply.replied_on,
                operator=reply.operator,
                site_name=sites.get(reply.site, "Ambito"),
                note=reply.note,
            )
            for reply in replies
        ),
    )


def get_social_referral(
    store: Store, *, actor: Actor, social_referral_id: str
) -> SocialReferralDetail:
    """One social referral with its replies, if this site is one of its two parties."""
    with store.write() as session:
        row = _load(session, social_referral_id)
        if not _visible(session, actor, row):
            raise NotAllowedError("La segnalazione ai servizi sociali riguarda altri uffici.")
        # Who read whose social needs: like opening a referral.
        record_audit(
            session,
            actor=actor,
            action=AuditAction.OPEN_REFERRAL,
            entity=AuditEntity.SOCIAL_REFERRAL,
            entity_id=row.id,
        )
        return _detail(session, row)


def list_social_referrals(store: Store, *, actor: Actor) -> list[SocialReferralRow]:
    """What a CPI sent (its drafts too), or what is addressed to this Ambito (sent ones)."""
    with store.read() as session:
        own_ambito = site_ambito_id(session, actor)
        conditions = [SocialReferral.sending_site == actor.site_code]
        if own_ambito is not None:
            conditions.append(
                (SocialReferral.ambito_id == own_ambito) & (SocialReferral.status != S.DRAFT)
            )
        rows = session.scalars(
            select(SocialReferral)
            .where(SocialReferral.deleted.is_(False), or_(*conditions))
            .order_by(SocialReferral.created_on.desc(), SocialReferral.number.desc())
        ).all()
        sites, ambiti = _names(session)
        result = []
        for row in rows:
            last_reply = session.scalar(
                select(func.max(SocialReferralReply.replied_on)).where(
                    SocialReferralReply.social_referral_id == row.id,
                    SocialReferralReply.deleted.is_(False),
                )
            )
            result.append(
                SocialReferralRow(
                    id=row.id,
                    number=row.number,
                    person_name=_person_name(session.get(Person, row.person_id)),
                    ambito_name=ambiti.get(row.ambito_id, ""),
                    sender_name=sites.get(row.sending_site, "Ufficio non più configurato"),
                    status=_status(session, row),
                    urgency=row.urgency,
                    created_on=row.created_on,
                    sent_on=row.sent_on,
                    last_reply_on=last_reply,
                )
            )
        return result


def person_choices(store: Store) -> list[Choice]:
    """The persons this PC holds (those its site sees), by name, to address a referral."""
    with store.read() as session:
        rows = session.execute(
            select(Person.id, Person.last_name, Person.first_name, Person.birth_date)
            .where(
                Person.deleted.is_(False),
                Person.restricted.is_(False),
                Person.anonymised_on.is_(None),
            )
            .order_by(Person.last_name, Person.first_name)
        ).all()
    return [
        Choice(row.id, f"{row.last_name} {row.first_name} ({row.birth_date:%d/%m/%Y})")
        for row in rows
    ]


def ambito_choices(store: Store) -> list[Choice]:
    with store.read() as session:
        rows = session.execute(
            select(Ambito.id, Ambito.name).where(Ambito.deleted.is_(False)).order_by(Ambito.name)
        ).all()
    return [Choice(row.id, row.name) for row in rows]


def input_from_referral(
    store: Store, *, referral_id: str, operator_name: str = ""
) -> SocialReferralInput:
    """A new social referral about the person of one of this CPI's referrals."""
    with store.read() as session:
        referral = session.get(Referral, referral_id)
        if referral is None or referral.deleted:
            raise NotFoundError("La segnalazione non esiste più.")
        person = session.get(Person, referral.person_id)
        return SocialReferralInput(
            person_id=referral.person_id,
            ambito_id=_residence_ambito(session, person),
            referring_operator=operator_name,
            referral_id=referral.id,
        )


def _residence_ambito(session: Session, person: Person | None) -> str | None:
    if person is None or person.residence_municipality_id is None:
        return None
    return session.scalar(
        select(Municipality.ambito_id).where(Municipality.id == person.residence_municipality_id)
    )


# -- writing ------------------------------------------------------------------------------------


def _next_number(session: Session, year: int) -> str:
    series = this_pc_series(session)
    low, high = number_range(year, series)
    last = session.scalar(
        select(func.max(SocialReferral.number)).where(
            SocialReferral.number >= NUMBER_PREFIX + low,
            SocialReferral.number < NUMBER_PREFIX + high,
        )
    )
    sequence = int(last.rsplit("/", 1)[1]) + 1 if last else 1
    return NUMBER_PREFIX + referral_number(year, sequence, series)


def _checked(session: Session, data: SocialReferralInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    person = session.get(Person, data.person_id)
    if person is None or person.deleted:
        errors["person_id"] = "Scegliere la persona da segnalare."
    elif person.restricted:
        raise NotAllowedError(
            "Il trattamento dei dati di questa persona è limitato (art. 18 GDPR): non può "
            "essere segnalata."
        )
    ambito_id = data.ambito_id or _residence_ambito(session, person)
    if ambito_id is None:
        errors["ambito_id"] = (
            "Non è stato possibile ricavare l'Ambito dalla residenza: sceglierlo dall'elenco."
        )
    elif session.get(Ambito, ambito_id) is None:
        errors["ambito_id"] = "L'Ambito indicato non esiste."
    reason = data.reason.strip()
    if len(reason) < REASON_MIN:
        errors["reason"] = "Descrivere il motivo della segnalazione (almeno qualche parola)."
    elif len(reason) > REASON_MAX:
        errors["reason"] = f"Il motivo può contenere al massimo {REASON_MAX} caratteri."
    operator = data.referring_operator.strip()
    if len(operator) > 200:
        errors["referring_operator"] = "Il nome dell'operatore è troppo lungo."
    needs = [need.strip() for need in data.needs if need.strip()]
    if len(needs) > MAX_NEEDS or any(len(need) > MAX_NEED_LENGTH for need in needs):
        errors["needs"] = (
            f"Indicare al massimo {MAX_NEEDS} bisogni, ciascuno in poche parole "
            f"(al massimo {MAX_NEED_LENGTH} caratteri)."
        )
    if errors:
        raise ValidationError(errors)
    return {
        "person_id": data.person_id,
        "ambito_id": ambito_id,
        "reason": reason,
        "needs": needs,
        "urgency": data.urgency,
        "referring_operator": operator,
        "referral_id": data.referral_id,
    }


def create_social_referral(
    store: Store, *, actor: Actor, data: SocialReferralInput, today: date | None = None
) -> SocialReferralDetail:
    """A new draft, owned by the CPI that writes it (on the CPI → Ambito social route)."""
    today = today or date.today()
    with store.write() as session:
        require_social_route(session, actor.site_kind)
        values = _checked(session, data)
        row = SocialReferral(
            **values,
            number=_next_number(session, today.year),
            sending_site=actor.site_code,
            status=S.DRAFT,
            created_on=today,
        )
        session.add(row)
        stamp_change(row, actor=actor, new=True)
        session.flush()
        record_audit(
            session,
            actor=actor,
            action=AuditAction.CREATE,
            entity=AuditEntity.SOCIAL_REFERRAL,
            entity_id=row.id,
        )
        return _detail(session, row)


def _own(session: Session, actor: Actor, social_referral_id: str) -> SocialReferral:
    row = _load(session, social_referral_id)
    if row.sending_site != actor.site_code:
        raise NotAllowedError(
            "La segnalazione ai servizi sociali è dell'ufficio che l'ha scritta: qui è in "
            "sola lettura."
        )
    return row


def update_social_referral(
    store: Store, *, actor: Actor, social_referral_id: str, data: SocialReferralInput
) -> SocialReferralDetail:
    """Change a draft (only the CPI that wrote it)."""
    with store.write() as session:
        row = _own(session, actor, social_referral_id)
        if _status(session, row) is not S.DRAFT:
            raise NotAllowedError(
                "La segnalazione ai servizi sociali è già stata inviata: non si può più modificare."
            )
        require_social_route(session, actor.site_kind)
        for name, value in _checked(session, data).items():
            setattr(row, name, value)
        if stamp_change(row, actor=actor):
            record_audit(
                session,
                actor=actor,
                action=AuditAction.UPDATE,
                entity=AuditEntity.SOCIAL_REFERRAL,
                entity_id=row.id,
            )
        return _detail(session, row)


def _status_audit(session: Session, actor: Actor, row: SocialReferral, status: S) -> None:
    record_audit(
        session,
        actor=actor,
        action=AuditAction.STATUS,
        entity=AuditEntity.SOCIAL_REFERRAL,
        entity_id=row.id,
        details=STATUS_WORDS[status],  # read on the audit screen: words, not codes
    )


def _refuse_status(row: SocialReferral, status: SocialReferralStatus) -> NotAllowedError:
    return NotAllowedError(
        f"Operazione non consentita: la segnalazione {row.number} è nello stato "
        f"«{STATUS_WORDS[status]}»."
    )


def send_social_referral(
    store: Store, *, actor: Actor, social_referral_id: str, on: date | None = None
) -> SocialReferralDetail:
    with store.write() as session:
        row = _own(session, actor, social_referral_id)
        status = _status(session, row)
        if status is not S.DRAFT:
            raise _refuse_status(row, status)
        # The Province may have closed the route since the draft was written.
        require_social_route(session, actor.site_kind)
        row.status = S.SENT
        row.sent_on = on or date.today()
        stamp_change(row, actor=actor)
        _status_audit(session, actor, row, S.SENT)
        return _detail(session, row)


def withdraw_social_referral(
    store: Store, *, actor: Actor, social_referral_id: str, note: str
) -> SocialReferralDetail:
    """The CPI takes back a draft or a referral the Ambito has not answered yet."""
    with store.write() as session:
        row = _own(session, actor, social_referral_id)
        status = _status(session, row)
        if status not in {S.DRAFT, S.SENT}:
            raise _refuse_status(row, status)
        if len(note.strip()) < NOTE_MIN:
            raise ValidationError({"note": "Indicare il motivo: sarà letto dall'Ambito."})
        row.status = S.WITHDRAWN
        row.withdrawn_note = note.strip()
        stamp_change(row, actor=actor)
        _status_audit(session, actor, row, S.WITHDRAWN)
        return _detail(session, row)


def reply_social_referral(
    store: Store,
    *,
    actor: Actor,
    social_referral_id: str,
    status: SocialReferralStatus,
    note: str = "",
    on: date | None = None,
) -> SocialReferralDetail:
    """The Ambito's answer, as a reply row of its own (never an edit of the CPI's row)."""
    with store.write() as session:
        row = _load(session, social_referral_id)
        if row.status is S.DRAFT or site_ambito_id(session, actor) != row.ambito_id:
            raise NotAllowedError(
                "Risponde alla segnalazione ai servizi sociali solo l'Ambito a cui è indirizzata."
            )
        current = _status(session, row)
        if status not in REPLIES.get(current, frozenset()):
            raise _refuse_status(row, current)
        if status is S.DECLINED and len(note.strip()) < NOTE_MIN:
            raise ValidationError({"note": "Indicare il motivo: sarà letto dal CPI."})
        reply = SocialReferralReply(
            social_referral_id=row.id,
            status=status,
            replied_on=on or date.today(),
            operator=actor.operator,
            site=actor.site_code,
            note=note.strip(),
        )
        session.add(reply)
        stamp_change(reply, actor=actor, new=True)
        session.flush()
        _status_audit(session, actor, row, status)
        return _detail(session, row)
