"""Persone → "Estratto dei dati personali…": only for the roles that answer access requests;
it writes the PDF and the JSON beside it, and records the PDF as issued (offscreen, Italian).

Every name is invented.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.domain.codes import OperatorRole
from desktop.domain.identity import os_account
from desktop.services.documents import list_issued_documents
from desktop.services.installation import SITE_CODE, SITE_KIND, set_settings
from desktop.services.persons import PersonDetail
from desktop.services.referrals.records import create_referral
from desktop.store.engine import Store
from desktop.store.models import Operator
from desktop.ui.operations import Changes, announce
from desktop.ui.persons import extract as extract_module
from desktop.ui.persons.page import PersonsPage
from tests.services_support import build_network, make_person, neet_input
from tests.ui.list_fixtures import clean_settings, italian, italian_qm  # noqa: F401

TODAY = date(2026, 11, 27)


@pytest.fixture
def giulia(store: Store) -> PersonDetail:
    network = build_network(store)
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: "ambito"})
    person = make_person(store, network)
    make_person(store, network, last_name="Bianchi", first_name="Marco", sex="M")
    create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    return person


def give_role(store: Store, role: OperatorRole) -> None:
    with store.write() as session:
        session.add(
            Operator(
                username=os_account(),
                full_name="Sara Conti",
                site_code="AMB-VA",
                role=role,
                owner_site="PROV",
            )
        )


def open_page(qtbot: QtBot, store: Store, person: PersonDetail) -> PersonsPage:
    page = PersonsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.table.selectRow(page.model.row_of(person.id))
    assert page.detail.person is not None and page.detail.person.id == person.id
    return page


@pytest.mark.parametrize("role", [None, OperatorRole.SOCIAL_WORKER, OperatorRole.REFERENT])
def test_the_action_is_disabled_without_the_role_and_says_why(
    qtbot: QtBot,
    store: Store,
    giulia: PersonDetail,
    role: OperatorRole | None,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if role is not None:
        give_role(store, role)
    page = open_page(qtbot, store, giulia)
    button = page.detail.extract_button
    assert button.text() == "&Estratto dei dati personali…"
    assert not button.isEnabled()
    assert "riservato al referente privacy" in button.toolTip()
    # Called anyway (a stale button): refused with the reason, no file dialog.
    messages: list[str] = []
    monkeypatch.setattr(
        extract_module, "show_message", lambda _p, _t, text, **_k: messages.append(text)
    )
    monkeypatch.setattr(
        extract_module.QFileDialog,
        "getSaveFileName",
        lambda *_a: pytest.fail("no file dialog without the role"),
    )
    page.save_extract()
    assert messages and "riservato al referente privacy" in messages[0]
    assert list_issued_documents(store, record_id=giulia.id) == []


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_role_granted_by_a_sync_enables_the_action(
    qtbot: QtBot,
    store: Store,
    giulia: PersonDetail,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> None:
    page = open_page(qtbot, store, giulia)
    page.show()
    assert not page.detail.extract_button.isEnabled()
    give_role(store, OperatorRole.ADMINISTRATIVE)
    announce(Changes(reference=True))
    qtbot.waitUntil(page.detail.extract_button.isEnabled)
    assert "art. 15" in page.detail.extract_button.toolTip()


def test_the_extract_is_written_as_pdf_and_json_beside_it(
    qtbot: QtBot,
    store: Store,
    giulia: PersonDetail,
    tmp_path: Path,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    page = open_page(qtbot, store, giulia)
    assert page.detail.extract_button.isEnabled()
    proposed: list[str] = []

    def choose(_parent: object, caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        proposed.extend([caption, suggested])
        return str(tmp_path / "estratto-brambilla"), "Documenti PDF (*.pdf)"

    messages: list[tuple[str, bool]] = []
    monkeypatch.setattr(extract_module.QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr(
        extract_module,
        "show_message",
        lambda _p, _t, text, warning=False: messages.append((text, warning)),
    )
    page.detail.extract_button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert proposed[0] == "Salva l'estratto dei dati personali"
    assert Path(proposed[1]).name == "estratto-dati-personali-giulia-brambilla-2026-11-27.pdf"
    pdf, document = tmp_path / "estratto-brambilla.pdf", tmp_path / "estratto-brambilla.json"
    text, warning = messages[0]
    assert not warning, text
    assert text.startswith("L'estratto dei dati personali è stato salvato:")
    assert str(pdf) in text and str(document) in text
    assert pdf.read_bytes().startswith(b"%PDF")
    data = json.loads(document.read_text(encoding="utf-8"))
    assert data["persona"]["dati_anagrafici"]["codice_fiscale"] == giulia.fiscal_code
    assert "Bianchi" not in document.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.part"))
    issued = list_issued_documents(store, record_id=giulia.id)
    assert [row.document_type for row in issued] == ["personal_data_extract"]


def test_a_file_that_cannot_be_written_is_told_and_not_recorded(
    qtbot: QtBot,
    store: Store,
    giulia: PersonDetail,
    tmp_path: Path,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    page = open_page(qtbot, store, giulia)
    missing = tmp_path / "cartella-che-non-esiste" / "estratto.pdf"
    monkeypatch.setattr(
        extract_module.QFileDialog, "getSaveFileName", lambda *_a: (str(missing), "")
    )
    messages: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        extract_module,
        "show_message",
        lambda _p, _t, text, warning=False: messages.append((text, warning)),
    )
    page.save_extract()
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    text, warning = messages[0]
    assert warning
    assert text.startswith("L'estratto dei dati personali non è stato salvato:")
    assert list_issued_documents(store, record_id=giulia.id) == []
    assert not missing.parent.exists()


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot: QtBot,
    store: Store,
    giulia: PersonDetail,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    page = open_page(qtbot, store, giulia)
    monkeypatch.setattr(extract_module.QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    page.save_extract()
    assert list_issued_documents(store, record_id=giulia.id) == []
