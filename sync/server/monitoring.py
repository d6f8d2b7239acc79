"""The Province's monitoring tables (``GET /monitoring``), counted from the server's records.

What is counted: referral rows (not deleted, not quarantined) created in the period, the period
first widened to whole quarters (``whole_quarters``): two requests then differ by whole quarters
at least, never by a few days that could isolate one person's referral. Residual risk, stated
honestly in docs/PRIVACY.md: nested periods (a year and its first three quarters) are protected
each on its own, not jointly, so a cell withheld in one may follow from the others by
subtraction when a quarter's own table publishes it; the quarter is the smallest unit anyone can
isolate that way.

The tables are "X × track" (``TABLE_KEYS``), each a partition of the same referrals, protected by
``sync.server.disclosure`` with the track totals and the grand total shared and published; when a
track's total is under the threshold, nothing is split by track (see disclosure's docstring).

- Ambito: the sending site's Ambito (as ``/aggregates``); a sender that is not an Ambito (a Third
  Sector body, a CPI) is its own row.
- Status: the referral's latest event's ``to_status`` (the row's own status without events), as
  every PC derives it.
- Outcome: its handling's outcome, the row ``NO_OUTCOME`` for none yet, so the table partitions
  the same referrals as the others and shares their margins.

Response times per CPI (``sync.protocol.monitoring``) are published where at least
``SUPPRESSION_THRESHOLD`` intervals were measured. Projects by funding source count projects
and euros, not persons: no suppression applies to them.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from sync.protocol import SUPPRESSION_THRESHOLD
from sync.protocol.codes import FundingSource, Outcome, ReferralStatus, SiteKind, Track
from sync.protocol.monitoring import (
    Quarter,
    days_between,
    quarters_between,
    response_times,
    whole_quarters,
)
from sync.protocol.monitoring_wire import (
    MAX_MONITORING_DAYS,
    NO_OUTCOME,
    SENDER_SITE_PREFIX,
    Cell,
    CentreResponseTimes,
    FundingRow,
    Label,
    MonitoringResponse,
    MonitoringTable,
    ResponseTimeRow,
)
from sync.server.auth import ApiError
from sync.server.db import Record, ServerDB, ServerSite, high_water_mark
from sync.server.disclosure import is_primary, protect_one_way, protect_two_way

TRACKS = tuple(track.value for track in (Track.NEET, Track.CMD))


@dataclass(frozen=True)
class Counted:
    """One referral as the tables count it."""

    sender: str
    job_centre: str
    track: str
    status: str
    month: str
    quarter: str
    outcome: str
    to_receipt: int | None
    to_taking_in_charge: int | None


def parse_period(start: str | None, end: str | None) -> tuple[date, date]:
    """The period of a request, or a 422 saying in Italian what is wrong with it."""
    days = []
    for name, value in (("inizio", start), ("fine", end)):
        if not value:
            raise ApiError(422, f"Manca la data di {name} del periodo (AAAA-MM-GG).")
        try:
            if len(value) != 10:
                raise ValueError(value)
            days.append(date.fromisoformat(value))
        except ValueError:
            raise ApiError(
                422, f"Data di {name} del periodo non valida: usare il formato AAAA-MM-GG."
            ) from None
    first, last = days
    if last < first:
        raise ApiError(422, "La data di fine del periodo precede quella di inizio.")
    if (last - first).days > MAX_MONITORING_DAYS:
        raise ApiError(422, "Periodo troppo lungo: al massimo cinque anni per richiesta.")
    return first, last


@dataclass(frozen=True)
class Protected:
    """The protected tables of a period: what ``/monitoring`` and ``/aggregates`` send."""

    total: int
    by_month: dict[str, int]  # the period's referrals by creation month ("2026-04")
    quarters: list[Label]
    split: bool
    track_totals: list[Cell]
    tables: list[MonitoringTable]
    times: dict[str, Times]  # CPI → days to receipt, to taking in charge

    def table(self, key: str) -> MonitoringTable:
        return next(table for table in self.tables if table.key == key)


# The tables' rows, by what they classify a referral by.
_ROW_OF: dict[str, Callable[[Counted], str]] = {
    "ambito": lambda r: r.sender,
    "job_centre": lambda r: r.job_centre,
    "status": lambda r: r.status,
    "quarter": lambda r: r.quarter,
    "outcome": lambda r: r.outcome,
}


def protected_tables(db: ServerDB, session: Session, first: date, last: date) -> Protected:
    """Count the referrals created from ``first`` to ``last`` (whole months) and protect them."""
    snapshot = _snapshot(db, session)
    senders = dict(snapshot.senders)
    centres = dict(snapshot.centres)
    first_month, last_month = first.isoformat()[:7], last.isoformat()[:7]
    months = [month for month in snapshot.months if first_month <= month <= last_month]
    counts: dict[str, Counter[tuple[str, str]]] = {key: Counter() for key in _ROW_OF}
    times: dict[str, Times] = {}
    for month in months:
        for key, counted in snapshot.counts[month].items():
            counts[key].update(counted)
        for centre, (receipt, in_charge) in snapshot.times[month].items():
            gathered = times.setdefault(centre, (Counter(), Counter()))
            gathered[0].update(receipt)
            gathered[1].update(in_charge)
    # Rows a later change emptied leave zero entries behind: they count for nothing.
    counts = {key: +counter for key, counter in counts.items()}
    for sender, _track in counts["ambito"]:
        senders.setdefault(sender, sender.removeprefix(SENDER_SITE_PREFIX))
    for centre, _track in counts["job_centre"]:
        centres.setdefault(centre, "")
    statuses = {status for status, _track in counts["status"]}
    quarters = [
        Label(key=quarter.key, label=quarter.label) for quarter in quarters_between(first, last)
    ]
    dimensions: dict[str, list[Label]] = {
        "ambito": _sorted_labels(senders),
        "job_centre": _sorted_labels(centres),
        "status": [Label(key=status.value) for status in ReferralStatus]
        + [Label(key=status) for status in sorted(statuses - _STATUSES)],
        "quarter": quarters,
        "outcome": [Label(key=outcome.value) for outcome in Outcome] + [Label(key=NO_OUTCOME)],
    }
    track_counts = [
        sum(n for (_row, track), n in counts["status"].items() if track == wanted)
        for wanted in TRACKS
    ]
    split = not any(is_primary(count) for count in track_counts)
    return Protected(
        total=sum(track_counts),
        by_month={month: snapshot.month_total(month) for month in months},
        quarters=quarters,
        split=split,
        track_totals=(
            [Cell(count=count) for count in track_counts] if split else _one_way_cells(track_counts)
        ),
        tables=[_table(key, dimensions[key], counts[key], split) for key in dimensions],
        times=times,
    )


Times = tuple[Counter[int | None], Counter[int | None]]  # days to receipt, to taking in charge


@dataclass(frozen=True)
class _Snapshot:
    """What the tables are counted from: every live referral as the tables classify it, tallied
    by creation month, with the rows' names and the funding lines.

    Reading every referral costs seconds on a large network (a JSON field or two of each, its
    latest event and its handling); counting and protecting a period from the monthly tallies
    costs milliseconds. So each worker keeps one snapshot, valid while no revision has been
    committed (every change to a record takes one: pushes, quarantine and its release,
    anonymisation, reference imports) and the sites and their Ambiti are those it was read
    with. After a write only the referrals whose row, events or handling took a new revision
    are read again; a change to the sites reads everything again."""

    revision: int
    sites: tuple[tuple[object, ...], ...]
    sender_of: dict[str, str]
    senders: dict[str, str]
    centres: dict[str, str]
    funding: tuple[FundingLine, ...]
    referrals: dict[str, Counted]  # by referral id
    # Month → table key → (row, track) → referrals.
    counts: dict[str, dict[str, Counter[tuple[str, str]]]]
    # Month → CPI → the measured days.
    times: dict[str, dict[str, Times]]

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(sorted(month for month, tables in self.counts.items() if +tables["status"]))

    def month_total(self, month: str) -> int:
        return sum(self.counts[month]["status"].values())


_SNAPSHOTS: weakref.WeakKeyDictionary[ServerDB, _Snapshot] = weakref.WeakKeyDictionary()
# One worker reads a new snapshot at a time: concurrent requests wait for it, not redo it.
_READING = threading.Lock()
# More changed referrals than this since the last snapshot: read them all again.
_INCREMENTAL_LIMIT = 20_000


def _snapshot(db: ServerDB, session: Session) -> _Snapshot:
    sites = tuple(
        tuple(row)
        for row in session.execute(
            select(
                ServerSite.code, ServerSite.kind, ServerSite.ambito_code, ServerSite.name
            ).order_by(ServerSite.code)
        )
    )
    revision = high_water_mark(session)
    cached = _SNAPSHOTS.get(db)
    if cached is not None and (cached.revision, cached.sites) == (revision, sites):
        return cached
    with _READING:
        cached = _SNAPSHOTS.get(db)
        if cached is not None and (cached.revision, cached.sites) == (revision, sites):
            return cached
        senders, sender_of = _senders(session)
        changed = None
        if (
            cached is not None
            and cached.sites == sites
            and cached.sender_of == sender_of
            and cached.revision <= revision
        ):
            changed = _changed_referrals(session, cached.revision)
        if cached is None or changed is None:
            referrals: dict[str, Counted] = {}
            counts: dict[str, dict[str, Counter[tuple[str, str]]]] = {}
            times: dict[str, dict[str, Times]] = {}
            fresh = _referrals(session, sender_of)
        else:
            referrals = dict(cached.referrals)
            counts = {
                month: {table: Counter(counter) for table, counter in tables.items()}
                for month, tables in cached.counts.items()
            }
            times = {
                month: {centre: (Counter(a), Counter(b)) for centre, (a, b) in centres.items()}
                for month, centres in cached.times.items()
            }
            for referral_id in changed:
                gone = referrals.pop(referral_id, None)
                if gone is not None:
                    _tally(counts, times, gone, -1)
            fresh = _referrals(session, sender_of, changed) if changed else []
        for referral_id, referral in fresh:
            gone = referrals.pop(referral_id, None)
            if gone is not None:
                _tally(counts, times, gone, -1)
            referrals[referral_id] = referral
            _tally(counts, times, referral, 1)
        snapshot = _Snapshot(
            revision=revision,
            sites=sites,
            sender_of=sender_of,
            senders=senders,
            centres=_reference_names(session, "job_centre"),
            funding=tuple(_funding_lines(session)),
            referrals=referrals,
            counts=counts,
            times=times,
        )
        _SNAPSHOTS[db] = snapshot
        return snapshot


def warm(db: ServerDB) -> None:
    """Read the snapshot once as a worker starts, so that the Province's first request after a
    restart is answered as fast as the others (reading 100,000 referrals takes seconds)."""
    try:
        with db.read() as session:
            _snapshot(db, session)
    except SQLAlchemyError as error:  # a database not yet reachable: the first request reads it
        logging.getLogger(__name__).warning("monitoring snapshot not read at start: %s", error)


def _tally(
    counts: dict[str, dict[str, Counter[tuple[str, str]]]],
    times: dict[str, dict[str, Times]],
    referral: Counted,
    sign: int,
) -> None:
    month = counts.get(referral.month)
    if month is None:
        month = counts[referral.month] = {table: Counter() for table in _ROW_OF}
        times[referral.month] = {}
    for table, row_of in _ROW_OF.items():
        month[table][row_of(referral), referral.track] += sign
    measured = times[referral.month].setdefault(referral.job_centre, (Counter(), Counter()))
    measured[0][referral.to_receipt] += sign
    measured[1][referral.to_taking_in_charge] += sign


def _changed_referrals(session: Session, after: int) -> list[str] | None:
    """The referrals whose row, events or handling took a revision after ``after`` (None:
    too many to read one by one)."""
    found: set[str] = set()
    # By the revision's index alone: a condition on the table would lead SQLite to its own
    # index, and through every referral of the network.
    for table, record_id, referral_id in session.execute(
        select(Record.table_name, Record.id, Record.referral_id).where(Record.revision > after)
    ):
        if table == "referral":
            found.add(record_id)
        elif table in ("referral_event", "referral_handling"):
            found.add(str(referral_id or ""))
        if len(found) > _INCREMENTAL_LIMIT:
            return None
    found.discard("")
    return sorted(found)


def referral_months(db: ServerDB, session: Session) -> tuple[str, ...]:
    """The months ("2026-04") in which live referrals were created, in order."""
    return _snapshot(db, session).months


def monitoring(db: ServerDB, start: date, end: date) -> MonitoringResponse:
    first, last = whole_quarters(start, end)
    with db.read() as session:
        protected = protected_tables(db, session, first, last)
        funding = _funding(_snapshot(db, session).funding, first, last)
    return MonitoringResponse(
        generated_at=datetime.now(UTC),
        requested_start=start,
        requested_end=end,
        start=first,
        end=last,
        quarters=protected.quarters,
        split_by_track=protected.split,
        tracks=[Label(key=track) for track in TRACKS],
        track_totals=protected.track_totals,
        total=protected.total,
        tables=protected.tables,
        response_times=[
            CentreResponseTimes(
                job_centre=centre,
                receipt=_times(protected.times.get(centre.key, (Counter(), Counter()))[0]),
                taking_in_charge=_times(protected.times.get(centre.key, (Counter(), Counter()))[1]),
            )
            for centre in protected.table("job_centre").rows
        ],
        funding=funding,
    )


def _table(
    key: str, rows: list[Label], counted: Counter[tuple[str, str]], split: bool
) -> MonitoringTable:
    counts = [[counted[row.key, track] for track in TRACKS] for row in rows]
    row_counts = [sum(row) for row in counts]
    column_counts = [sum(row[j] for row in counts) for j in range(len(TRACKS))]
    if not split:
        return MonitoringTable(
            key=key,
            rows=rows,
            columns=[],
            cells=[[] for _ in rows],
            row_totals=_one_way_cells(row_counts),
            column_totals=[],
            total=sum(row_counts),
        )
    protected = protect_two_way(counts, shared_column_totals=True)
    return MonitoringTable(
        key=key,
        rows=rows,
        columns=[Label(key=track) for track in TRACKS],
        cells=[
            [_cell(count, hidden) for count, hidden in zip(row, hidden_row, strict=True)]
            for row, hidden_row in zip(counts, protected.cells, strict=True)
        ],
        row_totals=[
            _cell(count, hidden)
            for count, hidden in zip(row_counts, protected.row_totals, strict=True)
        ],
        column_totals=[Cell(count=count) for count in column_counts],
        total=sum(row_counts),
    )


def _cell(count: int, hidden: bool) -> Cell:
    return Cell(count=None, suppressed=True) if hidden else Cell(count=count)


def _one_way_cells(counts: Sequence[int]) -> list[Cell]:
    return [
        _cell(count, hidden) for count, hidden in zip(counts, protect_one_way(counts), strict=True)
    ]


def _sorted_labels(names: dict[str, str]) -> list[Label]:
    return [
        Label(key=key, label=label)
        for key, label in sorted(names.items(), key=lambda item: (item[1].casefold(), item[0]))
    ]


def _reference_names(session: Session, table: str) -> dict[str, str]:
    """Live reference rows of ``table``: id → name."""
    return {
        record_id: str(data.get("name") or "")
        for record_id, data in session.execute(
            select(Record.id, Record.data).where(
                Record.table_name == table, Record.deleted.is_(False)
            )
        )
    }


def _senders(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    """Rows of the Ambito table (key → name) and each site's row key.

    An Ambito's site counts under its Ambito's reference record (several offices of one Ambito
    are one row); any other sender under its own site."""
    ambiti: dict[str, tuple[str, str]] = {}
    for record_id, code, data in session.execute(
        select(Record.id, Record.natural_key, Record.data).where(
            Record.table_name == "ambito", Record.deleted.is_(False)
        )
    ):
        ambiti[str(code or "")] = (record_id, str(data.get("name") or ""))
    rows: dict[str, str] = {}
    for record_id, name in ambiti.values():
        rows[record_id] = name
    sender_of: dict[str, str] = {}
    for code, kind, ambito_code, name in session.execute(
        select(ServerSite.code, ServerSite.kind, ServerSite.ambito_code, ServerSite.name)
    ):
        if kind == SiteKind.PROVINCIA.value:
            continue
        if kind == SiteKind.AMBITO.value and (ambito_code or code) in ambiti:
            record_id, reference_name = ambiti[ambito_code or code]
            sender_of[code] = record_id
            # A reference name that is only the code says less than the office's own name.
            if not reference_name or reference_name == (ambito_code or code):
                rows[record_id] = name
            continue
        if kind == SiteKind.CPI.value:
            sender_of[code] = SENDER_SITE_PREFIX + code
            continue  # a CPI is a row only if it sent something
        sender_of[code] = SENDER_SITE_PREFIX + code
        rows[sender_of[code]] = name
    return rows, sender_of


def latest_event_status() -> Any:
    """The ``to_status`` of the referral's latest event, as a correlated subquery: a few
    index look-ups per referral (``record.referral_id``), where a window over every event of
    the network would sort them all."""
    event = aliased(Record)
    at = event.data["at"].as_string()
    return (
        select(event.data["to_status"].as_string())
        .where(
            event.referral_id == Record.id,
            event.table_name == "referral_event",
            event.deleted.is_(False),
        )
        .order_by(at.desc().nulls_last(), event.id.desc())
        .limit(1)
        .correlate(Record)
        .scalar_subquery()
    )


def _referrals(
    session: Session, sender_of: dict[str, str], only: Sequence[str] | None = None
) -> list[tuple[str, Counted]]:
    """Every live referral of the network (or of ``only``) as the tables count it."""
    if only is not None:
        found: list[tuple[str, Counted]] = []
        for start in range(0, len(only), 500):
            found += _referrals_where(session, sender_of, Record.id.in_(only[start : start + 500]))
        return found
    return _referrals_where(session, sender_of, None)


def _referrals_where(
    session: Session, sender_of: dict[str, str], narrower: Any
) -> list[tuple[str, Counted]]:
    handling = aliased(Record)
    status = func.coalesce(latest_event_status(), Record.status)
    query = (
        select(
            Record.id,
            Record.owner_site,
            Record.job_centre_id,
            Record.track,
            status,
            Record.month,
            Record.data["sent_on"].as_string(),
            handling.data["received_on"].as_string(),
            handling.data["taken_in_charge_on"].as_string(),
            handling.data["outcome"].as_string(),
        )
        .select_from(Record)
        .outerjoin(
            handling,
            and_(
                handling.table_name == "referral_handling",
                handling.referral_id == Record.id,
                handling.deleted.is_(False),
                handling.quarantined.is_(False),
            ),
        )
        .where(
            Record.table_name == "referral",
            Record.deleted.is_(False),
            Record.quarantined.is_(False),
        )
    )
    if narrower is not None:
        query = query.where(narrower)
    counted: list[tuple[str, Counted]] = []
    quarter_keys: dict[str, str] = {}
    seen: set[str] = set()
    for row in session.execute(query):
        referral_id, owner, centre, track, current, month, sent, received, taken, outcome = row
        # One handling per referral is the rule; a second one must not count it twice.
        if track not in TRACKS or not month or referral_id in seen:
            continue
        seen.add(referral_id)
        if month not in quarter_keys:
            try:
                quarter_keys[month] = Quarter.of(date.fromisoformat(f"{month}-01")).key
            except ValueError:
                quarter_keys[month] = ""  # not a date: in no period
        if not quarter_keys[month]:
            continue
        sent_on = _day(sent)
        counted.append(
            (
                referral_id,
                Counted(
                    sender=sender_of.get(owner, SENDER_SITE_PREFIX + owner),
                    job_centre=str(centre or ""),
                    track=track,
                    status=str(current or ""),
                    month=month,
                    quarter=quarter_keys[month],
                    outcome=outcome if outcome in _OUTCOMES else NO_OUTCOME,
                    to_receipt=days_between(sent_on, _day(received)),
                    to_taking_in_charge=days_between(sent_on, _day(taken)),
                ),
            )
        )
    return counted


_OUTCOMES = frozenset(outcome.value for outcome in Outcome)
_STATUSES = frozenset(status.value for status in ReferralStatus)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _times(days: Counter[int | None]) -> ResponseTimeRow:
    measured = response_times((+days).elements())
    if is_primary(measured.count, SUPPRESSION_THRESHOLD):
        return ResponseTimeRow(count=None, suppressed=True)
    return ResponseTimeRow(count=measured.count, median=measured.median, p90=measured.p90)


FundingLine = tuple[Any, Any, Any, str, Any, Any]  # source, amount, year, project, start, end


def _funding_lines(session: Session) -> list[FundingLine]:
    project = aliased(Record)
    rows = session.execute(
        select(
            Record.data["source"].as_string(),
            Record.data["amount_cents"],
            Record.data["year"],
            project.id,
            project.data["start_on"].as_string(),
            project.data["end_on"].as_string(),
        )
        .select_from(Record)
        .join(
            project,
            and_(
                project.table_name == "project",
                project.id == Record.data["project_id"].as_string(),
                project.deleted.is_(False),
                project.quarantined.is_(False),
            ),
        )
        .where(
            Record.table_name == "project_funding",
            Record.deleted.is_(False),
            Record.quarantined.is_(False),
        )
    )
    return [tuple(row) for row in rows]


def _funding(lines: Sequence[FundingLine], first: date, last: date) -> list[FundingRow]:
    """Projects and euros by funding source: funding rows of the period's years (a row with no
    year counts when its project's dates meet the period, or the project has none)."""
    projects: dict[str, set[str]] = defaultdict(set)
    amounts: dict[str, int] = defaultdict(int)
    for source, amount, year, project_id, starts, ends in lines:
        if not _funding_in_period(year, _day(starts), _day(ends), first, last):
            continue
        key = source if source in _SOURCES else FundingSource.OTHER.value
        projects[key].add(project_id)
        amounts[key] += _cents(amount)
    return [
        FundingRow(
            source=Label(key=source.value),
            projects=len(projects[source.value]),
            amount_cents=amounts[source.value],
        )
        for source in FundingSource
        if projects[source.value]
    ]


_SOURCES = frozenset(source.value for source in FundingSource)


def _funding_in_period(
    year: object, starts: date | None, ends: date | None, first: date, last: date
) -> bool:
    if isinstance(year, int) and not isinstance(year, bool):
        return first.year <= year <= last.year
    return (starts is None or starts <= last) and (ends is None or ends >= first)


def _cents(amount: object) -> int:
    if isinstance(amount, bool):
        return 0
    if isinstance(amount, int):
        return amount
    if isinstance(amount, str) and amount.lstrip("-").isdigit():
        return int(amount)
    return 0
