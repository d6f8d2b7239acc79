"""The referral list's rows: the columns it shows, read for a page's row ids.

A plain DBAPI connection (desktop.store.raw) rather than SQLAlchemy and the ORM models: the
list's first page is painted before the models are imported (start-up time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from desktop.domain.codes import ReferralStatus, Track
from desktop.domain.eligibility import age_on
from desktop.store.raw import Connection


@dataclass(frozen=True)
class ReferralListRow:
    id: str
    number: str
    created_on: date
    track: Track
    person_name: str  # "Cognome Nome"
    age: int
    municipality_name: str  # comune of residence, "" when unknown
    job_centre_name: str
    status: ReferralStatus
    days_in_status: int
    restricted: bool  # the referral or its person
    restriction_reason: str = ""  # the referral's reason, else the person's


_ROWS_SQL = (
    "SELECT r.rowid, r.id, r.number, r.created_on, r.track, p.last_name, p.first_name, "
    "p.birth_date, m.name, j.name, r.status, r.status_changed_at, r.restricted, p.restricted, "
    "r.restriction_reason, p.restriction_reason "
    "FROM referral r JOIN person p ON p.id = r.person_id "
    "LEFT JOIN municipality m ON m.id = p.residence_municipality_id "
    "LEFT JOIN job_centre j ON j.id = r.job_centre_id "
    "WHERE r.rowid IN ({ids}) AND r.deleted = 0"
)


def rows_for(connection: Connection, rowids: list[int], today: date) -> list[ReferralListRow]:
    """The shown columns of these rows, in this order; rows deleted since are left out."""
    if not rowids:
        return []
    # Row ids are integers read back from SQLite: inlining them keeps the statement simple.
    ids = ", ".join(str(int(key)) for key in rowids)
    by_rowid = {row[0]: row for row in connection.execute(_ROWS_SQL.format(ids=ids))}
    return [_list_row(by_rowid[key], today) for key in rowids if key in by_rowid]


def _list_row(row: Any, today: date) -> ReferralListRow:
    (
        _rowid,
        referral_id,
        number,
        created_on,
        track,
        last_name,
        first_name,
        birth_date,
        municipality_name,
        job_centre_name,
        status,
        status_changed_at,
        referral_restricted,
        person_restricted,
        referral_reason,
        person_reason,
    ) = row
    # Stored as SQLAlchemy writes them (ISO text, naive UTC): see desktop.store.base.
    changed = datetime.fromisoformat(status_changed_at).replace(tzinfo=UTC)
    restricted = bool(referral_restricted or person_restricted)
    reason = (referral_reason if referral_restricted else person_reason) if restricted else ""
    return ReferralListRow(
        id=referral_id,
        number=number,
        created_on=date.fromisoformat(created_on),
        track=Track(track),
        person_name=f"{last_name} {first_name}",
        age=age_on(date.fromisoformat(birth_date), today),
        municipality_name=municipality_name or "",
        job_centre_name=job_centre_name or "",
        status=ReferralStatus(status),
        # The operator's calendar day, not UTC's: a change at 00:30 in Varese is "today".
        days_in_status=max(0, (today - changed.astimezone().date()).days),
        restricted=restricted,
        restriction_reason=reason or "",
    )
