"""Referral routes: which kind of site may send which kind of referral to which kind of site.

Shared by the desktop (what an office is offered) and the server (what it accepts), so that
both read the Province's configuration the same way. A route is ``(sender kind, recipient
kind, route track)``. The Province configures them as ``referral_route`` reference rows; while
it has configured none at all, ``DEFAULT_ROUTES`` apply, the network DOMAIN.md describes:
Ambiti and Third Sector bodies refer young people and people with disabilities to the CPI,
and a CPI refers a person with social needs to an Ambito. Once any row exists, only the
enabled rows count, so the Province can also close every route.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sync.protocol.codes import RouteTrack, SiteKind, Track


@dataclass(frozen=True, slots=True)
class Route:
    sender_kind: SiteKind
    recipient_kind: SiteKind
    track: RouteTrack


DEFAULT_ROUTES: frozenset[Route] = frozenset(
    {
        Route(SiteKind.AMBITO, SiteKind.CPI, RouteTrack.NEET),
        Route(SiteKind.AMBITO, SiteKind.CPI, RouteTrack.CMD),
        Route(SiteKind.ETS, SiteKind.CPI, RouteTrack.NEET),
        Route(SiteKind.ETS, SiteKind.CPI, RouteTrack.CMD),
        Route(SiteKind.CPI, SiteKind.AMBITO, RouteTrack.SOCIAL),
    }
)
# The routes that make sense at all: the Province's dialog offers these and no other.
POSSIBLE_ROUTES: tuple[Route, ...] = (
    Route(SiteKind.AMBITO, SiteKind.CPI, RouteTrack.NEET),
    Route(SiteKind.AMBITO, SiteKind.CPI, RouteTrack.CMD),
    Route(SiteKind.ETS, SiteKind.CPI, RouteTrack.NEET),
    Route(SiteKind.ETS, SiteKind.CPI, RouteTrack.CMD),
    Route(SiteKind.CPI, SiteKind.CPI, RouteTrack.NEET),
    Route(SiteKind.CPI, SiteKind.CPI, RouteTrack.CMD),
    Route(SiteKind.CPI, SiteKind.AMBITO, RouteTrack.SOCIAL),
)


@dataclass(frozen=True, slots=True)
class ConfiguredRoute:
    """One ``referral_route`` row as read from a store or the server (tombstones left out)."""

    sender_kind: str
    recipient_kind: str
    track: str
    enabled: bool


def effective_routes(rows: Iterable[ConfiguredRoute]) -> frozenset[Route]:
    """The routes in force: the enabled rows, or the defaults when there is no row at all.

    Rows with codes this release does not know are ignored (a newer Province PC may add kinds).
    """
    configured = list(rows)
    if not configured:
        return DEFAULT_ROUTES
    routes = set()
    for row in configured:
        if not row.enabled:
            continue
        try:
            routes.add(
                Route(
                    SiteKind(row.sender_kind), SiteKind(row.recipient_kind), RouteTrack(row.track)
                )
            )
        except ValueError:
            continue
    return frozenset(routes)


def route_track(track: Track) -> RouteTrack:
    return RouteTrack(track.value)


def may_send(
    routes: frozenset[Route], sender: SiteKind, recipient: SiteKind, track: RouteTrack
) -> bool:
    return Route(sender, recipient, track) in routes


def tracks_for(routes: frozenset[Route], sender: SiteKind, recipient: SiteKind) -> list[RouteTrack]:
    """The tracks a sender kind may use towards a recipient kind, in the codes' order."""
    return [track for track in RouteTrack if Route(sender, recipient, track) in routes]
