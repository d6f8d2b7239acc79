"""Editing a person's data (the SAP fields), with the codice fiscale checked as it is typed.

A wrong code blocks saving; a doubtful one (unknown birthplace, letters or date that do not
match) is saved only with the operator's reason (DOMAIN.md §6). Messages from the service are
shown beside their fields; nothing is saved until every error is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import ContactChannel, EmploymentStatus, PermitType, Sex
from desktop.domain.fiscal_code import normalise_fiscal_code
from desktop.services.context import Actor
from desktop.services.errors import ServiceError, ValidationError, WarningsNotConfirmedError
from desktop.services.persons import PersonDetail, PersonInput, update_person
from desktop.store.engine import Store
from desktop.ui.common.fiscal_code import read_fiscal_code
from desktop.ui.common.formats import format_date
from desktop.ui.persons.fields import CodeCombo, DateField, MunicipalityField, NumberField

_ERROR_STYLE = "color: #b00020;"
_WARNING_STYLE = "color: #8a5300;"
_OK_STYLE = "color: #1b6e20;"


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
        self._errors: dict[str, QLabel] = {}

        self.fiscal_code = QLineEdit(self)
        self.fiscal_code.setMaxLength(16)
        self.code_status = QLabel(self)
        self.code_status.setWordWrap(True)
        # Room for two lines: a wrapped label in a form does not grow when its text does.
        self.code_status.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        self.last_name = QLineEdit(self)
        self.first_name = QLineEdit(self)
        self.sex = CodeCombo(Sex, self)
        self.birth_date = DateField(self)
        self.birthplace_code = QLineEdit(self)
        self.birthplace_code.setMaxLength(4)
        self.birthplace_name = QLineEdit(self)
        self.citizenship = QLineEdit(self)
        self.permit_type = CodeCombo(PermitType, self)
        self.permit_number = QLineEdit(self)
        self.permit_expiry = DateField(self)
        self.permit_renewing = QCheckBox(self.tr("Renewal in progress"), self)
        self.residence_municipality_id = MunicipalityField(municipalities, self)
        self.residence_address = QLineEdit(self)
        self.residence_postcode = QLineEdit(self)
        self.domicile_municipality_id = MunicipalityField(municipalities, self)
        self.domicile_address = QLineEdit(self)
        self.domicile_postcode = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.preferred_channel = CodeCombo(ContactChannel, self)
        self.employment_status = CodeCombo(EmploymentStatus, self)
        self.did_date = DateField(self)
        self.education_title = QLineEdit(self)
        self.isced_level = NumberField(0, 8, self)
        self.education_year = NumberField(1900, 2100, self)
        self.last_school = QLineEdit(self)
        self.school_left_date = DateField(self)
        for postcode in (self.residence_postcode, self.domicile_postcode):
            postcode.setMaxLength(5)
            postcode.setFixedWidth(self.fontMetrics().averageCharWidth() * 9)

        self.tabs = tabs = QTabWidget(self)
        self._fields: dict[str, tuple[int, QWidget]] = {}  # key: (tab, field), to show errors
        tabs.addTab(self._tab_page(0, self._identity_tab), self.tr("&Personal data"))
        tabs.addTab(self._tab_page(1, self._residence_tab), self.tr("&Residence and contacts"))
        tabs.addTab(self._tab_page(2, self._work_tab), self.tr("&Work and education"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.accept)

        self._fill(person)
        for widget in (self.fiscal_code, self.last_name, self.first_name):
            widget.textChanged.connect(self.check_code)
        self.birth_date.editingFinished.connect(self.check_code)
        self.sex.currentIndexChanged.connect(self.check_code)
        self.check_code()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)

    # -- layout --------------------------------------------------------------------------------

    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return page, form

    def _tab_page(self, index: int, build: Callable[[], QWidget]) -> QWidget:
        self._building_tab = index
        return build()

    def _row(self, form: QFormLayout, key: str, text: str, field: QWidget) -> None:
        """A labelled field with its (hidden) error message underneath."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        error = QLabel(box)
        error.setWordWrap(True)
        error.setStyleSheet(_ERROR_STYLE)
        error.hide()
        column.addWidget(error)
        self._errors[key] = error
        self._fields[key] = (self._building_tab, field)
        caption = QLabel(text, self)
        caption.setBuddy(field)
        field.setAccessibleName(text.replace("&", "").rstrip(":"))
        form.addRow(caption, box)

    def _identity_tab(self) -> QWidget:
        page, form = self._form()
        self._row(form, "fiscal_code", self.tr("&Tax code:"), self.fiscal_code)
        form.addRow("", self.code_status)
        self._row(form, "last_name", self.tr("&Surname:"), self.last_name)
        self._row(form, "first_name", self.tr("&Name:"), self.first_name)
        self._row(form, "sex", self.tr("Se&x:"), self.sex)
        self._row(form, "birth_date", self.tr("&Date of birth:"), self.birth_date)
        place = QWidget(self)
        row = QHBoxLayout(place)
        row.setContentsMargins(0, 0, 0, 0)
        self.birthplace_code.setFixedWidth(self.fontMetrics().averageCharWidth() * 8)
        self.birthplace_code.setAccessibleName(self.tr("Birthplace code"))
        # The row's caption names the pair's container, which a screen reader never focuses.
        self.birthplace_name.setAccessibleName(self.tr("Place of birth"))
        row.addWidget(self.birthplace_code)
        row.addWidget(self.birthplace_name, 1)
        self._row(form, "birthplace_name", self.tr("&Place of birth:"), place)
        self._row(form, "citizenship", self.tr("&Citizenship:"), self.citizenship)
        self._row(form, "permit_type", self.tr("Residence &permit:"), self.permit_type)
        self._row(form, "permit_number", self.tr("Permit n&umber:"), self.permit_number)
        self._row(form, "permit_expiry", self.tr("Permit e&xpiry:"), self.permit_expiry)
        form.addRow("", self.permit_renewing)
        return page

    def _residence_tab(self) -> QWidget:
        page, form = self._form()
        self._row(form, "residence_municipality_id", self.tr("Comune of &residence:"),
                  self.residence_municipality_id)  # fmt: skip
        self._row(form, "residence_address", self.tr("&Address:"), self.residence_address)
        self._row(form, "residence_postcode", self.tr("Post&code:"), self.residence_postcode)
        self._row(form, "domicile_municipality_id", self.tr("Comune of &domicile:"),
                  self.domicile_municipality_id)  # fmt: skip
        self._row(form, "domicile_address", self.tr("Domicile add&ress:"), self.domicile_address)
        self._row(form, "domicile_postcode", self.tr("Domicile p&ostcode:"), self.domicile_postcode)
        self._row(form, "phone", self.tr("&Phone:"), self.phone)
        self._row(form, "email", self.tr("&E-mail:"), self.email)
        self._row(form, "preferred_channel", self.tr("Pre&ferred channel:"),
                  self.preferred_channel)  # fmt: skip
        return page

    def _work_tab(self) -> QWidget:
        page, form = self._form()
        self._row(form, "employment_status", self.tr("Employment &status:"),
                  self.employment_status)  # fmt: skip
        self._row(form, "did_date", self.tr("&DID date:"), self.did_date)
        self._row(form, "education_title", self.tr("Educational &qualification:"),
                  self.education_title)  # fmt: skip
        self._row(form, "isced_level", self.tr("&ISCED level (0-8):"), self.isced_level)
        self._row(form, "education_year", self.tr("&Year obtained:"), self.education_year)
        self._row(form, "last_school", self.tr("&Last school attended:"), self.last_school)
        self._row(form, "school_left_date", self.tr("Le&ft school on:"), self.school_left_date)
        return page

    # -- data ----------------------------------------------------------------------------------

    def _fill(self, person: PersonDetail) -> None:
        for name in ("fiscal_code", "last_name", "first_name", "birthplace_code",
                     "birthplace_name", "citizenship", "permit_number", "residence_address",
                     "residence_postcode", "domicile_address", "domicile_postcode", "phone",
                     "email", "education_title", "last_school"):  # fmt: skip
            widget = getattr(self, name)
            assert isinstance(widget, QLineEdit)
            widget.setText(str(getattr(person, name) or ""))
        for name in ("birth_date", "permit_expiry", "did_date", "school_left_date"):
            getattr(self, name).set_value(getattr(person, name))
        self.sex.set_value(person.sex)
        self.permit_type.set_value(person.permit_type)
        self.preferred_channel.set_value(person.preferred_channel)
        self.employment_status.set_value(person.employment_status)
        self.permit_renewing.setChecked(person.permit_renewing)
        self.residence_municipality_id.set_value(person.residence_municipality_id)
        self.domicile_municipality_id.set_value(person.domicile_municipality_id)
        self.isced_level.set_value(person.isced_level)
        self.education_year.set_value(person.education_year)

    def collect(self) -> tuple[PersonInput, dict[str, str]]:
        """What is typed, and the errors the form finds itself (dates, comuni)."""
        errors: dict[str, str] = {}
        values: dict[str, object] = {}
        for name in ("birth_date", "permit_expiry", "did_date", "school_left_date"):
            try:
                values[name] = getattr(self, name).value()
            except ValueError:
                errors[name] = self.tr("Type the date as dd/mm/yyyy.")
        for name in ("residence_municipality_id", "domicile_municipality_id"):
            try:
                values[name] = getattr(self, name).value()
            except ValueError:
                errors[name] = self.tr("Choose a comune of the province from the list.")
        data = replace(
            self._person_input(),
            **values,  # type: ignore[arg-type]
        )
        return data, errors

    def _person_input(self) -> PersonInput:
        return PersonInput(
            fiscal_code=normalise_fiscal_code(self.fiscal_code.text()),
            last_name=self.last_name.text().strip(),
            first_name=self.first_name.text().strip(),
            sex=self.sex.value(),
            birth_date=None,
            birthplace_code=self.birthplace_code.text().strip().upper(),
            birthplace_name=self.birthplace_name.text().strip(),
            citizenship=self.citizenship.text().strip(),
            permit_type=self.permit_type.value(),
            permit_number=self.permit_number.text().strip(),
            permit_renewing=self.permit_renewing.isChecked(),
            residence_address=self.residence_address.text().strip(),
            residence_postcode=self.residence_postcode.text().strip(),
            domicile_address=self.domicile_address.text().strip(),
            domicile_postcode=self.domicile_postcode.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            preferred_channel=self.preferred_channel.value(),
            employment_status=self.employment_status.value(),
            education_title=self.education_title.text().strip(),
            isced_level=self.isced_level.value(),
            education_year=self.education_year.value(),
            last_school=self.last_school.text().strip(),
        )

    # -- codice fiscale ------------------------------------------------------------------------

    def check_code(self) -> None:
        """Check the code against what is typed; fill birth date, sex and birthplace if empty."""
        try:
            typed_birth = self.birth_date.value()
        except ValueError:
            typed_birth = None
        reading = read_fiscal_code(
            self.fiscal_code.text(),
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            sex=self.sex.value(),
            birth_date=typed_birth,
            today=self._today,
        )
        check = reading.check
        if check is None:
            self._status(self.tr("The tax code has 16 characters."), _WARNING_STYLE)
            return
        if check.errors:
            self._status(" ".join(check.errors), _ERROR_STYLE)
            return
        if reading.birth_date is not None:
            self.birth_date.set_value(reading.birth_date)
        if reading.sex is not None:
            self.sex.set_value(reading.sex)
        if not self.birthplace_code.text().strip() and check.birthplace_code:
            self.birthplace_code.setText(check.birthplace_code)
            self.birthplace_name.setText(check.birthplace_name or "")
        if check.warnings:
            self._status(" ".join(check.warnings), _WARNING_STYLE)
        else:
            born = format_date(check.birth_date)
            place = check.birthplace_name or check.birthplace_code or ""
            if check.sex == Sex.FEMALE.value:
                text = self.tr("Valid tax code: born on %1 in %2.", "a woman")
            else:
                text = self.tr("Valid tax code: born on %1 in %2.", "a man")
            self._status(text.replace("%1", born).replace("%2", place), _OK_STYLE)

    def _status(self, text: str, style: str) -> None:
        self.code_status.setText(text)
        self.code_status.setStyleSheet(style)

    # -- saving --------------------------------------------------------------------------------

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self._errors.items():
            label.setVisible(key in errors)
            label.setText(errors.get(key, ""))
        placed = [self._fields[key] for key in self._fields if key in errors]
        if placed:
            # The first field in error, on whichever tab it is.
            tab, field = min(placed, key=lambda found: found[0])
            self.tabs.setCurrentIndex(tab)
            field.setFocus()
        unplaced = [text for key, text in errors.items() if key not in self._errors]
        self.message.setText(
            " ".join(unplaced) if unplaced else self.tr("Correct the fields marked in red.")
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
