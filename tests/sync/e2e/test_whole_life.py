"""Issue 17's whole lives, through the screens, across three enrolled PCs and the real server.

A Third Sector body (ETS-SENTIERI), the CPI competent for Varese and the Ambito of Varese each
have their own data folder, enrolled on the server process; every step is made in the screen
an operator would use (the referral editor, its tabs and dialogs, the social referrals page),
and only a sync carries it to the other PCs:

1. the ETS's NEET referral, taken in charge by the CPI with a joint plan (goals, actions of
   both parties, two joint interviews, a review), concluded with a hire;
2. the Ambito's CMD referral of an adult with an amministratore di sostegno, the civil
   invalidity and the L. 68 assessment apart, hired under an art. 11 agreement;
3. the CPI's referral of a person to the Ambito's social services, answered by the Ambito.

Each time the PC that is no party sees nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.domain.codes import (
    CompatibleTask,
    ContractType,
    DisabilityCategory,
    EmployerType,
    HiringMode,
    LegalRepresentativeKind,
    Outcome,
    PathActionType,
    PlacementSupport,
    PlanParty,
    ReferralStatus,
    ReviewOutcome,
    SocialReferralStatus,
    Track,
)
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.domain.lifecycle import Transition
from desktop.services.persons import create_person
from desktop.services.referrals.joint_plan import read_joint_plan
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import create_referral, get_referral
from desktop.services.social_referrals import get_social_referral
from desktop.ui.referrals.actions_section import PathActionDialog
from desktop.ui.referrals.editor import ReferralEditor, Unsaved
from desktop.ui.referrals.joint_plan_dialogs import (
    GoalDialog,
    InterviewDialog,
    PlanActionDialog,
    ReviewDialog,
)
from desktop.ui.referrals.joint_plan_tab import JointPlanTab
from desktop.ui.referrals.transition_dialog import TransitionDialog
from desktop.ui.social_referrals.page import SocialReferralsPage
from tests.services_support import VARESE_CADASTRAL, neet_input, person_input
from tests.sync.e2e.live import Office
from tests.ui.referral_support import add_action, step, type_date, type_person, type_referral

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
Offices = Callable[[str], Office]
TODAY = date.today()
ETS = "ETS-SENTIERI"
S = ReferralStatus


def _offices(office: Offices) -> tuple[Office, Office, Office]:
    """The ETS, the CPI that serves Varese and the Ambito Varese belongs to, each synced."""
    ets = office(ETS)
    ets.sync()
    cpi_code = ets.value(
        "SELECT j.code FROM municipality m JOIN job_centre_catchment c ON c.municipality_id = m.id"
        " JOIN job_centre j ON j.id = c.job_centre_id WHERE m.name = 'Varese'"
    )
    ambito_code = ets.value(
        "SELECT a.code FROM municipality m JOIN ambito a ON a.id = m.ambito_id "
        "WHERE m.name = 'Varese'"
    )
    cpi, ambito = office(cpi_code), office(ambito_code)
    cpi.sync(), ambito.sync()
    return ets, cpi, ambito


def _editor(qtbot: QtBot, pc: Office, referral_id: str | None = None) -> ReferralEditor:
    editor = ReferralEditor(pc.store, referral_id=referral_id, actor=pc.actor, today=lambda: TODAY)
    editor.ask_unsaved = lambda: Unsaved.DISCARD
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _sync(*pcs: Office) -> None:
    for pc in pcs:
        result = pc.sync()
        assert (result.rejected, result.pending) == (0, 0), (pc.site, result)


def _plan_tab(editor: ReferralEditor) -> JointPlanTab:
    tabs = editor.tabs
    assert tabs.isTabVisible(tabs.indexOf(tabs.plan_page))
    tabs.setCurrentWidget(tabs.plan_page)
    return tabs.plan


def _in_plan(tab: JointPlanTab, fill: Callable[[QDialog], None]) -> None:
    """The next dialog the tab opens is filled and saved, as a person would."""

    def run(dialog: QDialog) -> bool:
        fill(dialog)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Save).click()
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        assert accepted, f"{type(dialog).__name__} refused"
        return accepted

    tab.run_dialog = run


def _received_and_taken(qtbot: QtBot, editor: ReferralEditor) -> None:
    step(qtbot, editor, "received")
    step(qtbot, editor, "Take in charge")
    step(qtbot, editor, "Start the path")
    assert editor.detail is not None and editor.detail.status is S.IN_PATH


def _seen(pc: Office, table: str, record_id: str) -> bool:
    return bool(pc.value(f'SELECT count(*) FROM "{table}" WHERE id = ?', record_id))


def test_a_third_sector_neet_referral_with_a_joint_plan_ends_in_a_hire(
    qtbot: QtBot, office: Offices
) -> None:
    ets, cpi, ambito = _offices(office)

    # The Third Sector body writes and sends the referral.
    sender = _editor(qtbot, ets)
    code = type_person(qtbot, sender, last="Colombo", first="Martina", birth=date(2003, 3, 14))
    type_referral(qtbot, sender, privacy=TODAY)
    sender.save_button.click()
    assert sender.detail is not None and sender.detail.track is Track.NEET
    step(qtbot, sender, "Send")
    referral_id = sender.detail.id
    assert sender.detail.status is S.SENT
    _sync(ets, cpi)

    # The CPI receives it, takes it in charge and writes its part of the plan.
    handler = _editor(qtbot, cpi, referral_id)
    assert handler.detail is not None and handler.detail.sending_site == ETS
    _received_and_taken(qtbot, handler)
    plan = _plan_tab(handler)

    def goal(dialog: QDialog) -> None:
        assert isinstance(dialog, GoalDialog)
        dialog.description.setPlainText("Un tirocinio in un'azienda del territorio")

    _in_plan(plan, goal)
    plan.goal_section.add_button.click()

    def cpi_action(dialog: QDialog) -> None:
        assert isinstance(dialog, PlanActionDialog)
        dialog.description.setPlainText("Bilancio delle competenze")
        dialog.goal.setCurrentIndex(1)
        dialog.party.set_value(PlanParty.CPI)
        type_date(qtbot, dialog.due_on, TODAY + timedelta(days=14))

    _in_plan(plan, cpi_action)
    plan.action_section.add_button.click()
    for present in (True, False):

        def interview(dialog: QDialog, present: bool = present) -> None:
            assert isinstance(dialog, InterviewDialog)
            type_date(qtbot, dialog.held_on, TODAY)
            dialog.place.setText("CPI di Varese")
            dialog.participants.setPlainText(
                "Elena Riva (CPI di Varese)\nLuca Ferri (Cooperativa sociale Sentieri Aperti)"
            )
            dialog.person_present.setChecked(present)
            dialog.summary.setPlainText("Condivisi gli impegni del progetto.")

        _in_plan(plan, interview)
        plan.interview_section.add_button.click()

    def review(dialog: QDialog) -> None:
        assert isinstance(dialog, ReviewDialog)
        type_date(qtbot, dialog.review_on, TODAY)
        dialog.outcome.set_value(ReviewOutcome.ON_TRACK)
        type_date(qtbot, dialog.next_review_on, TODAY + timedelta(days=60))

    _in_plan(plan, review)
    plan.review_section.add_button.click()
    assert plan.interview_section.table.rowCount() == 2
    _sync(cpi, ets)

    # The ETS sees the CPI's plan read-only and adds an action of its own.
    partner = _editor(qtbot, ets, referral_id)
    assert partner.detail is not None and partner.detail.status is S.IN_PATH
    shared = _plan_tab(partner)
    assert shared.goal_section.table.rowCount() == 1
    shared.goal_section.table.selectRow(0)
    assert not shared.goal_section.edit_button.isEnabled()

    def ets_action(dialog: QDialog) -> None:
        assert isinstance(dialog, PlanActionDialog)
        dialog.description.setPlainText("Accompagnare Martina ai colloqui in azienda")
        dialog.goal.setCurrentIndex(1)
        dialog.party.set_value(PlanParty.PERSON)
        type_date(qtbot, dialog.due_on, TODAY + timedelta(days=30))

    _in_plan(shared, ets_action)
    shared.action_section.add_button.click()
    assert shared.action_section.table.rowCount() == 2
    _sync(ets, cpi)

    # The CPI sees both parties' actions and concludes with a hire.
    closing = _editor(qtbot, cpi, referral_id)
    both = read_joint_plan(cpi.store, actor=cpi.actor, referral_id=referral_id, today=TODAY)
    assert len(both.goals) == 1 and len(both.interviews) == 2 and len(both.reviews) == 1
    assert {row.owner_site for row in both.actions} == {ETS, cpi.site}

    def hired(dialog: TransitionDialog) -> None:
        assert dialog.outcome is not None
        dialog.outcome.outcome.set_value(Outcome.HIRED)
        dialog.outcome.contract_type.set_value(ContractType.APPRENTICESHIP)
        dialog.outcome.employer_type.set_value(EmployerType.PRIVATE)

    step(qtbot, closing, "Conclude", hired)
    _sync(cpi, ets, ambito)

    done = get_referral(ets.store, referral_id)
    assert done.status is S.CONCLUDED
    assert done.handling is not None and done.handling.outcome is Outcome.HIRED
    # The Ambito, no party to it, has neither the referral, its plan nor the person.
    assert not _seen(ambito, "referral", referral_id)
    assert ambito.value("SELECT count(*) FROM plan_goal WHERE referral_id = ?", referral_id) == 0
    assert ambito.value("SELECT count(*) FROM person WHERE fiscal_code = ?", code) == 0


def test_a_cmd_referral_with_a_support_administrator_ends_in_an_art11_hire(
    qtbot: QtBot, office: Offices
) -> None:
    ets, cpi, ambito = _offices(office)

    sender = _editor(qtbot, ambito)
    type_person(qtbot, sender, last="Bassi", first="Roberto", sex="M", birth=date(1984, 9, 2))
    form = sender.person.form
    form.representative_kind.set_value(LegalRepresentativeKind.SUPPORT_ADMINISTRATOR)
    qtbot.keyClicks(form.representative_name, "Carla Bassi")
    qtbot.keyClicks(form.representative_act, "Decreto del Tribunale di Varese n. 412/2024")
    type_date(qtbot, form.representative_act_on, date(2024, 6, 18))
    type_referral(qtbot, sender, privacy=TODAY)
    section = sender.referral
    section.track.setCurrentIndex(section.track.findData(Track.CMD.value))
    cmd = sender.cmd
    cmd.disability_category.set_value(DisabilityCategory.CIVIL_INVALID)
    cmd.disability_percentage.set_number(74)
    type_date(qtbot, cmd.assessment_on, date(2023, 2, 8))
    type_date(qtbot, cmd.invalidity_revision_on, date(2028, 2, 8))
    cmd.doc_assessment_seen.click()
    type_date(qtbot, cmd.doc_assessment_on, date(2023, 5, 4))
    cmd.doc_final_report_seen.click()
    type_date(qtbot, cmd.doc_final_report_on, date(2023, 5, 4))
    for checklist, item in (
        (cmd.compatible_tasks, CompatibleTask.WAREHOUSE.value),
        (cmd.placement_supports, PlacementSupport.COMPANY_TUTOR.value),
    ):
        checklist.item_for(item).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(cmd.placement_notes, "Preferisce turni del mattino")
    sender.save_button.click()
    assert sender.detail is not None, sender.error_banner.text()
    step(qtbot, sender, "Send")
    referral_id = sender.detail.id
    _sync(ambito, cpi)

    handler = _editor(qtbot, cpi, referral_id)
    _received_and_taken(qtbot, handler)

    def agreement(dialog: PathActionDialog) -> None:
        dialog.action_type.set_value(PathActionType.L68_ART11_AGREEMENT)
        type_date(qtbot, dialog.start_on, TODAY)

    add_action(handler, agreement)

    def hired(dialog: TransitionDialog) -> None:
        assert dialog.outcome is not None
        dialog.outcome.outcome.set_value(Outcome.HIRED)
        dialog.outcome.contract_type.set_value(ContractType.PERMANENT)
        dialog.outcome.counts_in_l68_quota.set_value(True)
        dialog.outcome.hiring_mode.set_value(HiringMode.ART11_AGREEMENT)
        dialog.outcome.employer_type.set_value(EmployerType.PRIVATE)

    step(qtbot, handler, "Conclude", hired)
    _sync(cpi, ambito, ets)

    seen_by_sender = get_referral(ambito.store, referral_id)
    assert seen_by_sender.status is S.CONCLUDED
    assert seen_by_sender.handling is not None
    assert seen_by_sender.handling.hiring_mode is HiringMode.ART11_AGREEMENT
    # The CPI has the two acts apart and the support administrator, as the Ambito wrote them.
    at_cpi = get_referral(cpi.store, referral_id)
    assert (at_cpi.assessment_on, at_cpi.doc_assessment_on) == (date(2023, 2, 8), date(2023, 5, 4))
    assert at_cpi.invalidity_revision_on == date(2028, 2, 8)
    assert at_cpi.compatible_tasks == ("warehouse",)
    assert cpi.rows(
        "SELECT representative_kind, representative_name, representative_act_on FROM person "
        "WHERE id = ?",
        at_cpi.person_id,
    ) == [("support_administrator", "Carla Bassi", "2024-06-18")]
    assert not _seen(ets, "referral", referral_id)
    assert not _seen(ets, "person", at_cpi.person_id)


def test_a_cpi_refers_a_person_to_the_ambitos_social_services(
    qtbot: QtBot, office: Offices
) -> None:
    ets, cpi, ambito = _offices(office)
    varese = ets.value("SELECT id FROM municipality WHERE name = 'Varese'")
    person = create_person(
        ets.store,
        actor=ets.actor,
        data=person_input(
            last_name="Greco", first_name="Sofia", birth_date=date(2001, 7, 23),
            residence_municipality_id=varese,
        ),
        today=TODAY,
    )  # fmt: skip
    referral = create_referral(
        ets.store, actor=ets.actor, data=neet_input(person.id, privacy_notice_on=TODAY),
        today=TODAY,
    )  # fmt: skip
    transition_referral(
        ets.store, actor=ets.actor, referral_id=referral.id, transition=Transition.SEND, on=TODAY
    )
    _sync(ets, cpi)
    transition_referral(
        cpi.store, actor=cpi.actor, referral_id=referral.id, transition=Transition.RECEIVE,
        on=TODAY,
    )  # fmt: skip

    # From the referral it handles, the CPI refers the person to the social services.
    handler = _editor(qtbot, cpi, referral.id)
    assert handler.social_button.isVisible()
    dialog = handler.social_button.open_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.person.currentData() == person.id
    dialog.reason.setPlainText("Nucleo in difficoltà abitativa: chiede sostegno.")
    dialog.needs.setText("casa, sostegno al reddito")
    dialog.send_button.click()
    assert dialog.detail is not None and dialog.detail.status is SocialReferralStatus.SENT
    social_id = dialog.detail.id
    _sync(cpi, ambito, ets)

    # The Ambito finds it on its page, with the person it did not know, and takes it in charge.
    assert _seen(ambito, "person", person.id)
    assert not _seen(ambito, "referral", referral.id)
    page = SocialReferralsPage(ambito.store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()

    # The server is shared by the run's tests: other social referrals may reach this Ambito.
    def row_of_ours() -> int | None:
        for row in range(page.table.rowCount()):
            item = page.table.item(row, 1)
            if item is not None and item.text() == "Greco Sofia":
                return row
        return None

    qtbot.waitUntil(lambda: row_of_ours() is not None)
    ours = row_of_ours()
    assert ours is not None
    page.table.selectRow(ours)
    page.open_button.click()
    answer = page.dialogs[0]
    qtbot.addWidget(answer)
    answer.note.setPlainText("Colloquio fissato con l'assistente sociale.")
    answer.accept_button.click()
    assert answer.detail is not None and answer.detail.status is SocialReferralStatus.ACCEPTED
    _sync(ambito, cpi, ets)

    at_cpi = get_social_referral(cpi.store, actor=cpi.actor, social_referral_id=social_id)
    assert at_cpi.status is SocialReferralStatus.ACCEPTED
    assert at_cpi.needs == ("casa", "sostegno al reddito")
    # The ETS, which sent the person to the CPI, never sees the social referral.
    assert not _seen(ets, "social_referral", social_id)
    assert encode_fiscal_code(
        last_name="Greco", first_name="Sofia", sex="F", birth_date=date(2001, 7, 23),
        birthplace_code=VARESE_CADASTRAL,
    ) == ambito.value("SELECT fiscal_code FROM person WHERE id = ?", person.id)  # fmt: skip
