"""``trama-server record show|quarantine|release ID``: take a bad record out of circulation.

A record that breaks the offices' sync (or holds what it must not) can be quarantined without
its owner's PC. A quarantined record is served to no one, and the offices that already hold it
drop it: quarantine gives it a new revision, and its active grants that revision, so every site
that sees it pulls it again, and pull serves it as a scope removal (empty data) for as long as it
is quarantined, public records included. ``GET /records/...`` answers 404, the drift digest and
the Province's aggregates leave it out, and a push that updates it is rejected. Release gives it
a new revision again, so it comes back to the sites that see it, as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.server.db import Record, RecordGrant, ServerDB, next_revisions
from sync.server.scope import WriteSet

QUARANTINED = (
    "Record in quarantena sul server provinciale: non può essere modificato finché "
    "l'amministratore non lo rilascia."
)
MAX_REASON = 500


class QuarantineError(Exception):
    """A record that cannot be found or changed as asked (Italian message)."""


@dataclass(frozen=True)
class RecordView:
    table: str
    id: str
    owner_site: str
    revision: int
    deleted: bool
    quarantined: bool
    quarantine_reason: str | None
    quarantined_at: datetime | None
    updated_at: datetime
    updated_by: str
    data: dict[str, Any]

    def lines(self) -> list[str]:
        """The record for the administrator, with Italian labels."""
        state = "no"
        if self.quarantined:
            when = f"{self.quarantined_at:%Y-%m-%d %H:%M} UTC" if self.quarantined_at else ""
            why = f" ({self.quarantine_reason})" if self.quarantine_reason else ""
            state = f"sì, dal {when}{why}"
        return [
            f"Tabella: {self.table}",
            f"Identificativo: {self.id}",
            f"Sede proprietaria: {self.owner_site}",
            f"Revisione: {self.revision}",
            f"Eliminato: {'sì' if self.deleted else 'no'}",
            f"In quarantena: {state}",
            f"Ultima modifica: {self.updated_at:%Y-%m-%d %H:%M} UTC ({self.updated_by or '-'})",
            "Dati:",
            json.dumps(self.data, ensure_ascii=False, indent=2, sort_keys=True),
        ]


def _view(record: Record) -> RecordView:
    return RecordView(
        table=record.table_name, id=record.id, owner_site=record.owner_site,
        revision=record.revision, deleted=record.deleted, quarantined=record.quarantined,
        quarantine_reason=record.quarantine_reason, quarantined_at=record.quarantined_at,
        updated_at=record.updated_at, updated_by=record.updated_by, data=record.data,
    )  # fmt: skip


def _find(session: Session, record_id: str, table: str | None) -> Record:
    query = select(Record).where(Record.id == record_id)
    if table is not None:
        query = query.where(Record.table_name == table)
    found = list(session.scalars(query.order_by(Record.table_name)))
    if not found:
        where = f" nella tabella {table}" if table else ""
        raise QuarantineError(f"Nessun record con identificativo {record_id!r}{where}.")
    if len(found) > 1:
        tables = ", ".join(record.table_name for record in found)
        raise QuarantineError(
            f"Più record hanno l'identificativo {record_id!r} (tabelle: {tables}): "
            "indicare quale con --table."
        )
    return found[0]


def show(db: ServerDB, record_id: str, table: str | None = None) -> RecordView:
    with db.read() as session:
        return _view(_find(session, record_id, table))


def _recirculate(session: Session, record: Record) -> None:
    """A new revision for the record and its active grants: every site that sees it pulls it
    again (as a scope removal while quarantined, as itself once released)."""
    revision = next_revisions(session, 1)[0]
    record.revision = revision
    session.execute(
        update(RecordGrant)
        .where(
            RecordGrant.table_name == record.table_name,
            RecordGrant.record_id == record.id,
            RecordGrant.removed.is_(False),
        )
        .values(revision=revision)
    )


def _rescope_person(session: Session, record: Record) -> None:
    """A referral in (or out of) quarantine opens its person to other sites no more (or again):
    the person's audience is worked out anew, and a site that loses it gets a scope removal."""
    if record.table_name != "referral" or record.person_id is None:
        return
    writes = WriteSet(session)
    writes.refresh("person", [record.person_id])
    writes.settle()


def quarantine(
    db: ServerDB, record_id: str, table: str | None = None, reason: str = ""
) -> RecordView:
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON or not reason.isprintable():
        raise QuarantineError(f"Motivo non valido (al massimo {MAX_REASON} caratteri).")
    with db.write() as session:
        record = _find(session, record_id, table)
        if record.quarantined:
            raise QuarantineError(f"Il record {record.table_name} {record.id} è già in quarantena.")
        record.quarantined = True
        record.quarantine_reason = reason or None
        record.quarantined_at = datetime.now(UTC)
        _recirculate(session, record)
        session.flush()
        _rescope_person(session, record)
        return _view(record)


def release(db: ServerDB, record_id: str, table: str | None = None) -> RecordView:
    with db.write() as session:
        record = _find(session, record_id, table)
        if not record.quarantined:
            raise QuarantineError(f"Il record {record.table_name} {record.id} non è in quarantena.")
        record.quarantined = False
        record.quarantine_reason = None
        record.quarantined_at = None
        _recirculate(session, record)
        session.flush()
        _rescope_person(session, record)
        return _view(record)
