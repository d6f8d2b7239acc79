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

from desktop.store import derived, search_text
from desktop.store.raw import Connection
from sync.client import db as local
from sync.protocol import SYNCED_TABLES

BULK_SETTING = "sync.bulk_pull"  # {"indexes": [sql, ...], "triggers": [sql, ...]}
# Present in a folder that has worked: a first pull into it goes row by row as usual.
_WORK_TABLES = ("person", "referral", "referral_event")


def in_bulk(connection: Connection) -> bool:
    return local.get_setting(connection, BULK_SETTING) is not None


def can_start(connection: Connection) -> bool:
    """A pull from the start into a folder with no work in it yet."""
    if local.get_cursor(connection) != 0 or in_bulk(connection):
        return False
    return not any(
        connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() for table in _WORK_TABLES
    )


def start(connection: Connection) -> None:
    """Drop the indexes and triggers; inside the caller's transaction (the first page's)."""
    marks = ", ".join("?" * len(SYNCED_TABLES))
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks}) ORDER BY name",
        SYNCED_TABLES,
    ).fetchall()
    triggers = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ORDER BY name",
        (search_text.SEARCH_TRIGGERS,),
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


def finish(connection: Connection) -> None:
    """Re-create what ``start`` dropped, rebuild the search index, derive the statuses: one
    transaction of its own (call it outside any)."""
    with local.atomic(connection):
        saved = local.get_setting(connection, BULK_SETTING)
        if saved is None:
            return
        dropped = json.loads(saved)
        for sql in dropped["indexes"]:
            connection.execute(sql)
        search_text.rebuild(connection)
        for sql in dropped["triggers"]:
            connection.execute(sql)
        derived.refresh_every_referral_status(connection)
        local.delete_setting(connection, BULK_SETTING)
