"""The network directory (Rubrica): organisations, contacts and CPI referents. The pickers that
projects and meetings use to choose from it (the directory is their single source) are part of
the UI kit, ``desktop.ui.directory.pickers``.

Importing the package is cheap (no services, no ORM): the main window builds the pages lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.store.engine import Store


def directory_page(store: Store, *, today: Callable[[], date] = date.today) -> QWidget:
    """The Rubrica page (imports its modules, and with them the services, only now)."""
    from desktop.ui.directory.page import DirectoryPage  # noqa: PLC0415 - start-up time

    return DirectoryPage(store, today=today)
