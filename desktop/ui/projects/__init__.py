"""Co-design projects (co-progettazione): the list and the editor with its tabs.

Importing the package is cheap; the main window builds the page the first time it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.store.engine import Store


def projects_page(store: Store, *, today: Callable[[], date] = date.today) -> QWidget:
    """The Progetti page (imports its modules, and with them the services, only now)."""
    from desktop.ui.projects.page import ProjectsPage  # noqa: PLC0415 - start-up time

    return ProjectsPage(store, today=today)
