"""Baseline process for start-up and memory: a bare PySide6 QWidget window.

Run as ``python -m tests.bench.bare_window`` with the same protocol as the application: on the
first paint it writes ``time.time()`` into ``$TRAMA_BENCH_READY_FILE`` and, when
``$TRAMA_BENCH_QUIT_AFTER_READY`` is set, quits right after.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


class BareWindow(QWidget):
    def __init__(self, ready_file: Path, *, quit_after_ready: bool) -> None:
        super().__init__()
        self._ready_file = ready_file
        self._quit_after_ready = quit_after_ready
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._painted:
            return
        self._painted = True
        # Queued, as the application's probe does: recorded once this paint has finished.
        QTimer.singleShot(0, self._record)

    def _record(self) -> None:
        self._ready_file.write_text(repr(time.time()), encoding="utf-8")
        if self._quit_after_ready:
            QApplication.quit()


def main() -> int:
    ready_file = Path(os.environ["TRAMA_BENCH_READY_FILE"])
    app = QApplication(sys.argv)
    window = BareWindow(
        ready_file, quit_after_ready=bool(os.environ.get("TRAMA_BENCH_QUIT_AFTER_READY"))
    )
    window.resize(1100, 700)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
