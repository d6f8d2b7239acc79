"""Deterministic demo data at any volume: persons, referrals with their history, projects,
meetings.

``seed_demo`` draws everything from seeded ``random.Random`` streams and dates everything from
``today``, so a seed and a day always give the same records on a new data folder. Referrals,
persons and the rows hanging off them are built as plain tuples (``desktop.demo.shards``, in
worker processes for big loads) and written with ``executemany`` through the DBAPI connection
of one write transaction (``desktop.demo.bulk``): 100,000 referrals take well under a minute
on a two-core office PC. Projects and meetings are few and go through the ORM
(``desktop.demo.network``).
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain, repeat

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.demo.bulk import (
    indexes_suspended,
    referral_search_suspended,
    sqlite_connection,
    write_batch,
)
from desktop.demo.distributions import Draw
from desktop.demo.network import seed_network
from desktop.demo.people import make_fiscal_codes_unique
from desktop.demo.reference import ENROLLED_SETTING, DemoReference, install_demo_reference
from desktop.demo.seeding import ReferralSummary
from desktop.demo.shards import (
    SHARD_GROUPS,
    Ids,
    ShardBuilders,
    ShardJob,
    ShardResult,
    without_cycle_collector,
)
from desktop.demo.timeline import Plan, number_plans, plan_groups
from desktop.domain.codes import SiteKind
from desktop.domain.lifecycle import RULES, Party
from desktop.services import installation
from desktop.services.errors import NotAllowedError
from desktop.services.referrals.numbers import last_sequence, this_pc_series
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    PathAction,
    Person,
    PrivacyAcknowledgement,
    Referral,
    ReferralEvent,
    ReferralHandling,
)
from desktop.store.raw import set_cache_size

# The load runs in one transaction; a page cache this big (KiB) keeps the indexes in memory.
BULK_CACHE_KIB = 200_000
# From this size (and more than the folder holds) the load rebuilds the indexes (a sort of
# each whole table) and pauses the cycle collector: both pay off for big loads only.
_BIG_LOAD = 5_000  # referrals
# Worker processes cost half a second each to start; below this size one process is faster.
_PROCESSES_FROM = 20_000  # referrals


@dataclass(frozen=True)
class SeedSummary:
    persons: int
    referrals: int
    events: int
    handlings: int
    path_actions: int
    privacy_acknowledgements: int
    projects: int
    meetings: int
    elapsed_seconds: float


def seed_demo(
    store: Store,
    *,
    referrals: int = 300,
    seed: int = 1,
    today: date | None = None,
    processes: int | None = None,
    cpi_history: bool = False,
    to_enroll: bool = False,
) -> SeedSummary:
    """Add ``referrals`` demo referrals with their persons, 8 projects and 15 meetings.

    Installs the demo configuration first when it is missing. In a folder enrolled with the
    provincial server only this Ambito's side of each referral is written, unless
    ``cpi_history`` (``trama --demo``): then the CPI's side is written too, as this PC would
    have received it (rows of the CPI, nothing to send), so that the demo shows the whole
    lifecycle on the Ambito's PC. ``to_enroll``: the folder is about to be enrolled (``trama
    --demo`` opens its window first): it is seeded as an enrolled one, with this site's own
    referrals only. Called again on the same data
    folder it adds more data, with new numbers, people and identifiers.

    ``processes`` builds the rows in that many worker processes (None: one per CPU for big
    loads, none for small ones; the data are the same either way). Workers are started with
    "spawn", so a script that calls this needs the usual ``if __name__ == "__main__":`` guard.
    """
    if referrals < 0:
        raise ValueError("referrals must not be negative")
    check_seedable(store)
    started = time.perf_counter()
    today = today or date.today()
    reference = install_demo_reference(store)
    if to_enroll:
        reference = replace(reference, enrolled=True)
    with store.read() as session:
        existing = session.scalar(select(func.count()).select_from(Referral)) or 0
        taken_codes = set(session.scalars(select(Person.fiscal_code)))
    # A second load into the same folder must not repeat the first one's people and ids.
    stream = str(seed) if existing == 0 else f"{seed}:{existing}"
    rng = random.Random(stream)
    workers = _processes(referrals) if processes is None else processes
    big = referrals >= max(existing, _BIG_LOAD)
    with without_cycle_collector() if big else nullcontext(), ShardBuilders(workers) as builders:
        groups = plan_groups(Draw(rng), today, referrals)
        if reference.enrolled and not cpi_history:
            _stop_before_the_cpi(groups)
        with store.write() as session:
            series = this_pc_series(session)
            number_plans(groups, _last_numbers(session, series), series)
            jobs = _jobs(groups, stream, reference, today, pause_collector=big)
            del groups
            written, summaries = _write_referrals(
                session,
                builders.results(jobs),
                taken_codes,
                rebuild_indexes=big,
            )
            projects, meetings = seed_network(
                session,
                rng=rng,
                reference=reference,
                today=today,
                referrals=summaries,
                new_id=Ids(random.Random(f"ids:{stream}:network")),
            )
    return SeedSummary(
        persons=written[Person.__tablename__],
        referrals=written[Referral.__tablename__],
        events=written[ReferralEvent.__tablename__],
        handlings=written[ReferralHandling.__tablename__],
        path_actions=written[PathAction.__tablename__],
        privacy_acknowledgements=written[PrivacyAcknowledgement.__tablename__],
        projects=projects,
        meetings=meetings,
        elapsed_seconds=time.perf_counter() - started,
    )


def check_seedable(store: Store) -> None:
    """Refuse (``NotAllowedError``) a folder enrolled with the provincial server that is not an
    Ambito's, or that has not received the reference data yet: demo referrals there would
    belong to a site that does not send referrals, or point at rows the server does not have."""
    settings = installation.get_settings(store)
    if not settings.get(ENROLLED_SETTING):
        return
    site = settings.get(installation.SITE_CODE, "")
    kind = settings.get(installation.SITE_KIND, "")
    if kind == SiteKind.CPI.value:
        raise NotAllowedError(
            f"Questa cartella dati è registrata per il centro per l'impiego {site}: i dati "
            "dimostrativi si generano nella cartella di un Ambito, che invia le segnalazioni; "
            "il centro per l'impiego le riceve con la sincronizzazione."
        )
    if kind != SiteKind.AMBITO.value:
        raise NotAllowedError(
            f"Questa cartella dati è registrata per la sede {site} della Provincia, che vede solo "
            "dati aggregati: i dati dimostrativi si generano nella cartella di un Ambito."
        )
    with store.read() as session:
        received = session.scalar(
            select(Ambito.id).where(Ambito.server_revision.is_not(None)).limit(1)
        )
    if received is None:
        raise NotAllowedError(
            "Questa cartella dati è registrata presso il server provinciale ma non ne ha ancora "
            "ricevuto i dati di riferimento: sincronizzare (trama sync) e ripetere."
        )


def _jobs(
    groups: list[list[Plan]],
    stream: str,
    reference: DemoReference,
    today: date,
    *,
    pause_collector: bool,
) -> list[ShardJob]:
    """Shards of fixed sizes, the first ones small so that writing starts early."""
    jobs: list[ShardJob] = []
    start = 0
    sizes = chain((SHARD_GROUPS // 10, SHARD_GROUPS // 3), repeat(SHARD_GROUPS))
    for size in sizes:
        if start >= len(groups):
            break
        shard = groups[start : start + max(size, 1)]
        jobs.append(ShardJob(f"{stream}:shard:{start}", reference, today, shard, pause_collector))
        start += len(shard)
    return jobs


def _processes(referrals: int) -> int:
    if referrals < _PROCESSES_FROM or getattr(sys, "frozen", False):
        # A frozen build would need multiprocessing.freeze_support() in its entry point.
        return 1
    return os.cpu_count() or 1


def _write_referrals(
    session: Session,
    results: Iterator[ShardResult],
    taken_codes: set[str],
    *,
    rebuild_indexes: bool,
) -> tuple[Counter[str], list[ReferralSummary]]:
    connection = sqlite_connection(session)
    set_cache_size(connection, BULK_CACHE_KIB)
    written: Counter[str] = Counter()
    summaries: list[ReferralSummary] = []
    tables = [
        model.__tablename__
        for model in (Person, Referral, ReferralEvent, ReferralHandling, PathAction,
                      PrivacyAcknowledgement)
    ]  # fmt: skip
    with (
        indexes_suspended(connection, tables) if rebuild_indexes else nullcontext(),
        referral_search_suspended(connection),
    ):
        for result in results:
            for table, _sql, rows in result.batch:
                if table == Person.__tablename__:
                    make_fiscal_codes_unique(rows, taken_codes)
                written[table] += len(rows)
            write_batch(connection, result.batch)
            summaries.extend(result.summaries)
    return written, summaries


# Sync issue: in a folder enrolled with the provincial server the seed writes only what this
# site does itself; what a CPI would do next is the CPI's, made on its own PC and synced.
_CPI_STATUSES = frozenset(
    rule.target for rule in RULES.values() if rule.performed_by is Party.RECIPIENT
)


def _stop_before_the_cpi(groups: list[list[Plan]]) -> None:
    for plan in (plan for group in groups for plan in group):
        for index, status in enumerate(plan.statuses):
            if status in _CPI_STATUSES:
                del plan.statuses[index:], plan.times[index:]
                break


def _last_numbers(session: Session, series: str) -> dict[int, int]:
    """The last sequence drawn in each year in this PC's series (referral_numbers)."""
    years = session.scalars(select(func.substr(Referral.number, 1, 4)).distinct())
    last = {
        year: last_sequence(session, year, series) for year in map(int, filter(str.isdigit, years))
    }
    return {year: sequence for year, sequence in last.items() if sequence}
