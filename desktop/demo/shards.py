"""The rows of demo persons and referrals, built shard by shard, possibly in other processes.

A shard is a fixed slice of the planned persons with its own random stream, so the data do not
depend on how many processes build them: one process builds the shards in turn, a pool builds
them side by side while the caller writes the finished ones, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import random
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from itertools import islice

from desktop.demo.bulk import Batch, BulkWriter
from desktop.demo.distributions import Draw
from desktop.demo.people import PersonBuilder, persons_table
from desktop.demo.reference import DemoReference
from desktop.demo.referrals import ReferralBuilder, ReferralTables
from desktop.demo.seeding import ReferralSummary
from desktop.demo.timeline import Plan
from desktop.demo.world import World

SHARD_GROUPS = 5000  # persons per shard: about 6,000 referrals and 55,000 rows


@dataclass(frozen=True)
class ShardJob:
    stream: str  # seeds the shard's own random numbers and identifiers
    reference: DemoReference
    today: date
    groups: list[list[Plan]]  # planned referrals, one list per person
    pause_collector: bool = False  # see without_cycle_collector: pays off for big loads only


@dataclass(frozen=True)
class ShardResult:
    batch: Batch
    summaries: list[ReferralSummary]


class Ids:
    """Version-4 UUID strings drawn from a seeded generator, so that a seed gives the same ids.

    Random like the application's own, so that indexes have the shape real data give them.
    """

    def __init__(self, rng: random.Random) -> None:
        self._bits = rng.getrandbits

    def __call__(self) -> str:
        bits = self._bits(128)
        h = "%032x" % bits  # noqa: UP031 - the fastest formatting on this hot path
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[bits & 3]}{h[17:20]}-{h[20:]}"


@contextmanager
def without_cycle_collector() -> Iterator[None]:
    """A load allocates millions of small acyclic objects while 100,000 plans stay alive; the
    cycle collector would rescan those plans again and again (a fifth of the build time).
    Reference counting still frees everything the load creates."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_shard(job: ShardJob) -> ShardResult:
    """Every row of the shard's persons, referrals, events, handling, actions and notices."""
    with without_cycle_collector() if job.pause_collector else nullcontext():
        draw = Draw(random.Random(job.stream))
        ids = Ids(random.Random(f"ids:{job.stream}"))
        world = World(job.reference, job.today)
        persons_rows = persons_table()
        tables = ReferralTables()
        people = PersonBuilder(draw, ids, world, persons_rows)
        referrals = ReferralBuilder(draw, ids, world, tables)
        for group in job.groups:
            site = world.sending_site(draw)
            # A few live outside their sender's Ambito (moved since, or live near its border).
            pick_residence = world.residence[site] if draw.chance(0.95) else world.any_residence
            residence = pick_residence(draw)
            operator = _sender(draw, world, site)
            person = people.add(group, site=site, operator=operator[0], residence=residence)
            for plan in group:
                referrals.add(plan, person, site=site, operator=operator, residence=residence)
        # Persons first: a referral's row needs its person, and so does its search entry.
        batch = BulkWriter([persons_rows, *tables.in_insert_order()]).take()
        return ShardResult(batch, referrals.summaries)


class ShardBuilders:
    """Builds shards in this process, or in ``processes`` workers started on entry.

    Entering early lets the workers start (half a second each) while the caller plans. Results
    come in job order, and at most a few wait in memory: a job starts when one is taken.
    """

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ShardBuilders:
        if self.processes > 1:
            # "spawn" everywhere: forking a process with threads (a GUI's, say) can deadlock.
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
            )
            for _ in range(self.processes):
                self._pool.submit(_started)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def results(self, jobs: Sequence[ShardJob]) -> Iterator[ShardResult]:
        pool = self._pool
        if pool is None:
            for job in jobs:
                yield build_shard(job)
            return
        waiting = iter(jobs)
        running: deque[Future[ShardResult]] = deque(
            pool.submit(build_shard, job) for job in islice(waiting, self.processes + 1)
        )
        try:
            while running:
                result = running.popleft().result()
                following = next(waiting, None)
                if following is not None:
                    running.append(pool.submit(build_shard, following))
                yield result
        finally:
            for future in running:
                future.cancel()


def _started() -> None:
    """Run once by each worker as it starts: importing this module is the point."""


def _sender(draw: Draw, world: World, site: str) -> tuple[str, str]:
    """The operator who writes the referral: at the local site, half the time its own user."""
    operators = world.operators[site]
    if site == world.local_site and draw.chance(0.5):
        for operator in operators:
            if operator.username == world.local_operator:
                return operator.username, operator.full_name
    operator = draw.one_of(operators)
    return operator.username, operator.full_name
