"""The Monitoraggio page's filters: the period (a recent quarter or two dates), the track, the
Ambito and the CPI, and for a sending site the days after which a referral counts as waiting.

Layout and the mapping to ``MonitoringFilter`` only; the page decides what a change costs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import Track
from desktop.domain.monitoring import Audience, Category, MonitoringFilter
from desktop.ui.common.fields import DateField
from desktop.ui.common.formats import from_qdate, to_qdate
from desktop.ui.labels import choices
from sync.protocol.monitoring import DEFAULT_WAITING_DAYS, Quarter

CUSTOM = "custom"
# Quarters offered besides the current one: two years back, what a Tavolo compares.
RECENT_QUARTERS = 8
MAX_WAITING_DAYS = 365


def recent_quarters(today: date, count: int = RECENT_QUARTERS) -> list[Quarter]:
    """The current quarter first, then the ones before it."""
    found = [Quarter.of(today)]
    while len(found) < count:
        previous = found[-1].start.toordinal() - 1
        found.append(Quarter.of(date.fromordinal(previous)))
    return found


class MonitoringFilterBar(QWidget):
    """Emits ``changed`` whenever the operator changes a filter."""

    changed = Signal()

    def __init__(
        self, audience: Audience, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.audience = audience
        self._today = today
        self._quiet = False

        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName(self.tr("Period"))
        current = Quarter.of(today())
        for quarter in recent_quarters(today()):
            text = quarter.label
            if quarter == current:
                text = self.tr("%1 (so far)").replace("%1", quarter.label)
            self.period_combo.addItem(text, quarter.key)
        self.period_combo.addItem(self.tr("Custom"), CUSTOM)
        self.from_edit = self._date_edit(self.tr("Period from"))
        self.to_edit = self._date_edit(self.tr("Period up to"))

        self.track_combo = QComboBox(self)
        self.track_combo.setAccessibleName(self.tr("Track"))
        self.track_combo.addItem(self.tr("All tracks"), None)
        for track, text in choices(Track):
            self.track_combo.addItem(text, track.value)
        self.ambito_combo = QComboBox(self)
        self.ambito_combo.setAccessibleName(self.tr("Ambito"))
        self.job_centre_combo = QComboBox(self)
        self.job_centre_combo.setAccessibleName(self.tr("CPI"))
        for combo in (self.ambito_combo, self.job_centre_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(14)
        self.set_options((), ())

        self.waiting_spin = QSpinBox(self)
        self.waiting_spin.setRange(1, MAX_WAITING_DAYS)
        self.waiting_spin.setValue(DEFAULT_WAITING_DAYS)
        self.waiting_spin.setSuffix(self.tr(" days"))
        self.waiting_spin.setAccessibleName(self.tr("Waiting for more than (days)"))
        self.waiting_spin.setToolTip(
            self.tr("A referral sent and not yet taken in charge for longer counts as waiting")
        )

        self._lay_out()
        self._show_period(current)
        self.period_combo.currentIndexChanged.connect(self._on_period_chosen)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._emit)
        for combo in (self.track_combo, self.ambito_combo, self.job_centre_combo):
            combo.currentIndexChanged.connect(self._emit)
        self.waiting_spin.valueChanged.connect(self._emit)

    def _date_edit(self, name: str) -> DateField:
        edit = DateField(self, today=self._today, optional=False)
        edit.setAccessibleName(name)
        return edit

    def _lay_out(self) -> None:
        # Two rows: the page must fit a 1280-pixel window beside the navigation.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        first, second = QHBoxLayout(), QHBoxLayout()
        for row in (first, second):
            row.setSpacing(6)
            rows.addLayout(row)

        def labelled(row: QHBoxLayout, text: str, widget: QWidget, gap: int = 16) -> None:
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
            row.addSpacing(gap)

        labelled(first, self.tr("&Period:"), self.period_combo, 6)
        first.addWidget(self.from_edit)
        first.addWidget(QLabel("–", self))
        first.addWidget(self.to_edit)
        first.addSpacing(16)
        labelled(first, self.tr("&Track:"), self.track_combo)
        first.addStretch(1)
        labelled(second, self.tr("&Ambito:"), self.ambito_combo)
        if self.audience is Audience.JOB_CENTRE:
            # A CPI's page counts its own referrals only: there is no other CPI to choose.
            self.job_centre_combo.hide()
        else:
            labelled(second, self.tr("CP&I:"), self.job_centre_combo)
        if self.audience is Audience.SENDER:
            labelled(second, self.tr("&Waiting over:"), self.waiting_spin)
        else:
            self.waiting_spin.hide()
        second.addStretch(1)

    # -- options and values ----------------------------------------------------------------------

    def set_options(self, ambiti: Sequence[Category], job_centres: Sequence[Category]) -> None:
        """The Ambiti and CPI this page may filter by (the dashboard's); the choice is kept
        when it is still offered."""
        self._quiet, was_quiet = True, self._quiet
        try:
            for combo, everything, items in (
                (self.ambito_combo, self.tr("All Ambiti"), ambiti),
                (self.job_centre_combo, self.tr("All CPIs"), job_centres),
            ):
                listed = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
                wanted = [(None, everything), *((item.key, item.label) for item in items)]
                if listed == wanted:
                    continue
                kept = combo.currentData()
                combo.clear()
                for key, text in wanted:
                    combo.addItem(text, key)
                combo.setCurrentIndex(max(0, combo.findData(kept)))
                combo.setEnabled(len(wanted) > 1)
        finally:
            self._quiet = was_quiet

    def period(self) -> tuple[date, date]:
        start, end = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        return (start, end) if start <= end else (end, start)

    def filter(self) -> MonitoringFilter:
        start, end = self.period()
        track = self.track_combo.currentData()
        return MonitoringFilter(
            start=start,
            end=end,
            track=str(track) if track else None,
            ambito_id=self.ambito_combo.currentData(),
            job_centre_id=self.job_centre_combo.currentData(),
            waiting_days=self.waiting_spin.value(),
        )

    def choose_quarter(self, quarter: Quarter) -> None:
        index = self.period_combo.findData(quarter.key)
        if index < 0:
            self.choose_dates(quarter.start, quarter.end)
        else:
            self.period_combo.setCurrentIndex(index)

    def choose_dates(self, start: date, end: date) -> None:
        """A custom period (a test, or the operator typing dates)."""
        self._quiet, was_quiet = True, self._quiet
        try:
            self.period_combo.setCurrentIndex(self.period_combo.findData(CUSTOM))
            self.from_edit.setDate(to_qdate(start))
            self.to_edit.setDate(to_qdate(end))
            self._enable_dates(True)
        finally:
            self._quiet = was_quiet
        self._emit()

    # -- reactions -------------------------------------------------------------------------------

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def _on_period_chosen(self) -> None:
        key = self.period_combo.currentData()
        if key == CUSTOM:
            self._enable_dates(True)
        else:
            year, number = str(key).split("-Q")
            self._show_period(Quarter(int(year), int(number)))
        self._emit()

    def _show_period(self, quarter: Quarter) -> None:
        # The current quarter up to today: its later days have nothing yet, and the page (and
        # the report) should not claim them.
        end = min(quarter.end, max(quarter.start, self._today()))
        self._quiet, was_quiet = True, self._quiet
        try:
            self.from_edit.setDate(to_qdate(quarter.start))
            self.to_edit.setDate(to_qdate(end))
        finally:
            self._quiet = was_quiet
        self._enable_dates(False)

    def _enable_dates(self, custom: bool) -> None:
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
