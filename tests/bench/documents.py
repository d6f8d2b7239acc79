"""Printed documents: one referral form against a bare canvas, and a batch of 500 forms
printed while the GUI keeps answering.

1. The referral form (every field filled, with accents) built by ``build_referral_form``,
   against a bare ReportLab canvas drawing the same text (the lines read back from the form)
   with the same embedded TrueType fonts on as many pages: the cost of the layout engine.
   Median of 30 runs each, alternating, after one untimed warm-up of each. Target: ≤ 3×.
2. 500 referral forms of the seeded data printed as one job by the application's batch
   printing (built, painted onto a PDF-file printer at 72 dpi and recorded as issued) on a
   worker thread, while a 10 ms QTimer ticks on the GUI thread (offscreen). The figure is
   the longest wait between two ticks; the baseline is the same timer with nothing to do for
   two seconds. Target: the GUI answers within 100 ms.
"""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

from tests.bench.runner import BenchContext, Figure, Target, benchmark, copy_data_folder

FORM_RUNS = 30
BATCH_SIZE = 500
TICK_MS = 10
MAX_RATIO = 3.0
MAX_LATENCY_MS = 100.0


def _bare_canvas(lines_per_page: list[list[str]], fonts: list[str]) -> bytes:
    """The same lines on as many pages, in turn in each font the form embeds."""
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.pdfgen.canvas import Canvas  # noqa: PLC0415

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for lines in lines_per_page:
        y = A4[1] - 20 * mm
        for index, line in enumerate(lines):
            canvas.setFont(fonts[index % len(fonts)], 9)
            canvas.drawString(20 * mm, y, line)
            y -= 11
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _median_ms(function: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@benchmark("document-form")
def referral_form(ctx: BenchContext) -> list[Figure]:
    from pypdf import PdfReader  # noqa: PLC0415

    from desktop.documents.fonts import FONT_FILES, register_fonts  # noqa: PLC0415
    from desktop.documents.referral_form import build_referral_form  # noqa: PLC0415
    from tests.documents_support import fonts_of  # noqa: PLC0415
    from tests.documents_support import referral_form as form_input  # noqa: PLC0415

    register_fonts()
    data = form_input()
    pdf = build_referral_form(data)
    pages = [
        [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]
    # The fonts the form embeds, by their registered names ("/AAAAAA+LiberationSerif-Bold").
    by_file = {
        file_name.removesuffix(".ttf").removesuffix("-Regular"): name
        for name, file_name in FONT_FILES.items()
    }
    embedded = {str(font["/BaseFont"]).split("+", 1)[1] for font in fonts_of(pdf)}
    fonts = sorted(by_file[name] for name in embedded)
    _bare_canvas(pages, fonts)
    form_times, bare_times = [], []
    for _ in range(FORM_RUNS):
        form_times.append(_median_ms(lambda: build_referral_form(data), 1))
        bare_times.append(_median_ms(lambda: _bare_canvas(pages, fonts), 1))
    characters = sum(len(line) for lines in pages for line in lines)
    return [
        Figure(
            "referral form (full, 2 pages) vs bare canvas",
            statistics.median(form_times),
            "ms",
            baseline=statistics.median(bare_times),
            target=Target("ratio", "<=", MAX_RATIO),
            note=f"{len(pages)} pages, {characters} characters, {len(fonts)} fonts; "
            f"median of {FORM_RUNS} runs",
        )
    ]


def _referral_ids(data_dir: Path, count: int) -> list[str]:
    import sqlite3  # noqa: PLC0415

    from desktop.store.engine import database_path  # noqa: PLC0415

    connection = sqlite3.connect(database_path(data_dir))
    try:
        rows = connection.execute(
            "SELECT r.id FROM referral r JOIN person p ON p.id = r.person_id "
            "WHERE r.restricted = 0 AND p.restricted = 0 AND r.deleted = 0 "
            "ORDER BY r.number DESC LIMIT ?",
            (count,),
        ).fetchall()
    finally:
        connection.close()
    return [row[0] for row in rows]


def _max_gap_ms(app: object, until: object) -> tuple[float, int]:
    """Run the event loop with a 10 ms timer until ``until()``; the longest gap and ticks."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: PLC0415

    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]
    longest = [0.0]
    ticks = [0]
    loop = QEventLoop()

    def tick() -> None:
        now = clock.nsecsElapsed()
        longest[0] = max(longest[0], (now - last[0]) / 1e6)
        last[0] = now
        ticks[0] += 1
        if until():  # type: ignore[operator]
            loop.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    return longest[0], ticks[0]


@benchmark("document-batch")
def batch_of_forms(ctx: BenchContext) -> list[Figure]:
    import os  # noqa: PLC0415

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from desktop.documents.fonts import register_fonts  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.documents import print_referrals_batch  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    folder = copy_data_folder(ctx.seeded_data_dir(), ctx.scratch("documents-batch"))
    ids = _referral_ids(folder, BATCH_SIZE)
    store = open_store(folder, create=False)
    try:
        register_fonts()
        idle_started = time.perf_counter()
        idle_gap, _ticks = _max_gap_ms(app, lambda: time.perf_counter() - idle_started > 2)
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / "batch.pdf"))
        printer.setResolution(72)
        results: list[object] = []
        started = time.perf_counter()
        batch = print_referrals_batch(None, store, current_actor(store), ids, printer=printer)
        assert batch is not None
        batch.finished.connect(results.append)
        batch.failed.connect(results.append)
        gap, ticks = _max_gap_ms(app, lambda: bool(results))
        elapsed = time.perf_counter() - started
        result = results[0]
        if isinstance(result, Exception):
            raise result
        # Qt objects go now, while the application is alive, not in the interpreter's
        # final garbage collection.
        batch.progress.close()
        batch.progress.deleteLater()
        batch.deleteLater()
        del batch, printer
        app.processEvents()
    finally:
        store.dispose()
    issued = len(result.issued)  # type: ignore[attr-defined]
    pages = result.pages  # type: ignore[attr-defined]
    return [
        Figure(
            f"GUI latency while printing {len(ids)} forms (longest gap of a 10 ms timer)",
            gap,
            "ms",
            baseline=idle_gap,
            target=Target("value", "<=", MAX_LATENCY_MS),
            note=f"{ticks} ticks; baseline: the same timer idle for 2 s",
        ),
        Figure(
            f"batch of {len(ids)} forms: built, printed (72 dpi PDF) and recorded",
            elapsed,
            "s",
            note=f"{issued} forms issued, {pages} pages, {issued / elapsed:.1f} forms/s",
        ),
    ]
