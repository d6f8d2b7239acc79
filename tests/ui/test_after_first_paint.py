"""After the first paint the GUI thread loads nothing the user did not ask for (issue 20): the
ORM, the services and the sync client are imported, and the operator, the routes and the sync
status read, by a job on the thread pool (``desktop.ui.after_paint``).

Seen in a process of its own, as ``trama`` starts: this test process has long imported all
of them. An import hook records which thread asks for each module not yet loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.demo.seed import seed_demo
from desktop.store.keys import mark_demo_folder
from desktop.store.migrate import open_store
from tests.conftest import TODAY

_CHILD = """
import json, sys, threading
from pathlib import Path

GUI = threading.main_thread()
painted = []
on_gui_after_paint = []
elsewhere_after_paint = []


class Watch:
    def find_spec(self, name, path=None, target=None):
        if painted:
            mine = threading.current_thread() is GUI
            (on_gui_after_paint if mine else elsewhere_after_paint).append(name)
        return None


sys.meta_path.insert(0, Watch())

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import desktop.ui.main_window as main_window

first_paint = main_window.MainWindow._after_first_paint
show_reads = main_window.MainWindow._show_startup_reads


def after_first_paint(self):
    painted.append(sorted(sys.modules))
    first_paint(self)


def shown(self, reads):
    show_reads(self, reads)
    Path(sys.argv[2]).write_text(json.dumps({
        "before_paint": painted[0],
        "on_gui": on_gui_after_paint,
        "elsewhere": elsewhere_after_paint,
        "operator": self.actor_label.text(),
    }))
    QTimer.singleShot(0, QApplication.quit)


main_window.MainWindow._after_first_paint = after_first_paint
main_window.MainWindow._show_startup_reads = shown

from desktop.ui.app import run

sys.exit(run(Path(sys.argv[1])))
"""

# The ORM and the models, the services that stand on them, the sync client and its HTTP, the
# sync page and controller (the indicator and the menu are on the first screen).
HEAVY = (
    "sqlalchemy",
    "desktop.store.models",
    "desktop.services.installation",
    "desktop.services.reference",
    "desktop.services.sites",
    "sync.client",
    "httpx",
    "desktop.ui.sync.page",
    "desktop.ui.sync.controller",
)


def _heavy(names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(HEAVY)]


def test_after_the_first_paint_the_gui_thread_imports_nothing_heavy(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    mark_demo_folder(data_dir)  # its key in a file: the child needs no keyring
    store = open_store(data_dir)
    try:
        seed_demo(store, referrals=20, seed=2, today=TODAY)
    finally:
        store.dispose()
    report = tmp_path / "report.json"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data_dir), str(report)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(report.read_text(encoding="utf-8"))
    # The first screen itself needed none of them (the list reads through the raw store).
    assert _heavy(seen["before_paint"]) == []
    # After it, the GUI thread imported none; the thread pool did, and the operator is shown.
    assert _heavy(seen["on_gui"]) == [], seen["on_gui"]
    assert "sqlalchemy.orm" in seen["elsewhere"]
    assert "desktop.store.models" in seen["elsewhere"]
    assert "sync.client.api" in seen["elsewhere"]
    assert seen["operator"]
