"""The person form: personal data as in the ministry's SAP form, for every screen that edits it.

The referral editor's person tab and the persons page's edit dialog show the same fields, with
the same labels and the same checks; each host lays the groups out its own way (two columns,
three tabs) and adds around them what only it does (the referral editor's duplicate notice and
reason for confirming a doubtful code).

The codice fiscale is checked as it is typed (DOMAIN.md §6): a wrong check character is an
error beside the field; a doubtful code (unknown birthplace, letters or dates that do not match
what was typed) is a warning. A valid code fills the birth date, sex and birthplace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from desktop.domain.codes import (
    OFFERED_EMPLOYMENT_STATUSES,
    ContactChannel,
    EmploymentStatus,
    LegalRepresentativeKind,
    PermitType,
    Sex,
)
from desktop.domain.eligibility import is_minor
from desktop.domain.fiscal_code import CODE_LENGTH, check_fiscal_code
from desktop.services.persons import REPRESENTATIVE_KINDS_WITH_ACT, PersonDetail, PersonInput
from desktop.ui.common.fields import (
    CodeCombo,
    DateField,
    MunicipalityField,
    WholeNumberField,
    is_read_only,
    set_read_only,
)
from desktop.ui.common.fiscal_code import CodeReading, read_fiscal_code
from desktop.ui.common.forms import (
    WARNING_COLOUR,
    FieldRegistry,
    add_row,
    connect_changes,
    make_form,
)
from desktop.ui.labels import label

BLANK_PERSON = PersonInput(fiscal_code="", last_name="", first_name="", sex=None, birth_date=None)

# Any field: ``_row`` gives back the very widget it placed, with its own type.
W = TypeVar("W", bound=QWidget)


@dataclass(frozen=True)
class PersonValues:
    """The person typed, who it is (None: a new person), and the reason for confirming a tax
    code that does not match the data."""

    person: PersonInput = BLANK_PERSON
    person_id: str | None = None
    override_reason: str | None = None
    # What only the form can tell (a comune typed that is not in the list), by field.
    problems: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, person: PersonDetail | None) -> PersonValues:
        if person is None:
            return cls()
        return cls(
            person=person,
            person_id=person.id,
            override_reason=person.fiscal_code_override_reason or None,
        )


class PersonForm(QObject):
    """Every field of the person, in groups a host lays out; ``values()`` gives them with the
    problems only the form can see.

    Each field is a row registered in ``registry`` under the name the services use for it, so
    their messages land beside it. ``after_fiscal_code`` adds the host's own rows under the
    tax code; ``warning_note`` follows the warnings of a doubtful code (what the host lets the
    operator do about it); ``on_code_read`` hears every check of the code.
    """

    changed = Signal()
    residenceChanged = Signal()
    birthDateChanged = Signal()

    def __init__(
        self,
        municipalities: list[tuple[str, str]],
        registry: FieldRegistry,
        *,
        today: Callable[[], date],
        page: QWidget | None = None,
        after_fiscal_code: Callable[[QFormLayout], None] | None = None,
        warning_note: str = "",
        on_code_read: Callable[[CodeReading], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._municipalities = municipalities
        self.registry = registry
        self._today = today
        self._page = page
        self._after_fiscal_code = after_fiscal_code
        self._warning_note = warning_note
        self._on_code_read = on_code_read
        self.person_id: str | None = None
        self._checking = False
        self.identity = self._identity_group()
        self.contacts = self._contacts_group()
        self.permit = self._permit_group()
        self.residence = self._residence_group()
        self.work = self._work_group()
        self.representative = self._representative_group()

        self.fiscal_code.textEdited.connect(self._on_code_edited)
        for widget in (self.last_name, self.first_name):
            widget.textEdited.connect(lambda _text: self.check_fiscal_code())
        self.sex.valueChanged.connect(self.check_fiscal_code)
        self.birth_date.valueChanged.connect(self.check_fiscal_code)
        self.residence_municipality.municipalityChanged.connect(self.residenceChanged)
        self.birth_date.valueChanged.connect(self.birthDateChanged)
        self.birth_date.valueChanged.connect(self._show_minor)
        self.representative_kind.valueChanged.connect(self._on_representative_kind)
        self.representative_tax_code.textEdited.connect(self._check_representative_code)
        self.other_domicile.toggled.connect(self._on_domicile_toggled)
        connect_changes(self.inputs(), self.changed)

    def groups(self) -> tuple[QGroupBox, ...]:
        return (
            self.identity, self.contacts, self.permit, self.residence, self.work,
            self.representative,
        )  # fmt: skip

    # -- layout --------------------------------------------------------------------------------

    def _row(self, form: QFormLayout, key: str, text: str, widget: W) -> W:
        add_row(form, self.registry, key, text, widget, page=self._page)
        return widget

    def _date(self) -> DateField:
        return DateField(today=self._today)

    def _identity_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Personal data"))
        form = make_form(group)
        self.fiscal_code = QLineEdit()
        self.fiscal_code.setMaxLength(CODE_LENGTH + 4)  # room for spaces pasted in
        self.fiscal_code.setPlaceholderText(self.tr("16 characters"))
        self._row(form, "fiscal_code", self.tr("Tax code (codice fiscale)"), self.fiscal_code)
        if self._after_fiscal_code is not None:
            self._after_fiscal_code(form)
        self.last_name = self._row(form, "last_name", self.tr("Surname"), QLineEdit())
        self.first_name = self._row(form, "first_name", self.tr("First name"), QLineEdit())
        self.sex = CodeCombo(Sex)
        self._row(form, "sex", self.tr("Sex"), self.sex)
        self.birth_date = self._date()
        self._row(form, "birth_date", self.tr("Date of birth"), self.birth_date)
        # Beside the birth date, where the operator looks: a minor has the right and duty to
        # education and training until 18 (D.Lgs. 76/2005) and signs through a representative.
        self.minor_notice = QLabel(
            self.tr("Minor: right and duty to education and training until 18")
        )
        self.minor_notice.setWordWrap(True)
        self.minor_notice.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.minor_notice.setAccessibleName(self.minor_notice.text())
        form.addRow(self.minor_notice)
        self.minor_notice.hide()
        self.birthplace = QLineEdit()
        set_read_only(self.birthplace)  # filled in, never typed
        self.birthplace.setPlaceholderText(self.tr("Filled in from the tax code"))
        self._row(form, "birthplace_code", self.tr("Comune or country of birth"), self.birthplace)
        self._birthplace_code = ""
        self.citizenship = self._row(form, "citizenship", self.tr("Citizenship"), QLineEdit())
        return group

    def _permit_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Residence permit (non-EU citizens)"))
        form = make_form(group)
        self.permit_type = CodeCombo(PermitType)
        self._row(form, "permit_type", self.tr("Type"), self.permit_type)
        self.permit_number = self._row(form, "permit_number", self.tr("Number"), QLineEdit())
        self.permit_expiry = self._date()
        self._row(form, "permit_expiry", self.tr("Expiry"), self.permit_expiry)
        self.permit_renewing = QCheckBox(self.tr("Renewal applied for"))
        self.permit_renewing.setAccessibleName(self.tr("Renewal applied for"))
        form.addRow("", self.permit_renewing)
        return group

    def _residence_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Residence and domicile"))
        form = make_form(group)
        self.residence_municipality = MunicipalityField(self._municipalities)
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
        self.domicile_municipality = MunicipalityField(self._municipalities)
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
        self.preferred_channel = CodeCombo(ContactChannel)
        self._row(form, "preferred_channel", self.tr("Preferred channel"), self.preferred_channel)
        return group

    def _work_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Work and education"))
        form = make_form(group)
        # Only the conditions of D.Lgs. 150/2015; an old "inoccupato" row shows its own.
        self.employment_status = CodeCombo(EmploymentStatus, members=OFFERED_EMPLOYMENT_STATUSES)
        self._row(
            form,
            "employment_status",
            self.tr("Employment status (declared)"),
            self.employment_status,
        )
        self.did_date = self._date()
        self._row(form, "did_date", self.tr("Date of the DID"), self.did_date)
        self.education_title = self._row(
            form, "education_title", self.tr("Qualification"), QLineEdit()
        )
        self.isced_level = WholeNumberField(0, 8)
        self._row(form, "isced_level", self.tr("ISCED level (0-8)"), self.isced_level)
        self.education_year = WholeNumberField(1950, 2100)
        self._row(form, "education_year", self.tr("Year obtained"), self.education_year)
        self.last_school = self._row(
            form, "last_school", self.tr("Last school attended"), QLineEdit()
        )
        self.school_left_date = self._date()
        self._row(form, "school_left_date", self.tr("Left school on"), self.school_left_date)
        return group

    def _representative_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Legal representative"))
        form = make_form(group)
        self.representative_kind = CodeCombo(LegalRepresentativeKind)
        self._row(form, "representative_kind", self.tr("Acting as"), self.representative_kind)
        self.representative_name = self._row(
            form, "representative_name", self.tr("Name and surname"), QLineEdit()
        )
        self.representative_name.setMaxLength(200)
        self.representative_tax_code = QLineEdit()
        self.representative_tax_code.setMaxLength(CODE_LENGTH + 4)
        self._row(
            form,
            "representative_tax_code",
            self.tr("Tax code of the representative"),
            self.representative_tax_code,
        )
        self.representative_phone = self._row(
            form, "representative_phone", self.tr("Phone of the representative"), QLineEdit()
        )
        self.representative_email = self._row(
            form, "representative_email", self.tr("E-mail of the representative"), QLineEdit()
        )
        self.representative_act = QLineEdit()
        self.representative_act.setMaxLength(200)
        self.representative_act.setPlaceholderText(
            self.tr("e.g. Decree of the Court of Varese no. 123/2025")
        )
        self._row(
            form, "representative_act", self.tr("Act of appointment"), self.representative_act
        )
        self.representative_act_on = self._date()
        self._row(
            form, "representative_act_on", self.tr("Date of the act"), self.representative_act_on
        )
        self._on_representative_kind()
        return group

    def _representative_inputs(self) -> list[QWidget]:
        return [
            self.representative_kind, self.representative_name, self.representative_tax_code,
            self.representative_phone, self.representative_email, self.representative_act,
            self.representative_act_on,
        ]  # fmt: skip

    def _on_representative_kind(self) -> None:
        """The court's act only for a measure of the court (not for a parent)."""
        kind = self.representative_kind.value()
        enabled = self.representative_kind.isEnabled() or is_read_only(self.representative_kind)
        for widget in self._representative_inputs()[1:]:
            widget.setEnabled(enabled and kind is not None)
        for widget in (self.representative_act, self.representative_act_on):
            widget.setEnabled(enabled and kind in REPRESENTATIVE_KINDS_WITH_ACT)

    def _check_representative_code(self) -> None:
        slot = self.registry.slots["representative_tax_code"]
        text = self.representative_tax_code.text()
        if text.upper() != text:
            position = self.representative_tax_code.cursorPosition()
            self.representative_tax_code.setText(text.upper())
            self.representative_tax_code.setCursorPosition(position)
        if len("".join(text.split())) < CODE_LENGTH:
            slot.clear()
            return
        check = check_fiscal_code(text)
        if check.errors:
            slot.show_message(" ".join(check.errors), "error")
        else:
            slot.show_message(self.tr("Valid tax code."), "ok")

    def _show_minor(self) -> None:
        self.minor_notice.setVisible(is_minor(self.birth_date.value(), self._today()))

    def is_minor(self) -> bool:
        return is_minor(self.birth_date.value(), self._today())

    def _offer_employment_status(self, status: EmploymentStatus | None) -> None:
        """An old row's obsolete condition stays shown (and kept) for that row only."""
        combo = self.employment_status
        for index in range(combo.count() - 1, 0, -1):
            data = combo.itemData(index)
            if data is not None and EmploymentStatus(data) not in OFFERED_EMPLOYMENT_STATUSES:
                combo.removeItem(index)
        if status is not None and status not in OFFERED_EMPLOYMENT_STATUSES:
            combo.addItem(label(status), status.value)

    def inputs(self) -> list[QWidget]:
        return [
            self.fiscal_code, self.last_name, self.first_name, self.sex, self.birth_date,
            self.citizenship, self.permit_type, self.permit_number, self.permit_expiry,
            self.permit_renewing, self.residence_municipality, self.residence_address,
            self.residence_postcode, self.other_domicile, self.domicile_municipality,
            self.domicile_address, self.domicile_postcode, self.phone, self.email,
            self.preferred_channel, self.employment_status, self.did_date, self.education_title,
            self.isced_level, self.education_year, self.last_school, self.school_left_date,
            *self._representative_inputs(),
        ]  # fmt: skip

    def _on_domicile_toggled(self, checked: bool) -> None:
        for widget in (self.domicile_municipality, self.domicile_address, self.domicile_postcode):
            widget.setEnabled(
                checked and (self.other_domicile.isEnabled() or is_read_only(self.other_domicile))
            )

    # -- the codice fiscale --------------------------------------------------------------------

    def _on_code_edited(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            position = self.fiscal_code.cursorPosition()
            self.fiscal_code.setText(upper)
            self.fiscal_code.setCursorPosition(position)
        self.check_fiscal_code()

    def check_fiscal_code(self) -> None:
        """Check the code against what is typed and fill in what it tells."""
        if self._checking:
            return
        self._checking = True
        try:
            reading = self._check_fiscal_code()
            if self._on_code_read is not None:
                self._on_code_read(reading)
        finally:
            self._checking = False

    def _check_fiscal_code(self) -> CodeReading:
        slot = self.registry.slots["fiscal_code"]
        reading = read_fiscal_code(
            self.fiscal_code.text(),
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            sex=self.sex.value(),
            birth_date=self.birth_date.value(),
            today=self._today,
        )
        check = reading.check
        if check is None:
            slot.clear()
            return reading
        if check.errors:
            slot.show_message(" ".join(check.errors), "error")
            return reading
        if self.fiscal_code.isEnabled():
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
            note = f" {self._warning_note}" if self._warning_note else ""
            slot.show_message(" ".join(check.warnings) + note, "warning")
        else:
            slot.show_message(self.tr("Valid tax code."), "ok")
        return reading

    # -- data in and out -----------------------------------------------------------------------

    def set_values(self, values: PersonValues) -> None:
        """Fill the form; a stored code was checked when it was saved, so no live check."""
        self._checking = True
        try:
            self._set_values(values)
        finally:
            self._checking = False

    def _set_values(self, values: PersonValues) -> None:
        self.person_id = values.person_id
        data = values.person
        self.fiscal_code.setText(data.fiscal_code)
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
        self._offer_employment_status(data.employment_status)
        self.employment_status.set_value(data.employment_status)
        self.did_date.set_value(data.did_date)
        self.education_title.setText(data.education_title)
        self.isced_level.set_number(data.isced_level)
        self.education_year.set_number(data.education_year)
        self.last_school.setText(data.last_school)
        self.school_left_date.set_value(data.school_left_date)
        self.representative_kind.set_value(data.representative_kind)
        self.representative_name.setText(data.representative_name)
        self.representative_tax_code.setText(data.representative_tax_code)
        self.representative_phone.setText(data.representative_phone)
        self.representative_email.setText(data.representative_email)
        self.representative_act.setText(data.representative_act)
        self.representative_act_on.set_value(data.representative_act_on)
        self._on_representative_kind()
        self._show_minor()
        for group in self.groups():
            for widget in group.findChildren(QLineEdit):
                widget.setCursorPosition(0)
        self.registry.clear()

    def birthplace_name(self) -> str:
        text = self.birthplace.text()
        return text.rsplit(" (", 1)[0] if self._birthplace_code and " (" in text else ""

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
        person = self._with_representative(person)
        return PersonValues(person=person, person_id=self.person_id, problems=errors)

    def _with_representative(self, person: PersonInput) -> PersonInput:
        kind = self.representative_kind.value()
        if kind is None:  # what was typed for no one is not kept
            return person
        with_act = kind in REPRESENTATIVE_KINDS_WITH_ACT
        return replace(
            person,
            representative_kind=kind,
            representative_name=self.representative_name.text().strip(),
            representative_tax_code=self.representative_tax_code.text().strip(),
            representative_phone=self.representative_phone.text().strip(),
            representative_email=self.representative_email.text().strip(),
            representative_act=self.representative_act.text().strip() if with_act else "",
            representative_act_on=self.representative_act_on.value() if with_act else None,
        )

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs():
            set_read_only(widget, read_only)
        self._on_domicile_toggled(self.other_domicile.isChecked())
        self._on_representative_kind()
