"""The Persone area: the persons referred, their data and referrals, merging duplicates and
restricting processing (GDPR art. 18).

Importing the package is cheap (no services, no ORM): ``PersonsArea`` builds the real page the
first time it is shown, so start-up only pays for the first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop.store.engine import Store
    from desktop.ui.persons.page import PersonsPage


class PersonsArea(QWidget):
    """The page's place in the main window; the page itself is made on first show."""

    # A referral's id: the operator wants to open it (from a person's list of referrals).
    openReferralRequested = Signal(str)
    # A person was changed, merged, restricted or released (the page announces it as well).
    personsChanged = Signal()

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
        self._page: PersonsPage | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> PersonsPage:
        """The real page, built now if it was not yet."""
        if self._page is None:
            from desktop.ui.persons.page import PersonsPage  # noqa: PLC0415 - start-up time

            self._page = PersonsPage(self._store, today=self._today, parent=self)
            self._page.openReferralRequested.connect(self.openReferralRequested)
            self._page.personsChanged.connect(self.personsChanged)
            self._layout.addWidget(self._page)
        return self._page

    def refresh(self) -> None:
        """Read again what is shown, if the page exists yet (it follows change notices on its
        own: this is for callers that know better)."""
        if self._page is not None:
            self._page.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.page()
        super().showEvent(event)
