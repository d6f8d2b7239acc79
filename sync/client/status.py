"""What the sync indicator and the sync log show: plain data, read in one short transaction.

The indicator (offline / in corso / aggiornato alle HH:MM / N modifiche da inviare / N
conflitti) is built from ``sync_status``: "in corso" is the UI's own knowledge of a running
sync; "offline" is ``last_outcome == "offline"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from desktop.store.codec import codecs
from desktop.store.engine import Store
from desktop.store.raw import Connection
from desktop.store.settings import SITE_CODE, SITE_KIND, SITE_NAME
from sync.client import db as local
from sync.client import set_aside
from sync.client.audit import AUDIT_REFUSED, unsent_rows
from sync.client.push import pending_count
from sync.client.set_aside import SetAsideRecord


class RecordState(StrEnum):
    NEW = "new"  # created here, never accepted by the server
    DIRTY = "dirty"  # changed here since the last sync
    UPLOADING = "uploading"  # in a batch sent or about to be
    SYNCED = "synced"
    REJECTED = "rejected"  # refused by the server; sent again only after a new change
    CONFLICT = "conflict"  # fields waiting for a person's choice


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    site_code: str
    site_kind: str
    site_name: str
    pending_changes: int  # rows with unsent changes (conflicts and rejections included)
    open_conflicts: int  # fields waiting for a choice
    conflicted_records: int
    rejected_records: int
    # Records from the server this PC could not apply, tried again at every sync.
    set_aside_records: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_outcome: str  # "ok", "offline", "refused", "unauthorized", ... ("" before any sync)
    last_message: str
    # Audit rows of this site the server has not acknowledged, and, while there are some, why
    # the last attempt was refused (Italian; "" if it was not).
    audit_unsent: int = 0
    audit_problem: str = ""


@dataclass(frozen=True)
class SyncLogRow:
    at: datetime
    direction: str  # push, pull, check, sync
    records: int
    conflicts: int
    rejected: int
    outcome: str
    message: str
    elapsed_ms: int


def _timestamp(value: str | None) -> datetime | None:
    return None if not value else datetime.fromisoformat(value).replace(tzinfo=UTC)


def sync_status(store: Store) -> SyncStatus:
    with local.reading(store) as connection:

        def setting(key: str) -> str:
            return local.get_setting(connection, key) or ""

        conflicts, records = connection.execute(
            "SELECT count(*), count(DISTINCT table_name || ':' || record_id) FROM sync_conflict "
            "WHERE resolved_at IS NULL"
        ).fetchone()
        rejected = _rejected(connection)
        last = connection.execute(
            "SELECT at, outcome, message FROM sync_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        audit_unsent = unsent_rows(connection, setting(SITE_CODE))
        audit_problem = _audit_problem(connection) if audit_unsent else ""
        return SyncStatus(
            enrolled=bool(setting(local.SERVER_URL)),
            server_url=setting(local.SERVER_URL),
            site_code=setting(SITE_CODE),
            site_kind=setting(SITE_KIND),
            site_name=setting(SITE_NAME),
            pending_changes=pending_count(connection),
            open_conflicts=int(conflicts),
            conflicted_records=int(records),
            rejected_records=rejected,
            set_aside_records=set_aside.count(connection),
            last_success_at=_timestamp(setting(local.LAST_SUCCESS)),
            last_attempt_at=_timestamp(last[0]) if last else None,
            last_outcome=last[1] if last else "",
            last_message=last[2] if last else "",
            audit_unsent=audit_unsent,
            audit_problem=audit_problem,
        )


def _audit_problem(connection: Connection) -> str:
    """The last refusal of the audit trail, if no sync sent it since."""
    row = connection.execute(
        "SELECT id, message FROM sync_log WHERE direction = 'push' AND outcome = 'refused' "
        "AND message LIKE ? ORDER BY id DESC LIMIT 1",
        (AUDIT_REFUSED + "%",),
    ).fetchone()
    return "" if row is None else str(row[1])


def _rejected(connection: Connection) -> int:
    total = 0
    for table in codecs():
        total += connection.execute(
            f'SELECT count(*) FROM sync_rejection r JOIN "{table}" t ON t.id = r.record_id '
            "WHERE r.table_name = ? AND t.updated_at = r.row_updated_at AND t.dirty = 1",
            (table,),
        ).fetchone()[0]
    return int(total)


def list_sync_log(store: Store, *, limit: int = 200) -> list[SyncLogRow]:
    """The newest entries first."""
    with local.reading(store) as connection:
        return [
            SyncLogRow(_timestamp(at) or datetime.now(UTC), *rest)
            for at, *rest in connection.execute(
                "SELECT at, direction, records, conflicts, rejected, outcome, message, "
                "elapsed_ms FROM sync_log ORDER BY id DESC LIMIT ?",
                (limit,),
            )
        ]


def list_set_aside(store: Store) -> list[SetAsideRecord]:
    """The records from the server set aside here, the oldest first (no personal data)."""
    with local.reading(store) as connection:
        return set_aside.listed(connection)


def record_state(store: Store, table: str, record_id: str) -> RecordState:
    """The sync state of one record (``KeyError`` for a table that does not sync)."""
    codecs()[table]
    with local.reading(store) as connection:
        row = connection.execute(
            f'SELECT dirty, server_revision, updated_at FROM "{table}" WHERE id = ?', (record_id,)
        ).fetchone()
        if row is None or not row[0]:
            return RecordState.SYNCED
        if connection.execute(
            "SELECT 1 FROM sync_conflict WHERE table_name = ? AND record_id = ? "
            "AND resolved_at IS NULL",
            (table, record_id),
        ).fetchone():
            return RecordState.CONFLICT
        if connection.execute(
            "SELECT 1 FROM sync_batch_item WHERE table_name = ? AND record_id = ?",
            (table, record_id),
        ).fetchone():
            return RecordState.UPLOADING
        if connection.execute(
            "SELECT 1 FROM sync_rejection WHERE table_name = ? AND record_id = ? "
            "AND row_updated_at = ?",
            (table, record_id, row[2]),
        ).fetchone():
            return RecordState.REJECTED
        return RecordState.NEW if row[1] is None else RecordState.DIRTY
