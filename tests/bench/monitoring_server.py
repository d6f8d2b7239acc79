"""The Province's dashboard fetched from the real server over loopback (issue 18: under 1 s).

Set-up (untimed), as ``tests.bench.sync`` does it: ``trama-server init-demo`` and ``serve`` on
SQLite; a PC of the Ambito di Somma Lombardo seeds ``--size`` referrals (100,000) with their
events and handlings, loaded straight into the server's tables; the Province's PC enrolls.

Timed: ``fetch_province_dashboard`` for five years of quarters (the request, the server's
counting and disclosure control, the answer's transfer and the conversion into a Dashboard):
the first after the 100,000 referrals were loaded (it reads the whole network once, see
``sync.server.monitoring._Snapshot``; a restarted worker reads it before its first request),
then repeated, then the first after 100 referrals took new revisions (as a sync of changes
leaves them). Each figure against a trivial authenticated GET (``/digest`` of the Province's
scope: the same transport, token check and version gate, next to no work) in the same run;
``/aggregates`` (the same protected tables over every quarter) is reported beside them.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from sqlalchemy import select

from desktop.demo.seed import seed_demo
from desktop.domain.monitoring import MonitoringFilter
from desktop.services.monitoring.province import fetch_province_dashboard
from sync.client.engine import open_transport
from sync.protocol import AggregatesResponse, DigestResponse
from sync.server.db import Record, ServerDB, next_revisions
from tests.bench.runner import BenchContext, Figure, Target, benchmark
from tests.bench.sync import SITE, _bench_keyring, load_into_server, new_office
from tests.sync.e2e.live import running_server

PROVINCE = "PROVINCIA-VA"
CHANGED_REFERRALS = 100
DASHBOARD_LIMIT_S = 1.0
MIN_RUNS = 7


def _timed(call: object, runs: int) -> list[float]:
    assert callable(call)
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def _touch_referrals(db_url: str, count: int) -> int:
    db = ServerDB(db_url)
    try:
        with db.write() as session:
            rows = list(
                session.scalars(select(Record).where(Record.table_name == "referral").limit(count))
            )
            for revision, record in zip(next_revisions(session, len(rows)), rows, strict=True):
                record.revision = revision
    finally:
        db.dispose()
    return len(rows)


@benchmark("monitoring_server")
def monitoring_server(context: BenchContext) -> list[Figure]:
    folder = context.scratch("monitoring-server")
    today = date.today()
    period = MonitoringFilter(start=date(today.year - 4, 1, 1), end=today)
    runs = max(context.runs, MIN_RUNS)
    with (
        _bench_keyring(),
        running_server(f"sqlite:///{folder / 'server.sqlite'}", folder) as server,
    ):
        source = new_office(folder / "source", server).enroll(SITE)
        source.sync()
        context.log(f"seeding {context.size} referrals for the server (untimed)")
        seed_demo(source.store, referrals=context.size, seed=context.seed, today=today)
        loaded = load_into_server(source, server)
        context.log(f"{loaded} records loaded into the server (untimed)")
        source.close()
        province = new_office(folder / "province", server).enroll(PROVINCE)
        province.sync()

        # The first fetch after a change reads the network (the server keeps it until the next
        # committed revision): timed on its own.
        started = time.perf_counter()
        dashboard = fetch_province_dashboard(province.store, period)
        cold_s = time.perf_counter() - started
        counted = int(dashboard.figure("totale").value.amount or 0)
        fetched = _timed(lambda: fetch_province_dashboard(province.store, period), runs)
        # A sync of 100 changed referrals, as the server stores it: new revisions.
        touched = _touch_referrals(server.db_url, CHANGED_REFERRALS)
        started = time.perf_counter()
        fetch_province_dashboard(province.store, period)
        after_change_s = time.perf_counter() - started
        with open_transport(province.store) as transport:
            transport.get("/digest", DigestResponse)
            trivial = _timed(lambda: transport.get("/digest", DigestResponse), runs)
            whole = _timed(lambda: transport.get("/aggregates", AggregatesResponse), runs)
        province.close()

    median = statistics.median(fetched)
    return [
        Figure(
            "monitoring: Province dashboard from the server",
            median,
            "s",
            baseline=statistics.median(trivial),
            target=Target("value", "<", DASHBOARD_LIMIT_S),
            note=f"median of {runs} fetches over loopback, {counted:,} referrals in the "
            f"period (max {max(fetched):.3f} s); baseline: an authenticated GET /digest",
        ),
        Figure(
            f"monitoring: first fetch after {touched} referrals changed",
            after_change_s,
            "s",
            baseline=statistics.median(trivial),
            target=Target("value", "<", DASHBOARD_LIMIT_S),
            note="the server reads again only the referrals whose row, events or handling "
            "took a new revision",
        ),
        Figure(
            "monitoring: first fetch after the whole network was loaded (informational)",
            cold_s,
            "s",
            baseline=statistics.median(trivial),
            note="the worker reads every referral, its latest event and its handling once",
        ),
        Figure(
            "monitoring: /aggregates (informational)",
            statistics.median(whole),
            "s",
            baseline=statistics.median(trivial),
            note=f"median of {runs}: the same protected tables over every quarter",
        ),
    ]
