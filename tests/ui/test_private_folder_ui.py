"""A chosen data folder other accounts may enter: the application says so once per start,
without stopping the work (a non-modal box over the main window), and names the fix."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.ui import app as app_module
from desktop.ui.crash import storage
from desktop.ui.main_window import MainWindow
from tests.conftest import kept_recovery_key
from tests.storage_support import trama

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def open_folder(qapp: QApplication) -> Iterator[Path]:
    """A seeded data folder in /tmp that every account can reach and read."""
    base = Path(tempfile.mkdtemp(prefix="trama-condivisa-"))
    try:
        base.chmod(0o755)
        data_dir = base / "dati"
        result = trama("seed-demo", "--data-dir", str(data_dir), "--referrals", "3")
        assert result.returncode == 0, result.stderr
        kept_recovery_key(data_dir)
        data_dir.chmod(0o755)
        yield data_dir
    finally:
        # The window run() made outlives it in this process, with timers that read its store:
        # it goes before the folder does.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        shutil.rmtree(base)


def _run_until_painted(qapp: QApplication, data_dir: Path, tmp_path: Path) -> int:
    os.environ["TRAMA_BENCH_READY_FILE"] = str(tmp_path / "ready.txt")
    os.environ["TRAMA_BENCH_QUIT_AFTER_READY"] = "1"
    qapp.setQuitOnLastWindowClosed(False)
    try:
        return app_module.run(data_dir)
    finally:
        qapp.setQuitOnLastWindowClosed(True)
        del os.environ["TRAMA_BENCH_READY_FILE"], os.environ["TRAMA_BENCH_QUIT_AFTER_READY"]


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bool, bool]]:
    """Each notice made: its text, informative text, whether it is non-modal, whether it
    belongs to a window."""
    made: list[tuple[str, str, bool, bool]] = []
    build = storage.open_folder_notice

    def recorded(parent: QWidget, warning: str) -> QMessageBox:
        box = build(parent, warning)
        made.append(
            (
                box.text(),
                box.informativeText(),
                box.windowModality() == Qt.WindowModality.NonModal,
                box.parent() is parent,
            )
        )
        return box

    monkeypatch.setattr(storage, "open_folder_notice", recorded)
    monkeypatch.setenv("TRAMA_LANGUAGE", "it")
    return made


def test_a_folder_open_to_others_is_said_once_without_stopping_the_start(
    qapp: QApplication,
    open_folder: Path,
    tmp_path: Path,
    notices: list[tuple[str, str, bool, bool]],
) -> None:
    assert _run_until_painted(qapp, open_folder, tmp_path) == 0
    assert (tmp_path / "ready.txt").exists()  # the list was painted all the same
    ((text, informative, non_modal, over_the_window),) = notices
    assert text == "Altri utenti di questo PC possono aprire la cartella dati."
    assert informative.startswith("La cartella dati")
    assert f'chmod -R go-rwx "{open_folder}"' in informative
    assert non_modal and over_the_window


def test_a_private_folder_is_not_warned_about(
    qapp: QApplication,
    open_folder: Path,
    tmp_path: Path,
    notices: list[tuple[str, str, bool, bool]],
) -> None:
    open_folder.chmod(0o700)
    assert _run_until_painted(qapp, open_folder, tmp_path) == 0
    assert notices == []
