"""Saving the sender's form: person and referral together, all or nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import Track
from desktop.domain.identity import os_account
from desktop.domain.lifecycle import Transition
from desktop.services import installation
from desktop.services import validation as v
from desktop.services.errors import NotAllowedError, ValidationError, WarningsNotConfirmedError
from desktop.services.persons import get_person, set_restriction
from desktop.services.referrals.drafts import (
    DraftInput,
    draft_problems,
    read_referral_form,
    save_draft,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, Person, Referral
from tests.services_support import Network, build_network, neet_input, person_input

TODAY = date(2026, 11, 27)


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def _counts(store: Store) -> tuple[int, int]:
    with store.read() as session:
        persons = session.scalar(select(func.count()).select_from(Person)) or 0
        referrals = session.scalar(select(func.count()).select_from(Referral)) or 0
    return persons, referrals


def _draft(network: Network, **referral: object) -> DraftInput:
    return DraftInput(
        person=person_input(residence_municipality_id=network.varese_id),
        referral=neet_input("", **referral),
    )


def test_a_new_person_and_referral_are_saved_together(store: Store, network: Network) -> None:
    saved = save_draft(store, actor=network.ambito, data=_draft(network), today=TODAY)
    assert saved.number == "2026/000001"
    assert get_person(store, saved.person_id).last_name == "Brambilla"
    assert _counts(store) == (1, 1)


def test_errors_of_both_parts_come_together_and_nothing_is_saved(
    store: Store, network: Network
) -> None:
    data = _draft(network, gol_path=9)
    data = replace(data, person=replace(data.person, first_name="", email="non-una-mail"))
    with pytest.raises(ValidationError) as caught:
        save_draft(store, actor=network.ambito, data=data, today=TODAY)
    assert {"first_name", "email", "gol_path"} <= set(caught.value.field_errors)
    assert _counts(store) == (0, 0)


def test_a_referral_refused_by_the_database_leaves_no_person(
    store: Store, network: Network
) -> None:
    data = _draft(network)
    # No residence: the competent CPI cannot be derived and none was chosen.
    data = replace(data, person=replace(data.person, residence_municipality_id=None))
    with pytest.raises(ValidationError) as caught:
        save_draft(store, actor=network.ambito, data=data, today=TODAY)
    assert "job_centre_id" in caught.value.field_errors
    assert _counts(store) == (0, 0)


def test_warnings_on_the_fiscal_code_need_a_reason(store: Store, network: Network) -> None:
    data = _draft(network)
    data = replace(data, person=replace(data.person, birth_date=date(2004, 5, 18)))
    with pytest.raises(WarningsNotConfirmedError) as caught:
        save_draft(store, actor=network.ambito, data=data, today=TODAY)
    assert "fiscal_code" in caught.value.warnings
    assert _counts(store) == (0, 0)
    saved = save_draft(
        store,
        actor=network.ambito,
        data=replace(data, override_reason="Data verificata sul documento"),
        today=TODAY,
    )
    assert get_person(store, saved.person_id).fiscal_code_override_reason.startswith("Data")


def test_updating_keeps_the_person_and_skips_unchanged_data(store: Store, network: Network) -> None:
    first = save_draft(store, actor=network.ambito, data=_draft(network), today=TODAY)
    data = replace(
        _draft(network, reason="Motivo aggiornato dopo il colloquio."), person_id=first.person_id
    )
    updated = save_draft(store, actor=network.ambito, data=data, referral_id=first.id, today=TODAY)
    assert updated.reason == "Motivo aggiornato dopo il colloquio."
    assert _counts(store) == (1, 1)
    with store.read() as session:
        person_updates = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "person", AuditEntry.action == "update")
        )
    assert person_updates == 0


def test_a_cmd_referral_for_an_adult(store: Store, network: Network) -> None:
    data = _draft(network, track=Track.CMD, needs=(), gol_path=None)
    data = replace(data, person=replace(data.person, birth_date=date(1980, 1, 1)))
    errors, _warnings = draft_problems(data, today=TODAY)
    assert "disability_category" in errors
    assert "track" not in errors  # the NEET age limit does not apply to CMD


def test_a_sent_referral_or_a_restricted_person_cannot_be_saved(
    store: Store, network: Network
) -> None:
    first = save_draft(store, actor=network.ambito, data=_draft(network), today=TODAY)
    transition_referral(
        store, actor=network.ambito, referral_id=first.id, transition=Transition.SEND, on=TODAY
    )
    data = replace(_draft(network), person_id=first.person_id)
    with pytest.raises(NotAllowedError, match="già stata inviata"):
        save_draft(store, actor=network.ambito, data=data, referral_id=first.id, today=TODAY)
    set_restriction(
        store, actor=network.ambito, person_id=first.person_id, restricted=True, reason="Art. 18"
    )
    with pytest.raises(NotAllowedError, match="limitato"):
        save_draft(store, actor=network.ambito, data=data, today=TODAY)
    assert _counts(store) == (1, 1)


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {installation.SITE_CODE: "CPI-VA", installation.SITE_KIND: "cpi"},
        {installation.OPERATOR: "m.bianchi", installation.SITE_CODE: "AMB-VA"},
    ],
)
def test_the_editor_reads_who_works_here_as_the_installation_does(
    store: Store, settings: dict[str, str]
) -> None:
    installation.set_settings(store, settings)
    actor = read_referral_form(store, None).actor
    assert actor == installation.current_actor(store)
    # The operator is the OS account, whatever the settings say.
    assert actor.operator == os_account()


def test_the_form_is_read_in_one_go(store: Store, network: Network) -> None:
    saved = save_draft(store, actor=network.ambito, data=_draft(network), today=TODAY)
    installation.set_settings(
        store,
        {
            installation.SITE_CODE: "CPI-VA",
            installation.SITE_KIND: "cpi",
            installation.OPERATOR_NAME: "Carla Neri",
        },
    )
    form = read_referral_form(store, saved.id)
    assert form.actor.site_code == "CPI-VA"
    assert form.own_job_centre_id == network.job_centre_id
    assert form.operator_name == "Carla Neri"
    assert form.referral is not None and form.referral.id == saved.id
    assert form.person is not None and form.person.id == saved.person_id
    new = read_referral_form(store, None, actor=network.ambito)
    assert (new.actor, new.own_job_centre_id, new.referral) == (network.ambito, None, None)


def _count_validations(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts runs of the person's and the referral's validation, whoever calls them.

    Each validation checks one required field of its own first ("last_name", "person_id"), and
    every service reaches the validators through the ``validation`` module.
    """
    runs: Counter[str] = Counter()
    real = v.required

    def required(errors: dict[str, str], field: str, value: object, label: str) -> None:
        runs[field] += 1
        real(errors, field, value, label)

    monkeypatch.setattr(v, "required", required)
    return runs


def test_saving_a_draft_validates_the_person_and_the_referral_once(
    store: Store, network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _count_validations(monkeypatch)
    first = save_draft(store, actor=network.ambito, data=_draft(network), today=TODAY)
    assert (runs["last_name"], runs["person_id"]) == (1, 1)

    runs.clear()
    data = replace(_draft(network), person_id=first.person_id)
    save_draft(store, actor=network.ambito, data=data, referral_id=first.id, today=TODAY)
    assert (runs["last_name"], runs["person_id"]) == (1, 1)

    runs.clear()
    with pytest.raises(ValidationError):
        save_draft(store, actor=network.ambito, data=_draft(network, gol_path=9), today=TODAY)
    assert (runs["last_name"], runs["person_id"]) == (1, 1)
