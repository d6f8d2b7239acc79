"""Strumenti → Importa da Excel…: the wizard driven as an operator would, on workbooks built here.

The real services run behind it (reader, mapping, dry run, report, commit); only the file
dialogs and the final confirmation box are answered by the test. Screenshots of every step go
to ``$TRAMA_IMPORT_SHOTS`` when it is set.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QProgressBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.imports import commit as commit_service
from desktop.services.imports import plan as plan_service
from desktop.services.imports.model import NearMatchDecision, RowVerdict
from desktop.services.installation import SITE_CODE, SITE_KIND, SITE_NAME, set_settings
from desktop.store.engine import Store
from desktop.store.models import Person
from desktop.ui.imports.wizard import (
    JOB_COMMIT,
    JOB_DRY_RUN,
    JOB_READ,
    JOB_REPORT,
    STEP_DONE,
    STEP_MAPPING,
    STEP_RESULT,
    STEP_SOURCE,
    ImportWizard,
)
from desktop.ui.main_window import PAGE_PERSONS, MainWindow
from tests.imports.workbooks import PERSON_HEADER, person_rows, write_xlsx
from tests.services_support import Network, build_network, make_person
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

TODAY = date(2026, 11, 27)
SHOTS = os.environ.get("TRAMA_IMPORT_SHOTS", "")
TIMEOUT = 20_000

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def network(store: Store) -> Network:
    network = build_network(store)
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: "ambito", SITE_NAME: "Ambito di Varese"})
    return network


@pytest.fixture
def wizard(qtbot: QtBot, store: Store, network: Network) -> Iterator[ImportWizard]:
    dialog = ImportWizard(store, today=lambda: TODAY)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 660)
    dialog.show()
    yield dialog
    if dialog.task is not None:
        dialog.stop_job()
        qtbot.waitUntil(lambda: dialog.task is None, timeout=TIMEOUT)


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # the layouts settled, as the user would see them
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def run_job(qtbot: QtBot, wizard: ImportWizard, name: str, start: Callable[[], object]) -> None:
    with qtbot.waitSignal(wizard.jobEnded, timeout=TIMEOUT, check_params_cb=lambda n: n == name):
        start()


def persons_in(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def persons_workbook(path: Path, rows: list[list[Any]]) -> Path:
    """An office's list of persons: a title row and a blank one above the header, a note
    column the import leaves out."""
    return write_xlsx(
        path,
        [
            ["Ambito di Varese - elenco persone seguite"],
            [],
            [*PERSON_HEADER, "Note dell'operatore"],
            *[[*row, "seguito dal 2024"] for row in rows],
        ],
        merged=["A1:D1"],
    )


def open_and_map(qtbot: QtBot, wizard: ImportWizard, path: Path, *, persons: bool) -> None:
    if persons:
        wizard.persons_radio.click()
    run_job(qtbot, wizard, JOB_READ, lambda: wizard.open_file(path))
    assert wizard.table is not None, wizard.message_label.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == STEP_MAPPING


def dry_run(qtbot: QtBot, wizard: ImportWizard) -> None:
    run_job(
        qtbot,
        wizard,
        JOB_DRY_RUN,
        lambda: qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton),
    )
    assert wizard.pages.currentIndex() == STEP_RESULT, wizard.message_label.text()


def test_a_persons_workbook_from_file_to_the_persons_page(
    qtbot: QtBot,
    store: Store,
    network: Network,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    italian: None,  # noqa: F811 - the fixture
) -> None:
    # Someone already in Trama, and a row of the file that looks like her mistyped: another
    # codice fiscale, the same birth date, a name one letter off.
    known = make_person(store, network, last_name="Brambilla", first_name="Giulia")
    people = person_rows(4, seed=7)
    born = known.birth_date
    assert born is not None
    code = encode_fiscal_code(
        last_name="Brambila", first_name="Giulia", sex="F", birth_date=born, birthplace_code="D869"
    )
    near = ["Brambila", "Giulia", "F", born, "Gallarate", code]
    path = persons_workbook(tmp_path / "persone seguite.xlsx", [*people, near])
    before = persons_in(store)

    window = MainWindow(store, tmp_path / "data", today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    window.navigation.setCurrentRow(PAGE_PERSONS)
    persons_page = window.persons.page()
    qtbot.waitUntil(lambda: persons_page.model.rowCount() == before, timeout=TIMEOUT)

    tools = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.menu() is not None and window.imports.action in action.menu().actions()
    )
    assert tools is not None
    window.imports.action.trigger()
    wizard = window.imports.wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.windowTitle() == "Importa da Excel"
    open_and_map(qtbot, wizard, path, persons=True)
    assert wizard.table is not None and wizard.table.header_row == 3
    shot(wizard, "2-colonne")

    # Suggested from the headers; the note column is left out until the user says otherwise.
    mapping = wizard.mapping()
    assert mapping.field_of("Cognome") == "last_name"
    assert mapping.field_of("Codice fiscale") == "fiscal_code"
    assert mapping.field_of("Data di nascita") == "birth_date"
    assert mapping.field_of("Note dell'operatore") is None
    assert wizard.missing_label.text() == ""
    # Unmapping a required field is shown in red at once; choosing it again clears it.
    wizard.set_field("Cognome", None)
    assert "Cognome" in wizard.missing_label.text()
    assert "color" in wizard.missing_label.styleSheet()
    wizard.set_field("Cognome", "last_name")
    assert wizard.missing_label.text() == ""

    dry_run(qtbot, wizard)
    plan = wizard.plan
    assert plan is not None
    counts = wizard.counts()
    near_rows = [row for row in plan.rows if row.near_match is not None]
    assert [row.number for row in near_rows] == [8]
    assert counts["create"] == plan.count(RowVerdict.CREATE) == 4
    assert counts["update"] == plan.count(RowVerdict.UPDATE) == 0
    assert counts["unchanged"] == plan.count(RowVerdict.UNCHANGED)
    assert counts["decide"] == 1
    assert counts["skipped"] == plan.count(RowVerdict.SKIPPED) - 1
    assert wizard.figure_create.value_label.text() == "4"
    assert wizard.figure_decide.accessibleName() == "Da decidere: 1"
    assert wizard.rows_model.rowCount() == 5
    wizard.only_problems_box.click()
    assert wizard.rows_model.rowCount() == 1
    assert wizard.rows_model.data(wizard.rows_model.index(0, 1)) == "Da decidere"
    shot(wizard, "3-prova")

    # The report, saved and read back: the original rows with Esito and Errori.
    report = tmp_path / "esito.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(report), ""))
    )
    run_job(qtbot, wizard, JOB_REPORT, wizard.save_report_button.click)
    assert report.name in wizard.message_label.text()
    book = load_workbook(report, read_only=True)
    flat = " ".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "Esito" in flat and "Errori" in flat
    assert "Brambila" in flat and people[0][0] in flat

    # The near match: the operator says she is someone else.
    wizard.select_row(8)
    assert wizard.near_box.isEnabled()
    assert (
        "Brambilla" in wizard.near_label.text().upper() or "BRAMBILLA" in wizard.near_label.text()
    )
    wizard.new_person_radio.click()
    assert wizard.decisions == {8: NearMatchDecision.NEW_PERSON}
    assert wizard.counts()["create"] == 5
    assert wizard.next_button.text().replace("&", "") == "Importa 5 righe"
    shot(wizard, "3-prova-decisa")

    # Declining the confirmation writes nothing; confirming imports.
    monkeypatch.setattr(wizard, "confirm_commit", lambda count: False)
    wizard.next_button.click()
    assert wizard.task is None and wizard.pages.currentIndex() == STEP_RESULT
    assert persons_in(store) == before
    asked: list[int] = []
    monkeypatch.setattr(wizard, "confirm_commit", lambda count: asked.append(count) or True)
    run_job(qtbot, wizard, JOB_COMMIT, wizard.next_button.click)
    assert asked == [5]
    assert wizard.pages.currentIndex() == STEP_DONE, wizard.message_label.text()
    assert wizard.outcome is not None and wizard.outcome.created == 5
    assert wizard.figure_created.value_label.text() == "5"
    shot(wizard, "4-fatto")
    assert persons_in(store) == before + 5

    # The persons page, on screen, was told and shows them.
    qtbot.waitUntil(lambda: persons_page.model.rowCount() == before + 5, timeout=TIMEOUT)
    shown = {
        persons_page.model.person_at(row).last_name.upper()  # type: ignore[union-attr]
        for row in range(persons_page.model.rowCount())
    }
    assert {str(row[0]).upper() for row in people} | {"BRAMBILA"} <= shown

    # The same file again: nothing to create, and the wizard says so.
    wizard.close_button.click()
    qtbot.waitUntil(lambda: window.imports.wizard is None, timeout=TIMEOUT)
    window.imports.open_wizard()
    again = window.imports.wizard
    assert again is not None
    open_and_map(qtbot, again, path, persons=True)
    dry_run(qtbot, again)
    assert again.counts()["create"] == 0
    assert again.counts()["unchanged"] == 5
    assert not again.next_button.isEnabled()
    again.close()


def test_the_first_step_shows_the_sheets_and_what_the_reading_noticed(
    italian: None,  # noqa: F811 - before the wizard: its texts are made in Italian
    qtbot: QtBot,
    wizard: ImportWizard,
    tmp_path: Path,
) -> None:
    from tests.imports.workbooks import Sheet, write_workbook  # noqa: PLC0415

    rows = person_rows(3)
    path = write_workbook(
        tmp_path / "due fogli.xlsx",
        Sheet(rows=[["Elenco 2025"], list(PERSON_HEADER), *rows], name="2025", hidden_rows=[3]),
        Sheet(rows=[list(PERSON_HEADER), *rows], name="Archivio", hidden=True),
    )
    wizard.persons_radio.click()
    run_job(qtbot, wizard, JOB_READ, lambda: wizard.open_file(path))
    assert wizard.pages.currentIndex() == STEP_SOURCE
    assert wizard.sheet_combo.isEnabled()
    assert [wizard.sheet_combo.itemText(i) for i in range(wizard.sheet_combo.count())] == [
        "2025",
        "Archivio (nascosto)",
    ]
    notices = [wizard.notices_list.item(i).text() for i in range(wizard.notices_list.count())]
    assert notices and all(text.strip() for text in notices)
    assert "riga 2" in wizard.table_summary.text()
    shot(wizard, "1-file")
    # The other sheet, chosen from the list, is read in its turn.
    run_job(qtbot, wizard, JOB_READ, lambda: wizard.sheet_combo.activated.emit(1))
    assert wizard.table is not None and wizard.table.sheet == "Archivio"
    assert wizard.table.header_row == 1


def test_a_damaged_file_is_refused_with_a_message(
    italian: None,  # noqa: F811
    qtbot: QtBot,
    wizard: ImportWizard,
    tmp_path: Path,
) -> None:
    damaged = tmp_path / "rotto.xlsx"
    damaged.write_bytes(b"PK\x03\x04 questo non e' un foglio di calcolo")
    run_job(qtbot, wizard, JOB_READ, lambda: wizard.open_file(damaged))
    assert wizard.table is None
    assert wizard.message_label.isVisible()
    text = wizard.message_label.text()
    assert text and "Traceback" not in text and "Error" not in text
    assert not wizard.next_button.isEnabled()
    shot(wizard, "1-file-rovinato")


def _held_until_stopped(real: Callable[..., object]) -> Callable[..., object]:
    """The service, started only once the user has pressed Stop: a cancel that is certain to
    arrive mid-run, without sleeping."""

    def held(*args: object, cancelled: Callable[[], bool], **kwargs: object) -> object:
        stopped = threading.Event()
        for _ in range(2000):
            if cancelled():
                stopped.set()
                break
            stopped.wait(0.005)
        return real(*args, cancelled=cancelled, **kwargs)

    return held


def test_stopping_the_dry_run_and_the_commit_writes_nothing(
    italian: None,  # noqa: F811
    qtbot: QtBot,
    wizard: ImportWizard,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = persons_workbook(tmp_path / "persone.xlsx", person_rows(6, seed=3))
    before = persons_in(store)
    open_and_map(qtbot, wizard, path, persons=True)

    monkeypatch.setattr(plan_service, "dry_run", _held_until_stopped(plan_service.dry_run))
    with qtbot.waitSignal(wizard.jobEnded, timeout=TIMEOUT):
        wizard.next_button.click()
        assert wizard.busy_row.isVisible() and wizard.stop_button.isEnabled()
        assert not wizard.next_button.isEnabled()
        shot(wizard, "3-prova-in-corso")
        qtbot.mouseClick(wizard.stop_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == STEP_MAPPING
    assert wizard.plan is None
    assert "annullata" in wizard.message_label.text()
    monkeypatch.undo()

    dry_run(qtbot, wizard)
    assert wizard.counts()["create"] == 6
    monkeypatch.setattr(wizard, "confirm_commit", lambda count: True)
    monkeypatch.setattr(
        commit_service, "commit_import", _held_until_stopped(commit_service.commit_import)
    )
    with qtbot.waitSignal(wizard.jobEnded, timeout=TIMEOUT):
        wizard.next_button.click()
        wizard.reject()  # closing while it runs asks it to stop, and keeps the dialog
        assert wizard.isVisible()
    assert wizard.pages.currentIndex() == STEP_RESULT
    assert wizard.message_label.text() == (
        "Importazione annullata: in Trama non è stato scritto nulla."
    )
    assert persons_in(store) == before


def test_mappings_are_saved_and_loaded(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = persons_workbook(tmp_path / "persone.xlsx", person_rows(2))
    open_and_map(qtbot, wizard, path, persons=True)
    wizard.set_field("Note dell'operatore", None)
    wizard.set_field("Sesso", None)
    saved = tmp_path / "mappatura"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(saved), ""))
    )
    wizard.save_mapping_button.click()
    assert (tmp_path / "mappatura.json").is_file()
    wizard.set_field("Sesso", "sex")
    assert wizard.mapping().field_of("Sesso") == "sex"
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *args, **kw: (str(tmp_path / "mappatura.json"), "")),
    )
    wizard.load_mapping_button.click()
    assert wizard.mapping().field_of("Sesso") is None
    assert wizard.mapping().field_of("Cognome") == "last_name"
    # Not a mapping: a message, and the columns as they were.
    (tmp_path / "altro.json").write_text('{"ciao": 1}', encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *args, **kw: (str(tmp_path / "altro.json"), "")),
    )
    wizard.load_mapping_button.click()
    assert wizard.message_label.isVisible() and wizard.message_label.text()
    assert wizard.mapping().field_of("Cognome") == "last_name"


def test_every_control_has_an_accessible_name_and_the_dialog_fits_a_laptop(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    path = persons_workbook(tmp_path / "persone.xlsx", person_rows(2))
    open_and_map(qtbot, wizard, path, persons=True)
    dry_run(qtbot, wizard)
    controls = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QProgressBar)
    unnamed = []
    for widget in wizard.findChildren(QWidget):
        if not isinstance(widget, controls) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        inside_control = False
        while parent is not None and parent is not wizard:
            if isinstance(parent, QComboBox | QAbstractItemView):
                inside_control = True
            parent = parent.parentWidget()
        if not inside_control and not widget.accessibleName():
            unnamed.append(type(widget).__name__ + ":" + widget.objectName())
    assert unnamed == []
    assert wizard.width() <= 1366 and wizard.height() <= 720
    assert wizard.minimumWidth() <= 1366 and wizard.minimumHeight() <= 700


def test_jobs_hold_back_only_the_full_garbage_collections() -> None:
    import gc  # noqa: PLC0415

    from desktop.ui.imports.wizard import young_collections_only  # noqa: PLC0415

    before = gc.get_threshold()
    with young_collections_only():
        held = gc.get_threshold()
        with young_collections_only():
            assert gc.get_threshold() == held
        assert gc.get_threshold() == held
    assert held[:2] == before[:2] and held[2] > 10**6
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), young_collections_only():
        raise RuntimeError
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_a_referrals_workbook_lands_in_the_referral_list(
    qtbot: QtBot, store: Store, network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.bench.imports import HEADER, referral_rows  # noqa: PLC0415

    rows = referral_rows(3, seed=5)
    for row in rows:  # where this test's network has a CPI
        row[HEADER.index("Comune di residenza")] = "Varese"
    path = write_xlsx(tmp_path / "segnalazioni.xlsx", [list(HEADER), *rows])
    window = MainWindow(store, tmp_path / "data", today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    before = window.referral_model.rowCount()
    wizard = window.imports.open_wizard()
    open_and_map(qtbot, wizard, path, persons=False)
    assert wizard.mapping().field_of("Percorso") == "track"
    dry_run(qtbot, wizard)
    plan = wizard.plan
    assert plan is not None
    assert wizard.counts()["create"] == 3, [wizard.rows_model.issues_text(r) for r in plan.rows]
    monkeypatch.setattr(wizard, "confirm_commit", lambda count: True)
    run_job(qtbot, wizard, JOB_COMMIT, wizard.next_button.click)
    assert wizard.outcome is not None and wizard.outcome.created == 3
    assert "elenco delle segnalazioni" in wizard.done_label.text() or "referral list" in (
        wizard.done_label.text()
    )
    qtbot.waitUntil(lambda: window.referral_model.rowCount() == before + 3, timeout=TIMEOUT)
