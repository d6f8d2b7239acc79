"""Writing the server's records into the local store (a pull page, a conflict receipt).

Runs inside the caller's transaction. Deletions and scope removals go first, children before
parents; then the other records, parents first. A row with unsent changes here is never
overwritten: it is merged field by field against its base (``sync.client.merge``). Rows are
written with ``INSERT ... ON CONFLICT(id) DO UPDATE`` so they keep their rowid, which the
referral search index (``referral_search``, migration 0001) is keyed by.

Reference rows loaded offline (the shipped comuni, say) may meet the server's copy of the same
thing under another id: the natural key (``IDENTITY_KEYS``) says it is the same record, and the
local row is re-keyed to the server's id, with every reference to it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any, NamedTuple, TypeVar

from desktop.store import search_text
from desktop.store.codec import TableCodec, codec, codecs, sql_timestamp
from desktop.store.derived import DERIVED_COLUMNS
from desktop.store.raw import Connection, IntegrityError
from sync.client import set_aside
from sync.client.db import dumps
from sync.client.errors import ProtocolViolationError
from sync.client.merge import merge, record_conflicts
from sync.client.set_aside import UNAPPLIABLE
from sync.client.wire import ServerRecord
from sync.protocol import SYNCED_TABLES
from sync.protocol.records import InvalidData, check_data

CHUNK = 500
# Unique keys that name the same real thing, whoever created the row.
IDENTITY_KEYS: frozenset[tuple[str, tuple[str, ...]]] = frozenset(
    {
        ("ambito", ("code",)),
        ("municipality", ("istat_code",)),
        ("job_centre", ("code",)),
        ("site", ("code",)),
        ("operator", ("username",)),
        ("referral_handling", ("referral_id",)),
        ("project_beneficiary", ("project_id", "referral_id")),
    }
)
BOOKKEEPING = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "server_revision", "dirty",
    "deleted",
)  # fmt: skip
_BOOK_TABLES = ("sync_base", "sync_rejection", "sync_batch_item", "sync_conflict")

T = TypeVar("T")
_ROW_FAILURES: tuple[type[Exception], ...] = (*UNAPPLIABLE, ProtocolViolationError)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class LocalRow(NamedTuple):
    dirty: bool
    deleted: bool
    server_revision: int | None
    values: list[Any]


@dataclass
class ApplyStats:
    received: int = 0
    written: int = 0
    merged: int = 0
    deleted: int = 0
    removed: int = 0
    kept: int = 0  # removals not applied here: the row has unsent changes
    unchanged: int = 0  # already here at that revision
    conflicts: int = 0
    set_aside: int = 0  # could not be applied here: kept in sync_set_aside (sync.client.set_aside)
    seen: set[tuple[str, str]] | None = field(default=None, repr=False)


class Applier:
    def __init__(
        self, connection: Connection, *, track_seen: bool = False, bulk: bool = False
    ) -> None:
        self.connection = connection
        # A first pull in bulk (sync.client.bulk): the search index is rebuilt at its end.
        self.bulk = bulk
        self.stats = ApplyStats(seen=set() if track_seen else None)
        self._sql: dict[str, str] = {}
        self._uploading = connection.execute(
            "SELECT EXISTS (SELECT 1 FROM sync_batch_item)"
        ).fetchone()[0]
        # Records waiting to be tried again: one that applies now is no longer waiting.
        self._waiting = connection.execute(
            "SELECT EXISTS (SELECT 1 FROM sync_set_aside)"
        ).fetchone()[0]

    def apply(self, records: Sequence[ServerRecord]) -> None:
        """Apply what can be applied; set aside (never raise for) a record that cannot be."""
        removals: dict[str, list[ServerRecord]] = {}
        upserts: dict[str, list[ServerRecord]] = {}
        known = codecs()
        for record in records:
            if record.table not in known:
                self._set_aside(
                    record,
                    f"dati di una tabella sconosciuta ({record.table}): aggiornare Trama",
                )
                continue
            gone = record.deleted or record.scope_removed
            if self.stats.seen is not None and not gone:
                # Served, whether it applies or is set aside: not an orphan to drop here.
                self.stats.seen.add((record.table, record.id))
            if not gone:
                try:
                    # Lenient on fields a newer server may add; strict on everything else.
                    check_data(record.table, record.data, allow_unknown=True)
                except InvalidData as error:
                    self._set_aside(record, str(error))
                    continue
            target = removals if gone else upserts
            target.setdefault(record.table, []).append(record)
        self.stats.received += len(records)
        for table in reversed(SYNCED_TABLES):
            for batch in chunks(removals.get(table, [])):
                self._remove(codec(table), batch)
        for table in SYNCED_TABLES:
            for batch in chunks(upserts.get(table, [])):
                self._upsert(codec(table), batch)

    def _set_aside(self, record: ServerRecord, reason: str) -> None:
        set_aside.put(self.connection, record, reason)
        self.stats.set_aside += 1
        self._waiting = True

    def _resolved(self, table: TableCodec, record_ids: list[str]) -> None:
        if self._waiting and record_ids:
            set_aside.resolve(self.connection, table.name, record_ids)

    def merge_server_record(self, record: ServerRecord) -> None:
        """Merge one record the server sent back with a conflict receipt."""
        table = codec(record.table)
        row = self._local_rows(table, [record.id]).get(record.id)
        if row is None:
            self._upsert(table, [record])
        else:
            self._merge(table, record, row, self._bases(table, [record.id]).get(record.id))

    # -- reading what is here ------------------------------------------------------------------

    def _local_rows(self, table: TableCodec, ids: Sequence[str]) -> dict[str, LocalRow]:
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            f"SELECT id, dirty, deleted, server_revision, {table.select_list()} "
            f'FROM "{table.name}" WHERE id IN ({marks})',
            list(ids),
        ).fetchall()
        found = {
            row[0]: LocalRow(bool(row[1]), bool(row[2]), row[3], list(row[4:])) for row in rows
        }
        if self._uploading and found:
            for (record_id,) in self.connection.execute(
                f"SELECT record_id FROM sync_batch_item WHERE table_name = ? "
                f"AND record_id IN ({marks})",
                [table.name, *ids],
            ):
                if record_id in found:
                    found[record_id] = found[record_id]._replace(dirty=True)
        return found

    def _bases(self, table: TableCodec, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        marks = ",".join("?" * len(ids))
        return {
            record_id: json.loads(data)
            for record_id, data in self.connection.execute(
                f"SELECT record_id, data FROM sync_base WHERE table_name = ? "
                f"AND record_id IN ({marks})",
                [table.name, *ids],
            )
        }

    # -- writing -------------------------------------------------------------------------------

    def _upsert_sql(self, table: TableCodec) -> str:
        sql = self._sql.get(table.name)
        if sql is None:
            names = [*BOOKKEEPING, *table.columns]
            updated = [n for n in names if n not in ("id", "created_at")]
            quoted = ", ".join(f'"{n}"' for n in names)
            sql = (
                f'INSERT INTO "{table.name}" ({quoted}) '
                f"VALUES ({', '.join('?' * len(names))}) ON CONFLICT(id) DO UPDATE SET "
                + ", ".join(f'"{n}" = excluded."{n}"' for n in updated)
            )
            self._sql[table.name] = sql
        return sql

    def _upsert(self, table: TableCodec, records: Sequence[ServerRecord]) -> None:
        ids = [record.id for record in records]
        local = self._local_rows(table, ids)
        dirty_bases = self._bases(table, [i for i in ids if i in local and local[i].dirty])
        plain: list[tuple[ServerRecord, tuple[Any, ...]]] = []
        inserted: list[str] = []
        done: list[str] = []
        for record in records:
            row = local.get(record.id)
            if row is not None and row.dirty:
                base = dirty_bases.get(record.id)
                if self._guarded(record, partial(self._merge, table, record, row, base)):
                    done.append(record.id)
                continue
            if row is not None and row.server_revision == record.revision and not row.deleted:
                self.stats.unchanged += 1  # our own push coming back, or a page applied twice
                done.append(record.id)
                continue
            if _older(record, row):
                done.append(record.id)  # a version set aside, since overtaken by a newer one
                continue
            try:
                values = table.to_sql(record.data, row.values if row is not None else None)
                stamp = sql_timestamp(record.updated_at)
            except UNAPPLIABLE as error:
                self._set_aside(record, _reason(error))
                continue
            plain.append(
                (
                    record,
                    (record.id, stamp, stamp, record.updated_by, record.owner_site,
                     record.revision, 0, 0, *values),
                )
            )  # fmt: skip
            if row is None:
                inserted.append(record.id)
        # No base is written for a clean row: the trigger of migration 0003 copies it when the
        # row first changes here.
        written = self._write_plain(table, plain)
        self.stats.written += len(written)
        self._resolved(table, done + written)
        if len(written) < len(plain):  # some were set aside: they were not inserted
            kept = set(written)
            inserted = [record_id for record_id in inserted if record_id in kept]
        if table.name == "person" and inserted and not self.bulk:
            self._index_referrals_of(inserted)

    def _write_plain(
        self, table: TableCodec, rows: list[tuple[ServerRecord, tuple[Any, ...]]]
    ) -> list[str]:
        """Write the rows; returns the ids written (the others were set aside)."""
        if not rows:
            return []
        sql = self._upsert_sql(table)
        self.connection.execute("SAVEPOINT apply_chunk")
        written = [record.id for record, _values in rows]
        try:
            self.connection.executemany(sql, [values for _record, values in rows])
        except UNAPPLIABLE:
            # Rare: a natural key met under another id, or a row this PC cannot store. Row by
            # row, to find which.
            self.connection.execute("ROLLBACK TO apply_chunk")
            written = [
                record.id
                for record, values in rows
                if self._guarded(record, partial(self._write_one, table, record, values))
            ]
        self.connection.execute("RELEASE apply_chunk")
        return written

    def _guarded(self, record: ServerRecord, write: Callable[[], None]) -> bool:
        """Run ``write`` for one record; on failure undo it, set the record aside, False."""
        self.connection.execute("SAVEPOINT apply_record")
        try:
            write()
        except _ROW_FAILURES as error:
            self.connection.execute("ROLLBACK TO apply_record")
            self.connection.execute("RELEASE apply_record")
            self._set_aside(record, _reason(error))
            return False
        self.connection.execute("RELEASE apply_record")
        return True

    def _write_one(self, table: TableCodec, record: ServerRecord, values: tuple[Any, ...]) -> None:
        try:
            self.connection.execute(self._upsert_sql(table), values)
            return
        except IntegrityError as error:
            problem = error
        offset = len(BOOKKEEPING)
        rekeyed = False
        for key in table.unique_keys:
            if (table.name, key) not in IDENTITY_KEYS:
                continue
            key_values = [values[offset + table.columns.index(name)] for name in key]
            where = " AND ".join(f'"{name}" = ?' for name in key)
            for (other_id,) in self.connection.execute(
                f'SELECT id FROM "{table.name}" WHERE {where} AND id != ?',
                [*key_values, record.id],
            ).fetchall():
                self._rekey(table, other_id, record.id)
                rekeyed = True
        row = self._local_rows(table, [record.id]).get(record.id) if rekeyed else None
        if row is not None and row.dirty:
            self._merge(table, record, row, self._bases(table, [record.id]).get(record.id))
            return
        try:
            self.connection.execute(self._upsert_sql(table), values)
        except IntegrityError as error:
            raise ProtocolViolationError(
                f"Un record ricevuto dal server ({table.name} {record.id}) contrasta con i dati "
                f"di questo computer ({error}). Segnalare il problema all'assistenza."
            ) from problem

    def _rekey(self, table: TableCodec, old_id: str, new_id: str) -> None:
        """Make the local row ``old_id`` the server's ``new_id``, references included."""
        exists = self.connection.execute(
            f'SELECT 1 FROM "{table.name}" WHERE id = ?', (new_id,)
        ).fetchone()
        for child, column in table.referenced_by:
            self.connection.execute(
                f'UPDATE "{child}" SET "{column}" = ? WHERE "{column}" = ?', (new_id, old_id)
            )
        if exists:
            self.connection.execute(f'DELETE FROM "{table.name}" WHERE id = ?', (old_id,))
        else:
            self.connection.execute(
                f'UPDATE "{table.name}" SET id = ? WHERE id = ?', (new_id, old_id)
            )
        for book in _BOOK_TABLES:
            self.connection.execute(
                f"UPDATE OR REPLACE {book} SET record_id = ? WHERE table_name = ? "
                "AND record_id = ?",
                (new_id, table.name, old_id),
            )

    def _merge(
        self,
        table: TableCodec,
        record: ServerRecord,
        row: LocalRow,
        base: dict[str, Any] | None,
    ) -> None:
        # A column the server left out did not change there.
        fallback = (
            [base.get(name, row.values[i]) for i, name in enumerate(table.columns)]
            if base is not None
            else row.values
        )
        remote = table.to_sql(record.data, fallback)
        result = merge(
            table.columns,
            base=base,
            local=row.values,
            local_deleted=row.deleted,
            remote=remote,
            remote_deleted=record.deleted,
            derived=DERIVED_COLUMNS.get(table.name, frozenset()),
        )
        assignments = ", ".join(f'"{name}" = ?' for name in table.columns)
        extra: list[Any] = [int(result.deleted), record.revision, 0 if result.equals_remote else 1]
        stamp_sql = ""
        if result.equals_remote:
            stamp_sql = ", updated_at = ?, updated_by = ?, owner_site = ?"
            extra += [sql_timestamp(record.updated_at), record.updated_by, record.owner_site]
        self.connection.execute(
            f'UPDATE "{table.name}" SET {assignments}, deleted = ?, server_revision = ?, '
            f"dirty = ?{stamp_sql} WHERE id = ?",
            [*result.values, *extra, record.id],
        )
        self.connection.execute(
            "INSERT OR REPLACE INTO sync_base (table_name, record_id, revision, data) "
            "VALUES (?, ?, ?, ?)",
            (table.name, record.id, record.revision, base_json(table, remote)),
        )
        if result.equals_remote:
            self.connection.execute(
                "DELETE FROM sync_rejection WHERE table_name = ? AND record_id = ?",
                (table.name, record.id),
            )
        self.stats.merged += 1
        self.stats.conflicts += record_conflicts(
            self.connection,
            table=table.name,
            record_id=record.id,
            result=result,
            remote_revision=record.revision or 0,
            remote_updated_by=record.updated_by,
        )

    def _remove(self, table: TableCodec, records: Sequence[ServerRecord]) -> None:
        local = self._local_rows(table, [record.id for record in records])
        self._resolved(table, [record.id for record in records])
        for record in records:
            row = local.get(record.id)
            if row is None:
                continue
            self._guarded(record, partial(self._remove_one, table, record, row))

    def _remove_one(self, table: TableCodec, record: ServerRecord, row: LocalRow) -> None:
        if row.dirty:
            if record.scope_removed:
                self.stats.kept += 1
            else:
                self._merge(table, record, row, self._bases(table, [record.id]).get(record.id))
            return
        if record.scope_removed:
            self.connection.execute(f'DELETE FROM "{table.name}" WHERE id = ?', (record.id,))
            self.stats.removed += 1
        else:
            self.connection.execute(
                f'UPDATE "{table.name}" SET deleted = 1, dirty = 0, server_revision = ?, '
                "updated_at = ?, updated_by = ? WHERE id = ?",
                (record.revision, sql_timestamp(record.updated_at), record.updated_by,
                 record.id),
            )  # fmt: skip
            self.stats.deleted += 1
        for book in ("sync_base", "sync_conflict", "sync_rejection"):
            self.connection.execute(
                f"DELETE FROM {book} WHERE table_name = ? AND record_id = ?",
                (table.name, record.id),
            )

    def _index_referrals_of(self, person_ids: Sequence[str]) -> None:
        """Referrals that arrived before their person get their search entry now (the
        triggers of migration 0001 index a referral only when its person is there)."""
        search_text.reindex_referrals_of(self.connection, person_ids)


def _older(record: ServerRecord, row: LocalRow | None) -> bool:
    """The record is an older version than the one here (a set-aside one tried again)."""
    if row is None or row.server_revision is None or record.revision is None:
        return False
    return record.revision < row.server_revision


def _reason(error: BaseException) -> str:
    if isinstance(error, ProtocolViolationError):
        return str(error)
    if isinstance(error, UnicodeError):
        return "testo non memorizzabile (carattere Unicode non valido)"
    if isinstance(error, IntegrityError):
        return f"contrasta con i dati di questo computer ({error})"
    return f"valore non valido ({type(error).__name__}: {error})"


def base_json(table: TableCodec, values: Sequence[Any]) -> str:
    """A base version as stored in ``sync_base.data``."""
    return dumps(dict(zip(table.columns, values, strict=True)))
