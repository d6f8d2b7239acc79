"""Sync in the app, driven as a person would, against a real ``trama-server`` on 127.0.0.1.

The server is started once for the module with the e2e tests' helper (``running_server``:
``init-demo`` then ``serve``); the device token goes to the suite's in-memory keyring
(``tests/conftest.py``), never to the OS one. Waits are on signals, never on the clock.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop.domain.codes import Need, SiteKind
from desktop.services.installation import current_actor
from desktop.store.codec import codecs
from desktop.store.engine import Store
from desktop.store.migrate import open_store
from desktop.ui.i18n import compile_translations
from desktop.ui.main_window import PAGE_SYNC, MainWindow
from desktop.ui.referrals.list_model import COL_NUMBER, COL_PERSON, REFERRAL_ID_ROLE
from desktop.ui.sync.enroll_dialog import EnrollDialog
from desktop.ui.sync.field_text import TABLE_KINDS, table_text
from desktop.ui.sync.indicator import indicator_state, updated_text
from desktop.ui.sync.log_view import (
    SET_ASIDE_ATTEMPTS,
    SET_ASIDE_FIRST_SEEN,
    SET_ASIDE_KIND,
    SET_ASIDE_REASON,
)
from desktop.ui.sync.page import TAB_LOG
from sync.client import credentials
from sync.client import db as local
from sync.client.api import SyncStatus, list_conflicts, sync_status
from sync.client.apply import Applier
from sync.client.transport import RetryPolicy
from sync.client.wire import PulledRecord
from tests.conftest import InMemoryKeyring
from tests.sync.e2e.live import LiveServer, Office, free_port, running_server
from tests.ui.referral_support import italian_translators, type_person, type_referral

TODAY = date(2026, 11, 27)
SITE = "AMB-VARESE"  # the test person lives in Varese
WAIT_MS = 60_000  # a first pull brings the province's comuni: seconds on a busy machine
# Qt's offscreen platform says this of every dialog it shows; it is not a fault of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("sync-ui-server")
    with running_server(f"sqlite:///{folder / 'server.sqlite'}", folder) as server:
        yield server


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compile_translations(language="it", target_dir=tmp_path_factory.mktemp("qm"))


@pytest.fixture
def italian(qapp: QApplication, italian_qm: Path) -> Iterator[None]:
    with italian_translators(qapp, italian_qm):
        yield


Windows = Callable[[str], MainWindow]


@pytest.fixture
def windows(qtbot: QtBot, tmp_path: Path, italian: None) -> Iterator[Windows]:
    """Main windows on new data folders (``windows("pc1")``), closed and disposed after."""
    opened: list[tuple[MainWindow, Store]] = []

    def make(name: str) -> MainWindow:
        store = open_store(tmp_path / name)
        window = MainWindow(store, tmp_path / name, today=lambda: TODAY)
        # Offscreen there is no network to watch; an unreachable server fails at once.
        window.sync.controller.watch_network = False
        window.sync.controller.retry = RetryPolicy(attempts=1)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # The sync area starts once the first screen is painted: before the test acts, so
        # that its first (scheduled) sync never overlaps with the test's own.
        qtbot.waitUntil(lambda: window.sync.controller.status is not None)
        opened.append((window, store))
        return window

    yield make
    for window, store in opened:
        window.close()
        store.dispose()


def enroll_through_dialog(qtbot: QtBot, window: MainWindow, url: str, code: str) -> EnrollDialog:
    """Sincronizzazione > Collega al server provinciale…, typed and confirmed; waits for the
    first sync that follows."""
    shown: list[QDialog] = []
    window.sync.run_dialog = lambda dialog: (shown.append(dialog), dialog.show())
    window.sync.enroll_action.trigger()
    [dialog] = shown
    assert isinstance(dialog, EnrollDialog)
    dialog.url_edit.clear()  # it offers the address used last time
    qtbot.keyClicks(dialog.url_edit, url)
    qtbot.keyClicks(dialog.code_edit, code)
    with qtbot.waitSignal(window.sync.controller.syncFinished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    return dialog


def enrolled_window(qtbot: QtBot, windows: Windows, live: LiveServer, name: str) -> MainWindow:
    window = windows(name)
    enroll_through_dialog(qtbot, window, live.url, live.enrollment_code(SITE))
    return window


def sync_now(qtbot: QtBot, window: MainWindow) -> None:
    """The status bar's "Sincronizza ora", clicked; waits for the end of the sync."""
    controller = window.sync.controller
    assert not controller.running  # the button would cancel it
    with qtbot.waitSignal(
        controller.runningChanged, check_params_cb=lambda running: not running, timeout=WAIT_MS
    ):
        qtbot.mouseClick(window.sync.indicator.action_button, Qt.MouseButton.LeftButton)
        assert controller.running


def referral_made_in_the_editor(qtbot: QtBot, window: MainWindow, *, last: str) -> str:
    """A new NEET referral typed and saved (a new person each time: the site's PCs share
    their persons through the server, and a known tax code would be offered instead)."""
    editor = window.referral_editors.new_referral()
    qtbot.waitExposed(editor)
    type_person(qtbot, editor, last=last, first="Marta", birth=date(2003, 2, 11))
    type_referral(qtbot, editor)
    editor.neet.needs.item_for(Need.ORIENTATION.value).setCheckState(Qt.CheckState.Checked)
    editor.save_button.click()
    assert editor.detail is not None, "the referral was not saved"
    referral_id = editor.detail.id
    editor.close()
    return referral_id


def updated_at_pattern() -> re.Pattern[str]:
    return re.compile(r"^Aggiornato alle \d\d:\d\d$")


def test_enrolling_through_the_dialog_makes_this_pc_the_servers_site(
    qtbot: QtBot,
    windows: Windows,
    live: LiveServer,
    tmp_path: Path,
    memory_keyring: InMemoryKeyring,
) -> None:
    window = windows("pc1")
    assert window.sync.indicator.text() == "Non collegato al server"
    dialog = enroll_through_dialog(qtbot, window, live.url, live.enrollment_code(SITE))

    assert dialog.result() == QDialog.DialogCode.Accepted
    actor = current_actor(window.store)
    assert (actor.site_code, actor.site_kind) == (SITE, SiteKind.AMBITO)
    assert window.actor_label.text().endswith("Sede: Ambito di Varese (demo)")
    # The token is in the (test) keyring only: no file of the data folder holds it.
    token = credentials.load_token(tmp_path / "pc1")
    assert token and memory_keyring.tokens() == [token]
    for path in (tmp_path / "pc1").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    # The first sync brought the reference data; the indicator says when.
    assert updated_at_pattern().match(window.sync.indicator.text())
    assert not window.sync.enroll_action.isEnabled()
    # From now on it syncs by itself every 5 minutes (the page changes the interval).
    schedule = window.sync.controller.schedule
    assert schedule.isActive() and schedule.interval() == 5 * 60_000
    window.sync.content.interval_spin.setValue(15)
    assert schedule.isActive() and schedule.interval() == 15 * 60_000
    window.sync.content.interval_spin.setValue(5)
    # The site by its name, never its code.
    assert window.sync.content.site_label.text() == "Ambito di Varese (demo) — Ambito territoriale"


def test_sync_now_sends_a_referral_made_in_the_editor(
    qtbot: QtBot, windows: Windows, live: LiveServer
) -> None:
    window = enrolled_window(qtbot, windows, live, "pc1")
    referral_id = referral_made_in_the_editor(qtbot, window, last="Bianchi")
    window.sync.controller.refresh_status()
    assert re.search(r"\d+ modifiche da inviare$", window.sync.indicator.text())

    with qtbot.waitSignal(window.sync.controller.syncFinished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(window.sync.indicator.action_button, Qt.MouseButton.LeftButton)
        assert window.sync.indicator.text().startswith("Sincronizzazione in corso…")
        assert window.sync.indicator.action_button.text() == "Annulla"

    assert finished.args[0].sent >= 2  # the person and the referral at least
    assert updated_at_pattern().match(window.sync.indicator.text())
    last = sync_status(window.store).last_success_at
    assert last is not None
    assert window.sync.indicator.text().endswith(last.astimezone().strftime("%H:%M"))
    assert live.query("SELECT count(*) FROM record WHERE id = :id", id=referral_id)[0][0] == 1
    # The log shows the sync, in Italian.
    window.sync.log_action.trigger()
    assert window.navigation.currentRow() == PAGE_SYNC
    model = window.sync.content.log_view.model
    assert model.rowCount() >= 2
    assert model.index(0, 5).data() == "Completata"


def test_a_conflict_between_two_pcs_is_shown_and_resolved_field_by_field(
    qtbot: QtBot, windows: Windows, live: LiveServer, tmp_path: Path
) -> None:
    window = enrolled_window(qtbot, windows, live, "pc-ui")
    referral_id = referral_made_in_the_editor(qtbot, window, last="Colombo")
    sync_now(qtbot, window)
    other = Office(tmp_path / "pc-other", live).enroll(SITE)
    try:
        other.sync()
        other.change("referral", referral_id, reason="Motivo scritto sull'altro PC", urgency="high")
        person_id = other.value("SELECT person_id FROM referral WHERE id = ?", referral_id)
        other.change("person", person_id, last_name="Colombo Riva")  # no conflict: merged
        other.sync()
        _change(
            window.store, "referral", referral_id, reason="Motivo scritto qui", urgency="urgent"
        )

        with qtbot.waitSignal(window.sync.controller.dataReceived, timeout=WAIT_MS):
            sync_now(qtbot, window)

        assert window.sync.indicator.text().endswith("2 conflitti")
        # The referral list was read again: it shows the name changed on the other PC.
        assert "Colombo Riva" in listed_person(window, referral_id)
        qtbot.mouseClick(window.sync.indicator.state_button, Qt.MouseButton.LeftButton)
        assert window.navigation.currentRow() == PAGE_SYNC
        view = window.sync.content.conflicts
        assert view.records.count() == 1
        assert view.records.item(0).text().startswith("Segnalazione ")
        fields = {choice.conflict.field: choice for choice in view.choices}
        assert set(fields) == {"reason", "urgency"}
        assert fields["reason"].local_value.text() == "Motivo scritto qui"
        assert fields["reason"].remote_value.text() == "Motivo scritto sull'altro PC"
        assert fields["urgency"].local_value.text() == "Urgente"
        assert fields["urgency"].remote_value.text() == "Alta"
        assert not view.apply_button.isEnabled()

        # One field at a time: this PC's reason first, the other PC's urgency after.
        fields["reason"].local_button.click()
        with qtbot.waitSignal(view.resolved):
            view.apply_button.click()
        assert [choice.conflict.field for choice in view.choices] == ["urgency"]
        assert window.sync.indicator.text().endswith("1 conflitto")
        view.choices[0].remote_button.click()
        with qtbot.waitSignal(view.resolved):
            view.apply_button.click()
        assert view.records.count() == 0 and view.empty_label.isVisibleTo(view)
        assert list_conflicts(window.store) == []

        sync_now(qtbot, window)
        other.sync()
        expected = [("Motivo scritto qui", "high")]
        query = "SELECT reason, urgency FROM referral WHERE id = ?"
        assert other.rows(query, referral_id) == expected
        with window.store.raw_read() as connection:
            assert connection.execute(query, (referral_id,)).fetchall() == expected
        assert updated_at_pattern().match(window.sync.indicator.text())
    finally:
        other.close()


def listed_person(window: MainWindow, referral_id: str) -> str:
    model = window.referral_model
    for row in range(model.rowCount()):
        if model.index(row, COL_NUMBER).data(REFERRAL_ID_ROLE) == referral_id:
            return str(model.index(row, COL_PERSON).data())
    raise AssertionError("the referral is not in the list")


def _change(store: Store, table: str, record_id: str, **values: object) -> None:
    """A local edit as the services make it: values, dirty, a new ``updated_at``."""
    assignments = ", ".join(f'"{name}" = ?' for name in values)
    with local.transaction(store) as connection:
        connection.execute(
            f'UPDATE "{table}" SET {assignments}, dirty = 1, updated_at = ? WHERE id = ?',
            (*values.values(), local.now_text(), record_id),
        )


def test_f9_syncs_and_before_enrollment_offers_the_enrollment(
    qtbot: QtBot, windows: Windows
) -> None:
    window = windows("pc1")
    shown: list[QDialog] = []
    window.sync.run_dialog = shown.append
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert [type(dialog) for dialog in shown] == [EnrollDialog]
    # The status bar's button and the indicator are reachable with Tab.
    assert window.sync.indicator.state_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert window.sync.indicator.action_button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_without_a_keyring_the_dialog_says_how_to_fix_it(
    qtbot: QtBot, windows: Windows, live: LiveServer
) -> None:
    window = windows("pc1")
    keyring.set_keyring(keyring.backends.fail.Keyring())
    shown: list[QDialog] = []
    window.sync.run_dialog = lambda dialog: (shown.append(dialog), dialog.show())
    window.sync.enroll_action.trigger()
    [dialog] = shown
    assert isinstance(dialog, EnrollDialog)
    assert dialog.keyring_label.isVisible()
    assert "portachiavi" in dialog.keyring_label.text()
    assert "GNOME Keyring" in dialog.keyring_label.text()
    assert not dialog.connect_button.isEnabled()
    dialog.reject()
    assert sync_status(window.store).enrolled is False


def test_an_unreachable_server_shows_offline_and_no_traceback(
    qtbot: QtBot, windows: Windows, live: LiveServer
) -> None:
    window = enrolled_window(qtbot, windows, live, "pc1")
    # The server goes away: this folder's server address now answers nothing.
    with local.transaction(window.store) as connection:
        local.set_setting(connection, local.SERVER_URL, f"http://127.0.0.1:{free_port()}")
    referral_made_in_the_editor(qtbot, window, last="Ferrario")

    with qtbot.waitSignal(window.sync.controller.syncFailed, timeout=WAIT_MS) as failed:
        window.sync.sync_action.trigger()  # Sincronizzazione > Sincronizza ora

    assert re.fullmatch(r"Offline · \d+ modifiche da inviare", window.sync.indicator.text())
    assert "non è raggiungibile" in window.sync.indicator.state_button.toolTip()
    assert type(failed.args[0]).__name__ == "OfflineError"
    assert window.sync.controller.retry_timer.isActive()  # it tries again by itself
    assert window.sync.content.log_view.model.index(0, 5).data() == "Server non raggiungibile"

    # The connection returns (as the OS reports it): the sync goes at once.
    with local.transaction(window.store) as connection:
        local.set_setting(connection, local.SERVER_URL, live.url)
    with qtbot.waitSignal(window.sync.controller.syncFinished, timeout=WAIT_MS) as finished:
        window.sync.controller.on_reachability(QNetworkInformation.Reachability.Online)
    assert finished.args[0].sent > 0
    assert updated_at_pattern().match(window.sync.indicator.text())
    assert not window.sync.controller.retry_timer.isActive()


def test_without_the_keyring_a_sync_fails_with_the_reason(
    qtbot: QtBot, windows: Windows, live: LiveServer
) -> None:
    window = enrolled_window(qtbot, windows, live, "pc1")
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with qtbot.waitSignal(window.sync.controller.syncFailed, timeout=WAIT_MS):
        window.sync.sync_now()
    assert window.sync.indicator.text() == "Sincronizzazione non riuscita"
    assert "portachiavi" in str(window.sync.controller.last_error)
    assert not window.sync.controller.retry_timer.isActive()  # a person must act first


def test_only_one_sync_at_a_time_and_it_can_be_cancelled(
    qtbot: QtBot, windows: Windows, live: LiveServer
) -> None:
    window = enrolled_window(qtbot, windows, live, "pc1")
    controller = window.sync.controller
    with qtbot.waitSignal(controller.syncFailed, timeout=WAIT_MS) as failed:
        assert controller.sync_now()
        assert not controller.sync_now()  # a second request while one runs starts nothing
        window.sync.cancel_action.trigger()
    assert type(failed.args[0]).__name__ == "SyncCancelledError"
    assert not controller.running
    assert not controller.retry_timer.isActive()
    assert controller.sync_now()
    with qtbot.waitSignal(controller.syncFinished, timeout=WAIT_MS):
        pass


def test_the_indicator_reads_the_states_in_italian(italian: None) -> None:
    status = sync_status_like(pending=3, conflicts=1, outcome="ok")
    state = indicator_state(status, running=False, now=datetime(2026, 11, 27, 15, 0).astimezone())
    assert state.text.startswith("Aggiornato alle ")
    assert state.text.endswith(" · 3 modifiche da inviare · 1 conflitto")
    offline = indicator_state(sync_status_like(outcome="offline"), running=False)
    assert offline.text == "Offline" and offline.offline
    yesterday = datetime(2026, 11, 26, 9, 5).astimezone()
    assert updated_text(yesterday, datetime(2026, 11, 27, 10, 0).astimezone()) == (
        "Aggiornato il 26/11 alle 09:05"
    )
    assert QLocale().language() == QLocale.Language.Italian


def test_the_indicator_counts_the_records_set_aside_in_italian(italian: None) -> None:
    now = datetime(2026, 11, 27, 15, 0).astimezone()
    one = indicator_state(sync_status_like(set_aside=1), running=False, now=now)
    assert one.text == "Aggiornato alle 14:42 · 1 record messo da parte"
    assert one.warning and not one.offline
    # The tooltip says what it means and where to look.
    assert "non è stato salvato su questo computer" in one.tooltip
    assert "Registro della sincronizzazione" in one.tooltip
    two = indicator_state(
        sync_status_like(pending=3, conflicts=1, set_aside=2), running=False, now=now
    )
    assert two.text.endswith(" · 3 modifiche da inviare · 1 conflitto · 2 record messi da parte")
    assert "2 record arrivati dal server non sono stati salvati" in two.tooltip
    assert not indicator_state(sync_status_like(), running=False, now=now).warning


def set_aside_person(store: Store) -> str:
    """A person from the server whose data this PC refuses (a sex outside its list), applied
    as a pull applies it: set aside. Returns its id."""
    record_id = str(uuid.uuid4())
    record = PulledRecord(
        table="person",
        id=record_id,
        revision=7,
        base_revision=None,
        owner_site=SITE,
        deleted=False,
        scope_removed=False,
        updated_at=datetime.now(UTC).isoformat(),
        updated_by="altro PC",
        data={
            "fiscal_code": "VRDLCU85M01L682K",
            "last_name": "Verdi",
            "first_name": "Luca",
            "search_name": "verdi luca",
            "sex": "X",
            "birth_date": "1985-08-01",
        },
    )
    with local.transaction(store) as connection:
        applier = Applier(connection)
        applier.apply([record])
    assert applier.stats.set_aside == 1
    return record_id


def test_the_sync_log_lists_the_records_set_aside(qtbot: QtBot, windows: Windows) -> None:
    window = windows("pc1")
    log_view = window.sync.content.log_view
    assert not log_view.set_aside_box.isVisibleTo(log_view)  # nothing set aside: no section
    # Enrolled as far as the status can tell (no sync runs: nothing starts the schedule).
    with local.transaction(window.store) as connection:
        local.set_setting(connection, local.SERVER_URL, f"http://127.0.0.1:{free_port()}")
    record_id = set_aside_person(window.store)

    window.sync.controller.refresh_status()  # as after a sync, or every few seconds

    indicator = window.sync.indicator
    assert indicator.text().endswith(" · 1 record messo da parte")
    assert "#b00020" in indicator.state_button.styleSheet()
    page = window.sync.content
    assert page.pending_label.text().endswith(", 1 record ricevuto e messo da parte")
    assert page.tabs.tabText(TAB_LOG) == "Registro della sincronizzazione (1 messo da parte)"
    # The indicator leads to the log, where the record is listed.
    qtbot.mouseClick(indicator.state_button, Qt.MouseButton.LeftButton)
    assert window.navigation.currentRow() == PAGE_SYNC
    assert page.tabs.currentIndex() == TAB_LOG
    qtbot.waitUntil(log_view.set_aside_box.isVisible)
    assert log_view.set_aside_box.title() == "Record messi da parte (1)"
    assert log_view.log_caption.text() == "Sincronizzazioni, dalla più recente"
    model = log_view.set_aside_model
    assert model.rowCount() == 1
    assert [model.headerData(column, Qt.Orientation.Horizontal) for column in range(4)] == [
        "Tipo di record",
        "Motivo",
        "Ricevuto la prima volta",
        "Tentativi",
    ]
    row = {column: model.index(0, column).data() for column in range(4)}
    assert row[SET_ASIDE_KIND] == "Persona"
    # The field by its name, not its code; the full reason is the engine's.
    assert row[SET_ASIDE_REASON] == "Campo «Sesso»: valore non previsto 'X'."
    with window.store.raw_read() as connection:
        (stored,) = connection.execute("SELECT first_seen_at FROM sync_set_aside").fetchone()
    local_time = datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone()
    assert row[SET_ASIDE_FIRST_SEEN] == local_time.strftime("%d/%m/%Y %H:%M")
    assert row[SET_ASIDE_ATTEMPTS] == "1"
    assert not any("person" in text for text in row.values())  # the table's code
    tooltip = model.index(0, SET_ASIDE_KIND).data(Qt.ItemDataRole.ToolTipRole)
    assert f"Codice del record: {record_id}" in tooltip
    # The table shows its row whole: no empty space, no scroll bar for one record.
    table = log_view.set_aside_table
    assert table.viewport().height() >= table.rowHeight(0)

    # Tried again and applied (the cause gone): the section goes away after the status read.
    with local.transaction(window.store) as connection:
        connection.execute("DELETE FROM sync_set_aside WHERE record_id = ?", (record_id,))
    window.sync.controller.refresh_status()
    assert not log_view.set_aside_box.isVisibleTo(log_view)
    assert not log_view.log_caption.isVisibleTo(log_view)
    assert page.tabs.tabText(TAB_LOG) == "Registro della sincronizzazione"
    assert "messo da parte" not in indicator.text()


def test_every_synced_table_has_an_italian_name(italian: None) -> None:
    """A record set aside is named by its kind: no table code may reach the screen."""
    assert set(codecs()) <= set(TABLE_KINDS)
    names = {table: table_text(table) for table in codecs()}
    assert names["referral_event"] == "Cambio di stato di una segnalazione"
    assert all(name and "_" not in name and name != table for table, name in names.items())
    assert table_text("a_newer_table") == "Record di un tipo sconosciuto a questa versione"


def sync_status_like(
    *, pending: int = 0, conflicts: int = 0, set_aside: int = 0, outcome: str = "ok"
) -> SyncStatus:
    return SyncStatus(
        enrolled=True,
        server_url="http://127.0.0.1:1",
        site_code=SITE,
        site_kind="ambito",
        site_name="Ambito Varese",
        pending_changes=pending,
        open_conflicts=conflicts,
        conflicted_records=1 if conflicts else 0,
        rejected_records=0,
        set_aside_records=set_aside,
        last_success_at=datetime(2026, 11, 27, 14, 42).astimezone(),
        last_attempt_at=None,
        last_outcome=outcome,
        last_message="",
    )
