"""Issue 17 in the editor and the person form: the CMD tab in two acts with placement
indications, the health-related NEET codes flagged, the legal representative and the minor's
notice, only the current employment conditions offered, the CPI's patto di servizio and L. 68
hiring mode. Screenshots of each are saved beside the test's data, to be looked at."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox
from pytestqt.qtbot import QtBot

from desktop.domain.codes import (
    OFFERED_EMPLOYMENT_STATUSES,
    CompatibleTask,
    ContractType,
    DisabilityCategory,
    EmploymentStatus,
    HiringMode,
    LegalRepresentativeKind,
    Need,
    OtherService,
    Outcome,
    PathActionType,
    ProfilingClass,
    Track,
)
from desktop.domain.lifecycle import Transition
from desktop.services.persons import create_person, get_person
from desktop.services.referrals.handling import add_path_action
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import (
    OutcomeInput,
    PathActionInput,
    create_referral,
    get_referral,
)
from desktop.store.models import Person
from desktop.ui.labels import label
from desktop.ui.referrals.editor import ReferralEditor
from desktop.ui.referrals.section_values import CmdValues, NeetValues, PersonValues
from tests.conftest import copy_data_folder
from tests.services_support import neet_input, person_input
from tests.ui.referral_support import (
    TODAY,
    Setting,
    copied_setting,
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


def _shot(editor: ReferralEditor, tmp_path: Path, name: str) -> None:
    """The editor at a laptop's size, laid out, saved to be looked at."""
    editor.resize(1366, 740)
    QApplication.processEvents()  # the resize's layout, not a wait
    assert editor.grab().save(str(tmp_path / f"{name}.png"))


def _cmd_editor(qtbot: QtBot, setting: Setting) -> ReferralEditor:
    editor = open_editor(qtbot, setting, setting.network.ambito)
    type_person(qtbot, editor, last="Riva", first="Sara", birth=date(1985, 3, 9))
    type_referral(qtbot, editor)
    section = editor.referral
    section.track.setCurrentIndex(section.track.findData(Track.CMD.value))
    editor.tabs.setCurrentWidget(editor.cmd_page)
    return editor


# --- the CMD tab ------------------------------------------------------------------------------


def test_the_cmd_tab_has_the_two_acts_and_saves_the_indications(
    qtbot: QtBot, setting: Setting, tmp_path: Path
) -> None:
    editor = _cmd_editor(qtbot, setting)
    cmd = editor.cmd
    titles = {box.title() for box in cmd.findChildren(QGroupBox)}
    assert {"Civil invalidity", "Assessment under L. 68/1999", "Placement indications"} <= titles
    cmd.disability_category.set_value(DisabilityCategory.WAR_INVALID)
    assert "no minimum" in cmd.percentage_note.text()
    type_date(qtbot, cmd.assessment_on, date(2024, 3, 12))
    type_date(qtbot, cmd.invalidity_revision_on, date(2027, 3, 12))
    cmd.doc_assessment_seen.click()
    type_date(qtbot, cmd.doc_assessment_on, date(2024, 5, 20))
    cmd.compatible_tasks.item_for(CompatibleTask.RECEPTION.value).setCheckState(
        Qt.CheckState.Checked
    )
    cmd.placement_supports.item_for("job_coach").setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(cmd.placement_notes, "Disturbo bipolare, in terapia")
    _shot(editor, tmp_path, "cmd_section")

    editor.save_button.click()
    # Refused beside the note, in Italian, and nothing saved.
    assert "diagnosi" in editor.registry.message("placement_notes")
    assert editor.detail is None

    cmd.placement_notes.clear()
    qtbot.keyClicks(cmd.placement_notes, "Turni diurni")
    editor.save_button.click()
    assert editor.detail is not None
    saved = get_referral(setting.store, editor.detail.id)
    assert saved.disability_percentage is None  # no minimum for war invalids
    assert saved.invalidity_revision_on == date(2027, 3, 12)
    assert saved.compatible_tasks == ("reception",)
    assert saved.placement_supports == ("job_coach",)
    assert saved.placement_notes == "Turni diurni"
    assert editor.cmd.values() == CmdValues.of(saved)


def test_a_registration_before_the_did_is_a_warning_beside_it(
    qtbot: QtBot, setting: Setting
) -> None:
    editor = _cmd_editor(qtbot, setting)
    editor.tabs.setCurrentWidget(editor.person_page)
    type_date(qtbot, editor.person.form.did_date, date(2024, 9, 1))
    editor.tabs.setCurrentWidget(editor.cmd_page)
    type_date(qtbot, editor.cmd.l68_registration_on, date(2024, 6, 3))
    slot = editor.registry.slots["l68_registration_on"]
    assert slot.kind == "warning"
    assert "01/09/2024" in slot.message()
    type_date(qtbot, editor.cmd.l68_registration_on, date(2024, 10, 3))
    assert slot.message() == ""


# --- the NEET tab -----------------------------------------------------------------------------


def test_health_codes_bring_the_special_category_warning(
    qtbot: QtBot, setting: Setting, tmp_path: Path
) -> None:
    editor = open_editor(qtbot, setting, setting.network.ambito)
    editor.tabs.setCurrentWidget(editor.neet_page)
    neet = editor.neet
    assert neet.health_warning.isHidden()
    neet.needs.item_for(Need.ORIENTATION.value).setCheckState(Qt.CheckState.Checked)
    assert neet.health_warning.isHidden()
    neet.other_services.item_for(OtherService.ADDICTION.value).setCheckState(Qt.CheckState.Checked)
    assert not neet.health_warning.isHidden()
    assert "GDPR art. 9" in neet.health_warning.text()
    _shot(editor, tmp_path, "neet_health")
    neet.set_values(NeetValues(needs=("health",)))
    assert not neet.health_warning.isHidden()
    neet.set_values(NeetValues(needs=("housing",), other_services=("school",)))
    assert neet.health_warning.isHidden()
    item = neet.other_services.item_for(OtherService.MENTAL_HEALTH.value)
    assert item is not None and "GDPR art. 9" in item.toolTip()


def test_profiling_classes_are_offered_in_their_official_order(
    qtbot: QtBot, setting: Setting
) -> None:
    editor = open_editor(qtbot, setting, setting.network.ambito)
    combo = editor.neet.profiling_class
    offered = [combo.itemText(index) for index in range(1, combo.count())]
    assert offered == [label(member) for member in ProfilingClass]
    assert [text[0] for text in offered] == ["1", "2", "3", "4"]


def test_neet_age_is_checked_on_the_adhesion_date(qtbot: QtBot, setting: Setting) -> None:
    editor = open_editor(qtbot, setting, setting.network.ambito)
    type_date(qtbot, editor.person.form.birth_date, date(1996, 10, 1))  # 30 on 1/10/2026
    editor.tabs.setCurrentWidget(editor.referral_page)
    assert "30" in editor.registry.message("track")
    assert editor.registry.slots["track"].kind == "error"
    editor.tabs.setCurrentWidget(editor.neet_page)
    type_date(qtbot, editor.neet.guarantee_adhesion_on, date(2026, 9, 15))
    assert editor.registry.message("track") == ""


# --- the person: representative, minor, employment ------------------------------------------


def _minor_values(setting: Setting, **overrides: object) -> PersonValues:
    person = replace(
        person_input(
            first_name="Luca",
            sex="M",
            birth_date=date(2009, 8, 4),
            residence_municipality_id=setting.network.varese_id,
        ),
        **overrides,
    )
    return PersonValues(person=person)


def test_a_minor_is_flagged_and_the_parent_is_saved(
    qtbot: QtBot, setting: Setting, tmp_path: Path
) -> None:
    editor = open_editor(qtbot, setting, setting.network.ambito)
    form = editor.person.form
    assert form.minor_notice.isHidden()
    type_date(qtbot, form.birth_date, date(2009, 8, 4))
    assert not form.minor_notice.isHidden()
    assert "right and duty to education and training until 18" in form.minor_notice.text()
    # The act is asked only of a measure of the court.
    assert not form.representative_name.isEnabled()
    form.representative_kind.set_value(LegalRepresentativeKind.PARENT)
    assert form.representative_name.isEnabled() and not form.representative_act.isEnabled()
    form.representative_kind.set_value(LegalRepresentativeKind.GUARDIAN)
    assert form.representative_act.isEnabled() and form.representative_act_on.isEnabled()
    form.representative_kind.set_value(LegalRepresentativeKind.PARENT)
    qtbot.keyClicks(form.representative_name, "Paola Brambilla")
    qtbot.keyClicks(form.representative_tax_code, "brmpla78b41l682")
    qtbot.keyClicks(form.representative_tax_code, "x")  # a wrong check character
    assert editor.registry.slots["representative_tax_code"].kind == "error"
    form.representative_tax_code.clear()
    code = person_input(first_name="Paola", birth_date=date(1978, 2, 1)).fiscal_code
    qtbot.keyClicks(form.representative_tax_code, code.lower())
    assert form.representative_tax_code.text() == code
    assert editor.registry.slots["representative_tax_code"].kind == "ok"
    editor.tabs.setCurrentWidget(editor.person_page)
    _shot(editor, tmp_path, "person_minor_with_parent")
    values = form.values().person
    assert values.representative_kind is LegalRepresentativeKind.PARENT
    assert (values.representative_name, values.representative_tax_code) == (
        "Paola Brambilla",
        code,
    )
    assert values.representative_act == ""


def test_a_minors_referral_without_a_representative_is_not_sent(
    qtbot: QtBot, setting: Setting
) -> None:
    from tests.ui.referral_support import answer_dialogs  # noqa: PLC0415

    network = setting.network
    minor = create_person(
        setting.store, actor=network.ambito, data=_minor_values(setting).person, today=TODAY
    )
    draft = create_referral(
        setting.store, actor=network.ambito, data=neet_input(minor.id), today=TODAY
    )
    editor = open_editor(qtbot, setting, network.ambito, draft.id)
    assert not editor.person.form.minor_notice.isHidden()
    seen = answer_dialogs(editor)
    editor.transition_buttons()[Transition.SEND].click()
    assert get_referral(setting.store, draft.id).sent_on is None
    shown = " ".join(
        [editor.error_banner.text(), editor.registry.message("representative_kind")]
        + [dialog.banner.text() for dialog in seen if hasattr(dialog, "banner")]
    )
    assert "minorenne" in shown, shown


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_person_dialog_has_a_representative_tab(
    qtbot: QtBot, setting: Setting, tmp_path: Path
) -> None:
    from desktop.ui.persons.editor import PersonEditDialog  # noqa: PLC0415
    from desktop.ui.referrals.context import list_municipalities  # noqa: PLC0415

    guarded = replace(
        person_input(residence_municipality_id=setting.network.varese_id),
        representative_kind=LegalRepresentativeKind.SUPPORT_ADMINISTRATOR,
        representative_name="Carla Bianchi",
        representative_act="Decreto del Tribunale di Varese n. 123/2025",
        representative_act_on=date(2025, 4, 2),
    )
    saved = create_person(setting.store, actor=setting.network.ambito, data=guarded, today=TODAY)
    dialog = PersonEditDialog(
        setting.store,
        actor=setting.network.ambito,
        person=saved,
        municipalities=[(row.id, row.name) for row in list_municipalities(setting.store)],
        today=lambda: TODAY,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    titles = [dialog.tabs.tabText(index).replace("&", "") for index in range(dialog.tabs.count())]
    assert "Legal representative" in titles
    dialog.tabs.setCurrentIndex(titles.index("Legal representative"))
    assert dialog.form.representative_act.text() == "Decreto del Tribunale di Varese n. 123/2025"
    assert dialog.form.minor_notice.isHidden()
    assert dialog.grab().save(str(tmp_path / "person_dialog_representative.png"))


def test_only_current_employment_conditions_are_offered_but_an_old_row_keeps_its_own(
    qtbot: QtBot, setting: Setting
) -> None:
    editor = open_editor(qtbot, setting, setting.network.ambito)
    combo = editor.person.form.employment_status
    offered = [combo.itemData(index) for index in range(1, combo.count())]
    assert set(offered) == {status.value for status in OFFERED_EMPLOYMENT_STATUSES}
    assert EmploymentStatus.NEVER_EMPLOYED.value not in offered
    person = create_person(
        setting.store,
        actor=setting.network.ambito,
        data=person_input(residence_municipality_id=setting.network.varese_id),
        today=TODAY,
    )
    with setting.store.write() as session:
        row = session.get(Person, person.id)
        assert row is not None
        row.employment_status = EmploymentStatus.NEVER_EMPLOYED
    old = get_person(setting.store, person.id)
    editor.person.form.set_values(PersonValues.of(old))
    assert combo.value() is EmploymentStatus.NEVER_EMPLOYED
    assert combo.currentText() == label(EmploymentStatus.NEVER_EMPLOYED)
    editor.person.form.set_values(PersonValues())
    offered = [combo.itemData(index) for index in range(1, combo.count())]
    assert EmploymentStatus.NEVER_EMPLOYED.value not in offered


# --- the CPI's handling -----------------------------------------------------------------------


def _concluded_cmd(setting: Setting, *, art11_action: bool) -> str:
    network = setting.network
    person = create_person(
        setting.store,
        actor=network.ambito,
        data=person_input(
            first_name="Marco",
            sex="M",
            birth_date=date(1985, 3, 9),
            residence_municipality_id=network.varese_id,
        ),
        today=TODAY,
    )
    draft = create_referral(
        setting.store,
        actor=network.ambito,
        data=neet_input(
            person.id,
            track=Track.CMD,
            needs=(),
            out_of_work_since=None,
            gol_path=None,
            disability_category=DisabilityCategory.CIVIL_INVALID,
            disability_percentage=67,
        ),
        today=TODAY,
    )
    for step in (
        Transition.SEND,
        Transition.RECEIVE,
        Transition.TAKE_IN_CHARGE,
        Transition.START_PATH,
    ):
        actor = network.ambito if step is Transition.SEND else network.cpi
        transition_referral(
            setting.store, actor=actor, referral_id=draft.id, transition=step, on=TODAY
        )
    add_path_action(
        setting.store,
        actor=network.cpi,
        referral_id=draft.id,
        data=PathActionInput(
            action_type=PathActionType.L68_ART11_AGREEMENT
            if art11_action
            else PathActionType.TRAINEESHIP
        ),
    )
    transition_referral(
        setting.store,
        actor=network.cpi,
        referral_id=draft.id,
        transition=Transition.CONCLUDE,
        on=TODAY,
        outcome=OutcomeInput(
            outcome=Outcome.HIRED,
            outcome_on=TODAY,
            contract_type=ContractType.PERMANENT,
            counts_in_l68_quota=True,
            hiring_mode=HiringMode.NUMERIC,
        ),
    )
    return draft.id


def test_the_handling_tab_keeps_the_pact_and_the_hiring_mode(
    qtbot: QtBot, setting: Setting, tmp_path: Path
) -> None:
    referral_id = _concluded_cmd(setting, art11_action=False)
    editor = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    editor.tabs.setCurrentWidget(editor.handling_page)
    handling = editor.handling
    assert handling.outcome.hiring_mode.value() is HiringMode.NUMERIC
    assert handling.outcome.hiring_mode.isEnabled()
    # A pact before the referral was received is refused beside the field.
    type_date(qtbot, handling.service_pact_on, date(2026, 11, 2))
    editor.save_button.click()
    assert "Ricevuta il" in editor.registry.message("service_pact_on")
    type_date(qtbot, handling.service_pact_on, TODAY)
    # An art. 11 hire with no art. 11 agreement among the actions: a warning only.
    handling.outcome.hiring_mode.set_value(HiringMode.ART11_AGREEMENT)
    assert editor.registry.slots["hiring_mode"].kind == "warning"
    assert "convenzione art. 11" in editor.registry.message("hiring_mode")
    _shot(editor, tmp_path, "handling_section")
    editor.save_button.click()
    saved = get_referral(setting.store, referral_id)
    assert saved.handling is not None
    assert saved.handling.service_pact_on == TODAY
    assert saved.handling.hiring_mode is HiringMode.ART11_AGREEMENT
    # Outside the quota the mode is not asked.
    handling.outcome.counts_in_l68_quota.set_value(False)
    assert not handling.outcome.hiring_mode.isEnabled()


def test_an_art11_hire_with_its_agreement_gives_no_warning(qtbot: QtBot, setting: Setting) -> None:
    referral_id = _concluded_cmd(setting, art11_action=True)
    editor = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    editor.tabs.setCurrentWidget(editor.handling_page)
    editor.handling.outcome.hiring_mode.set_value(HiringMode.ART11_AGREEMENT)
    assert editor.registry.message("hiring_mode") == ""
