"""Who is calling, and what their site may read and write: the one place that decides.

Every request but ``meta`` and ``enroll`` goes through ``current_caller``; every read filters
with ``visible``; every write asks ``write_denial``; who sees a private record is
``audience``. Rules (DESIGN.md §3): reference data belongs to the Province's site and the
directory to whoever created a row, and both are read by everyone; an Ambito sees what it owns,
including the CPI's handling of its referrals; a CPI sees the referrals addressed to its job
centre once sent (with their persons, events and acknowledgements) and owns their handling; the
Province writes reference data only and reads aggregates.

Issue 17 widened who sends: an Ambito, a Third Sector body enrolled as a site (kind ``ets``) or
a CPI, on the routes the Province configures (``route_denial``; ``sync.protocol.routes``). The
joint activation plan's rows follow their referral like its events, each owned by the party
that wrote it. A CPI's social referral to an Ambito opens its person, never the CPI's referral,
to the addressed Ambito's sites once sent; only they answer it (``social_referral_reply``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Protocol

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import ColumnElement, and_, exists, or_, select

from sync.protocol import (
    DIRECTORY_TABLES,
    HANDLING_TABLES,
    JOINT_PLAN_TABLES,
    REFERENCE_TABLES,
)
from sync.protocol.codes import ReferralStatus, RouteTrack, SiteKind, SocialReferralStatus
from sync.protocol.routes import Route
from sync.server.db import Device, Record, RecordGrant, ServerDB, ServerSite

PUBLIC_TABLES: frozenset[str] = REFERENCE_TABLES | DIRECTORY_TABLES
# Rows that follow their referral: whoever sees the referral sees them, nobody else.
REFERRAL_DEPENDENTS: frozenset[str] = HANDLING_TABLES | JOINT_PLAN_TABLES | {"referral_event"}
# Records that open a person to the sites they are addressed to.
PERSON_OPENERS: frozenset[str] = frozenset({"referral", "social_referral"})
PROVINCE_WRITABLE: frozenset[str] = PUBLIC_TABLES


class ApiError(Exception):
    """An answer other than 2xx, with its Italian message (``{"detail": ...}``)."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SiteRef:
    code: str
    kind: SiteKind
    name: str
    ambito_code: str | None
    job_centre_code: str | None

    @classmethod
    def of(cls, site: ServerSite) -> SiteRef:
        kind = SiteKind(site.kind)
        return cls(site.code, kind, site.name, site.ambito_code, site.job_centre_code)


@dataclass(frozen=True)
class Caller:
    device_id: str
    site: SiteRef


_UNAUTHORISED = (
    "Dispositivo non riconosciuto o revocato: ripetere l'attivazione con un nuovo codice."
)


def authenticate(db: ServerDB, token: str | None) -> Caller:
    if not token:
        raise ApiError(401, _UNAUTHORISED, {"WWW-Authenticate": "Bearer"})
    with db.read() as session:
        row = session.execute(
            select(Device, ServerSite)
            .join(ServerSite, ServerSite.code == Device.site_code)
            .where(Device.token_hash == hash_secret(token))
        ).first()
        if row is None or row[0].revoked_at is not None:
            raise ApiError(401, _UNAUTHORISED, {"WWW-Authenticate": "Bearer"})
        return Caller(row[0].id, SiteRef.of(row[1]))


_bearer = HTTPBearer(auto_error=False, description="The device token received at enrollment.")

# Where the request guard (sync.server.guard) leaves the caller it authenticated before reading
# the body, so that the routes do not ask the database a second time.
CALLER_SCOPE_KEY = "trama.caller"


def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    caller = request.scope.get(CALLER_SCOPE_KEY)
    if isinstance(caller, Caller):
        return caller
    # Not through the guard (an application assembled without it): authenticate here.
    db: ServerDB = request.app.state.db
    return authenticate(db, credentials.credentials if credentials else None)


def require_province(caller: Caller) -> None:
    if caller.site.kind != SiteKind.PROVINCIA:
        raise ApiError(403, "I dati aggregati sono riservati alla sede della Provincia.")


def visible(site_code: str) -> ColumnElement[bool]:
    """The records a site may read: public ones and those granted to it."""
    granted = exists().where(
        RecordGrant.site_code == site_code,
        RecordGrant.table_name == Record.table_name,
        RecordGrant.record_id == Record.id,
        RecordGrant.removed.is_(False),
    )
    return or_(Record.is_public.is_(True), and_(Record.is_public.is_(False), granted))


class RecordView(Protocol):
    """The columns of a record that the rules read."""

    @property
    def table_name(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def owner_site(self) -> str: ...
    @property
    def referral_id(self) -> str | None: ...
    @property
    def person_id(self) -> str | None: ...
    @property
    def job_centre_id(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def deleted(self) -> bool: ...
    @property
    def quarantined(self) -> bool: ...
    @property
    def data(self) -> dict[str, object]: ...


class ScopeLookup(Protocol):
    """What the rules need to know about other records (current state, this batch included)."""

    def record(self, table: str, record_id: str | None) -> RecordView | None: ...

    def cpi_sites(self, job_centre_id: str | None) -> frozenset[str]: ...

    def ambito_sites(self, ambito_id: str | None) -> frozenset[str]: ...

    def referrals_of_person(self, person_id: str) -> Sequence[RecordView]:
        """The referrals and social referrals naming this person (``PERSON_OPENERS``)."""
        ...

    def routes(self) -> frozenset[Route]:
        """The referral routes in force (``sync.protocol.routes.effective_routes``)."""
        ...


def audience(record: RecordView, lookup: ScopeLookup) -> frozenset[str]:
    """The sites that see a private record."""
    table = record.table_name
    if table == "referral":
        return _referral_audience(record, lookup)
    if table == "social_referral":
        return _social_referral_audience(record, lookup)
    if table == "social_referral_reply":
        # Its parent's id travels in the derived ``referral_id`` (scope.derive).
        parent = lookup.record("social_referral", record.referral_id)
        if parent is None:
            return frozenset({record.owner_site})
        return _social_referral_audience(parent, lookup)
    if table == "person":
        # Only live referrals open a person to another site: a tombstoned or quarantined one
        # must not keep showing the person to the site it was (or was crafted to look) sent by
        # or addressed to.
        sites = {record.owner_site}
        for sent in lookup.referrals_of_person(record.id):
            if not (sent.deleted or sent.quarantined):
                sites |= _opener_audience(sent, lookup)
        return frozenset(sites)
    if table in REFERRAL_DEPENDENTS or (
        table == "privacy_acknowledgement" and record.referral_id is not None
    ):
        # The owner of an event is not enough: once the referral is re-addressed, the old CPI
        # must lose its events and handling together with the referral.
        parent = lookup.record("referral", record.referral_id)
        return _referral_audience(parent, lookup) if parent else frozenset({record.owner_site})
    if table == "privacy_acknowledgement":
        owner = lookup.record("person", record.person_id)
        return audience(owner, lookup) if owner else frozenset({record.owner_site})
    return frozenset({record.owner_site})


def _referral_audience(referral: RecordView, lookup: ScopeLookup) -> frozenset[str]:
    # A draft is the sender's alone; from "sent" on, the CPI it is addressed to sees it.
    if referral.status == ReferralStatus.DRAFT.value:
        return frozenset({referral.owner_site})
    return frozenset({referral.owner_site}) | lookup.cpi_sites(referral.job_centre_id)


def _social_referral_audience(record: RecordView, lookup: ScopeLookup) -> frozenset[str]:
    # As a referral: the CPI's draft is its own; once sent, the Ambito's sites see it.
    if record.status == SocialReferralStatus.DRAFT.value:
        return frozenset({record.owner_site})
    ambito_id = record.data.get("ambito_id")
    recipients = lookup.ambito_sites(ambito_id if isinstance(ambito_id, str) else None)
    return frozenset({record.owner_site}) | recipients


def _opener_audience(record: RecordView, lookup: ScopeLookup) -> frozenset[str]:
    if record.table_name == "social_referral":
        return _social_referral_audience(record, lookup)
    return _referral_audience(record, lookup)


def route_denial(
    caller: Caller,
    table: str,
    data: dict[str, object],
    *,
    deleted: bool,
    existing: RecordView | None,
    lookup: ScopeLookup,
) -> str | None:
    """Why the caller's site may not send this (social) referral by the Province's routes.

    Checked when a referral or social referral is created and while it is a draft (a site
    with no route has nothing to draft or send). One already sent lives on when the Province
    closes its route later, so that its lifecycle never stalls; a tombstone always passes.
    """
    if deleted or table not in PERSON_OPENERS:
        return None
    if existing is not None and existing.status not in (
        ReferralStatus.DRAFT.value,
        SocialReferralStatus.DRAFT.value,
    ):
        return None
    if table == "social_referral":
        recipient, track = SiteKind.AMBITO, RouteTrack.SOCIAL
    else:
        recipient = SiteKind.CPI
        try:
            track = RouteTrack(str(data.get("track")))
        except ValueError:
            return "Percorso della segnalazione sconosciuto."
    if Route(caller.site.kind, recipient, track) in lookup.routes():
        return None
    return (
        f"La Provincia non ha previsto che {_KIND_WORDS[caller.site.kind]} invii "
        f"{_TRACK_WORDS[track]} {_RECIPIENT_WORDS[recipient]}: la segnalazione non è accettata."
    )


_KIND_WORDS = {
    SiteKind.AMBITO: "un Ambito territoriale",
    SiteKind.CPI: "un Centro per l'Impiego",
    SiteKind.ETS: "un ente del Terzo settore",
    SiteKind.PROVINCIA: "la Provincia",
}
_TRACK_WORDS = {
    RouteTrack.NEET: "segnalazioni NEET",
    RouteTrack.CMD: "segnalazioni per il collocamento mirato",
    RouteTrack.SOCIAL: "segnalazioni ai servizi sociali",
}
_RECIPIENT_WORDS = {SiteKind.CPI: "a un CPI", SiteKind.AMBITO: "a un Ambito"}


def handling_owner(record: RecordView, lookup: ScopeLookup) -> str:
    """The site owning a handling row: the CPI the referral is addressed to now."""
    referral = lookup.record("referral", record.referral_id)
    responsible = lookup.cpi_sites(referral.job_centre_id) if referral else frozenset()
    if not responsible or record.owner_site in responsible:
        return record.owner_site
    return min(responsible)


def write_denial(
    caller: Caller,
    table: str,
    existing: RecordView | None,
    referral: RecordView | None,
    lookup: ScopeLookup,
) -> str | None:
    """Why the caller's site may not write this record, or None when it may."""
    site = caller.site
    if table in REFERENCE_TABLES:
        if site.kind != SiteKind.PROVINCIA:
            return "I dati di riferimento sono gestiti dalla Provincia."
        return None
    if site.kind == SiteKind.PROVINCIA and table not in PROVINCE_WRITABLE:
        return "La sede della Provincia non modifica dati degli uffici."
    if table in HANDLING_TABLES:
        if referral is None:
            return "La segnalazione a cui si riferisce la presa in carico non è sul server."
        if site.code not in lookup.cpi_sites(referral.job_centre_id):
            return "Solo il CPI a cui è indirizzata la segnalazione ne gestisce la presa in carico."
        return None
    if existing is not None:
        if existing.owner_site != site.code:
            return "Il record appartiene a un'altra sede e non può essere modificato da questa."
        return None
    if table == "referral_event":
        if referral is None:
            return "La segnalazione dell'evento non è sul server."
        if site.code not in _referral_audience(referral, lookup):
            return "La segnalazione dell'evento non è visibile a questa sede."
    if table in JOINT_PLAN_TABLES:
        # Any party that sees the referral adds its own entries; nobody else, and never to a
        # draft (whose only party is its sender: a plan needs the CPI).
        if referral is None:
            return "La segnalazione del progetto condiviso non è sul server."
        if referral.status == ReferralStatus.DRAFT.value:
            return "Una segnalazione in bozza non ha un progetto condiviso."
        if site.code not in _referral_audience(referral, lookup):
            return "La segnalazione del progetto condiviso non è visibile a questa sede."
    if table == "social_referral_reply":
        # ``referral`` is the social referral answered (push._referral_of).
        if referral is None:
            return "La segnalazione ai servizi sociali a cui si risponde non è sul server."
        ambito_id = referral.data.get("ambito_id")
        recipients = lookup.ambito_sites(ambito_id if isinstance(ambito_id, str) else None)
        if referral.status == SocialReferralStatus.DRAFT.value or site.code not in recipients:
            return "Risponde alla segnalazione solo l'Ambito a cui è indirizzata."
    return None


def touch_device(device: Device) -> None:
    device.last_seen_at = datetime.now(UTC)
