"""The persons list has no row cap (issue 20): 5,000 persons are all there, read off the GUI
thread after a first block, and the view stays windowed (a paint asks only for the rows on
screen)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from desktop.services.installation import SITE_CODE, SITE_KIND, set_settings
from desktop.store.engine import Store
from desktop.ui.common import tables
from desktop.ui.persons.list_model import FIRST_BLOCK
from desktop.ui.persons.page import PersonsPage
from tests.services_support import build_network, make_person
from tests.ui.persons_bulk import add_persons, numbered_names

# Qt's offscreen platform says this of every window it shows; it is not a fault of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = date(2026, 11, 27)
MANY = 5_000


@pytest.fixture
def many(store: Store) -> Store:
    network = build_network(store)
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: "ambito"})
    make_person(store, network)  # the template of the copies: "Brambilla Giulia"
    add_persons(store, numbered_names(MANY), born=date(1960, 1, 1))
    return store


def test_five_thousand_persons_are_listed_without_a_cap(
    qtbot: QtBot, many: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every text a cell shows is made by the kit's cell_text when the view asks for it.
    asked: list[object] = []
    cell_text = tables.cell_text

    def counting(cell: Any) -> str:
        asked.append(cell)
        return cell_text(cell)

    monkeypatch.setattr(tables, "cell_text", counting)
    page = PersonsPage(many, today=lambda: TODAY)
    qtbot.addWidget(page)
    # The first block at once, the rest from the worker.
    assert page.model.rowCount() == FIRST_BLOCK
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
    assert page.model.rowCount() == MANY + 1
    assert page.hint.text().startswith(f"{MANY + 1} person")

    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    table = page.table
    assert not isinstance(table, QTableWidget)  # no item per cell
    table.scrollToBottom()
    asked.clear()
    table.viewport().repaint()
    last = page.model.rowCount() - 1
    assert table.text(last, 0) == f"Cognome{MANY - 1:05d} Nome"
    assert f"Cognome{MANY - 1:05d} Nome" in asked  # the end of the list was painted
    # Windowed: the paint made the texts of the rows on screen, not of the 5,001.
    visible_rows = table.viewport().height() // table.verticalHeader().defaultSectionSize() + 2
    assert 0 < len(asked) <= visible_rows * page.model.columnCount() * 3

    # Sorting 5,001 rows by birth date, newest first, keeps them all.
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert page.model.rowCount() == MANY + 1
    newest = [table.text(row, 0) for row in range(2)]
    assert newest == ["Brambilla Giulia", f"Cognome{MANY - 1:05d} Nome"]  # born 2004, 1973


def test_a_search_narrows_the_many_at_once(qtbot: QtBot, many: Store) -> None:
    page = PersonsPage(many, today=lambda: TODAY)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
    page.search_field.setText("cognome0012")
    page.search_now()
    assert not page.model.loading  # ten matches: no worker needed
    assert page.model.column_texts(0) == [f"Cognome{n:05d} Nome" for n in range(120, 130)]
