"""The Monitoraggio pages counted on this PC's own store (issue 18).

An Ambito's office and a Third Sector body see the referrals they sent, a CPI the referrals
addressed to it: each as a ``desktop.domain.monitoring.Dashboard`` for a ``MonitoringFilter``,
counted with a few GROUP BY queries (``counting``). Every count of referrals carries the
``Drill`` that opens exactly those referrals in the list (``referral_filter``). The Province's
page is counted from the server's protected tables instead (``province``).
"""

from __future__ import annotations

from datetime import date

from desktop.domain.codes import ReferralStatus, SiteKind, Track
from desktop.domain.monitoring import Audience, Dashboard, Drill, MonitoringFilter
from desktop.services.errors import ServiceError
from desktop.services.monitoring.job_centre import build_job_centre_dashboard
from desktop.services.monitoring.local import read_local
from desktop.services.monitoring.sender import build_sender_dashboard
from desktop.services.referrals.listing_sql import ReferralFilter
from desktop.store.engine import Store
from sync.protocol.monitoring import Quarter

__all__ = [
    "audience_of",
    "default_filter",
    "job_centre_dashboard",
    "local_dashboard",
    "referral_filter",
    "sender_dashboard",
]

_AUDIENCES = {
    SiteKind.AMBITO: Audience.SENDER,
    SiteKind.ETS: Audience.SENDER,
    SiteKind.CPI: Audience.JOB_CENTRE,
    SiteKind.PROVINCIA: Audience.PROVINCE,
}


def default_filter(today: date) -> MonitoringFilter:
    """The current quarter so far."""
    return MonitoringFilter(start=Quarter.of(today).start, end=today)


def sender_dashboard(
    store: Store, flt: MonitoringFilter, *, today: date | None = None
) -> Dashboard:
    """The page of a sending site: the referrals this PC's site sent. ``today``: the day the
    waiting referrals and the project indicators are counted on (default: today)."""
    return build_sender_dashboard(store, _checked(flt), today=today or date.today())


def job_centre_dashboard(
    store: Store, flt: MonitoringFilter, *, today: date | None = None
) -> Dashboard:
    """The page of a CPI: the referrals addressed to this PC's CPI."""
    return build_job_centre_dashboard(store, _checked(flt), today=today or date.today())


def local_dashboard(store: Store, flt: MonitoringFilter, *, today: date | None = None) -> Dashboard:
    """The page this PC's site kind sees; the Province's is read from the server."""
    local = read_local(store)
    audience = _AUDIENCES[local.site_kind]
    day = today or date.today()
    if audience is Audience.JOB_CENTRE:
        return build_job_centre_dashboard(store, _checked(flt), today=day, local=local)
    if audience is Audience.SENDER:
        return build_sender_dashboard(store, _checked(flt), today=day, local=local)
    raise ServiceError(
        "Il monitoraggio della Provincia si legge dal server provinciale, non da questo computer."
    )


def audience_of(store: Store) -> Audience:
    return _AUDIENCES[read_local(store).site_kind]


def referral_filter(drill: Drill) -> ReferralFilter:
    """The referral list's filter that shows exactly the referrals a figure counted."""
    return ReferralFilter(
        track=None if drill.track is None else Track(drill.track),
        statuses=frozenset(ReferralStatus(code) for code in drill.statuses),
        job_centre_id=drill.job_centre_id,
        ambito_id=drill.ambito_id,
        sent_by_site=drill.sent_by_site,
        created_from=drill.created_from,
        created_to=drill.created_to,
    )


def _checked(flt: MonitoringFilter) -> MonitoringFilter:
    """Refuse a filter no page could mean (its period backwards, a track that is no track)."""
    if flt.end < flt.start:
        raise ServiceError("La data finale del periodo precede quella iniziale.")
    if flt.track is not None and flt.track not in {track.value for track in Track}:
        raise ServiceError("Il percorso scelto non esiste.")
    if flt.waiting_days < 0:
        raise ServiceError("I giorni di attesa non possono essere negativi.")
    return flt
