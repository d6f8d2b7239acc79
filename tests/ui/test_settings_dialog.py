"""Strumenti → Impostazioni: site, display name and language are saved, bad input is refused;
the operator is the OS account, shown and never typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.codes import OperatorRole, SiteKind
from desktop.domain.identity import os_account
from desktop.services.installation import current_actor
from desktop.services.sites import installation_settings, own_job_centre_id
from desktop.services.worklist import DEFAULT_TAKE_IN_CHARGE_DAYS, take_in_charge_days
from desktop.store.engine import Store
from desktop.store.models import LocalSetting, Operator
from desktop.ui.language import LANGUAGE_ENV, LANGUAGE_SETTING, chosen_language
from desktop.ui.operations import Changes, change_hub
from desktop.ui.settings.dialog import SettingsDialog
from sync.client import db as local
from tests.services_support import Network, build_network
from tests.ui.list_fixtures import clean_settings, italian, italian_qm  # noqa: F401
from tests.ui.referral_support import unnamed_inputs


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


@pytest.fixture
def dialog(
    qtbot: QtBot,
    store: Store,
    network: Network,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> SettingsDialog:
    settings = SettingsDialog(store)
    qtbot.addWidget(settings)
    return settings


def test_the_dialog_is_italian(dialog: SettingsDialog) -> None:
    assert dialog.windowTitle() == "Impostazioni"
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert kinds == ["Ambito territoriale", "Centro per l'Impiego (CPI)"]
    assert dialog.language_combo.currentText() == "Italiano"


def test_choosing_a_cpi_site_saves_it_with_its_job_centre(
    qtbot: QtBot,
    dialog: SettingsDialog,
    store: Store,
    network: Network,
    clean_settings: QSettings,  # noqa: F811
) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SiteKind.CPI.value))
    sites = [dialog.site_combo.itemText(i) for i in range(dialog.site_combo.count())]
    assert sites == ["CPI GA", "CPI Varese"]  # by name: a site code is never shown
    dialog.site_combo.setCurrentIndex(dialog.site_combo.findData("CPI-VA"))
    assert dialog.job_centre_label.text() == "CPI di Varese"
    assert dialog.job_centre_label.isVisibleTo(dialog)
    dialog.full_name_edit.setText("  Carla   Neri ")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    with qtbot.waitSignal(change_hub().changed, timeout=5000) as notice:
        dialog.accept()
    assert dialog.result() == 1
    assert notice.args is not None and notice.args[0] == Changes(site=True)  # status bar, lists
    saved = installation_settings(store)
    assert (saved.site_code, saved.site_kind, saved.site_name) == (
        "CPI-VA",
        SiteKind.CPI,
        "CPI Varese",
    )
    assert (saved.operator, saved.operator_name) == (os_account(), "Carla Neri")
    assert current_actor(store).operator == os_account()
    assert current_actor(store).site_kind is SiteKind.CPI
    assert own_job_centre_id(store) == network.job_centre_id
    assert clean_settings.value(LANGUAGE_SETTING) == "en"


def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    dialog: SettingsDialog, store: Store
) -> None:
    before = installation_settings(store)
    notices: list[object] = []

    def record(changes: object, _initiator: object) -> None:
        notices.append(changes)

    change_hub().changed.connect(record)
    dialog.site_combo.clear()  # no site chosen
    dialog.full_name_edit.setText("x" * 201)
    dialog.accept()
    change_hub().changed.disconnect(record)
    assert dialog.result() == 0
    assert notices == []  # refused: nothing to announce
    assert "sede" in dialog._errors["site"].text()
    assert not dialog._errors["site"].isHidden()
    assert "200 caratteri" in dialog._errors["operator_name"].text()
    assert installation_settings(store) == before


def test_the_language_chosen_applies_at_the_next_start(
    qapp: QApplication,
    clean_settings: QSettings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert chosen_language() == "it"
    clean_settings.setValue(LANGUAGE_SETTING, "en")
    assert chosen_language() == "en"
    monkeypatch.setenv(LANGUAGE_ENV, "it")  # the environment wins over the user's choice
    assert chosen_language() == "it"


def test_every_input_has_an_accessible_name(dialog: SettingsDialog) -> None:
    assert unnamed_inputs(dialog) == []


def test_an_enrolled_workstation_keeps_the_site_the_server_gave(
    qtbot: QtBot,
    store: Store,
    network: Network,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> None:
    before = installation_settings(store)
    with local.transaction(store) as connection:
        local.set_setting(connection, local.SERVER_URL, "https://trama.example.invalid")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.enrolled
    assert not dialog.kind_combo.isEnabled()
    assert not dialog.site_combo.isEnabled()
    # Even a site picked behind the disabled combo is not saved: only the display name changes.
    dialog.site_combo.setCurrentIndex(dialog.site_combo.count() - 1)
    dialog.full_name_edit.setText("Giulia Rossi")
    dialog.accept()
    saved = installation_settings(store)
    assert (saved.site_code, saved.site_kind) == (before.site_code, before.site_kind)
    assert (saved.operator, saved.operator_name) == (os_account(), "Giulia Rossi")


def test_the_operator_is_the_os_account_shown_and_never_typed(
    qtbot: QtBot, dialog: SettingsDialog, store: Store
) -> None:
    assert dialog.account_edit.text() == os_account()
    assert dialog.account_edit.isReadOnly()
    assert "Windows" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    # Typing into the read-only field (as a script could) changes no identity.
    dialog.account_edit.setText("m.rossi")
    dialog.full_name_edit.setText("Maria Rossi")
    dialog.accept()
    assert dialog.result() == 1
    assert current_actor(store).operator == os_account()
    assert current_actor(store).display_name == "Maria Rossi"
    with store.read() as session:
        assert "m.rossi" not in {row.value for row in session.scalars(select(LocalSetting))}


def test_the_role_from_the_site_configuration_is_shown(
    qtbot: QtBot,
    store: Store,
    network: Network,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> None:
    with store.write() as session:
        session.add(
            Operator(
                username=os_account().upper(),  # Windows accounts ignore case
                full_name="Maria Rossi",
                site_code=current_actor(store).site_code,
                role=OperatorRole.PRIVACY_OFFICER,
                owner_site="PROVINCIA",
                updated_by="test",
            )
        )
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.role_label.text() == "Referente privacy"
    assert dialog.full_name_edit.placeholderText() == "Maria Rossi"


def test_the_start_pages_take_in_charge_delay_is_saved(
    qtbot: QtBot, dialog: SettingsDialog, store: Store
) -> None:
    spin = dialog.take_in_charge_days
    assert spin.value() == DEFAULT_TAKE_IN_CHARGE_DAYS
    assert spin.accessibleName() == "Presa in carico entro"
    assert spin.suffix() == " giorni"
    spin.setValue(21)
    with qtbot.waitSignal(change_hub().changed, timeout=5000) as notice:
        dialog.accept()
    assert notice.args is not None and notice.args[0] == Changes(site=True)  # Da fare reads again
    assert take_in_charge_days(store) == 21
