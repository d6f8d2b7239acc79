"""The soak's driver (tests/bench/soak_driver.py) on a short day, so that CI runs it: the
benchmark itself (10,000 operations with syncs, under Xvfb) is ``python -m tests.bench --only
soak``."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.bench.soak_driver import MIX, SoakDriver, watch_problems
from tests.ui.codesign_support import (
    TODAY,
    build_seeded_database,
    compiled_italian,
    copied_store,
    italian_translation,
)

OPS = 50


def test_a_short_day_runs_every_operation_without_a_problem(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    for folder in ("seeded", "qm"):
        (tmp_path / folder).mkdir()
    database = build_seeded_database(tmp_path / "seeded")
    with (
        copied_store(database, tmp_path / "data") as store,
        italian_translation(qapp, compiled_italian(tmp_path / "qm")),
    ):
        window = MainWindow(store, store.path.parent, today=lambda: TODAY)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.listPainted, timeout=10_000):
            window.show()
        driver = SoakDriver(window, ops=OPS, seed=4, sync=False, warm_up=10, sample_every=10)
        report = driver.report
        with watch_problems(report.problems):
            driver.start()
            qtbot.waitUntil(lambda: driver.done, timeout=20_000)
        window.referral_model.close()

    assert report.problems == []
    assert report.ops == OPS
    assert {name for name, _weight in MIX if name != "sync"} <= set(report.counts)
    assert report.counts.get("saved", 0) >= 1  # a real change saved through the service
    assert report.warm_rss_kib > 0
    assert report.end_rss_kib > 0
    assert [ops for ops, _kib in report.samples] == list(range(10, OPS + 1, 10))


def test_the_watch_records_qt_and_python_warnings_and_logged_errors(qapp: QApplication) -> None:
    problems: list[str] = []
    with watch_problems(problems):
        qWarning("soak-test: a Qt warning")
        warnings.warn("soak-test: a Python warning", UserWarning, stacklevel=1)
        logging.getLogger("soak-test").error("soak-test: an error logged")
        logging.getLogger("soak-test").info("soak-test: not a problem")
    assert len(problems) == 3
    assert "a Qt warning" in problems[0]
    assert "UserWarning" in problems[1]
    assert "an error logged" in problems[2]
