"""Referral counts for the Province: by Ambito, CPI, track, status and month, small cells hidden.

The lists are the margins of the very tables ``/monitoring`` publishes (``sync.server.monitoring
.protected_tables``), counted over every quarter that holds a referral: the row totals of the
Ambito, CPI and status tables and the track totals, with the same cells withheld. Protected
separately, the same margin could be withheld here and published there (or the reverse), and
the two answers together would give it away; built from one protection they add nothing to each
other. The months nest in the quarters: each quarter's months are protected as a one-way table
against the quarter's count (``sync.server.disclosure.protect_nested``), and every month of a
quarter whose count is withheld is withheld too (zeros are left out of the list, as ever).

Deleted and quarantined referrals are not counted; the month is the referral's creation month.
A referral's status is its latest event's (by the event's time, then id), as every PC derives
it (sync.client.derived): the referral row is the sender's, and the CPI's handling reaches the
server as events only, so the row's own status stays at what the sender last sent. A referral
with no event yet counts with its row's status.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import AggregateCount, AggregatesResponse
from sync.protocol.monitoring import Quarter, whole_quarters
from sync.protocol.monitoring_wire import SENDER_SITE_PREFIX, Cell, MonitoringTable
from sync.server.db import Record, ServerDB
from sync.server.disclosure import protect_nested, protect_one_way
from sync.server.monitoring import Protected, protected_tables, referral_months


def protect(
    cells: list[tuple[str, str, int]], groups: list[str] | None = None
) -> list[AggregateCount]:
    """A one-way list whose total is published: primary and secondary suppression
    (``sync.server.disclosure.protect_one_way``: never exactly one cell withheld), within each
    of ``groups`` when the categories nest in coarser ones published elsewhere."""
    counts = [count for _key, _label, count in cells]
    hidden = protect_one_way(counts) if groups is None else protect_nested(counts, groups)
    return [
        AggregateCount(key=key, label=label, count=None, suppressed=True)
        if withheld
        else AggregateCount(key=key, label=label, count=count)
        for (key, label, count), withheld in zip(cells, hidden, strict=True)
    ]


def aggregates(db: ServerDB) -> AggregatesResponse:
    with db.read() as session:
        months = referral_months(db, session)
        first, last = _span(months[0] if months else None, months[-1] if months else None)
        protected = protected_tables(db, session, first, last)
        ambito_codes = _codes(session, "ambito")
        centre_codes = _codes(session, "job_centre")
    return AggregatesResponse(
        generated_at=datetime.now(UTC),
        # The grand total is always published (sync.server.disclosure), as /monitoring's.
        total=AggregateCount(key="total", label="Totale", count=protected.total),
        by_ambito=_margin(
            protected.table("ambito"),
            lambda key: ambito_codes.get(key) or key.removeprefix(SENDER_SITE_PREFIX),
        ),
        by_job_centre=_margin(
            protected.table("job_centre"), lambda key: centre_codes.get(key, key)
        ),
        by_track=[
            _count(track, track, cell)
            for track, cell in zip(("neet", "cmd"), protected.track_totals, strict=True)
            if cell.suppressed or cell.count
        ],
        by_status=_margin(protected.table("status"), lambda key: key, code_labels=True),
        by_month=_months(protected),
    )


def _span(first_month: str | None, last_month: str | None) -> tuple[date, date]:
    try:
        first = date.fromisoformat(f"{first_month}-01")
        last = date.fromisoformat(f"{last_month}-01")
    except (TypeError, ValueError):
        today = datetime.now(UTC).date()
        return whole_quarters(today, today)
    return whole_quarters(first, last)


def _codes(session: Session, table: str) -> dict[str, str]:
    return {
        record_id: str(code or "")
        for record_id, code in session.execute(
            select(Record.id, Record.natural_key).where(Record.table_name == table)
        )
    }


def _count(key: str, label: str, cell: Cell) -> AggregateCount:
    return AggregateCount(key=key, label=label, count=cell.count, suppressed=cell.suppressed)


def _margin(
    table: MonitoringTable, key_of: Callable[[str], str], *, code_labels: bool = False
) -> list[AggregateCount]:
    """A table's row totals, as protected there; rows with nothing in them left out."""
    return [
        _count(key_of(row.key), row.key if code_labels else row.label, cell)
        for row, cell in zip(table.rows, table.row_totals, strict=True)
        if cell.suppressed or cell.count
    ]


def _months(protected: Protected) -> list[AggregateCount]:
    by_month = protected.by_month
    quarter_cells = dict(
        zip(
            (row.key for row in protected.table("quarter").rows),
            protected.table("quarter").row_totals,
            strict=True,
        )
    )
    months: list[str] = []
    for quarter_key, _cell in quarter_cells.items():
        year, number = quarter_key.split("-Q")
        start = Quarter(int(year), int(number)).start
        months.extend(date(start.year, start.month + step, 1).isoformat()[:7] for step in range(3))
    groups = [Quarter.of(date.fromisoformat(f"{month}-01")).key for month in months]
    protected_months = protect([(month, month, by_month.get(month, 0)) for month in months], groups)
    listed = []
    for cell, group in zip(protected_months, groups, strict=True):
        # A withheld quarter's months would add up to it: none of them is shown.
        hidden = cell.suppressed or bool(cell.count and quarter_cells[group].suppressed)
        if hidden:
            listed.append(cell.model_copy(update={"count": None, "suppressed": True}))
        elif cell.count:
            listed.append(cell)
    return listed
