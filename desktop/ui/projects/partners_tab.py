"""The project's partners: organisation from the directory, role, resources they contribute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import PartnerRole
from desktop.services.context import Actor
from desktop.services.directory import OrganizationRow
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.projects import (
    PartnerInput,
    PartnerRow,
    add_partner,
    remove_partner,
    update_partner,
)
from desktop.store.engine import Store
from desktop.ui.directory.fields import DateField, MoneyField, code_combo, select_data
from desktop.ui.directory.formats import format_date, format_money
from desktop.ui.directory.messages import FormDialog, confirm, open_modal, show_error
from desktop.ui.directory.pickers import OrganizationPicker, pick_organization
from desktop.ui.directory.tables import fill_table, make_table, selected_key
from desktop.ui.labels import label
from desktop.ui.projects.common import ProjectTab, button_row

COL_VALUE = 3


class PartnerDialog(FormDialog):
    """A partner of the project: the organisation is picked from the directory."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        project_id: str,
        partner: PartnerRow | None,
        *,
        on_saved: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Partner") if partner else self.tr("New partner"), parent)
        self.store = store
        self.actor = actor
        self.project_id = project_id
        self.partner = partner
        self.on_saved = on_saved
        self.organization_id: str | None = partner.organization_id if partner else None

        self.organization_name = QLabel(partner.organization_name if partner else "", self)
        self.organization_name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        self.choose_button = QPushButton(self.tr("Choose from the directory…"), self)
        self.role = code_combo(PartnerRole, self)
        self.resources = QPlainTextEdit(self)
        self.resources.setTabChangesFocus(True)
        self.resources.setFixedHeight(self.fontMetrics().height() * 4)
        self.resources.setPlaceholderText(
            self.tr("Staff, premises, vehicles, volunteers… (in kind too)")
        )
        self.value = MoneyField(self)
        self.joined_on = DateField(self)
        self.left_on = DateField(self)

        organization_row = QHBoxLayout()
        organization_row.addWidget(self.organization_name, 1)
        organization_row.addWidget(self.choose_button)
        self.form.addRow(self.tr("Organisation"), organization_row)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Resources contributed"), self.resources)
        self.form.addRow(self.tr("Value of the resources"), self.value)
        self.form.addRow(self.tr("Joined on"), self.joined_on)
        self.form.addRow(self.tr("Left on"), self.left_on)
        if partner is not None:
            select_data(self.role, partner.role)
            self.resources.setPlainText(partner.resources_description)
            self.value.set_cents(partner.resources_value_cents)
            self.joined_on.set_value(partner.joined_on)
            self.left_on.set_value(partner.left_on)
        else:
            select_data(self.role, PartnerRole.PARTNER)
        self.choose_button.clicked.connect(self.choose_organization)

    def choose_organization(self) -> OrganizationPicker:
        return pick_organization(self, self.store, on_picked=self.set_organization)

    def set_organization(self, organization: OrganizationRow) -> None:
        self.organization_id = organization.id
        self.organization_name.setText(organization.name)

    def submit(self) -> None:
        if self.organization_id is None:
            raise ValidationError(
                {"organization_id": self.tr("Choose the organisation from the directory.")}
            )
        data = PartnerInput(
            organization_id=self.organization_id,
            role=self.role.currentData(),
            resources_description=self.resources.toPlainText(),
            resources_value_cents=self.value.cents(),
            joined_on=self.joined_on.value(),
            left_on=self.left_on.value(),
        )
        if self.partner is None:
            add_partner(self.store, actor=self.actor, project_id=self.project_id, data=data)
        else:
            update_partner(self.store, actor=self.actor, partner_id=self.partner.id, data=data)
        self.on_saved()


class PartnersTab(ProjectTab):
    def __init__(
        self, store: Store, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(store, today, parent)
        self.table = make_table(
            self,
            [
                self.tr("Organisation"),
                self.tr("Role"),
                self.tr("Resources contributed"),
                self.tr("Value"),
                self.tr("Joined on"),
                self.tr("Left on"),
            ],
        )
        self.total_label = QLabel(self)
        self.add_button = QPushButton(self.tr("Add partner…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.remove_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        self.add_button.clicked.connect(self.add_partner)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        partners = self.project.partners if self.project else ()
        fill_table(
            self.table,
            [
                (
                    partner.organization_name,
                    label(partner.role),
                    " ".join(partner.resources_description.split()),
                    format_money(partner.resources_value_cents),
                    format_date(partner.joined_on),
                    format_date(partner.left_on),
                )
                for partner in partners
            ],
            keys=[partner.id for partner in partners],
            right_aligned=[COL_VALUE],
        )
        total = sum(partner.resources_value_cents for partner in partners)
        self.total_label.setText(
            self.tr("%n partner(s); resources contributed: %1", "", len(partners)).replace(
                "%1", format_money(total)
            )
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.editable)
        selected = self.editable and selected_key(self.table) is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _selected(self) -> PartnerRow | None:
        key = selected_key(self.table)
        if self.project is None or key is None:
            return None
        return next((row for row in self.project.partners if row.id == key), None)

    def add_partner(self) -> PartnerDialog | None:
        if self.project is None:
            return None
        dialog = PartnerDialog(
            self.store, self.actor(), self.project.id, None, on_saved=self.changed.emit, parent=self
        )
        open_modal(dialog)
        return dialog

    def edit_selected(self) -> PartnerDialog | None:
        partner = self._selected()
        if self.project is None or partner is None or not self.editable:
            return None
        dialog = PartnerDialog(
            self.store,
            self.actor(),
            self.project.id,
            partner,
            on_saved=self.changed.emit,
            parent=self,
        )
        open_modal(dialog)
        return dialog

    def remove_selected(self) -> None:
        partner = self._selected()
        if partner is None:
            return

        def remove() -> None:
            try:
                remove_partner(self.store, actor=self.actor(), partner_id=partner.id)
            except ServiceError as error:
                show_error(self, error)
            self.changed.emit()

        confirm(
            self,
            self.tr("Remove %1 from the partners of the project?").replace(
                "%1", partner.organization_name
            ),
            remove,
            yes_text=self.tr("Remove"),
        )
