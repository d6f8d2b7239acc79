"""Appending to this data folder's audit chain: one function for every writer.

The services write audit rows inside their ORM units of work, the sync client inside its raw
ones; both come here, so that the chain (``sync.protocol.audit``) is extended one way only.
The caller's transaction must be a write begun IMMEDIATE (``Store.write()``, the sync client's
``atomic``): the head is read and extended inside it, so two writers never fork the chain.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.store.settings import AUDIT_CHAIN
from sync.protocol.audit import DETAILS_MAX, GENESIS, row_hash

# Runs one SQL statement with qmark parameters and returns its rows.
Execute = Callable[[str, Sequence[Any]], Sequence[Sequence[Any]]]
# Runs one statement once per row of parameters.
ExecuteMany = Callable[[str, Sequence[Sequence[Any]]], None]
_INSERT = (
    "INSERT INTO audit_entry (id, at, operator, workstation, site, action, entity, entity_id, "
    "details, chain_id, seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def append_audit(
    execute: Execute,
    *,
    operator: str,
    workstation: str,
    site: str,
    action: str,
    entity: str,
    entity_id: str,
    details: str = "",
    at: datetime | None = None,
) -> str:
    """Append one row to the chain and return its hash."""

    def execute_many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            execute(sql, row)

    return append_audits(
        execute,
        execute_many,
        operator=operator,
        workstation=workstation,
        site=site,
        entries=[(action, entity, entity_id, details)],
        at=at,
    )


def append_audits(
    execute: Execute,
    execute_many: ExecuteMany,
    *,
    operator: str,
    workstation: str,
    site: str,
    entries: Sequence[tuple[str, str, str, str]],
    at: datetime | None = None,
) -> str:
    """Append rows (action, entity, entity_id, details) in order, reading the chain's head once
    and inserting them in one statement (a retention run records thousands); returns the last
    hash ("" when there is nothing to append)."""
    if not entries:
        return ""
    found = execute("SELECT value FROM local_setting WHERE key = ?", (AUDIT_CHAIN,))
    chain_id = str(found[0][0]) if found else ""
    if not chain_id:
        chain_id = str(uuid.uuid4())
        execute(
            "INSERT OR REPLACE INTO local_setting (key, value) VALUES (?, ?)",
            (AUDIT_CHAIN, chain_id),
        )
    last = execute(
        "SELECT seq, hash FROM audit_entry WHERE chain_id = ? ORDER BY seq DESC LIMIT 1",
        (chain_id,),
    )
    seq, previous = (int(last[0][0]), str(last[0][1])) if last else (0, GENESIS)
    stamp = (at or datetime.now(UTC)).astimezone(UTC)
    # As the ORM stores a UTC timestamp, so that every reader parses it back alike.
    stored_at = stamp.replace(tzinfo=None).isoformat(" ", "microseconds")
    rows: list[tuple[Any, ...]] = []
    for action, entity, entity_id, details in entries:
        seq += 1
        row: dict[str, Any] = {
            "chain_id": chain_id,
            "seq": seq,
            "at": stamp,
            "operator": operator,
            "workstation": workstation,
            "site": site,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": details[:DETAILS_MAX],
            "prev_hash": previous,
        }
        digest = row_hash(row)
        rows.append(
            (
                str(uuid.uuid4()), stored_at, operator, workstation, site, action, entity,
                entity_id, row["details"], chain_id, seq, previous, digest,
            )
        )  # fmt: skip
        previous = digest
    execute_many(_INSERT, rows)
    return previous
