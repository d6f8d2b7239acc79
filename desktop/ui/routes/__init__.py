"""Referral routes in the application: Strumenti → Percorsi di segnalazione…

Every PC may open it: the Province's PC chooses the routes, any other reads them (the Province
sets them, and the server refuses anyone else's change). Cheap to import (the main window does
at start-up): the dialog and its services are imported when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.store.engine import Store
from desktop.ui.common.dialog_menu import DialogMenuEntry

if TYPE_CHECKING:
    from desktop.ui.routes.dialog import RoutesDialog

__all__ = ["RoutesMenu", "install_routes_menu"]

RoutesMenu = DialogMenuEntry["RoutesDialog"]


def _open(store: Store, window: QMainWindow) -> RoutesDialog:
    from desktop.ui.routes.dialog import RoutesDialog  # noqa: PLC0415

    return RoutesDialog(store, window)


def install_routes_menu(window: QMainWindow, store: Store, menu: QMenu) -> RoutesMenu:
    """Add "Percorsi di segnalazione…" to ``menu`` (Strumenti)."""
    return DialogMenuEntry(
        window,
        store,
        menu,
        text=QCoreApplication.translate("RoutesMenu", "Referral &routes…"),
        tip=QCoreApplication.translate(
            "RoutesMenu", "Which offices may send which referrals, as the Province sets."
        ),
        make_dialog=_open,
    )
