"""The joint activation plan (issue 17): its parties, who owns which entry, the states in which
it is written, the privacy check of its free texts, Azioni aperte, and retention."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import (
    ActionItemStatus,
    OperatorRole,
    OrganizationKind,
    PlanParty,
    ReviewOutcome,
)
from desktop.domain.lifecycle import Transition
from desktop.services.directory import OrganizationInput, create_organization
from desktop.services.errors import NotAllowedError, ValidationError
from desktop.services.referrals.joint_plan import (
    GoalInput,
    InterviewInput,
    PlanActionInput,
    PlanEntryKind,
    ReviewInput,
    list_plan_due,
    read_joint_plan,
    remove_plan_entry,
    save_goal,
    save_interview,
    save_plan_action,
    save_review,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import ReferralDetail, create_referral
from desktop.services.retention import anonymise, list_due
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, JointInterview, PlanGoal, PlanReview, Referral
from tests.services_support import Network, build_network, make_person, neet_input

TODAY = date(2026, 11, 27)


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def _referral(
    store: Store, network: Network, *steps: Transition, first_name: str = "Giulia"
) -> ReferralDetail:
    person = make_person(store, network, first_name=first_name)
    detail = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    for step in steps:
        actor = network.ambito if step is Transition.SEND else network.cpi
        detail = transition_referral(
            store, actor=actor, referral_id=detail.id, transition=step, on=TODAY
        )
    return detail


TAKEN = (Transition.SEND, Transition.RECEIVE, Transition.TAKE_IN_CHARGE)


@pytest.fixture
def taken(store: Store, network: Network) -> ReferralDetail:
    return _referral(store, network, *TAKEN)


def _action(**overrides: object) -> PlanActionInput:
    values: dict[str, object] = {
        "description": "Bilancio di competenze",
        "responsible_party": PlanParty.CPI,
        "responsible_name": "Chiara Neri",
        "due_on": TODAY + timedelta(days=30),
    }
    values.update(overrides)
    return PlanActionInput(**values)  # type: ignore[arg-type]


def test_both_parties_write_their_own_entries_and_see_the_others(
    store: Store, network: Network, taken: ReferralDetail
) -> None:
    rid = taken.id
    save_goal(
        store, actor=network.ambito, referral_id=rid, data=GoalInput(" Patente B "), today=TODAY
    )
    plan = save_goal(
        store,
        actor=network.cpi,
        referral_id=rid,
        data=GoalInput("Tirocinio in azienda"),
        today=TODAY,
    )
    assert [(g.description, g.position) for g in plan.goals] == [
        ("Patente B", 1),
        ("Tirocinio in azienda", 2),
    ]
    assert [g.editable for g in plan.goals] == [False, True]  # as the CPI sees them
    assert [g.owner_name for g in plan.goals] == ["Ambito di Varese", "CPI Varese"]
    as_sender = read_joint_plan(store, actor=network.ambito, referral_id=rid, today=TODAY)
    assert [g.editable for g in as_sender.goals] == [True, False]
    assert as_sender.may_add and as_sender.job_centre_name == "CPI di Varese"
    # The other party's goal can be neither changed nor removed.
    cpi_goal = plan.goals[1].id
    with pytest.raises(NotAllowedError, match="altro ente"):
        save_goal(
            store, actor=network.ambito, goal_id=cpi_goal, data=GoalInput("Altro"), today=TODAY
        )
    with pytest.raises(NotAllowedError, match="altro ente"):
        remove_plan_entry(
            store, actor=network.ambito, kind=PlanEntryKind.GOAL, entry_id=cpi_goal, today=TODAY
        )
    with store.read() as session:
        goal = session.get(PlanGoal, cpi_goal)
        assert goal is not None and goal.description == "Tirocinio in azienda"
        assert goal.owner_site == "CPI-VA" and goal.dirty


def test_only_the_two_parties_may_write(
    store: Store, network: Network, taken: ReferralDetail
) -> None:
    for stranger in (network.other_ambito, network.other_cpi):
        with pytest.raises(NotAllowedError, match="CPI destinatario"):
            save_goal(
                store,
                actor=stranger,
                referral_id=taken.id,
                data=GoalInput("Obiettivo"),
                today=TODAY,
            )
    plan = read_joint_plan(store, actor=network.other_ambito, referral_id=taken.id, today=TODAY)
    assert not plan.may_add and plan.goals == ()


def test_the_plan_exists_from_the_taking_in_charge_and_is_read_only_once_concluded(
    store: Store, network: Network
) -> None:
    received = _referral(store, network, Transition.SEND, Transition.RECEIVE)
    with pytest.raises(NotAllowedError, match="dopo la presa in carico"):
        read_joint_plan(store, actor=network.cpi, referral_id=received.id)
    with pytest.raises(NotAllowedError, match="dopo la presa in carico"):
        save_goal(
            store, actor=network.cpi, referral_id=received.id, data=GoalInput("X"), today=TODAY
        )
    detail = _referral(store, network, *TAKEN, Transition.START_PATH, first_name="Marta")
    plan = save_plan_action(
        store, actor=network.cpi, referral_id=detail.id, data=_action(), today=TODAY
    )
    with store.write() as session:
        referral = session.get(Referral, detail.id)
        assert referral is not None
        referral.status = referral.status.CONCLUDED
    concluded = read_joint_plan(store, actor=network.cpi, referral_id=detail.id, today=TODAY)
    assert not concluded.may_add and not concluded.actions[0].editable
    with pytest.raises(NotAllowedError, match="conclusa"):
        save_plan_action(
            store,
            actor=network.cpi,
            action_id=plan.actions[0].id,
            data=_action(description="Cambiata"),
            today=TODAY,
        )


def test_a_restricted_referral_refuses_writes(
    store: Store, network: Network, taken: ReferralDetail
) -> None:
    with store.write() as session:
        referral = session.get(Referral, taken.id)
        assert referral is not None
        referral.restricted = True
        referral.restriction_reason = "Richiesta dell'interessata"
    with pytest.raises(NotAllowedError, match="limitato"):
        save_goal(store, actor=network.cpi, referral_id=taken.id, data=GoalInput("X"), today=TODAY)


def test_actions_validation_and_the_third_sector_provider(
    store: Store, network: Network, taken: ReferralDetail
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_plan_action(
            store,
            actor=network.ambito,
            referral_id=taken.id,
            data=_action(
                description=" ",
                responsible_party=PlanParty.ETS,
                due_on=TODAY + timedelta(days=5 * 365),
                status=ActionItemStatus.DONE,
            ),
            today=TODAY,
        )
    errors = refused.value.field_errors
    assert "description" in errors and "responsible_organization_id" in errors
    assert "3 anni" in errors["due_on"] and "svolta" in errors["done_on"]
    provider = create_organization(
        store,
        actor=network.ambito,
        data=OrganizationInput(name="Cooperativa Il Ponte", kind=OrganizationKind.SOCIAL_COOP_A),
    )
    plan = save_plan_action(
        store,
        actor=network.ambito,
        referral_id=taken.id,
        data=_action(
            responsible_party=PlanParty.ETS,
            responsible_organization_id=provider.id,
            due_on=TODAY + timedelta(days=1),
        ),
        today=TODAY + timedelta(days=3),
    )
    (action,) = plan.actions
    assert action.responsible_organization_name == "Cooperativa Il Ponte"
    assert action.overdue and action.editable
    # A provider is kept only for a Third Sector party.
    plan = save_plan_action(
        store,
        actor=network.ambito,
        action_id=action.id,
        data=_action(responsible_organization_id=provider.id, status=ActionItemStatus.DONE,
                     done_on=TODAY),
        today=TODAY,
    )  # fmt: skip
    assert plan.actions[0].responsible_organization_id is None
    assert not plan.actions[0].overdue


@pytest.mark.parametrize(
    "text",
    [
        "Segue terapia farmacologica per la depressione",
        "Diagnosi F32.1 del CPS",
        "Affetto da sindrome di Asperger",
        "Riferimento BRMGLI04E57L682X per il colloquio",
    ],
)
def test_the_privacy_check_refuses_diagnoses_and_tax_codes(
    store: Store, network: Network, taken: ReferralDetail, text: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_interview(
            store,
            actor=network.cpi,
            referral_id=taken.id,
            data=InterviewInput(held_on=TODAY, participants=("Chiara Neri (CPI)",), summary=text),
            today=TODAY,
        )
    reason = refused.value.field_errors["summary"]
    assert "diagnosi" in reason or "codice fiscale" in reason
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(JointInterview)) == 0


def test_interviews_and_reviews(store: Store, network: Network, taken: ReferralDetail) -> None:
    with pytest.raises(ValidationError) as refused:
        save_interview(
            store,
            actor=network.cpi,
            referral_id=taken.id,
            data=InterviewInput(held_on=TODAY + timedelta(days=1)),
            today=TODAY,
        )
    assert set(refused.value.field_errors) == {"held_on", "participants"}
    plan = save_interview(
        store,
        actor=network.cpi,
        referral_id=taken.id,
        data=InterviewInput(
            held_on=TODAY,
            place=" CPI di Varese ",
            participants=("Chiara  Neri (CPI di Varese)", " ", "Anna Rossi (Ambito di Varese)"),
            person_present=False,
            summary="Condiviso il calendario del tirocinio.",
        ),
        today=TODAY,
    )
    (interview,) = plan.interviews
    assert interview.participants == (
        "Chiara Neri (CPI di Varese)",
        "Anna Rossi (Ambito di Varese)",
    )
    assert interview.place == "CPI di Varese" and not interview.person_present
    with pytest.raises(ValidationError) as refused:
        save_review(
            store,
            actor=network.ambito,
            referral_id=taken.id,
            data=ReviewInput(review_on=TODAY, outcome=None, next_review_on=TODAY),
            today=TODAY,
        )
    assert set(refused.value.field_errors) == {"outcome", "next_review_on"}
    plan = save_review(
        store,
        actor=network.ambito,
        referral_id=taken.id,
        data=ReviewInput(
            review_on=TODAY, outcome=ReviewOutcome.ON_TRACK, next_review_on=date(2027, 2, 26)
        ),
        today=TODAY,
    )
    assert plan.next_review_on == date(2027, 2, 26)
    with store.read() as session:
        details = session.scalars(
            select(AuditEntry.details).where(AuditEntry.entity_id == taken.id)
        ).all()
    assert "plan=joint_interview" in details and "plan=plan_review" in details


def test_removal_is_a_tombstone_and_frees_the_actions_of_the_goal(
    store: Store, network: Network, taken: ReferralDetail
) -> None:
    plan = save_goal(
        store, actor=network.cpi, referral_id=taken.id, data=GoalInput("Lavoro"), today=TODAY
    )
    goal_id = plan.goals[0].id
    save_plan_action(
        store,
        actor=network.cpi,
        referral_id=taken.id,
        data=_action(goal_id=goal_id),
        today=TODAY,
    )
    plan = remove_plan_entry(
        store, actor=network.cpi, kind=PlanEntryKind.GOAL, entry_id=goal_id, today=TODAY
    )
    assert plan.goals == () and plan.actions[0].goal_id is None
    with store.read() as session:
        goal = session.get(PlanGoal, goal_id)
        assert goal is not None and goal.deleted and goal.dirty


def test_open_actions_list_the_plans_of_the_parties_only(
    store: Store, network: Network, taken: ReferralDetail
) -> None:
    save_plan_action(
        store,
        actor=network.ambito,
        referral_id=taken.id,
        data=_action(due_on=TODAY),
        today=TODAY,
    )
    save_review(
        store,
        actor=network.cpi,
        referral_id=taken.id,
        data=ReviewInput(
            review_on=TODAY, outcome=ReviewOutcome.REVISED, next_review_on=TODAY + timedelta(30)
        ),
        today=TODAY,
    )
    later = TODAY + timedelta(days=1)
    for actor in (network.ambito, network.cpi):
        rows = list_plan_due(store, actor=actor, today=later)
        assert [(row.kind, row.overdue) for row in rows] == [
            (PlanEntryKind.ACTION, True),
            (PlanEntryKind.REVIEW, False),
        ]
        assert rows[0].referral_number == taken.number
        assert (rows[0].responsible, rows[0].organization) == ("Chiara Neri", "CPI di Varese")
        assert rows[1].organization == "CPI Varese"  # the review: who set it
    assert list_plan_due(store, actor=network.other_ambito, today=later) == []
    assert list_plan_due(store, actor=network.other_cpi, today=later) == []


def test_retention_blanks_the_plan_of_an_anonymised_referral(
    store: Store, network: Network, taken: ReferralDetail
) -> None:
    """Once the sender anonymised the referral, the CPI's part is due at once: its own plan
    entries lose their free text (as a change that syncs, dates to the month), and its copies of
    the sender's entries lose theirs here."""
    mark = "QZXW"
    rid = taken.id
    save_interview(
        store,
        actor=network.cpi,
        referral_id=rid,
        data=InterviewInput(
            held_on=date(2026, 11, 20) + timedelta(days=7),
            place=f"{mark} via",
            participants=(f"{mark} Neri (CPI)",),
            summary=f"{mark} sintesi",
        ),
        today=TODAY,
    )
    save_plan_action(
        store,
        actor=network.cpi,
        referral_id=rid,
        data=_action(responsible_name=f"{mark} madre", notes=f"{mark} note"),
        today=TODAY,
    )
    save_goal(store, actor=network.cpi, referral_id=rid, data=GoalInput(f"{mark} lavoro"),
              today=TODAY)  # fmt: skip
    save_review(
        store,
        actor=network.ambito,
        referral_id=rid,
        data=ReviewInput(review_on=TODAY, outcome=ReviewOutcome.ON_TRACK, notes=f"{mark} nota"),
        today=TODAY,
    )
    with store.write() as session:
        referral = session.get(Referral, rid)
        assert referral is not None
        referral.anonymised_on = TODAY
        for row in session.scalars(select(PlanReview)):
            row.dirty = False  # as if sent: a copy of the sender's row at the CPI
    officer = replace(network.cpi, role=OperatorRole.PRIVACY_OFFICER)
    assert rid in {record.record_id for record in list_due(store, actor=officer, today=TODAY)}
    anonymise(store, actor=officer, record_ids=[rid], today=TODAY)
    with store.raw_read() as connection:
        for table in ("plan_goal", "plan_action", "joint_interview", "plan_review"):
            rows = connection.execute(f"SELECT * FROM {table}").fetchall()
            assert rows, table
            for row in rows:
                assert not any(mark in str(value) for value in row), (table, row)
        interview = connection.execute(
            "SELECT held_on, participants, dirty FROM joint_interview"
        ).fetchone()
        review = connection.execute("SELECT dirty, owner_site FROM plan_review").fetchone()
    assert interview == ("2026-11-01", "[]", 1)
    assert review == (0, "AMB-VA")  # the sender's row: blanked here, never sent from here
