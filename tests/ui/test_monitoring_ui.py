"""The Monitoraggio page, driven as a person would (offscreen): the dashboards of the three
audiences, a click on a bar that opens exactly its referrals, the tables behind the charts, the
Province's page without a network, and the report dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot

import sync.client.monitoring as client_monitoring
from desktop.demo.seed import seed_demo
from desktop.documents.charts import format_value
from desktop.domain.codes import ReferralStatus, SiteKind, Track
from desktop.domain.monitoring import (
    Audience,
    Chart,
    ChartKind,
    Dashboard,
    Drill,
    MonitoringFilter,
    Value,
)
from desktop.services.errors import ServiceError
from desktop.services.monitoring import referral_filter
from desktop.services.monitoring.province import fetch_province_dashboard
from desktop.services.referrals.listing import ReferralFilter, count_referrals
from desktop.store.engine import Store
from desktop.ui.main_window import PAGE_MONITORING, PAGE_REFERRALS, MainWindow
from desktop.ui.monitoring import monitoring_page
from desktop.ui.monitoring.blocks import ChartBlock, FigureCard
from desktop.ui.monitoring.chart_table import chart_table
from desktop.ui.monitoring.chart_view import ChartView, describe
from desktop.ui.monitoring.page import LocalSource, MonitoringPage, ProvinceSource
from desktop.ui.monitoring.report_dialog import MonitoringReportDialog
from tests.sync.e2e.live import LiveServer, Office, running_server
from tests.test_monitoring_figures import as_site, every_value, seed_world
from tests.ui import monitoring_support as samples
from tests.ui.list_fixtures import italian, italian_qm  # noqa: F401 - fixtures
from tests.ui.test_looking_writes_nothing import differences, mark_clean, synced_rows

# Offscreen, a top-level window whose size limits change (a chart drawn again) says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")

# Generous: the machine is shared, and a count under load may take seconds.
WAIT_MS = 30_000


class Counter:
    """A source's function that remembers the filters it was asked for."""

    def __init__(self, make: Callable[[MonitoringFilter], Dashboard]) -> None:
        self.make = make
        self.asked: list[MonitoringFilter] = []

    def __call__(self, flt: MonitoringFilter) -> Dashboard:
        self.asked.append(flt)
        return self.make(flt)


def shown_page(
    qtbot: QtBot, audience: Audience, source: LocalSource | ProvinceSource, **options: object
) -> MonitoringPage:
    page = MonitoringPage(audience, source, today=lambda: samples.TODAY, **options)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1110, 660)  # what a 1280×720 window leaves beside the navigation
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        page.show()
    return page


def block(page: MonitoringPage, key: str) -> ChartBlock:
    for section in page.sections:
        for found in section.blocks:
            if found.chart.key == key:
                return found
    raise KeyError(key)


def rendered(qtbot: QtBot, view: ChartView) -> ChartView:
    qtbot.waitUntil(view.up_to_date, timeout=WAIT_MS)
    return view


def hover(view: ChartView, position: QPointF) -> None:
    """The pointer moving over the chart, as the window system reports it."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        position,
        view.mapToGlobal(position),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)


def click_value(qtbot: QtBot, view: ChartView, series: int, category: int) -> None:
    (hit,) = [h for h in view.hits() if (h.series, h.category) == (series, category)]
    centre = view.hit_rect(hit).center().toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre)


# -- the three audiences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "make"),
    [
        (Audience.SENDER, samples.sender_dashboard),
        (Audience.JOB_CENTRE, samples.job_centre_dashboard),
        (Audience.PROVINCE, samples.province_dashboard),
    ],
)
def test_the_page_shows_every_section_figure_and_chart(
    qtbot: QtBot, audience: Audience, make: Callable[[MonitoringFilter], Dashboard]
) -> None:
    source: LocalSource | ProvinceSource
    if audience is Audience.PROVINCE:
        source = ProvinceSource(lambda flt: "tables", lambda _read, flt: make(flt))
    else:
        source = LocalSource(make)
    page = shown_page(qtbot, audience, source)
    dashboard = page.dashboard
    assert dashboard is not None
    assert [view.section.title for view in page.sections] == [s.title for s in dashboard.sections]
    cards = [card for view in page.sections for card in view.cards]
    assert [card.value_label.text() for card in cards] == [
        format_value(figure.value, figure.unit) for figure in dashboard.figures()
    ]
    blocks = [b for view in page.sections for b in view.blocks]
    assert [b.chart.key for b in blocks] == [chart.key for chart in dashboard.charts()]
    for chart_block in blocks:
        view = rendered(qtbot, chart_block.view)
        assert view.height() > 40
        assert len(view.hits()) == sum(len(s.values) for s in chart_block.chart.series)
    assert dashboard.site_name in page.title_label.text()
    assert "01/10/2026" in page.source_label.text()
    assert page.filter_bar.waiting_spin.isVisibleTo(page) == (audience is Audience.SENDER)
    # The filters offer the dashboard's Ambiti and CPI by name.
    ambiti = [page.filter_bar.ambito_combo.itemText(i) for i in range(1, 99)]
    assert [a.label for a in dashboard.ambiti] == [text for text in ambiti if text]
    assert not page.empty_banner.isVisible()
    # It fits: nothing forces the page wider than a 1280-pixel window leaves it.
    assert page.minimumSizeHint().width() <= 1110


def test_a_click_on_a_bar_asks_for_its_referrals(qtbot: QtBot) -> None:
    page = shown_page(qtbot, Audience.SENDER, LocalSource(samples.sender_dashboard))
    chart_block = block(page, "sender.by_job_centre")
    view = rendered(qtbot, chart_block.view)
    # The second series (Collocamento mirato) of the first CPI: a narrow bar beside a wide one.
    expected = chart_block.chart.series[1].values[0].drill
    assert expected is not None and expected.track == "cmd"
    with qtbot.waitSignal(page.drillRequested, timeout=WAIT_MS) as caught:
        click_value(qtbot, view, series=1, category=0)
    assert caught.args == [expected]
    # Between the bars nothing is asked for.
    with qtbot.assertNotEmitted(page.drillRequested):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))


def test_a_cell_of_the_table_opens_its_referrals_as_its_bar_does(qtbot: QtBot) -> None:
    page = shown_page(qtbot, Audience.SENDER, LocalSource(samples.sender_dashboard))
    chart_block = block(page, "sender.by_job_centre")
    chart_block.show_table(True)
    table = chart_block.table
    assert table is not None
    expected = chart_block.chart.series[1].values[0].drill
    assert expected is not None
    cell = table.table_model().index(0, 2)  # first CPI, second series (column 0: the names)
    assert "Enter" in table.table_model().data(cell, Qt.ItemDataRole.ToolTipRole)
    table.setFocus()
    table.setCurrentIndex(cell)
    with qtbot.waitSignal(page.drillRequested, timeout=WAIT_MS) as caught:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert caught.args == [expected]
    # The names' column counts nothing: it opens nothing.
    table.setCurrentIndex(table.table_model().index(0, 0))
    with qtbot.assertNotEmitted(page.drillRequested):
        qtbot.keyClick(table, Qt.Key.Key_Return)


def test_the_pointer_names_the_value_it_is_over(qtbot: QtBot) -> None:
    page = shown_page(qtbot, Audience.SENDER, LocalSource(samples.sender_dashboard))
    view = rendered(qtbot, block(page, "sender.by_job_centre").view)
    (hit,) = [h for h in view.hits() if (h.series, h.category) == (0, 0)]
    position = view.hit_rect(hit).center()
    assert view.hit_at(position) == hit
    assert describe(view.chart, hit) == "CPI di Varese — NEET: 7"
    hover(view, position)
    assert view.cursor().shape() == Qt.CursorShape.PointingHandCursor
    hover(view, QPointF(1, 1))
    assert view.cursor().shape() == Qt.CursorShape.ArrowCursor
    # A value that opens nothing (a response time) keeps the ordinary pointer.
    times = rendered(qtbot, block(page, "sender.response_times").view)
    (plain,) = [h for h in times.hits() if (h.series, h.category) == (0, 0)]
    hover(times, times.hit_rect(plain).center())
    assert times.cursor().shape() == Qt.CursorShape.ArrowCursor
    # The tooltip names the value under the pointer.
    help_event = QHelpEvent(
        QEvent.Type.ToolTip, position.toPoint(), view.mapToGlobal(position.toPoint())
    )
    QApplication.sendEvent(view, help_event)
    qtbot.waitUntil(lambda: "CPI di Varese — NEET: 7" in QToolTip.text(), timeout=WAIT_MS)


def test_a_figure_card_opens_its_referrals_by_mouse_and_keyboard(qtbot: QtBot) -> None:
    page = shown_page(qtbot, Audience.SENDER, LocalSource(samples.sender_dashboard))
    cards = {card.figure.key: card for view in page.sections for card in view.cards}
    taken = cards["sender.taken"]
    with qtbot.waitSignal(page.drillRequested, timeout=WAIT_MS) as caught:
        qtbot.mouseClick(taken, Qt.MouseButton.LeftButton)
    assert caught.args == [taken.figure.value.drill]
    assert isinstance(caught.args[0], Drill) and caught.args[0].statuses == ("taken_in_charge",)
    with qtbot.waitSignal(page.drillRequested, timeout=WAIT_MS):
        taken.setFocus()
        qtbot.keyClick(taken, Qt.Key.Key_Return)
    waiting: FigureCard = cards["sender.waiting"]  # counted without a drill
    with qtbot.assertNotEmitted(page.drillRequested):
        qtbot.mouseClick(waiting, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (samples.sender_dashboard, "sender.by_job_centre"),
        (samples.sender_dashboard, "sender.response_times"),
        (samples.sender_dashboard, "sender.by_month"),
        (samples.sender_dashboard, "sender.project_budget"),
        (samples.job_centre_dashboard, "jc.by_sender"),
        (samples.job_centre_dashboard, "jc.referents"),
    ],
)
def test_the_table_shows_the_numbers_of_the_chart(
    qtbot: QtBot, make: Callable[[MonitoringFilter], Dashboard], key: str
) -> None:
    page = shown_page(qtbot, Audience.SENDER, LocalSource(make))
    chart_block = block(page, key)
    chart = chart_block.chart
    assert chart_block.table is None
    qtbot.mouseClick(chart_block.table_button, Qt.MouseButton.LeftButton)
    table = chart_block.table
    assert table is not None and table.isVisible()
    texts = table.table_model().texts()
    if chart.kind is ChartKind.SPARKLINES:
        # One row per series, as the chart draws it: its values across the months, its total.
        for row, series in zip(texts, chart.series, strict=True):
            assert row[0] == series.label
            values = [format_value(v, chart.unit) for v in series.values]
            assert row[1:-1] == values
            total = Value(sum(v.amount or 0 for v in series.values))
            assert row[-1] == format_value(total, chart.unit)
    else:
        for index, row in enumerate(texts):
            assert row[0] == chart.categories[index].label
            values = [format_value(s.values[index], chart.unit) for s in chart.series]
            assert row[1 : 1 + len(values)] == values
    model = table.table_model()
    number = model.index(0, 1)
    alignment = Qt.AlignmentFlag(model.data(number, Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.data(number, Qt.ItemDataRole.AccessibleTextRole).startswith(texts[0][0])
    assert table.accessibleName().endswith(chart.title)
    # The toggle hides it again.
    qtbot.mouseClick(chart_block.table_button, Qt.MouseButton.LeftButton)
    assert not table.isVisible()


def test_withheld_cells_read_under_five_and_totals_stay_true(qtbot: QtBot) -> None:
    source = ProvinceSource(
        lambda _flt: "tables", lambda _read, flt: samples.province_dashboard(flt)
    )
    page = shown_page(qtbot, Audience.PROVINCE, source)
    chart_block = block(page, "province.by_ambito")
    chart_block.show_table(True)
    assert chart_block.table is not None
    texts = chart_block.table.table_model().texts()
    assert texts == [
        ["Ambito di Saronno", "12", "<5", "17"],
        ["Ambito di Gallarate", "30", "8", "38"],
        ["Ambito di Tradate", "<5", "6", "9"],
    ]
    model = chart_block.table.table_model()
    withheld = model.index(0, 2)
    assert "5" in model.data(withheld, Qt.ItemDataRole.ToolTipRole)
    spoken = model.data(withheld, Qt.ItemDataRole.AccessibleTextRole)
    assert "<5" not in spoken and "5" in spoken
    # No value of the Province's page opens a list: its PC holds no records.
    view = rendered(qtbot, chart_block.view)
    with qtbot.assertNotEmitted(page.drillRequested):
        click_value(qtbot, view, series=0, category=1)
    assert page.notes_banner.isVisible() and "<5" in page.notes_banner.text()


def test_an_empty_period_says_so(qtbot: QtBot) -> None:
    page = shown_page(qtbot, Audience.SENDER, LocalSource(samples.empty_dashboard))
    assert page.empty_banner.isVisible()
    only = block(page, "sender.by_job_centre")
    assert only.view.hits() == ()
    assert not only.table_button.isEnabled()


# -- filters, off the GUI thread ----------------------------------------------------------------


def test_a_filter_counts_again_with_the_chosen_terms(qtbot: QtBot) -> None:
    counter = Counter(samples.sender_dashboard)
    page = shown_page(qtbot, Audience.SENDER, LocalSource(counter))
    assert counter.asked[-1].start == date(2026, 10, 1)
    assert counter.asked[-1].end == samples.TODAY  # the current quarter, so far
    bar = page.filter_bar
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        bar.track_combo.setCurrentIndex(bar.track_combo.findData(Track.CMD.value))
        bar.job_centre_combo.setCurrentIndex(bar.job_centre_combo.findData("cpi-busto"))
        bar.waiting_spin.setValue(45)
    # One count for the three changes (they came in a burst).
    assert len(counter.asked) == 2
    assert counter.asked[-1] == replace(
        counter.asked[0], track="cmd", job_centre_id="cpi-busto", waiting_days=45
    )
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        bar.choose_dates(date(2026, 3, 31), date(2026, 1, 1))  # typed backwards
    assert (counter.asked[-1].start, counter.asked[-1].end) == (date(2026, 1, 1), date(2026, 3, 31))
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        bar.period_combo.setCurrentIndex(1)  # the previous quarter
    assert (counter.asked[-1].start, counter.asked[-1].end) == (date(2026, 7, 1), date(2026, 9, 30))


def test_a_refusal_of_the_count_is_said_in_its_words(qtbot: QtBot) -> None:
    def refuse(flt: MonitoringFilter) -> Dashboard:
        raise ServiceError("La data finale del periodo precede quella iniziale.")

    page = MonitoringPage(Audience.SENDER, LocalSource(refuse), today=lambda: samples.TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.banner.isVisible, timeout=WAIT_MS)
    assert "precede" in page.banner.text()
    assert page.retry_button.isVisible()
    assert not page.busy_bar.isVisible()


# -- the Province: the network --------------------------------------------------------------------


class FlakyServer:
    """The server's tables for a period, after ``failures`` refused connections."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.periods: list[tuple[date, date]] = []

    def fetch(self, flt: MonitoringFilter) -> object:
        assert (flt.track, flt.ambito_id, flt.job_centre_id) == (None, None, None)
        self.periods.append((flt.start, flt.end))
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError(111, "Connection refused")
        return {"period": (flt.start, flt.end)}

    def select(self, read: object, flt: MonitoringFilter) -> Dashboard:
        assert isinstance(read, dict) and read["period"] == (flt.start, flt.end)
        return samples.province_dashboard(flt)


@pytest.mark.usefixtures("italian")
def test_an_unreachable_server_is_said_in_italian_and_retried(qtbot: QtBot) -> None:
    server = FlakyServer(failures=1)
    page = MonitoringPage(
        Audience.PROVINCE, ProvinceSource(server.fetch, server.select), today=lambda: samples.TODAY
    )
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.banner.isVisible, timeout=WAIT_MS)
    assert "server provinciale" in page.banner.text()
    assert "Traceback" not in page.banner.text() and "refused" not in page.banner.text()
    assert page.retry_button.isVisible() and page.retry_button.text() == "&Riprova"
    assert page.dashboard is None and page.sections == []
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    assert not page.banner.isVisible() and not page.retry_button.isVisible()
    assert len(server.periods) == 2


def test_the_province_chooses_rows_without_asking_again_until_the_period_changes(
    qtbot: QtBot,
) -> None:
    server = FlakyServer(failures=0)
    page = shown_page(qtbot, Audience.PROVINCE, ProvinceSource(server.fetch, server.select))
    assert len(server.periods) == 1
    bar = page.filter_bar
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        bar.ambito_combo.setCurrentIndex(bar.ambito_combo.findData("amb-gallarate"))
    assert page.dashboard is not None
    chart = page.dashboard.chart("province.by_ambito")
    assert [c.label for c in chart.categories] == ["Ambito di Gallarate"]
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        bar.track_combo.setCurrentIndex(bar.track_combo.findData(Track.NEET.value))
    assert len(server.periods) == 1  # no new request
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        bar.period_combo.setCurrentIndex(1)
    assert server.periods[-1] == (date(2026, 7, 1), date(2026, 9, 30))
    assert len(server.periods) == 2
    # Asked again on request: other offices may have synced since.
    assert page.refresh_button.isVisible()
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert len(server.periods) == 3


# -- the report dialog ----------------------------------------------------------------------------


class Writer:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, Path, str]] = []
        self.error = error

    def __call__(self, kind: str, output: Path, notes: str) -> object:
        self.calls.append((kind, output, notes))
        if self.error is not None:
            raise self.error
        output.write_bytes(b"report")
        return output


@pytest.fixture
def report_dialog(
    qtbot: QtBot, tmp_path: Path
) -> Iterator[Callable[[Writer], MonitoringReportDialog]]:
    def make(writer: Writer) -> MonitoringReportDialog:
        dialog = MonitoringReportDialog(
            None, samples.sender_dashboard(), writer=writer, folder=tmp_path
        )
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield make


def test_the_report_is_written_with_the_notes_and_named(
    qtbot: QtBot, report_dialog: Callable[[Writer], MonitoringReportDialog], tmp_path: Path
) -> None:
    writer = Writer()
    dialog = report_dialog(writer)
    suggested = "report-monitoraggio-2026-10-01-2026-11-20-ambito-di-saronno"
    assert dialog.output() == tmp_path / f"{suggested}.pdf"
    dialog.notes_edit.setPlainText("Il Tavolo chiede un aggiornamento a gennaio.")
    dialog.excel_button.setChecked(True)
    assert dialog.path_edit.text().endswith(".xlsx")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        dialog.ok_button.click()
    expected = tmp_path / f"{suggested}.xlsx"
    assert writer.calls == [("xlsx", expected, "Il Tavolo chiede un aggiornamento a gennaio.")]
    assert expected.read_bytes() == b"report"
    assert dialog.done_box is not None and str(expected) in dialog.done_box.text()
    dialog.done_box.button(QMessageBox.StandardButton.Ok).click()


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (ServiceError("Il profilo dell'ente non indica il titolare."), "titolare"),
        (PermissionError(13, "Permission denied"), "could not be written"),
    ],
)
def test_a_report_that_cannot_be_written_says_why_and_stays_open(
    qtbot: QtBot,
    report_dialog: Callable[[Writer], MonitoringReportDialog],
    error: Exception,
    said: str,
) -> None:
    dialog = report_dialog(Writer(error))
    dialog.ok_button.click()
    qtbot.waitUntil(dialog.banner.isVisible, timeout=WAIT_MS)
    assert said in dialog.banner.text()
    assert dialog.isVisible() and dialog.ok_button.isEnabled()


def test_a_missing_folder_or_overlong_notes_write_nothing(
    qtbot: QtBot, report_dialog: Callable[[Writer], MonitoringReportDialog], tmp_path: Path
) -> None:
    writer = Writer()
    dialog = report_dialog(writer)
    dialog.path_edit.setText(str(tmp_path / "nessuna" / "report.pdf"))
    dialog.ok_button.click()
    assert "does not exist" in dialog.banner.text()
    dialog.path_edit.setText(str(tmp_path / "report.pdf"))
    dialog.notes_edit.setPlainText("x" * 5000)
    dialog.ok_button.click()
    assert "too long" in dialog.banner.text()
    assert writer.calls == [] and dialog.isVisible()


# -- the real thing: a store, the main window, the referral list ---------------------------------


@pytest.fixture
def sender_store(store: Store) -> Store:
    seed_world(store, referrals=160)
    as_site(store, "AMB-VA", SiteKind.AMBITO)
    return store


def test_the_page_counts_a_real_store_for_each_office(qtbot: QtBot, sender_store: Store) -> None:
    page = monitoring_page(sender_store, today=lambda: samples.TODAY)
    qtbot.addWidget(page)
    page.filter_bar.choose_dates(date(2026, 1, 1), samples.TODAY)
    page.show()
    qtbot.waitUntil(lambda: counted_from(page) == date(2026, 1, 1), timeout=WAIT_MS)
    assert page.dashboard is not None and page.audience is Audience.SENDER
    assert page.dashboard.filter.start == date(2026, 1, 1)
    assert any(not chart.empty for chart in page.dashboard.charts())
    as_site(sender_store, "CPI-VA", SiteKind.CPI)
    centre = monitoring_page(sender_store, today=lambda: samples.TODAY)
    qtbot.addWidget(centre)
    with qtbot.waitSignal(centre.dashboardShown, timeout=WAIT_MS):
        centre.show()
    assert centre.audience is Audience.JOB_CENTRE
    assert centre.dashboard is not None and centre.dashboard.audience is Audience.JOB_CENTRE


def counted_from(page: MonitoringPage) -> date | None:
    """The first day of the period on screen, once no count is under way."""
    if page.busy or page.dashboard is None:
        return None
    return page.dashboard.filter.start


def _drilled_bar(dashboard: Dashboard) -> tuple[Chart, int, int, Value]:
    """A bar with a drill counting a few referrals (not all: the list must be narrowed)."""
    for chart in dashboard.charts():
        if chart.kind not in (ChartKind.BAR, ChartKind.STACKED_BAR):
            continue
        for s, series in enumerate(chart.series):
            for c, value in enumerate(series.values):
                if value.drill is not None and (value.amount or 0) >= 2 and value.drill.track:
                    return chart, s, c, value
    raise AssertionError("no bar to click")


@pytest.mark.usefixtures("italian")
def test_a_click_in_the_main_window_lists_exactly_the_counted_referrals(
    qtbot: QtBot, sender_store: Store
) -> None:
    window = MainWindow(sender_store, sender_store.path.parent, today=lambda: samples.TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startupRead, timeout=WAIT_MS):
        window.show()
    everything = window.referral_model.rowCount()
    window.navigation.setCurrentRow(PAGE_MONITORING)
    page = window.monitoring.page()
    assert isinstance(page, MonitoringPage)
    page.filter_bar.choose_dates(date(2026, 1, 1), samples.TODAY)
    qtbot.waitUntil(lambda: counted_from(page) == date(2026, 1, 1), timeout=WAIT_MS)
    assert page.dashboard is not None
    chart, series, category, value = _drilled_bar(page.dashboard)
    view = rendered(qtbot, block(page, chart.key).view)
    with qtbot.waitSignal(window.referral_list.countChanged, timeout=WAIT_MS):
        click_value(qtbot, view, series, category)
    assert window.navigation.currentRow() == PAGE_REFERRALS
    assert value.drill is not None
    expected = referral_filter(value.drill)
    qtbot.waitUntil(lambda: window.referral_model.referral_filter == expected, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.referral_model.count_exact, timeout=WAIT_MS)
    listed = window.referral_model.rowCount()
    assert listed == value.amount == count_referrals(sender_store, expected)
    assert window.referral_model.rowCount() < everything
    bar = window.referral_list.filter_bar
    assert bar.track_combo.currentData() == value.drill.track
    assert bar.period_combo.currentData() == "custom"
    assert window.referral_list.monitoring_chip.isVisible()
    # Removing the monitoring filter shows every referral again.
    with qtbot.waitSignal(window.referral_list.countChanged, timeout=WAIT_MS):
        qtbot.mouseClick(window.referral_list.monitoring_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.referral_model.referral_filter == ReferralFilter())
    assert not window.referral_list.monitoring_chip.isVisible()


@pytest.mark.usefixtures("italian")
def test_terms_the_list_has_no_control_for_are_named_and_removable(
    qtbot: QtBot, sender_store: Store
) -> None:
    window = MainWindow(sender_store, sender_store.path.parent, today=lambda: samples.TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startupRead, timeout=WAIT_MS):
        window.show()
    view = window.referral_list
    flt = ReferralFilter(
        statuses=frozenset({ReferralStatus.SENT}),
        sent_by_site="ETS-COOP",  # not this PC's site: the list has no control for it
        created_from=date(2026, 1, 1),
    )
    view.show_filter(flt)
    qtbot.waitUntil(lambda: window.referral_model.referral_filter == flt, timeout=WAIT_MS)
    chip = view.monitoring_label.text()
    assert "monitoraggio" in chip and "01/01/2026" in chip
    assert "ETS-COOP" not in chip  # a site by its name, never its code
    assert view.filter_bar.selected_statuses() == {ReferralStatus.SENT}
    qtbot.mouseClick(view.filter_bar.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.referral_model.referral_filter == ReferralFilter())
    assert not view.monitoring_chip.isVisible()


def test_the_table_helper_keeps_the_chart_order() -> None:
    chart = samples.province_dashboard().chart("province.by_ambito")
    table = chart_table(chart)
    assert table.first_header == "Ambito"
    assert [row.label for row in table.rows] == [c.label for c in chart.categories]
    assert table.headers == ("NEET", "Collocamento mirato", "Total")


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_the_report_button_writes_the_report_of_the_page_on_screen(
    qtbot: QtBot, sender_store: Store, tmp_path: Path, kind: str
) -> None:
    page = monitoring_page(sender_store, today=lambda: samples.TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: counted_from(page) is not None, timeout=WAIT_MS)
    assert page.report_button.isEnabled()
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    dialog = page.report_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.notes_edit.setPlainText("Andamento in linea con il trimestre precedente.")
    if kind == "xlsx":
        dialog.excel_button.setChecked(True)
    output = tmp_path / f"report.{kind}"
    dialog.path_edit.setText(str(output))
    with qtbot.waitSignal(dialog.finished, timeout=30_000):
        dialog.ok_button.click()
    assert not dialog.banner.isVisible(), dialog.banner.text()
    head = output.read_bytes()[:4]
    assert head == (b"%PDF" if kind == "pdf" else b"PK\x03\x04")
    assert dialog.done_box is not None and str(output) in dialog.done_box.text()
    dialog.done_box.button(QMessageBox.StandardButton.Ok).click()


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize(("code", "kind"), [("AMB-VA", SiteKind.AMBITO), ("CPI-VA", SiteKind.CPI)])
def test_looking_at_the_page_names_charts_as_the_report_and_writes_nothing(
    qtbot: QtBot, sender_store: Store, code: str, kind: SiteKind
) -> None:
    as_site(sender_store, code, kind)
    mark_clean(sender_store)
    before = synced_rows(sender_store)
    page = monitoring_page(sender_store, today=lambda: samples.TODAY)
    qtbot.addWidget(page)
    page.filter_bar.choose_dates(date(2026, 1, 1), samples.TODAY)
    page.show()
    qtbot.waitUntil(lambda: counted_from(page) == date(2026, 1, 1), timeout=WAIT_MS)
    blocks = [b for view in page.sections for b in view.blocks]
    assert blocks
    for chart_block in blocks:
        # The screen's translated title is the printed report's (the model's Italian).
        assert chart_block.title_label.text() == chart_block.chart.title
        if chart_block.table_button.isEnabled():
            chart_block.show_table(True)
    assert differences(before, synced_rows(sender_store)) == []


# -- the Province's page from a real server process -----------------------------------------------


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("server")
    with running_server(f"sqlite:///{folder / 'server.sqlite'}", folder) as live:
        yield live


@pytest.fixture
def province_office(tmp_path: Path, live_server: LiveServer) -> Iterator[Office]:
    sender = Office(tmp_path / "pc-luino", live_server).enroll("AMB-LUINO")
    province = Office(tmp_path / "pc-provincia", live_server).enroll("PROVINCIA-VA")
    try:
        sender.sync()
        seed_demo(sender.store, referrals=40, seed=18, today=samples.TODAY)
        sender.sync()
        province.sync()
        yield province
    finally:
        sender.close()
        province.close()


def test_the_province_page_shows_the_servers_tables_and_filters_them_on_the_pc(
    qtbot: QtBot, province_office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[date, date]] = []
    fetch = client_monitoring.fetch_monitoring_for

    def counted_fetch(store: Store, start: date, end: date) -> object:
        asked.append((start, end))
        return fetch(store, start, end)

    monkeypatch.setattr(client_monitoring, "fetch_monitoring_for", counted_fetch)
    store = province_office.store
    page = monitoring_page(store, today=lambda: samples.TODAY)
    qtbot.addWidget(page)
    page.filter_bar.choose_dates(date(2026, 1, 1), samples.TODAY)
    page.show()
    qtbot.waitUntil(lambda: counted_from(page) == date(2026, 1, 1), timeout=30_000)
    assert page.audience is Audience.PROVINCE and page.dashboard is not None
    flt = page.dashboard.filter
    expected = fetch_province_dashboard(store, flt)
    total = page.dashboard.figure("totale")
    assert total.value == expected.figure("totale").value and (total.value.amount or 0) > 0
    assert "PROVINCIA-VA" not in page.title_label.text()
    assert all(value.drill is None for _key, value in every_value(page.dashboard))
    requests = len(asked)
    luino = next(c for c in page.dashboard.ambiti if "Luino" in c.label)
    bar = page.filter_bar
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        bar.ambito_combo.setCurrentIndex(bar.ambito_combo.findData(luino.key))
    chosen = page.dashboard.chart("per_ambito")
    assert [c.key for c in chosen.categories] == [luino.key]
    assert len(asked) == requests  # chosen from the last answer: no new request


def test_counting_runs_off_the_gui_thread_with_a_busy_indicator(qtbot: QtBot) -> None:
    release = threading.Event()
    threads: list[threading.Thread] = []

    def slow_count(flt: MonitoringFilter) -> Dashboard:
        threads.append(threading.current_thread())
        release.wait(WAIT_MS / 1000)  # a store of 100,000 referrals, say
        return samples.sender_dashboard(flt)

    page = MonitoringPage(Audience.SENDER, LocalSource(slow_count), today=lambda: samples.TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: bool(threads), timeout=WAIT_MS)
    assert threads[0] is not threading.main_thread()
    assert page.busy and page.busy_bar.isVisible() and page.busy_label.text() == "Counting…"
    # The window answers meanwhile: its events are handled while the count runs.
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=WAIT_MS)
    assert page.busy
    with qtbot.waitSignal(page.dashboardShown, timeout=WAIT_MS):
        release.set()
    assert not page.busy and not page.busy_bar.isVisible()


def test_a_wider_window_draws_the_charts_again_at_their_new_width(qtbot: QtBot) -> None:
    page = shown_page(qtbot, Audience.SENDER, LocalSource(samples.sender_dashboard))
    view = rendered(qtbot, block(page, "sender.by_job_centre").view)
    narrow = view.rendered_width
    page.resize(1300, 660)
    qtbot.waitUntil(
        lambda: view.rendered_width > narrow + 50 and view.up_to_date(), timeout=WAIT_MS
    )
    # The values are still where a click finds them.
    with qtbot.waitSignal(page.drillRequested, timeout=WAIT_MS) as caught:
        click_value(qtbot, view, series=0, category=1)
    assert caught.args == [view.chart.series[0].values[1].drill]


def test_only_pages_that_count_several_cpi_offer_a_cpi_to_choose(qtbot: QtBot) -> None:
    centre = shown_page(qtbot, Audience.JOB_CENTRE, LocalSource(samples.job_centre_dashboard))
    assert not centre.filter_bar.job_centre_combo.isVisible()
    assert not centre.filter_bar.waiting_spin.isVisible()
    sender = shown_page(qtbot, Audience.SENDER, LocalSource(samples.sender_dashboard))
    assert sender.filter_bar.job_centre_combo.isVisible()
    assert sender.filter_bar.waiting_spin.isVisible()
