"""The start page "Da fare": what needs this site's attention today, one section per kind.

The page paints at once with a "loading" line and fills in from a background read
(``desktop.services.worklist.read_worklist`` on a pool of its own): the main window's first
paint never waits for it. Activating an item (double-click or Enter) emits ``itemOpened`` with
the ``WorkItem``; the main window opens its record (``desktop.ui.worklist.links``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ActionState, Track
from desktop.services.worklist import (
    DEADLINE_KINDS,
    ITEMS_SHOWN,
    REJECTED_SHOWN_DAYS,
    WorkItem,
    WorkKind,
    Worklist,
    WorkSection,
    read_worklist,
)
from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask
from desktop.ui.common.formats import format_count, format_date
from desktop.ui.common.messages import heading

log = logging.getLogger(__name__)

STACK_LOADING, STACK_LIST, STACK_EMPTY = range(3)
COL_WHAT, COL_PERSON, COL_DATE, COL_WHEN, COL_DETAIL = range(5)
# What a row of the tree holds: a WorkItem, or a section's WorkKind value; a "show all" row
# holds its kind's value in MORE_ROLE.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
MORE_ROLE = Qt.ItemDataRole.UserRole + 2
_LATE = QColor("#b00020")  # the kit's error red: passes WCAG AA on white


class WorklistPage(QWidget):
    """Owned by the main window; ``refresh()`` reads again (coalesced, off the GUI thread)."""

    itemOpened = Signal(object)  # WorkItem
    allRequested = Signal(object)  # WorkKind: the whole list of that kind, in its area
    referralListRequested = Signal()  # the empty state's next action
    loaded = Signal(object)  # Worklist, after each read

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("worklistPage")
        self._store = store
        self._today = today
        self.worklist: Worklist | None = None
        self.limit = ITEMS_SHOWN  # items read per kind
        self._task: BackgroundTask | None = None
        self._painted = False
        self._filled = False
        # Its own pool: closing the window waits for this read alone.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Several change notices in a row (a save, then a sync) make one read.
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(50)
        self._again.timeout.connect(self._start_read)

        self.title = heading(self.tr("To do"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.loading = QLabel(self.tr("Reading what is pending…"), self)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.loading.setWordWrap(True)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("worklist")
        self.tree.setAccessibleName(self.tr("Things to do"))
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("What"),
                self.tr("Person"),
                self.tr("Date"),
                self.tr("When"),
                self.tr("Details"),
            ]
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.itemActivated.connect(self._on_activated)

        self.empty = QWidget(self)
        self.empty_heading = QLabel(self.tr("Nothing pending today."), self.empty)
        font = QFont(self.empty_heading.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_heading.setFont(font)
        self.empty_note = QLabel(
            self.tr(
                "Referrals returned by the CPI or waiting to be taken in charge, actions and "
                "reviews falling due, minutes to approve and synchronisation conflicts appear "
                "here when there are any."
            ),
            self.empty,
        )
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("color: palette(placeholder-text);")
        self.open_list_button = QPushButton(self.tr("Open the &referral list"), self.empty)
        self.open_list_button.clicked.connect(self.referralListRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_list_button)
        buttons.addStretch(1)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 12, 0, 0)
        empty_layout.setSpacing(12)
        empty_layout.addWidget(self.empty_heading)
        empty_layout.addWidget(self.empty_note)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.loading)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        self._show_day()

    # -- reading -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # The first read starts once the window is on screen: start-up never waits for it.
            QTimer.singleShot(0, self, self.refresh)

    def refresh(self) -> None:
        """Read again soon (notices in a burst make one read); the list stays until then."""
        self._again.start()

    @property
    def reading(self) -> bool:
        return self._task is not None or self._again.isActive()

    def _start_read(self) -> None:
        self._cancel()
        store, today, limit = self._store, self._today(), self.limit

        def job(_cancelled: Callable[[], bool], _progress: Callable[[int, int], None]) -> object:
            return read_worklist(store, today=today, limit=limit)

        self._task = BackgroundTask(job, pool=self._pool, parent=self)
        self._task.finished.connect(self._on_read)
        self._task.failed.connect(self._on_failed)
        self._task.start()

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.discard()
            self._task = None

    def shutdown(self) -> None:
        """Drop any read under way and wait for it (before the store is closed)."""
        self._again.stop()
        self._cancel()
        self._pool.waitForDone()

    def _on_read(self, worklist: object) -> None:
        assert isinstance(worklist, Worklist)
        self._task = None
        self.show_worklist(worklist)
        self.loaded.emit(worklist)

    def _on_failed(self, error: object) -> None:
        from desktop.ui.crash.storage import storage_failure  # noqa: PLC0415 - on failure only
        from desktop.ui.operations import report_bug  # noqa: PLC0415

        self._task = None
        assert isinstance(error, Exception)
        named = storage_failure(error)
        if named is None:
            report_bug(error)
            return
        log.error("the start page could not be read: %s", type(named).__name__)
        self.loading.setText(
            self.tr("What is pending could not be read: %1").replace("%1", str(named))
        )
        self.stack.setCurrentIndex(STACK_LOADING)

    # -- showing -------------------------------------------------------------------------------

    def _show_day(self, total: int | None = None) -> None:
        today = self._today()
        day = QLocale().toString(
            QDate(today.year, today.month, today.day), QLocale.FormatType.LongFormat
        )
        text = day[:1].upper() + day[1:]
        if total:
            text += " · " + self.tr("%Ln thing(s) to do", "", total)
        self.summary.setText(text)

    def show_worklist(self, worklist: Worklist) -> None:
        self.worklist = worklist
        self._show_day(worklist.total)
        if worklist.total == 0:
            self.stack.setCurrentIndex(STACK_EMPTY)
            return
        focused = self.tree.hasFocus()
        chosen = self._chosen_key()
        self.tree.clear()
        for section in worklist.sections:
            row = self._section_row(section, worklist)
            self.tree.addTopLevelItem(row)
            # Spanning needs the row in the tree: a section's title and "show all" read across.
            row.setFirstColumnSpanned(True)
            for index in range(row.childCount()):
                child = row.child(index)
                if child is not None and child.data(COL_WHAT, MORE_ROLE) is not None:
                    child.setFirstColumnSpanned(True)
        self.tree.expandAll()
        if not self._filled:
            self._fit_columns()  # once: widths the user changes stay
            self._filled = True
        self._choose(chosen)
        self.stack.setCurrentIndex(STACK_LIST)
        if focused:
            self.tree.setFocus()

    def _fit_columns(self) -> None:
        metrics = self.tree.fontMetrics()
        char = metrics.averageCharWidth()
        for column, chars in ((COL_WHAT, 44), (COL_PERSON, 24), (COL_WHEN, 27)):
            self.tree.setColumnWidth(column, char * chars)
        self.tree.setColumnWidth(COL_DATE, metrics.horizontalAdvance("00/00/0000") + char * 3)

    def _chosen_key(self) -> tuple[str, str] | None:
        current = self.tree.currentItem()
        data = None if current is None else current.data(COL_WHAT, ITEM_ROLE)
        return (
            (data.kind.value, data.item_id or data.record_id)
            if isinstance(data, WorkItem)
            else None
        )

    def _choose(self, key: tuple[str, str] | None) -> None:
        """The row chosen before a read again, else the first section's first item."""
        first: QTreeWidgetItem | None = None
        for index in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(index)
            children = (
                [] if section is None else [section.child(r) for r in range(section.childCount())]
            )
            for child in children:
                data = None if child is None else child.data(COL_WHAT, ITEM_ROLE)
                if not isinstance(data, WorkItem):
                    continue
                assert child is not None
                first = first or child
                if key == (data.kind.value, data.item_id or data.record_id):
                    self.tree.setCurrentItem(child)
                    return
        if first is not None:
            self.tree.setCurrentItem(first)

    def _section_row(self, section: WorkSection, worklist: Worklist) -> QTreeWidgetItem:
        row = QTreeWidgetItem()
        name = self.section_title(section.kind, worklist)
        if section.count:
            row.setText(COL_WHAT, f"{name} ({format_count(section.count)})")
        else:
            row.setText(COL_WHAT, self.tr("%1: nothing to do").replace("%1", name))
            row.setForeground(COL_WHAT, QBrush(self.palette().placeholderText().color()))
        font = QFont(self.tree.font())
        font.setBold(bool(section.count))
        row.setFont(COL_WHAT, font)
        row.setData(COL_WHAT, ITEM_ROLE, section.kind.value)  # Qt keeps a StrEnum as its str
        for item in section.items:
            row.addChild(self._item_row(item, worklist))
        if section.more > 0:
            more = QTreeWidgetItem()
            more.setText(
                COL_WHAT,
                self.tr("… and %1 more: show them all").replace("%1", format_count(section.more)),
            )
            more.setData(COL_WHAT, MORE_ROLE, section.kind.value)
            row.addChild(more)
        return row

    def _item_row(self, item: WorkItem, worklist: Worklist) -> QTreeWidgetItem:
        row = QTreeWidgetItem()
        texts = {
            COL_WHAT: self.what_text(item),
            COL_PERSON: item.person,
            COL_DATE: format_date(item.due_on),
            COL_WHEN: self.when_text(item),
            COL_DETAIL: self.detail_text(item, worklist),
        }
        for column, text in texts.items():
            row.setText(column, text)
        row.setToolTip(COL_DETAIL, texts[COL_DETAIL])
        row.setToolTip(COL_WHAT, texts[COL_WHAT])
        if item.kind in DEADLINE_KINDS and (item.days_overdue or 0) > 0:
            row.setForeground(COL_WHEN, QBrush(_LATE))
        row.setData(COL_WHAT, ITEM_ROLE, item)
        return row

    # -- words -----------------------------------------------------------------------------------

    def section_title(self, kind: WorkKind, worklist: Worklist | None = None) -> str:
        days = worklist.take_in_charge_days if worklist is not None else 0
        titles = {
            WorkKind.RETURNED: self.tr("Referrals returned by the CPI"),
            WorkKind.REJECTED: self.tr("Referrals judged not relevant in the last %1 days").replace(
                "%1", str(REJECTED_SHOWN_DAYS)
            ),
            WorkKind.AWAITING_CHARGE: self.tr(
                "Referrals not yet taken in charge %1 days after they were sent"
            ).replace("%1", str(days)),
            WorkKind.PRIVACY_NOTICES: self.tr("Privacy notices to hand over"),
            WorkKind.REFERRAL_ACTIONS: self.tr("Path and joint-plan actions falling due"),
            WorkKind.PLAN_REVIEWS: self.tr("Joint-plan reviews falling due"),
            WorkKind.MEETING_ACTIONS: self.tr("Actions from the minutes falling due"),
            WorkKind.MINUTES_DRAFTS: self.tr("Minutes awaiting approval"),
            WorkKind.SYNC_CONFLICTS: self.tr("Synchronisation conflicts to resolve"),
            WorkKind.SET_ASIDE: self.tr("Records set aside by the synchronisation"),
        }
        return titles[kind]

    def what_text(self, item: WorkItem) -> str:
        from desktop.ui.labels import label, short_track_label  # noqa: PLC0415 - when shown

        kind = item.kind
        if kind in (
            WorkKind.RETURNED,
            WorkKind.REJECTED,
            WorkKind.AWAITING_CHARGE,
            WorkKind.PRIVACY_NOTICES,
        ):
            text = self.tr("Referral %1").replace("%1", item.number)
            if isinstance(item.code, Track):
                text += f" ({short_track_label(item.code)})"
            return text
        if kind is WorkKind.REFERRAL_ACTIONS:
            if item.source == "path_action" and item.code is not None:
                step = self.tr("start") if item.state is ActionState.PLANNED else self.tr("end")
                return f"{label(item.code)}: {step}"
            return item.text
        if kind is WorkKind.PLAN_REVIEWS:
            return self.tr("Review of the joint plan")
        if kind is WorkKind.MEETING_ACTIONS:
            return item.text
        if kind is WorkKind.MINUTES_DRAFTS:
            return self.tr("Minutes no. %1").replace("%1", item.number)
        from desktop.ui.sync.field_text import record_text, table_text  # noqa: PLC0415

        if kind is WorkKind.SYNC_CONFLICTS and item.number:
            return record_text(item.source, item.number)
        return table_text(item.source)

    def when_text(self, item: WorkItem) -> str:
        days = item.days_overdue
        if days is None:
            return ""
        if item.kind in DEADLINE_KINDS:
            if days > 0:
                return self.tr("%n day(s) late", "", days)
            if days == 0:
                return self.tr("due today")
            return self.tr("due in %n day(s)", "", -days)
        if days > 0:
            return self.tr("for %n day(s)", "", days)
        return self.tr("since today")

    def detail_text(self, item: WorkItem, worklist: Worklist) -> str:
        kind = item.kind
        if kind in (WorkKind.RETURNED, WorkKind.REJECTED):
            return item.text
        if kind is WorkKind.AWAITING_CHARGE and item.due_on is not None:
            sent = item.due_on - timedelta(days=worklist.take_in_charge_days)
            return self.tr("Sent on %1").replace("%1", format_date(sent))
        if kind is WorkKind.PRIVACY_NOTICES:
            return self.tr("Enter the day the notice was handed over before sending.")
        if kind in (WorkKind.REFERRAL_ACTIONS, WorkKind.PLAN_REVIEWS):
            return self.tr("Referral %1").replace("%1", item.number)
        if kind is WorkKind.MEETING_ACTIONS:
            minutes = self.tr("Minutes no. %1").replace("%1", item.number)
            return minutes + (f" · {item.who}" if item.who else "")
        if kind is WorkKind.MINUTES_DRAFTS:
            return item.text
        from desktop.ui.sync.field_text import field_text, reason_text  # noqa: PLC0415

        if kind is WorkKind.SYNC_CONFLICTS:
            return ", ".join(field_text(field) for field in item.text.split(",") if field)
        return reason_text(item.text)

    # -- activation ------------------------------------------------------------------------------

    def _on_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        data: Any = row.data(COL_WHAT, ITEM_ROLE)
        if isinstance(data, WorkItem):
            self.itemOpened.emit(data)
            return
        more = row.data(COL_WHAT, MORE_ROLE)
        if more:
            self.allRequested.emit(WorkKind(more))
        elif row.childCount():
            row.setExpanded(not row.isExpanded())

    def open_current(self) -> None:
        """What Enter does on the current row (for tests and shortcuts)."""
        current = self.tree.currentItem()
        if current is not None:
            self._on_activated(current, COL_WHAT)
