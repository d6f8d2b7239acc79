"""Seed speed: ``trama seed-demo`` against raw driver inserts of the same rows.

Speed, for both sides, is (persons + referrals) written per second of wall time. The seed also
writes status events, the CPIs' handling, path actions and the reference data in that time, so
the definition is on the seed's side's disadvantage; the row counts of every table are in the
note. The baseline re-inserts the seeded database's own ``person`` and ``referral`` rows with
``executemany`` in one transaction into a fresh copy of its schema (indexes, the FTS5 search
table and its triggers included), with the application's pragmas, after copying, untimed, the
reference rows their foreign keys point to. A second baseline leaves the search table and its
triggers out, to show what they cost. The baselines' files are keyed as the seeded store is
(encrypted, or plain with ``--plain``), so that the ratio is the application's own overhead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store import raw
from tests.bench.runner import BenchContext, Figure, Target, benchmark
from tests.bench.stores import connect, prepare_new_folder, store_key

if TYPE_CHECKING:
    from desktop.store.keys import StoreKey

SEED_TABLES = ("person", "referral")  # person first: referral's foreign key points to it
SEED_TIME_LIMIT_S = 60.0
MIN_SPEED_RATIO = 0.20
# seed_demo enlarges the page cache for its one big transaction; the baseline gets the same, so
# that the ratio compares the work done per row and not the cache size.
BULK_CACHE_PRAGMA = "PRAGMA cache_size=-200000"


@dataclass(frozen=True)
class SeedTiming:
    elapsed_s: float
    reported_s: float  # SeedSummary.elapsed_seconds, as `trama seed-demo` prints it


def seed_data_folder(folder: Path, *, size: int, seed: int) -> SeedTiming:
    """What ``trama seed-demo --data-dir FOLDER`` does, timed from open_store to the end (in
    plain mode from the creation of the empty plain store, which open_store does for the
    encrypted one)."""
    from desktop.demo.reference import install_demo_reference  # noqa: PLC0415
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    started = time.perf_counter()
    prepare_new_folder(folder)
    store = open_store(folder)
    try:
        install_demo_reference(store)
        summary = seed_demo(store, referrals=size, seed=seed)
    finally:
        store.dispose()
    return SeedTiming(time.perf_counter() - started, float(summary.elapsed_seconds))


def table_counts(data_dir: Path) -> dict[str, int]:
    """Rows in every ordinary table (FTS5 shadow tables and SQLite's own left out)."""
    connection = connect(data_dir)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        virtual = _virtual_tables(connection)
        names = [name for name in names if not _is_shadow(name, virtual)]
        return {
            name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in names
        }
    finally:
        connection.close()


def _virtual_tables(connection: raw.Connection) -> list[str]:
    return [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]


def _is_shadow(name: str, virtual: list[str]) -> bool:
    return any(name.startswith(f"{table}_") for table in virtual)


def schema_statements(connection: raw.Connection, *, with_search: bool) -> list[str]:
    """The seeded file's schema: tables, then indexes, then triggers (SQLite's own left out)."""
    virtual = _virtual_tables(connection)
    statements: list[str] = []
    for kind in ("table", "index", "trigger"):
        for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
            (kind,),
        ):
            if _is_shadow(name, virtual):
                continue  # created by the FTS5 module with its virtual table
            if not with_search and (name in virtual or any(table in sql for table in virtual)):
                continue
            statements.append(sql)
    return statements


def _referenced_tables(connection: raw.Connection, tables: tuple[str, ...]) -> list[str]:
    """Every table the given ones reach through foreign keys, themselves excluded."""
    seen: set[str] = set()
    pending = list(tables)
    while pending:
        table = pending.pop()
        for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
            parent = str(row[2])
            if parent not in seen and parent not in tables:
                seen.add(parent)
                pending.append(parent)
    return sorted(seen)


def _copy_rows(source: raw.Connection, target: raw.Connection, table: str) -> None:
    cursor = source.execute(f'SELECT * FROM "{table}"')
    width = len(cursor.description)
    target.executemany(
        f'INSERT INTO "{table}" VALUES ({", ".join("?" * width)})', cursor.fetchall()
    )


@dataclass(frozen=True)
class RawTiming:
    elapsed_s: float
    rows: int


def raw_insert(
    seeded_dir: Path, target: Path, key: StoreKey | None, *, with_search: bool
) -> RawTiming:
    """Insert the seeded persons and referrals again, with the bare driver, in one
    transaction, into a new file under ``key``."""
    source = connect(seeded_dir)
    connection = raw.connect(target, key)  # the store's pragmas
    try:
        connection.execute("PRAGMA foreign_keys=OFF")  # the untimed copy of reference rows
        connection.execute("BEGIN")
        for statement in schema_statements(source, with_search=with_search):
            connection.execute(statement)
        for table in _referenced_tables(source, SEED_TABLES):
            _copy_rows(source, connection, table)
        connection.execute("COMMIT")
        connection.execute("PRAGMA foreign_keys=ON")  # as the application runs
        connection.execute(BULK_CACHE_PRAGMA)

        loaded: list[tuple[str, int, list[tuple[object, ...]]]] = []
        for table in SEED_TABLES:
            cursor = source.execute(f'SELECT * FROM "{table}"')
            loaded.append((table, len(cursor.description), cursor.fetchall()))

        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        for table, width, rows in loaded:
            connection.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" * width)})', rows)
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - started
        return RawTiming(elapsed, sum(len(rows) for _table, _width, rows in loaded))
    finally:
        connection.close()
        source.close()


@benchmark("seed")
def seed_speed(context: BenchContext) -> list[Figure]:
    folder = context.scratch("data")
    context.log(f"   seeding {context.size:,} referrals into {folder}")
    timing = seed_data_folder(folder, size=context.size, seed=context.seed)
    context.seeded_dir = folder
    key = store_key(folder)

    counts = table_counts(folder)
    rows = sum(counts[table] for table in SEED_TABLES)
    everything = sum(counts.values())
    kind = "plain" if key is None else "encrypted"
    context.log(f"   seeded ({kind}) in {timing.elapsed_s:.1f} s; raw driver baselines")
    raw_timing = raw_insert(
        folder, context.scratch("raw-fts") / "raw.sqlite", key, with_search=True
    )
    bare = raw_insert(folder, context.scratch("raw-nofts") / "raw.sqlite", key, with_search=False)
    if raw_timing.rows != rows or bare.rows != rows:
        raise RuntimeError(f"raw baseline inserted {raw_timing.rows} rows, the seed {rows}")

    seed_speed = rows / timing.elapsed_s
    written = ", ".join(f"{name} {count:,}" for name, count in counts.items() if count)
    return [
        Figure(
            "seed_wall_time",
            timing.elapsed_s,
            "s",
            target=Target("value", "<", SEED_TIME_LIMIT_S),
            note=(
                f"open_store + install_demo_reference + seed_demo of {context.size:,} referrals "
                f"into a new folder (seed_demo reports {timing.reported_s:.1f} s itself)"
            ),
        ),
        Figure(
            "seed_speed",
            seed_speed,
            "rows/s",
            baseline=rows / raw_timing.elapsed_s,
            target=Target("ratio", ">=", MIN_SPEED_RATIO),
            note=(
                f"rows = persons + referrals ({rows:,}) per second of wall time, both sides. "
                f"The seed writes {everything:,} rows in all in that time "
                f"({everything / timing.elapsed_s:,.0f} rows/s counting them all: {written}). "
                "Baseline: the driver's executemany of the same rows, one transaction, same schema "
                "with indexes, FTS5 table and triggers, same pragmas (WAL, synchronous=FULL, "
                f"foreign_keys=ON, seed_demo's cache_size=-200000): {raw_timing.elapsed_s:.2f} s"
            ),
        ),
        Figure(
            "seed_speed_vs_no_fts",
            seed_speed,
            "rows/s",
            baseline=rows / bare.elapsed_s,
            note=(
                "as seed_speed, baseline schema WITHOUT the FTS5 search table and its "
                f"triggers: {bare.elapsed_s:.2f} s (informational)"
            ),
        ),
    ]
