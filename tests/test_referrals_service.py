"""The referral lifecycle: only allowed transitions, by the right site, each one an event."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import (
    ContractType,
    DisabilityCategory,
    Outcome,
    PathActionType,
    ReferralStatus,
    Track,
)
from desktop.domain.lifecycle import Transition, allowed_transitions
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.referrals.handling import add_path_action
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.numbers import find_referral_id
from desktop.services.referrals.records import (
    OutcomeInput,
    PathActionInput,
    ReferralDetail,
    create_referral,
    get_referral,
    set_referral_restriction,
    update_referral,
)
from desktop.store.engine import Store
from desktop.store.models import Referral, ReferralEvent
from tests.services_support import Network, build_network, make_person, neet_input

TODAY = date(2026, 11, 27)
S = ReferralStatus


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


@pytest.fixture
def draft(store: Store, network: Network) -> ReferralDetail:
    person = make_person(store, network)
    return create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)


def _step(
    store: Store, network: Network, referral_id: str, transition: Transition, **kwargs: object
) -> ReferralDetail:
    sender = transition in (Transition.SEND, Transition.WITHDRAW)
    actor = network.ambito if sender else network.cpi
    return transition_referral(
        store,
        actor=actor,
        referral_id=referral_id,
        transition=transition,
        on=TODAY,
        **kwargs,  # type: ignore[arg-type]
    )


def test_new_referral_is_a_numbered_draft_for_the_competent_cpi(
    draft: ReferralDetail, network: Network
) -> None:
    assert draft.status is S.DRAFT
    assert draft.number == "2026/000001"
    assert draft.job_centre_id == network.job_centre_id
    assert not draft.job_centre_overridden
    assert [e.to_status for e in draft.events] == [S.DRAFT]


def test_numbers_increase(store: Store, network: Network, draft: ReferralDetail) -> None:
    second = create_referral(
        store, actor=network.ambito, data=neet_input(draft.person_id), today=TODAY
    )
    assert second.number == "2026/000002"
    assert find_referral_id(store, "2026/000002") == second.id
    with pytest.raises(NotFoundError):
        find_referral_id(store, "2026/999999")


def test_cpi_can_be_overridden(store: Store, network: Network, draft: ReferralDetail) -> None:
    other = create_referral(
        store,
        actor=network.ambito,
        data=neet_input(draft.person_id, job_centre_id=network.other_job_centre_id),
        today=TODAY,
    )
    assert other.job_centre_id == network.other_job_centre_id
    assert other.job_centre_overridden


def test_whole_life_of_a_neet_referral(
    store: Store, network: Network, draft: ReferralDetail
) -> None:
    rid = draft.id
    _step(store, network, rid, Transition.SEND)
    _step(store, network, rid, Transition.RECEIVE)
    _step(store, network, rid, Transition.TAKE_IN_CHARGE)
    _step(store, network, rid, Transition.START_PATH)
    add_path_action(
        store,
        actor=network.cpi,
        referral_id=rid,
        data=PathActionInput(
            action_type=PathActionType.TRAINEESHIP,
            start_on=date(2026, 12, 1),
            end_on=date(2027, 5, 31),
            hours=600,
        ),
    )
    done = _step(
        store,
        network,
        rid,
        Transition.CONCLUDE,
        outcome=OutcomeInput(
            outcome=Outcome.HIRED,
            outcome_on=TODAY,
            contract_type=ContractType.APPRENTICESHIP,
        ),
    )
    assert done.status is S.CONCLUDED
    assert [e.to_status for e in done.events] == [
        S.DRAFT, S.SENT, S.RECEIVED, S.TAKEN_IN_CHARGE, S.IN_PATH, S.CONCLUDED,
    ]  # fmt: skip
    assert [e.site for e in done.events][1:3] == ["AMB-VA", "CPI-VA"]
    assert done.handling is not None
    assert done.handling.outcome is Outcome.HIRED
    assert done.handling.follow_up_due_on == date(2027, 5, 28)
    assert [a.action_type for a in done.actions] == [PathActionType.TRAINEESHIP]
    assert done.sent_on == TODAY


def test_sending_needs_the_privacy_notice_date(store: Store, network: Network) -> None:
    person = make_person(store, network)
    referral = create_referral(
        store,
        actor=network.ambito,
        data=neet_input(person.id, privacy_notice_on=None),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        _step(store, network, referral.id, Transition.SEND)
    assert "informativa" in caught.value.field_errors["privacy_notice_on"]
    assert get_referral(store, referral.id).status is S.DRAFT


def test_transitions_not_allowed_change_nothing(
    store: Store, network: Network, draft: ReferralDetail
) -> None:
    with pytest.raises(NotAllowedError, match="bozza"):
        _step(store, network, draft.id, Transition.RECEIVE)
    # A CPI cannot send, and an Ambito cannot take in charge.
    with pytest.raises(NotAllowedError):
        transition_referral(
            store, actor=network.cpi, referral_id=draft.id, transition=Transition.SEND
        )
    _step(store, network, draft.id, Transition.SEND)
    with pytest.raises(NotAllowedError, match="altro CPI"):
        transition_referral(
            store, actor=network.other_cpi, referral_id=draft.id, transition=Transition.RECEIVE
        )
    with store.read() as session:
        events = session.scalar(select(func.count()).select_from(ReferralEvent))
        status = session.scalar(select(Referral.status))
    assert events == 2
    assert status is S.SENT


def test_return_needs_a_reason_and_makes_it_editable_again(
    store: Store, network: Network, draft: ReferralDetail
) -> None:
    _step(store, network, draft.id, Transition.SEND)
    with pytest.raises(NotAllowedError, match="già stata inviata"):
        update_referral(
            store, actor=network.ambito, referral_id=draft.id, data=neet_input(draft.person_id)
        )
    with pytest.raises(ValidationError):
        _step(store, network, draft.id, Transition.RETURN, note="")
    returned = _step(store, network, draft.id, Transition.RETURN, note="Manca il titolo di studio")
    assert returned.status is S.RETURNED
    assert returned.events[-1].note == "Manca il titolo di studio"
    updated = update_referral(
        store,
        actor=network.ambito,
        referral_id=draft.id,
        data=neet_input(draft.person_id, reason="Motivo aggiornato con il titolo di studio."),
        today=TODAY,
    )
    assert updated.reason.startswith("Motivo aggiornato")
    assert _step(store, network, draft.id, Transition.SEND).status is S.SENT


def test_reject_and_withdraw(store: Store, network: Network, draft: ReferralDetail) -> None:
    _step(store, network, draft.id, Transition.SEND)
    rejected = _step(store, network, draft.id, Transition.REJECT, note="Residente fuori provincia")
    assert rejected.status is S.NOT_RELEVANT
    assert allowed_transitions(S.NOT_RELEVANT, network.cpi.site_kind) == []
    person = make_person(store, network, last_name="Fumagalli", first_name="Marco", sex="M")
    other = create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    withdrawn = _step(store, network, other.id, Transition.WITHDRAW, note="Ha trovato lavoro")
    assert withdrawn.status is S.WITHDRAWN


def test_other_ambito_cannot_edit(store: Store, network: Network, draft: ReferralDetail) -> None:
    with pytest.raises(NotAllowedError, match="altro ufficio"):
        update_referral(
            store,
            actor=network.other_ambito,
            referral_id=draft.id,
            data=neet_input(draft.person_id),
        )


def test_neet_age_limits(store: Store, network: Network) -> None:
    older = make_person(
        store, network, last_name="Sala", first_name="Paolo", sex="M", birth_date=date(1990, 1, 1)
    )
    with pytest.raises(ValidationError) as caught:
        create_referral(store, actor=network.ambito, data=neet_input(older.id), today=TODAY)
    assert "29 anni" in caught.value.field_errors["track"]


def test_cmd_needs_category_and_percentage_above_the_legal_threshold(
    store: Store, network: Network
) -> None:
    person = make_person(
        store, network, last_name="Riva", first_name="Sara", birth_date=date(1985, 3, 9)
    )
    data = neet_input(
        person.id,
        track=Track.CMD,
        needs=(),
        gol_path=None,
        disability_category=DisabilityCategory.CIVIL_INVALID,
        disability_percentage=40,
    )
    with pytest.raises(ValidationError) as caught:
        create_referral(store, actor=network.ambito, data=data, today=TODAY)
    assert "45%" in caught.value.field_errors["disability_percentage"]
    saved = create_referral(
        store, actor=network.ambito, data=replace(data, disability_percentage=67), today=TODAY
    )
    assert saved.track is Track.CMD
    assert saved.disability_percentage == 67


def test_restricted_referral_cannot_move(
    store: Store, network: Network, draft: ReferralDetail
) -> None:
    set_referral_restriction(
        store, actor=network.ambito, referral_id=draft.id, restricted=True, reason="Art. 18"
    )
    with pytest.raises(NotAllowedError, match="limitato"):
        _step(store, network, draft.id, Transition.SEND)
