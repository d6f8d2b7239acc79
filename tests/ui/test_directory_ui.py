"""The Rubrica screens and the directory pickers, driven as a person would (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.codes import OrganizationKind
from desktop.services.directory import (
    ContactDetail,
    OrganizationRow,
    list_contacts,
    list_organizations,
    list_referents,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import select_data
from desktop.ui.common.formats import format_money
from desktop.ui.directory.dialogs import ContactDialog, OrganizationDialog
from desktop.ui.directory.page import DirectoryPage
from desktop.ui.directory.pickers import ContactPicker, pick_contacts, pick_organization
from desktop.ui.operations import Changes, change_hub
from tests.ui.codesign_support import (
    OFFSCREEN_DIALOG_NOTICE,
    TODAY,
    build_seeded_database,
    click_ok,
    column_texts,
    compiled_italian,
    copied_store,
    header_texts,
    italian_translation,
    modal,
)

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG_NOTICE)


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded_database(tmp_path_factory.mktemp("seeded"))


@pytest.fixture
def store(tmp_path: Path, seeded_database: Path) -> Iterator[Store]:
    with copied_store(seeded_database, tmp_path / "data") as opened:
        yield opened


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compiled_italian(tmp_path_factory.mktemp("qm"))


@pytest.fixture
def italian(qapp: QApplication, italian_qm: Path) -> Iterator[None]:
    with italian_translation(qapp, italian_qm):
        yield


@pytest.fixture
def page(qtbot: QtBot, store: Store, italian: None) -> DirectoryPage:
    shown = DirectoryPage(store, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    return shown


def test_organisations_show_kind_comune_and_runts_and_are_searched(
    qtbot: QtBot, page: DirectoryPage, store: Store
) -> None:
    tab = page.organizations
    assert [page.tabs.tabText(index) for index in range(3)] == [
        "Enti",
        "Contatti",
        "Referenti dei CPI",
    ]
    assert header_texts(tab.table) == ["Denominazione", "Tipo", "Comune", "Numero RUNTS"]
    every = list_organizations(store)
    assert tab.table.rowCount() == len(every)
    ets = next(row for row in every if row.runts_number)
    tab.search.setText(ets.runts_number)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert column_texts(tab.table, 0) == [ets.name]
    assert column_texts(tab.table, 3) == [ets.runts_number]
    assert ets.name in tab.details.text()

    tab.search.clear()
    select_data(tab.kind, OrganizationKind.CPI)
    names = column_texts(tab.table, 0)
    assert names and all(name.startswith("CPI") for name in names)
    assert set(column_texts(tab.table, 1)) == {"Centro per l'Impiego (CPI)"}


def test_a_new_organisation_and_its_contact_are_saved_from_the_dialogs(
    qtbot: QtBot, page: DirectoryPage, store: Store
) -> None:
    tab = page.organizations
    tab.new_button.click()
    dialog = modal(qtbot, OrganizationDialog)
    dialog.name.setText("Cooperativa sociale Il Girasole")
    select_data(dialog.kind, OrganizationKind.SOCIAL_COOP_B)
    dialog.runts_number.setText("204518")
    dialog.address.setText("Via dei Mille 3")
    dialog.municipality.setEditText("Gallarate")
    dialog.email.setText("non-una-mail")
    click_ok(dialog)
    # Refused: the message is shown in the dialog, which stays open with what was typed.
    assert dialog.isVisible()
    assert "E-mail" in dialog.banner.text()
    assert not [row for row in list_organizations(store) if row.name.endswith("Girasole")]
    dialog.email.setText("info@girasole.example.org")
    notices: list[object] = []

    def record(changes: object, _initiator: object) -> None:
        notices.append(changes)

    change_hub().changed.connect(record)
    click_ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # The contacts tab and other areas' pickers show organisations too: they are told.
    assert notices == [Changes(directory=True)]
    [saved] = [row for row in list_organizations(store) if row.name.endswith("Girasole")]
    assert (saved.runts_number, saved.municipality_name) == ("204518", "Gallarate")
    assert tab.selected_id() == saved.id

    tab.new_contact_button.click()
    contact_dialog = modal(qtbot, ContactDialog)
    assert contact_dialog.organization.key() == saved.id
    contact_dialog.last_name.setText("Ferrario")
    contact_dialog.first_name.setText("Giovanna")
    contact_dialog.role.setText("Presidente")
    click_ok(contact_dialog)
    qtbot.waitUntil(lambda: tab.contacts.rowCount() == 1)
    assert notices == [Changes(directory=True)] * 2
    assert column_texts(tab.contacts, 0) == ["Ferrario Giovanna"]
    assert column_texts(tab.contacts, 1) == ["Presidente"]
    [contact] = list_contacts(store, organization_id=saved.id)
    assert contact.role == "Presidente"
    change_hub().changed.disconnect(record)


def test_contacts_tab_lists_roles_and_organisations(
    qtbot: QtBot, page: DirectoryPage, store: Store
) -> None:
    page.tabs.setCurrentIndex(1)
    tab = page.contacts
    assert tab.table.rowCount() == len(list_contacts(store))
    tab.search.setText("referente neet")
    qtbot.waitUntil(lambda: 0 < tab.table.rowCount() < len(list_contacts(store)))
    assert set(column_texts(tab.table, 1)) == {"Referente NEET"}
    assert all(name.startswith("CPI") for name in column_texts(tab.table, 2))


def test_referents_of_each_cpi_with_their_validity(
    qtbot: QtBot, page: DirectoryPage, store: Store
) -> None:
    page.tabs.setCurrentIndex(2)
    tab = page.referents
    every = list_referents(store)
    assert tab.table.rowCount() == len(every)
    ended = [row for row in every if row.valid_to is not None and row.valid_to < TODAY]
    assert ended, "the demo has referents who left office"
    row = tab.table.rows_model.row_of(ended[0].id)
    assert tab.table.text(row, 6) == ended[0].valid_to.strftime("%d/%m/%Y")
    assert tab.table.text(row, 7) == "No"
    tab.current_only.setChecked(True)
    assert tab.table.rowCount() == len(every) - len(ended)
    assert set(column_texts(tab.table, 7)) == {"Sì"}
    assert {"NEET", "Collocamento mirato (CMD)"} <= set(column_texts(tab.table, 1))


def test_pick_organization_hands_the_choice_to_the_caller(
    qtbot: QtBot, page: DirectoryPage, store: Store
) -> None:
    chosen: list[OrganizationRow] = []
    picker = pick_organization(page, store, on_picked=chosen.append, kind=OrganizationKind.APS)
    assert modal(qtbot, type(picker)) is picker
    aps = list_organizations(store, kind=OrganizationKind.APS)
    assert picker.table.rowCount() == len(aps)
    picker.choose(aps[-1].id)
    click_ok(picker)
    assert [row.id for row in chosen] == [aps[-1].id]


def test_pick_contacts_returns_the_ticked_ones(
    qtbot: QtBot, page: DirectoryPage, store: Store
) -> None:
    chosen: list[list[ContactDetail]] = []
    first, second, third = list_contacts(store)[:3]
    picker = pick_contacts(page, store, on_picked=chosen.append, exclude_ids=[third.id])
    assert modal(qtbot, ContactPicker) is picker
    assert third.full_name not in column_texts(picker.table, 0)
    picker.tick(second.id)
    picker.tick(first.id)
    assert picker.count_label.text() == "2 scelti"
    click_ok(picker)
    assert [[contact.id for contact in contacts] for contacts in chosen] == [[first.id, second.id]]


def test_money_is_shown_as_italian_euro(italian: None) -> None:
    assert format_money(123456) == "€ 1.234,56"
    assert format_money(5) == "€ 0,05"
    assert format_money(100_000_000) == "€ 1.000.000,00"
