"""Retention at volume (issue 15): ``list_due`` + ``anonymise`` over 100,000 referrals with
20,000 past their period, against a raw UPDATE of the same rows.

Set-up (untimed), on a copy of the seeded folder: every synced row made as if accepted by a
server (``server_revision`` set, clean), so that anonymising copies each row's old version
into ``sync_base`` as on an enrolled PC; every closed referral's status change moved to now,
then ``DUE`` referrals chosen by a seeded draw made withdrawn in 2015, so that exactly they are
past their period under the proposed rules.

Timed: ``list_due``, then ``anonymise`` of everything listed, cancelled (``cancelled()`` turning
true at the ``CANCEL_AT``-th progress report), then ``list_due`` and ``anonymise`` again for the
rest: the whole of the work with progress and a cancel on the way, as a privacy officer who
stops and resumes would do it. The cancel's latency (from the request to ``anonymise``
returning) is a figure of its own.

Baseline, on a second copy with the same set-up: one transaction of plain UPDATEs by id of the
same referrals and persons, blanking the same columns (no merge bases, audit, bookkeeping,
search index merge or WAL truncation), committed.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.store.settings import SITE_CODE
from tests.bench.runner import BenchContext, Figure, Target, benchmark
from tests.bench.stores import connect, copy_data_folder

DUE = 20_000
MAX_TOTAL_S = 60.0
CANCEL_AT = 5  # progress reports before the cancel is asked for
CLOSED = ("draft", "withdrawn", "not_relevant", "returned", "concluded")


def prepare(data_dir: Path, *, seed: int, due: int) -> list[str]:
    """Make exactly ``due`` referrals past their period (see the module docstring); returns
    their ids."""
    connection = connect(data_dir)
    try:
        connection.execute("BEGIN IMMEDIATE")
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql LIKE '%server_revision%'"
            )
        ]
        for table in tables:
            connection.execute(f'UPDATE "{table}" SET server_revision = 1, dirty = 0')
        # The demo folder holds the whole province's referrals; here they are all this
        # Ambito's (with the Ambiti's events), as on one big Ambito's PC.
        site = connection.execute(
            "SELECT value FROM local_setting WHERE key = ?", (SITE_CODE,)
        ).fetchone()[0]
        for table in ("referral", "person", "privacy_acknowledgement"):
            connection.execute(f"UPDATE {table} SET owner_site = ?", (site,))
        connection.execute(
            "UPDATE referral_event SET owner_site = ? WHERE owner_site LIKE 'AMB-%'", (site,)
        )
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.000000")
        marks = ",".join("?" * len(CLOSED))
        connection.execute(
            f"UPDATE referral SET status_changed_at = ?, updated_at = ? WHERE status IN ({marks})",
            (now, now, *CLOSED),
        )
        connection.execute(
            "UPDATE referral_handling SET outcome_on = ? WHERE outcome_on IS NOT NULL",
            (now[:10],),
        )
        ids = [row[0] for row in connection.execute("SELECT id FROM referral ORDER BY id")]
        chosen = sorted(random.Random(seed).sample(ids, min(due, len(ids))))
        connection.executemany(
            "UPDATE referral SET status = 'withdrawn', "
            "status_changed_at = '2015-06-01 09:00:00.000000' WHERE id = ?",
            [(referral_id,) for referral_id in chosen],
        )
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return chosen


def raw_update(data_dir: Path, referral_ids: list[str], person_ids: list[str]) -> float:
    """The baseline: the same rows blanked by plain UPDATEs by id, in one transaction."""
    connection = connect(data_dir)
    try:
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "UPDATE referral SET reason = '', referring_operator = '', attachments = '[]', "
            "anonymised_on = '2026-01-01', dirty = 1 WHERE id = ?",
            [(referral_id,) for referral_id in referral_ids],
        )
        connection.executemany(
            "UPDATE person SET fiscal_code = '', last_name = '', first_name = '', "
            "search_name = '', phone = '', email = '', residence_address = '', "
            "domicile_address = '', anonymised_on = '2026-01-01', dirty = 1 WHERE id = ?",
            [(person_id,) for person_id in person_ids],
        )
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


@benchmark("retention")
def retention_run(context: BenchContext) -> list[Figure]:
    from desktop.domain.codes import OperatorRole  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.services.retention import anonymise, list_due  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    seeded = context.seeded_data_dir()
    work = copy_data_folder(seeded, context.scratch("retention"))
    base = copy_data_folder(seeded, context.scratch("retention-baseline"))
    due = min(DUE, context.size // 5)
    chosen = prepare(work, seed=context.seed, due=due)
    prepare(base, seed=context.seed, due=due)
    today = date.today()

    store = open_store(work, create=False)
    try:
        # The demo folder's OS account is its privacy officer.
        actor = replace(current_actor(store), role=OperatorRole.PRIVACY_OFFICER)
        reports: list[tuple[int, int]] = []
        asked_at: list[float] = []

        def progress(done: int, total: int) -> None:
            reports.append((done, total))

        def cancelled() -> bool:
            if len(reports) >= CANCEL_AT and not asked_at:
                asked_at.append(time.perf_counter())
            return bool(asked_at)

        started = time.perf_counter()
        listed = list_due(store, actor=actor, today=today)
        listed_s = time.perf_counter() - started
        first = anonymise(
            store,
            actor=actor,
            record_ids=[record.record_id for record in listed],
            today=today,
            progress=progress,
            cancelled=cancelled,
        )
        cancel_s = time.perf_counter() - asked_at[0] if asked_at else float("nan")
        rest = list_due(store, actor=actor, today=today)
        second = anonymise(
            store,
            actor=actor,
            record_ids=[record.record_id for record in rest],
            today=today,
            progress=progress,
        )
        total_s = time.perf_counter() - started
        left = len(list_due(store, actor=actor, today=today))
    finally:
        store.dispose()

    connection = connect(work)
    try:
        persons = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM person WHERE anonymised_on IS NOT NULL ORDER BY id"
            )
        ]
        anonymised = connection.execute(
            "SELECT count(*) FROM referral WHERE anonymised_on IS NOT NULL"
        ).fetchone()[0]
    finally:
        connection.close()
    baseline_s = raw_update(base, chosen, persons)
    listed_referrals = sum(1 for record in listed if record.record_kind == "referral")
    note = (
        f"{context.size:,} referrals, {listed_referrals:,} due ({len(listed):,} records listed "
        f"in {listed_s:.2f} s); cancelled after {CANCEL_AT} batches "
        f"({first.referrals:,} referrals, {first.persons:,} persons), the rest "
        f"({second.referrals:,}, {second.persons:,}) at the second run; {anonymised:,} "
        f"referrals and {len(persons):,} persons anonymised, {left} left due. Baseline: one "
        "transaction of raw UPDATEs by id of the same referrals and persons"
    )
    context.log(f"   retention: {note}")
    return [
        Figure(
            "retention_list_and_anonymise",
            total_s,
            "s",
            baseline=baseline_s,
            target=Target("value", "<", MAX_TOTAL_S),
            note=note,
        ),
        Figure(
            "retention_cancel_latency",
            cancel_s,
            "s",
            note="from cancelled() turning true to anonymise returning (informational)",
        ),
    ]
