"""The person block of the referral editor: personal data as in the ministry's SAP form.

The codice fiscale is checked as it is typed (DOMAIN.md §6): a wrong check character is an
error beside the field; a doubtful code (unknown birthplace, letters or dates that do not match
what was typed) is a warning that can be accepted with a reason. A valid code fills the birth
date, sex and birthplace, and one already registered offers that person instead of a copy.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ContactChannel, EmploymentStatus, PermitType, Sex
from desktop.domain.fiscal_code import CODE_LENGTH, normalise_fiscal_code
from desktop.services.persons import PersonDetail, PersonInput, find_person_by_fiscal_code
from desktop.ui.common.fiscal_code import read_fiscal_code
from desktop.ui.common.signals import emit
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.duplicate_notice import DuplicateNotice
from desktop.ui.referrals.forms import (
    FieldRegistry,
    add_row,
    align_labels,
    connect_changes,
    make_form,
)
from desktop.ui.referrals.municipality_field import MunicipalityField
from desktop.ui.referrals.section_values import PersonValues
from desktop.ui.referrals.widgets import DateField, EnumCombo, OptionalSpin

PERSON_FIELDS = tuple(f.name for f in fields(PersonInput))


# Any field: ``_row`` gives back the very widget it placed, with its own type.
W = TypeVar("W", bound=QWidget)


class PersonBlock(QScrollArea):
    """Every field of the person; ``values()`` gives them with the problems only it can see."""

    changed = Signal()
    residenceChanged = Signal()
    birthDateChanged = Signal()
    personReplaced = Signal()  # an existing person was taken over (duplicate code)

    def __init__(self, context: EditorContext, registry: FieldRegistry, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self._registry = registry
        self._page = page
        self.person_id: str | None = None
        self._duplicate: PersonDetail | None = None
        self._looked_up: tuple[str, PersonDetail | None] | None = None
        self._checking = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        # Two independent columns, so a long group on one side leaves no gap on the other.
        columns = QHBoxLayout(body)
        columns.setContentsMargins(4, 4, 4, 4)
        columns.setSpacing(12)
        for groups in (
            (self._identity_group(), self._contacts_group(), self._permit_group()),
            (self._residence_group(), self._work_group()),
        ):
            column = QVBoxLayout()
            column.setSpacing(10)
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            columns.addLayout(column, 1)
            align_labels(
                [form for group in groups if isinstance(form := group.layout(), QFormLayout)]
            )

        self.fiscal_code.textEdited.connect(self._on_code_edited)
        for widget in (self.last_name, self.first_name):
            widget.textEdited.connect(lambda _text: self.check_fiscal_code())
        self.sex.valueChanged.connect(self.check_fiscal_code)
        self.birth_date.valueChanged.connect(self.check_fiscal_code)
        self.residence_municipality.municipalityChanged.connect(self.residenceChanged)
        self.birth_date.valueChanged.connect(self.birthDateChanged)
        self.other_domicile.toggled.connect(self._on_domicile_toggled)
        connect_changes(self.inputs(), self.changed)

    # -- layout --------------------------------------------------------------------------------

    def _row(self, form: QFormLayout, key: str, text: str, widget: W) -> W:
        add_row(form, self._registry, key, text, widget, page=self._page)
        return widget

    def _identity_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Personal data"))
        form = make_form(group)
        self.fiscal_code = QLineEdit()
        self.fiscal_code.setMaxLength(CODE_LENGTH + 4)  # room for spaces pasted in
        self.fiscal_code.setPlaceholderText(self.tr("16 characters"))
        self._row(form, "fiscal_code", self.tr("Tax code (codice fiscale)"), self.fiscal_code)
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
        self.last_name = self._row(form, "last_name", self.tr("Surname"), QLineEdit())
        self.first_name = self._row(form, "first_name", self.tr("First name"), QLineEdit())
        self.sex = EnumCombo(Sex)
        self._row(form, "sex", self.tr("Sex"), self.sex)
        self.birth_date = DateField(today=self._context.today)
        self._row(form, "birth_date", self.tr("Date of birth"), self.birth_date)
        self.birthplace = QLineEdit()
        self.birthplace.setReadOnly(True)
        self.birthplace.setPlaceholderText(self.tr("Filled in from the tax code"))
        self._row(form, "birthplace_code", self.tr("Comune or country of birth"), self.birthplace)
        self._birthplace_code = ""
        self.citizenship = self._row(form, "citizenship", self.tr("Citizenship"), QLineEdit())
        return group

    def _permit_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Residence permit (non-EU citizens)"))
        form = make_form(group)
        self.permit_type = EnumCombo(PermitType)
        self._row(form, "permit_type", self.tr("Type"), self.permit_type)
        self.permit_number = self._row(form, "permit_number", self.tr("Number"), QLineEdit())
        self.permit_expiry = DateField(today=self._context.today)
        self._row(form, "permit_expiry", self.tr("Expiry"), self.permit_expiry)
        self.permit_renewing = QCheckBox(self.tr("Renewal applied for"))
        self.permit_renewing.setAccessibleName(self.tr("Renewal applied for"))
        form.addRow("", self.permit_renewing)
        return group

    def _residence_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Residence and domicile"))
        form = make_form(group)
        self.residence_municipality = MunicipalityField(self._context)
        self._row(form, "residence_municipality_id", self.tr("Comune"), self.residence_municipality)
        self.residence_address = self._row(
            form, "residence_address", self.tr("Address"), QLineEdit()
        )
        self.residence_postcode = QLineEdit()
        self.residence_postcode.setMaxLength(5)
        self.residence_postcode.setInputMask("")
        self._row(form, "residence_postcode", self.tr("Postcode"), self.residence_postcode)
        self.other_domicile = QCheckBox(self.tr("Domicile different from residence"))
        self.other_domicile.setAccessibleName(self.tr("Domicile different from residence"))
        form.addRow("", self.other_domicile)
        self.domicile_municipality = MunicipalityField(self._context)
        self._row(
            form,
            "domicile_municipality_id",
            self.tr("Domicile comune"),
            self.domicile_municipality,
        )
        self.domicile_address = self._row(
            form, "domicile_address", self.tr("Domicile address"), QLineEdit()
        )
        self.domicile_postcode = QLineEdit()
        self.domicile_postcode.setMaxLength(5)
        self._row(form, "domicile_postcode", self.tr("Domicile postcode"), self.domicile_postcode)
        self._on_domicile_toggled(False)
        return group

    def _contacts_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Contacts"))
        form = make_form(group)
        self.phone = self._row(form, "phone", self.tr("Phone"), QLineEdit())
        self.email = self._row(form, "email", self.tr("E-mail"), QLineEdit())
        self.preferred_channel = EnumCombo(ContactChannel)
        self._row(form, "preferred_channel", self.tr("Preferred channel"), self.preferred_channel)
        return group

    def _work_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Work and education"))
        form = make_form(group)
        self.employment_status = EnumCombo(EmploymentStatus)
        self._row(
            form,
            "employment_status",
            self.tr("Employment status (declared)"),
            self.employment_status,
        )
        self.did_date = DateField(today=self._context.today)
        self._row(form, "did_date", self.tr("Date of the DID"), self.did_date)
        self.education_title = self._row(
            form, "education_title", self.tr("Qualification"), QLineEdit()
        )
        self.isced_level = OptionalSpin(0, 8)
        self._row(form, "isced_level", self.tr("ISCED level (0-8)"), self.isced_level)
        self.education_year = OptionalSpin(1950, 2100)
        self._row(form, "education_year", self.tr("Year obtained"), self.education_year)
        self.last_school = self._row(
            form, "last_school", self.tr("Last school attended"), QLineEdit()
        )
        self.school_left_date = DateField(today=self._context.today)
        self._row(form, "school_left_date", self.tr("Left school on"), self.school_left_date)
        return group

    def inputs(self) -> list[QWidget]:
        return [
            self.fiscal_code, self.override_reason, self.last_name, self.first_name, self.sex,
            self.birth_date, self.citizenship, self.permit_type, self.permit_number,
            self.permit_expiry, self.permit_renewing, self.residence_municipality,
            self.residence_address, self.residence_postcode, self.other_domicile,
            self.domicile_municipality, self.domicile_address, self.domicile_postcode,
            self.phone, self.email, self.preferred_channel, self.employment_status,
            self.did_date, self.education_title, self.isced_level, self.education_year,
            self.last_school, self.school_left_date,
        ]  # fmt: skip

    def _on_domicile_toggled(self, checked: bool) -> None:
        for widget in (self.domicile_municipality, self.domicile_address, self.domicile_postcode):
            widget.setEnabled(checked and self.other_domicile.isEnabled())

    # -- the codice fiscale --------------------------------------------------------------------

    def _on_code_edited(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            position = self.fiscal_code.cursorPosition()
            self.fiscal_code.setText(upper)
            self.fiscal_code.setCursorPosition(position)
        self.check_fiscal_code()

    def check_fiscal_code(self) -> None:
        """Check the code against what is typed; fill what it tells; look for a duplicate."""
        if self._checking:
            return
        self._checking = True
        try:
            self._check_fiscal_code()
        finally:
            self._checking = False

    def _check_fiscal_code(self) -> None:
        slot = self._registry.slots["fiscal_code"]
        code = normalise_fiscal_code(self.fiscal_code.text())
        self._show_override(False)
        reading = read_fiscal_code(
            self.fiscal_code.text(),
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            sex=self.sex.value(),
            birth_date=self.birth_date.value(),
            today=self._context.today,
        )
        check = reading.check
        if check is None:
            slot.clear()
            self._show_duplicate(None)
            return
        if check.errors:
            slot.show_message(" ".join(check.errors), "error")
            self._show_duplicate(None)
            return
        if self.isEnabled() and self.fiscal_code.isEnabled():
            if reading.birth_date is not None:
                self.birth_date.set_value(reading.birth_date)
            if reading.sex is not None and self.sex.value() is None:
                self.sex.set_value(reading.sex)
        self._birthplace_code = check.birthplace_code or ""
        if check.birthplace_name:
            self.birthplace.setText(f"{check.birthplace_name} ({check.birthplace_code})")
        else:
            self.birthplace.setText(
                self.tr("Unknown (code %1)").replace("%1", check.birthplace_code or "")
            )
        if check.warnings:
            slot.show_message(
                " ".join(check.warnings)
                + " "
                + self.tr("To save anyway, give the reason for confirming below."),
                "warning",
            )
            self._show_override(True)
        else:
            slot.show_message(self.tr("Valid tax code."), "ok")
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

    # -- data in and out -----------------------------------------------------------------------

    def set_person(self, person: PersonDetail | None) -> None:
        self.set_values(PersonValues.of(person))

    def set_values(self, values: PersonValues) -> None:
        # A stored code was checked when it was saved: no live check while filling the form.
        self._checking = True
        try:
            self._set_values(values)
        finally:
            self._checking = False

    def _set_values(self, values: PersonValues) -> None:
        self.person_id = values.person_id
        self._looked_up = None
        data = values.person
        self.fiscal_code.setText(data.fiscal_code)
        self.override_reason.setText(values.override_reason or "")
        self.last_name.setText(data.last_name)
        self.first_name.setText(data.first_name)
        self.sex.set_value(data.sex)
        self.birth_date.set_value(data.birth_date)
        self._birthplace_code = data.birthplace_code
        self.birthplace.setText(
            f"{data.birthplace_name} ({data.birthplace_code})" if data.birthplace_code else ""
        )
        self.citizenship.setText(data.citizenship)
        self.permit_type.set_value(data.permit_type)
        self.permit_number.setText(data.permit_number)
        self.permit_expiry.set_value(data.permit_expiry)
        self.permit_renewing.setChecked(data.permit_renewing)
        self.residence_municipality.set_municipality_id(data.residence_municipality_id)
        self.residence_address.setText(data.residence_address)
        self.residence_postcode.setText(data.residence_postcode)
        other = bool(data.domicile_municipality_id or data.domicile_address)
        self.other_domicile.setChecked(other)
        self.domicile_municipality.set_municipality_id(data.domicile_municipality_id)
        self.domicile_address.setText(data.domicile_address)
        self.domicile_postcode.setText(data.domicile_postcode)
        self.phone.setText(data.phone)
        self.email.setText(data.email)
        self.preferred_channel.set_value(data.preferred_channel)
        self.employment_status.set_value(data.employment_status)
        self.did_date.set_value(data.did_date)
        self.education_title.setText(data.education_title)
        self.isced_level.set_number(data.isced_level)
        self.education_year.set_number(data.education_year)
        self.last_school.setText(data.last_school)
        self.school_left_date.set_value(data.school_left_date)
        for widget in self.findChildren(QLineEdit):
            widget.setCursorPosition(0)
        self._registry.clear()
        self._show_duplicate(None)
        self._show_override(bool(values.override_reason))

    def birthplace_name(self) -> str:
        text = self.birthplace.text()
        return text.rsplit(" (", 1)[0] if self._birthplace_code and " (" in text else ""

    def ask_for_override(self) -> None:
        """Show the code's check again with the reason for confirming it (the service warned)."""
        self.check_fiscal_code()
        self._show_override(True)

    def values(self) -> PersonValues:
        """The typed person, and the problems only this form can see (an unknown comune)."""
        errors: dict[str, str] = {}
        unknown = self.tr("Comune not found: choose it from the list as you type.")
        if self.residence_municipality.is_unknown():
            errors["residence_municipality_id"] = unknown
        other = self.other_domicile.isChecked()
        if other and self.domicile_municipality.is_unknown():
            errors["domicile_municipality_id"] = unknown
        person = PersonInput(
            fiscal_code=self.fiscal_code.text(),
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            sex=self.sex.value(),
            birth_date=self.birth_date.value(),
            birthplace_code=self._birthplace_code,
            birthplace_name=self.birthplace_name(),
            citizenship=self.citizenship.text().strip(),
            permit_type=self.permit_type.value(),
            permit_number=self.permit_number.text().strip(),
            permit_expiry=self.permit_expiry.value(),
            permit_renewing=self.permit_renewing.isChecked(),
            residence_municipality_id=self.residence_municipality.municipality_id(),
            residence_address=self.residence_address.text().strip(),
            residence_postcode=self.residence_postcode.text().strip(),
            domicile_municipality_id=self.domicile_municipality.municipality_id()
            if other
            else None,
            domicile_address=self.domicile_address.text().strip() if other else "",
            domicile_postcode=self.domicile_postcode.text().strip() if other else "",
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            preferred_channel=self.preferred_channel.value(),
            employment_status=self.employment_status.value(),
            did_date=self.did_date.value(),
            education_title=self.education_title.text().strip(),
            isced_level=self.isced_level.number(),
            education_year=self.education_year.number(),
            last_school=self.last_school.text().strip(),
            school_left_date=self.school_left_date.value(),
        )
        return PersonValues(
            person=person,
            person_id=self.person_id,
            override_reason=self.override_reason.text().strip() or None,
            problems=errors,
        )

    def set_editable(self, editable: bool) -> None:
        for widget in (*self.inputs(), self.birthplace):
            widget.setEnabled(editable)
        self.use_existing_button.setEnabled(editable)
        self._on_domicile_toggled(self.other_domicile.isChecked())
