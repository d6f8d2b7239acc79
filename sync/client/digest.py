"""The end-of-sync drift check (DESIGN.md §3.8).

The server's digest of this site's scope (``table:id:revision`` of every live record) is
compared with the same digest of the local copy. On a mismatch the whole scope is pulled again
from cursor 0, merging as usual (unsent local rows are never discarded), and synced rows the
server no longer lists are dropped like a scope removal. A check runs after every sync that
moved records, and otherwise at most once a day: a sync with nothing to do stays fast.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop.store.codec import codecs
from desktop.store.raw import Connection
from sync.client import db as local
from sync.client import set_aside
from sync.client.progress import Stage
from sync.client.transport import Transport
from sync.protocol import DigestResponse, scope_digest

log = logging.getLogger(__name__)

LAST_CHECK = "sync.last_check"  # {"cursor": int, "at": ISO}
CHECK_EVERY = timedelta(hours=24)

Seen = set[tuple[str, str]]
Report = Callable[[Stage, int, int | None, str], None]


@dataclass(frozen=True)
class DriftOutcome:
    checked: bool
    repaired: bool
    left: bool


def local_scope(connection: Connection) -> tuple[int, str]:
    """(count, digest) of the synced local rows, computed as the server does.

    A row deleted here but not yet accepted by the server is still live there: it counts.
    """
    cached = local.get_setting(connection, local.LOCAL_DIGEST)
    if cached:
        value = json.loads(cached)
        return int(value["count"]), str(value["digest"])
    lines: list[tuple[str, str, int]] = []
    for table in codecs():
        lines.extend(
            (table, record_id, revision)
            for record_id, revision in connection.execute(
                f'SELECT id, server_revision FROM "{table}" '
                "WHERE server_revision IS NOT NULL AND (deleted = 0 OR dirty = 1)"
            )
        )
    # A record set aside here is, for the comparison, the version the server sent.
    waiting = set_aside.scope_lines(connection)
    if waiting:
        lines = [line for line in lines if (line[0], line[1]) not in waiting]
        lines.extend(
            (table, record_id, revision)
            for (table, record_id), revision in waiting.items()
            if revision is not None
        )
    result = len(lines), scope_digest(lines)
    with local.atomic(connection):
        local.set_setting(
            connection, local.LOCAL_DIGEST, json.dumps({"count": result[0], "digest": result[1]})
        )
    return result


def drop_orphans(connection: Connection, seen: Seen) -> int:
    """Delete synced, unchanged rows that a full re-pull did not bring: out of scope."""
    dropped = 0
    with local.atomic(connection):
        for table in codecs():
            orphans = [
                (record_id,)
                for (record_id,) in connection.execute(
                    f'SELECT id FROM "{table}" '
                    "WHERE server_revision IS NOT NULL AND dirty = 0 AND deleted = 0"
                )
                if (table, record_id) not in seen
            ]
            if not orphans:
                continue
            connection.executemany(f'DELETE FROM "{table}" WHERE id = ?', orphans)
            for book in ("sync_base", "sync_conflict", "sync_rejection"):
                connection.executemany(
                    f"DELETE FROM {book} WHERE table_name = '{table}' AND record_id = ?", orphans
                )
            dropped += len(orphans)
        local.delete_setting(connection, local.LOCAL_DIGEST)
    return dropped


class DriftChecker:
    def __init__(
        self,
        connection: Connection,
        transport: Transport,
        *,
        pull_more: Callable[[], object],
        pull_all: Callable[[], Seen],
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.connection = connection
        self.transport = transport
        self.pull_more = pull_more
        self.pull_all = pull_all
        self._now = now or (lambda: datetime.now(UTC))

    def _due(self, cursor: int) -> bool:
        saved = local.get_setting(self.connection, LAST_CHECK)
        if not saved:
            return True
        last = json.loads(saved)
        when = datetime.fromisoformat(last["at"])
        return bool(last["cursor"] != cursor or self._now() - when > CHECK_EVERY)

    def _remote(self) -> DigestResponse:
        remote = self.transport.get("/digest", DigestResponse)
        if remote.revision > local.get_cursor(self.connection):
            self.pull_more()  # changes committed since the pull: fetch them, then compare
            remote = self.transport.get("/digest", DigestResponse)
        return remote

    def run(self, *, force: bool, report: Report, skip: bool = False) -> DriftOutcome:
        if skip:
            self._done()
            return DriftOutcome(checked=False, repaired=False, left=False)
        if not force and not self._due(local.get_cursor(self.connection)):
            return DriftOutcome(checked=False, repaired=False, left=False)
        report(Stage.CHECK, 0, None, "Controllo di coerenza con il server")
        remote = self._remote()
        if local_scope(self.connection) == (remote.count, remote.digest):
            self._done()
            return DriftOutcome(checked=True, repaired=False, left=False)
        count, _digest = local_scope(self.connection)
        log.warning("scope drift: %d records here, %d on the server", count, remote.count)
        report(Stage.CHECK, 0, None, "Riallineamento dei dati con il server")
        dropped = drop_orphans(self.connection, self.pull_all())
        remote = self._remote()
        left = local_scope(self.connection) != (remote.count, remote.digest)
        with local.atomic(self.connection):
            local.add_log(
                self.connection,
                direction="check",
                outcome="drift" if left else "repaired",
                message=(
                    "Differenze con il server dopo il riallineamento: segnalarlo all'assistenza."
                    if left
                    else f"Archivio riallineato con il server ({dropped} record fuori ambito "
                    "rimossi)."
                ),
                records=dropped,
            )
        self._done()
        return DriftOutcome(checked=True, repaired=not left, left=left)

    def _done(self) -> None:
        with local.atomic(self.connection):
            local.set_setting(
                self.connection,
                LAST_CHECK,
                json.dumps(
                    {"cursor": local.get_cursor(self.connection), "at": self._now().isoformat()}
                ),
            )
