"""Everything the main window has of sync, wired in one place: the controller, the page, the
status bar indicator, the "Sincronizzazione" menu and the enrollment dialog.

Start-up time: the client engine (httpx, pydantic, the codecs) takes longer to import than the
first screen takes to show, so this module imports only Qt; the controller and the page's
content are built by ``start()``, after the first paint, or when first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QStatusBar, QWidget

from desktop.store.engine import Store
from desktop.ui.common.pages import DeferredPage
from desktop.ui.operations import Changes, change_hub
from desktop.ui.sync.indicator import SyncIndicator

if TYPE_CHECKING:
    from desktop.ui.sync.controller import SyncController
    from desktop.ui.sync.enroll_dialog import EnrollDialog
    from desktop.ui.sync.page import SyncPage
    from sync.client.api import SyncStatus

SYNC_NOW_SHORTCUT = "F9"
# An enrollment names this PC's site; the Province's data comes with the first sync.
ENROLLED = Changes(site=True, reference=True)


class SyncArea(QObject):
    """Owned by the main window. ``start()`` after the first screen is painted: the status read
    and the first sync never slow the start-up down.

    What a sync brings and an enrollment are announced as change notices
    (``desktop.ui.operations``), and ``dataReceived`` / ``siteChanged`` are emitted too;
    ``showPageRequested`` brings the sync page forward. Changes made on this PC are followed
    to keep the count of changes to send up to date.
    """

    dataReceived = Signal()
    siteChanged = Signal()
    showPageRequested = Signal()

    def __init__(
        self,
        store: Store,
        window: QMainWindow,
        *,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self._controller: SyncController | None = None
        self._content: SyncPage | None = None
        self._last_error: Exception | None = None  # the last sync's failure, for the page
        # The page in the window's stack; its content is built on first show or by start().
        self.page: QWidget = DeferredPage(self._build_content)
        self.indicator = SyncIndicator(now=now)
        # Hooks that tests replace to answer without a modal loop.
        self.run_dialog: Callable[[QDialog], object] = lambda dialog: dialog.exec()
        self.inform: Callable[[str], object] = lambda text: QMessageBox.information(
            self.window, self.tr("Provincial server"), text
        )

        self.enroll_action = QAction(self.tr("&Connect to the provincial server…"), self)
        self.enroll_action.triggered.connect(self.open_enrollment)
        self.sync_action = QAction(self.tr("&Synchronise now"), self)
        self.sync_action.setShortcut(QKeySequence(SYNC_NOW_SHORTCUT))
        self.sync_action.triggered.connect(self.sync_now)
        self.cancel_action = QAction(self.tr("C&ancel the synchronisation"), self)
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(self.cancel_sync)
        self.conflicts_action = QAction(self.tr("C&onflicts…"), self)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.log_action = QAction(self.tr("Synchronisation &log"), self)
        self.log_action.triggered.connect(self.show_log)
        # In the window, so that the shortcut works whichever page has the focus.
        window.addAction(self.sync_action)
        self.indicator.clicked.connect(self._on_indicator_clicked)
        self.indicator.syncRequested.connect(self.sync_now)
        self.indicator.cancelRequested.connect(self.cancel_sync)
        window.installEventFilter(self)
        change_hub().changed.connect(self._on_changes)

    @property
    def controller(self) -> SyncController:
        if self._controller is None:
            from desktop.ui.sync.controller import SyncController  # noqa: PLC0415 - see above

            controller = SyncController(self.store, parent=self)
            controller.statusChanged.connect(self._on_status)
            controller.runningChanged.connect(self._on_running)
            controller.progressed.connect(self.indicator.set_progress)
            controller.progressed.connect(self._on_progress)
            controller.syncFinished.connect(self._on_finished)
            controller.syncFailed.connect(self._on_failed)
            controller.dataReceived.connect(self._on_data_received)
            self._controller = controller
        return self._controller

    @property
    def content(self) -> SyncPage:
        """The sync page itself (status, conflicts, log)."""
        page = self.page
        assert isinstance(page, DeferredPage)
        built = page.page()
        assert built is self._content
        return self._content

    def _build_content(self) -> QWidget:
        from desktop.ui.sync.page import SyncPage  # noqa: PLC0415 - see above

        content = SyncPage(self.store)
        self._content = content
        controller = self.controller
        content.enroll_button.clicked.connect(self.open_enrollment)
        content.sync_button.clicked.connect(self.sync_now)
        content.cancel_button.clicked.connect(controller.cancel)
        content.intervalChanged.connect(controller.set_interval)
        content.conflicts.resolved.connect(self._on_resolved)
        if controller.status is not None:
            content.show_status(controller.status)
        content.set_running(controller.running)
        if self._last_error is not None:  # a sync failed before the page was first shown
            content.show_error(self._last_error)
        content.reload()
        return content

    def install_menu(self, before: QAction | None = None) -> QMenu:
        """The "Sincronizzazione" menu in the window's menu bar (before ``before``)."""
        menu = QMenu(self.tr("S&ynchronisation"), self.window)
        for action in (self.enroll_action, self.sync_action, self.cancel_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.conflicts_action)
        menu.addAction(self.log_action)
        bar = self.window.menuBar()
        if before is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(before, menu)
        return menu

    def install_status_bar(self, bar: QStatusBar) -> None:
        bar.addPermanentWidget(self.indicator)

    def start(self, status: SyncStatus | None = None) -> None:
        """Begin following the sync (``status``: already read off the GUI thread). The page's
        content is built when first shown, not here: nobody asked for it yet."""
        if self._content is not None:
            self._content.reload()
        self.controller.start(status)

    def sync_now(self) -> bool:
        if self.controller.status is None:
            self.controller.refresh_status()
        if not self.controller.enrolled:
            self.open_enrollment()
            return False
        return self.controller.sync_now()

    def cancel_sync(self) -> None:
        if self._controller is not None:
            self._controller.cancel()

    def shutdown(self) -> None:
        if self._controller is not None:
            self._controller.shutdown()

    # -- screens --------------------------------------------------------------------------

    def open_enrollment(self) -> EnrollDialog | None:
        from desktop.ui.sync.enroll_dialog import (  # noqa: PLC0415 - see above
            EnrollDialog,
            enrollment_summary,
        )
        from sync.client.api import enrollment  # noqa: PLC0415

        existing = enrollment(self.store)
        if existing is not None:
            self.inform(
                self.tr("This computer is already connected to %1 for the site %2.")
                .replace("%1", existing.server_url)
                .replace("%2", enrollment_summary(existing))
            )
            return None
        dialog = EnrollDialog(self.store, self.window)
        dialog.enrolled.connect(self._on_enrolled)
        self.run_dialog(dialog)
        return dialog

    def show_conflicts(self) -> None:
        from desktop.ui.sync.page import TAB_CONFLICTS  # noqa: PLC0415 - built by now

        self.content.tabs.setCurrentIndex(TAB_CONFLICTS)
        self.content.conflicts.refresh()
        self.showPageRequested.emit()

    def show_log(self) -> None:
        from desktop.ui.sync.page import TAB_LOG  # noqa: PLC0415 - built by now

        self.content.tabs.setCurrentIndex(TAB_LOG)
        self.content.log_view.reload()
        self.showPageRequested.emit()

    # -- reactions ------------------------------------------------------------------------

    def _on_status(self, status: SyncStatus) -> None:
        self.indicator.set_status(status)
        if self._content is not None:  # else built when first shown, with this status
            self._content.show_status(status)
        self.enroll_action.setEnabled(not status.enrolled)
        self.sync_action.setEnabled(True)  # not enrolled: it offers the enrollment

    def _on_progress(self, progress: object) -> None:
        if self._content is not None:
            self._content.show_progress(progress)  # type: ignore[arg-type]

    def _on_running(self, running: bool) -> None:
        self.indicator.set_running(running)
        if self._content is not None:
            self._content.set_running(running)
        self.cancel_action.setEnabled(running)

    def _on_finished(self, _result: object) -> None:
        self.indicator.set_error(None)
        self._last_error = None
        if self._content is None:
            return  # built when first shown, with the status then
        self._content.show_error(None)
        if self.controller.status is not None:
            self._content.show_status(self.controller.status)
        self._content.reload()

    def _on_failed(self, error: object) -> None:
        assert isinstance(error, Exception)
        self.indicator.set_error(error)
        self._last_error = error
        if self._content is not None:
            self._content.show_error(error)
            self._content.log_view.reload()

    def _on_enrolled(self, _enrollment: object) -> None:
        self.siteChanged.emit()
        change_hub().announce(ENROLLED, initiator=self)
        self.controller.after_enrollment()
        if self._content is not None:
            self._content.reload()

    def _on_data_received(self) -> None:
        if self._content is not None:
            self._content.reload()
        self.dataReceived.emit()
        change_hub().announce(Changes.everything(), initiator=self)

    def _on_resolved(self) -> None:
        self.controller.refresh_status()
        self.dataReceived.emit()
        change_hub().announce(Changes.everything(), initiator=self)

    def _on_changes(self, _changes: object, initiator: object) -> None:
        """A change made on this PC: one more to send (the indicator counts them)."""
        if initiator is not self and self._controller is not None and self.window.isVisible():
            self._controller.refresh_if_idle()

    def _on_indicator_clicked(self) -> None:
        status = self.controller.status
        if status is None or not status.enrolled:
            self.open_enrollment()
        elif status.open_conflicts:
            self.show_conflicts()
        else:
            self.show_log()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        if event.type() == QEvent.Type.Close:
            # Before the store closes: a running sync is stopped and waited for.
            self.shutdown()
        elif event.type() == QEvent.Type.WindowActivate and self._controller is not None:
            self._controller.refresh_if_idle()  # back from an editor: changes to send
        return False
