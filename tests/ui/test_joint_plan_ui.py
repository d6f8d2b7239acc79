"""The "Shared plan" tab (issue 17): a CPI builds the plan of a referral it took in charge
(goals, an action, two joint interviews, a review) through the dialogs; the sender's entries
are shown read-only; Azioni aperte lists an overdue plan action and opens its referral."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMainWindow, QTableView
from pytestqt.qtbot import QtBot

from desktop.domain.codes import ActionItemStatus, PlanParty, ReviewOutcome
from desktop.domain.lifecycle import Transition
from desktop.services.installation import OPERATOR, SITE_CODE, SITE_KIND, set_settings
from desktop.services.referrals.joint_plan import (
    GoalInput,
    PlanActionInput,
    read_joint_plan,
    save_goal,
    save_plan_action,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import create_referral
from desktop.store.engine import Store
from desktop.ui.documents.menu import ReferralPrinting
from desktop.ui.documents.preview import DocumentPreview
from desktop.ui.meetings.open_actions import OpenActionsView
from desktop.ui.referrals.editor import ReferralEditor
from desktop.ui.referrals.joint_plan_dialogs import (
    GoalDialog,
    InterviewDialog,
    PlanActionDialog,
    ReviewDialog,
)
from desktop.ui.referrals.joint_plan_tab import JointPlanTab
from tests.documents_support import text_of
from tests.services_support import make_person, neet_input
from tests.ui.referral_support import (
    PROVIDER,
    TODAY,
    Setting,
    make_setting,
    open_editor,
    type_date,
)


@pytest.fixture
def setting(store: Store) -> Iterator[Setting]:
    yield make_setting(store)


def _taken(setting: Setting, *, first_name: str = "Giulia") -> str:
    store, network = setting.store, setting.network
    person = make_person(store, network, first_name=first_name)
    start = TODAY - timedelta(days=30)
    detail = create_referral(
        store,
        actor=network.ambito,
        data=neet_input(person.id, privacy_notice_on=start),
        today=start,
    )
    for step in (Transition.SEND, Transition.RECEIVE, Transition.TAKE_IN_CHARGE):
        actor = network.ambito if step is Transition.SEND else network.cpi
        detail = transition_referral(
            store, actor=actor, referral_id=detail.id, transition=step, on=start
        )
    return detail.id


def _answer(tab: JointPlanTab, fill: Callable[[QDialog], None]) -> list[QDialog]:
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        fill(dialog)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result() == QDialog.DialogCode.Accepted

    tab.run_dialog = run
    return seen


def _plan_tab(qtbot: QtBot, editor: ReferralEditor) -> JointPlanTab:
    tabs = editor.tabs
    assert tabs.isTabVisible(tabs.indexOf(tabs.plan_page))
    tabs.setCurrentWidget(tabs.plan_page)
    return tabs.plan


def test_the_cpi_builds_the_plan_and_sees_the_senders_entries_read_only(
    qtbot: QtBot, setting: Setting, tmp_path: Path
) -> None:
    store, network = setting.store, setting.network
    referral_id = _taken(setting)
    save_goal(store, actor=network.ambito, referral_id=referral_id,
              data=GoalInput("Frequentare il centro diurno"), today=TODAY)  # fmt: skip
    editor = open_editor(qtbot, setting, network.cpi, referral_id)
    tab = _plan_tab(qtbot, editor)
    assert tab.goal_section.add_button.isEnabled()
    # The sender's goal: shown with who wrote it, not changeable here.
    goals = tab.goal_section
    assert goals.table.rowCount() == 1
    assert goals.table.item(0, 3).text() == "Ambito di Varese"
    goals.table.selectRow(0)
    assert not goals.edit_button.isEnabled() and not goals.remove_button.isEnabled()

    def goal(dialog: QDialog) -> None:
        assert isinstance(dialog, GoalDialog)
        dialog.description.setPlainText("Tirocinio in un'azienda del territorio")

    _answer(tab, goal)
    goals.add_button.click()
    assert goals.table.rowCount() == 2 and goals.table.item(1, 1).text().startswith("Tirocinio")

    # An action refused first (a diagnosis in the notes), then saved as written.
    def action(dialog: QDialog) -> None:
        assert isinstance(dialog, PlanActionDialog)
        dialog.description.setPlainText("Laboratorio di cucina")
        dialog.goal.setCurrentIndex(2)
        dialog.party.set_value(PlanParty.ETS)
        dialog.set_provider(PROVIDER)
        type_date(qtbot, dialog.due_on, TODAY + timedelta(days=14))
        dialog.notes.setPlainText("Ha una diagnosi di depressione")

    seen = _answer(tab, action)
    tab.action_section.add_button.click()
    refused = seen[-1]
    assert isinstance(refused, PlanActionDialog) and refused.result() != QDialog.DialogCode.Accepted
    assert "diagnosi" in refused.field_message("notes")
    assert tab.action_section.table.rowCount() == 0

    def action_ok(dialog: QDialog) -> None:
        action(dialog)
        assert isinstance(dialog, PlanActionDialog)
        dialog.notes.setPlainText("Tre mattine alla settimana")

    _answer(tab, action_ok)
    tab.action_section.add_button.click()
    table = tab.action_section.table
    assert table.rowCount() == 1
    assert [table.item(0, column).text() for column in range(5)] == [
        "Laboratorio di cucina", PROVIDER, "11/12/2026", "Open", "CPI Varese",
    ]  # fmt: skip

    for held_on, present in ((TODAY - timedelta(days=7), True), (TODAY, False)):

        def interview(dialog: QDialog, held_on: date = held_on, present: bool = present) -> None:
            assert isinstance(dialog, InterviewDialog)
            type_date(qtbot, dialog.held_on, held_on)
            dialog.place.setText("CPI di Varese")
            dialog.participants.setPlainText(
                "Elena Riva (CPI di Varese)\nAnna Rossi (Ambito di Varese)"
            )
            dialog.person_present.setChecked(present)
            dialog.summary.setPlainText("Condiviso il calendario del laboratorio.")

        _answer(tab, interview)
        tab.interview_section.add_button.click()
    interviews = tab.interview_section.table
    assert interviews.rowCount() == 2
    assert (
        interviews.item(0, 2).text() == "Elena Riva (CPI di Varese); Anna Rossi (Ambito di Varese)"
    )
    assert [interviews.item(row, 3).text() for row in range(2)] == ["present", "absent"]

    def review(dialog: QDialog) -> None:
        assert isinstance(dialog, ReviewDialog)
        type_date(qtbot, dialog.review_on, TODAY)
        dialog.outcome.set_value(ReviewOutcome.ON_TRACK)
        type_date(qtbot, dialog.next_review_on, date(2027, 2, 26))

    _answer(tab, review)
    tab.review_section.add_button.click()
    assert tab.review_section.table.item(0, 2).text() == "26/02/2027"
    assert "next review: 26/02/2027" in tab.summary.text()

    plan = read_joint_plan(store, actor=network.ambito, referral_id=referral_id, today=TODAY)
    assert (len(plan.goals), len(plan.actions), len(plan.interviews), len(plan.reviews)) == (
        2, 1, 2, 1,
    )  # fmt: skip
    assert plan.actions[0].goal_id == plan.goals[1].id
    assert plan.actions[0].responsible_organization_name == PROVIDER
    assert not any(row.editable for row in (*plan.goals[1:], *plan.actions, *plan.reviews))

    # The CPI removes its own goal; the sender's stays.
    tab.confirm = lambda _question: True
    goals.table.selectRow(1)
    goals.remove_button.click()
    assert goals.table.rowCount() == 1
    assert goals.table.item(0, 1).text() == "Frequentare il centro diurno"
    tab.resize(1180, 560)
    tab.grab().save(str(tmp_path / "plan-tab.png"))


# The document preview's own window, as in test_documents_ui.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_sender_sees_the_cpis_entries_read_only(qtbot: QtBot, setting: Setting) -> None:
    store, network = setting.store, setting.network
    referral_id = _taken(setting)
    save_plan_action(
        store,
        actor=network.cpi,
        referral_id=referral_id,
        data=PlanActionInput("Bilancio di competenze", PlanParty.CPI, due_on=TODAY),
        today=TODAY,
    )
    editor = open_editor(qtbot, setting, network.ambito, referral_id)
    tab = _plan_tab(qtbot, editor)
    actions = tab.action_section
    actions.table.selectRow(0)
    assert actions.add_button.isEnabled()
    assert not actions.edit_button.isEnabled() and not actions.remove_button.isEnabled()
    assert "only they can change it" in actions.table.item(0, 0).toolTip()
    opened: list[QDialog] = []
    tab.run_dialog = lambda dialog: bool(opened.append(dialog))
    actions.table.doubleClicked.emit(actions.table.model().index(0, 0))
    assert opened == []
    # Printed from the tab: the main window's printing shows the preview of the "Progetto
    # personalizzato condiviso".
    ambito = network.ambito
    set_settings(store, {OPERATOR: ambito.operator, SITE_CODE: ambito.site_code,
                         SITE_KIND: "ambito"})  # fmt: skip
    window = QMainWindow()
    qtbot.addWidget(window)
    printing = ReferralPrinting(window, store, QTableView(window))
    editor.planPrintRequested.connect(printing.joint_plan)
    with qtbot.waitSignal(editor.planPrintRequested) as asked:
        tab.print_button.click()
    assert asked.args == [referral_id]
    previews = [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, DocumentPreview) and widget.isVisible()
    ]
    assert len(previews) == 1
    qtbot.addWidget(previews[0])
    assert "Progetto personalizzato condiviso" in previews[0].windowTitle()
    assert "Bilancio di competenze" in text_of(previews[0].document.pdf)


def test_a_received_referral_has_no_plan_tab(qtbot: QtBot, setting: Setting) -> None:
    store, network = setting.store, setting.network
    person = make_person(store, network)
    detail = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    for step in (Transition.SEND, Transition.RECEIVE):
        actor = network.ambito if step is Transition.SEND else network.cpi
        transition_referral(store, actor=actor, referral_id=detail.id, transition=step, on=TODAY)
    editor = open_editor(qtbot, setting, network.cpi, detail.id)
    assert not editor.tabs.isTabVisible(editor.tabs.indexOf(editor.tabs.plan_page))


def test_open_actions_list_an_overdue_plan_action(qtbot: QtBot, setting: Setting) -> None:
    store, network = setting.store, setting.network
    referral_id = _taken(setting)
    save_plan_action(
        store,
        actor=network.ambito,
        referral_id=referral_id,
        data=PlanActionInput(
            "Colloquio con la famiglia",
            PlanParty.AMBITO,
            responsible_name="Anna Rossi",
            due_on=TODAY + timedelta(days=2),
        ),
        today=TODAY,
    )
    save_plan_action(
        store,
        actor=network.ambito,
        referral_id=referral_id,
        data=PlanActionInput(
            "Già fatto", PlanParty.AMBITO, status=ActionItemStatus.DONE, done_on=TODAY
        ),
        today=TODAY,
    )
    cpi = network.cpi
    set_settings(store, {OPERATOR: cpi.operator, SITE_CODE: cpi.site_code, SITE_KIND: "cpi"})
    view = OpenActionsView(store, lambda: TODAY + timedelta(days=5))
    qtbot.addWidget(view)
    # Fixed: a top-level minimum taken from the layout warns on offscreen.
    view.setMinimumSize(QSize(1280, 600))
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1)
    [row] = view.rows
    assert view.is_highlighted(row.id)
    number = read_joint_plan(store, actor=cpi, referral_id=referral_id).number
    cells = [view.table.text(0, column) for column in range(6)]
    assert cells[0] == "29/11/2026" and cells[1] == "Overdue by 3 day(s)"
    assert cells[2:] == [
        "Colloquio con la famiglia",
        "Anna Rossi",
        "Ambito di Varese",
        f"Shared plan – Referral {number}",
    ]
    view.table.selectRow(0)
    assert not view.close_button.isEnabled()
    assert view.open_button.text() == "Open the referral"
    with qtbot.waitSignal(view.open_referral) as opened:
        view.table.doubleClicked.emit(view.table.model().index(0, 0))
    assert opened.args == [referral_id]
    # Another Ambito is no party to the plan: nothing of it is listed there.
    other = network.other_ambito
    set_settings(store, {OPERATOR: other.operator, SITE_CODE: other.site_code, SITE_KIND: "ambito"})
    view.refresh()
    qtbot.waitUntil(lambda: view.table.rowCount() == 0)
