"""Site profiles in the application: Strumenti → Profili degli enti…

Every PC may open it: the Province's PC edits the profiles, any other reads them (the Province
keeps them, and the server refuses anyone else's change). Cheap to import (the main window does
at start-up): the dialog and its services are imported when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.store.engine import Store
from desktop.ui.common.dialog_menu import DialogMenuEntry

if TYPE_CHECKING:
    from desktop.ui.site_profiles.dialog import SiteProfilesDialog

__all__ = ["SiteProfilesMenu", "install_site_profiles_menu"]

SiteProfilesMenu = DialogMenuEntry["SiteProfilesDialog"]


def _open(store: Store, window: QMainWindow) -> SiteProfilesDialog:
    from desktop.ui.site_profiles.dialog import SiteProfilesDialog  # noqa: PLC0415

    return SiteProfilesDialog(store, window)


def install_site_profiles_menu(window: QMainWindow, store: Store, menu: QMenu) -> SiteProfilesMenu:
    """Add "Profili degli enti…" to ``menu`` (Strumenti)."""
    return DialogMenuEntry(
        window,
        store,
        menu,
        text=QCoreApplication.translate("SiteProfilesMenu", "Bodies' &profiles…"),
        tip=QCoreApplication.translate(
            "SiteProfilesMenu",
            "Controller, contacts, DPO and logo of each body, as letterheads and privacy "
            "notices print them.",
        ),
        make_dialog=_open,
    )
