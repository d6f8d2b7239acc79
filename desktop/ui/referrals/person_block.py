"""The person tab of the referral editor: the person form, plus what only a referral does.

The form (``desktop.ui.persons.form``) checks the codice fiscale as it is typed. Here a doubtful
code can be accepted with a reason typed under it, and a code already registered offers that
person instead of a copy (DOMAIN.md §6).
"""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fiscal_code import normalise_fiscal_code
from desktop.services.persons import PersonDetail, PersonInput, find_person_by_fiscal_code
from desktop.ui.common.fields import set_read_only
from desktop.ui.common.fiscal_code import CodeReading
from desktop.ui.common.forms import FieldRegistry, add_row, align_labels
from desktop.ui.common.signals import emit
from desktop.ui.persons.form import PersonForm, PersonValues
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.duplicate_notice import DuplicateNotice

PERSON_FIELDS = tuple(f.name for f in fields(PersonInput))


class PersonBlock(QScrollArea):
    """The person form in two columns; ``values()`` gives it with the reason for confirming."""

    changed = Signal()
    residenceChanged = Signal()
    birthDateChanged = Signal()
    personReplaced = Signal()  # an existing person was taken over (duplicate code)

    def __init__(self, context: EditorContext, registry: FieldRegistry, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self._registry = registry
        self._page = page
        self._duplicate: PersonDetail | None = None
        self._looked_up: tuple[str, PersonDetail | None] | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.form = PersonForm(
            [(row.id, row.name) for row in context.municipalities],
            registry,
            today=context.today,
            page=page,
            after_fiscal_code=self._add_referral_rows,
            warning_note=self.tr("To save anyway, give the reason for confirming below."),
            on_code_read=self._on_code_read,
            parent=self,
        )
        body = QWidget(self)
        self.setWidget(body)
        # Two independent columns, so a long group on one side leaves no gap on the other.
        columns = QHBoxLayout(body)
        columns.setContentsMargins(4, 4, 4, 4)
        columns.setSpacing(12)
        form = self.form
        for groups in (
            # The representative high on the left, where a minor's notice already is.
            (form.identity, form.contacts, form.representative, form.permit),
            (form.residence, form.work),
        ):
            column = QVBoxLayout()
            column.setSpacing(10)
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            columns.addLayout(column, 1)
            align_labels(
                [layout for group in groups if isinstance(layout := group.layout(), QFormLayout)]
            )
        form.changed.connect(self.changed)
        self.override_reason.textChanged.connect(self.changed)
        form.residenceChanged.connect(self.residenceChanged)
        form.birthDateChanged.connect(self.birthDateChanged)

    def _add_referral_rows(self, form: QFormLayout) -> None:
        """Under the tax code: the person it already belongs to, and the reason for confirming
        a doubtful one."""
        self.duplicate_notice = DuplicateNotice()
        self.duplicate_label = self.duplicate_notice.label
        self.use_existing_button = self.duplicate_notice.use_button
        self.use_existing_button.clicked.connect(self.use_existing_person)
        form.addRow(self.duplicate_notice)
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText(
            self.tr("For example: checked on the identity document")
        )
        self._override_slot = add_row(
            form,
            self._registry,
            "override_reason",
            self.tr("Reason for confirming"),
            self.override_reason,
            page=self._page,
        )
        self._override_form = form
        form.setRowVisible(self._override_slot, False)

    @property
    def person_id(self) -> str | None:
        return self.form.person_id

    # -- the codice fiscale --------------------------------------------------------------------

    def check_fiscal_code(self) -> None:
        self.form.check_fiscal_code()

    def _on_code_read(self, reading: CodeReading) -> None:
        """Offer the override for a doubtful code, and the person a valid one belongs to."""
        check = reading.check
        self._show_override(check is not None and not check.errors and bool(check.warnings))
        if check is None or check.errors:
            self._show_duplicate(None)
            return
        code = normalise_fiscal_code(self.form.fiscal_code.text())
        if self._looked_up is None or self._looked_up[0] != code:
            # Once per code: typing the name or the date checks the code again, not the database.
            self._looked_up = (code, find_person_by_fiscal_code(self._context.store, code))
        found = self._looked_up[1]
        self._show_duplicate(found if found is not None and found.id != self.person_id else None)

    def _show_override(self, visible: bool) -> None:
        self._override_form.setRowVisible(self._override_slot, visible)

    def _show_duplicate(self, found: PersonDetail | None) -> None:
        self._duplicate = found
        self.duplicate_notice.show_person(found)

    def duplicate(self) -> PersonDetail | None:
        return self._duplicate

    def use_existing_person(self) -> None:
        """Take over the registered person the typed code belongs to."""
        if self._duplicate is None or self._duplicate.restricted:
            return
        self.set_person(self._duplicate)
        for signal in (self.personReplaced, self.changed, self.residenceChanged):
            emit(signal)

    def ask_for_override(self) -> None:
        """Show the code's check again with the reason for confirming it (the service warned)."""
        self.check_fiscal_code()
        self._show_override(True)

    # -- data in and out -----------------------------------------------------------------------

    def set_person(self, person: PersonDetail | None) -> None:
        self.set_values(PersonValues.of(person))

    def set_values(self, values: PersonValues) -> None:
        self._looked_up = None
        self.override_reason.setText(values.override_reason or "")
        self.override_reason.setCursorPosition(0)
        self.form.set_values(values)
        self._show_duplicate(None)
        self._show_override(bool(values.override_reason))

    def values(self) -> PersonValues:
        """The typed person, the reason for confirming its code, and the problems only the
        form can see (an unknown comune)."""
        return replace(
            self.form.values(), override_reason=self.override_reason.text().strip() or None
        )

    def set_editable(self, editable: bool) -> None:
        self.form.set_read_only(not editable)
        set_read_only(self.override_reason, not editable)
        self.use_existing_button.setEnabled(editable)
