"""Sync over loopback against the real server process, against raw driver inserts.

Set-up (untimed): ``trama-server init-demo`` and ``serve`` on SQLite; a source PC of the Ambito
di Somma Lombardo seeds ``--size`` referrals (100,000) with their persons, events and
acknowledgements, which are then loaded straight into the server's tables by the server's own
unit of work, grants to the CPIs included (pushing half a million records through the API would
take the set-up longer than the benchmarks; the push is measured on its own below).

- first pull: a fresh PC of the same Ambito enrolls and syncs everything, in records per
  second and in seconds, against ``executemany`` inserts of the very same rows into an empty
  data file; the goal: the whole first sync of 100,000 referrals under 20 s;
- push: 10,000 referrals changed on that PC and sent, in records per second against raw
  inserts of those rows; the goal: at least 3,000 records per second;
- a sync with nothing to do: median of several, under 300 ms.

With ``--baseline REV`` it measures instead push and first-pull throughput of this tree and of
commit REV in the same run, and fails the run below 0.90 of REV's (``sync_baseline.py``).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.backend

from desktop.demo.seed import seed_demo
from desktop.store import raw
from desktop.store.codec import codecs
from desktop.store.engine import database_path
from desktop.store.migrate import open_store
from sync.protocol import SYNCED_TABLES
from sync.server.db import ServerDB
from sync.server.scope import WriteSet
from tests.bench.runner import BenchContext, Figure, Target, benchmark
from tests.bench.stores import connect, plain_mode_on, prepare_new_folder, store_key
from tests.sync.e2e.live import LiveServer, Office, running_server

SITE = "AMB-SOMMA"
PUSHED_REFERRALS = 10_000
# The goals of issue 20: a first pull of 100,000 referrals under 20 s, a push of at least
# 3,000 records per second (reported, not asserted: see tests/bench/README.md).
FIRST_PULL_LIMIT_S = 20.0
PUSH_GOAL_RATE = 3_000.0
IDLE_SYNC_LIMIT_S = 0.3
IDLE_RUNS = 7


class _MemoryKeyring(keyring.backend.KeyringBackend):
    """No benchmark may reach the user's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


def load_into_server(source: Office, server: LiveServer) -> int:
    """The source PC's own rows, written into the server's tables as a push would leave them:
    through the server's own unit of work (``WriteSet``: derived columns, every site's grants
    by the audience rules, revisions in table order), without the HTTP round trips."""
    db = ServerDB(server.db_url)
    try:
        with db.write() as session:
            writes = WriteSet(session)
            for table in codecs().values():
                rows = source.rows(
                    f"SELECT id, updated_at, updated_by, {table.select_list()} "
                    f'FROM "{table.name}" WHERE owner_site = ? AND dirty = 1',
                    SITE,
                )
                for record_id, updated_at, updated_by, *values in rows:
                    writes.put(
                        None, table=table.name, record_id=record_id, owner_site=SITE,
                        data=table.to_wire(values), deleted=False, updated_by=updated_by,
                        updated_at=datetime.fromisoformat(updated_at).replace(tzinfo=UTC),
                    )  # fmt: skip
            writes.settle()
            return len(writes.written)
    finally:
        db.dispose()


def new_office(folder: Path, server: LiveServer) -> Office:
    """A PC with a new data folder: encrypted with its key in the (benchmark's) keyring, or in
    plain mode an empty plain store made beforehand, which the switch then opens."""
    if plain_mode_on():
        prepare_new_folder(folder)
    return Office(folder, server)


def raw_insert_seconds(source: Path, tables: list[str], folder: Path, where: str = "") -> float:
    """Insert the rows of ``tables`` (read beforehand) into an empty data file of the same kind
    (encrypted or plain) with the bare driver."""
    if plain_mode_on():
        prepare_new_folder(folder)
    open_store(folder).dispose()
    reader = connect(source)
    batches = []
    for table in tables:
        columns = [row[1] for row in reader.execute(f'PRAGMA table_info("{table}")')]
        rows = reader.execute(f'SELECT * FROM "{table}" {where}').fetchall()
        marks = ", ".join("?" * len(columns))
        batches.append((f'INSERT INTO "{table}" VALUES ({marks})', rows))
    reader.close()
    writer = raw.connect(database_path(folder), store_key(folder), foreign_keys=False)
    started = time.perf_counter()
    writer.execute("BEGIN IMMEDIATE")
    for sql, rows in batches:
        writer.executemany(sql, rows)
    writer.execute("COMMIT")
    elapsed = time.perf_counter() - started
    writer.close()
    return elapsed


@contextmanager
def _bench_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@benchmark("sync")
def sync_benchmarks(context: BenchContext) -> list[Figure]:
    if context.baseline is not None:
        from tests.bench.sync_baseline import compare_with_baseline  # noqa: PLC0415

        return compare_with_baseline(context)
    folder = context.scratch("sync")
    with (
        _bench_keyring(),
        running_server(f"sqlite:///{folder / 'server.sqlite'}", folder) as server,
    ):
        source = new_office(folder / "source", server).enroll(SITE)
        source.sync()
        context.log(f"seeding {context.size} referrals for the server (untimed)")
        seed_demo(source.store, referrals=context.size, seed=context.seed)
        loaded = load_into_server(source, server)
        context.log(f"{loaded} records loaded into the server (untimed)")
        source.close()

        fresh = new_office(folder / "fresh", server).enroll(SITE)
        started = time.perf_counter()
        first = fresh.sync()
        first_s = time.perf_counter() - started
        pulled = first.received
        referrals = fresh.value("SELECT count(*) FROM referral")
        raw_pull_s = raw_insert_seconds(fresh.data_dir, list(SYNCED_TABLES), folder / "raw-pull")

        ids = [row[0] for row in fresh.rows("SELECT id FROM referral LIMIT ?", PUSHED_REFERRALS)]
        fresh.change("referral", *ids, referring_service="Servizio sociale (aggiornato)")
        pushed = fresh.sync()
        push_s = pushed.stage_seconds.get("push", pushed.elapsed_seconds)
        raw_push_s = raw_insert_seconds(
            fresh.data_dir, ["referral"], folder / "raw-push", f"LIMIT {PUSHED_REFERRALS}"
        )

        fresh.sync()  # settles: the next ones have nothing to do
        idle = []
        for _run in range(IDLE_RUNS):
            result = fresh.sync()
            assert result.sent == 0 and result.received == 0
            idle.append(result.elapsed_seconds)
        fresh.close()

    return [
        Figure(
            "sync: first pull, records/s",
            pulled / first_s,
            "rec/s",
            baseline=pulled / raw_pull_s,
            note=f"{pulled:,} records ({referrals:,} referrals) in {first_s:.1f} s over "
            f"loopback; baseline: executemany of the same rows into an empty data file",
        ),
        Figure(
            f"sync: first pull of {referrals:,} referrals",
            first_s,
            "s",
            baseline=raw_pull_s,
            target=Target("value", "<", FIRST_PULL_LIMIT_S),
            note="the whole first sync; baseline: executemany of the same rows",
        ),
        Figure(
            f"sync: push of {pushed.sent:,} changed referrals, records/s",
            pushed.accepted / push_s,
            "rec/s",
            baseline=pushed.sent / raw_push_s,
            target=Target("value", ">=", PUSH_GOAL_RATE),
            note=f"{pushed.accepted:,} of {pushed.sent:,} referrals sent accepted in "
            f"{push_s:.1f} s (whole sync {pushed.elapsed_seconds:.1f} s); baseline: "
            f"executemany of the same rows",
        ),
        Figure(
            "sync: nothing to do",
            statistics.median(idle),
            "s",
            target=Target("value", "<", IDLE_SYNC_LIMIT_S),
            note=f"median of {IDLE_RUNS} in-process syncs (meta, empty push, empty pull)",
        ),
    ]
