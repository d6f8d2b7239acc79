"""The one person form (``desktop.ui.persons.form``): what it gives back, how it checks the
codice fiscale, read-only switching, and that the referral editor and the persons page's
dialog both host this very form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.codes import ContactChannel, EmploymentStatus, PermitType, Sex
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.persons import PersonInput
from desktop.ui.common.fields import (
    CodeCombo,
    DateField,
    MunicipalityField,
    WholeNumberField,
    takes_input,
)
from desktop.ui.common.forms import FieldRegistry
from desktop.ui.persons.form import BLANK_PERSON, PersonForm, PersonValues

MUNICIPALITIES = [("012133", "Varese"), ("012070", "Gallarate")]
TODAY = date(2026, 11, 27)


def _code(birth: date = date(2004, 5, 17)) -> str:
    return encode_fiscal_code(
        last_name="Brambilla",
        first_name="Giulia",
        sex="F",
        birth_date=birth,
        birthplace_code="L682",
    )


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """The widget the form's groups are laid out on (kept alive by the test)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def make_form(host: QWidget, **options: object) -> PersonForm:
    form = PersonForm(
        MUNICIPALITIES,
        FieldRegistry(),
        today=lambda: TODAY,
        parent=host,
        **options,  # type: ignore[arg-type]
    )
    row = QHBoxLayout(host)
    for group in form.groups():
        row.addWidget(group)
    return form


TYPED = PersonInput(
    fiscal_code=_code(),
    last_name="Brambilla",
    first_name="Giulia",
    sex=Sex.FEMALE,
    birth_date=date(2004, 5, 17),
    birthplace_code="L682",
    birthplace_name="Varese",
    citizenship="Italiana",
    permit_type=PermitType.FAMILY,
    permit_number="A123",
    permit_expiry=date(2027, 1, 31),
    permit_renewing=True,
    residence_municipality_id="012133",
    residence_address="Via Garibaldi 12",
    residence_postcode="21100",
    domicile_municipality_id="012070",
    domicile_address="Via Roma 1",
    domicile_postcode="21013",
    phone="0332 123456",
    email="giulia@example.org",
    preferred_channel=next(iter(ContactChannel)),
    employment_status=next(iter(EmploymentStatus)),
    did_date=date(2026, 3, 1),
    education_title="Diploma",
    isced_level=3,
    education_year=2023,
    last_school="ITC Daverio",
    school_left_date=date(2023, 6, 30),
)


def test_the_form_gives_back_what_it_was_given(qtbot: QtBot, host: QWidget) -> None:
    form = make_form(host)
    assert form.values() == PersonValues()
    form.set_values(PersonValues(person=TYPED, person_id="p1"))
    read = form.values()
    assert read.person == TYPED
    assert read.person_id == "p1"
    assert read.problems == {}
    assert form.birthplace.text() == "Varese (L682)"


def test_the_form_says_which_comune_is_not_in_the_list(qtbot: QtBot, host: QWidget) -> None:
    form = make_form(host)
    form.set_values(PersonValues(person=replace(BLANK_PERSON, domicile_address="Via Roma 1")))
    form.residence_municipality.setText("Atlantide")
    form.domicile_municipality.setText("varese")  # any case: it names a comune of the list
    read = form.values()
    assert list(read.problems) == ["residence_municipality_id"]
    assert read.person.residence_municipality_id is None
    assert read.person.domicile_municipality_id == "012133"


def test_the_domicile_counts_only_when_it_differs(qtbot: QtBot, host: QWidget) -> None:
    form = make_form(host)
    assert not form.domicile_address.isEnabled()
    form.other_domicile.setChecked(True)
    assert form.domicile_address.isEnabled()
    form.domicile_address.setText("Via Roma 1")
    assert form.values().person.domicile_address == "Via Roma 1"
    form.other_domicile.setChecked(False)
    assert form.values().person.domicile_address == ""


def test_a_valid_code_typed_fills_birth_date_sex_and_birthplace(
    qtbot: QtBot, host: QWidget
) -> None:
    heard: list[object] = []
    form = make_form(host, on_code_read=heard.append)
    qtbot.keyClicks(form.fiscal_code, _code().lower())
    assert form.fiscal_code.text() == _code()  # upper case as typed
    assert form.birth_date.value() == date(2004, 5, 17)
    assert form.sex.value() is Sex.FEMALE
    assert form.birthplace.text() == "Varese (L682)"
    assert form.registry.message("fiscal_code") == "Valid tax code."
    assert form.registry.slots["fiscal_code"].kind == "ok"
    assert heard  # the host hears every check


def test_a_doubtful_code_warns_with_the_hosts_note(qtbot: QtBot, host: QWidget) -> None:
    form = make_form(host, warning_note="Say why.")
    form.set_values(PersonValues(person=replace(BLANK_PERSON, birth_date=date(2004, 5, 18))))
    qtbot.keyClicks(form.fiscal_code, _code())
    slot = form.registry.slots["fiscal_code"]
    assert slot.kind == "warning"
    assert slot.message().endswith(" Say why.")
    assert form.birth_date.value() == date(2004, 5, 18)  # what was typed is kept


def test_a_wrong_check_character_is_an_error_and_fills_nothing(qtbot: QtBot, host: QWidget) -> None:
    form = make_form(host)
    code = _code()
    qtbot.keyClicks(form.fiscal_code, code[:-1] + ("A" if code[-1] != "A" else "B"))
    assert form.registry.slots["fiscal_code"].kind == "error"
    assert form.birth_date.value() is None
    assert form.birthplace.text() == ""


def test_filling_the_form_checks_nothing(qtbot: QtBot, host: QWidget) -> None:
    form = make_form(host)
    form.set_values(PersonValues(person=replace(TYPED, first_name="Marcella")))
    assert form.registry.message("fiscal_code") == ""


def test_a_read_only_form_takes_no_input(qtbot: QtBot, host: QWidget) -> None:
    form = make_form(host)
    form.set_values(PersonValues(person=TYPED))
    form.set_read_only(True)
    assert not any(takes_input(widget) for widget in form.inputs())
    assert not takes_input(form.domicile_address)
    form.set_read_only(False)
    # The representative's details wait for whom they are (none typed here).
    waiting = set()
    if not form.other_domicile.isChecked():
        waiting |= {form.domicile_municipality, form.domicile_address}
    if form.representative_kind.value() is None:
        waiting |= {form.representative_name, form.representative_tax_code,
                    form.representative_phone, form.representative_email,
                    form.representative_act, form.representative_act_on}  # fmt: skip
    assert [
        widget.accessibleName()
        for widget in form.inputs()
        if not takes_input(widget) and widget not in waiting
    ] == []


def test_the_form_is_made_of_the_kit_widgets_with_one_set_of_labels(
    qtbot: QtBot, host: QWidget
) -> None:
    form = make_form(host)
    assert isinstance(form.birth_date, DateField)
    assert form.birth_date.clear_action is None  # Delete empties a date of the person form
    assert isinstance(form.sex, CodeCombo)
    assert isinstance(form.residence_municipality, MunicipalityField)
    assert isinstance(form.isced_level, WholeNumberField)
    titles = [group.title() for group in form.groups()]
    assert titles == [
        "Personal data",
        "Contacts",
        "Residence permit (non-EU citizens)",
        "Residence and domicile",
        "Work and education",
        "Legal representative",
    ]
    assert all(isinstance(group, QGroupBox) for group in form.groups())
    captions = {label.text() for group in form.groups() for label in group.findChildren(QLabel)}
    assert {"Tax code (codice fiscale)", "Surname", "Date of birth", "Comune"} <= captions


@pytest.mark.parametrize("key", ["fiscal_code", "birth_date", "residence_municipality_id"])
def test_every_field_is_registered_under_the_services_name(
    qtbot: QtBot, host: QWidget, key: str
) -> None:
    form = make_form(host)
    assert key in form.registry.slots
    assert form.registry.slots[key].field.accessibleName()


def test_the_hosts_rows_go_under_the_tax_code(qtbot: QtBot, host: QWidget) -> None:
    host_row = QLabel("host row")

    def add(layout: QFormLayout) -> None:
        assert layout.rowCount() == 1  # the tax code's row only, before the surname
        layout.addRow(host_row)

    form = make_form(host, after_fiscal_code=add)
    layout = form.identity.layout()
    assert isinstance(layout, QFormLayout)
    item = layout.itemAt(1, QFormLayout.ItemRole.SpanningRole)
    assert item is not None and item.widget() is host_row


def test_both_hosts_show_this_very_form(qtbot: QtBot) -> None:
    """The referral editor's person tab and the persons page's dialog build ``PersonForm``:
    neither keeps a person form of its own."""
    from desktop.ui.persons import editor as dialog_module  # noqa: PLC0415
    from desktop.ui.referrals import person_block  # noqa: PLC0415

    for module in (dialog_module, person_block):
        assert module.PersonForm is PersonForm
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for field in ("DateField(", "CodeCombo(", "MunicipalityField(", "Surname", "Tax code"):
            assert field not in source, (module.__name__, field)
