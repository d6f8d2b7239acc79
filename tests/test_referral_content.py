"""A referral's content is declared once (``desktop.domain.referral``): the sender's input and
the printed data share its fields, saving strips its texts and bounds them by their columns."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from desktop.documents.inputs import ReferralData
from desktop.domain.referral import ReferralContent, text_fields
from desktop.services.errors import ValidationError
from desktop.services.referrals.records import (
    REASON_MAX,
    TEXT_LIMITS,
    ReferralInput,
    create_referral,
    validate_referral,
)
from desktop.store.engine import Store
from tests.services_support import build_network, make_person, neet_input

TODAY = date(2026, 11, 27)


def _names(cls: type) -> set[str]:
    return {field.name for field in fields(cls)}


def test_input_and_printed_data_share_the_contents_fields() -> None:
    content = _names(ReferralContent)
    assert issubclass(ReferralInput, ReferralContent)
    assert issubclass(ReferralData, ReferralContent)
    assert content <= _names(ReferralInput) & _names(ReferralData)
    assert {"reason", "urgency", "needs", "gol_path", "doc_final_report_on"} <= content
    # What is not the sender's writing stays in each layer.
    assert {"person_id", "job_centre_id"} <= _names(ReferralInput) - content
    assert {"number", "job_centre_name"} <= _names(ReferralData) - content


def test_the_contents_texts_are_its_str_fields() -> None:
    texts = text_fields()
    assert {"referring_service", "referring_operator", "reason"} <= set(texts)
    assert not {"urgency", "attachments", "needs", "gol_path"} & set(texts)
    assert all(isinstance(getattr(ReferralContent(), name), str) for name in texts)


def test_text_limits_come_from_the_columns() -> None:
    # Every text of the content is bounded, a String(n) by its column's n.
    assert set(TEXT_LIMITS) == set(text_fields())
    assert TEXT_LIMITS["referring_service"] == 200  # String(200)
    assert TEXT_LIMITS["referring_operator"] == 200
    assert TEXT_LIMITS["reason"] == REASON_MAX  # a Text column, bounded by the service


def test_a_text_too_long_for_its_column_is_refused_beside_the_field() -> None:
    data = neet_input("p", referring_service="x" * 201)
    errors, _warnings = validate_referral(data, birth_date=None, today=TODAY)
    assert errors == {"referring_service": "Al massimo 200 caratteri."}
    fits = neet_input("p", referring_service="  " + "x" * 200 + "  ")
    assert validate_referral(fits, birth_date=None, today=TODAY)[0] == {}


def test_the_reason_keeps_its_named_message() -> None:
    data = neet_input("p", reason="x" * (REASON_MAX + 1))
    errors, _warnings = validate_referral(data, birth_date=None, today=TODAY)
    assert errors == {
        "reason": f"Il campo «Motivo della segnalazione» può contenere al massimo {REASON_MAX} "
        "caratteri."
    }


def test_saving_strips_every_text(store: Store) -> None:
    network = build_network(store)
    person = make_person(store, network)
    data = neet_input(
        person.id,
        referring_service="  Servizio sociale di base ",
        referring_operator="\tAnna Colombo\n",
        reason="  Chiede orientamento.  ",
    )
    detail = create_referral(store, actor=network.ambito, data=data, today=TODAY)
    assert (detail.referring_service, detail.referring_operator, detail.reason) == (
        "Servizio sociale di base",
        "Anna Colombo",
        "Chiede orientamento.",
    )


def test_a_too_long_text_is_not_saved(store: Store) -> None:
    network = build_network(store)
    person = make_person(store, network)
    data = neet_input(person.id, referring_operator="x" * 201)
    with pytest.raises(ValidationError) as refused:
        create_referral(store, actor=network.ambito, data=data, today=TODAY)
    assert refused.value.field_errors == {"referring_operator": "Al massimo 200 caratteri."}


def test_coded_lists_are_kept_in_their_codes_order() -> None:
    from desktop.domain.codes import PlacementSupport  # noqa: PLC0415
    from desktop.domain.referral import in_code_order  # noqa: PLC0415

    given = ["no_night_work", "unknown_code", "company_tutor", "part_time"]
    assert in_code_order(given, PlacementSupport) == [
        "company_tutor", "part_time", "no_night_work", "unknown_code",
    ]  # fmt: skip
    assert in_code_order([], PlacementSupport) == []
