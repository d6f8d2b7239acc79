"""Columns kept on a row for lists but derived from other records.

``referral.status`` and ``status_changed_at`` are the latest event's (desktop/store/models/
referral.py). Events are owned by the site that made each transition and travel on their own;
the referral row is the sender's. So, after a pull, each PC derives them again from the events
it has: the sending Ambito sees the CPI taking a referral in charge without the CPI writing a
row it does not own. The CPI's own copy of the change is not sent (the server would refuse it);
its events carry it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from typing import Any

from sync.client.apply import chunks
from sync.client.codec import TableCodec
from sync.client.merge import DERIVED_COLUMNS
from sync.client.wire import ServerRecord


def referrals_touched(records: Sequence[ServerRecord]) -> set[str]:
    touched: set[str] = set()
    for record in records:
        if record.table == "referral":
            touched.add(record.id)
        elif record.table == "referral_event":
            referral_id = record.data.get("referral_id")
            if isinstance(referral_id, str):
                touched.add(referral_id)
    return touched


def refresh_referral_status(connection: sqlite3.Connection, referral_ids: Collection[str]) -> int:
    """Set each referral's status from its latest event; returns how many rows changed.

    Not a local change: ``dirty`` is left as it is.
    """
    changed = 0
    for batch in chunks(sorted(referral_ids)):
        marks = ",".join("?" * len(batch))
        latest: dict[str, tuple[str, str]] = {}
        for referral_id, to_status, at in connection.execute(
            "SELECT referral_id, to_status, at FROM referral_event "
            f"WHERE referral_id IN ({marks}) AND deleted = 0 ORDER BY referral_id, at, id",
            list(batch),
        ):
            latest[referral_id] = (to_status, at)
        rows = [(status, at, referral_id) for referral_id, (status, at) in latest.items()]
        changed += connection.executemany(
            "UPDATE referral SET status = ?, status_changed_at = ? "
            "WHERE id = ? AND (status IS NOT ? OR status_changed_at IS NOT ?)",
            [(status, at, referral_id, status, at) for status, at, referral_id in rows],
        ).rowcount
    return changed


def only_derived_changes(table: TableCodec, values: Sequence[Any], base_data: str | None) -> bool:
    """True when a row differs from its base only in derived columns (nothing to send)."""
    derived = DERIVED_COLUMNS.get(table.name)
    if not derived or base_data is None:
        return False
    base = json.loads(base_data)
    return all(
        name in derived or base.get(name) == values[index]
        for index, name in enumerate(table.columns)
    )
