"""Editing one organisation or one contact of the directory."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from desktop.domain.codes import OrganizationKind
from desktop.services.context import Actor
from desktop.services.directory import (
    ContactDetail,
    ContactInput,
    OrganizationDetail,
    OrganizationInput,
    create_contact,
    create_organization,
    delete_contact,
    get_contact,
    list_organizations,
    update_contact,
    update_organization,
)
from desktop.services.errors import ValidationError
from desktop.services.installation import current_actor
from desktop.services.reference import list_municipalities
from desktop.store.engine import Store
from desktop.ui.common.fields import SearchCombo, code_combo, select_data, set_read_only
from desktop.ui.common.messages import FormDialog, confirm_then
from desktop.ui.labels import label

# The Third Sector kinds (DOMAIN.md §3): only they have a RUNTS number.
ETS_KINDS = frozenset(
    {
        OrganizationKind.ODV,
        OrganizationKind.APS,
        OrganizationKind.SOCIAL_ENTERPRISE,
        OrganizationKind.SOCIAL_COOP_A,
        OrganizationKind.SOCIAL_COOP_B,
        OrganizationKind.CONSORTIUM,
        OrganizationKind.PHILANTHROPIC,
        OrganizationKind.NETWORK_ASSOCIATION,
        OrganizationKind.MUTUAL_AID,
        OrganizationKind.OTHER_ETS,
    }
)


def _line(parent: QWidget, text: str = "", *, chars: int = 40) -> QLineEdit:
    edit = QLineEdit(text, parent)
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * chars)
    return edit


class OrganizationDialog(FormDialog):
    """A new organisation, or changes to one; ``on_saved`` gets the saved detail."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        organization: OrganizationDetail | None,
        on_saved: Callable[[OrganizationDetail], None],
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("New organisation") if organization is None else self.tr("Organisation")
        super().__init__(title, parent)
        self.store = store
        self.actor = actor
        self.organization = organization
        self.on_saved = on_saved

        self.name = _line(self, chars=48)
        self.kind = code_combo(OrganizationKind, self, blank=self.tr("— choose —"))
        self.runts_number = _line(self, chars=16)
        self.runts_number.setPlaceholderText(self.tr("Third sector bodies only"))
        self.tax_code = _line(self, chars=16)
        self.address = _line(self, chars=48)
        self.municipality = SearchCombo(self)
        self.municipality.set_items([(row.name, row.id) for row in list_municipalities(store)])
        self.phone = _line(self, chars=20)
        self.email = _line(self, chars=48)
        self.pec = _line(self, chars=48)
        self.website = _line(self, chars=56)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)

        form = self.form
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("RUNTS number"), self.runts_number)
        form.addRow(self.tr("Tax code / VAT number"), self.tax_code)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Municipality"), self.municipality)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("PEC"), self.pec)
        form.addRow(self.tr("Website"), self.website)
        form.addRow(self.tr("Notes"), self.notes)

        if organization is not None:
            self.name.setText(organization.name)
            select_data(self.kind, organization.kind)
            self.runts_number.setText(organization.runts_number)
            self.tax_code.setText(organization.tax_code)
            self.address.setText(organization.address)
            self.municipality.set_key(organization.municipality_id)
            self.phone.setText(organization.phone)
            self.email.setText(organization.email)
            self.pec.setText(organization.pec)
            self.website.setText(organization.website)
            self.notes.setPlainText(organization.notes)
            # Long addresses show their beginning, not their end.
            for edit in (self.name, self.address, self.email, self.pec, self.website):
                edit.setCursorPosition(0)
            if organization.owner_site and organization.owner_site != actor.site_code:
                self.set_read_only()

    def set_read_only(self) -> None:
        self.banner.show_info(self.tr("Entered by another site: only that site can change it."))
        for widget in (
            self.name, self.runts_number, self.tax_code, self.address, self.phone,
            self.email, self.pec, self.website, self.notes, self.kind, self.municipality,
        ):  # fmt: skip
            set_read_only(widget)
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(False)

    def data(self) -> OrganizationInput:
        typed_comune = self.municipality.currentText().strip()
        municipality_id = self.municipality.key()
        if typed_comune and municipality_id is None:
            raise ValidationError(
                {"municipality_id": self.tr("The municipality typed is not in the list.")}
            )
        return OrganizationInput(
            name=self.name.text(),
            kind=self.kind.value(),
            runts_number=self.runts_number.text(),
            tax_code=self.tax_code.text(),
            address=self.address.text(),
            municipality_id=str(municipality_id) if municipality_id is not None else None,
            phone=self.phone.text(),
            email=self.email.text(),
            pec=self.pec.text(),
            website=self.website.text(),
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> None:
        data = self.data()
        if self.organization is None:
            saved = create_organization(self.store, actor=self.actor, data=data)
        else:
            saved = update_organization(
                self.store, actor=self.actor, organization_id=self.organization.id, data=data
            )
        self.on_saved(saved)


class ContactDialog(FormDialog):
    """A new contact (optionally of a given organisation), or changes to one."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        contact: ContactDetail | None,
        on_saved: Callable[[ContactDetail], None],
        parent: QWidget | None = None,
        *,
        organization_id: str | None = None,
    ) -> None:
        title = self.tr("New contact") if contact is None else self.tr("Contact")
        super().__init__(title, parent)
        self.store = store
        self.actor = actor
        self.contact = contact
        self.on_saved = on_saved

        self.last_name = _line(self, chars=28)
        self.first_name = _line(self, chars=28)
        self.organization = SearchCombo(self)
        self.organization.set_items(
            [(f"{row.name} — {label(row.kind)}", row.id) for row in list_organizations(store)]
        )
        self.organization.setMinimumContentsLength(56)
        self.role = _line(self, chars=32)
        self.role.setPlaceholderText(self.tr("e.g. Social worker, NEET referent, President"))
        self.email = _line(self, chars=32)
        self.phone = _line(self, chars=20)

        form = self.form
        form.addRow(self.tr("Surname"), self.last_name)
        form.addRow(self.tr("First name"), self.first_name)
        form.addRow(self.tr("Organisation"), self.organization)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Phone"), self.phone)

        self.organization.set_key(organization_id)
        if contact is not None:
            self.last_name.setText(contact.last_name)
            self.first_name.setText(contact.first_name)
            self.organization.set_key(contact.organization_id)
            self.role.setText(contact.role)
            self.email.setText(contact.email)
            self.phone.setText(contact.phone)
            if contact.owner_site and contact.owner_site != actor.site_code:
                self.banner.show_info(
                    self.tr("Entered by another site: only that site can change it.")
                )
                for widget in (
                    self.last_name, self.first_name, self.role, self.email, self.phone,
                    self.organization,
                ):  # fmt: skip
                    set_read_only(widget)
                self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(False)

    def data(self) -> ContactInput:
        typed = self.organization.currentText().strip()
        organization_id = self.organization.key()
        if typed and organization_id is None:
            raise ValidationError(
                {"organization_id": self.tr("The organisation typed is not in the directory.")}
            )
        return ContactInput(
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            organization_id=str(organization_id) if organization_id is not None else None,
            role=self.role.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )

    def submit(self) -> None:
        data = self.data()
        if self.contact is None:
            saved = create_contact(self.store, actor=self.actor, data=data)
        else:
            saved = update_contact(
                self.store, actor=self.actor, contact_id=self.contact.id, data=data
            )
        self.on_saved(saved)


def delete_contact_after_asking(
    parent: QWidget, store: Store, contact_id: str, *, then: Callable[[], None]
) -> QMessageBox:
    """Ask, then delete a contact; ``then`` shows the list again, deleted or not."""
    contact = get_contact(store, contact_id)
    question = QCoreApplication.translate(
        "ContactDeletion", "Delete the contact %1 from the directory?"
    ).replace("%1", contact.full_name)
    return confirm_then(
        parent,
        question,
        lambda: delete_contact(store, actor=current_actor(store), contact_id=contact.id),
        then=then,
        yes_text=QCoreApplication.translate("ContactDeletion", "Delete"),
    )
