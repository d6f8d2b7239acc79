"""The CPI's handling after receipt: path actions, corrections, outcome and 6-month follow-up."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import (
    ActionState,
    ContractType,
    OrganizationKind,
    Outcome,
    PathActionType,
    ReferralStatus,
    Track,
)
from desktop.domain.lifecycle import Transition
from desktop.services.directory import OrganizationInput, create_organization
from desktop.services.errors import NotAllowedError, ValidationError
from desktop.services.referrals.handling import (
    FollowUpInput,
    HandlingInput,
    add_path_action,
    remove_path_action,
    save_handling,
    update_path_action,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import (
    OutcomeInput,
    PathActionInput,
    ReferralDetail,
    competent_job_centre,
    create_referral,
    get_referral,
    job_centre_of_site,
    site_names,
)
from desktop.store.engine import Store
from desktop.store.models import PathAction, Referent
from tests.services_support import Network, build_network, make_person, neet_input

TODAY = date(2026, 11, 27)
S = ReferralStatus


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def add_referent(store: Store, job_centre_id: str, track: Track, name: str) -> str:
    with store.write() as session:
        referent = Referent(job_centre_id=job_centre_id, track=track, full_name=name)
        session.add(referent)
        session.flush()
        return referent.id


def _to(store: Store, network: Network, referral_id: str, *steps: Transition) -> ReferralDetail:
    detail = get_referral(store, referral_id)
    for step in steps:
        actor = network.ambito if step is Transition.SEND else network.cpi
        detail = transition_referral(
            store, actor=actor, referral_id=referral_id, transition=step, on=TODAY
        )
    return detail


@pytest.fixture
def in_path(store: Store, network: Network) -> ReferralDetail:
    person = make_person(store, network)
    draft = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    return _to(
        store,
        network,
        draft.id,
        Transition.SEND,
        Transition.RECEIVE,
        Transition.TAKE_IN_CHARGE,
        Transition.START_PATH,
    )


def _traineeship(**overrides: object) -> PathActionInput:
    values: dict[str, object] = {
        "action_type": PathActionType.TRAINEESHIP,
        "start_on": date(2026, 12, 1),
        "end_on": date(2027, 5, 31),
        "hours": 600,
        "funding": " Garanzia Giovani ",
    }
    values.update(overrides)
    return PathActionInput(**values)  # type: ignore[arg-type]


def test_actions_are_added_changed_and_removed_by_the_cpi(
    store: Store, network: Network, in_path: ReferralDetail
) -> None:
    provider = create_organization(
        store,
        actor=network.cpi,
        data=OrganizationInput(name="Cooperativa Il Ponte", kind=OrganizationKind.SOCIAL_COOP_B),
    )
    added = add_path_action(
        store,
        actor=network.cpi,
        referral_id=in_path.id,
        data=_traineeship(provider_id=provider.id),
    )
    [action] = added.actions
    assert action.funding == "Garanzia Giovani"
    assert action.provider_name == "Cooperativa Il Ponte"
    changed = update_path_action(
        store,
        actor=network.cpi,
        action_id=action.id,
        data=_traineeship(state=ActionState.RUNNING, hours=640),
    )
    assert [(a.state, a.hours, a.provider_id) for a in changed.actions] == [
        (ActionState.RUNNING, 640, None)
    ]
    assert remove_path_action(store, actor=network.cpi, action_id=action.id).actions == ()
    with store.read() as session:
        # A tombstone, never a silent delete: sync must carry the removal.
        assert session.scalar(select(func.count()).select_from(PathAction)) == 1


def test_bad_actions_are_refused_field_by_field(
    store: Store, network: Network, in_path: ReferralDetail
) -> None:
    with pytest.raises(ValidationError) as caught:
        add_path_action(
            store,
            actor=network.cpi,
            referral_id=in_path.id,
            data=_traineeship(end_on=date(2026, 11, 1), hours=-3),
        )
    assert set(caught.value.field_errors) == {"end_on", "hours"}
    with pytest.raises(ValidationError) as caught:
        add_path_action(
            store,
            actor=network.cpi,
            referral_id=in_path.id,
            data=_traineeship(
                action_type=PathActionType.INCLUSION_TRAINEESHIP,
                start_on=date(2026, 12, 1),
                end_on=date(2028, 12, 1),
            ),
        )
    assert "24 mesi" in caught.value.field_errors["end_on"]
    assert get_referral(store, in_path.id).actions == ()


def test_only_the_addressed_cpi_records_actions(
    store: Store, network: Network, in_path: ReferralDetail
) -> None:
    for actor in (network.ambito, network.other_cpi):
        with pytest.raises(NotAllowedError):
            add_path_action(store, actor=actor, referral_id=in_path.id, data=_traineeship())
    added = add_path_action(store, actor=network.cpi, referral_id=in_path.id, data=_traineeship())
    with pytest.raises(NotAllowedError, match="altro CPI"):
        remove_path_action(store, actor=network.other_cpi, action_id=added.actions[0].id)


def test_handling_dates_and_referent_can_be_corrected(
    store: Store, network: Network, in_path: ReferralDetail
) -> None:
    referent = add_referent(store, network.job_centre_id, Track.NEET, "Elena Riva")
    saved = save_handling(
        store,
        actor=network.cpi,
        referral_id=in_path.id,
        handling=HandlingInput(
            received_on=date(2026, 11, 20),
            taken_in_charge_on=date(2026, 11, 24),
            referent_id=referent,
        ),
        today=TODAY,
    )
    assert saved.handling is not None
    assert (saved.handling.received_on, saved.handling.taken_in_charge_on) == (
        date(2026, 11, 20),
        date(2026, 11, 24),
    )
    assert saved.handling.referent_id == referent
    with pytest.raises(ValidationError) as caught:
        save_handling(
            store,
            actor=network.cpi,
            referral_id=in_path.id,
            handling=HandlingInput(
                received_on=date(2026, 11, 25), taken_in_charge_on=date(2026, 11, 24)
            ),
            today=TODAY,
        )
    assert "taken_in_charge_on" in caught.value.field_errors


def test_a_referent_of_another_cpi_or_track_is_refused(store: Store, network: Network) -> None:
    other_centre = add_referent(store, network.other_job_centre_id, Track.NEET, "Davide Crespi")
    other_track = add_referent(store, network.job_centre_id, Track.CMD, "Paola Macchi")
    person = make_person(store, network)
    draft = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    _to(store, network, draft.id, Transition.SEND, Transition.RECEIVE)
    for referent in (other_centre, other_track):
        with pytest.raises(ValidationError) as caught:
            transition_referral(
                store,
                actor=network.cpi,
                referral_id=draft.id,
                transition=Transition.TAKE_IN_CHARGE,
                on=TODAY,
                referent_id=referent,
            )
        assert "referent_id" in caught.value.field_errors
    assert get_referral(store, draft.id).status is S.RECEIVED


def test_outcome_correction_and_follow_up_after_conclusion(
    store: Store, network: Network, in_path: ReferralDetail
) -> None:
    with pytest.raises(NotAllowedError, match="conclusione"):
        save_handling(
            store,
            actor=network.cpi,
            referral_id=in_path.id,
            follow_up=FollowUpInput(done_on=TODAY),
            today=TODAY,
        )
    transition_referral(
        store,
        actor=network.cpi,
        referral_id=in_path.id,
        transition=Transition.CONCLUDE,
        on=date(2026, 5, 4),
        outcome=OutcomeInput(outcome=Outcome.TRAINING_COMPLETED, outcome_on=date(2026, 5, 4)),
    )
    corrected = save_handling(
        store,
        actor=network.cpi,
        referral_id=in_path.id,
        outcome=OutcomeInput(
            outcome=Outcome.HIRED,
            outcome_on=date(2026, 5, 4),
            contract_type=ContractType.FIXED_TERM,
            notes=" Assunta a tempo determinato ",
        ),
        follow_up=FollowUpInput(done_on=date(2026, 11, 3), notes="Ancora occupata."),
        today=TODAY,
    )
    handling = corrected.handling
    assert handling is not None
    assert handling.outcome is Outcome.HIRED
    assert handling.outcome_notes == "Assunta a tempo determinato"
    assert handling.follow_up_due_on == date(2026, 11, 2)
    assert (handling.follow_up_done_on, handling.follow_up_notes) == (
        date(2026, 11, 3),
        "Ancora occupata.",
    )
    with pytest.raises(ValidationError) as caught:
        save_handling(
            store,
            actor=network.cpi,
            referral_id=in_path.id,
            follow_up=FollowUpInput(done_on=date(2026, 4, 1)),
            today=TODAY,
        )
    assert "follow_up_done_on" in caught.value.field_errors
    # Actions can still be completed, but no longer added.
    with pytest.raises(NotAllowedError):
        add_path_action(store, actor=network.cpi, referral_id=in_path.id, data=_traineeship())


def test_look_ups_for_the_editor(store: Store, network: Network) -> None:
    assert job_centre_of_site(store, "CPI-VA") == network.job_centre_id
    assert job_centre_of_site(store, "AMB-VA") is None
    assert site_names(store)["AMB-VA"] == "Ambito di Varese"
    assert competent_job_centre(store, network.gallarate_id, TODAY) == network.other_job_centre_id
