"""Choosing organisations and contacts from the directory, for projects and meetings.

The directory is the single source of partners, providers and participants: other screens
never type an organisation by hand when it can be picked here. The pickers open without
blocking (``open_modal``) and hand the choice to a callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import OrganizationKind
from desktop.services.directory import (
    ContactDetail,
    OrganizationDetail,
    OrganizationRow,
    list_contacts,
    list_organizations,
)
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.ui.common.fields import code_combo
from desktop.ui.common.messages import ok_cancel, open_modal
from desktop.ui.common.search_list import search_as_typed
from desktop.ui.common.tables import (
    fill_table,
    fit_columns,
    make_table,
    select_key,
    selected_key,
)
from desktop.ui.common.window_state import fit_window
from desktop.ui.directory.dialogs import ContactDialog, OrganizationDialog
from desktop.ui.labels import label


class OrganizationPicker(QDialog):
    """One organisation of the directory, found by name; a missing one can be added here."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, kind: OrganizationKind | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Choose an organisation from the directory"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by name or RUNTS number"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.kind = code_combo(OrganizationKind, self, blank=self.tr("All kinds"))
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.table = make_table(
            self,
            [self.tr("Name"), self.tr("Kind"), self.tr("Municipality"), self.tr("RUNTS number")],
        )
        self.table.setAccessibleName(self.tr("Organisations"))
        self.table.setMinimumHeight(320)
        fit_window(
            self, self.fontMetrics().averageCharWidth() * 150, 560, key="organization_picker"
        )
        self.new_button = QPushButton(self.tr("New organisation…"), self)
        self.buttons = ok_cancel(self, self.tr("Choose"))

        _lay_out_picker(self, self.kind, [self.new_button])

        self._rows: dict[str, OrganizationRow] = {}
        self._timer = search_as_typed(self, self.search, self.refresh)
        self.kind.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.new_button.clicked.connect(self.add_organization)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        rows = list_organizations(
            self.store,
            text=self.search.text().strip(),
            kind=self.kind.value(),
        )
        self._rows = {row.id: row for row in rows}
        fill_table(
            self.table,
            [(row.name, label(row.kind), row.municipality_name, row.runts_number) for row in rows],
            keys=[row.id for row in rows],
        )
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.chosen() is not None
        )

    def chosen(self) -> OrganizationRow | None:
        key = selected_key(self.table)
        return self._rows.get(str(key)) if key is not None else None

    def choose(self, organization_id: str) -> None:
        """Select an organisation by id (for tests and for a just-added organisation)."""
        if organization_id not in self._rows:
            self.search.clear()
            self.kind.setCurrentIndex(0)
            self.refresh()
        select_key(self.table, organization_id)

    def add_organization(self) -> OrganizationDialog:
        def saved(detail: OrganizationDetail) -> None:
            self.choose(detail.id)

        dialog = OrganizationDialog(self.store, current_actor(self.store), None, saved, self)
        dialog.name.setText(self.search.text().strip())
        open_modal(dialog)
        return dialog


def pick_organization(
    parent: QWidget,
    store: Store,
    *,
    on_picked: Callable[[OrganizationRow], None],
    kind: OrganizationKind | None = None,
) -> OrganizationPicker:
    """Open the organisation picker; ``on_picked`` gets the organisation chosen, if any."""
    picker = OrganizationPicker(store, parent, kind=kind)

    def accepted() -> None:
        chosen = picker.chosen()
        if chosen is not None:
            on_picked(chosen)

    open_modal(picker, accepted)
    return picker


class ContactPicker(QDialog):
    """Contacts of the directory, ticked in a list (one or several)."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        single: bool = False,
        exclude_ids: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.single = single
        self.exclude_ids = frozenset(exclude_ids)
        self.setWindowTitle(
            self.tr("Choose a contact from the directory")
            if single
            else self.tr("Choose contacts from the directory")
        )
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by name, role or organisation"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.organization_filter = QComboBox(self)
        self.organization_filter.addItem(self.tr("All organisations"), None)
        for row in list_organizations(store):
            self.organization_filter.addItem(row.name, row.id)
        self.organization_filter.setMinimumContentsLength(30)
        self.organization_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.table = make_table(
            self,
            [self.tr("Surname and name"), self.tr("Role"), self.tr("Organisation")],
        )
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setMinimumHeight(340)
        fit_window(self, self.fontMetrics().averageCharWidth() * 140, 580, key="contact_picker")
        self.count_label = QLabel(self)
        self.new_button = QPushButton(self.tr("New contact…"), self)
        self.buttons = ok_cancel(self, self.tr("Choose"))

        _lay_out_picker(self, self.organization_filter, [self.new_button, self.count_label])

        self._contacts: dict[str, ContactDetail] = {}
        self._ticked: set[str] = set()
        self._timer = search_as_typed(self, self.search, self.refresh)
        self.organization_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.doubleClicked.connect(self._on_double_click)
        self.new_button.clicked.connect(self.add_contact)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        contacts = [
            contact
            for contact in list_contacts(
                self.store,
                text=self.search.text().strip(),
                organization_id=self.organization_filter.currentData(),
            )
            if contact.id not in self.exclude_ids
        ]
        self._contacts.update({contact.id: contact for contact in contacts})
        self.table.blockSignals(True)
        fill_table(
            self.table,
            [(c.full_name, c.role, c.organization_name) for c in contacts],
            keys=[contact.id for contact in contacts],
        )
        for row, contact in enumerate(contacts):
            item = self.table.item(row, 0)
            if item is None:
                continue
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = contact.id in self._ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        fit_columns(self.table)
        self.table.blockSignals(False)
        self._update_count()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        contact_id = str(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            if self.single:
                self._ticked.clear()
            self._ticked.add(contact_id)
        else:
            self._ticked.discard(contact_id)
        if self.single:
            self.refresh()
        self._update_count()

    def _on_double_click(self) -> None:
        key = selected_key(self.table)
        if key is not None:
            self.tick(str(key))
            if self.single:
                self.accept()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n chosen", "", len(self._ticked)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self._ticked))

    def tick(self, contact_id: str, ticked: bool = True) -> None:
        """Tick (or untick) a contact, as a click on its box does."""
        if ticked:
            if self.single:
                self._ticked.clear()
            self._ticked.add(contact_id)
        else:
            self._ticked.discard(contact_id)
        self.refresh()

    def chosen(self) -> list[ContactDetail]:
        """The ticked contacts, in the directory's order."""
        return sorted(
            (
                self._contacts[contact_id]
                for contact_id in self._ticked
                if contact_id in self._contacts
            ),
            key=lambda contact: (contact.last_name.casefold(), contact.first_name.casefold()),
        )

    def add_contact(self) -> ContactDialog:
        def saved(detail: ContactDetail) -> None:
            self._contacts[detail.id] = detail
            self.tick(detail.id)

        dialog = ContactDialog(
            self.store,
            current_actor(self.store),
            None,
            saved,
            self,
            organization_id=self.organization_filter.currentData(),
        )
        open_modal(dialog)
        return dialog


def pick_contacts(
    parent: QWidget,
    store: Store,
    *,
    on_picked: Callable[[list[ContactDetail]], None],
    single: bool = False,
    exclude_ids: Iterable[str] = (),
) -> ContactPicker:
    """Open the contact picker; ``on_picked`` gets the contacts ticked (none: not called)."""
    picker = ContactPicker(store, parent, single=single, exclude_ids=exclude_ids)

    def accepted() -> None:
        chosen = picker.chosen()
        if chosen:
            on_picked(chosen)

    open_modal(picker, accepted)
    return picker


def _lay_out_picker(
    picker: OrganizationPicker | ContactPicker, search_filter: QWidget, left: list[QWidget]
) -> None:
    """The search box and its filter over the table; below, ``left`` then OK/Cancel on the
    right."""
    top = QHBoxLayout()
    top.addWidget(picker.search, 1)
    top.addWidget(search_filter)
    bottom = QHBoxLayout()
    for widget in left:
        bottom.addWidget(widget)
    bottom.addStretch(1)
    bottom.addWidget(picker.buttons)
    layout = QVBoxLayout(picker)
    layout.addLayout(top)
    layout.addWidget(picker.table, 1)
    layout.addLayout(bottom)
