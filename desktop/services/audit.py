"""The audit trail: who did what, or looked at what, to which record, from which PC.

GDPR art. 32, AgID misure minime, DOMAIN.md §5. Writes are recorded in the unit of work that
makes them (``record_audit``), so the row commits or rolls back with the change; reads of
special-category data (opening a person or a referral, its CMD section, a search showing such
data, an export, a print or a preview) in a unit of their own (``record_access``).

Every row is appended to this data folder's hash chain (``sync.protocol.audit``): numbered,
carrying the previous row's hash and its own. The table refuses UPDATE and DELETE (triggers
of migration 0006), and ``verify_audit`` walks the chain, so a row edited or removed by hand is
named. The rows travel to the provincial server, which keeps them apart from the records.

``details`` is for codes and counts only ("status draft → sent", "3 rows"): never names, codici
fiscali, addresses or free text typed about a person, because the audit trail is kept longer
than the records it describes and is read by privacy officers and IT staff. A detail shaped
like a codice fiscale is refused as a programming error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.identity import workstation as this_workstation
from desktop.services.validation import find_fiscal_codes
from desktop.store.audit_chain import append_audits
from desktop.store.base import Synced, utcnow
from desktop.store.changes import has_changes
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, Referral
from sync.protocol.audit import ChainProblem, chain_problems


@dataclass(frozen=True)
class AuditRow:
    id: str
    at: datetime
    operator: str
    site: str
    action: str
    entity: str
    entity_id: str
    details: str
    workstation: str = ""
    chain_id: str = ""
    seq: int = 0


@dataclass(frozen=True)
class Access:
    """One audited read, for ``record_accesses``."""

    action: str
    entity: str
    entity_id: str
    details: str = ""


def record_audit(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    details: str = "",
) -> None:
    """Append an audit row to the caller's unit of work, so it commits or rolls back with it.

    The unit must be a write (``Store.write()``, which begins IMMEDIATE): the chain's head is
    read and extended inside it, so two writers never fork the chain. ``details`` must hold no
    personal data (see the module docstring).
    """
    record_audits(session, actor=actor, accesses=(Access(action, entity, entity_id, details),))


def record_audits(session: Session, *, actor: Actor, accesses: Sequence[Access]) -> None:
    """``record_audit`` for many rows at once, in order (one read of the chain's head, one
    insert statement): a retention run or a batch print records thousands."""
    for access in accesses:
        if find_fiscal_codes(access.details):
            raise ValueError("audit details must not contain personal data")
    connection = session.connection()

    def execute(sql: str, parameters: Sequence[Any]) -> Sequence[Sequence[Any]]:
        result = connection.exec_driver_sql(sql, tuple(parameters))
        return result.fetchall() if result.returns_rows else []

    def execute_many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
        connection.exec_driver_sql(sql, [tuple(row) for row in rows])

    append_audits(
        execute,
        execute_many,
        operator=actor.operator,
        workstation=actor.workstation or this_workstation(),
        site=actor.site_code,
        entries=[
            (access.action, access.entity, access.entity_id, access.details) for access in accesses
        ],
        at=utcnow(),
    )


def record_access(
    store: Store,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    details: str = "",
) -> None:
    """Record one read of special-category data in a unit of work of its own."""
    record_accesses(store, actor=actor, accesses=(Access(action, entity, entity_id, details),))


def record_accesses(store: Store, *, actor: Actor, accesses: Iterable[Access]) -> None:
    """Record several reads at once (a batch print, an export) in one unit of work."""
    items = list(accesses)
    if not items:
        return
    with store.write() as session:
        record_audits(session, actor=actor, accesses=items)


def stamp_change(row: Synced, *, actor: Actor, new: bool = False) -> bool:
    """Mark a synced row as changed here by ``actor``; a new row is owned by the actor's site.

    A stored row whose values are all as they were is left alone and False returned: a save
    that changes nothing must not send the record to every PC again, nor move its
    ``updated_at`` (issue 12).
    """
    if not new and not has_changes(row):
        return False
    row.updated_by = actor.operator
    row.updated_at = utcnow()
    row.dirty = True
    if new:
        row.owner_site = actor.site_code
    return True


def list_audit(store: Store, *, entity_id: str | None = None, limit: int = 100) -> list[AuditRow]:
    """The newest entries first, optionally only those about one record."""
    query = (
        select(AuditEntry)
        .order_by(AuditEntry.at.desc(), AuditEntry.seq.desc(), AuditEntry.id)
        .limit(limit)
    )
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    with store.read() as session:
        return [audit_row(entry) for entry in session.scalars(query)]


def audit_row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        id=entry.id,
        at=entry.at,
        operator=entry.operator,
        site=entry.site,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        details=entry.details,
        workstation=entry.workstation,
        chain_id=entry.chain_id,
        seq=entry.seq,
    )


@dataclass(frozen=True)
class AuditCheck:
    rows: int
    chains: int
    problems: Sequence[ChainProblem]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_audit(store: Store) -> AuditCheck:
    """Walk every chain of this folder's audit trail and name each edited or missing row."""
    problems: list[ChainProblem] = []
    rows = chains = 0
    columns = (
        "id, chain_id, seq, at, operator, workstation, site, action, entity, entity_id, "
        "details, prev_hash, hash"
    )
    with store.read() as session:
        result = session.execute(text(f"SELECT {columns} FROM audit_entry ORDER BY chain_id, seq"))
        current: str | None = None
        batch: list[dict[str, Any]] = []
        for mapping in result.mappings():
            row = dict(mapping)
            row["at"] = _stored_time(row["at"])
            rows += 1
            if row["chain_id"] != current:
                problems.extend(chain_problems(batch))
                batch, current = [], row["chain_id"]
                chains += 1
            batch.append(row)
        problems.extend(chain_problems(batch))
    return AuditCheck(rows=rows, chains=chains, problems=problems)


def _stored_time(value: object) -> datetime:
    # Read as SQLite keeps it (naive UTC text), so that a value is hashed exactly as written.
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def person_record_ids(session: Session, person_id: str) -> list[str]:
    """The ids audit rows name when they are about ``person_id``: the person and its referrals.

    Handling, actions and events are audited under their referral's id; documents under the
    record they print (a referral, or the person for a privacy notice).
    """
    referral_ids = session.scalars(select(Referral.id).where(Referral.person_id == person_id))
    return [person_id, *referral_ids]


def list_person_audit(store: Store, person_id: str) -> list[AuditRow]:
    """Every audit row about one person and its referrals, oldest first (the registro degli
    accessi of that person, and part of the person's own extract under GDPR art. 15)."""
    with store.read() as session:
        ids = person_record_ids(session, person_id)
        query = (
            select(AuditEntry)
            .where(AuditEntry.entity_id.in_(ids))
            .order_by(AuditEntry.at, AuditEntry.chain_id, AuditEntry.seq)
        )
        return [audit_row(entry) for entry in session.scalars(query)]
