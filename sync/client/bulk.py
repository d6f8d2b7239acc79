"""A first pull into an empty data file, with the indexes built once at its end.

Writing half a million rows keyed by random UUIDs into a table with a dozen indexes and a
per-row FTS5 trigram trigger costs more than twice the writing itself (the first pull of
100,000 referrals: 72 s of plain ``executemany`` against 30 s with the indexes made after).
So when a pull starts from cursor 0 on a folder with no person, referral or event yet, the
explicit non-unique indexes of the synced tables and the ``referral_search`` triggers are
dropped in the first page's transaction, and their SQL is kept in ``local_setting``
(``BULK_SETTING``) in that same transaction. Pages are still applied one transaction at a time
with their cursor. At the end (or when the pull fails) one transaction re-creates them from
that SQL, rebuilds the search index and derives every referral's status from its events.

Unique indexes and primary keys stay: the applier relies on them to recognise a row. If the
process dies in between, the setting says so: the next sync goes on in bulk and restores at
its end; meanwhile the app works, without the dropped indexes and with a stale search index.
"""

from __future__ import annotations

import json
import sqlite3

from sync.client import db as local
from sync.protocol import SYNCED_TABLES

BULK_SETTING = "sync.bulk_pull"  # {"indexes": [sql, ...], "triggers": [sql, ...]}
SEARCH_TRIGGERS = "referral_search_%"
# Present in a folder that has worked: a first pull into it goes row by row as usual.
_WORK_TABLES = ("person", "referral", "referral_event")
# The search text, as the triggers of migration 0001 write it (also sync.client.apply).
_SEARCH_ROWS = (
    "INSERT INTO referral_search (rowid, body) "
    "SELECT r.rowid, r.number || ' ' || p.fiscal_code || ' ' || p.search_name "
    "FROM referral r JOIN person p ON p.id = r.person_id"
)
# Each referral's status and its time are its latest event's (sync.client.derived).
_DERIVE_STATUS = """
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


def in_bulk(connection: sqlite3.Connection) -> bool:
    return local.get_setting(connection, BULK_SETTING) is not None


def can_start(connection: sqlite3.Connection) -> bool:
    """A pull from the start into a folder with no work in it yet."""
    if local.get_cursor(connection) != 0 or in_bulk(connection):
        return False
    return not any(
        connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() for table in _WORK_TABLES
    )


def start(connection: sqlite3.Connection) -> None:
    """Drop the indexes and triggers; inside the caller's transaction (the first page's)."""
    marks = ", ".join("?" * len(SYNCED_TABLES))
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks}) ORDER BY name",
        SYNCED_TABLES,
    ).fetchall()
    triggers = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ORDER BY name",
        (SEARCH_TRIGGERS,),
    ).fetchall()
    local.set_setting(
        connection,
        BULK_SETTING,
        local.dumps(
            {"indexes": [sql for _, sql in indexes], "triggers": [sql for _, sql in triggers]}
        ),
    )
    for name, _sql in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    for name, _sql in triggers:
        connection.execute(f'DROP TRIGGER "{name}"')


def finish(connection: sqlite3.Connection) -> None:
    """Re-create what ``start`` dropped, rebuild the search index, derive the statuses: one
    transaction of its own (call it outside any)."""
    with local.atomic(connection):
        saved = local.get_setting(connection, BULK_SETTING)
        if saved is None:
            return
        dropped = json.loads(saved)
        for sql in dropped["indexes"]:
            connection.execute(sql)
        connection.execute("DELETE FROM referral_search")
        connection.execute(_SEARCH_ROWS)
        for sql in dropped["triggers"]:
            connection.execute(sql)
        connection.execute(_DERIVE_STATUS)
        local.delete_setting(connection, BULK_SETTING)
