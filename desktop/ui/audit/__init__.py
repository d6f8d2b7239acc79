"""The audit screen in the application: Strumenti → Registro degli accessi…

Only the privacy officer's role may read the audit (``desktop.domain.permissions``): for anyone
else the menu entry is disabled, and says why. The role comes from the site's configuration,
which a sync may change, so the entry is checked again each time the menu opens. The screen
itself (``desktop.ui.audit.dialog``) is imported when first opened: start-up pays nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.domain.permissions import Permission
from desktop.store.engine import Store
from desktop.ui.common.permissions import actor_may, gate

if TYPE_CHECKING:
    from desktop.ui.audit.dialog import AuditDialog

__all__ = ["AuditMenu", "install_audit_menu"]


class AuditMenu(QObject):
    """The menu entry of one main window, and its audit screen while open."""

    def __init__(self, window: QMainWindow, store: Store, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.dialog: AuditDialog | None = None
        self.action = QAction(QCoreApplication.translate("AuditMenu", "Access &register…"), window)
        self.action.triggered.connect(self.open_screen)
        menu.addAction(self.action)
        # A disabled entry's tooltip is the only place that says why it is disabled.
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self.update_state)

    def allowed(self) -> bool:
        return actor_may(self.store, Permission.VIEW_AUDIT)

    def update_state(self) -> None:
        gate(
            self.action,
            self.allowed(),
            allowed_tip=QCoreApplication.translate(
                "AuditMenu", "Who looked at or changed which record, from which PC, and when."
            ),
            denied_tip=QCoreApplication.translate(
                "AuditMenu",
                "Only the site's privacy officer may read the access register (the role is "
                "given in the site's configuration on the provincial server).",
            ),
        )

    def open_screen(self) -> AuditDialog | None:
        """Open the audit screen (or bring it forward); None if this operator may not."""
        from desktop.ui.audit.dialog import open_audit_dialog  # noqa: PLC0415 - when used

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = open_audit_dialog(self.window, self.store)
        if dialog is not None:
            # Closed, it is deleted: forget it, so that the next opening makes (and audits) one.
            dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        return dialog

    def _forget(self) -> None:
        self.dialog = None


def install_audit_menu(window: QMainWindow, store: Store, menu: QMenu) -> AuditMenu:
    """Add "Registro degli accessi…" to ``menu`` (Strumenti)."""
    return AuditMenu(window, store, menu)
