"""Data retention in the application: Strumenti → Conservazione dei dati…, for the site's
privacy officer only (``Permission.RUN_RETENTION``).

Cheap to import (the main window does at start-up): the page, the services and the ORM are
imported when first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.domain.permissions import Permission, may
from desktop.store.engine import Store
from desktop.ui.common.permissions import actor_may, gate
from desktop.ui.operations import Changes, follow_changes

if TYPE_CHECKING:
    from desktop.domain.actor import Actor
    from desktop.ui.retention.page import RetentionPage

__all__ = ["RetentionArea", "install_retention"]


class RetentionArea(QObject):
    """The menu entry of one main window, and its page when open."""

    def __init__(
        self, window: QMainWindow, store: Store, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.today = today
        self.page: RetentionPage | None = None
        self.action = QAction(QCoreApplication.translate("Retention", "Data &retention…"), window)
        self.action.triggered.connect(self.open_page)
        # Unknown until the role is read (after the first paint): closed until then.
        self.action.setEnabled(False)

    def update_permission(self, actor: Actor | None = None) -> bool:
        """Enable the entry for the privacy officer; for anyone else say who may (``actor``:
        the operator if already read, else it is read now)."""
        return gate(
            self.action,
            may(actor, Permission.RUN_RETENTION)
            if actor is not None
            else actor_may(self.store, Permission.RUN_RETENTION),
            allowed_tip=QCoreApplication.translate(
                "Retention", "Review and anonymise the data past their retention period."
            ),
            denied_tip=QCoreApplication.translate(
                "Retention",
                "Only the site's privacy officer may review and anonymise the data past their "
                "retention period.",
            ),
        )

    def open_page(self) -> None:
        if not self.update_permission():
            return  # the role changed since the menu was drawn
        from desktop.ui.retention.page import RetentionPage  # noqa: PLC0415 - when used

        if self.page is None:
            self.page = RetentionPage(self.store, today=self.today, parent=self.window)
            self.page.open()
        elif not self.page.isVisible():
            self.page.open()
        else:
            self.page.raise_()
            self.page.activateWindow()


def install_retention(
    window: QMainWindow, store: Store, menu: QMenu, *, today: Callable[[], date] = date.today
) -> RetentionArea:
    """Add Conservazione dei dati… to ``menu``; its state follows the operator's role, read
    once the window has read it after its first paint (``startupRead``, if the window has it) and
    again when the site, the operator or the Province's configuration change."""
    area = RetentionArea(window, store, today=today)
    menu.addAction(area.action)
    # Disabled entries explain themselves only if the menu shows tooltips.
    menu.setToolTipsVisible(True)
    # The main window reads the operator off the GUI thread once it has painted (startupRead).
    painted = getattr(window, "startupRead", None)
    if painted is not None:
        painted.connect(area.update_permission)
    else:
        area.update_permission()
    follow_changes(window, Changes(site=True, reference=True), area.update_permission)
    menu.aboutToShow.connect(area.update_permission)
    return area
