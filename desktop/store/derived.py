"""Columns kept on a row for lists but derived from other records.

``referral.status`` and ``status_changed_at`` are the latest event's (desktop/store/models/
referral.py): the latest by ``at``, ties broken by the event's id; deleted events do not
count. A transition writes both with its event (desktop.services.referrals.lifecycle); after a
sync brings events made elsewhere, they are derived here again, for a few referrals or for
all of them at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from desktop.store.raw import Connection

# Referral ids bound in one statement.
CHUNK = 500
# Which columns of a table are derived: never a sync conflict (the local value stands until it
# is derived again), and a row differing only in them has nothing to send.
DERIVED_COLUMNS: dict[str, frozenset[str]] = {
    "referral": frozenset({"status", "status_changed_at"}),
}

_T = TypeVar("_T")

# Every referral at once, in one statement (a first pull): the same rule as
# ``refresh_referral_status``, by a window over all events.
_DERIVE_ALL = """
UPDATE referral SET status = latest.to_status, status_changed_at = latest.at
FROM (
    SELECT referral_id, to_status, at FROM (
        SELECT referral_id, to_status, at, row_number() OVER (
            PARTITION BY referral_id ORDER BY at DESC, id DESC
        ) AS position
        FROM referral_event WHERE deleted = 0
    ) WHERE position = 1
) AS latest
WHERE referral.id = latest.referral_id
AND (referral.status IS NOT latest.to_status OR referral.status_changed_at IS NOT latest.at)
"""


def chunks(items: Iterable[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    iterator = iter(items)
    while batch := tuple(islice(iterator, size)):
        yield batch


def refresh_referral_status(connection: Connection, referral_ids: Collection[str]) -> int:
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
        changed += connection.executemany(
            "UPDATE referral SET status = ?, status_changed_at = ? "
            "WHERE id = ? AND (status IS NOT ? OR status_changed_at IS NOT ?)",
            [(status, at, referral_id, status, at) for referral_id, (status, at) in latest.items()],
        ).rowcount
    return changed


def refresh_every_referral_status(connection: Connection) -> int:
    """``refresh_referral_status`` for every referral, in one statement."""
    return connection.execute(_DERIVE_ALL).rowcount
