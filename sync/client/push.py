"""The push stage: dirty rows go to the server in batches under an idempotency key.

Each batch (at most ``MAX_BATCH_RECORDS`` records or about ``MAX_BATCH_BYTES``) is written to
``sync_batch`` with its id and exact body BEFORE it is sent, so a retry, also after a crash,
resends the same bytes under the same id and the server replays its stored receipts. Receipts
are applied in one transaction: an accepted row is clean again unless it was edited while its
batch travelled (its ``updated_at`` moved), a rejected one is set aside until it changes here, a
conflicting one is merged with the server's version and sent again if something is left.
"""

from __future__ import annotations

import gzip
import json
import threading
import uuid
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from desktop.store.codec import TableCodec, codecs, wire_timestamp
from desktop.store.derived import DERIVED_COLUMNS
from desktop.store.raw import Connection
from sync.client.apply import Applier, base_json
from sync.client.db import atomic, dumps, now_text
from sync.client.derived import only_derived_changes
from sync.client.errors import RequestRefusedError
from sync.client.progress import ProgressCallback, Stage, SyncProgress, check_cancel
from sync.client.transport import Transport
from sync.protocol import (
    MAX_BATCH_BYTES,
    MAX_BATCH_RECORDS,
    PushResponse,
    ReceiptStatus,
    gunzip,
)

# A record merged after a conflict is sent again; a server that keeps answering "conflict"
# (another PC writing the same record right now) gets it at the next sync instead.
MAX_SENDS_PER_SYNC = 3
# Tables whose restricted rows (GDPR art. 18) stay on this PC until they were shared once.
RESTRICTABLE = frozenset({"person", "referral"})


@dataclass(frozen=True)
class _Flight:
    """A batch on its way to the server."""

    batch_id: str
    body: bytes
    response: Future[PushResponse]


@dataclass
class PushStats:
    sent: int = 0
    accepted: int = 0
    rejected: int = 0
    conflicts: int = 0  # new fields in conflict
    batches: int = 0


def pending_count(connection: Connection) -> int:
    """Rows with changes not yet accepted by the server (the outbox)."""
    total = 0
    for table in codecs():
        total += connection.execute(f'SELECT count(*) FROM "{table}" WHERE dirty = 1').fetchone()[0]
    return int(total)


class Pusher:
    def __init__(
        self,
        connection: Connection,
        transport: Transport,
        *,
        local_site: str,
        cancel: threading.Event,
        progress: ProgressCallback,
        batch_records: int = MAX_BATCH_RECORDS,
        batch_bytes: int = MAX_BATCH_BYTES,
    ) -> None:
        self.connection = connection
        self.transport = transport
        self.local_site = local_site
        self.cancel = cancel
        self.progress = progress
        self.batch_records = min(batch_records, MAX_BATCH_RECORDS)
        self.batch_bytes = batch_bytes
        self.stats = PushStats()
        self._sends: Counter[tuple[str, str]] = Counter()
        self._total = 0
        self._exhausted = 0

    def run(self) -> PushStats:
        """Send the outbox. One batch travels while the next is chosen and written down here
        and the last one's receipts are applied: the server and this PC work at the same
        time. Batches still leave one after the other, in order (parents before children),
        and only the sending thread uses the transport meanwhile."""
        self._total = pending_count(self.connection)
        # Left by an interrupted sync: the same bytes again, first.
        queued = deque(
            self.connection.execute(
                "SELECT batch_id, body FROM sync_batch ORDER BY created_at, batch_id"
            ).fetchall()
        )
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="trama-push") as sender:
            flight: _Flight | None = None
            while True:
                batch = queued.popleft() if queued else self._prepare()
                if flight is None:
                    if batch is None:
                        break
                    flight = self._launch(sender, *batch)
                    continue
                landed, outcome = flight, self._outcome(flight)
                # The next batch leaves before this one's receipts are written; a row merged
                # after a conflict goes in a later batch (``_prepare`` is asked again).
                flight = self._launch(sender, *batch) if batch is not None else None
                self._land(landed, outcome)
        return self.stats

    # -- building a batch ----------------------------------------------------------------------

    def _select(self, table: TableCodec, limit: int) -> list[tuple[Any, ...]]:
        restricted = (
            " AND NOT (t.restricted = 1 AND t.server_revision IS NULL)"
            if table.name in RESTRICTABLE
            else ""
        )
        return self.connection.execute(
            f"SELECT t.id, t.updated_at, t.updated_by, t.owner_site, t.server_revision, "
            f'  t.deleted, {table.select_list("t")} FROM "{table.name}" t '
            "WHERE t.dirty = 1"
            " AND NOT EXISTS (SELECT 1 FROM sync_batch_item b"
            "  WHERE b.table_name = ? AND b.record_id = t.id)"
            " AND NOT EXISTS (SELECT 1 FROM sync_conflict c WHERE c.table_name = ?"
            "  AND c.record_id = t.id AND c.resolved_at IS NULL)"
            " AND NOT EXISTS (SELECT 1 FROM sync_rejection r WHERE r.table_name = ?"
            "  AND r.record_id = t.id AND r.row_updated_at = t.updated_at)"
            f"{restricted} LIMIT ?",
            (table.name, table.name, table.name, limit),
        ).fetchall()

    def _prepare(self) -> tuple[str, bytes] | None:
        """Choose the next batch and write it down, in one transaction; None when done."""
        check_cancel(self.cancel)
        batch_id = str(uuid.uuid4())
        with atomic(self.connection):
            records: list[str] = []
            items: list[tuple[str, str, str, str]] = []
            size = 0
            full = False
            for table in codecs().values():
                # Rows already sent too often in this sync are skipped after the query.
                limit = self.batch_records - len(records) + self._exhausted
                for row in self._select(table, limit):
                    key = (table.name, row[0])
                    if self._sends[key] >= MAX_SENDS_PER_SYNC or self._derived_only(table, row):
                        continue
                    text = dumps(_wire_record(table, row))
                    # Full: stop here, so no child ever travels ahead of its parent.
                    full = bool(records) and size + len(text) > self.batch_bytes
                    if full:
                        break
                    records.append(text)
                    items.append((table.name, row[0], batch_id, row[1]))
                    size += len(text)
                    full = len(records) >= self.batch_records
                    if full:
                        break
                if full:
                    break
            if not records:
                return None
            raw = f'{{"batch_id":"{batch_id}","records":[{",".join(records)}]}}'
            body = gzip.compress(raw.encode("utf-8"), compresslevel=5, mtime=0)
            self.connection.execute(
                "INSERT INTO sync_batch (batch_id, created_at, body, record_count) "
                "VALUES (?, ?, ?, ?)",
                (batch_id, now_text(), body, len(records)),
            )
            self.connection.executemany(
                "INSERT INTO sync_batch_item (table_name, record_id, batch_id, row_updated_at) "
                "VALUES (?, ?, ?, ?)",
                items,
            )
        for table_name, record_id, _batch, _stamp in items:
            self._sends[(table_name, record_id)] += 1
            if self._sends[(table_name, record_id)] == MAX_SENDS_PER_SYNC:
                self._exhausted += 1
        return batch_id, body

    def _derived_only(self, table: TableCodec, row: tuple[Any, ...]) -> bool:
        """A row of another site changed here only in derived columns: clean it, send nothing
        (``sync.client.derived``)."""
        if table.name not in DERIVED_COLUMNS or row[3] == self.local_site:
            return False
        base = self.connection.execute(
            "SELECT data FROM sync_base WHERE table_name = ? AND record_id = ?",
            (table.name, row[0]),
        ).fetchone()
        if not only_derived_changes(table, row[6:], base[0] if base else None):
            return False
        self.connection.execute(
            f'UPDATE "{table.name}" SET dirty = 0 WHERE id = ? AND updated_at = ?', (row[0], row[1])
        )
        return True

    # -- sending and receipts ------------------------------------------------------------------

    def _launch(self, sender: ThreadPoolExecutor, batch_id: str, body: bytes) -> _Flight:
        check_cancel(self.cancel)
        return _Flight(
            batch_id,
            body,
            sender.submit(self.transport.post, "/push", body, PushResponse, idempotent=True),
        )

    @staticmethod
    def _outcome(flight: _Flight) -> PushResponse | RequestRefusedError:
        """The batch's receipts, or why the server will never take it."""
        try:
            return flight.response.result()
        except RequestRefusedError as error:
            if error.status in (401, 426):
                raise
            return error

    def _land(self, flight: _Flight, outcome: PushResponse | RequestRefusedError) -> None:
        batch_id, body = flight.batch_id, flight.body
        if isinstance(outcome, RequestRefusedError):
            # A batch the server will never take must not block every later one.
            self._refuse_batch(batch_id, str(outcome))
            return
        with atomic(self.connection):
            self._apply_receipts(batch_id, body, outcome)
        self.stats.batches += 1
        self.progress(
            SyncProgress(
                Stage.PUSH,
                self.stats.sent,
                max(self._total, self.stats.sent),
                f"Invio delle modifiche: {self.stats.sent} di {max(self._total, self.stats.sent)}",
            )
        )

    def _refuse_batch(self, batch_id: str, message: str) -> None:
        with atomic(self.connection):
            self.connection.execute(
                "INSERT OR REPLACE INTO sync_rejection (table_name, record_id, row_updated_at, "
                "message, rejected_at) SELECT table_name, record_id, row_updated_at, ?, ? "
                "FROM sync_batch_item WHERE batch_id = ?",
                (message, now_text(), batch_id),
            )
            count = self._forget_batch(batch_id)
        self.stats.sent += count
        self.stats.rejected += count

    def _forget_batch(self, batch_id: str) -> int:
        count = self.connection.execute(
            "DELETE FROM sync_batch_item WHERE batch_id = ?", (batch_id,)
        ).rowcount
        self.connection.execute("DELETE FROM sync_batch WHERE batch_id = ?", (batch_id,))
        return int(count)

    def _apply_receipts(self, batch_id: str, body: bytes, response: PushResponse) -> None:
        items = {
            (table, record_id): stamp
            for table, record_id, stamp in self.connection.execute(
                "SELECT table_name, record_id, row_updated_at FROM sync_batch_item "
                "WHERE batch_id = ?",
                (batch_id,),
            )
        }
        sent = {
            (record["table"], record["id"]): record
            for record in json.loads(gunzip(body))["records"]
        }
        self.stats.sent += self._forget_batch(batch_id)
        if str(response.batch_id) != batch_id:
            return  # not our batch's answer: everything stays dirty and goes again
        tables = codecs()
        applier: Applier | None = None
        for receipt in response.receipts:
            key = (receipt.table, receipt.id)
            stamp = items.get(key)
            if stamp is None or receipt.table not in tables:
                continue
            table = tables[receipt.table]
            if receipt.status is ReceiptStatus.ACCEPTED and receipt.revision is not None:
                self._accept(table, sent[key], stamp, receipt.revision)
                self.stats.accepted += 1
            elif receipt.status is ReceiptStatus.REJECTED:
                self.connection.execute(
                    "INSERT OR REPLACE INTO sync_rejection (table_name, record_id, "
                    "row_updated_at, message, rejected_at) VALUES (?, ?, ?, ?, ?)",
                    (receipt.table, receipt.id, stamp, receipt.message or "", now_text()),
                )
                self.stats.rejected += 1
            elif receipt.status is ReceiptStatus.CONFLICT and receipt.server_record is not None:
                applier = applier or Applier(self.connection)
                before = applier.stats.conflicts
                applier.merge_server_record(receipt.server_record)
                self.stats.conflicts += applier.stats.conflicts - before

    def _accept(self, table: TableCodec, sent: dict[str, Any], stamp: str, revision: int) -> None:
        # An edit while the batch travelled moved updated_at: the row stays dirty, and its base
        # becomes what the server now has. A clean row needs no base (migration 0003).
        still_dirty = self.connection.execute(
            f'UPDATE "{table.name}" SET server_revision = ?, '
            "dirty = CASE WHEN updated_at = ? THEN 0 ELSE dirty END WHERE id = ? "
            "RETURNING dirty",
            (revision, stamp, sent["id"]),
        ).fetchone()
        self.connection.execute(
            "DELETE FROM sync_rejection WHERE table_name = ? AND record_id = ?",
            (table.name, sent["id"]),
        )
        if still_dirty and still_dirty[0] and not sent.get("deleted"):
            self.connection.execute(
                "INSERT OR REPLACE INTO sync_base (table_name, record_id, revision, data) "
                "VALUES (?, ?, ?, ?)",
                (table.name, sent["id"], revision, base_json(table, table.to_sql(sent["data"]))),
            )


def _wire_record(table: TableCodec, row: Any) -> dict[str, Any]:
    record_id, updated_at, updated_by, owner_site, revision, deleted, *values = row
    return {
        "table": table.name,
        "id": record_id,
        "revision": None,
        "base_revision": revision,
        "owner_site": owner_site,
        "deleted": bool(deleted),
        "scope_removed": False,
        "updated_at": wire_timestamp(updated_at),
        "updated_by": updated_by,
        "data": table.to_wire(values),
    }
