"""The audit of access, driven as an operator would (issue 15): opening a CMD referral and its
CMD section, searching the lists, opening a person, exporting with sensitive columns and
printing each add the expected rows, as the OS account whatever the settings say, and no row
holds a name or a codice fiscale in any column."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.documents import DocumentType
from desktop.domain.codes import SiteKind, Track
from desktop.domain.identity import os_account
from desktop.services.audit import AuditRow, list_audit, verify_audit
from desktop.services.documents.batch import BatchItem, build_in_this_process
from desktop.services.installation import (
    OPERATOR,
    OPERATOR_NAME,
    SITE_CODE,
    SITE_KIND,
    current_actor,
    set_settings,
)
from desktop.store.engine import Store
from desktop.store.models import Referral
from desktop.ui.documents import show_document_preview
from desktop.ui.documents.actions import print_documents_batch
from desktop.ui.persons.editor import PersonEditDialog
from desktop.ui.persons.page import PersonsPage
from desktop.ui.referrals.editor import ReferralEditor, Unsaved
from desktop.ui.referrals.export_dialog import ReferralExportDialog
from desktop.ui.referrals.list_model import ReferralListModel
from desktop.ui.referrals.list_view import ReferralListView
from tests.referral_list_support import PERSONS, TODAY, build_list_data
from tests.site_profiles_support import complete_profiles
from tests.ui.list_fixtures import clean_settings, italian, italian_qm  # noqa: F401

TIMEOUT = 30_000
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# Every name and codice fiscale of the persons: none may reach an audit row.
PERSONAL = [word for person in PERSONS.values() for word in person[:3]]
# What someone typed as "their" username and name in the settings of an older release.
TYPED = {SITE_CODE: "AMB-VA", SITE_KIND: SiteKind.AMBITO.value, OPERATOR: "m.falsi"}


def ids(store: Store) -> set[str]:
    return {row.id for row in list_audit(store, limit=10_000)}


def new_rows(store: Store, before: set[str]) -> list[AuditRow]:
    rows = [row for row in list_audit(store, limit=10_000) if row.id not in before]
    return sorted(rows, key=lambda row: row.seq)


def assert_no_personal_data(rows: list[AuditRow]) -> None:
    for row in rows:
        text = " ".join(str(value) for value in dataclasses.astuple(row)).casefold()
        for word in PERSONAL:
            assert word.casefold() not in text, (word, row)


@pytest.fixture
def listed(
    store: Store,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> Store:
    build_list_data(store)
    complete_profiles(store)  # the privacy notices below are printed in the senders' names
    set_settings(store, {**TYPED, OPERATOR_NAME: "Nome Scritto A Mano"})
    return store


def referral_id(store: Store, number: str) -> str:
    with store.read() as session:
        found = session.scalar(select(Referral.id).where(Referral.number == number))
    assert found is not None
    return found


# --- the referral editor --------------------------------------------------------------------


def open_editor(qtbot: QtBot, store: Store, number: str) -> ReferralEditor:
    editor = ReferralEditor(store, referral_id=referral_id(store, number), today=lambda: TODAY)
    editor.ask_unsaved = lambda: Unsaved.DISCARD
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.openingAudited, timeout=TIMEOUT):
        editor.show()
    return editor


def test_opening_a_cmd_referral_and_its_cmd_section_is_audited_once(
    qtbot: QtBot, listed: Store
) -> None:
    before = ids(listed)
    editor = open_editor(qtbot, listed, "2026/000002")  # Marco Bianchi's, CMD
    cmd_id = referral_id(listed, "2026/000002")
    [opened] = new_rows(listed, before)
    assert (opened.action, opened.entity, opened.entity_id, opened.details) == (
        "open_referral",
        "referral",
        cmd_id,
        "track=cmd",
    )
    # The OS account, not what the settings say.
    assert (opened.operator, opened.site) == (os_account(), "AMB-VA")
    assert editor.context.actor.operator == os_account()

    tabs = editor.tabs
    with qtbot.waitSignal(editor.cmdSectionAudited, timeout=TIMEOUT):
        tabs.setCurrentWidget(tabs.cmd_page)
    for _ in range(2):  # looked at again in the same opening: no new row
        tabs.setCurrentWidget(tabs.person_page)
        tabs.setCurrentWidget(tabs.cmd_page)
    rows = new_rows(listed, before)
    assert [(row.action, row.entity_id) for row in rows] == [
        ("open_referral", cmd_id),
        ("open_cmd_section", cmd_id),
    ]
    assert all(row.operator == os_account() for row in rows)
    assert_no_personal_data(rows)
    assert verify_audit(listed).intact


def test_a_neet_referral_has_no_cmd_section_to_audit(qtbot: QtBot, listed: Store) -> None:
    before = ids(listed)
    editor = open_editor(qtbot, listed, "2026/000001")
    for page in (editor.tabs.referral_page, editor.tabs.neet_page, editor.tabs.person_page):
        editor.tabs.setCurrentWidget(page)
    assert [row.action for row in new_rows(listed, before)] == ["open_referral"]


def test_the_health_codes_of_a_neet_referral_are_audited_like_the_cmd_section(
    qtbot: QtBot, listed: Store
) -> None:
    neet_id = referral_id(listed, "2026/000001")
    with listed.write() as session:
        session.get_one(Referral, neet_id).other_services = ["addiction"]  # SerD
    before = ids(listed)
    editor = open_editor(qtbot, listed, "2026/000001")
    tabs = editor.tabs
    with qtbot.waitSignal(editor.healthDataAudited, timeout=TIMEOUT):
        tabs.setCurrentWidget(tabs.neet_page)
    tabs.setCurrentWidget(tabs.person_page)
    tabs.setCurrentWidget(tabs.neet_page)  # again in the same opening: no new row
    rows = new_rows(listed, before)
    assert [(row.action, row.entity_id, row.details) for row in rows] == [
        ("open_referral", neet_id, "track=neet"),
        ("open_health_data", neet_id, "track=neet"),
    ]
    assert_no_personal_data(rows)
    assert verify_audit(listed).intact


# --- the referral list: searches and export ------------------------------------------------


@pytest.fixture
def view(qtbot: QtBot, listed: Store) -> Iterator[ReferralListView]:
    model = ReferralListModel(listed, today=lambda: TODAY)
    page = ReferralListView(model)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.load_choices()
    yield page
    model.close()


def test_a_search_is_audited_once_however_it_was_typed(
    qtbot: QtBot, view: ReferralListView, listed: Store
) -> None:
    before = ids(listed)
    with qtbot.waitSignal(view.searchAudited, timeout=TIMEOUT):
        qtbot.keyClicks(view.search_field, "brambilla")  # nine keystrokes, one pause
    [row] = new_rows(listed, before)
    assert (row.action, row.entity, row.entity_id, row.operator) == (
        "search",
        "referral_list",
        "",
        os_account(),
    )
    assert row.details == "results=2; tracks=neet,cmd; text=text"
    # Reading the rows again (scrolling, a change elsewhere) is no new search.
    view.model.refresh()
    for row_number in range(view.model.rowCount()):
        view.model.row_at(row_number)
    assert len(new_rows(listed, before)) == 1
    assert_no_personal_data(new_rows(listed, before))


def test_a_filter_showing_only_neet_referrals_is_no_audited_search(
    qtbot: QtBot, view: ReferralListView, listed: Store
) -> None:
    before = ids(listed)
    bar = view.filter_bar
    with qtbot.waitSignal(view.searchAudited, timeout=TIMEOUT):
        bar.track_combo.setCurrentIndex(bar.track_combo.findData(Track.NEET.value))
    assert new_rows(listed, before) == []
    with qtbot.waitSignal(view.searchAudited, timeout=TIMEOUT):
        bar.track_combo.setCurrentIndex(bar.track_combo.findData(Track.CMD.value))
    [row] = new_rows(listed, before)
    assert row.details == "results=3; tracks=cmd; filters=track"


def test_exporting_with_sensitive_columns_is_audited(
    qtbot: QtBot,
    view: ReferralListView,
    listed: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "elenco.xlsx"

    def choose(dialog: ReferralExportDialog) -> int:
        dialog.path_edit.setText(str(target))
        dialog.sensitive_box.setChecked(True)
        return 1

    told: list[str] = []
    monkeypatch.setattr(ReferralExportDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    before = ids(listed)
    view.export()
    qtbot.waitUntil(lambda: bool(told), timeout=TIMEOUT)
    assert target.exists()
    [row] = new_rows(listed, before)
    assert (row.action, row.entity, row.operator) == (
        "export_sensitive",
        "referral_list",
        os_account(),
    )
    assert row.details == (
        "kind=referral_list; format=xlsx; rows=6; "
        "columns=referral,names,fiscal_code,birth,residence,contacts,disability"
    )
    assert_no_personal_data([row])


# --- printing --------------------------------------------------------------------------------


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(72)
    return printer


def test_a_preview_and_its_print_are_audited(qtbot: QtBot, listed: Store, tmp_path: Path) -> None:
    actor = current_actor(listed)
    cmd_id = referral_id(listed, "2026/000002")
    before = ids(listed)
    preview = show_document_preview(None, listed, actor, DocumentType.REFERRAL_FORM, cmd_id)
    assert preview is not None
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.issued, timeout=TIMEOUT):
        preview.print_to(pdf_printer(tmp_path / "scheda.pdf"))
    rows = new_rows(listed, before)
    assert [(row.action, row.entity, row.entity_id) for row in rows] == [
        ("preview", "referral", cmd_id),
        ("issue_document", "referral_form", cmd_id),
        ("print", "referral", cmd_id),
    ]
    assert rows[0].details == "document=referral_form"
    assert all(row.operator == os_account() for row in rows)
    assert_no_personal_data(rows)


def test_a_batch_print_audits_each_record_printed(
    qtbot: QtBot, listed: Store, tmp_path: Path
) -> None:
    # Sent by the Ambito whose profile is complete: 000002's sender is no site of this store,
    # and a notice is never issued in the name of an unknown controller.
    numbers = ["2026/000001", "2026/000003", "2026/000007"]
    items = [
        BatchItem(DocumentType.PRIVACY_NOTICE, referral_id(listed, number)) for number in numbers
    ]
    before = ids(listed)
    batch = print_documents_batch(
        None,
        listed,
        current_actor(listed),
        items,
        printer=pdf_printer(tmp_path / "informative.pdf"),
        build=build_in_this_process,
    )
    assert batch is not None
    with qtbot.waitSignal(batch.finished, timeout=TIMEOUT):  # type: ignore[attr-defined]
        pass
    prints = [row for row in new_rows(listed, before) if row.action == "print"]
    assert [(row.entity, row.entity_id) for row in prints] == [
        ("referral", item.record_id) for item in items
    ]
    assert all(row.details.startswith("document=privacy_notice;") for row in prints)
    assert_no_personal_data(new_rows(listed, before))


# --- the persons page ------------------------------------------------------------------------


def test_opening_and_searching_persons_is_audited(
    qtbot: QtBot, listed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = PersonsPage(listed, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    before = ids(listed)
    assert new_rows(listed, before) == []  # the list shown at first is no search
    qtbot.keyClicks(page.search_field, "bianchi")
    qtbot.waitUntil(lambda: bool(new_rows(listed, before)), timeout=TIMEOUT)
    [search] = new_rows(listed, before)
    assert (search.action, search.entity, search.details) == (
        "search",
        "person_list",
        "results=1; text=name",
    )
    page.table.selectRow(0)
    person = page.model.person_at(0)
    assert person is not None
    qtbot.waitUntil(lambda: len(new_rows(listed, before)) == 2, timeout=TIMEOUT)
    opened = new_rows(listed, before)[1]
    assert (opened.action, opened.entity, opened.entity_id, opened.details) == (
        "open_person",
        "person",
        person.id,
        "view=detail",
    )
    page.refresh()  # read again after a change elsewhere: nothing new
    assert len(new_rows(listed, before)) == 2
    monkeypatch.setattr(PersonEditDialog, "exec", lambda _dialog: 0)  # opened, then cancelled
    page.edit_person()
    rows = new_rows(listed, before)
    assert [(row.action, row.entity_id, row.details) for row in rows[2:]] == [
        ("open_person", person.id, "view=edit")
    ]
    assert all(row.operator == os_account() for row in rows)
    assert_no_personal_data(rows)
