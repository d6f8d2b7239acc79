"""The directory's organisations: search, details, and the contacts of the one selected."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import OrganizationKind
from desktop.domain.text import normalise_search_text
from desktop.services.directory import (
    ContactDetail,
    OrganizationDetail,
    OrganizationRow,
    delete_organization,
    get_contact,
    get_organization,
    list_contacts,
    list_organizations,
)
from desktop.services.errors import ServiceError
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.common.fields import code_combo
from desktop.ui.common.messages import confirm_then, open_modal
from desktop.ui.common.search_list import SearchList
from desktop.ui.common.tables import make_data_table
from desktop.ui.common.window_state import remember_splitter
from desktop.ui.directory.dialogs import (
    ContactDialog,
    OrganizationDialog,
    delete_contact_after_asking,
)
from desktop.ui.labels import label
from desktop.ui.operations import Changes, announce


class OrganizationsTab(SearchList):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.kind = code_combo(OrganizationKind, self, blank=self.tr("All kinds"))
        self.new_button = QPushButton(self.tr("New organisation…"), self)
        self.edit_button = QPushButton(self.tr("Open…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)

        self.table = make_data_table(
            self,
            [
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Municipality"),
                self.tr("RUNTS number"),
            ],
        )
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts = make_data_table(
            self, [self.tr("Surname and name"), self.tr("Role"), self.tr("E-mail")]
        )
        self.new_contact_button = QPushButton(self.tr("New contact…"), self)
        self.edit_contact_button = QPushButton(self.tr("Open…"), self)
        self.delete_contact_button = QPushButton(self.tr("Delete"), self)

        top = self.search_row(
            self.tr("Search by name, RUNTS number or tax code"),
            [self.kind],
            [self.new_button, self.edit_button, self.delete_button],
        )
        top.insertStretch(3, 0)

        details_box = QGroupBox(self.tr("Details"), self)
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(self.details)
        contacts_box = QGroupBox(self.tr("Contacts of the organisation"), self)
        contacts_layout = QVBoxLayout(contacts_box)
        contacts_layout.addWidget(self.contacts, 1)
        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(self.new_contact_button)
        contact_buttons.addWidget(self.edit_contact_button)
        contact_buttons.addWidget(self.delete_contact_button)
        contact_buttons.addStretch(1)
        contacts_layout.addLayout(contact_buttons)
        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(details_box, 2)
        bottom_layout.addWidget(contacts_box, 3)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "organizations")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.contacts.itemSelectionChanged.connect(self._update_buttons)
        self.contacts.doubleClicked.connect(lambda _index: self.open_selected_contact())
        self.new_button.clicked.connect(self.new_organization)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.new_contact_button.clicked.connect(self.new_contact)
        self.edit_contact_button.clicked.connect(self.open_selected_contact)
        self.delete_contact_button.clicked.connect(self.delete_selected_contact)
        self._rows: list[OrganizationRow] = []

    # --- organisations ---------------------------------------------------------------------

    def refresh(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        self._rows = list_organizations(self.store, text=text, kind=self.kind.value())
        self.table.fill(
            [
                (row.name, label(row.kind), row.municipality_name, row.runts_number)
                for row in self._rows
            ],
            keys=[row.id for row in self._rows],
        )
        self.table.set_empty_text(self.empty_sentence(text))
        self.count_label.setText(self.tr("%n organisation(s)", "", len(self._rows)))
        if self.table.selected_key() is None and self._rows:
            self.table.selectRow(0)
        self._show_selected()

    def empty_text(self) -> str:
        return self.tr("No organisations yet. Add the first with «New organisation…».")

    def selected_id(self) -> str | None:
        key = self.table.selected_key()
        return None if key is None else str(key)

    def _show_selected(self) -> None:
        organization_id = self.selected_id()
        if organization_id is None:
            self.details.setText(self.tr("No organisation selected."))
            self.contacts.fill([])
            self._update_buttons()
            return
        try:
            detail = get_organization(self.store, organization_id)
        except ServiceError:
            self.details.setText("")
            return
        self.details.setText(self._details_html(detail))
        contacts = list_contacts(self.store, organization_id=organization_id)
        self.contacts.fill(
            [(c.full_name, c.role, c.email) for c in contacts], keys=[c.id for c in contacts]
        )
        self.contacts.set_empty_text(
            self.tr("No contacts for this organisation. Add one with «New contact…».")
        )
        self._update_buttons()

    def _details_html(self, detail: OrganizationDetail) -> str:
        address = detail.address
        # Many type the comune in the address too: show it once.
        if detail.municipality_name and not normalise_search_text(address).endswith(
            normalise_search_text(detail.municipality_name)
        ):
            address = ", ".join(part for part in (address, detail.municipality_name) if part)
        lines = [
            (self.tr("Kind"), label(detail.kind) if detail.kind else ""),
            (self.tr("RUNTS number"), detail.runts_number),
            (self.tr("Tax code / VAT number"), detail.tax_code),
            (self.tr("Address"), address),
            (self.tr("Phone"), detail.phone),
            (self.tr("E-mail"), detail.email),
            (self.tr("PEC"), detail.pec),
            (self.tr("Website"), detail.website),
            (self.tr("Notes"), detail.notes),
        ]
        body = "".join(
            f"<tr><td style='padding-right:12px;white-space:nowrap;color:#666'>{escape(name)}"
            f"</td><td>{escape(value)}</td></tr>"
            for name, value in lines
            if value
        )
        return f"<b>{escape(detail.name)}</b><table>{body}</table>"

    def _update_buttons(self) -> None:
        has_organization = self.selected_id() is not None
        self.edit_button.setEnabled(has_organization)
        self.delete_button.setEnabled(has_organization)
        self.new_contact_button.setEnabled(has_organization)
        has_contact = self.contacts.selected_key() is not None
        self.edit_contact_button.setEnabled(has_contact)
        self.delete_contact_button.setEnabled(has_contact)

    def new_organization(self) -> OrganizationDialog:
        def saved(detail: OrganizationDetail) -> None:
            self.search.clear()
            self.kind.setCurrentIndex(0)
            self.refresh()
            self.table.select_key(detail.id)
            _announce()

        dialog = OrganizationDialog(self.store, current_actor(self.store), None, saved, self)
        open_modal(dialog)
        return dialog

    def open_selected(self) -> OrganizationDialog | None:
        organization_id = self.selected_id()
        if organization_id is None:
            return None
        dialog = OrganizationDialog(
            self.store,
            current_actor(self.store),
            get_organization(self.store, organization_id),
            lambda _detail: self._saved(),
            self,
        )
        open_modal(dialog)
        return dialog

    def delete_selected(self) -> None:
        organization_id = self.selected_id()
        if organization_id is None:
            return
        name = get_organization(self.store, organization_id).name
        confirm_then(
            self,
            self.tr("Delete «%1» and its contacts from the directory?").replace("%1", name),
            lambda: delete_organization(
                self.store, actor=current_actor(self.store), organization_id=organization_id
            ),
            then=self._saved,
            yes_text=self.tr("Delete"),
        )

    # --- contacts of the organisation ------------------------------------------------------

    def new_contact(self) -> ContactDialog:
        dialog = ContactDialog(
            self.store,
            current_actor(self.store),
            None,
            lambda _detail: self._contact_saved(),
            self,
            organization_id=self.selected_id(),
        )
        open_modal(dialog)
        return dialog

    def open_selected_contact(self) -> ContactDialog | None:
        key = self.contacts.selected_key()
        if key is None:
            return None

        def saved(_detail: ContactDetail) -> None:
            self._contact_saved()

        dialog = ContactDialog(
            self.store, current_actor(self.store), get_contact(self.store, str(key)), saved, self
        )
        open_modal(dialog)
        return dialog

    def delete_selected_contact(self) -> None:
        key = self.contacts.selected_key()
        if key is None:
            return
        delete_contact_after_asking(self, self.store, str(key), then=self._contact_saved)

    def _saved(self) -> None:
        self.refresh()
        _announce()

    def _contact_saved(self) -> None:
        self._show_selected()
        _announce()


def _announce() -> None:
    """The contacts tab and the pickers of other areas show organisations and contacts too."""
    announce(Changes(directory=True))
