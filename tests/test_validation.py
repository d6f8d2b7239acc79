"""Shared field validators: Italian messages naming the field, first error per field wins."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services import validation as v
from desktop.services.errors import NotAllowedError, ValidationError


def test_required_names_the_field_in_italian() -> None:
    errors: v.Errors = {}
    v.required(errors, "title", "   ", "Titolo")
    v.required(errors, "kind", None, "Tipo")
    v.required(errors, "needs", (), "Bisogni")
    v.required(errors, "count", 0, "Numero")  # zero is a value, not a missing one
    assert errors == {
        "title": "Il campo «Titolo» è obbligatorio.",
        "kind": "Il campo «Tipo» è obbligatorio.",
        "needs": "Il campo «Bisogni» è obbligatorio.",
    }


def test_first_error_of_a_field_is_kept() -> None:
    errors: v.Errors = {}
    v.required(errors, "title", "", "Titolo")
    v.max_length(errors, "title", "x" * 500, 10, "Titolo")
    assert errors["title"] == "Il campo «Titolo» è obbligatorio."


def test_max_and_min_length() -> None:
    errors: v.Errors = {}
    v.max_length(errors, "a", "abcdef", 5, "Acronimo")
    v.max_length(errors, "b", "  abcde  ", 5, "Sigla")  # surrounding spaces do not count
    v.min_length(errors, "c", "ok", 5, "Motivo")
    v.min_length(errors, "d", "", 5, "Motivo")  # blank is for `required` to judge
    assert errors == {
        "a": "Il campo «Acronimo» può contenere al massimo 5 caratteri.",
        "c": "Il campo «Motivo» deve contenere almeno 5 caratteri.",
    }


def test_dates_against_a_limit_and_in_order() -> None:
    errors: v.Errors = {}
    limit = date(2026, 11, 27)
    v.date_not_after(errors, "birth", date(2026, 11, 28), limit, "Data di nascita")
    v.date_not_after(errors, "seen", date(2026, 12, 1), limit, "Visto", limit_label="a oggi")
    v.date_not_after(errors, "ok", limit, limit, "Oggi")
    v.date_not_before(errors, "due", date(2026, 11, 1), limit, "Scadenza")
    v.date_order(errors, "end", date(2026, 5, 2), date(2026, 5, 1), "Inizio", "Fine")
    v.date_order(errors, "same", date(2026, 5, 2), date(2026, 5, 2), "Inizio", "Fine")
    v.date_order(errors, "open", None, date(2026, 5, 1), "Inizio", "Fine")
    assert errors == {
        "birth": "La data «Data di nascita» non può essere successiva al 27/11/2026.",
        "seen": "La data «Visto» non può essere successiva a oggi.",
        "due": "La data «Scadenza» non può essere precedente al 27/11/2026.",
        "end": "La data «Fine» non può essere precedente alla data «Inizio».",
    }


def test_int_range_and_signs() -> None:
    errors: v.Errors = {}
    v.int_range(errors, "isced", 9, 0, 8, "Livello ISCED")
    v.int_range(errors, "year", None, 2000, 2100, "Anno")
    v.int_range(errors, "low", 0, 0, 8, "Minimo")
    v.not_negative(errors, "against", -1, "Contrari")
    v.positive(errors, "amount", 0, "Importo")
    assert errors == {
        "isced": "Il campo «Livello ISCED» deve essere un numero intero tra 0 e 8.",
        "against": "Il campo «Contrari» non può essere negativo.",
        "amount": "Il campo «Importo» deve essere maggiore di zero.",
    }


@pytest.mark.parametrize("email", ["anna.colombo@comune.varese.it", "x@ets-esempio.org"])
def test_valid_emails_pass(email: str) -> None:
    errors: v.Errors = {}
    v.valid_email(errors, "email", email, "E-mail")
    assert errors == {}


@pytest.mark.parametrize("email", ["anna.colombo", "anna@comune", "a b@comune.it", "a@@b.it"])
def test_invalid_emails_are_refused(email: str) -> None:
    errors: v.Errors = {}
    v.valid_email(errors, "email", email, "E-mail")
    assert "«E-mail»" in errors["email"]


@pytest.mark.parametrize("phone", ["0332 123456", "+39 333-1234567", "(0331) 12/34.56", ""])
def test_lenient_phone_numbers_pass(phone: str) -> None:
    errors: v.Errors = {}
    v.valid_phone(errors, "phone", phone, "Telefono")
    assert errors == {}


@pytest.mark.parametrize("phone", ["12345", "0332 12345 ext", "39+333123456", "1" * 16])
def test_bad_phone_numbers_are_refused(phone: str) -> None:
    errors: v.Errors = {}
    v.valid_phone(errors, "phone", phone, "Telefono")
    assert errors["phone"].startswith("Il campo «Telefono» non contiene un numero di telefono")


def test_postcode_has_five_digits() -> None:
    errors: v.Errors = {}
    v.valid_postcode(errors, "ok", "21100", "CAP")
    v.valid_postcode(errors, "empty", "", "CAP")
    v.valid_postcode(errors, "short", "2110", "CAP")
    v.valid_postcode(errors, "letters", "21A00", "CAP")
    assert set(errors) == {"short", "letters"}
    assert errors["short"] == "Il campo «CAP» deve contenere 5 cifre (es. 21100)."


def test_cup_is_normalised_and_checked() -> None:
    errors: v.Errors = {}
    assert v.valid_cup(errors, "cup", " e31h 2100001000 6 ") == "E31H21000010006"
    assert v.valid_cup(errors, "empty", "") == ""
    assert errors == {}
    v.valid_cup(errors, "short", "E31H2100001000")
    v.valid_cup(errors, "digit_first", "131H21000010006")
    v.valid_cup(errors, "symbol", "E31H2100001000-")
    assert set(errors) == {"short", "digit_first", "symbol"}
    assert errors["short"].startswith("Il campo «CUP» deve contenere 15 caratteri")


def test_fiscal_codes_are_found_in_text_with_omocodia() -> None:
    text = (
        "Si discute di rssmra85t10l682x e di RSSMRA85T10L6LMT; "
        "la parola precisamente e il numero 2026/000123 non sono codici."
    )
    assert v.find_fiscal_codes(text) == ["RSSMRA85T10L682X", "RSSMRA85T10L6LMT"]


def test_raise_if_raises_only_with_errors() -> None:
    v.raise_if({})
    with pytest.raises(ValidationError) as caught:
        v.raise_if({"title": "Il campo «Titolo» è obbligatorio."})
    assert caught.value.field_errors == {"title": "Il campo «Titolo» è obbligatorio."}
    assert str(caught.value) == "Il campo «Titolo» è obbligatorio."


def test_ensure_owned() -> None:
    v.ensure_owned("AMB-VA", "AMB-VA", "no")
    v.ensure_owned("", "AMB-VA", "no")
    with pytest.raises(NotAllowedError, match="altra sede"):
        v.ensure_owned("AMB-GA", "AMB-VA", "Gestito da un'altra sede.")


def test_max_lengths_names_a_labelled_field_and_bounds_any_other() -> None:
    errors: v.Errors = {}
    texts = {"title": "x" * 11, "notes": " " + "y" * 6 + " ", "free": "z" * 99}
    v.max_lengths(errors, texts, {"title": 10, "notes": 5}, {"title": "Titolo"})
    assert errors == {
        "title": "Il campo «Titolo» può contenere al massimo 10 caratteri.",
        "notes": "Al massimo 5 caratteri.",
    }
