"""The referral list driven as an operator would, in a process of its own (offscreen).

``python -m tests.bench.list_probe keystrokes DATA_DIR OUT.json QUERIES.json``: types each query
into the list's search field (one keystroke's text at a time, a typing gap apart) and records
how long the list took to have it: from setting the text to the model reset and every visible
cell fetched from the model; the time until Qt has drawn them is recorded beside it.
``python -m tests.bench.list_probe paging DATA_DIR OUT.json``: scrolls the list
from the top to the bottom, painting every page, so that the launcher can report the process's
peak memory. Both open the application's main window on the data folder, as ``trama`` does.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtWidgets import QApplication

TYPING_GAP_MS = 150  # a fast typist; the list's own pause before searching is not counted
SCROLL_STEP_ROWS = 25  # about one screenful


def _process_events_for(milliseconds: int) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < milliseconds:
        QCoreApplication.processEvents()
        time.sleep(0.002)


def _open_window(data_dir: Path):  # type: ignore[no-untyped-def]
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.app import install_translations  # noqa: PLC0415
    from desktop.ui.main_window import PAGE_REFERRALS, MainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Trama")
    install_translations(app, "it")
    store = open_store(data_dir, create=False)
    window = MainWindow(store, data_dir)
    window.navigation.setCurrentRow(PAGE_REFERRALS)  # the window opens on Da fare
    window.show()
    _process_events_for(300)
    return app, store, window


def _wait_for_count(model, limit_s: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit_s
    while model.counting and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.002)


def _fetch_visible(view) -> None:  # type: ignore[no-untyped-def]
    """Every cell the table shows, as its paint would ask for it (text, alignment, colours)."""
    from PySide6.QtCore import Qt  # noqa: PLC0415

    table, model = view.table, view.model
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
    )
    for row in range(first, last + 1):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in roles:
                model.data(index, role)


def keystrokes(data_dir: Path, out: Path, queries_file: Path) -> None:
    _app, store, window = _open_window(data_dir)
    view = window.referral_list
    model = view.model
    _wait_for_count(model)
    results = []
    for text in json.loads(queries_file.read_text(encoding="utf-8")):
        started = time.perf_counter()
        view.search_field.setText(text)
        view.search_now()  # what the pause after the keystroke runs
        _fetch_visible(view)  # what the view asks of the model to paint the rows it shows
        shown = time.perf_counter()
        view.table.viewport().repaint()  # Qt drawing them (reported, not the target)
        painted = time.perf_counter()
        exact_at = shown if model.count_exact else None
        first_count = model.rowCount()
        gap_end = time.monotonic() + TYPING_GAP_MS / 1000
        while time.monotonic() < gap_end:
            QCoreApplication.processEvents()
            if exact_at is None and model.count_exact:
                exact_at = time.perf_counter()
            time.sleep(0.001)
        results.append(
            {
                "text": text,
                "shown_ms": (shown - started) * 1000,
                "painted_ms": (painted - started) * 1000,
                "exact_ms": None if exact_at is None else (exact_at - started) * 1000,
                "first_count": first_count,
                "count": model.rowCount(),
                "exact": model.count_exact,
            }
        )
    model.close()
    store.dispose()
    out.write_text(json.dumps(results), encoding="utf-8")


def paging(data_dir: Path, out: Path) -> None:
    _app, store, window = _open_window(data_dir)
    view = window.referral_list
    model = view.model
    _wait_for_count(model)
    bar = view.table.verticalScrollBar()
    started = time.perf_counter()
    pages = 0
    row = 0
    while row < model.rowCount():
        view.table.scrollTo(model.index(row, 0))
        view.table.viewport().repaint()
        QCoreApplication.processEvents()
        row += SCROLL_STEP_ROWS
        pages += 1
    bar.setValue(bar.maximum())
    view.table.viewport().repaint()
    last = model.data(model.index(model.rowCount() - 1, 0))
    out.write_text(
        json.dumps(
            {
                "rows": model.rowCount(),
                "pages": pages,
                "seconds": time.perf_counter() - started,
                "block_fetches": model.block_fetches,
                "cached_blocks": len(model.cached_blocks()),
                "last_row": last,
            }
        ),
        encoding="utf-8",
    )
    model.close()
    store.dispose()


def main(argv: list[str]) -> int:
    mode, data_dir, out = argv[0], Path(argv[1]), Path(argv[2])
    if mode == "keystrokes":
        keystrokes(data_dir, out, Path(argv[3]))
    elif mode == "paging":
        paging(data_dir, out)
    else:
        raise SystemExit(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
