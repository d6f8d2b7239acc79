"""The start page in the main window: what each item opens, the side bar's counts, and when the
page reads again.

Kept here so that the main window only adds the page and calls ``connect_worklist`` once. The
window is reached by the attributes it has (``navigation``, ``pages``, ``referral_editors``,
``referral_list``, ``sync``): this module cannot import it (it imports this one).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.services.worklist import Area, WorkItem, WorkKind, Worklist
from desktop.ui.common.formats import format_count
from desktop.ui.operations import Changes, follow_changes
from desktop.ui.worklist.page import WorklistPage

# The number a navigation entry shows in its badge (0 or absent: none).
COUNT_ROLE = Qt.ItemDataRole.UserRole + 40
# What the start page follows: every kind of record it counts, the site, and whatever a sync
# brings (a sync announces everything). Projects and the directory change nothing on it.
FOLLOWS = Changes(referrals=True, persons=True, meetings=True, site=True, reference=True)

_AnyIndex = QModelIndex | QPersistentModelIndex


class CountBadgeDelegate(QStyledItemDelegate):
    """Draws a navigation entry as usual, with its count in a small badge at the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _AnyIndex) -> None:
        count = index.data(COUNT_ROLE)
        if not isinstance(count, int) or count <= 0:
            super().paint(painter, option, index)
            return
        text = format_count(count) if count < 1000 else "999+"
        metrics = option.fontMetrics
        rect: QRect = option.rect
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 12)
        badge = QRect(rect.right() - width - 6, rect.center().y() - height // 2 + 1, width, height)
        # The entry's name keeps clear of the badge (elided if it must be, never under it).
        entry = QStyleOptionViewItem(option)
        self.initStyleOption(entry, index)
        room = badge.left() - rect.left() - 2 * metrics.averageCharWidth() - 8
        entry.text = metrics.elidedText(entry.text, Qt.TextElideMode.ElideRight, room)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, entry, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        fill = palette.highlightedText() if selected else palette.highlight()
        ink = palette.highlight() if selected else palette.highlightedText()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(ink.color())
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def show_counts(navigation: QListWidget, counts: dict[int, int]) -> None:
    """Each navigation row's count: its badge, tooltip and accessible name (a screen reader
    reads "Segnalazioni, 3 da fare")."""
    for row, count in counts.items():
        if not 0 <= row < navigation.count():
            continue
        item = navigation.item(row)
        item.setData(COUNT_ROLE, count)
        if count > 0:
            pending = QCoreApplication.translate(
                "WorklistNavigation", "%Ln thing(s) to do", None, count
            )
            item.setToolTip(pending)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}, {pending}")
        else:
            item.setToolTip("")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, None)
    navigation.viewport().update()


class _Links(QObject):
    """Connects the page to the window; lives as long as the window."""

    def __init__(self, window: Any, page: WorklistPage, rows: dict[str, int]) -> None:
        super().__init__(window)
        self.window = window
        self.page = page
        self.rows = rows
        page.itemOpened.connect(self.open_item)
        page.allRequested.connect(self.open_all)
        page.referralListRequested.connect(lambda: self._go(rows["referrals"]))
        page.loaded.connect(self.show_counts)
        window.navigation.setItemDelegate(CountBadgeDelegate(window.navigation))
        # The window, not the page: the side bar's counts stay right on every page.
        follow_changes(window, FOLLOWS, page.refresh)
        window.installEventFilter(self)
        application = QCoreApplication.instance()
        if application is not None:  # quitting without closing the window (a benchmark's)
            application.aboutToQuit.connect(page.shutdown)

    def _go(self, row: int) -> None:
        self.window.navigation.setCurrentRow(row)

    def _meetings(self) -> Any:
        self._go(self.rows["meetings"])
        holder = self.window.pages.widget(self.rows["meetings"])
        return holder.page() if hasattr(holder, "page") else holder

    def open_item(self, item: object) -> None:
        assert isinstance(item, WorkItem)
        if item.area is Area.REFERRALS:
            self.window.referral_editors.open_referral(item.record_id)
        elif item.area is Area.MEETINGS:
            self._meetings().open_meeting(item.record_id)
        elif item.kind is WorkKind.SYNC_CONFLICTS:
            self.window.sync.show_conflicts()
        else:
            self.window.sync.show_log()

    def open_all(self, kind: object) -> None:
        """Every item of a kind, where the area lists them."""
        from desktop.domain.codes import ReferralStatus as S  # noqa: PLC0415
        from desktop.services.referrals.listing import ReferralFilter  # noqa: PLC0415

        assert isinstance(kind, WorkKind)
        worklist = self.page.worklist
        site = worklist.site_code if worklist is not None else None
        statuses = {
            WorkKind.RETURNED: {S.RETURNED},
            WorkKind.REJECTED: {S.NOT_RELEVANT},
            WorkKind.AWAITING_CHARGE: {S.SENT, S.RECEIVED},
            WorkKind.PRIVACY_NOTICES: {S.DRAFT, S.RETURNED},
        }.get(kind)
        if statuses is not None:
            sender = None if kind is WorkKind.AWAITING_CHARGE else site
            self._go(self.rows["referrals"])
            self.window.referral_list.show_filter(
                ReferralFilter(statuses=frozenset(statuses), sent_by_site=sender)
            )
        elif kind in (WorkKind.REFERRAL_ACTIONS, WorkKind.PLAN_REVIEWS, WorkKind.MEETING_ACTIONS):
            self._meetings().show_open_actions()
        elif kind is WorkKind.MINUTES_DRAFTS:
            self._meetings().show_lists()
        elif kind is WorkKind.SYNC_CONFLICTS:
            self.window.sync.show_conflicts()
        else:
            self.window.sync.show_log()

    def show_counts(self, worklist: object) -> None:
        assert isinstance(worklist, Worklist)
        areas = worklist.area_counts()
        show_counts(
            self.window.navigation,
            {
                self.rows["worklist"]: worklist.total,
                self.rows["referrals"]: areas[Area.REFERRALS],
                self.rows["meetings"]: areas[Area.MEETINGS],
                self.rows["sync"]: areas[Area.SYNC],
            },
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.page.shutdown()  # no read left running on a store about to close
        return False


def connect_worklist(
    window: Any, page: WorklistPage, *, worklist: int, referrals: int, meetings: int, sync: int
) -> QObject:
    """Wire the start page into the main window; the arguments are the navigation rows."""
    return _Links(
        window,
        page,
        {"worklist": worklist, "referrals": referrals, "meetings": meetings, "sync": sync},
    )
