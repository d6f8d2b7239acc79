"""The referral editor as the sender uses it: typing, checking, saving, closing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.codes import DisabilityCategory, Need, Sex, Track
from desktop.services.persons import create_person, get_person, set_restriction
from desktop.services.referrals.records import get_referral, set_referral_restriction
from desktop.ui.common.fields import takes_input
from desktop.ui.i18n import compile_translations
from desktop.ui.referrals.editor import ReferralEditor, Unsaved
from tests.conftest import copy_data_folder
from tests.services_support import person_input
from tests.ui.referral_support import (
    TODAY,
    Setting,
    copied_setting,
    counts,
    fiscal_code,
    italian_translators,
    make_setting,
    open_editor,
    type_date,
    type_person,
    type_referral,
)


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory, migrated_database: Path
) -> Iterator[Setting]:
    folder = tmp_path_factory.mktemp("template")
    store = copy_data_folder(migrated_database.parent, folder)
    try:
        yield make_setting(store)
    finally:
        store.dispose()


@pytest.fixture
def setting(template: Setting, tmp_path: Path) -> Iterator[Setting]:
    yield from copied_setting(template, tmp_path / "data")


@pytest.fixture(scope="module")
def italian_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compile_translations(language="it", target_dir=tmp_path_factory.mktemp("qm"))


@pytest.fixture
def italian(qapp: QApplication, italian_qm: Path) -> Iterator[None]:
    with italian_translators(qapp, italian_qm):
        yield


def new_editor(qtbot: QtBot, setting: Setting) -> ReferralEditor:
    return open_editor(qtbot, setting, setting.network.ambito)


def test_a_new_neet_referral_is_typed_and_saved(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    code = type_person(qtbot, editor)
    person = editor.person.form
    # The codice fiscale fills what it knows and is upper-cased as it is typed.
    assert person.fiscal_code.text() == code
    assert person.birth_date.value() == date(2004, 5, 17)
    assert person.sex.value() is Sex.FEMALE
    assert person.birthplace.text() == "Varese (L682)"
    assert editor.registry.message("fiscal_code") == "Valid tax code."
    # The competent CPI follows the residence.
    assert editor.referral.job_centre.currentData() == setting.network.job_centre_id
    assert "Competent CPI" in editor.referral.competent_label.text()
    type_referral(qtbot, editor)
    editor.neet.needs.item_for(Need.ORIENTATION.value).setCheckState(Qt.CheckState.Checked)
    editor.neet.gol_path.setCurrentIndex(editor.neet.gol_path.findData(2))
    assert editor.dirty
    assert editor.isWindowModified()

    editor.save_button.click()

    assert counts(setting.store)["referrals"] == 1
    assert editor.detail is not None
    assert not editor.dirty
    saved = get_referral(setting.store, editor.detail.id)
    assert saved.number == "2026/000001"
    assert saved.needs == ("orientation",)
    assert saved.gol_path == 2
    assert saved.attachments == ("Curriculum vitae",)
    assert saved.privacy_notice_on == date(2026, 11, 20)
    assert get_person(setting.store, saved.person_id).fiscal_code == code
    assert editor.header.title_label.text() == "Referral 2026/000001 — BRAMBILLA Giulia"
    assert not editor.tabs.isTabVisible(editor.tabs.indexOf(editor.cmd_page))


def test_a_wrong_check_character_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, setting: Setting
) -> None:
    editor = new_editor(qtbot, setting)
    code = fiscal_code("Brambilla", "Giulia", "F", date(2004, 5, 17))
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    type_person(qtbot, editor, code=wrong)
    type_referral(qtbot, editor)
    assert "carattere di controllo" in editor.registry.message("fiscal_code")
    assert editor.person.form.birth_date.value() is None  # nothing decoded from a wrong code

    editor.tabs.setCurrentWidget(editor.referral_page)
    editor.save_button.click()

    assert counts(setting.store) == {"persons": 0, "referrals": 0, "events": 0, "actions": 0}
    assert "carattere di controllo" in editor.registry.message("fiscal_code")
    assert editor.registry.message("birth_date")  # still required
    assert editor.tabs.currentWidget() is editor.person_page
    assert "Some fields need attention" in editor.error_banner.text()


def test_sending_without_the_privacy_date_saves_nothing(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor, privacy=None)
    dialogs: list[object] = []
    editor.run_dialog = lambda dialog: dialogs.append(dialog) or False

    editor.transition_buttons()[next(iter(editor.rights.transitions))].click()

    assert dialogs == []
    assert counts(setting.store)["referrals"] == 0
    assert "privacy notice" in editor.registry.message("privacy_notice_on")
    assert editor.tabs.currentWidget() is editor.referral_page


def test_a_registered_code_offers_the_existing_person(qtbot: QtBot, setting: Setting) -> None:
    existing = create_person(
        setting.store,
        actor=setting.network.ambito,
        data=person_input(residence_municipality_id=setting.network.varese_id),
        today=TODAY,
    )
    editor = new_editor(qtbot, setting)
    qtbot.keyClicks(editor.person.form.fiscal_code, existing.fiscal_code)
    assert editor.person.duplicate_notice.isVisible()
    assert "BRAMBILLA Giulia" in editor.person.duplicate_label.text()

    editor.person.use_existing_button.click()

    assert editor.person.person_id == existing.id
    assert editor.person.form.last_name.text() == "Brambilla"
    assert not editor.person.duplicate_notice.isVisible()
    assert editor.referral.job_centre.currentData() == setting.network.job_centre_id
    type_referral(qtbot, editor)
    editor.save_button.click()
    assert counts(setting.store)["persons"] == 1
    assert editor.detail is not None and editor.detail.person_id == existing.id


def test_a_code_that_does_not_match_needs_a_reason(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    code = fiscal_code("Brambilla", "Giulia", "F", date(2004, 5, 17))
    type_date(qtbot, editor.person.form.birth_date, date(2004, 5, 18))
    type_person(qtbot, editor, code=code)
    type_referral(qtbot, editor)
    assert editor.registry.slots["fiscal_code"].kind == "warning"
    assert "17/05/2004" in editor.registry.message("fiscal_code")
    assert editor.person.override_reason.isVisible()

    editor.save_button.click()
    assert counts(setting.store)["persons"] == 0
    assert "reason" in editor.registry.message("override_reason")

    qtbot.keyClicks(editor.person.override_reason, "Data verificata sul documento")
    editor.save_button.click()
    assert counts(setting.store)["persons"] == 1
    assert editor.detail is not None
    saved = get_person(setting.store, editor.detail.person_id)
    assert saved.fiscal_code_override_reason == "Data verificata sul documento"


def test_ctrl_s_saves(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.activateWindow()
    qtbot.waitActive(editor)
    editor.person.form.last_name.setFocus()
    # To the window, as the system delivers it: shortcuts are matched on that path only.
    QTest.keyClick(editor.windowHandle(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert counts(setting.store)["referrals"] == 1


def test_closing_with_unsaved_changes_asks_first(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    answers = [Unsaved.CANCEL, Unsaved.DISCARD]
    editor.ask_unsaved = lambda: answers.pop(0)

    editor.close_button.click()
    assert editor.isVisible()
    editor.close_button.click()
    assert not editor.isVisible()
    assert counts(setting.store)["referrals"] == 0


def test_saving_on_close(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.ask_unsaved = lambda: Unsaved.SAVE
    with qtbot.waitSignal(editor.changed):
        editor.close()
    assert not editor.isVisible()
    assert counts(setting.store)["referrals"] == 1


def test_a_cmd_referral_has_its_own_section(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor, last="Riva", first="Sara", birth=date(1985, 3, 9))
    type_referral(qtbot, editor)
    section = editor.referral
    section.track.setCurrentIndex(section.track.findData(Track.CMD.value))
    tabs = editor.tabs
    assert tabs.isTabVisible(tabs.indexOf(editor.cmd_page))
    assert not tabs.isTabVisible(tabs.indexOf(editor.neet_page))

    editor.save_button.click()
    assert "disability_category" in editor.registry.slots
    assert editor.registry.message("disability_category")
    assert tabs.currentWidget() is editor.cmd_page
    assert counts(setting.store)["referrals"] == 0

    cmd = editor.cmd
    cmd.disability_category.set_value(DisabilityCategory.CIVIL_INVALID)
    cmd.disability_percentage.setFocus()
    qtbot.keyClicks(cmd.disability_percentage, "40")
    editor.save_button.click()
    assert "45%" in editor.registry.message("disability_percentage")

    cmd.disability_percentage.set_number(67)
    cmd.doc_assessment_seen.click()
    type_date(qtbot, cmd.doc_assessment_on, date(2025, 2, 3))
    editor.save_button.click()
    assert editor.detail is not None
    saved = get_referral(setting.store, editor.detail.id)
    assert (saved.track, saved.disability_percentage) == (Track.CMD, 67)
    assert (saved.doc_assessment_seen, saved.doc_assessment_on) == (True, date(2025, 2, 3))
    assert saved.needs == ()


def test_a_person_too_old_for_neet_is_warned_at_once(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_date(qtbot, editor.person.form.birth_date, date(1990, 1, 1))
    editor.tabs.setCurrentWidget(editor.referral_page)
    assert "29" in editor.registry.message("track")
    editor.tabs.setCurrentWidget(editor.person_page)
    type_date(qtbot, editor.person.form.birth_date, date(1997, 2, 1))  # 30 in February
    assert "30" in editor.registry.message("track")
    assert editor.registry.slots["track"].kind == "warning"
    editor.referral.track.setCurrentIndex(editor.referral.track.findData(Track.CMD.value))
    assert editor.registry.message("track") == ""


def test_restricted_referral_opens_read_only_and_says_why(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.save_button.click()
    assert editor.detail is not None
    set_referral_restriction(
        setting.store,
        actor=setting.network.ambito,
        referral_id=editor.detail.id,
        restricted=True,
        reason="Richiesta dell'interessata del 20/11/2026",
    )
    reopened = open_editor(qtbot, setting, setting.network.ambito, editor.detail.id)
    assert "GDPR art. 18" in reopened.readonly_banner.text()
    assert "Richiesta dell'interessata" in reopened.readonly_banner.text()
    assert not reopened.save_button.isEnabled()
    assert not takes_input(reopened.person.form.last_name)
    assert not takes_input(reopened.referral.reason)
    assert [b for b in reopened.transition_buttons().values() if not b.isHidden()] == []


def test_an_ambito_cannot_change_a_sent_referral_nor_one_of_another_office(
    qtbot: QtBot, setting: Setting
) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.save_button.click()
    assert editor.detail is not None
    other = open_editor(qtbot, setting, setting.network.other_ambito, editor.detail.id)
    assert "another office" in other.readonly_banner.text()
    assert not takes_input(other.person.form.fiscal_code)
    assert not other.save_button.isEnabled()
    cpi = open_editor(qtbot, setting, setting.network.cpi, editor.detail.id)
    assert "belong to the office that sent it" in cpi.readonly_banner.text()
    assert not takes_input(cpi.referral.reason)


def test_every_input_has_an_accessible_name(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    inputs = (
        QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QCheckBox, QListWidget,
        QTableWidget, QTreeWidget,
    )  # fmt: skip
    unnamed = []
    for widget in editor.findChildren(QWidget):
        if not isinstance(widget, inputs):
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside a combo or a date field: named by its owner
        if not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_mnemonics_of_visible_buttons_are_unique_in_italian(
    qtbot: QtBot, setting: Setting, italian: None
) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.save_button.click()
    assert editor.header.title_label.text().startswith("Segnalazione 2026/000001")
    letters = []
    for button in editor.findChildren(QPushButton):
        if button.isVisibleTo(editor) and "&" in button.text():
            text = button.text()
            letters.append(text[text.index("&") + 1].lower())
    assert len(letters) == len(set(letters)), letters
    visible = sorted(
        button.text() for button in editor.transition_buttons().values() if not button.isHidden()
    )
    assert visible == ["&Annulla segnalazione…", "&Invia…"]
    assert editor.save_button.text() == "&Salva"
    assert editor.tabs.tabText(0) == "Persona"


def test_comuni_are_completed_from_the_reference_data(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    completer = editor.person.form.residence_municipality.completer()
    completer.setCompletionPrefix("gallar")
    assert completer.currentCompletion() == "Gallarate"
    completer.setCompletionPrefix("ARSIZ")  # a piece from the middle, any case
    model = completer.completionModel()
    found = {model.index(row, 0).data() for row in range(completer.completionCount())}
    assert "Busto Arsizio" in found
    field = editor.person.form.residence_municipality
    field.setText("Gallarate")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.municipality_id() == setting.network.gallarate_id
    assert editor.referral.job_centre.currentData() == setting.network.other_job_centre_id
    field.setText("Atlantide")
    editor.save_button.click()
    assert "not found" in editor.registry.message("residence_municipality_id")


# Bringing an open editor forward calls raise(), which the offscreen platform only warns about.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_main_window_opens_editors_and_refreshes_the_list(
    qtbot: QtBot, setting: Setting
) -> None:
    from desktop.services import installation  # noqa: PLC0415
    from desktop.ui.main_window import MainWindow  # noqa: PLC0415

    installation.set_settings(
        setting.store,
        {
            installation.SITE_CODE: setting.network.ambito.site_code,
            installation.SITE_KIND: setting.network.ambito.site_kind.value,
        },
    )
    window = MainWindow(setting.store, setting.store.path.parent, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.referral_model.rowCount() == 0
    [new_action] = [
        action
        for action in window.menuBar().actions()[0].menu().actions()
        if action.text() == "&New referral…"
    ]
    new_action.trigger()
    [editor] = window.referral_editors.editors
    editor.ask_unsaved = lambda: Unsaved.DISCARD
    assert editor.isVisible()
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.save_button.click()
    assert window.referral_model.rowCount() == 1
    assert editor.detail is not None
    # Opening the same referral again brings its window forward instead of a second one.
    assert window.referral_editors.open_referral(editor.detail.id) is editor
    editor.close()
    assert window.referral_editors.editors == []
    reopened = window.referral_editors.open_referral(editor.detail.id)
    assert reopened.detail is not None and reopened.detail.number == "2026/000001"


def test_a_restricted_person_opens_read_only_and_says_why(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.save_button.click()
    assert editor.detail is not None
    set_restriction(
        setting.store,
        actor=setting.network.ambito,
        person_id=editor.detail.person_id,
        restricted=True,
        reason="Opposizione in corso di esame",
    )
    reopened = open_editor(qtbot, setting, setting.network.ambito, editor.detail.id)
    assert "person's data is restricted" in reopened.readonly_banner.text()
    assert "Opposizione in corso di esame" in reopened.readonly_banner.text()
    assert not takes_input(reopened.person.form.fiscal_code)
    assert reopened.lifecycle.visible_transitions() == []


def test_the_competent_cpi_can_be_overridden_and_says_so(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)  # resident in Varese: the first CPI is the competent one
    section = editor.referral
    assert section.job_centre.currentData() == setting.network.job_centre_id
    assert section.competent_label.text() == "Competent CPI for the residence."

    section.job_centre.setCurrentIndex(
        section.job_centre.findData(setting.network.other_job_centre_id)
    )

    note = section.competent_label.text()
    assert note.startswith("Chosen instead of the CPI competent for the residence (")
    type_referral(qtbot, editor)
    editor.save_button.click()
    assert editor.detail is not None
    saved = get_referral(setting.store, editor.detail.id)
    assert saved.job_centre_id == setting.network.other_job_centre_id
    # Reopened, the choice and its note are still there.
    reopened = open_editor(qtbot, setting, setting.network.ambito, editor.detail.id)
    assert reopened.referral.job_centre.currentData() == setting.network.other_job_centre_id
    assert reopened.referral.competent_label.text() == note


def test_other_services_are_a_multi_select(qtbot: QtBot, setting: Setting) -> None:
    editor = new_editor(qtbot, setting)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.tabs.setCurrentWidget(editor.neet_page)
    needs, services = editor.neet.needs, editor.neet.other_services
    for check_list, codes in ((needs, needs.count()), (services, services.count())):
        assert codes > 3
        for row in (0, 2):
            check_list.item(row).setCheckState(Qt.CheckState.Checked)
    editor.save_button.click()
    assert editor.detail is not None
    saved = get_referral(setting.store, editor.detail.id)
    assert len(saved.needs) == 2
    assert len(saved.other_services) == 2
    assert saved.other_services == services.checked()
