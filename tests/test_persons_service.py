"""Persons: codice fiscale rules, duplicates, restriction, merge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.services.audit import list_audit
from desktop.services.errors import (
    NotAllowedError,
    ValidationError,
    WarningsNotConfirmedError,
)
from desktop.services.persons import (
    create_person,
    find_person_by_fiscal_code,
    get_person,
    merge_persons,
    search_persons,
    set_restriction,
    update_person,
)
from desktop.services.referrals.records import create_referral
from desktop.store.engine import Store
from desktop.store.models import Person, Referral
from tests.services_support import Network, build_network, make_person, neet_input, person_input

TODAY = date(2026, 11, 27)


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def _count_persons(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def test_valid_person_is_saved_with_normalised_code(store: Store, network: Network) -> None:
    data = person_input(residence_municipality_id=network.varese_id)
    code = data.fiscal_code.lower()
    messy = replace(data, fiscal_code=f" {code[:8]} {code[8:]}")
    person = create_person(store, actor=network.ambito, data=messy, today=TODAY)
    assert person.fiscal_code == data.fiscal_code
    assert get_person(store, person.id).last_name == "Brambilla"


def test_wrong_check_character_is_refused_in_italian(store: Store, network: Network) -> None:
    data = person_input()
    last = data.fiscal_code[-1]
    wrong = data.fiscal_code[:-1] + ("A" if last != "A" else "B")
    with pytest.raises(ValidationError) as caught:
        create_person(store, actor=network.ambito, data=replace(data, fiscal_code=wrong))
    assert "carattere di controllo" in caught.value.field_errors["fiscal_code"]
    assert _count_persons(store) == 0


def test_unknown_birthplace_is_a_warning_overridable_with_a_reason(
    store: Store, network: Network
) -> None:
    code = encode_fiscal_code(
        last_name="Brambilla",
        first_name="Giulia",
        sex="F",
        birth_date=date(2004, 5, 17),
        birthplace_code="Z999",
    )
    data = replace(person_input(), fiscal_code=code)
    with pytest.raises(WarningsNotConfirmedError) as caught:
        create_person(store, actor=network.ambito, data=data, today=TODAY)
    assert "non riconosciuto" in caught.value.warnings["fiscal_code"]
    assert _count_persons(store) == 0

    saved = create_person(
        store,
        actor=network.ambito,
        data=data,
        override_reason="Codice riportato sul permesso di soggiorno",
        today=TODAY,
    )
    assert saved.fiscal_code_override_reason == "Codice riportato sul permesso di soggiorno"


def test_mismatch_with_typed_data_needs_confirmation(store: Store, network: Network) -> None:
    data = replace(person_input(), birth_date=date(2004, 5, 18))
    with pytest.raises(WarningsNotConfirmedError):
        create_person(store, actor=network.ambito, data=data, today=TODAY)


def test_required_fields_and_formats(store: Store, network: Network) -> None:
    data = replace(person_input(), last_name=" ", email="non-una-mail", residence_postcode="21")
    with pytest.raises(ValidationError) as caught:
        create_person(store, actor=network.ambito, data=data, today=TODAY)
    assert set(caught.value.field_errors) >= {"last_name", "email", "residence_postcode"}
    assert "obbligatorio" in caught.value.field_errors["last_name"]


def test_duplicate_fiscal_code_is_refused_and_found(store: Store, network: Network) -> None:
    first = make_person(store, network)
    with pytest.raises(ValidationError) as caught:
        make_person(store, network)
    assert "Esiste già" in caught.value.field_errors["fiscal_code"]
    found = find_person_by_fiscal_code(store, first.fiscal_code.lower())
    assert found is not None and found.id == first.id


def test_search_by_name_prefix_and_code(store: Store, network: Network) -> None:
    make_person(store, network)
    make_person(store, network, last_name="Caccia", first_name="Luca", sex="M")
    assert [p.last_name for p in search_persons(store, "bram")] == ["Brambilla"]
    assert [p.last_name for p in search_persons(store, "CCC")] == ["Caccia"]
    assert len(search_persons(store, "")) == 2


def test_restricted_person_cannot_be_edited_or_referred(store: Store, network: Network) -> None:
    person = make_person(store, network)
    set_restriction(
        store,
        actor=network.ambito,
        person_id=person.id,
        restricted=True,
        reason="Richiesta art. 18",
    )
    assert search_persons(store, "bram") == []
    with pytest.raises(NotAllowedError, match="limitato"):
        update_person(store, actor=network.ambito, person_id=person.id, data=person_input())
    with pytest.raises(NotAllowedError):
        create_referral(store, actor=network.ambito, data=neet_input(person.id), today=TODAY)
    actions = [row.action for row in list_audit(store, entity_id=person.id)]
    assert "restrict" in actions


def test_merge_moves_referrals_and_tombstones_the_duplicate(store: Store, network: Network) -> None:
    keep = make_person(store, network)
    twin_data = replace(
        person_input(residence_municipality_id=network.varese_id),
        fiscal_code=person_input(first_name="Giulietta").fiscal_code,
        first_name="Giulietta",
    )
    twin = create_person(store, actor=network.ambito, data=twin_data, today=TODAY)
    create_referral(store, actor=network.ambito, data=neet_input(twin.id), today=TODAY)
    merge_persons(store, actor=network.ambito, keep_id=keep.id, duplicate_id=twin.id)
    with store.read() as session:
        owners = set(session.scalars(select(Referral.person_id)))
        duplicate = session.get(Person, twin.id)
        assert duplicate is not None and duplicate.deleted
    assert owners == {keep.id}
    assert "merge" in [row.action for row in list_audit(store, entity_id=keep.id)]
