"""Strumenti → Registro degli accessi…, driven as a privacy officer (and as a social worker)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.documents.formatting import local_datetime
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import OperatorRole
from desktop.domain.identity import os_account
from desktop.services import audit as audit_module
from desktop.services.audit import Access, record_accesses
from desktop.services.audit_query import HEADERS, PAGE_ROWS
from desktop.services.installation import SITE_CODE, SITE_KIND, SITE_NAME, set_settings
from desktop.services.referrals.records import create_referral
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, IssuedDocument, Operator
from desktop.ui.app import install_translations
from desktop.ui.audit.dialog import COL_WHEN, AuditDialog, open_audit_dialog
from desktop.ui.audit.person_dialog import RegisterDialog
from desktop.ui.i18n import compile_translations
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Changes, announce
from tests.services_support import Network, build_network, make_person, neet_input

TODAY = date(2026, 11, 27)
SHOTS = os.environ.get("TRAMA_AUDIT_SHOTS", "")

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def network(store: Store) -> Network:
    network = build_network(store)
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: "ambito", SITE_NAME: "Ambito di Varese"})
    return network


def give_role(store: Store, role: OperatorRole) -> None:
    with store.write() as session:
        existing = session.scalar(select(Operator).where(Operator.username == os_account()))
        if existing is None:
            session.add(
                Operator(
                    username=os_account(),
                    full_name="Paola Bianchi",
                    site_code="AMB-VA",
                    role=role,
                    owner_site="PROV",
                    updated_by="test",
                )
            )
        else:
            existing.role = role


def _at(store: Store, moment: datetime, actor: object, *accesses: Access) -> None:
    original = audit_module.utcnow
    audit_module.utcnow = lambda: moment  # type: ignore[assignment]
    try:
        record_accesses(store, actor=actor, accesses=accesses)  # type: ignore[arg-type]
    finally:
        audit_module.utcnow = original  # type: ignore[assignment]


@pytest.fixture
def trail(store: Store, network: Network) -> dict[str, str]:
    giulia = make_person(store, network)
    marco = make_person(store, network, last_name="Colombo", first_name="Marco", sex="M")
    referral = create_referral(store, actor=network.ambito, data=neet_input(giulia.id), today=TODAY)
    rossi = replace(network.ambito, workstation="PC-AMB-01")
    ferri = replace(network.ambito, operator="AMBITO\\l.ferri", workstation="PC-AMB-02")
    _at(
        store,
        datetime(2026, 11, 2, 8, 30, tzinfo=UTC),
        rossi,
        Access(AuditAction.OPEN_PERSON, AuditEntity.PERSON, giulia.id),
        Access(AuditAction.OPEN_CMD_SECTION, AuditEntity.REFERRAL, referral.id),
    )
    _at(
        store,
        datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
        ferri,
        Access(AuditAction.PREVIEW, "privacy_notice", referral.id),
        Access(AuditAction.OPEN_PERSON, AuditEntity.PERSON, marco.id),
        Access(AuditAction.EXPORT_SENSITIVE, AuditEntity.REFERRAL_LIST, "", "40 righe"),
    )
    return {"giulia": giulia.id, "referral": referral.id, "number": referral.number}


def _rows(store: Store, action: str) -> list[tuple[str, str, str]]:
    query = (
        select(AuditEntry.operator, AuditEntry.entity, AuditEntry.entity_id)
        .where(AuditEntry.action == action)
        .order_by(AuditEntry.seq)
    )
    with store.read() as session:
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def window(qtbot: QtBot, store: Store, network: Network) -> Iterator[MainWindow]:
    main = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(main)
    yield main


def _tools(window: MainWindow) -> tuple[QMenu, QAction]:
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if action is window.audit.action:
                return menu, action
    raise AssertionError("no audit entry in the menus")


def _open(qtbot: QtBot, store: Store) -> AuditDialog:
    dialog = open_audit_dialog(None, store, today=lambda: TODAY)
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_the_entry_is_disabled_and_says_why_without_the_role(
    window: MainWindow, store: Store
) -> None:
    menu, action = _tools(window)
    assert "Tools" in menu.title() or "Strumenti" in menu.title()
    menu.aboutToShow.emit()
    assert not action.isEnabled()
    assert "privacy officer" in action.toolTip()
    assert menu.toolTipsVisible()
    give_role(store, OperatorRole.SOCIAL_WORKER)
    menu.aboutToShow.emit()
    assert not action.isEnabled()
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    menu.aboutToShow.emit()
    assert action.isEnabled()
    assert "privacy officer" not in action.toolTip()


def test_a_social_worker_gets_no_screen_and_nothing_is_recorded(
    qtbot: QtBot, store: Store, network: Network, trail: object
) -> None:
    give_role(store, OperatorRole.SOCIAL_WORKER)
    assert open_audit_dialog(None, store) is None
    assert _rows(store, AuditAction.VIEW_AUDIT) == []


# Bringing the open screen forward calls raise(), which the offscreen platform only warns about.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_the_privacy_officer_opens_it_from_the_menu_once_audited(
    qtbot: QtBot, window: MainWindow, store: Store, trail: dict[str, str]
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    menu, action = _tools(window)
    menu.aboutToShow.emit()
    action.trigger()
    dialog = window.audit.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    # Filtering reads again, but the opening alone is recorded.
    dialog.operator_combo.setCurrentIndex(dialog.operator_combo.findData("AMBITO\\l.ferri"))
    assert _rows(store, AuditAction.VIEW_AUDIT) == [(os_account(), "audit", "")]
    assert window.audit.open_screen() is dialog  # a second trigger brings it forward
    dialog.close()
    qtbot.waitUntil(lambda: window.audit.dialog is None)
    action.trigger()  # closed, it opens anew, and that opening is recorded too
    again = window.audit.dialog
    assert again is not None and again.isVisible()
    qtbot.addWidget(again)
    assert len(_rows(store, AuditAction.VIEW_AUDIT)) == 2


def test_the_screen_follows_saves_made_elsewhere(
    qtbot: QtBot, store: Store, network: Network, trail: dict[str, str]
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    dialog = _open(qtbot, store)
    dialog.show()
    before = dialog.table.rowCount()
    record_accesses(
        store,
        actor=network.ambito,
        accesses=[Access(AuditAction.OPEN_PERSON, AuditEntity.PERSON, trail["giulia"])],
    )
    announce(Changes(persons=True))
    assert dialog.table.rowCount() == before + 1


def test_filters_sorting_and_the_empty_message(
    qtbot: QtBot, store: Store, network: Network, trail: dict[str, str]
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    dialog = _open(qtbot, store)
    dialog.show()
    _shot(dialog, "audit-screen")
    cells = dialog.shown_cells()
    assert cells[0][3] == "Consultazione del registro degli accessi"  # newest first: this opening
    assert dialog.count_label.text() == f"{len(cells)} row(s)"  # English source strings
    assert not dialog.more_button.isVisible()
    operators = [dialog.operator_combo.itemText(i) for i in range(dialog.operator_combo.count())]
    assert {"AMBITO\\l.ferri", "a.rossi", os_account()} <= set(operators)
    actions = [dialog.action_combo.itemText(i) for i in range(dialog.action_combo.count())]
    assert "Apertura della scheda della persona" in actions
    assert "open_person" not in actions

    dialog.operator_combo.setCurrentIndex(dialog.operator_combo.findData("AMBITO\\l.ferri"))
    assert {row[1] for row in dialog.shown_cells()} == {"AMBITO\\l.ferri"}
    assert len(dialog.shown_cells()) == 3
    preview = next(row for row in dialog.shown_cells() if row[3] == "Anteprima di stampa")
    assert preview[4:7] == ["Informativa privacy", trail["number"], trail["referral"]]

    dialog.operator_combo.setCurrentIndex(0)
    dialog.record_field.setText(trail["number"])
    dialog.record_field.returnPressed.emit()
    assert {row[6] for row in dialog.shown_cells()} == {trail["referral"]}

    dialog.record_field.clear()
    dialog.refresh()
    dialog.action_combo.setCurrentIndex(
        dialog.action_combo.findData(AuditAction.EXPORT_SENSITIVE.value)
    )
    assert [row[7] for row in dialog.shown_cells()] == ["40 righe"]

    dialog.action_combo.setCurrentIndex(0)
    dialog.since_field.set_value(date(2026, 11, 1))
    dialog.until_field.set_value(date(2026, 11, 10))
    assert {row[0] for row in dialog.shown_cells()} == {"02/11/2026 09:30"}

    # Sorting by a heading; the time sorts as a time, not as text.
    dialog.since_field.set_value(None)
    dialog.until_field.set_value(None)
    dialog.table.sortItems(COL_WHEN, Qt.SortOrder.AscendingOrder)
    whens = [row[0] for row in dialog.shown_cells()]
    assert whens[0] == "02/11/2026 09:30"
    # Shown in the office's time (Europe/Rome): near midnight UTC its day is not the UTC one.
    office_today = local_datetime(datetime.now(UTC)).strftime("%d/%m/%Y")
    assert whens[-1].startswith(office_today)
    dialog.table.sortItems(1, Qt.SortOrder.AscendingOrder)
    names = [row[1].casefold() for row in dialog.shown_cells()]
    assert names == sorted(names)

    # An inverted period is refused beside the filters; the rows stay.
    dialog.since_field.set_value(date(2026, 11, 1))
    shown = dialog.shown_cells()
    dialog.until_field.set_value(date(2026, 10, 1))
    assert dialog.banner.isVisible()
    assert "precede" in dialog.banner.text()
    assert dialog.shown_cells() == shown

    dialog.since_field.set_value(None)
    dialog.until_field.set_value(None)
    dialog.record_field.setText("2030/000001")
    dialog.refresh()
    assert dialog.stack.currentWidget() is dialog.empty_label
    assert not dialog.excel_button.isEnabled() and not dialog.pdf_button.isEnabled()
    _shot(dialog, "audit-screen-empty")


def test_export_to_excel_and_pdf_on_a_worker(
    qtbot: QtBot, store: Store, network: Network, trail: dict[str, str], tmp_path: Path
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    dialog = _open(qtbot, store)
    dialog.operator_combo.setCurrentIndex(dialog.operator_combo.findData("AMBITO\\l.ferri"))
    path = tmp_path / "registro.xlsx"
    task = dialog.export_to(path)
    with qtbot.waitSignal(task.finished, timeout=20_000) as finished:
        pass
    assert finished.args == [3]
    rows = [[cell.value for cell in row] for row in load_workbook(path).active.iter_rows()]
    assert rows[0][:4] == ["Data e ora", "Operatore", "Postazione", "Operazione"]
    assert {row[3] for row in rows[1:]} == {
        "Anteprima di stampa",
        "Apertura della scheda della persona",
        "Esportazione con dati particolari",
    }
    assert dialog.message is not None and "registro.xlsx" in dialog.message.text()
    dialog.message.close()

    pdf = tmp_path / "registro.pdf"
    task = dialog.export_to(pdf)
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert pdf.read_bytes().startswith(b"%PDF")
    assert [row[0] for row in _rows(store, AuditAction.EXPORT_AUDIT)] == [os_account()] * 2

    # A folder that does not exist: a message, no crash, nothing recorded.
    task = dialog.export_to(tmp_path / "nowhere" / "x.xlsx")
    with qtbot.waitSignal(task.failed, timeout=20_000):
        pass
    assert dialog.message is not None
    assert dialog.message.icon() == QMessageBox.Icon.Warning
    assert len(_rows(store, AuditAction.EXPORT_AUDIT)) == 2


def test_the_register_of_a_person_in_the_preview(
    qtbot: QtBot, store: Store, network: Network, trail: dict[str, str], tmp_path: Path
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    dialog = _open(qtbot, store)
    dialog.show()
    chooser = dialog.choose_person()
    assert isinstance(chooser, RegisterDialog)
    qtbot.keyClicks(chooser.search_field, "bramb")
    chooser.search_now()
    assert chooser.results.count() == 1
    assert "Brambilla Giulia" in chooser.results.item(0).text()
    assert chooser.ok_button.isEnabled()
    _shot(chooser, "audit-register-chooser")
    chooser.accept()
    preview = dialog.preview
    assert preview is not None and preview.isVisible()
    qtbot.addWidget(preview)
    assert preview.page_count() >= 1
    assert preview.document.record_id == trail["giulia"]
    assert _rows(store, AuditAction.PRINT_ACCESS_REGISTER) == [
        (os_account(), "person", trail["giulia"])
    ]
    issued = preview.save_to(tmp_path / "registro-brambilla.pdf")
    assert issued is not None
    with store.read() as session:
        kinds = list(session.scalars(select(IssuedDocument.document_type)))
    assert kinds == ["access_register"]


def test_a_register_asked_for_an_unknown_person_says_so(
    qtbot: QtBot, store: Store, network: Network, trail: object
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    dialog = _open(qtbot, store)
    assert dialog.show_register("no-such-id") is None
    assert dialog.message is not None and "non è presente" in dialog.message.text()
    assert QApplication.activeModalWidget() is None or True


@pytest.fixture
def italian(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    qm = compile_translations(language="it", target_dir=tmp_path_factory.mktemp("qm"))
    locale = QLocale()
    translators = install_translations(qapp, "it", compiled=qm)
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_in_italian_the_screen_uses_the_exports_headings(
    qtbot: QtBot, store: Store, network: Network, trail: object, italian: None
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    dialog = _open(qtbot, store)
    dialog.show()
    headers = [
        dialog.table.horizontalHeaderItem(column).text()
        for column in range(dialog.table.columnCount())
    ]
    assert headers == list(HEADERS)
    assert dialog.windowTitle() == "Registro degli accessi"
    assert dialog.count_label.text() == f"{dialog.table.rowCount()} righe"
    assert dialog.operator_combo.itemText(0) == "Tutti gli operatori"
    _shot(dialog, "audit-screen-it")
    chooser = dialog.choose_person()
    qtbot.keyClicks(chooser.search_field, "col")
    chooser.search_now()
    _shot(chooser, "audit-register-chooser-it")
    chooser.reject()


def test_long_trails_are_read_a_page_at_a_time(
    qtbot: QtBot, store: Store, network: Network, trail: object
) -> None:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    record_accesses(
        store,
        actor=network.ambito,
        accesses=[Access(AuditAction.SEARCH, AuditEntity.PERSON_LIST, "") for _ in range(600)],
    )
    dialog = _open(qtbot, store)
    dialog.show()
    total = dialog.page.total if dialog.page is not None else 0
    assert total > 600
    assert dialog.table.rowCount() == PAGE_ROWS
    assert dialog.count_label.text() == f"500 of {total} rows shown"
    assert dialog.more_button.isVisible()
    dialog.more_button.click()
    assert dialog.table.rowCount() == total
    assert not dialog.more_button.isVisible()
    ids = [dialog.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(total)]
    assert len(set(ids)) == total
