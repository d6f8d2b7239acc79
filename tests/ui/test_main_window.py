"""The application shell and the referral list, driven as a person would (offscreen)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import desktop
from desktop.demo.reference import DEMO_ACCOUNT_NAME, install_demo_reference
from desktop.demo.seed import seed_demo
from desktop.domain.identity import os_account
from desktop.domain.text import normalise_search_text
from desktop.services.referrals.listing import ReferralFilter, count_referrals
from desktop.store.engine import Store, database_path
from desktop.store.errors import StoreError
from desktop.store.migrate import open_store
from desktop.store.models import Person, Referral
from desktop.ui import app as app_module
from desktop.ui.app import install_translations
from desktop.ui.common.pages import DeferredPage
from desktop.ui.i18n import compile_translations
from desktop.ui.main_window import PAGE_PROJECTS, PAGE_REFERRALS, MainWindow
from desktop.ui.operations import Changes, announce, change_hub
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.referrals.list_model import (
    COL_NUMBER,
    COL_PERSON,
    REFERRAL_ID_ROLE,
    ReferralListModel,
)
from tests.conftest import copy_data_folder, kept_recovery_key

TODAY = date(2026, 11, 27)
SEEDED_REFERRALS = 200

ITALIAN_HEADERS = [
    "Numero",
    "Data",
    "Percorso",
    "Persona",
    "Età",
    "Comune",
    "CPI",
    "Stato",
    "Giorni nello stato",
]
ITALIAN_AREAS = [
    "Da fare",  # the start page, first
    "Segnalazioni",
    "Persone",
    "Progetti",
    "Riunioni",
    "Rubrica",
    "Monitoraggio",
    "Sincronizzazione",
    "Dai CPI",  # an Ambito's PC: the social referrals CPIs address to it
]


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo data file for the module (seeding takes a second); each test gets a copy."""
    folder = tmp_path_factory.mktemp("seeded")
    store = open_store(folder)
    try:
        install_demo_reference(store)
        seed_demo(store, referrals=SEEDED_REFERRALS, seed=3, today=TODAY)
    finally:
        store.dispose()
    kept_recovery_key(folder)
    return database_path(folder)


@pytest.fixture
def seeded_store(tmp_path: Path, seeded_database: Path) -> Iterator[Store]:
    folder = tmp_path / "seeded"
    folder.mkdir()
    store = copy_data_folder(seeded_database.parent, folder)
    try:
        yield store
    finally:
        store.dispose()


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Trama's Italian translation compiled outside the repository."""
    folder = tmp_path_factory.mktemp("qm")
    return compile_translations(language="it", target_dir=folder)


@pytest.fixture
def italian(qapp: QApplication, italian_qm: Path) -> Iterator[None]:
    """The Italian translators and locale for one test, then back to English source strings."""
    locale = QLocale()
    translators = install_translations(qapp, "it", compiled=italian_qm)
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


@pytest.fixture
def window(qtbot: QtBot, seeded_store: Store, italian: None) -> MainWindow:
    main = MainWindow(seeded_store, seeded_store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.startupRead, timeout=5000):
        main.show()
    return main


def visible_numbers(window: MainWindow) -> list[str]:
    model = window.referral_model
    return [model.data(model.index(row, COL_NUMBER)) for row in range(model.rowCount())]


def type_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    view = window.referral_list
    with qtbot.waitSignal(view.countChanged, timeout=5000):
        view.search_field.clear()
        qtbot.keyClicks(view.search_field, text)


def test_window_has_every_area(window: MainWindow) -> None:
    assert window.windowTitle() == "Trama"
    areas = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert areas == ITALIAN_AREAS
    assert window.pages.count() == len(ITALIAN_AREAS)
    assert window.pages.currentWidget() is window.worklist
    window.navigation.setCurrentRow(2)
    assert window.pages.currentIndex() == 2
    assert window.width() >= 1200


def test_list_shows_the_seeded_referrals(window: MainWindow, seeded_store: Store) -> None:
    expected = count_referrals(seeded_store, ReferralFilter())
    assert 0 < expected <= SEEDED_REFERRALS
    assert window.referral_model.rowCount() == expected
    numbers = visible_numbers(window)
    assert all(numbers)
    assert len(set(numbers)) == expected
    assert window.referral_list.count_label.text() == f"{expected} segnalazioni"


def test_headers_are_italian(window: MainWindow) -> None:
    model = window.referral_model
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(column, horizontal) for column in range(len(ITALIAN_HEADERS))]
    assert headers == ITALIAN_HEADERS
    placeholder = window.referral_list.search_field.placeholderText()
    assert placeholder == "Cerca per nome, codice fiscale o numero"


def test_headers_are_english_without_translator(qtbot: QtBot, seeded_store: Store) -> None:
    model = ReferralListModel(seeded_store, today=lambda: TODAY)
    assert model.headerData(COL_NUMBER, Qt.Orientation.Horizontal) == "Number"
    assert model.headerData(COL_PERSON, Qt.Orientation.Horizontal) == "Person"


def test_search_by_surname_substring(qtbot: QtBot, window: MainWindow, seeded_store: Store) -> None:
    with seeded_store.read() as session:
        last_name = session.scalars(
            select(Person.last_name)
            .join(Referral, Referral.person_id == Person.id)
            .where(Person.restricted.is_(False), Referral.restricted.is_(False))
            .where(Referral.deleted.is_(False))
            .order_by(Referral.number)
            .limit(1)
        ).one()
    needle = normalise_search_text(last_name)[1:5]
    assert len(needle) >= 3
    type_search(qtbot, window, needle)
    model = window.referral_model
    assert 0 < model.rowCount() < count_referrals(seeded_store, ReferralFilter())
    ids = [model.data(model.index(row, 0), REFERRAL_ID_ROLE) for row in range(model.rowCount())]
    with seeded_store.read() as session:
        found = session.execute(
            select(Referral.number, Person.fiscal_code, Person.search_name)
            .join(Person, Person.id == Referral.person_id)
            .where(Referral.id.in_(ids))
        ).all()
    assert len(found) == len(ids)
    for number, fiscal_code, search_name in found:
        assert needle in f"{number} {fiscal_code.lower()} {search_name}"
    assert any(needle in search_name for _, _, search_name in found)


def test_search_by_fiscal_code_and_number(
    qtbot: QtBot, window: MainWindow, seeded_store: Store
) -> None:
    with seeded_store.read() as session:
        fiscal_code, number, person_id = session.execute(
            select(Person.fiscal_code, Referral.number, Person.id)
            .join(Referral, Referral.person_id == Person.id)
            .where(Person.restricted.is_(False), Referral.restricted.is_(False))
            .where(Referral.deleted.is_(False))
            .order_by(Referral.number.desc())
            .limit(1)
        ).one()
        person_numbers = set(
            session.scalars(
                select(Referral.number).where(
                    Referral.person_id == person_id,
                    Referral.deleted.is_(False),
                    Referral.restricted.is_(False),
                )
            )
        )
    type_search(qtbot, window, fiscal_code.upper())
    assert set(visible_numbers(window)) == person_numbers

    type_search(qtbot, window, number)
    assert visible_numbers(window) == [number]
    assert window.referral_list.count_label.text() == "1 segnalazione"


def test_status_bar_shows_folder_operator_and_counts(
    qtbot: QtBot, window: MainWindow, seeded_store: Store
) -> None:
    total = count_referrals(seeded_store, ReferralFilter())
    assert window.count_label.text() == f"Segnalazioni: {total} di {total}"
    assert str(seeded_store.path.parent) in window.data_dir_label.text()
    # The operator is the OS account, with the name and role the demo's configuration gives it.
    assert window.actor_label.text() == (
        f"Operatore: {os_account()} ({DEMO_ACCOUNT_NAME}, referente privacy)"
        " — Sede: Ambito di Somma Lombardo"
    )

    type_search(qtbot, window, "zzzzzz")
    assert window.referral_model.rowCount() == 0
    assert window.count_label.text() == f"Segnalazioni: 0 di {total}"
    assert window.referral_list.count_label.text() == "0 segnalazioni"


def test_count_uses_italian_thousands_separator(window: MainWindow) -> None:
    window.referral_list._on_count_changed(12345)
    assert window.referral_list.count_label.text() == "12.345 segnalazioni"


def test_about_names_version_and_istat_credit(window: MainWindow) -> None:
    text = window.about_text()
    assert desktop.__version__ in text
    assert "ISTAT" in text
    assert "CC BY 3.0 IT" in text


def test_model_fetches_blocks_only_on_demand(qtbot: QtBot, seeded_store: Store) -> None:
    """A block is one query, made when a row of it is first asked for; old blocks go first."""
    model = ReferralListModel(seeded_store, today=lambda: TODAY, block_size=10, max_blocks=3)
    assert model.rowCount() > 60
    # The first block comes with the count, in the same read.
    assert model.cached_blocks() == [0]
    assert model.block_fetches == 0
    for column in range(model.columnCount()):
        for row in range(10):
            model.data(model.index(row, column))
    assert model.block_fetches == 0
    for row in (25, 35, 45):
        model.data(model.index(row, COL_NUMBER))
    assert model.block_fetches == 3
    assert model.cached_blocks() == [2, 3, 4]
    model.data(model.index(3, COL_NUMBER))
    assert model.block_fetches == 4
    assert model.cached_blocks() == [3, 4, 0]


def test_view_loads_only_what_it_shows(window: MainWindow) -> None:
    model = window.referral_model
    assert model.rowCount() > 150
    assert model.block_fetches <= 1  # the first block came with the count
    assert model.cached_blocks() == [0]


def test_sorting_by_header_queries_again(qtbot: QtBot, window: MainWindow) -> None:
    model = window.referral_model
    before = model.block_fetches
    window.referral_list.table.sortByColumn(COL_PERSON, Qt.SortOrder.AscendingOrder)
    names = [
        normalise_search_text(model.data(model.index(row, COL_PERSON)))
        for row in range(min(model.rowCount(), 40))
    ]
    assert names == sorted(names)
    assert model.block_fetches > before


def test_run_reports_an_unusable_data_folder(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def refuse(data_dir: Path) -> Store:
        raise StoreError("L'archivio è stato creato da una versione più recente di Trama.")

    def answer(box: QMessageBox) -> int:
        shown.append(box.text() + "\n" + box.informativeText())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setenv("TRAMA_LANGUAGE", "en")
    monkeypatch.setattr("desktop.store.migrate.open_store", refuse)
    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert app_module.run(tmp_path / "data") != 0
    assert len(shown) == 1
    assert "versione più recente" in shown[0]


def test_run_signals_first_paint_for_the_benchmark(
    qapp: QApplication, seeded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready = tmp_path / "ready.txt"
    monkeypatch.setenv("TRAMA_LANGUAGE", "en")
    monkeypatch.setenv("TRAMA_BENCH_READY_FILE", os.fspath(ready))
    monkeypatch.setenv("TRAMA_BENCH_QUIT_AFTER_READY", "1")
    # The window run() opens closes when run() returns: closing the last window would quit the
    # application once more, and that quit would end the next test's event loop at once.
    qapp.setQuitOnLastWindowClosed(False)
    try:
        assert app_module.run(seeded_store.path.parent) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert float(ready.read_text(encoding="utf-8")) > 0
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()[0].width() == 256


def test_list_follows_a_save_made_in_a_referral_editor(qtbot: QtBot, window: MainWindow) -> None:
    """No wiring between the editor and the list: the editor's save announces a change notice
    and the list, which follows them, reads the person's new name."""
    model = window.referral_model
    for row in range(model.rowCount()):
        referral_id = model.index(row, COL_NUMBER).data(REFERRAL_ID_ROLE)
        editor = window.referral_editors.open_referral(referral_id, show=False)
        if editor.rights.edit_data and editor.person.form.last_name.isEnabled():
            break
        editor.close()
    else:
        raise AssertionError("no referral of this site to edit")
    editor.person.form.last_name.setText("Zanzottera")
    editor.save_button.click()  # the tax code no longer matches: a reason is asked for
    editor.person.override_reason.setText("Cognome corretto dopo un controllo")

    with qtbot.waitSignal(change_hub().changed, timeout=5000) as notice:
        editor.save_button.click()

    assert notice.args is not None and notice.args[0].referrals and notice.args[0].persons
    shown = [
        str(model.index(row, COL_PERSON).data())
        for row in range(model.rowCount())
        if model.index(row, COL_NUMBER).data(REFERRAL_ID_ROLE) == referral_id
    ]
    assert len(shown) == 1 and shown[0].startswith("Zanzottera")


def test_a_hidden_page_reads_again_when_shown_after_a_notice(
    qtbot: QtBot, window: MainWindow
) -> None:
    def show_projects() -> ProjectsPage:
        window.navigation.setCurrentRow(PAGE_PROJECTS)
        page = window.pages.currentWidget()
        assert isinstance(page, DeferredPage)
        projects = page.page()
        assert isinstance(projects, ProjectsPage)
        qtbot.waitUntil(projects.isVisible, timeout=5000)
        return projects

    projects = show_projects()
    window.navigation.setCurrentRow(PAGE_REFERRALS)
    assert not projects.isVisible()
    reads: list[str] = []
    projects.list_view.refresh = lambda: reads.append("read")  # type: ignore[method-assign]

    announce(Changes(meetings=True))  # not a kind the projects page shows
    show_projects()
    assert reads == []  # shown again, no notice for it: nothing is read
    window.navigation.setCurrentRow(PAGE_REFERRALS)
    announce(Changes(projects=True))
    assert reads == []  # hidden: only marked stale
    show_projects()
    assert reads == ["read"]
    announce(Changes(projects=True))
    assert reads == ["read", "read"]  # on screen: read at once
