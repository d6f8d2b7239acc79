"""The Monitoraggio page: the filters, then the dashboard's sections in a scroll area.

What is counted, and where, is a ``DashboardSource``'s business: an office PC counts on its own
store (``LocalSource``, any filter counts again), the Province reads the server's protected
tables (``ProvinceSource``: only a new period asks the server again; the track, Ambito and CPI
choose rows of the last answer). Either way the work runs off the GUI thread, so a store of
100,000 referrals or a slow network never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.monitoring import Audience, Dashboard, MonitoringFilter
from desktop.services.errors import ServiceError
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.formats import format_date
from desktop.ui.common.messages import MessageBanner, heading
from desktop.ui.crash.storage import error_text, storage_failure
from desktop.ui.monitoring.blocks import CHART_COLUMNS, CHART_SPACING, SectionView
from desktop.ui.monitoring.chart_view import MIN_WIDTH_PX, Prepared, chart_scale, prepare
from desktop.ui.monitoring.filters import MonitoringFilterBar
from desktop.ui.operations import report_bug

# Filters change in bursts (a date typed digit by digit, a spin box held): one count after them.
FILTER_DELAY_MS = 250


class DashboardSource(Protocol):
    """Where a page's figures come from."""

    def needs_reading(self, read_for: MonitoringFilter | None, wanted: MonitoringFilter) -> bool:
        """Whether ``wanted`` needs a new read, the last one having been for ``read_for``."""
        ...

    def read(self, flt: MonitoringFilter) -> object:
        """The slow part, off the GUI thread (a count, a request)."""
        ...

    def dashboard(self, read: object, flt: MonitoringFilter) -> Dashboard:
        """The page for ``flt`` from what ``read`` returned (on the GUI thread: quick)."""
        ...


class LocalSource:
    """An Ambito's, a Third Sector body's or a CPI's page: counted on this PC's store."""

    def __init__(self, count: Callable[[MonitoringFilter], Dashboard]) -> None:
        self._count = count

    def needs_reading(self, read_for: MonitoringFilter | None, wanted: MonitoringFilter) -> bool:
        return read_for != wanted

    def read(self, flt: MonitoringFilter) -> object:
        return self._count(flt)

    def dashboard(self, read: object, flt: MonitoringFilter) -> Dashboard:
        assert isinstance(read, Dashboard)
        return read


class ProvinceSource:
    """The Province's page: the server's protected tables for a period (``fetch``, a request),
    from which ``select`` takes the rows of a track, an Ambito or a CPI without asking again."""

    def __init__(
        self,
        fetch: Callable[[MonitoringFilter], object],
        select: Callable[[object, MonitoringFilter], Dashboard],
    ) -> None:
        self._fetch = fetch
        self._select = select

    def needs_reading(self, read_for: MonitoringFilter | None, wanted: MonitoringFilter) -> bool:
        if read_for is None:
            return True
        return (read_for.start, read_for.end) != (wanted.start, wanted.end)

    def read(self, flt: MonitoringFilter) -> object:
        # The whole network for the period: the narrower filters are chosen from it.
        return self._fetch(replace(flt, track=None, ambito_id=None, job_centre_id=None))

    def dashboard(self, read: object, flt: MonitoringFilter) -> Dashboard:
        return self._select(read, flt)


class MonitoringPage(QWidget):
    """``drillRequested(Drill)``: the operator clicked a figure; the main window lists its
    referrals. ``dashboardShown(Dashboard)``: a new dashboard is on screen (tests wait on it)."""

    drillRequested = Signal(object)
    dashboardShown = Signal(object)

    def __init__(
        self,
        audience: Audience,
        source: DashboardSource,
        *,
        store: Store | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.audience = audience
        self.source = source
        self.store = store
        self.today = today
        self.dashboard: Dashboard | None = None
        self.sections: list[SectionView] = []
        self.task: BackgroundTask | None = None
        self.render_task: BackgroundTask | None = None
        self._read: object | None = None
        self._read_for: MonitoringFilter | None = None
        self._reading_for: MonitoringFilter | None = None

        self.filter_bar = MonitoringFilterBar(audience, today, self)
        self.report_button = QPushButton(self.tr("Monitoring &report…"), self)
        self.report_button.setToolTip(
            self.tr("The figures on this page as a PDF report or an Excel workbook")
        )
        self.report_button.setEnabled(False)
        # The Province's figures change with other offices' syncs, which this PC does not see.
        self.refresh_button = QPushButton(self.tr("Ask the server &again"), self)
        self.refresh_button.setToolTip(
            self.tr("Read the provincial server's figures again, with the latest syncs")
        )
        self.refresh_button.setVisible(audience is Audience.PROVINCE)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setMaximumHeight(12)
        self.busy_label = QLabel(self)
        self.busy_label.setStyleSheet("color: palette(placeholder-text);")
        self.banner = MessageBanner(self)
        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.retry_button.hide()

        self.title_label = heading("", self)
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("color: palette(placeholder-text);")
        self.notes_banner = MessageBanner(self)
        self.empty_banner = MessageBanner(self)

        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(12, 4, 12, 12)
        self.content_layout.setSpacing(22)
        self.content_layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the charts' width does not change when the page grows long.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setWidget(self.content)

        top = QHBoxLayout()
        top.setSpacing(12)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.source_label)
        top.addLayout(titles, 1)
        top.addWidget(self.busy_label)
        top.addWidget(self.busy_bar)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)
        message = QHBoxLayout()
        message.addWidget(self.banner, 1)
        message.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addLayout(message)
        layout.addWidget(self.notes_banner)
        layout.addWidget(self.empty_banner)
        layout.addWidget(self.scroll_area, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.filter_bar.changed.connect(self._filter_timer.start)
        self.retry_button.clicked.connect(self.retry)
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button.clicked.connect(self.open_report_dialog)
        self._show_busy(False)
        self.apply_filters()

    # -- reading -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return any(
            task is not None and task.running and not task.cancelled
            for task in (self.task, self.render_task)
        )

    def apply_filters(self) -> None:
        """Show the filters' figures: read again when the source needs it, else at once."""
        self._filter_timer.stop()
        wanted = self.filter_bar.filter()
        if self._read is not None and not self.source.needs_reading(self._read_for, wanted):
            if self.task is not None and self.task.running:
                self.task.cancel()  # a read for an older filter would overwrite this one
            self._present(self.source.dashboard(self._read, wanted))
            return
        if self.busy and self._reading_for == wanted:
            return
        self._start_reading(wanted)

    def retry(self) -> None:
        self._start_reading(self.filter_bar.filter())

    def refresh(self) -> None:
        """Count again (records changed, a sync brought news)."""
        self._read_for = None
        self._start_reading(self.filter_bar.filter())

    def _start_reading(self, wanted: MonitoringFilter) -> None:
        for task in (self.task, self.render_task):
            if task is not None:
                task.cancel()  # its result is dropped: this read is newer
        source = self.source

        def job(_cancelled: Callable[[], bool], _progress: object) -> object:
            return source.read(wanted)

        self._reading_for = wanted
        self.banner.clear_message()
        self.retry_button.hide()
        self._show_busy(True)
        task = BackgroundTask(job, parent=self)
        task.finished.connect(self._on_read)
        task.failed.connect(self._on_failed)
        self.task = task
        task.start()

    @Slot(object)
    def _on_read(self, read: object) -> None:
        self._show_busy(False)
        assert self._reading_for is not None
        self._read, self._read_for = read, self._reading_for
        # The filters may have moved on while the read ran: show what they ask for now.
        wanted = self.filter_bar.filter()
        if self.source.needs_reading(self._read_for, wanted):
            self._start_reading(wanted)
            return
        try:
            dashboard = self.source.dashboard(read, wanted)
        except ServiceError as error:
            self._show_failure(str(error))
            return
        self._present(dashboard)

    def _present(self, dashboard: Dashboard) -> None:
        """Draw the dashboard's charts off the GUI thread, at the width they will get, then
        show it (drawn on the GUI thread, a dozen charts would hold the window for a second)."""
        if self.render_task is not None:
            self.render_task.cancel()
        width = self.chart_width()
        scale = chart_scale(self)

        def job(cancelled: Callable[[], bool], _progress: object) -> dict[str, Prepared]:
            drawn: dict[str, Prepared] = {}
            for chart in dashboard.charts():
                if cancelled():
                    break
                drawn[chart.key] = prepare(chart, width, scale)
            return drawn

        self._show_busy(True)
        task = BackgroundTask(job, parent=self)
        task.finished.connect(lambda drawn: self._on_drawn(dashboard, drawn))
        task.failed.connect(self._on_failed)
        self.render_task = task
        task.start()

    def _on_drawn(self, dashboard: Dashboard, drawn: object) -> None:
        self._show_busy(False)
        assert isinstance(drawn, dict)
        self._show(dashboard, drawn)

    def chart_width(self) -> int:
        """The width a chart gets: its column of the page's grid."""
        margins = self.content_layout.contentsMargins()
        room = self.scroll_area.viewport().width() - margins.left() - margins.right()
        spacing = CHART_SPACING * (CHART_COLUMNS - 1)
        return max(MIN_WIDTH_PX, (room - spacing) // CHART_COLUMNS)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._show_busy(False)
        assert isinstance(error, Exception)
        if isinstance(error, ServiceError):
            self._show_failure(str(error))
        elif storage_failure(error) is not None:
            self._show_failure(error_text(error))
        elif self.audience is Audience.PROVINCE and _is_network_error(error):
            self._show_failure(
                self.tr(
                    "The provincial server could not be reached. Check the network connection "
                    "and try again."
                )
            )
        elif isinstance(error, OSError):
            self._show_failure(error_text(error))
        else:
            self._show_failure(self.tr("The figures could not be counted."))
            report_bug(error)

    def _show_failure(self, text: str) -> None:
        self.banner.show_error(text)
        self.retry_button.show()
        self.retry_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        if busy:
            self.busy_label.setText(
                self.tr("Reading the provincial server…")
                if self.audience is Audience.PROVINCE
                else self.tr("Counting…")
            )
        self.content.setEnabled(not busy)

    # -- showing -------------------------------------------------------------------------------

    def _show(self, dashboard: Dashboard, drawn: Mapping[str, Prepared] | None = None) -> None:
        scrolled = self.scroll_area.verticalScrollBar().value()
        self.dashboard = dashboard
        self.filter_bar.set_options(dashboard.ambiti, dashboard.job_centres)
        flt = dashboard.filter
        self.title_label.setText(self.tr("Monitoring — %1").replace("%1", dashboard.site_name))
        period = (
            self.tr("From %1 to %2")
            .replace("%1", format_date(flt.start))
            .replace("%2", format_date(flt.end))
        )
        moment = dashboard.generated_at
        counted = (
            self.tr("counted on %1 at %2")
            .replace("%1", format_date(moment.date()))
            .replace("%2", moment.strftime("%H:%M"))
        )
        self.source_label.setText(
            " · ".join(part for part in (period, dashboard.source, counted) if part)
        )
        if dashboard.notes:
            self.notes_banner.show_info(" ".join(dashboard.notes))
        else:
            self.notes_banner.clear_message()

        for view in self.sections:
            self.content_layout.removeWidget(view)
            view.deleteLater()
        self.sections = []
        for index, section in enumerate(dashboard.sections):
            view = SectionView(section, self.content, said=dashboard.notes, prepared=drawn)
            view.drillRequested.connect(self.drillRequested)
            self.content_layout.insertWidget(index, view)
            view.show()  # now, not when the layout gets round to it: the page is read at once
            self.sections.append(view)
        if _is_empty(dashboard):
            self.empty_banner.show_info(
                self.tr(
                    "Nothing was counted in the chosen period: no referral matches the filters."
                )
            )
        else:
            self.empty_banner.clear_message()
        self.report_button.setEnabled(True)
        # Bound to the scroll area: a page closed before the timer fires is simply skipped.
        scroll_bar = self.scroll_area.verticalScrollBar()
        QTimer.singleShot(0, scroll_bar, lambda: scroll_bar.setValue(scrolled))
        self.dashboardShown.emit(dashboard)

    def open_report_dialog(self) -> None:
        from desktop.ui.monitoring.report_dialog import (  # noqa: PLC0415 - when used
            MonitoringReportDialog,
        )

        if self.dashboard is None:
            return
        dialog = MonitoringReportDialog(self.store, self.dashboard, parent=self)
        self.report_dialog = dialog
        dialog.open()


def _is_empty(dashboard: Dashboard) -> bool:
    values = [figure.value for figure in dashboard.figures()]
    for chart in dashboard.charts():
        values.extend(chart.values())
    return not any(value.suppressed or (value.amount or 0) > 0 for value in values)


def _is_network_error(error: BaseException) -> bool:
    """A connection that failed, timed out or was refused (httpx's or the OS's)."""
    if isinstance(error, OSError | TimeoutError):
        return True
    return any(
        type(cause).__module__.startswith(("httpx", "httpcore", "ssl")) for cause in _chain(error)
    )


def _chain(error: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found
