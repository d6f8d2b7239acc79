"""The joint plan through the real server (issue 17): the sender's and the CPI's entries
travel both ways; a third site never sees them; a site that is no party is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.domain.codes import PlanParty
from desktop.domain.lifecycle import Transition
from desktop.services.persons import create_person
from desktop.services.referrals.joint_plan import (
    GoalInput,
    InterviewInput,
    PlanActionInput,
    read_joint_plan,
    save_goal,
    save_interview,
    save_plan_action,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import create_referral
from sync.protocol import ReceiptStatus
from tests.services_support import neet_input, person_input
from tests.sync.e2e.hostile import HostileDevice, record
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]
PLAN_TABLES = ("plan_goal", "plan_action", "joint_interview", "plan_review")


def _plan_rows(office: Office, referral_id: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for table in PLAN_TABLES:
        found |= {
            (table, row[0])
            for row in office.rows(
                f"SELECT owner_site FROM {table} WHERE referral_id = ?",
                referral_id,
            )
        }
    return found


def test_the_plan_travels_between_its_parties_only(office: Offices, server: LiveServer) -> None:
    sender = office("AMB-GALLARATE")
    sender.sync()
    centre_code, centre_id = sender.rows(
        "SELECT code, job_centre_id FROM site WHERE kind = 'cpi' AND job_centre_id IS NOT NULL "
        "ORDER BY code LIMIT 1"
    )[0]
    municipality = sender.value(
        "SELECT municipality_id FROM job_centre_catchment WHERE job_centre_id = ? LIMIT 1",
        centre_id,
    )
    today = date.today()
    person = create_person(
        sender.store,
        actor=sender.actor,
        data=person_input(last_name="Bernasconi", residence_municipality_id=municipality),
    )
    referral = create_referral(
        sender.store,
        actor=sender.actor,
        data=neet_input(person.id, job_centre_id=centre_id, privacy_notice_on=today),
        today=today,
    )
    transition_referral(
        sender.store, actor=sender.actor, referral_id=referral.id,
        transition=Transition.SEND, on=today,
    )  # fmt: skip
    assert sender.sync().rejected == 0

    cpi = office(centre_code)
    cpi.sync()
    for step in (Transition.RECEIVE, Transition.TAKE_IN_CHARGE):
        transition_referral(
            cpi.store, actor=cpi.actor, referral_id=referral.id, transition=step, on=today
        )
    plan = save_goal(cpi.store, actor=cpi.actor, referral_id=referral.id,
                     data=GoalInput("Tirocinio in un'azienda del territorio"))  # fmt: skip
    goal_id = plan.goals[0].id
    save_interview(
        cpi.store,
        actor=cpi.actor,
        referral_id=referral.id,
        data=InterviewInput(held_on=today, participants=("Elena Riva (CPI)",)),
    )
    assert cpi.sync().rejected == 0

    sender.sync()
    seen = read_joint_plan(sender.store, actor=sender.actor, referral_id=referral.id)
    assert [(goal.description, goal.editable) for goal in seen.goals] == [
        ("Tirocinio in un'azienda del territorio", False)
    ]
    assert len(seen.interviews) == 1
    # The sender hangs its own action under the CPI's goal; it travels back.
    save_plan_action(
        sender.store,
        actor=sender.actor,
        referral_id=referral.id,
        data=PlanActionInput("Colloquio con la famiglia", PlanParty.AMBITO, goal_id=goal_id),
    )
    assert sender.sync().rejected == 0
    cpi.sync()
    at_cpi = read_joint_plan(cpi.store, actor=cpi.actor, referral_id=referral.id)
    assert [(a.description, a.goal_id, a.owner_site, a.editable) for a in at_cpi.actions] == [
        ("Colloquio con la famiglia", goal_id, "AMB-GALLARATE", False)
    ]
    expected = {
        ("plan_goal", centre_code),
        ("joint_interview", centre_code),
        ("plan_action", "AMB-GALLARATE"),
    }
    assert _plan_rows(sender, referral.id) == _plan_rows(cpi, referral.id) == expected
    assert sender.agrees_with_server() and cpi.agrees_with_server()

    # A third site sees neither the referral nor its plan.
    stranger_site = next(site for site in server.sites("ambito") if site != "AMB-GALLARATE")
    stranger = office(stranger_site)
    stranger.sync()
    assert stranger.rows("SELECT id FROM referral WHERE id = ?", referral.id) == []
    assert _plan_rows(stranger, referral.id) == set()
    hostile = HostileDevice(server, stranger_site)
    try:
        assert not any(table in PLAN_TABLES for table, _id in hostile.pulled())
        # ... and may not write one: the server refuses a plan row for a referral it does not see.
        receipt = hostile.push_one(
            record(
                "plan_goal",
                stranger_site,
                {"referral_id": referral.id, "position": 9, "description": "Intrusione"},
            )
        )
        assert receipt["status"] == ReceiptStatus.REJECTED, receipt
        assert hostile.get("plan_goal", goal_id).status_code in {403, 404}
    finally:
        hostile.close()
    cpi.sync()
    assert [goal.description for goal in read_joint_plan(
        cpi.store, actor=cpi.actor, referral_id=referral.id
    ).goals] == ["Tirocinio in un'azienda del territorio"]  # fmt: skip
