"""Plain ``sqlite3`` units of work on a data file, and the sync settings kept in it.

Sync moves many rows; ORM objects would cost tens of microseconds each, so the engine writes
through ``sqlite3`` with the store's pragmas and ``BEGIN IMMEDIATE``, on one connection per
sync whose foreign keys are off: a pull page may bring a child before the parent it points at
(the parent changed later, so it travels later), and the next pages complete the picture.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from desktop.services import installation
from desktop.store.engine import Store, apply_pragmas

# local_setting keys (the site's code, kind and name are desktop.services.installation's)
SERVER_URL = "sync.server_url"
DEVICE_ID = "sync.device_id"
DEVICE_NAME = "sync.device_name"
CA_BUNDLE = "sync.ca_bundle"
SITE_AMBITO = "sync.site_ambito_code"
SITE_JOB_CENTRE = "sync.site_job_centre_code"
SITE_RECORD = "sync.site_record_id"
ENROLLED_AT = "sync.enrolled_at"
CURSOR = "sync.cursor"
LAST_SUCCESS = "sync.last_success_at"
LOCAL_DIGEST = "sync.local_digest"  # cache: {"cursor", "count", "digest"}

CACHE_KIB = 64_000

ENROLLMENT_KEYS = (
    SERVER_URL, DEVICE_ID, DEVICE_NAME, CA_BUNDLE, SITE_AMBITO, SITE_JOB_CENTRE, SITE_RECORD,
    ENROLLED_AT, installation.SITE_CODE, installation.SITE_KIND, installation.SITE_NAME,
)  # fmt: skip


def connect(store: Store, *, foreign_keys: bool = True) -> sqlite3.Connection:
    """A connection for one sync; transactions on it are opened with ``atomic``."""
    connection = sqlite3.connect(store.path, isolation_level=None)
    apply_pragmas(connection)
    # A first pull writes hundreds of thousands of rows into indexes keyed by random UUIDs:
    # a bigger page cache (KiB) keeps them in memory between pages.
    connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    if not foreign_keys:
        connection.execute("PRAGMA foreign_keys=OFF")  # takes effect outside transactions only
    return connection


@contextmanager
def atomic(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write unit of work: commits on success, rolls everything back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextmanager
def transaction(store: Store) -> Iterator[sqlite3.Connection]:
    """A connection of its own in one write unit of work (foreign keys on)."""
    connection = connect(store)
    try:
        with atomic(connection):
            yield connection
    finally:
        connection.close()


@contextmanager
def reading(store: Store) -> Iterator[sqlite3.Connection]:
    with store.raw_read() as connection:
        yield connection


def now_text() -> str:
    """Now, as the ORM stores a UTC timestamp."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def get_setting(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM local_setting WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_setting(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute(
        "INSERT INTO local_setting (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete_setting(connection: sqlite3.Connection, key: str) -> None:
    connection.execute("DELETE FROM local_setting WHERE key = ?", (key,))


def get_cursor(connection: sqlite3.Connection) -> int:
    value = get_setting(connection, CURSOR)
    return int(value) if value else 0


def set_cursor(connection: sqlite3.Connection, cursor: int) -> None:
    set_setting(connection, CURSOR, str(cursor))


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def add_log(
    connection: sqlite3.Connection,
    *,
    direction: str,
    outcome: str,
    message: str,
    records: int = 0,
    conflicts: int = 0,
    rejected: int = 0,
    elapsed_ms: int = 0,
) -> None:
    """One line of the sync log; ``message`` holds counts and codes only, never personal data."""
    connection.execute(
        "INSERT INTO sync_log (at, direction, records, conflicts, rejected, outcome, message, "
        "elapsed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (now_text(), direction, records, conflicts, rejected, outcome, message, elapsed_ms),
    )
