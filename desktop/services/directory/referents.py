"""Referents of the CPIs: reference data from the provincial server, so here only read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from desktop.domain.codes import Track
from desktop.store.engine import Store
from desktop.store.models import JobCentre, Referent


@dataclass(frozen=True)
class ReferentRow:
    id: str
    job_centre_id: str
    job_centre_name: str
    track: Track
    full_name: str
    email: str
    phone: str
    contact_id: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        """Open-ended on either side when the date is missing; ``valid_to`` is inclusive."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def list_referents(
    store: Store,
    *,
    job_centre_id: str | None = None,
    track: Track | None = None,
    on: date | None = None,
) -> list[ReferentRow]:
    """Referents with their validity, by CPI, track and newest first; ``on`` keeps those valid
    that day."""
    query = (
        select(Referent, JobCentre.name)
        .join(JobCentre, JobCentre.id == Referent.job_centre_id)
        .where(Referent.deleted.is_(False))
    )
    if job_centre_id is not None:
        query = query.where(Referent.job_centre_id == job_centre_id)
    if track is not None:
        query = query.where(Referent.track == track)
    if on is not None:
        query = query.where(
            or_(Referent.valid_from.is_(None), Referent.valid_from <= on),
            or_(Referent.valid_to.is_(None), Referent.valid_to >= on),
        )
    with store.read() as session:
        rows = [
            ReferentRow(
                id=referent.id,
                job_centre_id=referent.job_centre_id,
                job_centre_name=centre_name,
                track=referent.track,
                full_name=referent.full_name,
                email=referent.email,
                phone=referent.phone,
                contact_id=referent.contact_id,
                valid_from=referent.valid_from,
                valid_to=referent.valid_to,
            )
            for referent, centre_name in session.execute(query)
        ]
    rows.sort(key=lambda row: row.valid_from or date.min, reverse=True)
    rows.sort(key=lambda row: (row.job_centre_name, row.track.value))
    return rows


def current_referent(
    store: Store, *, job_centre_id: str, track: Track, on: date
) -> ReferentRow | None:
    """The referent of a CPI for a track on a day; the latest appointed wins an overlap."""
    candidates = list_referents(store, job_centre_id=job_centre_id, track=track, on=on)
    return candidates[0] if candidates else None
