"""The Persone page on 50,000 persons (issue 20: no row cap, and the page stays responsive).

A data folder of its own: the demo's reference data, a small demo seed, then copies of its
persons up to ``TRAMA_BENCH_PERSONS`` (50,000) written raw, untimed. The page runs in this
process, offscreen. Each round builds a new ``PersonsPage`` and times:

- ``persons_first_block``: from creating the page to the first block on screen (the part
  read on the GUI thread); baseline: a bare ``sqlite3`` read of those 200 rows.
- ``persons_all_listed``: until every person is in the list, read and ranked by name on a
  worker thread; baseline: a bare ``sqlite3`` read of the same rows (the same columns, the
  same order), into tuples.
- ``persons_gui_stall_max``: the longest time the GUI thread did not run its event loop
  meanwhile (a 5 ms timer's longest gap, or the page's construction), the responsiveness an
  operator feels; baseline: the same timer's longest gap while the bare read runs on a
  thread (on a shared machine the gaps are mostly other processes' doing: the ratio says
  what the page adds).
- ``persons_sort_birth_date``: a click on "Nato il" with every person listed (a rank per
  person made, then the order); baseline: the same bare read.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from datetime import date
from pathlib import Path

from tests.bench.runner import BenchContext, Figure, Target, benchmark
from tests.bench.stores import connect, prepare_new_folder

PERSONS = int(os.environ.get("TRAMA_BENCH_PERSONS", "50000"))
ROUNDS = 3
MAX_STALL_MS = 150.0
_LIST_SQL = (
    "SELECT id, fiscal_code, last_name, first_name, birth_date, restricted FROM person "
    "WHERE deleted = 0 AND restricted = 0 ORDER BY search_name, id"
)


def _folder(context: BenchContext) -> Path:
    """A data folder of ``PERSONS`` persons with demo names (untimed)."""
    from desktop.demo.reference import install_demo_reference  # noqa: PLC0415
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from tests.ui.persons_bulk import add_persons  # noqa: PLC0415

    folder = context.scratch("persons")
    prepare_new_folder(folder)
    store = open_store(folder)
    try:
        install_demo_reference(store)
        seed_demo(store, referrals=500, seed=context.seed)
        with store.raw_read() as connection:
            names = connection.execute("SELECT last_name, first_name FROM person").fetchall()
            have = len(names)
        wanted = max(0, PERSONS - have)
        copies = [names[number % len(names)] for number in range(wanted)]
        add_persons(store, copies, born=date(1960, 1, 1))
    finally:
        store.dispose()
    return folder


def _bare_read(folder: Path, limit: int | None = None) -> float:
    connection = connect(folder)
    try:
        started = time.perf_counter()
        sql = _LIST_SQL if limit is None else f"{_LIST_SQL} LIMIT {limit}"
        rows = [tuple(row) for row in connection.execute(sql)]
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        connection.close()
    assert rows
    return elapsed


@benchmark("persons_list")
def persons_list(context: BenchContext) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.persons.list_model import FIRST_BLOCK  # noqa: PLC0415
    from desktop.ui.persons.page import PersonsPage  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    folder = _folder(context)
    store = open_store(folder, create=False)
    first, every, stalls, sorts, bare_first, bare_all, bare_stalls = [], [], [], [], [], [], []
    listed = 0
    try:
        for _round in range(ROUNDS):
            bare_first.append(_bare_read(folder, FIRST_BLOCK))
            bare_all.append(_bare_read(folder))
            ticks = QElapsedTimer()
            longest = [0.0]

            def tick(clock: QElapsedTimer = ticks, worst: list[float] = longest) -> None:
                worst[0] = max(worst[0], clock.nsecsElapsed() / 1e6)
                clock.restart()

            timer = QTimer()
            timer.setInterval(5)
            timer.timeout.connect(tick)
            # The baseline's stall: the bare read on a thread, the event loop ticking.
            reader = threading.Thread(target=_bare_read, args=(folder,))
            ticks.start()
            timer.start()
            reader.start()
            while reader.is_alive():
                app.processEvents()
            reader.join()
            timer.stop()
            bare_stalls.append(longest[0])
            longest[0] = 0.0

            started = time.perf_counter()
            page = PersonsPage(store, today=date.today)
            first.append((time.perf_counter() - started) * 1000)
            ticks.start()
            timer.start()
            while page.model.loading:
                app.processEvents()
            every.append((time.perf_counter() - started) * 1000)
            timer.stop()
            stalls.append(max(longest[0], first[-1]))
            listed = page.model.rowCount()
            sorting = time.perf_counter()
            page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
            sorts.append((time.perf_counter() - sorting) * 1000)
            page.model.close()
            page.deleteLater()
            app.processEvents()
    finally:
        store.dispose()

    note = f"{listed:,} persons listed, median of {ROUNDS} rounds"
    bare = statistics.median(bare_all)
    return [
        Figure(
            "persons_first_block",
            statistics.median(first),
            "ms",
            baseline=statistics.median(bare_first),
            note=note,
        ),
        Figure("persons_all_listed", statistics.median(every), "ms", baseline=bare, note=note),
        Figure(
            "persons_gui_stall_max",
            statistics.median(stalls),
            "ms",
            baseline=statistics.median(bare_stalls),
            target=Target("value", "<", MAX_STALL_MS),
            note=note,
        ),
        Figure("persons_sort_birth_date", statistics.median(sorts), "ms", baseline=bare, note=note),
    ]
