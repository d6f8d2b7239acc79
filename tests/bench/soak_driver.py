"""The day-long session's driver: operations of a working day on the running main window.

``SoakDriver(window, ops=N).start()`` runs inside the application's event loop, one operation
per turn of the loop (each scheduled with a zero timer after the previous one ended, as a user's
next click would be), drawn from a day's mix with a fixed seed:

- *search*: a text typed in the referral list (surname pieces, codici fiscali, numbers, or
  the search cleared), the visible cells fetched as a paint asks for them;
- *scroll*: the list scrolled to a row and repainted;
- *page*: another page of the side bar (projects, meetings, directory, monitoring, sync…);
- *edit*: a referral editor opened, its "reason" changed (a marker added or taken away: a
  real change, saved through the service), saved and closed;
- *preview*: a referral selected and its form's print preview opened from the Print menu
  (the PDF built and shown), then closed;
- *sync*: a sync started from the sync area, the next operation once it has ended.

``watch_problems`` records what must not happen in a day: a Qt warning or critical message, a
Python warning, a log record of level WARNING or above, an exception escaping a slot, a modal
dialog left open (closed after it is recorded, so that the day goes on). RSS is sampled every
``sample_every`` operations. ``python -m tests.bench.soak_driver`` runs it in a process of its
own on a demo folder enrolled with a real demo server (``tests.bench.soak`` prepares both).
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import logging
import os
import random
import sys
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

# A working day's mix: operation and weight.
MIX: tuple[tuple[str, int], ...] = (
    ("search", 40),
    ("scroll", 15),
    ("page", 15),
    ("edit", 15),
    ("preview", 10),
    ("sync", 5),
)
WARM_UP_OPS = 1000  # RSS after these is the baseline (a tenth of a shorter run)
SAMPLE_EVERY = 100
SYNC_TIMEOUT_MS = 120_000
EDIT_MARKER = " [rivisto]"
EDIT_CANDIDATES = 20  # editable referrals found (trying each in turn), then edited in turn
MODAL_CHECK_MS = 250
# What the offscreen platform (the fallback without Xvfb, and the tests) says of any top-level
# window that asks the window system for its size hints: not a warning under a real X server.
OFFSCREEN_ONLY = ("This plugin does not support propagateSizeHints()",)


def rss_kib() -> int:
    """This process's resident memory now (psutil when installed, else /proc)."""
    try:
        import psutil  # noqa: PLC0415 - optional
    except ImportError:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0
    return int(psutil.Process().memory_info().rss // 1024)


@dataclass
class SoakReport:
    ops: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    samples: list[tuple[int, int]] = field(default_factory=list)  # (ops done, RSS KiB)
    warm_up_ops: int = 0
    warm_rss_kib: int = 0
    end_rss_kib: int = 0
    seconds: float = 0.0  # after the warm-up
    warm_seconds: float = 0.0
    start_rss_kib: int = 0  # when the first operation begins (the window shown)
    finished: bool = False

    @property
    def growth_percent(self) -> float:
        if not self.warm_rss_kib:
            return float("nan")
        return (self.end_rss_kib - self.warm_rss_kib) * 100 / self.warm_rss_kib


class _ProblemLog(logging.Handler):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.append(f"log {record.levelname} {record.name}: {record.getMessage()}")


@contextmanager
def watch_problems(problems: list[str]) -> Iterator[None]:
    """Record Qt warnings, Python warnings, logged errors and exceptions escaping slots."""

    offscreen = QGuiApplication.platformName() == "offscreen"

    def on_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if offscreen and message in OFFSCREEN_ONLY:
            return
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            problems.append(f"Qt {kind.name}: {message}")

    def on_warning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        _file: Any = None,
        _line: str | None = None,
    ) -> None:
        problems.append(f"Python {category.__name__}: {message} ({filename}:{lineno})")

    def on_exception(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        problems.append(f"exception: {text}")

    handler = _ProblemLog(problems)
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(min(previous_level or logging.WARNING, logging.WARNING))
    previous_qt = qInstallMessageHandler(on_qt_message)
    previous_hook = sys.excepthook
    sys.excepthook = on_exception
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = on_warning
        try:
            yield
        finally:
            sys.excepthook = previous_hook
            qInstallMessageHandler(previous_qt)
            root.removeHandler(handler)
            root.setLevel(previous_level)


class SoakDriver(QObject):
    """Drives ``ops`` operations on a shown main window; ``finished`` when done or stopped."""

    finished = Signal()

    def __init__(
        self,
        window: MainWindow,
        *,
        ops: int,
        seed: int = 1,
        warm_up: int | None = None,
        sample_every: int = SAMPLE_EVERY,
        sync: bool = True,
        queries: list[str] | None = None,
        progress_file: Path | None = None,
    ) -> None:
        super().__init__(window)
        self._progress_file = progress_file  # the report so far, written at each sample
        self.window = window
        self.report = SoakReport()
        self.report.warm_up_ops = min(WARM_UP_OPS, ops // 10) if warm_up is None else warm_up
        self._ops = ops
        self._sample_every = sample_every
        self._chooser = random.Random(seed)
        mix = [(name, weight) for name, weight in MIX if sync or name != "sync"]
        self._names = [name for name, _weight in mix]
        self._weights = [weight for _weight_name, weight in mix]
        self._queries = queries or ["", "ros", "bian", "2026/", "a", "fer", "mar", "lomb"]
        self._editable: list[str] = []  # found so far; edited in turn once there are enough
        self._candidates_left: list[str] = []
        self._edit_turn = 0
        self._started = 0.0
        self._warm_at = 0.0
        self._modal_timer = QTimer(self)
        self._modal_timer.setInterval(MODAL_CHECK_MS)
        self._modal_timer.timeout.connect(self._close_modal)
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(SYNC_TIMEOUT_MS)
        self._sync_timer.timeout.connect(self._sync_timed_out)
        self._syncing = False
        controller = window.sync.controller
        controller.syncFinished.connect(self._sync_ended)
        controller.syncFailed.connect(self._sync_failed)

    # -- the run -------------------------------------------------------------------------------

    @property
    def done(self) -> bool:
        return self.report.finished

    def start(self) -> None:
        self.report.start_rss_kib = rss_kib()
        self._candidates_left = self._candidates()
        self._started = time.perf_counter()
        self._modal_timer.start()
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        report = self.report
        if report.ops >= self._ops:
            self._finish()
            return
        name = self._chooser.choices(self._names, self._weights)[0]
        try:
            getattr(self, f"_op_{name}")()
        except Exception:  # an operation that broke is a failure of the day, recorded
            report.problems.append(f"{name} #{report.ops}: {traceback.format_exc()}")
        report.ops += 1
        report.counts[name] = report.counts.get(name, 0) + 1
        self._sample()
        if not self._syncing:
            QTimer.singleShot(0, self._next)

    def _sample(self) -> None:
        report = self.report
        if report.ops == report.warm_up_ops:
            report.warm_rss_kib = rss_kib()
            self._warm_at = time.perf_counter()
            report.warm_seconds = self._warm_at - self._started
        if report.ops % self._sample_every == 0:
            report.samples.append((report.ops, rss_kib()))
            if self._progress_file is not None:
                # What a crash (no report at the end) still leaves: how far the day went.
                self._progress_file.write_text(json.dumps(asdict(report)), encoding="utf-8")

    def _finish(self) -> None:
        report = self.report
        self._modal_timer.stop()
        report.end_rss_kib = rss_kib()
        report.seconds = time.perf_counter() - (self._warm_at or self._started)
        report.finished = True
        self.finished.emit()

    # -- operations ----------------------------------------------------------------------------

    def _show_list(self) -> None:
        from desktop.ui.main_window import PAGE_REFERRALS  # noqa: PLC0415

        if self.window.navigation.currentRow() != PAGE_REFERRALS:
            self.window.navigation.setCurrentRow(PAGE_REFERRALS)

    def _op_search(self) -> None:
        self._show_list()
        view = self.window.referral_list
        view.search_field.setText(self._chooser.choice(self._queries))
        view.search_now()
        self._fetch_visible()

    def _op_scroll(self) -> None:
        self._show_list()
        view = self.window.referral_list
        rows = view.model.rowCount()
        if rows:
            view.table.scrollTo(view.model.index(self._chooser.randrange(rows), 0))
            self._fetch_visible()

    def _op_page(self) -> None:
        navigation = self.window.navigation
        navigation.setCurrentRow(self._chooser.randrange(navigation.count()))
        self.window.pages.currentWidget().repaint()

    def _op_edit(self) -> None:
        """Open a referral; when this site may change it, change its reason and save."""
        if len(self._editable) < EDIT_CANDIDATES and self._candidates_left:
            referral_id = self._candidates_left.pop(0)
        elif self._editable:
            referral_id = self._editable[self._edit_turn % len(self._editable)]
            self._edit_turn += 1
        else:
            self.report.problems.append("edit: no referral of this site to edit")
            return
        editor = self.window.referral_editors.open_referral(referral_id)
        try:
            reason = editor.referral.reason
            if not (editor.rights.edit_data and reason.isEnabled() and not reason.isReadOnly()):
                self.report.counts["open_only"] = self.report.counts.get("open_only", 0) + 1
                return
            if referral_id not in self._editable:
                self._editable.append(referral_id)
            text = reason.toPlainText()
            if text.endswith(EDIT_MARKER):
                reason.setPlainText(text.removesuffix(EDIT_MARKER))
            else:
                reason.setPlainText(text + EDIT_MARKER)
            if not editor.dirty:
                self.report.problems.append(f"edit: the change did not mark {referral_id} dirty")
            editor.save_button.click()
            if editor.dirty:
                self.report.problems.append(f"edit: {referral_id} was not saved")
                editor.set_dirty(False)
            self.report.counts["saved"] = self.report.counts.get("saved", 0) + 1
        finally:
            editor.reject()

    def _op_preview(self) -> None:
        from desktop.ui.documents.preview import DocumentPreview  # noqa: PLC0415

        self._show_list()
        view = self.window.referral_list
        rows = view.model.rowCount()
        if not rows:
            return
        row = self._chooser.randrange(min(rows, 500))
        view.table.scrollTo(view.model.index(row, 0))
        view.table.selectRow(row)
        before = set(self._previews())
        self.window.printing.preview_action.trigger()
        opened = [preview for preview in self._previews() if preview not in before]
        if not opened:
            self.report.problems.append(f"preview: no preview opened for row {row}")
        for preview in opened:
            assert isinstance(preview, DocumentPreview)
            if preview.page_count() < 1:
                self.report.problems.append("preview: a document with no page")
            preview.close()
        view.table.clearSelection()

    def _op_sync(self) -> None:
        if self.window.sync.controller.running:
            return  # the area's own timer started one: this turn waits for nothing
        if not self.window.sync.sync_now():
            self.report.problems.append("sync: did not start")
            return
        self._syncing = True
        self._sync_timer.start()

    # -- helpers -------------------------------------------------------------------------------

    def _sync_ended(self, result: object) -> None:
        if self._syncing:
            self._resume_after_sync()

    def _sync_failed(self, error: object) -> None:
        self.report.problems.append(f"sync failed: {type(error).__name__}: {error}")
        if self._syncing:
            self._resume_after_sync()

    def _sync_timed_out(self) -> None:
        self.report.problems.append("sync: no end within the time allowed")
        self._resume_after_sync()

    def _resume_after_sync(self) -> None:
        self._sync_timer.stop()
        self._syncing = False
        QTimer.singleShot(0, self._next)

    def _previews(self) -> list[QWidget]:
        from desktop.ui.documents.preview import DocumentPreview  # noqa: PLC0415

        return [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, DocumentPreview) and widget.isVisible()
        ]

    def _fetch_visible(self) -> None:
        view = self.window.referral_list
        table, model = view.table, view.model
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        for row in range(first, last + 1):
            for column in range(model.columnCount()):
                model.data(model.index(row, column))
        table.viewport().repaint()

    def _candidates(self) -> list[str]:
        """Every listed referral's id, drafts first (a site may change its drafts), oldest
        first: tried in turn until enough are editable."""
        with self.window.store.raw_read() as connection:
            rows = connection.execute(
                "SELECT id FROM referral WHERE deleted = 0 AND restricted = 0 "
                "ORDER BY status = 'draft' DESC, rowid"
            ).fetchall()
        return [str(row[0]) for row in rows]

    def _close_modal(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        text = getattr(modal, "text", lambda: "")()
        self.report.problems.append(
            f"modal dialog left open: {type(modal).__name__} {modal.windowTitle()!r} {text!r}"
        )
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()


def flush_deleted() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- the process the benchmark starts ----------------------------------------------------------


def _queries_of(data_dir: Path) -> list[str]:
    """What operators type, from the folder's own persons and referrals (and the search
    cleared)."""
    from tests.bench.stores import connect  # noqa: PLC0415

    connection = connect(data_dir)
    try:
        rows = connection.execute(
            "SELECT p.last_name, p.fiscal_code, r.number FROM referral r "
            "JOIN person p ON p.id = r.person_id ORDER BY r.rowid LIMIT 60"
        ).fetchall()
    finally:
        connection.close()
    queries = [""]
    for last_name, fiscal_code, number in rows:
        queries += [last_name[:3].lower(), last_name.lower(), fiscal_code[:6], number]
    return queries


def run_process(ops: int, seed: int, out: Path, *, data_dir: Path, sync: bool) -> SoakReport:
    """The main window on a data folder (enrolled with a running server when ``sync``), the
    day's operations, the report written to ``out``."""
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.app import install_translations  # noqa: PLC0415
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Trama")
    install_translations(app, "it")
    report = SoakReport()
    store = open_store(data_dir, create=False)
    try:
        with watch_problems(report.problems):
            window = MainWindow(store, data_dir)
            window.show()
            driver = SoakDriver(
                window,
                ops=ops,
                seed=seed,
                sync=sync,
                queries=_queries_of(data_dir),
                progress_file=out,
            )
            driver.report = report
            report.warm_up_ops = min(WARM_UP_OPS, ops // 10)
            driver.finished.connect(app.quit)
            QTimer.singleShot(500, driver.start)
            app.exec()
            window.sync.shutdown()
            window.referral_model.close()
            window.close()
            flush_deleted()
    finally:
        store.dispose()
    out.write_text(json.dumps(asdict(report)), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.soak_driver")
    parser.add_argument("out", type=Path, help="where to write the report (JSON)")
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, required=True, help="a demo data folder")
    parser.add_argument("--no-sync", action="store_true", help="the folder is not enrolled")
    args = parser.parse_args(argv)
    faulthandler.enable()  # a crash prints where each thread was
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    report = run_process(
        args.ops, args.seed, args.out, data_dir=args.data_dir, sync=not args.no_sync
    )
    print(
        f"{report.ops} ops {dict(Counter(report.counts))}, {len(report.problems)} problems, "
        f"RSS {report.warm_rss_kib // 1024} -> {report.end_rss_kib // 1024} MB",
        file=sys.stderr,
    )
    return 0 if report.finished else 1


if __name__ == "__main__":
    sys.exit(main())
