"""Meetings and their minutes (verbali), and the open actions of every meeting.

Importing the package is cheap; the main window builds the page the first time it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.store.engine import Store


def meetings_page(store: Store, *, today: Callable[[], date] = date.today) -> QWidget:
    """The Riunioni page with Azioni aperte (imports its modules only now: start-up time)."""
    from desktop.ui.meetings.page import MeetingsPage  # noqa: PLC0415 - start-up time

    return MeetingsPage(store, today=today)
