"""The start page's read (issue 20, "Da fare") on a full data folder.

- ``worklist_sender``: ``read_worklist`` as the folder's own site (an Ambito: what it sent);
- ``worklist_cpi``: the same read on a copy of the folder made the PC of the CPI that receives
  most referrals (its settings written in the copy; the seeded folder is only read).

Baseline: the referral list's first page (count and first block, as the window read it on the
GUI thread when it opened on the list), on the same store. The start page reads off the GUI
thread, after the first paint; its figure is how long the page shows "reading" on a warm cache.
"""

from __future__ import annotations

from datetime import date

from tests.bench.runner import BenchContext, Figure, benchmark, copy_data_folder, median_ms

REPEATS = 7


@benchmark("worklist")
def worklist_read(context: BenchContext) -> list[Figure]:
    from desktop.domain.codes import SiteKind  # noqa: PLC0415
    from desktop.services.referrals.listing import (  # noqa: PLC0415
        ListReader,
        ReferralFilter,
        SortKey,
        first_page,
        plan_query,
    )
    from desktop.services.worklist import read_worklist  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.store.settings import SITE_CODE, SITE_KIND, set_setting  # noqa: PLC0415

    repeats = max(REPEATS, context.runs)
    today = date.today()
    figures: list[Figure] = []
    cpi_folder = copy_data_folder(context.seeded_data_dir(), context.scratch("worklist-cpi"))
    cpi_store = open_store(cpi_folder, create=False)
    try:
        with cpi_store.raw_write() as connection:
            code = connection.execute(
                "SELECT s.code FROM site s JOIN referral r ON r.job_centre_id = s.job_centre_id "
                "WHERE s.kind = 'cpi' AND r.status != 'draft' "
                "GROUP BY s.code ORDER BY count(*) DESC LIMIT 1"
            ).fetchone()[0]
            set_setting(connection, SITE_CODE, code)
            set_setting(connection, SITE_KIND, SiteKind.CPI.value)
    finally:
        cpi_store.dispose()

    for name, folder, who in (
        ("worklist_sender", context.seeded_data_dir(), "the folder's own Ambito"),
        ("worklist_cpi", cpi_folder, "the CPI receiving most referrals"),
    ):
        store = open_store(folder, create=False)
        reader = ListReader(store)
        plan = plan_query(ReferralFilter())
        try:
            found = read_worklist(store, today=today)  # warms the cache, as the baseline's
            baseline_ms = median_ms(
                lambda reader=reader, plan=plan: first_page(
                    reader,
                    plan,
                    sort=SortKey.CREATED_ON,
                    descending=True,
                    limit=100,
                    today=today,
                ),
                repeats,
            )
            value_ms = median_ms(lambda store=store: read_worklist(store, today=today), repeats)
        finally:
            reader.close()
            store.dispose()
        context.log(f"   {name}: {found.total:,} items in {len(found.sections)} sections")
        figures.append(
            Figure(
                name,
                value_ms,
                "ms",
                baseline=baseline_ms,
                note=(
                    f"median of {repeats} reads of every kind's count and first items as {who} "
                    f"({context.size:,} referrals, {found.total:,} items pending); baseline: the "
                    "referral list's first page (count and 100 rows), same store, warm cache"
                ),
            )
        )
    return figures
