"""Shared set-up of the directory, projects and meetings screen tests.

Fixtures are not shared through a conftest (other areas own that file): each test module
defines tiny fixtures that call these helpers. Dialogs open with ``open()`` and never block,
so a test clicks a button, waits for the dialog to be the active modal widget, fills it in and
clicks its button, as a person would.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.demo.reference import install_demo_reference
from desktop.demo.seed import seed_demo
from desktop.store.engine import Store, database_path
from desktop.store.migrate import open_store
from desktop.ui.app import install_translations
from desktop.ui.common.tables import row_texts
from desktop.ui.i18n import compile_translations
from tests.conftest import copy_data_folder

TODAY = date(2026, 11, 27)
SEEDED_REFERRALS = 50
# Qt's offscreen platform says this of every dialog it shows; it is not a fault of ours.
OFFSCREEN_DIALOG_NOTICE = "This plugin does not support propagateSizeHints"

W = TypeVar("W", bound=QWidget)


def build_seeded_database(folder: Path) -> Path:
    """A demo data folder (directory, referents, 50 referrals, projects, meetings)."""
    store = open_store(folder)
    try:
        install_demo_reference(store)
        seed_demo(store, referrals=SEEDED_REFERRALS, seed=11, today=TODAY)
    finally:
        store.dispose()
    return database_path(folder)


@contextmanager
def copied_store(database: Path, folder: Path) -> Iterator[Store]:
    folder.mkdir()
    store = copy_data_folder(database.parent, folder)
    try:
        yield store
    finally:
        store.dispose()


def compiled_italian(folder: Path) -> Path:
    """Trama's Italian translation compiled outside the repository."""
    return compile_translations(language="it", target_dir=folder)


@contextmanager
def italian_translation(app: QApplication, compiled: Path) -> Iterator[None]:
    """The Italian translators and locale, then back to the English source strings."""
    locale = QLocale()
    translators = install_translations(app, "it", compiled=compiled)
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(locale)


def modal(qtbot: QtBot, kind: type[W]) -> W:
    """The dialog of that class once it is the active modal widget."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=3000)
    widget = QApplication.activeModalWidget()
    assert isinstance(widget, kind)
    return widget


def click_ok(dialog: QWidget) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def answer_yes(qtbot: QtBot) -> None:
    """Click the positive button of the confirmation box now shown."""
    box = modal(qtbot, QMessageBox)
    accept = [
        button
        for button in box.buttons()
        if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole
    ]
    assert accept, box.text()
    button: QAbstractButton = accept[0]
    button.click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)


def column_texts(table: QTableView, column: int) -> list[str]:
    """A column's texts top to bottom, of a QTableWidget or a kit DataTable alike."""
    return row_texts(table, column)


def header_texts(table: QTableView) -> list[str]:
    model = table.model()
    return [
        str(model.headerData(column, Qt.Orientation.Horizontal))
        for column in range(model.columnCount())
    ]
