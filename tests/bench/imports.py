"""Imports from Excel (issue 19): a 20,000-row referrals workbook, dry run and commit.

Set-up (untimed): a workbook of ``ROWS`` referrals as an Ambito keeps them (a title row above
the header, fake Italian people with valid codici fiscali, NEET and CMD tracks, dates as date
cells), built once; a new data folder with the Province's reference data
(``install_demo_reference``), copied afresh for each measuring process.

Each figure comes from a child process of its own (``python -m tests.bench.imports MODE ...``),
so that the peak RSS is the import's own and no run warms the next:

- ``service``: ``inspect_source`` + ``read_table``, ``suggest_mapping``, ``dry_run``,
  ``commit_import``, each timed; the progress calls' timestamps (the longest gap between two,
  counting the start and the end of each step); ``ru_maxrss`` at the end.
- ``baseline``: what any import must at least do, in the same run: openpyxl reading the same
  workbook bare (read-only, every cell's value), and raw ``sqlite3`` inserts into the same
  encrypted store of as many persons, referrals and provenance rows, in one transaction; its
  ``ru_maxrss`` is the memory baseline.
- ``gui``: the wizard itself (offscreen) reads the file, runs the dry run and the commit while a
  ``QTimer`` ticks every 10 ms on the GUI thread; the longest interval between two ticks during
  each job is the GUI's longest stall. Its baseline is the same timer's longest interval over the
  wizard idle for as long. Then the dry run's table is scrolled to 200 random places: the
  slowest repaint.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.bench.runner import REPO_ROOT, BenchContext, Figure, Target, benchmark

ROWS = 20_000
DRY_RUN_GOAL_S = 20.0
COMMIT_GOAL_S = 30.0
RSS_GOAL_MB = 400.0
PROGRESS_GAP_GOAL_S = 1.0
STALL_GOAL_MS = 100.0
TICK_MS = 10
CHILD_TIMEOUT_S = 900
TODAY = date(2026, 11, 27)

HEADER = (
    "N. pratica",
    "Cognome",
    "Nome",
    "Sesso",
    "Data di nascita",
    "Comune di nascita",
    "Codice fiscale",
    "Comune di residenza",
    "Indirizzo",
    "Telefono",
    "Percorso",
    "Data della segnalazione",
    "Servizio inviante",
    "Operatore inviante",
    "Motivo della segnalazione",
    "Data dell'informativa privacy",
    "Bisogni",
    "Senza lavoro dal",
    "Percorso GOL",
)
# Comuni of the province (cadastral code, name as an office writes it).
COMUNI = (
    ("L682", "Varese"),
    ("B300", "Busto Arsizio"),
    ("D869", "Gallarate"),
    ("I441", "Saronno"),
    ("E734", "Luino"),
    ("I819", "Somma Lombardo"),
)
REASONS = (
    "Giovane fuori da scuola e lavoro da oltre un anno, chiede orientamento.",
    "Ha lasciato la scuola superiore al terzo anno; cerca un tirocinio.",
    "Disoccupato da due anni dopo la chiusura dell'azienda, chiede un percorso.",
    "Segue il servizio sociale per il sostegno al reddito; disponibile al lavoro.",
)
SERVICES = ("Servizio sociale di base", "Servizio minori e famiglia", "Servizio inserimenti")
STREETS = ("Roma", "Milano", "Garibaldi", "Mazzini", "Dante")
OPERATORS = ("Anna Colombo", "Marco Ferrari", "Giulia Bianchi", "Luca Galli")


def referral_rows(count: int, *, seed: int) -> list[list[Any]]:
    """``count`` distinct fake referrals under ``HEADER`` (not included): young people for the
    NEET track (15-29 years old on ``TODAY``), each with a valid codice fiscale."""
    from desktop.demo.names import (  # noqa: PLC0415
        ITALIAN_FEMALE_FIRST_NAMES,
        ITALIAN_MALE_FIRST_NAMES,
        ITALIAN_SURNAMES,
    )
    from desktop.domain.fiscal_code import encode_fiscal_code  # noqa: PLC0415

    rng = random.Random(seed)
    rows: list[list[Any]] = []
    seen: set[str] = set()
    youngest = TODAY.replace(year=TODAY.year - 16).toordinal()
    oldest = TODAY.replace(year=TODAY.year - 28).toordinal()
    while len(rows) < count:
        sex = rng.choice("FM")
        last = rng.choice(ITALIAN_SURNAMES)
        first = rng.choice(ITALIAN_FEMALE_FIRST_NAMES if sex == "F" else ITALIAN_MALE_FIRST_NAMES)
        born = date.fromordinal(rng.randrange(oldest, youngest))
        place_code, place = rng.choice(COMUNI)
        code = encode_fiscal_code(
            last_name=last, first_name=first, sex=sex, birth_date=born, birthplace_code=place_code
        )
        if code in seen:
            continue
        seen.add(code)
        sent = TODAY - timedelta(days=rng.randrange(30, 700))
        rows.append(
            [
                f"{sent.year}/{len(rows) + 1:05d}",
                last.upper() if rng.random() < 0.3 else last,
                first,
                sex,
                born,
                place,
                code.lower() if rng.random() < 0.1 else code,
                rng.choice(COMUNI)[1],
                f"Via {rng.choice(STREETS)} {rng.randrange(1, 90)}",
                f"3{rng.randrange(10**8, 10**9)}",
                "Garanzia Giovani",
                sent,
                rng.choice(SERVICES),
                rng.choice(OPERATORS),
                rng.choice(REASONS),
                sent - timedelta(days=rng.randrange(0, 20)),
                "orientamento; motivazione",
                sent - timedelta(days=rng.randrange(120, 900)),
                rng.randrange(1, 5),
            ]
        )
    return rows


def build_workbook(path: Path, count: int, *, seed: int) -> Path:
    """The office's workbook, written in openpyxl's write-only mode (a title row first)."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Segnalazioni 2024-2026")
    sheet.append(["Ambito di Somma Lombardo - segnalazioni ai CPI"])
    sheet.append([])
    sheet.append(list(HEADER))
    for row in referral_rows(count, seed=seed):
        cells = []
        for value in row:
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD/MM/YYYY"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(path)
    return path


def new_data_folder(folder: Path) -> Path:
    """A new demo folder holding only the Province's reference data, as an office starts."""
    from desktop.demo.reference import install_demo_reference  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from tests.bench.stores import prepare_new_folder  # noqa: PLC0415

    prepare_new_folder(folder)
    store = open_store(folder)
    try:
        install_demo_reference(store)
    finally:
        store.dispose()
    return folder


def peak_rss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / (1024 * 1024)


def longest_gap(start: float, marks: list[float], end: float) -> float:
    moments = [start, *marks, end]
    return max(b - a for a, b in itertools.pairwise(moments))


# ---------------------------------------------------------------- the child processes


def child_service(data_dir: Path, workbook: Path) -> dict[str, Any]:
    from desktop.services.imports import commit, fields, plan, sources  # noqa: PLC0415
    from desktop.services.imports.model import ImportKind, RowVerdict  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(data_dir)
    actor = current_actor(store)
    marks: list[float] = []

    def progress(done: int, total: int) -> None:
        marks.append(time.perf_counter())

    started = time.perf_counter()
    info = sources.inspect_source(workbook)
    table = sources.read_table(workbook, None, source=info, progress=progress)
    read_end = time.perf_counter()
    read_gap = longest_gap(started, marks, read_end)
    mapping = fields.suggest_mapping(ImportKind.REFERRALS, table.headers)
    marks = []
    planned_start = time.perf_counter()
    planned = plan.dry_run(store, table, mapping, actor=actor, today=TODAY, progress=progress)
    planned_end = time.perf_counter()
    dry_gap = longest_gap(planned_start, marks, planned_end)
    counts = {verdict.value: planned.count(verdict) for verdict in RowVerdict}
    marks = []
    commit_start = time.perf_counter()
    outcome = commit.commit_import(store, planned, actor=actor, progress=progress)
    commit_end = time.perf_counter()
    commit_gap = longest_gap(commit_start, marks, commit_end)
    store.dispose()
    return {
        "rows": len(table.rows),
        "read_s": read_end - started,
        "dry_run_s": planned_end - planned_start,
        "commit_s": commit_end - commit_start,
        "read_gap_s": read_gap,
        "dry_run_gap_s": dry_gap,
        "commit_gap_s": commit_gap,
        "counts": counts,
        "created": outcome.created,
        "unmapped": list(planned.unmapped),
        "issues": sorted({i.message for r in planned.rows[:200] for i in r.issues})[:5],
        "peak_rss_mb": peak_rss_mb(),
    }


def child_baseline(data_dir: Path, workbook: Path, rows: int) -> dict[str, Any]:
    from openpyxl import load_workbook  # noqa: PLC0415

    from tests.bench.stores import connect  # noqa: PLC0415

    started = time.perf_counter()
    book = load_workbook(workbook, read_only=True, data_only=True)
    cells = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += sum(1 for value in row if value is not None)
    book.close()
    read_s = time.perf_counter() - started

    connection = connect(data_dir)
    try:
        connection.execute(
            "CREATE TABLE bench_person (id TEXT PRIMARY KEY, fiscal_code TEXT UNIQUE, "
            "last_name TEXT, first_name TEXT, sex TEXT, birth_date TEXT, birthplace TEXT, "
            "municipality TEXT, address TEXT, phone TEXT)"
        )
        connection.execute(
            "CREATE TABLE bench_referral (id TEXT PRIMARY KEY, person_id TEXT, track TEXT, "
            "created_on TEXT, service TEXT, operator TEXT, reason TEXT, privacy_on TEXT, "
            "needs TEXT, out_of_work_since TEXT, gol INTEGER)"
        )
        connection.execute(
            "CREATE TABLE bench_provenance (source_key TEXT PRIMARY KEY, record_id TEXT, "
            "file_sha256 TEXT, row INTEGER, row_digest TEXT)"
        )
        people = [
            (f"p{n}", f"CF{n:014d}", "Rossi", "Maria", "F", "2001-04-03", "L682", "L682",
             "Via Roma 1", "3330000000")
            for n in range(rows)
        ]  # fmt: skip
        referrals = [
            (f"r{n}", f"p{n}", "neet", "2025-03-01", "Servizio sociale di base", "Anna Colombo",
             REASONS[0], "2025-02-20", '["orientation"]', "2024-06-01", 2)
            for n in range(rows)
        ]  # fmt: skip
        provenance = [(f"k{n}", f"r{n}", "0" * 64, n + 4, "1" * 64) for n in range(rows)]
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(f"INSERT INTO bench_person VALUES ({','.join('?' * 10)})", people)
        connection.executemany(
            f"INSERT INTO bench_referral VALUES ({','.join('?' * 11)})", referrals
        )
        connection.executemany("INSERT INTO bench_provenance VALUES (?,?,?,?,?)", provenance)
        connection.execute("COMMIT")
        insert_s = time.perf_counter() - started
    finally:
        connection.close()
    return {
        "openpyxl_read_s": read_s,
        "cells": cells,
        "raw_insert_s": insert_s,
        "peak_rss_mb": peak_rss_mb(),
    }


def child_gui(data_dir: Path, workbook: Path) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.imports.wizard import STEP_DONE, STEP_RESULT, ImportWizard  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    store = open_store(data_dir)
    wizard = ImportWizard(store, today=lambda: TODAY)
    wizard.confirm_commit = lambda count: True  # type: ignore[method-assign]
    wizard.show()
    clock = QElapsedTimer()
    clock.start()
    state = {"last": 0, "longest": 0, "at": 0, "start": 0}

    def tick() -> None:
        now = clock.elapsed()
        if now - state["last"] > state["longest"]:
            state["longest"] = now - state["last"]
            state["at"] = state["last"] - state["start"]  # when the stall began, from the start
        state["last"] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()

    stalls_at: list[float] = []

    def measured(action: Any, *, until_job: bool = True, idle_ms: int = 0) -> tuple[float, int]:
        loop = QEventLoop()
        if until_job:
            wizard.jobEnded.connect(loop.quit)
        else:
            QTimer.singleShot(idle_ms, loop.quit)
        app.processEvents()
        state["last"] = state["start"] = clock.elapsed()
        state["longest"] = 0
        started = time.perf_counter()
        action()
        loop.exec()
        if until_job:
            wizard.jobEnded.disconnect(loop.quit)
        stalls_at.append(state["at"] / 1000)
        return time.perf_counter() - started, int(state["longest"])

    read_s, read_stall = measured(lambda: wizard.open_file(workbook))
    assert wizard.table is not None, wizard.message_label.text()
    wizard.go_next()  # the mapping, built on the GUI thread
    dry_s, dry_stall = measured(wizard.go_next)
    assert wizard.pages.currentIndex() == STEP_RESULT, wizard.message_label.text()
    _, idle_stall = measured(lambda: None, until_job=False, idle_ms=int(dry_s * 1000))
    # Scrolling the 20,000 rows: each jump repainted at once, the slowest kept.
    view = wizard.rows_view
    bar = view.verticalScrollBar()
    rng = random.Random(1)
    slowest_paint = 0.0
    for _ in range(200):
        bar.setValue(rng.randrange(bar.maximum() + 1))
        started = time.perf_counter()
        view.viewport().repaint()
        slowest_paint = max(slowest_paint, time.perf_counter() - started)
    commit_s, commit_stall = measured(wizard.go_next)
    assert wizard.pages.currentIndex() == STEP_DONE, wizard.message_label.text()
    timer.stop()
    wizard.close()
    store.dispose()
    return {
        "read_s": read_s,
        "dry_run_s": dry_s,
        "commit_s": commit_s,
        "read_stall_ms": read_stall,
        "dry_run_stall_ms": dry_stall,
        "commit_stall_ms": commit_stall,
        "idle_stall_ms": idle_stall,
        "slowest_paint_ms": slowest_paint * 1000,
        # Seconds from each job's start (read, dry run, idle, commit) to its longest stall.
        "stalls_at_s": stalls_at,
        "peak_rss_mb": peak_rss_mb(),
    }


def child_main(arguments: list[str]) -> int:
    mode, data_dir, workbook, out = arguments[:4]
    if mode == "service":
        result = child_service(Path(data_dir), Path(workbook))
    elif mode == "baseline":
        result = child_baseline(Path(data_dir), Path(workbook), int(arguments[4]))
    elif mode == "gui":
        result = child_gui(Path(data_dir), Path(workbook))
    else:
        raise SystemExit(f"unknown mode {mode}")
    Path(out).write_text(json.dumps(result), encoding="utf-8")
    return 0


def run_child(mode: str, data_dir: Path, workbook: Path, *extra: str) -> dict[str, Any]:
    out = data_dir.parent / f"{mode}.json"
    environment = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, "-m", "tests.bench.imports", mode, str(data_dir), str(workbook),
         str(out), *extra],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise RuntimeError(f"imports child {mode} failed:\n{completed.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


# ---------------------------------------------------------------- the benchmark


@benchmark("imports")
def imports_run(context: BenchContext) -> list[Figure]:
    from tests.bench.stores import copy_data_folder  # noqa: PLC0415

    work = context.scratch("imports")
    rows = int(os.environ.get("TRAMA_BENCH_IMPORT_ROWS", ROWS))
    started = time.perf_counter()
    workbook = build_workbook(work / "segnalazioni.xlsx", rows, seed=context.seed)
    context.log(
        f"imports: workbook of {rows} rows built in {time.perf_counter() - started:.1f} s "
        f"({workbook.stat().st_size / 1e6:.1f} MB)"
    )
    fresh = new_data_folder(work / "fresh")
    results: dict[str, dict[str, Any]] = {}
    for mode in ("baseline", "service", "gui"):
        folder = copy_data_folder(fresh, work / mode / "data")
        extra = (str(rows),) if mode == "baseline" else ()
        results[mode] = run_child(mode, folder, workbook, *extra)
        context.log(f"imports {mode}: {json.dumps(results[mode])}")
        shutil.rmtree(folder, ignore_errors=True)
    service, base, gui = results["service"], results["baseline"], results["gui"]
    note = f"{rows} rows; verdicts {service['counts']}"
    return [
        Figure(
            "import: read the workbook (inspect + read_table)",
            service["read_s"],
            "s",
            baseline=base["openpyxl_read_s"],
            note="baseline: openpyxl reading the same file bare",
        ),
        Figure(
            "import: dry run",
            service["dry_run_s"],
            "s",
            baseline=base["openpyxl_read_s"],
            target=Target("value", "<", DRY_RUN_GOAL_S),
            note=note,
        ),
        Figure(
            "import: read + dry run",
            service["read_s"] + service["dry_run_s"],
            "s",
            baseline=base["openpyxl_read_s"],
            target=Target("value", "<", DRY_RUN_GOAL_S),
        ),
        Figure(
            "import: commit",
            service["commit_s"],
            "s",
            baseline=base["raw_insert_s"],
            target=Target("value", "<", COMMIT_GOAL_S),
            note=f"{service['created']} created; baseline: raw sqlite3 inserts of as many rows",
        ),
        Figure(
            "import: peak RSS (read, dry run, commit)",
            service["peak_rss_mb"],
            "MB",
            baseline=base["peak_rss_mb"],
            target=Target("value", "<", RSS_GOAL_MB),
            note="baseline: the process reading the file bare and inserting raw",
        ),
        Figure(
            "import: longest gap between progress calls",
            max(service["read_gap_s"], service["dry_run_gap_s"], service["commit_gap_s"]),
            "s",
            target=Target("value", "<=", PROGRESS_GAP_GOAL_S),
            note=(
                f"read {service['read_gap_s']:.2f} s, dry run {service['dry_run_gap_s']:.2f} s, "
                f"commit {service['commit_gap_s']:.2f} s"
            ),
        ),
        Figure(
            "import wizard: GUI longest stall during the dry run",
            gui["dry_run_stall_ms"],
            "ms",
            baseline=gui["idle_stall_ms"],
            target=Target("value", "<", STALL_GOAL_MS),
            note=f"baseline: the 10 ms timer, wizard idle; dry run took {gui['dry_run_s']:.1f} s",
        ),
        Figure(
            "import wizard: GUI longest stall during the commit",
            gui["commit_stall_ms"],
            "ms",
            baseline=gui["idle_stall_ms"],
            target=Target("value", "<", STALL_GOAL_MS),
            note=f"commit took {gui['commit_s']:.1f} s",
        ),
        Figure(
            "import wizard: GUI longest stall while reading the file",
            gui["read_stall_ms"],
            "ms",
            baseline=gui["idle_stall_ms"],
            note="informational",
        ),
        Figure(
            "import wizard: slowest repaint scrolling the 20,000 rows",
            gui["slowest_paint_ms"],
            "ms",
            target=Target("value", "<", STALL_GOAL_MS),
        ),
    ]


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
