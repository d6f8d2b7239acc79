"""The record schema both sides check is the one the desktop's models declare."""

from __future__ import annotations

from typing import Any

import pytest

from sync.client.record_schema import build
from sync.protocol import SYNCED_TABLES
from sync.protocol.record_schema_data import TABLES
from sync.protocol.records import InvalidData, check_data, references, rules


def test_the_written_schema_matches_the_models() -> None:
    # If this fails after a model change: python -m sync.client.record_schema
    assert build() == TABLES
    assert tuple(TABLES) == SYNCED_TABLES


def test_every_foreign_key_is_a_reference_the_server_authorises() -> None:
    assert {rule.name: rule.references for rule in references("referral")} == {
        "person_id": "person",
        "job_centre_id": "job_centre",
    }
    assert rules("referral")["sending_site"].site
    assert rules("referral_event")["site"].site
    assert {rule.references for table in TABLES for rule in references(table)} >= {
        "person", "referral", "meeting", "project", "organization", "contact", "referent",
        "municipality", "job_centre", "ambito", "agenda_item",
    }  # fmt: skip


def test_required_fields_are_those_without_a_default() -> None:
    person = rules("person")
    assert person["fiscal_code"].required and not person["fiscal_code"].nullable
    assert not person["restricted"].required  # defaults to False
    assert person["permit_expiry"].nullable and not person["permit_expiry"].required
    assert rules("privacy_acknowledgement")["handed_over_on"].required
    assert rules("referral")["needs"].item_codes is not None


PERSON = {
    "fiscal_code": "RSSMRA99A01L682X", "last_name": "Rossi", "first_name": "Mario",
    "search_name": "rossi mario", "sex": "M", "birth_date": "1999-01-01",
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"last_name": "Rossi\ud800"}, "Campo last_name: testo non valido (carattere Unicode"),
        ({"last_name": "Ro\x00ssi"}, "Campo last_name: testo con caratteri di controllo."),
        ({"last_name": "x" * 1_000_000}, "Campo last_name: testo più lungo di 100 caratteri."),
        ({"last_name": 7}, "Campo last_name: atteso un testo."),
        ({"sex": "X"}, "Campo sex: valore non previsto 'X'."),
        ({"birth_date": "1999-02-30"}, "Campo birth_date: data non valida (AAAA-MM-GG)."),
        ({"birth_date": 19990101}, "Campo birth_date: data non valida (AAAA-MM-GG)."),
        ({"isced_level": True}, "Campo isced_level: atteso un numero intero (64 bit)."),
        ({"isced_level": 2**64}, "Campo isced_level: atteso un numero intero (64 bit)."),
        ({"restricted": None}, "Il campo restricted non può essere vuoto."),
        ({"hobby": "calcio"}, "Campo sconosciuto: 'hobby'."),
        ({"sex": None}, "Il campo sex non può essere vuoto."),
    ],
)
def test_broken_data_is_refused_with_an_italian_reason(
    change: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidData) as refused:
        check_data("person", {**PERSON, **change})
    assert str(refused.value).startswith(message)


def test_valid_data_passes_and_unknown_fields_are_tolerated_only_when_asked() -> None:
    check_data("person", PERSON)
    check_data("person", {**PERSON, "new_field": 1}, allow_unknown=True)
    with pytest.raises(InvalidData, match="Manca il campo sex"):
        check_data("person", {k: v for k, v in PERSON.items() if k != "sex"})
    with pytest.raises(InvalidData, match="non si sincronizza"):
        check_data("local_setting", {})
    with pytest.raises(InvalidData, match="oggetto"):
        check_data("person", ["x"])
