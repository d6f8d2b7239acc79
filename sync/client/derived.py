"""Columns kept on a row for lists but derived from other records, as a sync sees them.

``referral.status`` and ``status_changed_at`` are the latest event's (desktop.store.derived
derives them). Events are owned by the site that made each transition and travel on their own;
the referral row is the sender's. So, after a pull, each PC derives them again from the events
it has: the sending Ambito sees the CPI taking a referral in charge without the CPI writing a
row it does not own. The CPI's own copy of the change is not sent (the server would refuse it);
its events carry it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from desktop.store.codec import TableCodec
from desktop.store.derived import DERIVED_COLUMNS, refresh_referral_status
from sync.client.wire import ServerRecord

__all__ = ["only_derived_changes", "referrals_touched", "refresh_referral_status"]


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
