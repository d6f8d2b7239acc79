"""The UI kit (``desktop.ui.common``): one home for what every area shows the same way, and
the rules that keep it so (the directory holds only the directory; no import circles)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date, time
from enum import StrEnum
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.codes import OrganizationKind, Sex
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.ui.common.fields import (
    CodeCombo,
    DateField,
    DecimalField,
    MunicipalityField,
    WholeNumberField,
    code_combo,
    select_data,
)
from desktop.ui.common.fiscal_code import CodeReading, read_fiscal_code
from desktop.ui.common.formats import (
    format_amount,
    format_count,
    format_date,
    format_number,
    from_qdate,
    parse_number,
    to_qdate,
)
from desktop.ui.common.pages import AreaPage, DeferredPage

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "desktop" / "ui"


def _today() -> date:
    return date(2026, 11, 27)


KIT_MODULES = ("fields", "formats", "messages", "tables", "pages")
# The pickers choose directory entries (and can create one): the directory's, offered to others.
DIRECTORY_MODULES = ("pickers", "dialogs", "page", "organizations_tab")


@pytest.fixture
def italian_locale() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Italian, QLocale.Country.Italy))
    yield
    QLocale.setDefault(previous)


def test_dates_read_day_month_year_and_round_trip_through_qt() -> None:
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(None) == ""
    assert to_qdate(date(2024, 2, 29)) == QDate(2024, 2, 29)
    assert from_qdate(QDate(2024, 2, 29)) == date(2024, 2, 29)


@pytest.mark.usefixtures("italian_locale")
def test_numbers_and_money_in_italian() -> None:
    assert format_count(12345) == "12.345"
    assert format_amount(123456) == "1.234,56"
    assert format_number(12.5) == "12,5"
    assert parse_number("12,5") == (12.5, True)
    assert parse_number("") == (None, True)


def test_a_code_combo_gives_back_the_code_chosen(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    combo = code_combo(OrganizationKind, parent, blank="—")
    assert combo.value() is None
    kind = next(iter(OrganizationKind))
    select_data(combo, kind)
    chosen = combo.value()
    assert chosen is kind
    assert isinstance(chosen, StrEnum)
    assert combo.currentData() is kind


def test_a_deferred_page_builds_its_page_once(qtbot: QtBot) -> None:
    built: list[AreaPage] = []

    def build() -> AreaPage:
        built.append(AreaPage())
        return built[-1]

    holder = DeferredPage(build)
    qtbot.addWidget(holder)
    assert built == []
    holder.show()
    assert holder.page() is built[0]
    assert holder.page() is built[0]
    assert len(built) == 1


def test_the_kit_lives_in_common_and_the_directory_keeps_only_the_directory() -> None:
    for name in KIT_MODULES:
        assert (UI / "common" / f"{name}.py").is_file(), name
        assert not (UI / "directory" / f"{name}.py").exists(), name
    assert not (UI / "directory" / "deferred.py").exists()
    assert not (UI / "locale_format.py").exists()
    for name in DIRECTORY_MODULES:
        assert (UI / "directory" / f"{name}.py").is_file(), name


def _kit_imports_from_directory(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if module.startswith("desktop.ui.directory.") and module.rsplit(".", 1)[1] in (
                *KIT_MODULES,
                "deferred",
            ):
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    return found


def test_no_area_reaches_for_the_kit_in_the_directory() -> None:
    found = [
        line
        for folder in (UI, ROOT / "tests")
        for path in sorted(folder.rglob("*.py"))
        for line in _kit_imports_from_directory(path)
    ]
    assert found == []


def _module_imports(package: Path, name: str) -> dict[str, set[str]]:
    """Each module of a package and the modules of the same package it imports (anywhere in
    the file, type-checking imports included)."""
    modules = {path.stem for path in package.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in package.glob("*.py"):
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith(f"{name}."):
                    targets.add(node.module.rsplit(".", 1)[1])
                elif node.module == name:
                    targets.update(alias.name for alias in node.names)
        graph[path.stem] = targets & modules
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    circles = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for target in sorted(graph[node]):
                if target == start:
                    circles.append(path)
                elif target not in path and target > start:
                    stack.append((target, [*path, target]))
    return circles


@pytest.mark.parametrize("area", ["referrals", "common", "persons", "directory"])
def test_no_module_of_an_area_imports_one_that_imports_it_back(area: str) -> None:
    graph = _module_imports(UI / area, f"desktop.ui.{area}")
    assert graph, area
    assert _circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"editor": {"editor_work"}, "editor_work": {"editor"}}) == [
        ["editor", "editor_work"]
    ]


def _code(birth: date = date(2004, 5, 17)) -> str:
    return encode_fiscal_code(
        last_name="Brambilla",
        first_name="Giulia",
        sex="F",
        birth_date=birth,
        birthplace_code="L682",
    )


def test_a_short_code_is_not_checked_yet() -> None:
    reading = read_fiscal_code(
        "BRMGLI04", last_name="", first_name="", sex=None, birth_date=None, today=_today
    )
    assert reading == CodeReading(check=None)


def test_a_valid_code_fills_what_the_form_does_not_hold_yet() -> None:
    reading = read_fiscal_code(
        _code().lower(), last_name="Brambilla", first_name="", sex=None, birth_date=None,
        today=_today,
    )  # fmt: skip
    assert reading.check is not None
    assert reading.check.errors == ()
    assert (reading.birth_date, reading.sex) == (date(2004, 5, 17), Sex.FEMALE)
    typed = read_fiscal_code(
        _code(), last_name="Brambilla", first_name="Giulia", sex=Sex.FEMALE,
        birth_date=date(2004, 5, 17), today=_today,
    )  # fmt: skip
    assert (typed.birth_date, typed.sex) == (None, None)


def test_a_code_not_matching_the_typed_date_warns_and_fills_nothing() -> None:
    reading = read_fiscal_code(
        _code(), last_name="Brambilla", first_name="Giulia", sex=None,
        birth_date=date(2004, 5, 18), today=_today,
    )  # fmt: skip
    assert reading.check is not None and reading.check.warnings
    assert reading.birth_date is None


def test_a_wrong_check_character_is_an_error_and_fills_nothing() -> None:
    code = _code()
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    reading = read_fiscal_code(
        wrong, last_name="", first_name="", sex=None, birth_date=None, today=_today
    )
    assert reading.check is not None and reading.check.errors
    assert (reading.birth_date, reading.sex) == (None, None)


# -- the one date field, numbers, codes and comuni -----------------------------------------------


def test_a_date_field_starts_not_set_and_delete_empties_it(qtbot: QtBot) -> None:
    field = DateField(today=lambda: date(2026, 11, 27))
    qtbot.addWidget(field)
    assert field.value() is None
    assert field.text() == field.specialValueText() != ""
    field.set_value(date(2025, 3, 4))
    assert field.value() == date(2025, 3, 4)
    with qtbot.waitSignal(field.valueChanged):
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.value() is None


def test_typing_into_an_empty_date_starts_on_a_leap_year(qtbot: QtBot) -> None:
    field = DateField(today=lambda: date(2026, 11, 27))  # 2026 is a common year
    qtbot.addWidget(field)
    field.setFocus()
    qtbot.keyClicks(field, "29022024")
    assert field.value() == date(2024, 2, 29)
    field.set_value(None)
    qtbot.keyClicks(field, "31122025")
    assert field.value() == date(2025, 12, 31)


def test_an_empty_date_opens_its_calendar_on_today(qtbot: QtBot) -> None:
    field = DateField(today=lambda: date(2026, 11, 27))
    qtbot.addWidget(field)
    field.show()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # what opens the popup
    calendar = field.calendarWidget()
    QApplication.sendEvent(calendar, QShowEvent())
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 11)


def test_the_clear_button_is_there_only_when_asked_for(qtbot: QtBot) -> None:
    plain = DateField()
    clearable = DateField(clear_button=True)
    for field in (plain, clearable):
        qtbot.addWidget(field)
    assert plain.clear_action is None
    assert clearable.clear_action is not None
    clearable.set_value(date(2026, 1, 2))
    with qtbot.waitSignal(clearable.valueChanged):
        clearable.clear_action.trigger()
    assert clearable.value() is None
    clearable.set_value(date(2026, 1, 2))
    clearable.set_read_only(True)
    assert not clearable.clear_action.isVisible()
    assert not clearable.calendarPopup()
    qtbot.keyClick(clearable, Qt.Key.Key_Delete)  # a read-only date stays as it is
    assert clearable.value() == date(2026, 1, 2)
    clearable.set_read_only(False)
    assert clearable.clear_action.isVisible()


def test_a_time_is_cleared_by_its_cross_inside_the_field(qtbot: QtBot) -> None:
    from desktop.ui.common.fields import TimeField  # noqa: PLC0415

    plain = TimeField(clear_button=False)
    clearable = TimeField()
    for field in (plain, clearable):
        qtbot.addWidget(field)
    assert plain.clear_action is None
    assert clearable.clear_action is not None
    assert clearable.clear_action in clearable.edit.text_line().actions()
    clearable.set_value(time(9, 30))
    assert clearable.value() == time(9, 30)
    with qtbot.waitSignal(clearable.committed):
        clearable.clear_action.trigger()
    assert clearable.value() is None
    clearable.set_read_only(True)
    assert not clearable.clear_action.isVisible()
    assert clearable.edit.isReadOnly()
    clearable.set_read_only(False)
    assert clearable.clear_action.isVisible()


def test_a_whole_number_may_be_not_specified(qtbot: QtBot) -> None:
    field = WholeNumberField(0, 8)
    qtbot.addWidget(field)
    assert field.number() is None
    field.setFocus()
    qtbot.keyClicks(field, "3")
    assert field.number() == 3
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.number() is None
    field.set_number(8)
    assert field.number() == 8


@pytest.mark.usefixtures("italian_locale")
def test_a_decimal_field_reads_the_locales_numbers(qtbot: QtBot) -> None:
    field = DecimalField()
    qtbot.addWidget(field)
    field.set_number(12.5)
    assert field.text() == "12,5"
    assert field.number() == (12.5, True)
    field.setText("dodici")
    assert field.number()[1] is False


def test_a_code_combo_offers_the_codes_asked_for_and_none(qtbot: QtBot) -> None:
    chosen = [Sex.FEMALE]
    combo = CodeCombo(Sex, members=chosen)
    qtbot.addWidget(combo)
    assert combo.count() == 2  # "not specified" and the one code
    assert combo.value() is None
    with qtbot.waitSignal(combo.valueChanged):
        combo.set_value(Sex.FEMALE)
    assert combo.value() is Sex.FEMALE
    required = CodeCombo(Sex, optional=False)
    qtbot.addWidget(required)
    assert required.count() == len(Sex)
    assert isinstance(required.value(), Sex)


def test_a_comune_is_found_by_its_name_in_any_case(qtbot: QtBot) -> None:
    field = MunicipalityField([("012133", "Varese"), ("012070", "Gallarate")])
    qtbot.addWidget(field)
    field.set_municipality_id("012070")
    assert field.text() == "Gallarate"
    field.setText("varese")
    assert field.municipality_id() == "012133"
    assert not field.is_unknown()
    with qtbot.waitSignal(field.municipalityChanged):
        field.editingFinished.emit()
    field.setText("Atlantide")
    assert field.is_unknown()
    field.setText("")
    assert not field.is_unknown()
    field.setEnabled(False)
    assert field.placeholderText() == ""
