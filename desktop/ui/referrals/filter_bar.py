"""The referral list's filters: track, statuses, CPI, Ambito, period and "mine" toggles.

Layout and the mapping to ``ReferralFilter`` only; the list applies what ``apply`` returns.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop.domain.codes import ReferralStatus, Track
from desktop.services.referrals.listing import ReferralFilter
from desktop.ui.common.fields import DateField
from desktop.ui.common.formats import from_qdate, to_qdate
from desktop.ui.labels import choices, label

PERIOD_ANY = "any"
PERIOD_LAST_MONTH = "last_month"
PERIOD_LAST_3_MONTHS = "last_3_months"
PERIOD_THIS_YEAR = "this_year"
PERIOD_CUSTOM = "custom"


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or that month's last day when it is shorter."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_range(period: str, today: date) -> tuple[date | None, date | None]:
    """The dates a preset stands for, both included."""
    if period == PERIOD_LAST_MONTH:
        return months_before(today, 1), today
    if period == PERIOD_LAST_3_MONTHS:
        return months_before(today, 3), today
    if period == PERIOD_THIS_YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return None, None


class _StickyMenu(QMenu):
    """A menu of check boxes that stays open while they are ticked."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class ReferralFilterBar(QWidget):
    """Emits ``changed`` whenever a filter is changed by the operator (or by ``reset``)."""

    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._own_site: str | None = None
        self._own_job_centre: str | None = None
        self._quiet = False

        self.track_combo = QComboBox(self)
        self.track_combo.addItem(self.tr("All tracks"), None)
        for track, text in choices(Track):
            self.track_combo.addItem(text, track.value)
        self.track_combo.setAccessibleName(self.tr("Track"))

        self.status_button = QToolButton(self)
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setAccessibleName(self.tr("Status"))
        self.status_menu = _StickyMenu(self.status_button)
        self.status_actions: dict[ReferralStatus, QAction] = {}
        clear = self.status_menu.addAction(self.tr("All statuses"))
        clear.triggered.connect(self._clear_statuses)
        self.status_menu.addSeparator()
        for status, text in choices(ReferralStatus):
            action = self.status_menu.addAction(text)
            action.setCheckable(True)
            action.toggled.connect(self._on_statuses_toggled)
            self.status_actions[status] = action
        self.status_button.setMenu(self.status_menu)
        char = self.fontMetrics().averageCharWidth()
        self.status_button.setMinimumWidth(char * 22)

        self.job_centre_combo = QComboBox(self)
        self.job_centre_combo.setAccessibleName(self.tr("CPI"))
        self.ambito_combo = QComboBox(self)
        self.ambito_combo.setAccessibleName(self.tr("Ambito"))
        for combo in (self.job_centre_combo, self.ambito_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(16)

        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName(self.tr("Period"))
        for key, text in (
            (PERIOD_ANY, self.tr("Any date")),
            (PERIOD_LAST_MONTH, self.tr("Last month")),
            (PERIOD_LAST_3_MONTHS, self.tr("Last 3 months")),
            (PERIOD_THIS_YEAR, self.tr("Current year")),
            (PERIOD_CUSTOM, self.tr("Custom dates")),
        ):
            self.period_combo.addItem(text, key)
        self.from_edit = self._date_edit(self.tr("Created from"))
        self.to_edit = self._date_edit(self.tr("Created up to"))

        self.sent_by_me = QCheckBox(self.tr("Sent by my office"), self)
        self.addressed_to_me = QCheckBox(self.tr("Addressed to my CPI"), self)
        self.include_restricted = QCheckBox(self.tr("Show restricted too"), self)
        self.include_restricted.setToolTip(
            self.tr("Also list referrals and persons whose processing is restricted (GDPR art. 18)")
        )
        self.reset_button = QPushButton(self.tr("Clear filters"), self)
        self.set_choices([], [], own_site=None, own_job_centre=None)

        self._layout()
        self._update_status_text()
        self._update_period_edits()
        self.track_combo.currentIndexChanged.connect(self._emit)
        self.job_centre_combo.currentIndexChanged.connect(self._emit)
        self.ambito_combo.currentIndexChanged.connect(self._emit)
        self.period_combo.currentIndexChanged.connect(self._on_period_changed)
        self.from_edit.dateChanged.connect(self._emit)
        self.to_edit.dateChanged.connect(self._emit)
        self.sent_by_me.toggled.connect(self._emit)
        self.addressed_to_me.toggled.connect(self._on_addressed_toggled)
        self.include_restricted.toggled.connect(self._emit)
        self.reset_button.clicked.connect(self.reset)

    def _date_edit(self, name: str) -> DateField:
        edit = DateField(self, today=self._today, optional=False)
        edit.setAccessibleName(name)
        return edit

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)

        def labelled(text: str, widget: QWidget) -> QHBoxLayout:
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            box = QHBoxLayout()
            box.setSpacing(6)
            box.addWidget(caption)
            box.addWidget(widget)
            return box

        first = QHBoxLayout()
        first.setSpacing(16)
        first.addLayout(labelled(self.tr("&Track:"), self.track_combo))
        first.addLayout(labelled(self.tr("Stat&us:"), self.status_button))
        first.addLayout(labelled(self.tr("CP&I:"), self.job_centre_combo))
        first.addLayout(labelled(self.tr("&Ambito:"), self.ambito_combo))
        first.addStretch(1)
        second = QHBoxLayout()
        second.setSpacing(16)
        period = labelled(self.tr("&Period:"), self.period_combo)
        period.addWidget(QLabel(self.tr("from"), self))
        period.addWidget(self.from_edit)
        period.addWidget(QLabel(self.tr("to"), self))
        period.addWidget(self.to_edit)
        second.addLayout(period)
        second.addWidget(self.sent_by_me)
        second.addWidget(self.addressed_to_me)
        second.addWidget(self.include_restricted)
        second.addStretch(1)
        second.addWidget(self.reset_button)
        grid.addLayout(first, 0, 0)
        grid.addLayout(second, 1, 0)

    # -- choices from the store ----------------------------------------------------------------

    def set_choices(
        self,
        job_centres: list[tuple[str, str]],
        ambiti: list[tuple[str, str]],
        *,
        own_site: str | None,
        own_job_centre: str | None,
    ) -> None:
        """Fill the CPI and Ambito lists (id, name) and say which site and CPI are "mine"."""
        self._quiet = True
        try:
            for combo, everything, items in (
                (self.job_centre_combo, self.tr("All CPIs"), job_centres),
                (self.ambito_combo, self.tr("All Ambiti"), ambiti),
            ):
                kept = combo.currentData()
                combo.clear()
                combo.addItem(everything, None)
                for item_id, name in items:
                    combo.addItem(name, item_id)
                combo.setCurrentIndex(max(0, combo.findData(kept)))
            self._own_site = own_site
            self._own_job_centre = own_job_centre
            self._update_mine()
        finally:
            self._quiet = False

    def _update_mine(self) -> None:
        self.sent_by_me.setEnabled(self._own_site is not None)
        mine = self._own_job_centre is not None
        self.addressed_to_me.setEnabled(mine)
        if not mine:
            self.addressed_to_me.setChecked(False)
            self.addressed_to_me.setToolTip(self.tr("This workstation does not belong to a CPI"))
        else:
            self.addressed_to_me.setToolTip("")
        self.job_centre_combo.setEnabled(not self.addressed_to_me.isChecked())

    # -- the filter ------------------------------------------------------------------------------

    def selected_statuses(self) -> frozenset[ReferralStatus]:
        return frozenset(status for status, act in self.status_actions.items() if act.isChecked())

    def apply(self, flt: ReferralFilter) -> ReferralFilter:
        """``flt`` with the bar's filters (its search text is kept)."""
        track = self.track_combo.currentData()
        job_centre = self.job_centre_combo.currentData()
        if self.addressed_to_me.isChecked() and self._own_job_centre is not None:
            job_centre = self._own_job_centre
        created_from, created_to = self.period()
        return replace(
            flt,
            track=Track(track) if track else None,
            statuses=self.selected_statuses(),
            job_centre_id=job_centre,
            ambito_id=self.ambito_combo.currentData(),
            sent_by_site=self._own_site if self.sent_by_me.isChecked() else None,
            created_from=created_from,
            created_to=created_to,
            include_restricted=self.include_restricted.isChecked(),
        )

    def select(self, flt: ReferralFilter) -> dict[str, object]:
        """Set the filters to show ``flt`` (no ``changed``); returns the terms none of them can
        show (a site other than this one, a CPI not listed, a period open at one end), by
        ``ReferralFilter`` field, for the list to apply and name beside the bar."""
        leftovers: dict[str, object] = {}
        self._quiet = True
        try:
            track = flt.track.value if flt.track is not None else None
            self.track_combo.setCurrentIndex(
                max(0, self.track_combo.findData(track)) if track else 0
            )
            for status, action in self.status_actions.items():
                action.setChecked(status in flt.statuses)
            self.addressed_to_me.setChecked(False)
            for combo, name in (
                (self.job_centre_combo, "job_centre_id"),
                (self.ambito_combo, "ambito_id"),
            ):
                wanted = getattr(flt, name)
                index = combo.findData(wanted) if wanted else 0
                combo.setCurrentIndex(max(0, index))
                if index < 0:
                    leftovers[name] = wanted
            mine = flt.sent_by_site is not None and flt.sent_by_site == self._own_site
            self.sent_by_me.setChecked(mine)
            if flt.sent_by_site is not None and not mine:
                leftovers["sent_by_site"] = flt.sent_by_site
            if flt.created_from is not None and flt.created_to is not None:
                self.period_combo.setCurrentIndex(self.period_combo.findData(PERIOD_CUSTOM))
                self.from_edit.setDate(to_qdate(flt.created_from))
                self.to_edit.setDate(to_qdate(flt.created_to))
            else:
                self.period_combo.setCurrentIndex(self.period_combo.findData(PERIOD_ANY))
                if flt.created_from is not None or flt.created_to is not None:
                    leftovers["created_from"] = flt.created_from
                    leftovers["created_to"] = flt.created_to
            self.include_restricted.setChecked(flt.include_restricted)
            self._update_status_text()
            self._update_period_edits()
            self._update_mine()
        finally:
            self._quiet = False
        return leftovers

    def period(self) -> tuple[date | None, date | None]:
        key = self.period_combo.currentData()
        if key == PERIOD_CUSTOM:
            start, end = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
            return (start, end) if start <= end else (end, start)
        return period_range(str(key), self._today())

    def reset(self) -> None:
        """Every filter back to "all"."""
        self._quiet = True
        try:
            self.track_combo.setCurrentIndex(0)
            for action in self.status_actions.values():
                action.setChecked(False)
            self.job_centre_combo.setCurrentIndex(0)
            self.ambito_combo.setCurrentIndex(0)
            self.period_combo.setCurrentIndex(0)
            self.sent_by_me.setChecked(False)
            self.addressed_to_me.setChecked(False)
            self.include_restricted.setChecked(False)
            self._update_status_text()
            self._update_period_edits()
            self._update_mine()
        finally:
            self._quiet = False
        self.changed.emit()

    # -- reactions -------------------------------------------------------------------------------

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def _clear_statuses(self) -> None:
        self._quiet = True
        try:
            for action in self.status_actions.values():
                action.setChecked(False)
        finally:
            self._quiet = False
        self._on_statuses_toggled()

    def _on_statuses_toggled(self) -> None:
        self._update_status_text()
        self._emit()

    def _update_status_text(self) -> None:
        chosen = [status for status in ReferralStatus if status in self.selected_statuses()]
        if not chosen:
            text = self.tr("All statuses")
        elif len(chosen) == 1:
            text = label(chosen[0])
        else:
            text = self.tr("%n statuses", "", len(chosen))
        self.status_button.setText(text)
        self.status_button.setToolTip(", ".join(label(status) for status in chosen))

    def _on_period_changed(self) -> None:
        self._update_period_edits()
        self._emit()

    def _update_period_edits(self) -> None:
        key = self.period_combo.currentData()
        custom = key == PERIOD_CUSTOM
        start, end = period_range(str(key), self._today())
        self._quiet, was_quiet = True, self._quiet
        try:
            if start is not None and end is not None:
                self.from_edit.setDate(to_qdate(start))
                self.to_edit.setDate(to_qdate(end))
        finally:
            self._quiet = was_quiet
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)

    def _on_addressed_toggled(self) -> None:
        self.job_centre_combo.setEnabled(not self.addressed_to_me.isChecked())
        self._emit()
