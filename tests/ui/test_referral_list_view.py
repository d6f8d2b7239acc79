"""The referral list page driven as an operator would: filters, counts, keys, columns, export,
restriction (offscreen, in Italian)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.codes import ReferralStatus, SiteKind, Track
from desktop.services.installation import SITE_CODE, SITE_KIND, set_settings
from desktop.services.referrals.listing import ReferralFilter
from desktop.store.engine import Store
from desktop.ui.persons.restriction_dialog import RestrictionDialog
from desktop.ui.referrals.export_dialog import ExportChoice, ReferralExportDialog
from desktop.ui.referrals.filter_bar import PERIOD_CUSTOM, PERIOD_THIS_YEAR, months_before
from desktop.ui.referrals.list_model import (
    COL_CREATED_ON,
    COL_NUMBER,
    COL_PERSON,
    COL_STATUS,
    REFERRAL_ID_ROLE,
    ReferralListModel,
)
from desktop.ui.referrals.list_view import SETTINGS_HEADER, ReferralListView
from tests.referral_list_support import TODAY, VISIBLE, ListData, build_list_data
from tests.ui.list_fixtures import clean_settings, italian, italian_qm  # noqa: F401
from tests.ui.referral_support import unnamed_inputs


@pytest.fixture
def list_data(store: Store) -> ListData:
    return build_list_data(store)


@pytest.fixture
def view(
    qtbot: QtBot,
    store: Store,
    list_data: ListData,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> Iterator[ReferralListView]:
    set_settings(store, {SITE_CODE: "AMB-VA", SITE_KIND: SiteKind.AMBITO.value})
    model = ReferralListModel(store, today=lambda: TODAY)
    page = ReferralListView(model)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.load_choices()
    yield page
    model.close()


def shown(view: ReferralListView) -> list[str]:
    model = view.model
    return [model.data(model.index(row, COL_NUMBER)) for row in range(model.rowCount())]


def test_the_list_shows_what_may_be_shown_newest_first(view: ReferralListView) -> None:
    assert shown(view) == sorted(VISIBLE, key=lambda n: int(n[-2:]), reverse=True)
    assert view.count_label.text() == "6 segnalazioni"
    model = view.model
    assert model.data(model.index(0, COL_CREATED_ON)) == "10/09/2026"  # gg/mm/aaaa
    assert model.data(model.index(0, COL_STATUS)) == "Inviata"


def test_track_status_cpi_and_ambito_filters(view: ReferralListView, list_data: ListData) -> None:
    bar = view.filter_bar
    bar.track_combo.setCurrentIndex(bar.track_combo.findData(Track.CMD.value))
    assert sorted(shown(view)) == ["2026/000002", "2026/000007", "2026/000008"]
    assert view.count_label.text() == "3 segnalazioni"

    bar.track_combo.setCurrentIndex(0)
    bar.status_actions[ReferralStatus.SENT].trigger()
    bar.status_actions[ReferralStatus.DRAFT].trigger()
    assert sorted(shown(view)) == ["2026/000001", "2026/000003", "2026/000012"]
    assert bar.status_button.text() == "2 stati"

    bar.reset()
    bar.job_centre_combo.setCurrentIndex(bar.job_centre_combo.findData(list_data.gallarate_centre))
    assert sorted(shown(view)) == ["2026/000002", "2026/000007"]
    assert bar.job_centre_combo.currentText() == "CPI di Gallarate"

    bar.reset()
    bar.ambito_combo.setCurrentIndex(bar.ambito_combo.findData(list_data.varese_ambito))
    assert sorted(shown(view)) == ["2026/000001", "2026/000007"]

    bar.reset()
    assert view.model.referral_filter == ReferralFilter()
    assert len(shown(view)) == len(VISIBLE)


def test_period_presets_and_custom_dates(view: ReferralListView) -> None:
    bar = view.filter_bar
    bar.period_combo.setCurrentIndex(bar.period_combo.findData(PERIOD_THIS_YEAR))
    assert view.model.referral_filter.created_from.isoformat() == "2026-01-01"
    assert len(shown(view)) == len(VISIBLE)
    assert bar.period_combo.itemText(1) == "Ultimo mese"
    assert bar.period_combo.itemText(2) == "Ultimi 3 mesi"

    bar.period_combo.setCurrentIndex(bar.period_combo.findData(PERIOD_CUSTOM))
    assert bar.from_edit.isEnabled()
    assert bar.from_edit.displayFormat() == "dd/MM/yyyy"
    bar.from_edit.setDate(bar.from_edit.date().fromString("01/02/2026", "dd/MM/yyyy"))
    bar.to_edit.setDate(bar.to_edit.date().fromString("10/07/2026", "dd/MM/yyyy"))
    assert sorted(shown(view)) == ["2026/000002", "2026/000003", "2026/000007"]


def test_months_before_keeps_the_day_or_the_months_end() -> None:
    assert months_before(TODAY, 1).isoformat() == "2026-10-27"
    assert months_before(TODAY.replace(month=5, day=31), 3).isoformat() == "2026-02-28"
    assert months_before(TODAY.replace(month=1, day=15), 1).isoformat() == "2025-12-15"


def test_mine_filters_follow_the_site(view: ReferralListView, store: Store) -> None:
    bar = view.filter_bar
    assert not bar.addressed_to_me.isEnabled()  # an Ambito's workstation
    bar.sent_by_me.setChecked(True)
    assert sorted(shown(view)) == ["2026/000001", "2026/000003", "2026/000007"]

    set_settings(store, {SITE_CODE: "CPI-GA", SITE_KIND: SiteKind.CPI.value})
    view.load_choices()
    bar.sent_by_me.setChecked(False)
    assert bar.addressed_to_me.isEnabled()
    bar.addressed_to_me.setChecked(True)
    assert sorted(shown(view)) == ["2026/000002", "2026/000007"]
    assert not bar.job_centre_combo.isEnabled()


def test_restricted_are_hidden_unless_asked(view: ReferralListView) -> None:
    view.filter_bar.include_restricted.setChecked(True)
    assert len(shown(view)) == len(VISIBLE) + 2
    model = view.model
    row = shown(view).index("2026/000005")
    tooltip = model.data(model.index(row, COL_PERSON), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Trattamento limitato (art. 18 GDPR)")
    assert model.data(model.index(row, COL_PERSON), Qt.ItemDataRole.FontRole).italic()
    view.filter_bar.include_restricted.setChecked(False)
    assert "2026/000005" not in shown(view)


def test_search_runs_after_a_pause_and_on_enter(qtbot: QtBot, view: ReferralListView) -> None:
    with qtbot.waitSignal(view.countChanged, timeout=5000):
        qtbot.keyClicks(view.search_field, "ambil")
    assert sorted(shown(view)) == ["2026/000001", "2026/000007"]
    view.search_field.setText("bianchi")
    qtbot.keyClick(view.search_field, Qt.Key.Key_Return)
    assert shown(view) == ["2026/000002"]
    assert view.count_label.text() == "1 segnalazione"


def test_a_long_list_is_counted_in_the_background(
    qtbot: QtBot,
    store: Store,
    list_data: ListData,
    italian: None,  # noqa: F811
    clean_settings: QSettings,  # noqa: F811
) -> None:
    """Past the cap the count says "more than", then the exact count arrives and rows follow."""
    # Blocks of 2 rows: a count stops at 5 (count_cap), below the 6 matches of "2026/" (a text
    # search alone is counted exactly from the search index: a number's start is not).
    model = ReferralListModel(
        store, today=lambda: TODAY, block_size=2, count_floor=2, row_ids_from=2
    )
    view = ReferralListView(model)
    qtbot.addWidget(view)
    try:
        with qtbot.waitSignals([model.countChanged, model.countChanged], timeout=5000):
            view.search_field.setText("2026/")
            view.search_now()
            assert not model.count_exact
            assert view.count_label.text().startswith("oltre ")
            assert view.count_label.text().endswith("segnalazioni, conteggio in corso…")
        assert model.count_exact
        assert not model.counting
        assert model.rowCount() == len(VISIBLE)
        assert view.count_label.text() == "6 segnalazioni"
        assert sorted(shown(view)) == sorted(VISIBLE)
    finally:
        model.close()


def test_a_superseded_count_is_dropped(
    qtbot: QtBot,
    store: Store,
    list_data: ListData,
    clean_settings: QSettings,  # noqa: F811
) -> None:
    model = ReferralListModel(
        store, today=lambda: TODAY, block_size=2, count_floor=2, row_ids_from=2
    )
    counts: list[int] = []
    model.countChanged.connect(counts.append)
    try:
        model.set_filter(ReferralFilter(search="2026/"))
        with qtbot.waitSignal(model.countChanged, timeout=5000) as blocker:
            model.set_filter(ReferralFilter(search="2026/", include_restricted=True))
        assert counts[0] == 5  # the first filter's quick count, then its job was cancelled
        assert blocker.args == [5]
        with qtbot.waitSignal(model.countChanged, timeout=5000) as blocker:
            pass
        assert blocker.args == [len(VISIBLE) + 2]
        qtbot.wait(50)  # nothing else may arrive: the first job's answer was dropped
        assert counts == [5, 5, len(VISIBLE) + 2]
        assert model.count_exact
    finally:
        model.close()


def test_keyboard_find_new_open(
    qtbot: QtBot,
    store: Store,
    list_data: ListData,
    clean_settings: QSettings,  # noqa: F811
) -> None:
    # In a main window sized beforehand, as in the application: a window whose minimum size
    # grows while it is shown makes the offscreen platform warn.
    host = QMainWindow()
    host.setMinimumSize(1200, 700)
    qtbot.addWidget(host)
    model = ReferralListModel(store, today=lambda: TODAY, parent=host)
    view = ReferralListView(model)
    host.setCentralWidget(view)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_field.hasFocus()

    qtbot.keyClick(view.search_field, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    assert view.current_row() == 0
    first_id = view.model.data(view.model.index(0, 0), REFERRAL_ID_ROLE)
    with qtbot.waitSignal(view.openRequested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [first_id]

    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    second_id = view.model.data(view.model.index(1, 0), REFERRAL_ID_ROLE)
    with qtbot.waitSignal(view.openRequested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Enter)
    assert opened.args == [second_id]

    with qtbot.waitSignal(view.newRequested):
        qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.openRequested) as opened:
        view.table.doubleClicked.emit(view.model.index(2, 3))
    assert opened.args == [view.model.data(view.model.index(2, 0), REFERRAL_ID_ROLE)]


def test_column_layout_is_remembered(
    qtbot: QtBot,
    view: ReferralListView,
    store: Store,
    clean_settings: QSettings,  # noqa: F811
) -> None:
    header = view.table.horizontalHeader()
    view.set_column_hidden(COL_STATUS, True)
    header.moveSection(header.visualIndex(COL_NUMBER), 4)
    header.resizeSection(COL_CREATED_ON, 173)
    view.table.sortByColumn(COL_PERSON, Qt.SortOrder.AscendingOrder)
    view.save_header()
    assert clean_settings.value(SETTINGS_HEADER) is not None

    model = ReferralListModel(store, today=lambda: TODAY)
    again = ReferralListView(model)
    qtbot.addWidget(again)
    try:
        restored = again.table.horizontalHeader()
        assert restored.isSectionHidden(COL_STATUS)
        assert restored.visualIndex(COL_NUMBER) == 4
        assert restored.sectionSize(COL_CREATED_ON) == 173
        assert model.sort_key.value == "person"
        again.reset_columns()
        assert not restored.isSectionHidden(COL_STATUS)
        assert restored.visualIndex(COL_NUMBER) == 0
    finally:
        model.close()


def test_the_last_column_cannot_be_hidden(view: ReferralListView) -> None:
    for column in range(1, view.model.columnCount()):
        view.set_column_hidden(column, True)
    view.set_column_hidden(0, True)
    assert not view.table.horizontalHeader().isSectionHidden(0)


@pytest.mark.parametrize("sensitive", [False, True])
def test_export_from_the_page(
    qtbot: QtBot,
    view: ReferralListView,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sensitive: bool,
) -> None:
    target = tmp_path / "elenco.csv"
    shown_messages: list[str] = []

    def accept(dialog: ReferralExportDialog) -> int:
        assert dialog.windowTitle() == "Esporta l'elenco"
        assert not dialog.sensitive_box.isChecked()  # left out unless asked for
        dialog.csv_button.setChecked(True)
        dialog.sensitive_box.setChecked(sensitive)
        dialog.path_edit.setText(str(target))
        assert dialog.choice() == ExportChoice(target, sensitive)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ReferralExportDialog, "exec", accept)
    monkeypatch.setattr(
        QMessageBox, "information", lambda *args: shown_messages.append(str(args[2]))
    )
    view.filter_bar.track_combo.setCurrentIndex(
        view.filter_bar.track_combo.findData(Track.NEET.value)
    )
    view.filter_bar.include_restricted.setChecked(True)
    view.export()
    with qtbot.waitSignal(view._export_task.finished, timeout=10000):
        pass
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    assert ("Codice fiscale" in header) is sensitive
    assert ("Data di nascita" in header) is sensitive
    assert header[:4] == ["Numero", "Data", "Percorso", "Stato"]
    # The list's order (newest first) and filter; the restricted referral 000004 never.
    assert [row[0] for row in rows] == ["2026/000012", "2026/000003", "2026/000001"]
    assert rows[0][2] == "NEET"
    assert rows[0][3] == "Inviata"
    assert shown_messages == [f"3 segnalazioni esportate in {target}."]


def test_restricting_a_referral_from_the_list(
    qtbot: QtBot, view: ReferralListView, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed: list[str] = []

    def answer(dialog: RestrictionDialog) -> int:
        assert dialog.windowTitle() == "Limita il trattamento"
        dialog.reason_edit.setPlainText("no")
        dialog.accept()  # refused: too short, the message is shown and the dialog stays
        typed.append(dialog.error_label.text())
        dialog.reason_edit.setPlainText("Richiesta dell'interessato del 20/11/2026")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RestrictionDialog, "exec", answer)
    row = shown(view).index("2026/000003")
    referral_id = view.model.data(view.model.index(row, 0), REFERRAL_ID_ROLE)
    view.change_restriction(referral_id, True)
    assert typed == ["Indicare il motivo della limitazione del trattamento."]
    assert "2026/000003" not in shown(view)
    view.filter_bar.include_restricted.setChecked(True)
    row = shown(view).index("2026/000003")
    tooltip = view.model.data(view.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "Motivo: Richiesta dell'interessato del 20/11/2026" in tooltip


def test_every_input_of_the_list_page_has_an_accessible_name(view: ReferralListView) -> None:
    assert unnamed_inputs(view) == []
    export = ReferralExportDialog(shown=6, today=TODAY, parent=view)
    try:
        assert unnamed_inputs(export) == []
    finally:
        export.deleteLater()
