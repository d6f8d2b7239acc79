"""Raw units of work on a data file for a sync, and the sync settings kept in it.

Sync moves many rows; ORM objects would cost tens of microseconds each, so the engine writes
through the store's raw connections (``Store.raw_connection``: the same pragmas) and
``BEGIN IMMEDIATE``, on one connection per sync whose foreign keys are off: a pull page may
bring a child before the parent it points at (the parent changed later, so it travels later),
and the next pages complete the picture.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.raw import Connection, atomic
from desktop.store.settings import delete_setting, get_setting, set_setting

# Units of work and the settings table are the store's: named here for the sync modules.
__all__ = [
    "atomic",
    "connect",
    "delete_setting",
    "get_setting",
    "reading",
    "set_setting",
    "transaction",
]

# local_setting keys (the site's code, kind and name are desktop.store.settings')
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
    ENROLLED_AT, settings.SITE_CODE, settings.SITE_KIND, settings.SITE_NAME,
)  # fmt: skip


def connect(store: Store, *, foreign_keys: bool = True) -> Connection:
    """A connection for one sync; transactions on it are opened with ``atomic``."""
    # A first pull writes hundreds of thousands of rows into indexes keyed by random UUIDs:
    # a bigger page cache (KiB) keeps them in memory between pages.
    return store.raw_connection(foreign_keys=foreign_keys, cache_kib=CACHE_KIB)


@contextmanager
def transaction(store: Store) -> Iterator[Connection]:
    """A connection of its own in one write unit of work (foreign keys on)."""
    connection = connect(store)
    try:
        with atomic(connection):
            yield connection
    finally:
        connection.close()


@contextmanager
def reading(store: Store) -> Iterator[Connection]:
    with store.raw_read() as connection:
        yield connection


def now_text() -> str:
    """Now, as the ORM stores a UTC timestamp."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def get_cursor(connection: Connection) -> int:
    value = get_setting(connection, CURSOR)
    return int(value) if value else 0


def set_cursor(connection: Connection, cursor: int) -> None:
    set_setting(connection, CURSOR, str(cursor))


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def add_log(
    connection: Connection,
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
