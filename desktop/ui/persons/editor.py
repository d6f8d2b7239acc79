"""Editing a person's data (the SAP fields), with the codice fiscale checked as it is typed.

The fields are the person form the referral editor shows too (``form.PersonForm``), laid out
on three tabs. A wrong code blocks saving; a doubtful one (unknown birthplace, letters or date
that do not match) is saved only with the operator's reason (DOMAIN.md §6). Messages from the
service are shown beside their fields; nothing is saved until every error is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fiscal_code import normalise_fiscal_code
from desktop.services.context import Actor
from desktop.services.errors import ServiceError, ValidationError, WarningsNotConfirmedError
from desktop.services.persons import PersonDetail, PersonInput, update_person
from desktop.store.engine import Store
from desktop.ui.common.forms import ERROR_COLOUR, FieldRegistry, align_labels
from desktop.ui.persons.form import PersonForm, PersonValues


class PersonEditDialog(QDialog):
    """Edits one person; ``saved`` holds the saved data after ``exec()`` returns true."""

    def __init__(
        self,
        store: Store,
        *,
        actor: Actor,
        person: PersonDetail,
        municipalities: list[tuple[str, str]],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._actor = actor
        self._person = person
        self._today = today
        self.saved: PersonDetail | None = None
        self.setWindowTitle(
            self.tr("Edit person: %1").replace("%1", f"{person.last_name} {person.first_name}")
        )
        self.registry = FieldRegistry()
        self.form = PersonForm(municipalities, self.registry, today=today, parent=self)

        self.tabs = tabs = QTabWidget(self)
        form = self.form
        tabs.addTab(self._tab_page(form.identity, form.permit), self.tr("&Personal data"))
        tabs.addTab(
            self._tab_page(form.residence, form.contacts), self.tr("&Residence and contacts")
        )
        tabs.addTab(self._tab_page(form.work), self.tr("&Work and education"))
        tabs.addTab(self._tab_page(form.representative), self.tr("&Legal representative"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.accept)

        form.set_values(PersonValues.of(person))
        form.fiscal_code.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)

    def _tab_page(self, *groups: QGroupBox) -> QWidget:
        """One tab: its groups one under the other, their fields lined up."""
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setSpacing(10)
        for group in groups:
            column.addWidget(group)
        column.addStretch(1)
        align_labels(
            [layout for group in groups if isinstance(layout := group.layout(), QFormLayout)]
        )
        return page

    # -- data ----------------------------------------------------------------------------------

    def collect(self) -> tuple[PersonInput, dict[str, str]]:
        """What is typed, and the errors the form finds itself (comuni not in the list)."""
        values = self.form.values()
        person = values.person
        data = replace(
            person,
            fiscal_code=normalise_fiscal_code(person.fiscal_code),
            last_name=person.last_name.strip(),
            first_name=person.first_name.strip(),
        )
        return data, values.problems

    # -- saving --------------------------------------------------------------------------------

    def _show_errors(self, errors: dict[str, str]) -> None:
        # The code's own check stays beside it; earlier errors go.
        self.registry.clear(("error",))
        self.form.check_fiscal_code()
        unplaced = self.registry.show(errors)
        first = self.registry.first(list(errors))
        if first is not None:
            # The first field in error, on whichever tab it is.
            slot, _page = first
            for index in range(self.tabs.count()):
                tab = self.tabs.widget(index)
                if tab is not None and tab.isAncestorOf(slot):
                    self.tabs.setCurrentIndex(index)
            slot.field.setFocus()
        self.message.setText(
            " ".join(unplaced.values())
            if unplaced
            else self.tr("Correct the fields marked in red.")
        )
        self.message.setVisible(bool(errors))

    def accept(self) -> None:
        data, errors = self.collect()
        if errors:
            self._show_errors(errors)
            return
        reason: str | None = None
        while True:
            try:
                self.saved = update_person(
                    self._store,
                    actor=self._actor,
                    person_id=self._person.id,
                    data=data,
                    override_reason=reason,
                    today=self._today(),
                )
            except ValidationError as error:
                self._show_errors(error.field_errors)
                return
            except WarningsNotConfirmedError as error:
                reason = self.ask_override_reason(" ".join(error.warnings.values()))
                if reason is None:
                    return
                continue
            except ServiceError as error:
                QMessageBox.warning(self, self.windowTitle(), str(error))
                return
            break
        self._show_errors({})
        super().accept()

    def ask_override_reason(self, warnings: str) -> str | None:
        """The operator's reason for saving a doubtful code, or None to go back and fix it."""
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Confirm the tax code"),
            warnings + "\n\n" + self.tr("To save anyway, write why the data are correct:"),
            self._person.fiscal_code_override_reason,
        )
        return text.strip() if ok else None
