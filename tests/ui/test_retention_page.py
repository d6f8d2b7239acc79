"""Strumenti → Conservazione dei dati…: who may open it, what the list shows, the explicit
confirmation, a run that can be stopped, and refusals in Italian.

The retention engine is another piece of work: these tests replace ``list_due`` and
``anonymise`` with fakes that keep the contract of ``desktop.services.retention`` (progress
after each batch, ``cancelled`` checked between batches, ``NotAllowedError`` without the role).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop.domain.actor import Actor
from desktop.domain.codes import OperatorRole, RetentionRecordKind, Track
from desktop.domain.identity import os_account
from desktop.domain.permissions import DENIED, Permission, may
from desktop.services import retention
from desktop.services.errors import NotAllowedError
from desktop.services.installation import DEFAULT_SITE_CODE
from desktop.services.retention import AnonymisationResult, DueRecord
from desktop.store.engine import Store
from desktop.store.models import Operator
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Changes, change_hub
from desktop.ui.retention.confirm import ConfirmAnonymisation
from desktop.ui.retention.model import (
    COL_CLOSED_ON,
    COL_CLOSING,
    COL_DUE_ON,
    COL_KIND,
    COL_NUMBER,
    COL_PERIOD,
    COLUMNS,
)
from desktop.ui.retention.page import PAGE_EMPTY, PAGE_TABLE, RetentionPage
from desktop.ui.retention.run import ProgressDialog
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401

TODAY = date(2026, 11, 27)
BASIS_CONCLUDED = (
    "Percorso concluso: cinque anni, il periodo di conservazione dei documenti delle "
    "operazioni cofinanziate dal FSE+ (Reg. (UE) 2021/1060, art. 82)."
)
BASIS_DRAFT = "Bozza mai inviata: nessun procedimento è stato avviato."
BASIS_PERSON = "Persona senza segnalazioni da conservare (tutte anonimizzate, o nessuna)."
# The offscreen platform's notice for every dialog shown (not a problem of the page).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def referral(
    number: str,
    *,
    track: Track = Track.NEET,
    closing: str = "concluded",
    closed_on: date = date(2020, 3, 12),
    months: int = 60,
    basis: str = BASIS_CONCLUDED,
    needs_decision: bool = False,
    held: bool = False,
) -> DueRecord:
    year, month = closed_on.year + months // 12, closed_on.month + months % 12
    if month > 12:
        year, month = year + 1, month - 12
    return DueRecord(
        record_kind=RetentionRecordKind.REFERRAL,
        record_id=f"ref-{number}",
        number=number,
        track=track,
        closing=closing,
        closed_on=closed_on,
        due_on=closed_on.replace(year=year, month=month),
        months=months,
        basis=basis,
        needs_decision=needs_decision,
        held=held,
    )


def person(record_id: str, *, closed_on: date, held: bool = False) -> DueRecord:
    return DueRecord(
        record_kind=RetentionRecordKind.PERSON,
        record_id=record_id,
        number="",
        track=None,
        closing="",
        closed_on=closed_on,
        due_on=closed_on.replace(year=closed_on.year + 1),
        months=12,
        basis=BASIS_PERSON,
        needs_decision=True,
        held=held,
    )


def due_records() -> list[DueRecord]:
    return [
        referral("VA-2019-000412", closed_on=date(2019, 6, 3)),
        referral(
            "VA-2023-001877",
            closing="draft",
            closed_on=date(2024, 2, 14),
            months=12,
            basis=BASIS_DRAFT,
            needs_decision=True,
        ),
        referral("VA-2020-000951", track=Track.CMD, closing="dropped_out", held=True),
        referral("VA-2021-000090", track=Track.CMD, closing="hired", months=18),
        person("person-7", closed_on=date(2024, 9, 30)),
    ]


@dataclass
class FakeRetention:
    """``list_due`` and ``anonymise`` as the contract states them, on an in-memory list."""

    records: list[DueRecord] = field(default_factory=due_records)
    batch: int = 1
    anonymised: list[str] = field(default_factory=list)
    calls: list[tuple[str, ...]] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    refuse_listing: bool = False
    refuse_anonymising: Exception | None = None
    # Set: the run waits there after its first batch until the test lets it go on.
    gate: threading.Event | None = None
    first_batch_done: threading.Event = field(default_factory=threading.Event)
    saw_cancel: bool = False

    def list_due(self, store: Store, *, actor: Actor, today: date) -> list[DueRecord]:
        assert isinstance(store, Store) and today == TODAY
        self.actors.append(actor)
        if self.refuse_listing or not may(actor, Permission.RUN_RETENTION):
            raise NotAllowedError(DENIED[Permission.RUN_RETENTION])
        return [r for r in self.records if r.record_id not in self.anonymised]

    def anonymise(
        self,
        store: Store,
        *,
        actor: Actor,
        record_ids: Sequence[str],
        today: date,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> AnonymisationResult:
        assert isinstance(store, Store) and today == TODAY
        self.calls.append(tuple(record_ids))
        self.actors.append(actor)
        if self.refuse_anonymising is not None:
            raise self.refuse_anonymising
        if not may(actor, Permission.RUN_RETENTION):
            raise NotAllowedError(DENIED[Permission.RUN_RETENTION])
        by_id = {r.record_id: r for r in self.records}
        ids = [i for i in record_ids if i in by_id]
        counts = {RetentionRecordKind.REFERRAL: 0, RetentionRecordKind.PERSON: 0}
        held = 0
        stopped = False
        for start in range(0, len(ids), self.batch):
            if cancelled is not None and cancelled():
                self.saw_cancel = stopped = True
                break
            for record_id in ids[start : start + self.batch]:
                record = by_id[record_id]
                if record.held:
                    held += 1
                    continue
                self.anonymised.append(record_id)
                counts[record.record_kind] += 1
            if progress is not None:
                progress(min(start + self.batch, len(ids)), len(ids))
            if start == 0:
                self.first_batch_done.set()
                if self.gate is not None:
                    assert self.gate.wait(10), "the test never let the run go on"
        return AnonymisationResult(
            referrals=counts[RetentionRecordKind.REFERRAL],
            persons=counts[RetentionRecordKind.PERSON],
            held=held,
            cancelled=stopped,
        )


def give_role(store: Store, role: OperatorRole) -> None:
    """This PC's OS account as an operator of the site, with ``role`` (as the server sends)."""
    with store.write() as session:
        session.add(
            Operator(
                username=os_account(),
                full_name="Giulia Bernasconi",
                site_code=DEFAULT_SITE_CODE,
                role=role,
                owner_site="PROV-VA",
                dirty=False,
            )
        )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRetention:
    service = FakeRetention()
    monkeypatch.setattr(retention, "list_due", service.list_due)
    monkeypatch.setattr(retention, "anonymise", service.anonymise)
    return service


@pytest.fixture
def officer_store(store: Store) -> Store:
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    return store


@pytest.fixture
def bugs(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """What reached the crash handler: nothing, in every test here."""
    seen: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _type, error, _tb: seen.append(error))
    return seen


@pytest.fixture
def page(
    qtbot: QtBot,
    officer_store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
    bugs: list[BaseException],
) -> Iterator[RetentionPage]:
    shown = RetentionPage(officer_store, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.open()
    qtbot.waitUntil(lambda: not shown.loading)
    yield shown
    assert bugs == []


def cell(
    page: RetentionPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    return page.model.index(row, column).data(role)


def row_of(page: RetentionPage, number: str) -> int:
    for row in range(page.model.rowCount()):
        if cell(page, row, COL_NUMBER) == number:
            return row
    raise AssertionError(f"{number} is not listed")


def rows(page: RetentionPage) -> list[list[object]]:
    return [[cell(page, r, c) for c in range(COLUMNS)] for r in range(page.model.rowCount())]


def check(page: RetentionPage, number: str, checked: bool = True) -> bool:
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    index = page.model.index(row_of(page, number), COL_KIND)
    return page.model.setData(index, state, Qt.ItemDataRole.CheckStateRole)


def confirm_dialog(qtbot: QtBot, page: RetentionPage) -> ConfirmAnonymisation:
    qtbot.waitUntil(lambda: page.confirmation is not None and page.confirmation.isVisible())
    assert page.confirmation is not None
    return page.confirmation


# -- the menu ------------------------------------------------------------------------------------


def _retention_action(window: MainWindow) -> object:
    [tools] = [
        action.menu()
        for action in window.menuBar().actions()
        if action.text().replace("&", "") == "Strumenti"
    ]
    assert isinstance(tools, QMenu)
    [entry] = [a for a in tools.actions() if a.text().replace("&", "") == "Conservazione dei dati…"]
    return entry


@pytest.mark.parametrize(
    ("role", "enabled"),
    [
        (OperatorRole.SOCIAL_WORKER, False),
        (OperatorRole.ADMINISTRATIVE, False),
        (None, False),
        (OperatorRole.PRIVACY_OFFICER, True),
    ],
)
def test_the_menu_entry_is_for_the_privacy_officer_only(
    qtbot: QtBot,
    store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
    role: OperatorRole | None,
    enabled: bool,
) -> None:
    if role is not None:
        give_role(store, role)
    window = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startupRead, timeout=5000):
        window.show()
    entry = _retention_action(window)
    assert entry.isEnabled() is enabled
    if enabled:
        entry.trigger()
        page = window.retention.page
        assert page is not None
        qtbot.waitUntil(lambda: page.isVisible() and not page.loading)
        assert page.windowTitle() == "Conservazione dei dati"
        assert page.model.rowCount() == len(fake.records)
        page.close()
    else:
        assert entry.toolTip() == (
            "Solo il referente privacy della sede può esaminare e anonimizzare i dati oltre il "
            "periodo di conservazione."
        )
        entry.trigger()  # a disabled action does nothing, and opens no page
        assert window.retention.page is None
        assert fake.actors == []


def test_the_entry_follows_a_role_given_later_by_the_server(
    qtbot: QtBot,
    store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
) -> None:
    window = MainWindow(store, store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startupRead, timeout=5000):
        window.show()
    entry = _retention_action(window)
    assert not entry.isEnabled()
    give_role(store, OperatorRole.PRIVACY_OFFICER)
    change_hub().announce(Changes.everything())  # what a sync announces
    assert entry.isEnabled()


# -- the list ------------------------------------------------------------------------------------


def test_the_list_shows_the_due_records_in_italian(page: RetentionPage) -> None:
    assert page.stack.currentIndex() == PAGE_TABLE
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMNS)]
    assert headers == [
        "Tipo", "Numero", "Percorso", "Esito", "Data di chiusura", "Scadenza", "Periodo", "Note",
    ]  # fmt: skip
    # Oldest due first, as list_due gives them.
    assert rows(page) == [
        ["Segnalazione", "VA-2021-000090", "CMD", "Assunzione", "12/03/2020", "12/09/2021",
         "18 mesi", ""],
        ["Segnalazione", "VA-2019-000412", "NEET", "Conclusa", "03/06/2019", "03/06/2024",
         "5 anni", ""],
        ["Segnalazione", "VA-2023-001877", "NEET", "Bozza", "14/02/2024", "14/02/2025",
         "1 anno", "Da decidere dal titolare"],
        ["Segnalazione", "VA-2020-000951", "CMD", "Rinuncia o abbandono", "12/03/2020",
         "12/03/2025", "5 anni", "Limitazione del trattamento in corso: non sarà anonimizzato"],
        ["Persona", "—", "—", "Nessuna segnalazione da conservare", "30/09/2024", "30/09/2025",
         "1 anno", "Da decidere dal titolare"],
    ]  # fmt: skip
    # Never a code: every closing has its Italian label.
    shown = {str(value) for row in rows(page) for value in row}
    assert not shown & {"concluded", "draft", "dropped_out", "hired", "neet", "cmd", "person"}
    assert page.summary_label.text() == (
        "4 segnalazioni e 1 persona oltre il periodo di conservazione. "
        "1 in limitazione del trattamento: non sarà anonimizzato."
    )


def test_the_rule_s_basis_is_in_the_tooltip_and_the_detail(page: RetentionPage) -> None:
    row = row_of(page, "VA-2023-001877")
    tooltip = str(cell(page, row, COL_DUE_ON, Qt.ItemDataRole.ToolTipRole))
    assert "Base della regola: " + BASIS_DRAFT in tooltip
    assert "in attesa della decisione del titolare" in tooltip
    page.table.selectRow(row)
    detail = page.detail_label.text()
    assert detail.startswith("Segnalazione VA-2023-001877 — Bozza, chiusura del 14/02/2024;")
    assert "periodo di 1 anno, scaduto il 14/02/2025" in detail
    assert BASIS_DRAFT in detail
    assert "Da decidere dal titolare" in detail
    page.table.selectRow(row_of(page, "VA-2020-000951"))
    assert "Limitazione del trattamento in corso" in page.detail_label.text()


def test_the_table_sorts_by_any_column(page: RetentionPage) -> None:
    assert check(page, "VA-2023-001877")
    page.table.selectRow(row_of(page, "VA-2021-000090"))
    page.table.sortByColumn(COL_CLOSED_ON, Qt.SortOrder.DescendingOrder)
    closed = [str(cell(page, r, COL_CLOSED_ON)) for r in range(page.model.rowCount())]
    assert closed[0] == "30/09/2024" and closed[-1] == "03/06/2019"
    page.table.sortByColumn(COL_PERIOD, Qt.SortOrder.AscendingOrder)
    periods = [str(cell(page, r, COL_PERIOD)) for r in range(page.model.rowCount())]
    # By the months, not by the words ("18 mesi" between one and five years).
    assert periods == ["1 anno", "1 anno", "18 mesi", "5 anni", "5 anni"]
    page.table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = [str(cell(page, r, COL_NUMBER)) for r in range(page.model.rowCount())]
    assert numbers == [
        "VA-2019-000412", "VA-2020-000951", "VA-2021-000090", "VA-2023-001877", "—",
    ]  # fmt: skip
    # The check marks and the selected record followed their rows.
    assert page.model.checked_ids() == ["ref-VA-2023-001877"]
    assert cell(page, row_of(page, "VA-2023-001877"), COL_KIND, Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    [selected] = page.table.selectionModel().selectedRows()
    assert cell(page, selected.row(), COL_NUMBER) == "VA-2021-000090"
    assert page.detail_label.text().startswith("Segnalazione VA-2021-000090 — Assunzione")


def test_held_rows_are_greyed_and_can_never_be_chosen(page: RetentionPage) -> None:
    row = row_of(page, "VA-2020-000951")
    kind = page.model.index(row, COL_KIND)
    assert not kind.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert kind.data(Qt.ItemDataRole.CheckStateRole) is None
    assert kind.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not check(page, "VA-2020-000951")
    page.select_all_button.click()
    assert "ref-VA-2020-000951" not in page.model.checked_ids()
    assert len(page.model.checked_ids()) == 4
    assert page.selected_label.text() == "Selezionati: 4 su 4"
    # Even an id slipped into the check marks never reaches the service.
    page.model.checked.add("ref-VA-2020-000951")
    assert "ref-VA-2020-000951" not in page.model.checked_ids()
    page.select_none_button.click()
    assert page.model.checked_ids() == []
    assert not page.anonymise_button.isEnabled()


def test_space_checks_the_current_row_from_any_of_its_cells(
    qtbot: QtBot, page: RetentionPage
) -> None:
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row_of(page, "VA-2019-000412"), COL_DUE_ON))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.model.checked_ids() == ["ref-VA-2019-000412"]
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.model.checked_ids() == []
    page.table.setCurrentIndex(page.model.index(row_of(page, "VA-2020-000951"), COL_NUMBER))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.model.checked_ids() == []


def test_nothing_due_says_so(
    qtbot: QtBot,
    officer_store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
) -> None:
    fake.records = []
    page = RetentionPage(officer_store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.open()
    qtbot.waitUntil(lambda: not page.loading)
    assert page.stack.currentIndex() == PAGE_EMPTY
    assert page.empty_label.text() == "Nessun dato oltre il periodo di conservazione."
    assert page.summary_label.text() == ""
    assert not page.detail_label.isVisible()
    assert not page.anonymise_button.isEnabled()
    assert not page.select_all_button.isEnabled()


def test_an_unknown_closing_is_never_shown_as_a_code(
    qtbot: QtBot,
    officer_store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
) -> None:
    fake.records = [referral("VA-2018-000001", closing="some_future_code")]
    page = RetentionPage(officer_store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.open()
    qtbot.waitUntil(lambda: not page.loading)
    assert cell(page, 0, COL_CLOSING) == "Altra chiusura"


# -- anonymising ---------------------------------------------------------------------------------


def test_confirmed_anonymisation_sends_the_chosen_ids_only(
    qtbot: QtBot, page: RetentionPage, fake: FakeRetention
) -> None:
    assert not page.anonymise_button.isEnabled()
    assert check(page, "VA-2019-000412")
    assert check(page, "VA-2021-000090")
    assert check(page, "VA-2023-001877")
    assert check(page, "VA-2023-001877", checked=False)
    assert page.anonymise_button.isEnabled()
    page.anonymise_button.click()
    dialog = confirm_dialog(qtbot, page)
    text = " ".join(label.text() for label in dialog.findChildren(type(page.summary_label)))
    assert "Anonimizzare 2 segnalazioni?" in text
    assert "non può essere annullata" in text
    assert "server provinciale" in text and "altre sedi" in text
    assert "codici, esiti e date al mese" in text
    assert "1 record in limitazione del trattamento" in text
    # Nothing runs until the confirmation is ticked; Enter never anonymises.
    assert not dialog.anonymise_button.isEnabled()
    assert dialog.cancel_button.isDefault()
    dialog.accept()
    assert dialog.isVisible() and fake.calls == []
    dialog.tick.setChecked(True)
    with qtbot.waitSignal(change_hub().changed, timeout=5000) as notice:
        dialog.anonymise_button.click()
    assert notice.args is not None
    changes = notice.args[0]
    assert isinstance(changes, Changes) and changes.referrals and changes.persons
    # In the order the officer reads them: the oldest due first.
    assert fake.calls == [("ref-VA-2021-000090", "ref-VA-2019-000412")]
    assert fake.actors[-1].role == OperatorRole.PRIVACY_OFFICER
    assert page.result_banner.text() == (
        "ℹ Anonimizzazione completata. Record anonimizzati: 2 segnalazioni. La modifica "
        "raggiunge il server e le altre sedi con la prossima sincronizzazione."
    )
    # The page read the list again: the anonymised records are gone.
    qtbot.waitUntil(lambda: not page.loading)
    numbers = {cell(page, r, COL_NUMBER) for r in range(page.model.rowCount())}
    assert numbers == {"VA-2020-000951", "VA-2023-001877", "—"}
    assert page.model.checked_ids() == []


def test_cancelling_the_confirmation_anonymises_nothing(
    qtbot: QtBot, page: RetentionPage, fake: FakeRetention
) -> None:
    page.select_all_button.click()
    page.anonymise_button.click()
    dialog = confirm_dialog(qtbot, page)
    dialog.tick.setChecked(True)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: page.confirmation is None)
    assert fake.calls == []
    assert page.run is None


def test_cancel_during_the_run_stops_it_and_says_how_many_were_done(
    qtbot: QtBot, page: RetentionPage, fake: FakeRetention
) -> None:
    fake.batch = 2
    fake.gate = threading.Event()
    page.select_all_button.click()
    page.anonymise_button.click()
    dialog = confirm_dialog(qtbot, page)
    dialog.tick.setChecked(True)
    dialog.anonymise_button.click()
    run = page.run
    assert run is not None
    qtbot.waitUntil(lambda: run.progress.bar.value() == 2)
    assert run.progress.label.text() == "Anonimizzazione in corso: 2 record su 4…"
    assert not page.anonymise_button.isEnabled()
    run.progress.cancel_button.click()
    assert "Interruzione al termine del blocco in corso" in run.progress.label.text()
    assert not run.progress.cancel_button.isEnabled()
    fake.gate.set()
    qtbot.waitUntil(lambda: page.run is None, timeout=5000)
    assert fake.saw_cancel
    assert fake.anonymised == ["ref-VA-2021-000090", "ref-VA-2019-000412"]
    assert page.result_banner.text().startswith(
        "⚠ Anonimizzazione interrotta. Record anonimizzati prima dell'interruzione: "
        "2 segnalazioni. Gli altri restano nell'elenco."
    )
    qtbot.waitUntil(lambda: not page.loading)
    assert page.model.rowCount() == 3
    # What was not done is still checked, ready for another run.
    assert page.model.checked_ids() == ["ref-VA-2023-001877", "person-7"]


def test_closing_the_progress_window_is_a_cancel_not_an_abandon(
    qtbot: QtBot, page: RetentionPage, fake: FakeRetention
) -> None:
    fake.gate = threading.Event()
    page.select_all_button.click()
    run = page.start_anonymisation(page.model.checked_ids())
    qtbot.waitUntil(fake.first_batch_done.is_set)
    run.progress.reject()  # Esc, or the window's close button
    assert run.progress.isVisible()
    fake.gate.set()
    qtbot.waitUntil(lambda: page.run is None, timeout=5000)
    assert not any(dialog.isVisible() for dialog in page.findChildren(ProgressDialog))
    assert fake.anonymised == ["ref-VA-2021-000090"]
    assert "Record anonimizzati prima dell'interruzione: 1 segnalazione." in (
        page.result_banner.text()
    )


# -- refusals ------------------------------------------------------------------------------------


def test_a_refused_listing_is_shown_in_italian(
    qtbot: QtBot,
    store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
    bugs: list[BaseException],
) -> None:
    # The role was taken away after the page opened (or never given): the service refuses.
    give_role(store, OperatorRole.SOCIAL_WORKER)
    page = RetentionPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.open()
    qtbot.waitUntil(lambda: not page.loading)
    assert page.error_banner.isVisible()
    assert page.error_banner.text() == "⚠ " + DENIED[Permission.RUN_RETENTION]
    assert page.model.rowCount() == 0
    assert page.empty_label.text() == "Non è stato possibile leggere l'elenco."
    assert not page.anonymise_button.isEnabled()
    assert bugs == []


def test_a_bug_while_listing_goes_to_the_crash_handler_and_lists_nothing(
    qtbot: QtBot,
    officer_store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
    bugs: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(_store: Store, *, actor: Actor, today: date) -> list[DueRecord]:
        raise KeyError("record_kind")

    monkeypatch.setattr(retention, "list_due", broken)
    page = RetentionPage(officer_store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.open()
    qtbot.waitUntil(lambda: not page.loading)
    assert [type(error) for error in bugs] == [KeyError]
    assert page.stack.currentIndex() == PAGE_EMPTY
    assert page.empty_label.text() == "Non è stato possibile leggere l'elenco."
    assert not page.error_banner.isVisible()
    assert not page.anonymise_button.isEnabled()


def test_a_refused_anonymisation_is_shown_in_italian(
    qtbot: QtBot, page: RetentionPage, fake: FakeRetention
) -> None:
    fake.refuse_anonymising = NotAllowedError(DENIED[Permission.RUN_RETENTION])
    check(page, "VA-2019-000412")
    with qtbot.waitSignal(change_hub().changed, timeout=5000):
        page.start_anonymisation(page.model.checked_ids())
    qtbot.waitUntil(lambda: page.run is None)
    assert page.result_banner.text() == "⚠ " + DENIED[Permission.RUN_RETENTION]
    assert "Traceback" not in page.result_banner.text()
    assert page.model.checked_ids() == ["ref-VA-2019-000412"]


def test_a_file_problem_during_the_run_is_shown_in_italian(
    qtbot: QtBot, page: RetentionPage, fake: FakeRetention
) -> None:
    fake.refuse_anonymising = OSError(28, "Spazio esaurito sul disco")
    check(page, "VA-2019-000412")
    page.start_anonymisation(page.model.checked_ids())
    qtbot.waitUntil(lambda: page.run is None)
    assert page.result_banner.text() == "⚠ Spazio esaurito sul disco"


def test_crafted_ids_never_reach_the_service_from_the_page(
    qtbot: QtBot, page: RetentionPage, fake: FakeRetention
) -> None:
    # Check marks survive a refresh only on records still listed (and not held).
    page.model.checked.update({"ref-VA-2019-000412", "not-a-record", "ref-VA-2020-000951"})
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading)
    assert page.model.checked_ids() == ["ref-VA-2019-000412"]


def test_a_bug_during_the_run_closes_the_progress_and_reads_the_list_again(
    qtbot: QtBot,
    officer_store: Store,
    fake: FakeRetention,
    italian: None,  # noqa: F811
    bugs: list[BaseException],
) -> None:
    page = RetentionPage(officer_store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.open()
    qtbot.waitUntil(lambda: not page.loading)
    fake.refuse_anonymising = RuntimeError("batch 3 broke")
    check(page, "VA-2019-000412")
    with qtbot.waitSignal(change_hub().changed, timeout=5000):
        page.start_anonymisation(page.model.checked_ids())
    qtbot.waitUntil(lambda: page.run is None)
    assert [str(error) for error in bugs] == ["batch 3 broke"]
    assert not any(dialog.isVisible() for dialog in page.findChildren(ProgressDialog))
    qtbot.waitUntil(lambda: not page.loading)
    assert page.anonymise_button.isEnabled()
