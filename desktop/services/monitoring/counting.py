"""The referrals a site may see on its Monitoraggio page, counted with SQL on the store's own
connection, and the pieces of a ``Chart`` built from the grouped rows.

What a site sees is what its referral list shows by default (``listing_sql.ReferralFilter``):
never a deleted referral, nor a restricted one or one of a restricted person (GDPR art. 18). A
sender sees the referrals it sent (``sending_site``), drafts included; a CPI the referrals
addressed to it, never drafts. One pass reads those referrals with the CPI's handling from
the covering indexes of migration 0009 (``sent_on`` and the id in ``ix_referral_listed``, the
handling's dates in ``ix_referral_handling_monitored``), alike rows counted together
(``sections.Counts``). No ORM object is made per referral.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import repeat
from typing import Any

from desktop.documents.labels import it_label
from desktop.domain.codes import ReferralStatus, Track
from desktop.domain.monitoring import Category, Drill, MonitoringFilter, Series, Value
from desktop.store.raw import Connection
from sync.protocol.monitoring import Quarter, ResponseTimes, quarters_between, response_times

# The order of the lifecycle, as the list's status filter and the detail show it.
STATUS_ORDER: tuple[ReferralStatus, ...] = tuple(ReferralStatus)
NOT_DRAFT: tuple[str, ...] = tuple(s.value for s in ReferralStatus if s is not ReferralStatus.DRAFT)
# Sent and not yet taken in charge: what a CPI still owes an answer on.
AWAITING: tuple[str, ...] = (ReferralStatus.SENT.value, ReferralStatus.RECEIVED.value)
SENT_STATUSES: tuple[str, ...] = tuple(
    s.value for s in ReferralStatus if s not in {ReferralStatus.DRAFT, ReferralStatus.WITHDRAWN}
)
TRACK_ORDER: tuple[Track, ...] = tuple(Track)

_MONTHS = ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic")

# A note every local page carries: what the list leaves out, the page leaves out too.
RESTRICTED_NOTE = (
    "Sono escluse le segnalazioni limitate e quelle di persone con trattamento limitato "
    "(art. 18 GDPR), come nell'elenco delle segnalazioni."
)


@dataclass(frozen=True)
class Scope:
    """Whose referrals: a sender's (by its site code) or a CPI's (by its job centre id)."""

    sending_site: str | None = None
    job_centre_id: str | None = None

    def drill(self, flt: MonitoringFilter, **narrower: Any) -> Drill:
        """The referral list's filter for these referrals and a figure's own terms."""
        if self.sending_site is not None:
            return flt.drill(sent_by_site=self.sending_site, **narrower)
        narrower.setdefault("statuses", NOT_DRAFT)
        return flt.drill(job_centre_id=self.job_centre_id, **narrower)


@dataclass
class Where:
    """The WHERE clause over ``referral r`` of the referrals a page counts, with parameters."""

    sql: str
    params: dict[str, Any] = field(default_factory=dict)

    def with_params(self, **params: Any) -> Where:
        """The same terms, with parameters that other parts of the query use."""
        return Where(self.sql, {**self.params, **params})


def scope_where(scope: Scope, flt: MonitoringFilter) -> Where:
    """The referrals of ``scope`` that ``flt`` selects and the list would show.

    ``deleted`` and the ``created_on`` range are written bare so that SQLite reads the partial
    index ``ix_referral_listed``; the other terms (a unary ``+``) are checked on its entries.
    """
    terms = [
        "r.deleted = 0",
        "r.created_on >= :start",
        "r.created_on <= :end",
        "+r.restricted = 0",
    ]
    params: dict[str, Any] = {"start": flt.start.isoformat(), "end": flt.end.isoformat()}
    if scope.sending_site is not None:
        terms.append("+r.sending_site = :sending_site")
        params["sending_site"] = scope.sending_site
        if flt.job_centre_id is not None:
            terms.append("+r.job_centre_id = :job_centre_id")
            params["job_centre_id"] = flt.job_centre_id
    else:
        terms.append("+r.job_centre_id = :job_centre_id")
        terms.append("+r.status != 'draft'")
        params["job_centre_id"] = scope.job_centre_id
    if flt.track is not None:
        terms.append("+r.track = :track")
        params["track"] = flt.track
    if flt.ambito_id is not None:
        terms.append(
            "+r.person_id IN (SELECT p_a.id FROM municipality m_a JOIN person p_a "
            "ON p_a.residence_municipality_id = m_a.id WHERE m_a.ambito_id = :ambito_id)"
        )
        params["ambito_id"] = flt.ambito_id
    # Last: the persons under restriction are few, read once from their index.
    terms.append("r.person_id NOT IN (SELECT id FROM person WHERE restricted = 1)")
    return Where(" AND ".join(terms), params)


def rows(connection: Connection, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    return list(connection.execute(sql, dict(params)).fetchall())


# --- Periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    key: str  # "2026-03", as substr(created_on, 1, 7)
    label: str  # "mar 2026"
    first: date
    last: date


def months_between(start: date, end: date) -> list[Month]:
    """Every calendar month that meets the period, each clipped to it."""
    found: list[Month] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        found.append(
            Month(
                key=f"{year:04d}-{month:02d}",
                label=f"{_MONTHS[month - 1]} {year}",
                first=max(start, date(year, month, 1)),
                last=min(end, following - timedelta(days=1)),
            )
        )
        year, month = following.year, following.month
    return found


# A chart over time keeps to about two dozen points: past that, months become quarters, and
# quarters years (a page over a whole history would otherwise draw hundreds of months).
MAX_TIME_POINTS = 24


@dataclass(frozen=True)
class TimeSlots:
    slots: list[Month]  # months, quarters or years, each clipped to the period
    noun: str  # "mese", "trimestre", "anno"
    adjective: str  # "mensile", "trimestrale", "annuale"
    slot_of: Callable[[str], str]  # a month's key ("2026-03") → its slot's key

    @property
    def title(self) -> str:
        return self.noun.capitalize()


def time_slots(start: date, end: date) -> TimeSlots:
    months = months_between(start, end)
    if len(months) <= MAX_TIME_POINTS:
        return TimeSlots(months, "mese", "mensile", lambda key: key)
    quarters = quarters_between(start, end)
    if len(quarters) <= MAX_TIME_POINTS:
        return TimeSlots(
            [Month(q.key, q.short_label, max(start, q.start), min(end, q.end)) for q in quarters],
            "trimestre",
            "trimestrale",
            lambda key: Quarter.of(date(int(key[:4]), int(key[5:7]), 1)).key,
        )
    years = range(start.year, end.year + 1)
    return TimeSlots(
        [
            Month(str(y), str(y), max(start, date(y, 1, 1)), min(end, date(y, 12, 31)))
            for y in years
        ],
        "anno",
        "annuale",
        lambda key: key[:4],
    )


def regrouped(counts: Mapping[str, int], slot_of: Callable[[str], str]) -> dict[str, int]:
    """Counts by month summed into their slots."""
    found: dict[str, int] = {}
    for key, count in counts.items():
        slot = slot_of(key)
        found[slot] = found.get(slot, 0) + count
    return found


# --- Building charts from grouped rows ----------------------------------------------------------


def track_categories(flt: MonitoringFilter) -> list[Category]:
    tracks = TRACK_ORDER if flt.track is None else (Track(flt.track),)
    return [Category(track.value, it_label(track)) for track in tracks]


def status_label(code: str) -> str:
    return it_label(ReferralStatus(code))


def present_statuses(codes: Iterable[str]) -> list[str]:
    """The statuses found, in the lifecycle's order."""
    found = set(codes)
    return [status.value for status in STATUS_ORDER if status.value in found]


def count_series(
    key: str,
    label: str,
    categories: Sequence[Category],
    counts: Mapping[str, int],
    drill_of: Any,
) -> Series:
    """A series of counts, one per category, each with the drill ``drill_of(category_key)``."""
    return Series(
        key,
        label,
        tuple(
            Value.count(counts.get(category.key, 0), drill_of(category.key))
            for category in categories
        ),
    )


def plain_series(key: str, label: str, values: Iterable[float | None]) -> Series:
    """Numbers that no referral list can show (days, money, counts of intervals)."""
    return Series(key, label, tuple(Value(None if v is None else float(v)) for v in values))


def times_from_histogram(histogram: Mapping[int, int]) -> ResponseTimes:
    """Median and 90th percentile of intervals counted by SQL as (days → how many)."""

    def expanded() -> Iterator[int]:
        for days, count in histogram.items():
            yield from repeat(int(days), int(count))

    return response_times(expanded())
