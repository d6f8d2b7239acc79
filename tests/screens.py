"""Pictures of every screen, for comparing the look of two versions of the code.

    python -m tests.screens OUT_DIR [--data-dir DIR]

Seeds a demo data folder (fixed seed, fixed day) unless one is given, opens the main window on
Qt's offscreen platform and saves one PNG per page, per editor tab and per dialog. Run it on two
commits with the same ``--data-dir`` and compare the folders (``compare -metric AE`` from
ImageMagick, or by eye): a refactoring should leave every picture as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRAMA_LANGUAGE", "it")

TODAY = date(2026, 11, 16)


def _seed(data_dir: Path) -> None:
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(data_dir)
    try:
        seed_demo(store, referrals=120, seed=7, today=TODAY)
    finally:
        store.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screens")
    parser.add_argument("out", type=Path)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    # A fixed folder: the status bar shows its name, and it must read the same in every run.
    work = Path(tempfile.gettempdir()) / "trama-screens"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    data_dir = work / "data"
    if args.data_dir is not None and (args.data_dir / "trama.sqlite").exists():
        shutil.copytree(args.data_dir, data_dir)
    else:
        _seed(data_dir)
        if args.data_dir is not None:
            shutil.copytree(data_dir, args.data_dir, dirs_exist_ok=True)
    try:
        return _take(data_dir, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _take(data_dir: Path, out: Path) -> int:
    from PySide6.QtCore import QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget  # noqa: PLC0415

    from desktop.store.migrate import open_store  # noqa: PLC0415
    from desktop.ui.app import install_translations  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    translators = install_translations(app, "it")
    from desktop.ui.main_window import (  # noqa: PLC0415
        PAGE_DIRECTORY,
        PAGE_MEETINGS,
        PAGE_PERSONS,
        PAGE_PROJECTS,
        PAGE_REFERRALS,
        PAGE_SYNC,
        PAGE_WORKLIST,
        MainWindow,
    )

    store = open_store(data_dir)
    taken: list[str] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def grab(widget: QWidget, name: str) -> None:
        settle()
        widget.grab().save(str(out / f"{name}.png"))
        taken.append(name)

    def grab_tabs(window: QWidget, name: str) -> None:
        grab(window, name)
        for tabs in window.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                grab(window, f"{name}-tab{index}")
            tabs.setCurrentIndex(0)

    window = MainWindow(store, data_dir, today=lambda: TODAY)
    window.resize(1280, 800)
    window.show()
    settle()
    deadline = time.monotonic() + 30
    # Da fare is read off the GUI thread: its picture is of the list, not of "reading".
    while (window.worklist.worklist is None or window.worklist.reading) and (
        time.monotonic() < deadline
    ):
        app.processEvents()
    names = {
        PAGE_WORKLIST: "worklist",
        PAGE_REFERRALS: "referrals",
        PAGE_PERSONS: "persons",
        PAGE_PROJECTS: "projects",
        PAGE_MEETINGS: "meetings",
        PAGE_DIRECTORY: "directory",
        PAGE_SYNC: "sync",
    }
    for row, name in names.items():
        window.navigation.setCurrentRow(row)
        settle()
        grab_tabs(window, f"{row}-{name}")

    window.navigation.setCurrentRow(PAGE_PERSONS)
    persons = window.persons.page()
    persons.table.selectRow(0)
    grab(window, f"{PAGE_PERSONS}-persons-detail")

    def grab_modal(name: str) -> None:
        modal = app.activeModalWidget()
        if modal is not None:
            grab_tabs(modal, name)
            modal.close()

    QTimer.singleShot(0, lambda: grab_modal("dialog-person"))
    persons.edit_person()

    window.navigation.setCurrentRow(PAGE_REFERRALS)
    model = window.referral_model
    first_row = model.row_at(0)
    first = first_row.id if first_row is not None else None
    if first:
        editor = window.referral_editors.open_referral(first)
        editor.resize(1100, 760)
        grab_tabs(editor, "editor-referral")
        editor.close()
    editor = window.referral_editors.new_referral()
    editor.resize(1100, 760)
    grab_tabs(editor, "editor-referral-new")
    editor.close()

    for row, opener in ((PAGE_PROJECTS, "open_project"), (PAGE_MEETINGS, "open_meeting")):
        window.navigation.setCurrentRow(row)
        settle()
        page = window.pages.widget(row)
        inner = page.page() if hasattr(page, "page") else page
        listing = inner.list_view
        listing.table.selectRow(0)
        first_id = listing.selected_id()
        if first_id:
            opened = getattr(inner, opener)(first_id)
            settle()
            grab_tabs(opened.window(), f"editor-{opener}")
            if isinstance(opened, QDialog):
                opened.close()

    from desktop.ui.settings.dialog import SettingsDialog  # noqa: PLC0415

    dialog = SettingsDialog(store, window)
    dialog.show()
    grab(dialog, "dialog-settings")
    dialog.close()

    window.close()
    store.dispose()
    for translator in translators:
        app.removeTranslator(translator)
    print(f"{len(taken)} pictures in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
