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

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, func, select
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
from sync.server.db import Record, ServerDB, ServerSite
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


def latest_status() -> Any:
    """A subquery of (referral_id, status): each referral's latest event's ``to_status``."""
    at = Record.data["at"].as_string()
    ranked = (
        select(
            Record.referral_id.label("referral_id"),
            Record.data["to_status"].as_string().label("status"),
            func.row_number()
            .over(
                partition_by=Record.referral_id, order_by=(at.desc().nulls_last(), Record.id.desc())
            )
            .label("position"),
        )
        .where(Record.table_name == "referral_event", Record.deleted.is_(False))
        .subquery()
    )
    return select(ranked.c.referral_id, ranked.c.status).where(ranked.c.position == 1).subquery()


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
    """The protected tables over some referrals: what ``/monitoring`` and ``/aggregates`` send."""

    referrals: list[Counted]
    quarters: list[Label]
    split: bool
    track_totals: list[Cell]
    tables: list[MonitoringTable]

    def table(self, key: str) -> MonitoringTable:
        return next(table for table in self.tables if table.key == key)


def protected_tables(session: Session, first: date, last: date) -> Protected:
    """Count the referrals created from ``first`` to ``last`` (whole months) and protect them."""
    senders, sender_of = _senders(session)
    centres = _reference_names(session, "job_centre")
    referrals = _referrals(session, first, last, sender_of)
    for referral in referrals:
        if referral.sender not in senders:
            senders[referral.sender] = referral.sender.removeprefix(SENDER_SITE_PREFIX)
        if referral.job_centre not in centres:
            centres[referral.job_centre] = ""
    quarters = [
        Label(key=quarter.key, label=quarter.label) for quarter in quarters_between(first, last)
    ]
    dimensions: dict[str, list[Label]] = {
        "ambito": _sorted_labels(senders),
        "job_centre": _sorted_labels(centres),
        "status": [Label(key=status.value) for status in ReferralStatus]
        + [Label(key=status) for status in sorted({r.status for r in referrals} - _STATUSES)],
        "quarter": quarters,
        "outcome": [Label(key=outcome.value) for outcome in Outcome] + [Label(key=NO_OUTCOME)],
    }
    values = {
        "ambito": lambda r: r.sender,
        "job_centre": lambda r: r.job_centre,
        "status": lambda r: r.status,
        "quarter": lambda r: r.quarter,
        "outcome": lambda r: r.outcome,
    }
    track_counts = [sum(1 for r in referrals if r.track == track) for track in TRACKS]
    split = not any(is_primary(count) for count in track_counts)
    return Protected(
        referrals=referrals,
        quarters=quarters,
        split=split,
        track_totals=(
            [Cell(count=count) for count in track_counts] if split else _one_way_cells(track_counts)
        ),
        tables=[_table(key, dimensions[key], values[key], referrals, split) for key in dimensions],
    )


def monitoring(db: ServerDB, start: date, end: date) -> MonitoringResponse:
    first, last = whole_quarters(start, end)
    with db.read() as session:
        protected = protected_tables(session, first, last)
        funding = _funding(session, first, last)
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
        total=len(protected.referrals),
        tables=protected.tables,
        response_times=_response_times(protected.referrals, protected.table("job_centre").rows),
        funding=funding,
    )


def _table(
    key: str,
    rows: list[Label],
    value: Any,
    referrals: Sequence[Counted],
    split: bool,
) -> MonitoringTable:
    index = {label.key: position for position, label in enumerate(rows)}
    counts = [[0] * len(TRACKS) for _ in rows]
    track_index = {track: position for position, track in enumerate(TRACKS)}
    for referral in referrals:
        counts[index[value(referral)]][track_index[referral.track]] += 1
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


def _referrals(
    session: Session, first: date, last: date, sender_of: dict[str, str]
) -> list[Counted]:
    latest = latest_status()
    handling = aliased(Record)
    status = func.coalesce(latest.c.status, Record.status)
    created_on = Record.data["created_on"].as_string()
    query = (
        select(
            Record.id,
            Record.owner_site,
            Record.job_centre_id,
            Record.track,
            status,
            created_on,
            Record.data["sent_on"].as_string(),
            handling.data["received_on"].as_string(),
            handling.data["taken_in_charge_on"].as_string(),
            handling.data["outcome"].as_string(),
        )
        .select_from(Record)
        .outerjoin(latest, latest.c.referral_id == Record.id)
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
            # Whole quarters are whole months: the indexed month column selects them exactly.
            Record.month >= first.isoformat()[:7],
            Record.month <= last.isoformat()[:7],
        )
    )
    counted: list[Counted] = []
    quarter_keys: dict[str, str] = {}
    seen: set[str] = set()
    for row in session.execute(query):
        referral_id, owner, centre, track, current, created, sent, received, taken, outcome = row
        # One handling per referral is the rule; a second one must not count it twice.
        if track not in TRACKS or not created or referral_id in seen:
            continue
        seen.add(referral_id)
        month = created[:7]
        if month not in quarter_keys:
            quarter_keys[month] = Quarter.of(date.fromisoformat(f"{month}-01")).key
        sent_on = _day(sent)
        counted.append(
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


def _response_times(
    referrals: Iterable[Counted], centres: list[Label]
) -> list[CentreResponseTimes]:
    to_receipt: dict[str, list[int | None]] = defaultdict(list)
    to_charge: dict[str, list[int | None]] = defaultdict(list)
    for referral in referrals:
        to_receipt[referral.job_centre].append(referral.to_receipt)
        to_charge[referral.job_centre].append(referral.to_taking_in_charge)
    return [
        CentreResponseTimes(
            job_centre=centre,
            receipt=_times(to_receipt[centre.key]),
            taking_in_charge=_times(to_charge[centre.key]),
        )
        for centre in centres
    ]


def _times(days: list[int | None]) -> ResponseTimeRow:
    measured = response_times(days)
    if is_primary(measured.count, SUPPRESSION_THRESHOLD):
        return ResponseTimeRow(count=None, suppressed=True)
    return ResponseTimeRow(count=measured.count, median=measured.median, p90=measured.p90)


def _funding(session: Session, first: date, last: date) -> list[FundingRow]:
    """Projects and euros by funding source: funding rows of the period's years (a row with no
    year counts when its project's dates meet the period, or the project has none)."""
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
    projects: dict[str, set[str]] = defaultdict(set)
    amounts: dict[str, int] = defaultdict(int)
    for source, amount, year, project_id, starts, ends in rows:
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
