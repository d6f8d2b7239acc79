"""The whole life of a referral, driven through the editor by the Ambito and then the CPI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.codes import (
    ActionState,
    ContractType,
    DisabilityCategory,
    EmployerType,
    HiringMode,
    Outcome,
    PathActionType,
    ReferralStatus,
    SiteKind,
    Track,
)
from desktop.domain.identity import os_account
from desktop.domain.lifecycle import Party, Transition, allowed_transitions
from desktop.services import installation
from desktop.services.referrals.records import get_referral
from desktop.store.models import ReferralHandling
from desktop.ui.common.fields import takes_input
from desktop.ui.i18n import compile_translations
from desktop.ui.referrals.actions_section import PathActionDialog
from desktop.ui.referrals.editor import ReferralEditor
from desktop.ui.referrals.timeline import local_time
from desktop.ui.referrals.transition_dialog import TransitionDialog
from tests.conftest import copy_data_folder
from tests.ui.referral_support import (
    PROVIDER,
    TODAY,
    Setting,
    add_action,
    answer_dialogs,
    copied_setting,
    counts,
    italian_translators,
    make_setting,
    open_editor,
    step,
    type_date,
    type_person,
    type_referral,
)

S = ReferralStatus


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


def sent_referral(qtbot: QtBot, setting: Setting, *, cmd: bool = False) -> str:
    """An Ambito types a referral, has it checked, corrects it, saves it and sends it; returns
    its id. Each check refused shows its message beside the field and saves nothing."""
    editor = open_editor(qtbot, setting, setting.network.ambito)
    if cmd:
        type_person(qtbot, editor, last="Riva", first="Sara", birth=date(1985, 3, 9))
    else:
        type_person(qtbot, editor)
    type_referral(qtbot, editor)
    postcode = editor.person.form.residence_postcode
    postcode.clear()
    qtbot.keyClicks(postcode, "211")
    if cmd:
        section = editor.referral
        section.track.setCurrentIndex(section.track.findData(Track.CMD.value))

    editor.save_button.click()

    assert counts(setting.store) == {"persons": 0, "referrals": 0, "events": 0, "actions": 0}
    assert editor.detail is None
    assert "CAP" in editor.registry.message("residence_postcode")
    assert editor.tabs.currentWidget() is editor.person_page
    assert editor.error_banner.isVisible()
    postcode.clear()
    qtbot.keyClicks(postcode, "21100")
    if cmd:
        assert editor.registry.message("disability_category")
        editor.cmd.disability_category.set_value(DisabilityCategory.CIVIL_INVALID)
        editor.cmd.disability_percentage.set_number(67)
    editor.save_button.click()
    assert editor.detail is not None and editor.detail.status is S.DRAFT
    assert editor.registry.message("residence_postcode") == ""
    assert not editor.error_banner.isVisible()
    assert counts(setting.store)["referrals"] == 1

    def on_sent(dialog: TransitionDialog) -> None:
        assert dialog.on is not None
        assert dialog.on.value() == TODAY

    step(qtbot, editor, "Send", on_sent)
    assert editor.detail.status is S.SENT
    assert not takes_input(editor.person.form.last_name)
    assert "has been sent" in editor.readonly_banner.text()
    return editor.detail.id


def as_cpi(setting: Setting) -> None:
    """This installation becomes the CPI's (the setting the settings dialog writes)."""
    installation.set_settings(
        setting.store,
        {
            installation.SITE_CODE: setting.network.cpi.site_code,
            installation.SITE_KIND: SiteKind.CPI.value,
        },
    )


def assert_answer_banner(editor: ReferralEditor, heading: str, reason: str, next_step: str) -> None:
    """The CPI's answer shows on the editor's first tab, in a banner a screen reader names."""
    banner = editor.tabs.answer_banner
    assert editor.tabs.currentIndex() == 0 and editor.tabs.widget(0) is editor.person_page
    assert banner.parentWidget() is editor.person_page and banner.isVisible()
    assert banner.heading().startswith(heading)
    assert local_time(editor.detail.events[-1].at) in banner.heading()  # type: ignore[union-attr]
    assert f"Reason: {reason}" in banner.text() and next_step in banner.text()
    assert reason in banner.accessibleName() and banner.accessibleName().startswith("Warning")


def visible_transitions(editor: ReferralEditor) -> set[Transition]:
    return set(editor.lifecycle.visible_transitions())


def test_whole_life_of_a_neet_referral(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting)
    as_cpi(setting)
    cpi = open_editor(qtbot, setting, None, referral_id)
    assert cpi.context.actor.site_kind is SiteKind.CPI
    assert visible_transitions(cpi) == {Transition.RECEIVE, Transition.RETURN, Transition.REJECT}
    assert not takes_input(cpi.referral.reason)

    def received(dialog: TransitionDialog) -> None:
        assert dialog.on is not None
        type_date(qtbot, dialog.on, date(2026, 11, 23))

    step(qtbot, cpi, "received", received)
    assert cpi.detail is not None and cpi.detail.status is S.RECEIVED

    def taken(dialog: TransitionDialog) -> None:
        assert dialog.referent is not None
        assert dialog.referent.currentText() == setting.neet_referent  # the current one
        assert dialog.on is not None
        type_date(qtbot, dialog.on, date(2026, 11, 25))

    step(qtbot, cpi, "Take in charge", taken)
    assert cpi.detail.status is S.TAKEN_IN_CHARGE
    assert cpi.handling.referent.currentText() == setting.neet_referent
    step(qtbot, cpi, "Start the path")
    assert cpi.detail.status is S.IN_PATH

    def traineeship(dialog: PathActionDialog) -> None:
        dialog.action_type.set_value(PathActionType.TRAINEESHIP)
        dialog.state.set_value(ActionState.RUNNING)
        type_date(qtbot, dialog.start_on, date(2026, 12, 1))
        type_date(qtbot, dialog.end_on, date(2027, 5, 31))
        dialog.set_provider(PROVIDER)
        qtbot.keyClicks(dialog.funding, "Garanzia Giovani")
        dialog.hours.set_number(600)

    add_action(cpi, traineeship)
    assert [row.action_type for row in cpi.detail.actions] == [PathActionType.TRAINEESHIP]
    assert cpi.actions.table.item(0, 4).text() == PROVIDER
    assert counts(setting.store)["actions"] == 1

    def hired(dialog: TransitionDialog) -> None:
        assert dialog.outcome is not None
        dialog.outcome.outcome.set_value(Outcome.HIRED)
        assert dialog.outcome.contract_type.isEnabled()
        dialog.outcome.contract_type.set_value(ContractType.APPRENTICESHIP)
        dialog.outcome.employer_type.set_value(EmployerType.PRIVATE)
        qtbot.keyClicks(dialog.outcome.notes, "Assunta come apprendista.")

    step(qtbot, cpi, "Conclude", hired)
    done = get_referral(setting.store, referral_id)
    assert done.status is S.CONCLUDED
    assert done.handling is not None
    assert done.handling.outcome is Outcome.HIRED
    assert done.handling.contract_type is ContractType.APPRENTICESHIP
    assert done.handling.received_on == date(2026, 11, 23)
    assert done.handling.taken_in_charge_on == date(2026, 11, 25)
    assert [event.to_status for event in done.events] == [
        S.DRAFT, S.SENT, S.RECEIVED, S.TAKEN_IN_CHARGE, S.IN_PATH, S.CONCLUDED,
    ]  # fmt: skip
    assert visible_transitions(cpi) == set()
    assert cpi.handling.follow_up_due.text() == "28/05/2027"

    # The 6-month follow-up is recorded on the handling tab and saved.
    cpi.tabs.setCurrentWidget(cpi.handling_page)
    type_date(qtbot, cpi.handling.follow_up_done_on, date(2026, 11, 27))
    qtbot.keyClicks(cpi.handling.follow_up_notes, "Ancora occupata.")
    cpi.save_button.click()
    with setting.store.read() as session:
        handling = session.scalars(select(ReferralHandling)).one()
        follow_up = (handling.follow_up_done_on, handling.follow_up_notes)
    assert follow_up == (
        date(2026, 11, 27),
        "Ancora occupata.",
    )

    rows = cpi.timeline.rows()
    assert [row[4] for row in rows] == [
        "Draft", "Sent", "Received", "Taken in charge", "In path", "Concluded",
    ]  # fmt: skip
    assert rows[1][2] == "Ambito di Varese"
    # The operator in events is the OS account, whatever the settings say.
    assert rows[2][1:3] == [os_account(), "CPI Varese"]
    assert rows[0][0] == local_time(done.events[0].at)


def test_whole_life_of_a_cmd_referral(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting, cmd=True)
    cpi = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    assert not cpi.tabs.isTabVisible(cpi.tabs.indexOf(cpi.neet_page))
    assert cpi.tabs.isTabVisible(cpi.tabs.indexOf(cpi.cmd_page))
    step(qtbot, cpi, "received")
    step(
        qtbot,
        cpi,
        "Take in charge",
        lambda dialog: dialog.referent.currentText() == setting.cmd_referent or pytest.fail(),
    )
    assert cpi.detail is not None and cpi.detail.status is S.TAKEN_IN_CHARGE
    step(qtbot, cpi, "Start the path")
    assert cpi.detail.status is S.IN_PATH

    def inclusion_traineeship(dialog: PathActionDialog) -> None:
        dialog.action_type.set_value(PathActionType.INCLUSION_TRAINEESHIP)
        dialog.state.set_value(ActionState.RUNNING)
        type_date(qtbot, dialog.start_on, date(2026, 12, 1))
        type_date(qtbot, dialog.end_on, date(2027, 11, 30))
        dialog.set_provider(PROVIDER)
        qtbot.keyClicks(dialog.funding, "Dote Unica Lavoro - disabili")

    add_action(cpi, inclusion_traineeship)
    assert [row.action_type for row in cpi.detail.actions] == [PathActionType.INCLUSION_TRAINEESHIP]
    assert cpi.actions.table.item(0, 4).text() == PROVIDER

    def hired(dialog: TransitionDialog) -> None:
        assert dialog.outcome is not None
        dialog.outcome.outcome.set_value(Outcome.HIRED)
        dialog.outcome.contract_type.set_value(ContractType.PERMANENT)
        dialog.outcome.counts_in_l68_quota.set_value(True)
        # Counted in the quota: how the hire was made under L. 68/1999 is required.
        dialog.outcome.hiring_mode.set_value(HiringMode.NOMINATIVE)
        dialog.outcome.employer_type.set_value(EmployerType.SOCIAL_COOP)

    step(qtbot, cpi, "Conclude", hired)
    done = get_referral(setting.store, referral_id)
    assert done.status is S.CONCLUDED
    assert done.handling is not None
    assert done.handling.outcome is Outcome.HIRED
    assert done.handling.contract_type is ContractType.PERMANENT
    assert done.handling.counts_in_l68_quota is True
    assert done.handling.hiring_mode is HiringMode.NOMINATIVE
    assert done.handling.employer_type is EmployerType.SOCIAL_COOP
    assert done.track is Track.CMD
    assert done.disability_percentage == 67
    assert done.actions[0].funding == "Dote Unica Lavoro - disabili"
    assert [event.to_status for event in done.events] == [
        S.DRAFT, S.SENT, S.RECEIVED, S.TAKEN_IN_CHARGE, S.IN_PATH, S.CONCLUDED,
    ]  # fmt: skip
    assert visible_transitions(cpi) == set()
    assert [row[4] for row in cpi.timeline.rows()][-1] == "Concluded"


def test_a_hire_without_contract_type_keeps_the_dialog_open(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting)
    cpi = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    step(qtbot, cpi, "received")
    step(qtbot, cpi, "Take in charge")
    dialogs = step(
        qtbot, cpi, "Conclude", lambda dialog: dialog.outcome.outcome.set_value(Outcome.HIRED)
    )
    [dialog] = dialogs
    assert dialog.result() == 0  # not accepted
    assert "contratto" in dialog.field_message("contract_type")
    assert get_referral(setting.store, referral_id).status is S.TAKEN_IN_CHARGE


def test_return_path(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting)
    cpi = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    before = counts(setting.store)
    [dialog] = step(qtbot, cpi, "Return")
    # Without a reason the dialog stays open with its message, and nothing changes.
    assert dialog.result() == 0
    assert "reason" in dialog.field_message("note")
    assert counts(setting.store) == before

    step(
        qtbot,
        cpi,
        "Return",
        lambda dialog: qtbot.keyClicks(dialog.note, "Manca il titolo di studio."),
    )
    assert cpi.detail is not None and cpi.detail.status is S.RETURNED
    assert cpi.timeline.rows()[-1][5] == "Manca il titolo di studio."
    assert "sending office is expected to correct it" in cpi.tabs.answer_banner.text()

    sender = open_editor(qtbot, setting, setting.network.ambito, referral_id)
    assert takes_input(sender.person.form.last_name)
    # The reason, who gave it, when and what to do next, on the first tab, read first.
    assert_answer_banner(sender, "Returned by", "Manca il titolo di studio.", "send the referral")
    assert visible_transitions(sender) == {Transition.SEND, Transition.WITHDRAW}
    qtbot.keyClicks(sender.person.form.education_title, "Licenza media")
    sender.save_button.click()
    step(qtbot, sender, "Send")
    assert get_referral(setting.store, referral_id).status is S.SENT
    assert sender.tabs.answer_banner.isHidden()  # sent again: the answer is history


def test_reject_path(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting)
    cpi = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    step(qtbot, cpi, "received")
    step(
        qtbot,
        cpi,
        "Not relevant",
        lambda dialog: qtbot.keyClicks(dialog.note, "Residente fuori provincia."),
    )
    assert cpi.detail is not None and cpi.detail.status is S.NOT_RELEVANT
    assert visible_transitions(cpi) == set()
    assert "closed" in cpi.readonly_banner.text()
    sender = open_editor(qtbot, setting, setting.network.ambito, referral_id)
    assert visible_transitions(sender) == set()
    assert not sender.save_button.isEnabled()
    assert_answer_banner(sender, "Rejected", "Residente fuori provincia.", "new referral")


def test_withdrawing_a_draft(qtbot: QtBot, setting: Setting) -> None:
    editor = open_editor(qtbot, setting, setting.network.ambito)
    type_person(qtbot, editor)
    type_referral(qtbot, editor)
    editor.save_button.click()
    step(
        qtbot,
        editor,
        "Withdraw",
        lambda dialog: qtbot.keyClicks(dialog.note, "La persona ha trovato lavoro."),
    )
    assert editor.detail is not None and editor.detail.status is S.WITHDRAWN
    assert visible_transitions(editor) == set()


def test_a_cpi_of_another_centre_only_reads(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting)
    other = open_editor(qtbot, setting, setting.network.other_cpi, referral_id)
    assert "another CPI" in other.readonly_banner.text()
    assert visible_transitions(other) == set()


def test_only_the_allowed_transitions_are_offered(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting)
    path = [Transition.RECEIVE, Transition.TAKE_IN_CHARGE, Transition.START_PATH]
    cpi = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    for transition in path:
        status = get_referral(setting.store, referral_id).status
        assert visible_transitions(cpi) == set(allowed_transitions(status, Party.RECIPIENT))
        sender = open_editor(qtbot, setting, setting.network.ambito, referral_id)
        assert visible_transitions(sender) == set(allowed_transitions(status, Party.SENDER))
        answer_dialogs(cpi)
        cpi.transition_buttons()[transition].click()


def test_path_actions_are_changed_and_removed(qtbot: QtBot, setting: Setting) -> None:
    referral_id = sent_referral(qtbot, setting)
    cpi = open_editor(qtbot, setting, setting.network.cpi, referral_id)
    step(qtbot, cpi, "received")
    step(qtbot, cpi, "Take in charge")
    add_action(cpi, lambda dialog: dialog.action_type.set_value(PathActionType.BASIC_GUIDANCE))
    cpi.actions.table.selectRow(0)

    def unknown_provider(dialog: PathActionDialog) -> None:
        dialog.set_provider("Ente che non esiste")

    answer_dialogs(cpi, unknown_provider)
    cpi.actions.edit_button.click()
    assert get_referral(setting.store, referral_id).actions[0].provider_id is None

    def completed(dialog: PathActionDialog) -> None:
        dialog.state.set_value(ActionState.COMPLETED)
        dialog.hours.set_number(12)

    answer_dialogs(cpi, completed)
    cpi.actions.table.selectRow(0)
    cpi.actions.edit_button.click()
    action = get_referral(setting.store, referral_id).actions[0]
    assert (action.state, action.hours) == (ActionState.COMPLETED, 12)

    cpi.confirm = lambda question: True
    cpi.actions.table.selectRow(0)
    cpi.actions.remove_button.click()
    assert get_referral(setting.store, referral_id).actions == ()


def test_the_timeline_is_in_italian(
    qtbot: QtBot, setting: Setting, qapp: QApplication, italian_qm: Path
) -> None:
    referral_id = sent_referral(qtbot, setting)
    with italian_translators(qapp, italian_qm):
        editor = open_editor(qtbot, setting, setting.network.cpi, referral_id)
        rows = editor.timeline.rows()
        tab = editor.tabs.tabText(editor.tabs.indexOf(editor.tabs.timeline_page))
        texts = sorted(
            button.text()
            for button in editor.transition_buttons().values()
            if not button.isHidden()
        )
    assert [row[4] for row in rows] == ["Bozza", "Inviata"]
    assert rows[1][3] == "Bozza"
    datetime.strptime(rows[1][0], "%d/%m/%Y %H:%M")  # gg/mm/aaaa HH:MM
    assert tab == "Cronologia"
    assert texts == ["&Non pertinente…", "Res&tituisci al mittente…", "Segna come &ricevuta…"]
