"""The project's partners: organisation from the directory, role, resources they contribute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop.domain.codes import PartnerRole
from desktop.services.context import Actor
from desktop.services.directory import OrganizationRow
from desktop.services.errors import ValidationError
from desktop.services.projects import (
    PartnerInput,
    PartnerRow,
    add_partner,
    remove_partner,
    update_partner,
)
from desktop.store.engine import Store
from desktop.ui.common.fields import DateField, MoneyField, code_combo, select_data
from desktop.ui.common.formats import format_money
from desktop.ui.common.messages import FormDialog
from desktop.ui.common.table_tab import RowsTable
from desktop.ui.common.tables import Shown, fill_table, make_table
from desktop.ui.directory.pickers import OrganizationPicker, pick_organization
from desktop.ui.labels import label
from desktop.ui.projects.common import ProjectTab

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
        self.joined_on = DateField(self, clear_button=True)
        self.left_on = DateField(self, clear_button=True)

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
            role=self.role.code(),
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


class PartnersTab(RowsTable, ProjectTab):
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
        self.lay_out_rows(self.table, self.tr("Add partner…"), self.total_label)

    def rows(self) -> tuple[PartnerRow, ...]:
        return tuple(self.project.partners) if self.project else ()

    def refresh(self) -> None:
        partners = self.rows()
        fill_table(
            self.table,
            [
                (
                    partner.organization_name,
                    label(partner.role),
                    " ".join(partner.resources_description.split()),
                    Shown(
                        format_money(partner.resources_value_cents), partner.resources_value_cents
                    ),
                    partner.joined_on,
                    partner.left_on,
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

    def row_dialog(self, row: PartnerRow | None) -> PartnerDialog | None:
        if self.project is None:
            return None
        return PartnerDialog(
            self.store, self.actor(), self.project.id, row, on_saved=self.changed.emit, parent=self
        )

    def remove_row(self, row: PartnerRow) -> None:
        remove_partner(self.store, actor=self.actor(), partner_id=row.id)

    def removal_question(self, row: PartnerRow) -> str:
        return self.tr("Remove %1 from the partners of the project?").replace(
            "%1", row.organization_name
        )
