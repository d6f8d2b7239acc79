"""The local Monitoraggio pages on a full data folder (issue 18: the Ambito's page over 100,000
referrals in under 300 ms).

- ``monitoring_sender``: ``sender_dashboard`` for the folder's own Ambito over every referral's
  period (from the first referral's date to the last: the widest page anyone can ask for);
- ``monitoring_sender_year`` and ``monitoring_sender_quarter``: this year so far, and the page
  as it opens, the current quarter so far (informational);
- ``monitoring_job_centre``: the page of the CPI that receives most referrals, over the same
  period (informational; counted on the same folder, the CPI named without writing settings).

Baseline: one raw ``SELECT track, status, count(*) ... GROUP BY`` over every live referral on
the store's own connection, the floor of any page that counts them all. The folder is the run's
seeded one, only read.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.bench.runner import BenchContext, Figure, Target, benchmark, median_ms

REPEATS = 7
MAX_SENDER_MS = 300.0


@benchmark("monitoring")
def monitoring_pages(context: BenchContext) -> list[Figure]:
    from desktop.domain.codes import SiteKind  # noqa: PLC0415
    from desktop.domain.monitoring import MonitoringFilter  # noqa: PLC0415
    from desktop.services.monitoring import default_filter, sender_dashboard  # noqa: PLC0415
    from desktop.services.monitoring.job_centre import (  # noqa: PLC0415
        build_job_centre_dashboard,
    )
    from desktop.services.monitoring.local import read_local  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(context.seeded_data_dir(), create=False)
    repeats = max(REPEATS, context.runs)
    today = date.today()
    try:
        local = read_local(store)
        with store.raw_read() as connection:
            first, last, total = connection.execute(
                "SELECT min(created_on), max(created_on), count(*) FROM referral WHERE deleted = 0"
            ).fetchone()
            own = connection.execute(
                "SELECT count(*) FROM referral WHERE deleted = 0 AND sending_site = ?",
                (local.site_code,),
            ).fetchone()[0]
            centre, received = connection.execute(
                "SELECT job_centre_id, count(*) FROM referral WHERE deleted = 0 "
                "AND status != 'draft' GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
            ).fetchone()
        whole = MonitoringFilter(date.fromisoformat(first), date.fromisoformat(last))

        def baseline_query() -> None:
            with store.raw_read() as connection:
                connection.execute(
                    "SELECT track, status, count(*) FROM referral WHERE deleted = 0 GROUP BY 1, 2"
                ).fetchall()

        cpi = replace(local, site_kind=SiteKind.CPI, job_centre_id=centre)
        sender_dashboard(store, whole, today=today)  # warm the page cache as a user's first look
        baseline = median_ms(baseline_query, repeats)
        sender_ms = median_ms(lambda: sender_dashboard(store, whole, today=today), repeats)
        year = MonitoringFilter(date(today.year, 1, 1), today)
        year_ms = median_ms(lambda: sender_dashboard(store, year, today=today), repeats)
        quarter_ms = median_ms(
            lambda: sender_dashboard(store, default_filter(today), today=today), repeats
        )
        centre_ms = median_ms(
            lambda: build_job_centre_dashboard(store, whole, today=today, local=cpi), repeats
        )
    finally:
        store.dispose()
    note = (
        f"median of {repeats} runs; {total:,} live referrals, {own:,} sent by this PC's site, "
        f"{first} to {last}; baseline: one raw GROUP BY over every live referral"
    )
    return [
        Figure(
            "monitoring_sender",
            sender_ms,
            "ms",
            baseline=baseline,
            target=Target("value", "<", MAX_SENDER_MS),
            note=f"the sender's page over the whole period; {note}",
        ),
        Figure(
            "monitoring_sender_year",
            year_ms,
            "ms",
            baseline=baseline,
            note=f"the sender's page for this year so far; {note}",
        ),
        Figure(
            "monitoring_sender_quarter",
            quarter_ms,
            "ms",
            baseline=baseline,
            target=Target("value", "<", MAX_SENDER_MS),
            note=f"the page as it opens (the quarter so far); {note}",
        ),
        Figure(
            "monitoring_job_centre",
            centre_ms,
            "ms",
            baseline=baseline,
            note=f"the page of the CPI with most referrals ({received:,}); {note}",
        ),
    ]
