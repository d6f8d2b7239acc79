"""Referral counts for the Province: by Ambito, CPI, track, status and month, small cells hidden.

A count between 1 and ``SUPPRESSION_THRESHOLD - 1`` could point at a person in a small comune,
so it is replaced by null with ``suppressed`` set, and each list is protected as a one-way
table against its total (``sync.server.disclosure``: a single withheld cell would follow from
the total and the others). Deleted referrals are not counted; the month
is the referral's creation month.

A referral's status is its latest event's (by the event's time, then id), as every PC derives
it (sync.client.derived): the referral row is the sender's, and the CPI's handling reaches the
server as events only, so the row's own status stays at what the sender last sent. A referral
with no event yet counts with its row's status.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sync.protocol import AggregateCount, AggregatesResponse
from sync.server.db import Record, ServerDB, ServerSite
from sync.server.disclosure import is_primary, protect_one_way
from sync.server.monitoring import latest_status


def cell(key: str, label: str, count: int) -> AggregateCount:
    if is_primary(count):
        return AggregateCount(key=key, label=label, count=None, suppressed=True)
    return AggregateCount(key=key, label=label, count=count)


def protect(cells: list[tuple[str, str, int]]) -> list[AggregateCount]:
    """A one-way table whose total is the response's: primary and secondary suppression
    (``sync.server.disclosure.protect_one_way``: never exactly one cell withheld)."""
    counts = [count for _key, _label, count in cells]
    hidden = protect_one_way(counts)
    if is_primary(sum(counts)):
        # The total is withheld too: a lone category must not show it.
        hidden = [
            withheld or is_primary(count) for withheld, count in zip(hidden, counts, strict=True)
        ]
    return [
        AggregateCount(key=key, label=label, count=None, suppressed=True)
        if withheld
        else AggregateCount(key=key, label=label, count=count)
        for (key, label, count), withheld in zip(cells, hidden, strict=True)
    ]


def aggregates(db: ServerDB) -> AggregatesResponse:
    with db.read() as session:
        sites = {
            code: (ambito or code, name)
            for code, ambito, name in session.execute(
                select(ServerSite.code, ServerSite.ambito_code, ServerSite.name)
            )
        }
        centres = {
            record_id: (str(data.get("code") or record_id), str(data.get("name") or ""))
            for record_id, data in session.execute(
                select(Record.id, Record.data).where(Record.table_name == "job_centre")
            )
        }
        by_owner = _counts(session, Record.owner_site)
        by_centre = _counts(session, Record.job_centre_id)
        by_track = _counts(session, Record.track)
        by_status = _status_counts(session)
        by_month = _counts(session, Record.month)
    total = sum(by_track.values())
    return AggregatesResponse(
        generated_at=datetime.now(UTC),
        total=cell("total", "Totale", total),
        by_ambito=protect(
            [(*sites.get(owner, (owner, owner)), count) for owner, count in by_owner.items()]
        ),
        by_job_centre=protect(
            [(*centres.get(c, (c, "")), count) for c, count in by_centre.items()]
        ),
        by_track=protect([(track, track, count) for track, count in by_track.items()]),
        by_status=protect([(status, status, count) for status, count in by_status.items()]),
        by_month=protect([(month, month, count) for month, count in by_month.items()]),
    )


def _counts(session: Session, column: InstrumentedAttribute[Any]) -> dict[str, int]:
    rows = session.execute(
        select(column, func.count())
        .where(
            Record.table_name == "referral",
            Record.deleted.is_(False),
            Record.quarantined.is_(False),
        )
        .group_by(column)
        .order_by(column)
    )
    return {str(key) if key is not None else "": int(count) for key, count in rows}


def _status_counts(session: Session) -> dict[str, int]:
    latest = latest_status()
    status = func.coalesce(latest.c.status, Record.status).label("status")
    rows = session.execute(
        select(status, func.count())
        .select_from(Record)
        .outerjoin(latest, latest.c.referral_id == Record.id)
        .where(
            Record.table_name == "referral",
            Record.deleted.is_(False),
            Record.quarantined.is_(False),
        )
        .group_by(status)
        .order_by(status)
    )
    return {str(key) if key is not None else "": int(count) for key, count in rows}
