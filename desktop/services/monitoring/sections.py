"""The counts both local pages draw from the same rows: referrals by track, status, month, CPI
and sender; response times; outcomes; referrals waiting for an answer.

``Counts.read`` makes one pass over the referrals and their handling (covering indexes only);
the chart builders only rearrange what it found.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop.documents.labels import it_label
from desktop.domain.codes import Outcome, Track
from desktop.domain.monitoring import (
    Category,
    Chart,
    ChartKind,
    Drill,
    MonitoringFilter,
    Series,
    Unit,
    Value,
)
from desktop.services.monitoring.counting import (
    AWAITING,
    Month,
    Scope,
    Where,
    count_series,
    plain_series,
    present_statuses,
    regrouped,
    status_label,
    time_slots,
    times_from_histogram,
    track_categories,
)
from desktop.store.raw import Connection

# (track, status, job centre id, sending site, "YYYY-MM") → referrals.
GroupKey = tuple[str, str, str, str, str]
Histograms = dict[str | None, dict[int, int]]  # a group's key → (days → intervals)

# What a row is called when this PC has no reference row naming it (yet).
UNKNOWN = "non ancora noto"
RECEIPT = "h.received_on"
TAKING_IN_CHARGE = "h.taken_in_charge_on"
_HANDLING = "LEFT JOIN referral_handling h ON h.referral_id = r.id AND h.deleted = 0"


@dataclass(frozen=True)
class Counts:
    """What the queries found, grouped; everything a page shows is summed from these."""

    groups: Mapping[GroupKey, int]
    receipt: Histograms
    taking_in_charge: Histograms
    outcomes: Mapping[tuple[str, str], int]  # (track, outcome) → referrals
    waiting: Mapping[str, int]  # job centre id → referrals waiting too long
    # (track, days since received, or since sent) → referrals not yet taken in charge.
    awaiting_ages: Mapping[tuple[str, int], int]

    @classmethod
    def read(
        cls,
        connection: Connection,
        where: Where,
        *,
        today: date,
        waiting_days: int,
        times_by: str,
    ) -> Counts:
        """``times_by``: the column response times are grouped by (a CPI, a referent)."""
        groups: dict[GroupKey, int] = defaultdict(int)
        receipt: Histograms = defaultdict(dict)
        charge: Histograms = defaultdict(dict)
        outcomes: dict[tuple[str, str], int] = defaultdict(int)
        waiting: dict[str, int] = defaultdict(int)
        ages: dict[tuple[str, int], int] = defaultdict(int)
        cutoff = today - timedelta(days=max(waiting_days, 0))
        for row, count in _counted(connection, where, times_by, today=today, cutoff=cutoff):
            track, status, centre, site, month, key, outcome, received, taken, late, age = row
            groups[(track, status, centre, site, month)] += count
            if received is not None:
                found = receipt[key]
                found[received] = found.get(received, 0) + count
            if taken is not None:
                found = charge[key]
                found[taken] = found.get(taken, 0) + count
            if outcome is not None:
                outcomes[(track, outcome)] += count
            if late:
                waiting[centre] += count
            if age is not None:
                ages[(track, age)] += count
        return cls(
            groups=dict(groups),
            receipt=dict(receipt),
            taking_in_charge=dict(charge),
            outcomes=dict(outcomes),
            waiting=dict(waiting),
            awaiting_ages=dict(ages),
        )

    def total(self, keep: Callable[[GroupKey], bool] = lambda _key: True) -> int:
        return sum(count for key, count in self.groups.items() if keep(key))

    def by(
        self, index: int, keep: Callable[[GroupKey], bool] = lambda _key: True
    ) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for key, count in self.groups.items():
            if keep(key):
                found[key[index]] += count
        return dict(found)


def _days(column: str) -> str:
    """Whole days from sending to ``column``; NULL when either is missing or the interval is
    negative (sync.protocol.monitoring: such an interval is left out)."""
    return (
        f"CASE WHEN {column} >= r.sent_on "
        f"THEN CAST(julianday({column}) - julianday(r.sent_on) AS INTEGER) END"
    )


def _counted(
    connection: Connection, where: Where, times_by: str, *, today: date, cutoff: date
) -> Iterable[tuple[tuple[Any, ...], int]]:
    """One pass over the covering indexes of the referrals and their handling (migration 0009:
    ``ix_referral_listed`` holds ``sent_on`` and the id, ``ix_referral_handling_monitored`` the
    handling's dates, outcome and referent): for each referral its track, status, CPI, sender,
    month, ``times_by`` (a CPI, a referent), outcome, the intervals to receipt and to taking in
    charge, whether it waits too long, and the age of one still awaiting an answer (since
    received, or else since sent or made); alike rows counted together.

    Counted here rather than with GROUP BY: SQLite's sorter over some 30,000 rows cost more
    than the rows' transfer (issue 18's benchmark: the whole page from 0.32 to 0.24 s)."""
    awaiting = ", ".join(repr(code) for code in AWAITING)
    sql = (
        "SELECT r.track, r.status, r.job_centre_id, r.sending_site, "
        f"substr(r.created_on, 1, 7), {times_by}, h.outcome, "
        f"{_days(RECEIPT)}, {_days(TAKING_IN_CHARGE)}, "
        f"r.status IN ({awaiting}) AND r.sent_on IS NOT NULL AND r.sent_on < :cutoff, "
        f"CASE WHEN r.status IN ({awaiting}) THEN CAST(julianday(:today) - "
        "julianday(coalesce(h.received_on, r.sent_on, r.created_on)) AS INTEGER) END "
        f"FROM referral r {_HANDLING} WHERE {where.sql}"
    )
    params = {**where.params, "today": today.isoformat(), "cutoff": cutoff.isoformat()}
    return Counter(tuple(row) for row in connection.execute(sql, params).fetchall()).items()


TRACK, STATUS, CENTRE, SITE, MONTH = range(5)


def by_track_and_status(key: str, counts: Counts, scope: Scope, flt: MonitoringFilter) -> Chart:
    categories = track_categories(flt)
    statuses = present_statuses(code for _t, code, *_rest in counts.groups)
    series = tuple(
        count_series(
            status,
            status_label(status),
            categories,
            counts.by(TRACK, lambda k, s=status: k[STATUS] == s),  # type: ignore[misc]
            lambda track, s=status: scope.drill(flt, track=track, statuses=(s,)),
        )
        for status in statuses
    )
    totals = counts.by(TRACK)
    return Chart(
        key=key,
        title="Segnalazioni per percorso e stato",
        kind=ChartKind.STACKED_BAR,
        unit=Unit.COUNT,
        categories=tuple(categories) if series else (),
        series=series,
        category_title="Percorso",
        totals=(
            tuple(
                Value.count(totals.get(c.key, 0), scope.drill(flt, track=c.key)) for c in categories
            )
            if series
            else None
        ),
    )


def month_categories(flt: MonitoringFilter) -> list[Month]:
    return time_slots(flt.start, flt.end).slots


def _month_drill(scope: Scope, flt: MonitoringFilter, month: Month, **narrower: Any) -> Drill:
    return scope.drill(flt, created_from=month.first, created_to=month.last, **narrower)


def by_month(key: str, counts: Counts, scope: Scope, flt: MonitoringFilter) -> Chart:
    """One line per track across the months of the period (quarters or years over a long one)."""
    slots = time_slots(flt.start, flt.end)
    months = slots.slots
    by_key = {month.key: month for month in months}
    categories = tuple(Category(month.key, month.label) for month in months)
    series = tuple(
        count_series(
            track.key,
            track.label,
            categories,
            regrouped(
                counts.by(MONTH, lambda k, t=track.key: k[TRACK] == t),  # type: ignore[misc]
                slots.slot_of,
            ),
            lambda month, t=track.key: _month_drill(scope, flt, by_key[month], track=t),
        )
        for track in track_categories(flt)
    )
    totals = regrouped(counts.by(MONTH), slots.slot_of)
    has_any = bool(counts.groups)
    return Chart(
        key=key,
        title=f"Segnalazioni per {slots.noun}",
        kind=ChartKind.LINE,
        unit=Unit.COUNT,
        categories=categories if has_any else (),
        series=series if has_any else (),
        category_title=slots.title,
        totals=(
            tuple(Value.count(totals.get(m.key, 0), _month_drill(scope, flt, m)) for m in months)
            if has_any
            else None
        ),
    )


def by_month_and_centre(
    key: str, counts: Counts, scope: Scope, flt: MonitoringFilter, centres: Mapping[str, str]
) -> Chart:
    """A small line per CPI: how its referrals went month by month (or by quarter or year)."""
    slots = time_slots(flt.start, flt.end)
    months = slots.slots
    by_key = {month.key: month for month in months}
    categories = tuple(Category(month.key, month.label) for month in months)
    present = by_name(counts.by(CENTRE), centres)
    series = tuple(
        count_series(
            centre,
            name,
            categories,
            regrouped(
                counts.by(MONTH, lambda k, c=centre: k[CENTRE] == c),  # type: ignore[misc]
                slots.slot_of,
            ),
            lambda month, c=centre: _month_drill(scope, flt, by_key[month], job_centre_id=c),
        )
        for centre, name in present
    )
    return Chart(
        key=key,
        title=f"Andamento {slots.adjective} per CPI",
        kind=ChartKind.SPARKLINES,
        unit=Unit.COUNT,
        categories=categories if series else (),
        series=series,
        category_title="CPI",
    )


def by_name(
    found: Iterable[str | None], names: Mapping[str, str], *, unknown: str = UNKNOWN
) -> list[tuple[str, str]]:
    """The keys found with their names, by name (a key no reference row names keeps a neutral
    name: never an id or a code)."""
    named = [(key, names.get(key) or unknown) for key in found if key is not None and key != ""]
    return sorted(named, key=lambda item: (item[1].casefold(), item[0]))


def response_time_charts(
    prefix: str,
    counts: Counts,
    names: Mapping[str, str],
    *,
    category_title: str,
    none_label: str = "",
) -> tuple[Chart, ...]:
    """Median and 90th percentile per group (CPI or referent), for receipt and for taking in
    charge, and a table of how many intervals each was measured on."""
    keys: set[str | None] = set(counts.receipt) | set(counts.taking_in_charge)
    named = [(key, names.get(key, "") if key else none_label) for key in keys]
    named = [(key, name or UNKNOWN) for key, name in named]
    named.sort(key=lambda item: (item[0] is None, item[1].casefold(), item[0] or ""))
    categories = tuple(Category(key or "", name) for key, name in named)
    charts: list[Chart] = []
    measured: dict[str, list[int]] = {}
    for suffix, title, histograms in (
        ("receipt_times", "Giorni dall'invio alla ricezione", counts.receipt),
        ("charge_times", "Giorni dall'invio alla presa in carico", counts.taking_in_charge),
    ):
        times = [times_from_histogram(histograms.get(key, {})) for key, _name in named]
        measured[suffix] = [t.count for t in times]
        charts.append(
            Chart(
                key=f"{prefix}.{suffix}",
                title=title,
                kind=ChartKind.BAR,
                unit=Unit.DAYS,
                categories=categories,
                series=(
                    plain_series("median", "Mediana", (t.median for t in times)),
                    plain_series("p90", "90° percentile", (t.p90 for t in times)),
                )
                if categories
                else (),
                category_title=category_title,
                note="Giorni interi dalla data di invio; mediana e 90° percentile sugli "
                "intervalli misurati.",
            )
        )
    charts.append(
        Chart(
            key=f"{prefix}.response_counts",
            title="Intervalli misurati",
            kind=ChartKind.BAR,
            unit=Unit.COUNT,
            categories=categories,
            series=(
                plain_series("receipt", "Invio-ricezione", measured["receipt_times"]),
                plain_series("charge", "Invio-presa in carico", measured["charge_times"]),
            )
            if categories
            else (),
            category_title=category_title,
            note="Segnalazioni con entrambe le date note: su di esse sono calcolati i tempi.",
        )
    )
    return tuple(charts)


def outcomes_by_track(key: str, counts: Counts, flt: MonitoringFilter) -> Chart:
    categories = track_categories(flt)
    found = {outcome for _track, outcome in counts.outcomes}
    outcomes = [outcome for outcome in Outcome if outcome.value in found]
    series = tuple(
        plain_series(
            outcome.value,
            it_label(outcome),
            (counts.outcomes.get((c.key, outcome.value), 0) for c in categories),
        )
        for outcome in outcomes
    )
    return Chart(
        key=key,
        title="Esiti per percorso",
        kind=ChartKind.STACKED_BAR,
        unit=Unit.COUNT,
        categories=tuple(categories) if series else (),
        series=series,
        category_title="Percorso",
        totals=tuple(
            Value(float(sum(n for (t, _o), n in counts.outcomes.items() if t == c.key)))
            for c in categories
        )
        if series
        else None,
        note="Esiti registrati dal CPI sulle segnalazioni del periodo.",
    )


def waiting_by_centre(
    key: str, counts: Counts, flt: MonitoringFilter, centres: Mapping[str, str]
) -> Chart:
    present = by_name(dict(counts.waiting), centres)
    categories = tuple(Category(centre, name) for centre, name in present)
    return Chart(
        key=key,
        title=f"In attesa da più di {flt.waiting_days} giorni",
        kind=ChartKind.BAR,
        unit=Unit.COUNT,
        categories=categories,
        series=(
            plain_series(
                "waiting", "Segnalazioni in attesa", (counts.waiting[c] for c, _n in present)
            ),
        )
        if categories
        else (),
        category_title="CPI",
        note=f"Inviate o ricevute, non ancora prese in carico, con invio da più di "
        f"{flt.waiting_days} giorni.",
    )


def track_series_label(track: str) -> str:
    return it_label(Track(track))


def centre_series(
    counts: Counts, scope: Scope, flt: MonitoringFilter, categories: Sequence[Category]
) -> tuple[Series, ...]:
    """One series per track over categories of sending sites (the CPI's senders)."""
    return tuple(
        count_series(
            track.key,
            track.label,
            categories,
            counts.by(SITE, lambda k, t=track.key: k[TRACK] == t),  # type: ignore[misc]
            lambda site, t=track.key: scope.drill(flt, track=t, sent_by_site=site),
        )
        for track in track_categories(flt)
    )
