"""The Rubrica page: organisations, contacts, and the NEET and CMD referents of each CPI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import Track
from desktop.services.directory import (
    ContactDetail,
    get_contact,
    list_contacts,
    list_referents,
)
from desktop.services.installation import current_actor
from desktop.services.reference import list_job_centres
from desktop.store.engine import Store
from desktop.ui.common.fields import code_combo
from desktop.ui.common.keyboard import keyboard_ready
from desktop.ui.common.messages import open_modal
from desktop.ui.common.pages import AreaPage
from desktop.ui.common.search_list import SearchList
from desktop.ui.common.tables import make_data_table
from desktop.ui.directory.dialogs import ContactDialog, delete_contact_after_asking
from desktop.ui.directory.organizations_tab import OrganizationsTab
from desktop.ui.labels import label
from desktop.ui.operations import Changes, announce


class ContactsTab(SearchList):
    """Every contact of the network, with role and organisation."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.new_button = QPushButton(self.tr("New contact…"), self)
        self.edit_button = QPushButton(self.tr("Open…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.build_table(
            [
                self.tr("Surname and name"),
                self.tr("Role"),
                self.tr("Organisation"),
                self.tr("E-mail"),
                self.tr("Phone"),
            ],
        )
        self.lay_out(
            self.tr("Search by name, role or organisation"),
            [],
            [self.new_button, self.edit_button, self.delete_button],
        )
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.new_button.clicked.connect(self.new_contact)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    def show_rows(self, text: str) -> None:
        contacts = list_contacts(self.store, text=text)
        self.table.fill(
            [(c.full_name, c.role, c.organization_name, c.email, c.phone) for c in contacts],
            keys=[contact.id for contact in contacts],
        )
        self.count_label.setText(self.tr("%n contact(s)", "", len(contacts)))

    def empty_text(self) -> str:
        return self.tr("No contacts yet. Add the first with «New contact…».")

    def _update_buttons(self) -> None:
        selected = self.table.selected_key() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def new_contact(self) -> ContactDialog:
        def saved(detail: ContactDetail) -> None:
            self.search.clear()
            self._saved()
            self.table.select_key(detail.id)

        dialog = ContactDialog(self.store, current_actor(self.store), None, saved, self)
        open_modal(dialog)
        return dialog

    def open_selected(self) -> ContactDialog | None:
        key = self.table.selected_key()
        if key is None:
            return None
        dialog = ContactDialog(
            self.store,
            current_actor(self.store),
            get_contact(self.store, str(key)),
            lambda _detail: self._saved(),
            self,
        )
        open_modal(dialog)
        return dialog

    def delete_selected(self) -> None:
        key = self.table.selected_key()
        if key is None:
            return
        delete_contact_after_asking(self, self.store, str(key), then=self._saved)

    def _saved(self) -> None:
        self.refresh()
        announce(Changes(directory=True))  # the page reads this tab again too: cheap


class ReferentsTab(QWidget):
    """The NEET and CMD referents of each CPI with their validity (reference data, read-only)."""

    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.job_centre = QComboBox(self)
        self.job_centre.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.track = code_combo(Track, self, blank=self.tr("Both tracks"))
        self.current_only = QCheckBox(self.tr("Only those in office today"), self)
        note = QLabel(
            self.tr(
                "Referents are reference data of the Province: they are updated by the "
                "synchronisation and cannot be changed here."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.table = make_data_table(
            self,
            [
                self.tr("CPI"),
                self.tr("Track"),
                self.tr("Referent"),
                self.tr("E-mail"),
                self.tr("Phone"),
                self.tr("From"),
                self.tr("To"),
                self.tr("In office"),
            ],
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("CPI"), self))
        top.addWidget(self.job_centre)
        top.addWidget(self.track)
        top.addWidget(self.current_only)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.job_centre.currentIndexChanged.connect(lambda _index: self.refresh())
        self.track.currentIndexChanged.connect(lambda _index: self.refresh())
        self.current_only.toggled.connect(lambda _on: self.refresh())
        self._centres_loaded = False

    def _load_centres(self) -> None:
        self.job_centre.blockSignals(True)
        self.job_centre.clear()
        self.job_centre.addItem(self.tr("All CPIs"), None)
        for centre in list_job_centres(self.store):
            self.job_centre.addItem(centre.name, centre.id)
        self.job_centre.blockSignals(False)
        self._centres_loaded = True

    def refresh(self) -> None:
        if not self._centres_loaded:
            self._load_centres()
        today = self.today()
        rows = list_referents(
            self.store,
            job_centre_id=self.job_centre.currentData(),
            track=self.track.value(),
            on=today if self.current_only.isChecked() else None,
        )
        yes, no = self.tr("Yes"), self.tr("No")
        self.table.fill(
            [
                (
                    row.job_centre_name,
                    label(row.track),
                    row.full_name,
                    row.email,
                    row.phone,
                    row.valid_from,
                    row.valid_to,
                    yes if row.valid_on(today) else no,
                )
                for row in rows
            ],
            keys=[row.id for row in rows],
        )
        self.table.set_empty_text(
            self.tr("No referents with these filters. Change the filters.")
            if self.job_centre.currentIndex() > 0
            or self.track.currentIndex() > 0
            or self.current_only.isChecked()
            else self.tr("No CPI referents yet: they arrive with the synchronisation.")
        )


class DirectoryPage(AreaPage):
    """The Rubrica area of the main window; its lists are read again after a change notice."""

    # Organisations are also made from a project's partners or a meeting's participants.
    follows = Changes(directory=True, projects=True, meetings=True, reference=True)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.tabs = QTabWidget(self)
        self.organizations = OrganizationsTab(store, self)
        self.contacts = ContactsTab(store, self)
        self.referents = ReferentsTab(store, today, self)
        self.tabs.addTab(self.organizations, self.tr("Organisations"))
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.tabs.addTab(self.referents, self.tr("CPI referents"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        keyboard_ready(self)

    def refresh(self) -> None:
        """Read the shown tab again (the directory may have changed from another screen)."""
        current = self.tabs.currentWidget()
        if isinstance(current, OrganizationsTab | ContactsTab | ReferentsTab):
            current.refresh()
