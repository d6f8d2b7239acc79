"""The audit trail: who did what to which record (GDPR art. 32, AgID misure minime).

``details`` is for codes and counts only ("status draft → sent", "3 rows"): never names, codici
fiscali, addresses or free text typed about a person, because the audit trail is kept longer
than the records it describes and is read by IT staff. A detail shaped like a codice fiscale is
refused as a programming error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.context import Actor
from desktop.services.validation import find_fiscal_codes
from desktop.store.base import Synced, utcnow
from desktop.store.changes import has_changes
from desktop.store.engine import Store
from desktop.store.models import AuditEntry

DETAILS_MAX = 500


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


def record_audit(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    details: str = "",
) -> None:
    """Add an audit row to the caller's unit of work, so it commits or rolls back with it.

    ``details`` must hold no personal data (see the module docstring).
    """
    if find_fiscal_codes(details):
        raise ValueError("audit details must not contain personal data")
    session.add(
        AuditEntry(
            at=utcnow(),
            operator=actor.operator,
            site=actor.site_code,
            action=action,
            entity=entity,
            entity_id=entity_id,
            details=details[:DETAILS_MAX],
        )
    )


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
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id).limit(limit)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    with store.read() as session:
        return [
            AuditRow(
                id=entry.id,
                at=entry.at,
                operator=entry.operator,
                site=entry.site,
                action=entry.action,
                entity=entry.entity,
                entity_id=entry.entity_id,
                details=entry.details,
            )
            for entry in session.scalars(query)
        ]
