"""Records from the server that this PC could not apply: kept aside, never fatal.

One record that does not fit (a text SQLite cannot store, a value outside its enumeration, a
local constraint it breaks) must not stop a PC's sync for ever, as it did when the cursor could
not move past it. Its page applies without it, the cursor moves on, and the record waits in
``sync_set_aside`` with the reason: shown in the sync log and on the status bar, and tried
again at every sync until it applies or a newer version of it arrives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.store.raw import Connection, DataError, IntegrityError, InterfaceError
from sync.client.db import now_text
from sync.client.wire import PulledRecord, ServerRecord

# Exceptions that mean "this record cannot be written here", as opposed to the environment
# failing (a full disk, a locked file: OperationalError), which must stop the sync.
UNAPPLIABLE: tuple[type[Exception], ...] = (
    IntegrityError,
    InterfaceError,
    DataError,
    UnicodeError,
    ValueError,
    TypeError,
    OverflowError,
    KeyError,
)
_REASON_MAX = 500


@dataclass(frozen=True)
class SetAsideRecord:
    """One record set aside, as the sync log shows it (no personal data: table, id, reason)."""

    table: str
    record_id: str
    revision: int | None
    reason: str
    first_seen_at: str
    last_tried_at: str
    attempts: int


def put(connection: Connection, record: ServerRecord, reason: str) -> None:
    """Keep ``record`` aside with ``reason`` (Italian), or count one more attempt."""
    now = now_text()
    connection.execute(
        "INSERT INTO sync_set_aside (table_name, record_id, revision, record, reason, "
        "first_seen_at, last_tried_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
        "ON CONFLICT (table_name, record_id) DO UPDATE SET revision = excluded.revision, "
        "record = excluded.record, reason = excluded.reason, "
        "last_tried_at = excluded.last_tried_at, attempts = sync_set_aside.attempts + 1",
        (
            _printable(record.table)[:40],
            _printable(record.id)[:36],
            record.revision,
            _record_json(record),
            _printable(reason)[:_REASON_MAX],
            now,
            now,
        ),
    )


def resolve(connection: Connection, table: str, record_ids: list[str]) -> None:
    """These records applied (or a newer version of them did): nothing waits for them."""
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        connection.execute(
            f"DELETE FROM sync_set_aside WHERE table_name = ? "
            f"AND record_id IN ({','.join('?' * len(chunk))})",
            [table, *chunk],
        )


def count(connection: Connection) -> int:
    value: int = connection.execute("SELECT COUNT(*) FROM sync_set_aside").fetchone()[0]
    return value


def listed(connection: Connection) -> list[SetAsideRecord]:
    """Every record set aside, the oldest first."""
    return [
        SetAsideRecord(*row)
        for row in connection.execute(
            "SELECT table_name, record_id, revision, reason, first_seen_at, last_tried_at, "
            "attempts FROM sync_set_aside ORDER BY first_seen_at, table_name, record_id"
        )
    ]


def waiting(connection: Connection) -> list[PulledRecord]:
    """The records set aside, as the server sent them, to be tried again."""
    records = []
    for (text,) in connection.execute(
        "SELECT record FROM sync_set_aside ORDER BY first_seen_at, table_name, record_id"
    ):
        value = json.loads(text)
        records.append(PulledRecord(**{name: value.get(name) for name in PulledRecord._fields}))
    return records


def scope_lines(connection: Connection) -> dict[tuple[str, str], int | None]:
    """What the server holds for each record set aside: its revision while live, None when it
    is gone (a tombstone or a scope removal), for the drift check's count and digest."""
    lines: dict[tuple[str, str], int | None] = {}
    for table, record_id, revision, text in connection.execute(
        "SELECT table_name, record_id, revision, record FROM sync_set_aside"
    ):
        value = json.loads(text)
        gone = value.get("deleted") or value.get("scope_removed")
        lines[(table, record_id)] = None if gone else revision
    return lines


def _record_json(record: ServerRecord) -> str:
    moment = record.updated_at
    value: dict[str, Any] = {
        "table": record.table,
        "id": record.id,
        "revision": record.revision,
        "base_revision": None,
        "owner_site": record.owner_site,
        "deleted": record.deleted,
        "scope_removed": record.scope_removed,
        "updated_at": moment.isoformat() if isinstance(moment, datetime) else moment,
        "updated_by": record.updated_by,
        "data": dict(record.data),
    }
    # ensure_ascii: a lone surrogate, the usual reason for being here, is kept as its escape.
    return json.dumps(value, ensure_ascii=True, default=str)


def _printable(text: str) -> str:
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")
