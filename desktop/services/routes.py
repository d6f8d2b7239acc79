"""Referral routes on this PC: which kinds of site may send which referrals to whom.

The Province configures them (reference rows ``referral_route``, synced to every PC; the server
lets only the Province's site write them and refuses a referral pushed on a closed route). Every
PC reads them the way the server does (``sync.protocol.routes.effective_routes``): with no row
at all, the network's defaults. The Province's PC saves a row for EVERY possible route, enabled
or not, so that once saved the configuration is explicit and no longer follows the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import RouteTrack, SiteKind, Track
from desktop.services.audit import record_audit, stamp_change
from desktop.services.errors import NotAllowedError
from desktop.store.engine import Store
from desktop.store.models import ReferralRoute
from sync.protocol import reference_id
from sync.protocol.routes import (
    POSSIBLE_ROUTES,
    ConfiguredRoute,
    Route,
    effective_routes,
    may_send,
    tracks_for,
)

NOT_PROVINCE = (
    "I percorsi di segnalazione sono stabiliti dalla Provincia: solo la postazione della "
    "Provincia può modificarli."
)
# Italian words for the routes, as services' messages name them.
KIND_WORDS = {
    SiteKind.AMBITO: "Ambito territoriale",
    SiteKind.CPI: "CPI",
    SiteKind.ETS: "ente del Terzo settore",
    SiteKind.PROVINCIA: "Provincia",
}
TRACK_WORDS = {
    RouteTrack.NEET: "NEET",
    RouteTrack.CMD: "collocamento mirato",
    RouteTrack.SOCIAL: "segnalazione ai servizi sociali",
}
PLURAL_TRACK_WORDS = {
    RouteTrack.NEET: "segnalazioni NEET",
    RouteTrack.CMD: "segnalazioni per il collocamento mirato",
    RouteTrack.SOCIAL: "segnalazioni ai servizi sociali",
}
# The referral tracks a sender offers, in the editor's order.
REFERRAL_TRACKS = (Track.NEET, Track.CMD)


@dataclass(frozen=True)
class RouteSetting:
    """One possible route and whether it is in force."""

    route: Route
    enabled: bool


@dataclass(frozen=True)
class RouteConfiguration:
    settings: tuple[RouteSetting, ...]
    configured: bool  # False: the Province has saved none, the defaults apply


def _configured_rows(session: Session) -> list[ConfiguredRoute]:
    rows = session.scalars(select(ReferralRoute).where(ReferralRoute.deleted.is_(False))).all()
    return [
        ConfiguredRoute(str(row.sender_kind), str(row.recipient_kind), str(row.track), row.enabled)
        for row in rows
    ]


def routes_in_force(session_or_store: Session | Store) -> frozenset[Route]:
    """The routes in force on this PC: the Province's enabled rows, or the defaults."""
    if isinstance(session_or_store, Session):
        return effective_routes(_configured_rows(session_or_store))
    with session_or_store.read() as session:
        return effective_routes(_configured_rows(session))


def route_words(route: Route) -> str:
    """«Ambito territoriale → CPI: NEET», for messages."""
    return (
        f"{KIND_WORDS[route.sender_kind]} → {KIND_WORDS[route.recipient_kind]}: "
        f"{TRACK_WORDS[route.track]}"
    )


def referral_tracks_for(routes: frozenset[Route], sender: SiteKind) -> list[Track]:
    """The referral tracks (to a CPI) a site of this kind may create and send."""
    allowed = set(tracks_for(routes, sender, SiteKind.CPI))
    return [track for track in REFERRAL_TRACKS if RouteTrack(track.value) in allowed]


def sendable_tracks(store: Store, sender: SiteKind) -> list[Track]:
    return referral_tracks_for(routes_in_force(store), sender)


def no_route_message(sender: SiteKind) -> str:
    """Why a site of this kind cannot create referrals, in Italian."""
    return (
        f"Nessun percorso di segnalazione verso i CPI è attivo per un {KIND_WORDS[sender]}: "
        "la Provincia stabilisce chi può inviare segnalazioni."
    )


def require_route(session: Session, sender: SiteKind, recipient: SiteKind, track: Track) -> None:
    """Refuse, with an Italian message, a referral on a route that is not in force."""
    _require(session, Route(sender, recipient, RouteTrack(track.value)))


def require_social_route(session: Session, sender: SiteKind) -> None:
    _require(session, Route(sender, SiteKind.AMBITO, RouteTrack.SOCIAL))


def _require(session: Session, route: Route) -> None:
    if may_send(routes_in_force(session), route.sender_kind, route.recipient_kind, route.track):
        return
    if route not in POSSIBLE_ROUTES:  # e.g. an Ambito writing to the social services
        raise NotAllowedError(
            f"Un {KIND_WORDS[route.sender_kind]} non può inviare "
            f"{PLURAL_TRACK_WORDS[route.track]} a un {KIND_WORDS[route.recipient_kind]}."
        )
    raise NotAllowedError(
        f"Il percorso di segnalazione «{route_words(route)}» non è attivo: la Provincia "
        "non lo ha abilitato."
    )


def may_edit_routes(actor: Actor) -> bool:
    """Only the Province's PC: the server would refuse anyone else's change anyway."""
    return actor.site_kind is SiteKind.PROVINCIA


def route_configuration(store: Store) -> RouteConfiguration:
    """Every possible route, in the dialog's order, with whether it is in force."""
    with store.read() as session:
        rows = _configured_rows(session)
    in_force = effective_routes(rows)
    return RouteConfiguration(
        settings=tuple(RouteSetting(route, route in in_force) for route in POSSIBLE_ROUTES),
        configured=bool(rows),
    )


def save_routes(store: Store, *, actor: Actor, enabled: frozenset[Route]) -> RouteConfiguration:
    """Write a row for every possible route (``enabled`` on, the others off), owned by the
    Province's site and dirty so that the next sync sends it. Only the Province's PC may."""
    if not may_edit_routes(actor):
        raise NotAllowedError(NOT_PROVINCE)
    with store.write() as session:
        existing = {
            (str(row.sender_kind), str(row.recipient_kind), str(row.track)): row
            for row in session.scalars(select(ReferralRoute)).all()
        }
        changed: list[str] = []
        for route in POSSIBLE_ROUTES:
            key = (route.sender_kind.value, route.recipient_kind.value, route.track.value)
            row = existing.get(key)
            new = row is None
            if row is None:
                # The id the server's import gives the same route: one row per route anywhere.
                row = ReferralRoute(
                    id=reference_id("referral_route", ":".join(key)),
                    sender_kind=route.sender_kind,
                    recipient_kind=route.recipient_kind,
                    track=route.track,
                )
                session.add(row)
            row.enabled = route in enabled
            row.deleted = False
            if stamp_change(row, actor=actor, new=new):
                state = "attivo" if row.enabled else "non attivo"
                changed.append(f"{route_words(route)} ({state})")
        if changed:
            session.flush()
            record_audit(
                session,
                actor=actor,
                action=AuditAction.UPDATE,
                entity=AuditEntity.REFERRAL_ROUTE,
                entity_id="",
                details="; ".join(changed),
            )
    return route_configuration(store)
