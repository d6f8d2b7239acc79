"""Codice fiscale rules of DOMAIN.md §6, checked against python-codicefiscale where it can judge.

All people here are invented: names come from the demo pools, never from real records.
"""

import random
from datetime import date, datetime
from typing import Any, Literal

import pytest
from codicefiscale import codicefiscale

from desktop.demo.names import (
    FEMALE_FIRST_NAMES,
    FOREIGN_BIRTH_STATES,
    MALE_FIRST_NAMES,
    SURNAMES,
    ForeignState,
)
from desktop.domain.fiscal_code import (
    FiscalCodeCheck,
    check_fiscal_code,
    encode_fiscal_code,
    is_foreign_birthplace,
    normalise_fiscal_code,
)

TODAY = date(2026, 11, 27)
# Varese; the code is built by the library so the tests do not merely echo our own encoder.
GIULIA = codicefiscale.encode("Bianchi", "Giulia", "F", datetime(1990, 2, 28), "L682")
VA_COMUNI = ("L682", "D869", "B300", "I441", "E734", "L319", "I819")


def check(
    raw: str,
    *,
    last_name: str | None = None,
    first_name: str | None = None,
    sex: str | None = None,
    birth_date: date | None = None,
    today: date = TODAY,
) -> FiscalCodeCheck:
    return check_fiscal_code(
        raw,
        last_name=last_name,
        first_name=first_name,
        sex=sex,
        birth_date=birth_date,
        today=today,
    )


def with_check_character(first_fifteen: str) -> str:
    return first_fifteen + codicefiscale.encode_cin(first_fifteen)


def test_valid_code_is_accepted_and_decoded() -> None:
    result = check(GIULIA)

    assert GIULIA == "BNCGLI90B68L682R"
    assert result.ok
    assert result.errors == ()
    assert result.warnings == ()
    assert result.code == GIULIA
    assert result.birth_date == date(1990, 2, 28)
    assert result.sex == "F"
    assert result.birthplace_code == "L682"
    assert result.birthplace_name == "Varese"


def test_lower_case_and_spaces_are_normalised() -> None:
    raw = " bncgli 90b68\tl682r\n"

    assert normalise_fiscal_code(raw) == GIULIA
    result = check(raw)
    assert result.ok
    assert result.code == GIULIA


def test_wrong_check_character_blocks_with_italian_message() -> None:
    result = check(GIULIA[:15] + "A")

    assert not result.ok
    assert result.errors == (
        "Il carattere di controllo del codice fiscale è errato: atteso 'R', trovato 'A'.",
    )
    assert not codicefiscale.is_valid(GIULIA[:15] + "A")


def test_wrong_check_character_leaves_nothing_decoded() -> None:
    result = check(GIULIA[:15] + "A", last_name="Rossi")

    assert result.warnings == ()
    assert result.birth_date is None
    assert result.sex is None
    assert result.birthplace_code is None
    assert result.birthplace_name is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (GIULIA[:15], "Il codice fiscale deve avere 16 caratteri, ne ha 15."),
        (GIULIA + "X", "Il codice fiscale deve avere 16 caratteri, ne ha 17."),
        ("   ", "Il codice fiscale è vuoto."),
    ],
)
def test_wrong_length_blocks(raw: str, message: str) -> None:
    result = check(raw)

    assert not result.ok
    assert result.errors == (message,)


def test_characters_outside_letters_and_digits_block() -> None:
    result = check("BNCGLI90B68L68-R")

    assert not result.ok
    assert "caratteri non ammessi («-»)" in result.errors[0]


def test_letter_where_a_digit_belongs_blocks() -> None:
    # A is not one of the omocodia letters L..V, so position 7 cannot hold it.
    result = check("BNCGLIA0B68L682R")

    assert not result.ok
    assert result.errors[0].startswith("Formato del codice fiscale non valido: attesa una cifra")
    assert "in posizione 7" in result.errors[0]


@pytest.mark.parametrize(
    ("first_fifteen", "fragment"),
    [
        ("BNCGLI90F68L682", "lettera del mese"),  # F is not a month letter
        ("BNCGLI90B35L682", "giorno di nascita"),  # neither 1-31 nor 41-71
        ("BNCGLI90B70L682", "non esiste"),  # 30 February
    ],
)
def test_impossible_birth_date_blocks_even_with_right_check_character(
    first_fifteen: str, fragment: str
) -> None:
    result = check(with_check_character(first_fifteen))

    assert not result.ok
    assert fragment in " ".join(result.errors)


def test_29_february_of_a_leap_year_is_valid() -> None:
    code = encode_fiscal_code(
        last_name="Verdi",
        first_name="Anna",
        sex="F",
        birth_date=date(2000, 2, 29),
        birthplace_code="L682",
    )

    result = check(code)

    assert result.ok
    assert result.birth_date == date(2000, 2, 29)


def test_every_omocode_variant_is_valid_and_decodes_the_same() -> None:
    variants = codicefiscale.decode(GIULIA)["omocodes"]
    assert len(set(variants)) == 128

    for variant in variants:
        result = check(
            variant, last_name="Bianchi", first_name="Giulia", sex="F", birth_date=date(1990, 2, 28)
        )
        assert result.ok, variant
        assert result.warnings == (), variant
        assert result.birth_date == date(1990, 2, 28)
        assert result.sex == "F"
        assert result.birthplace_code == "L682"


def test_fully_omocode_variant_decodes_digits() -> None:
    # Every replaceable digit turned into its letter: 9→V 0→L 6→S 8→U 6→S 8→U 2→N.
    variant = with_check_character("BNCGLIVLBSULSUN")

    result = check(variant)

    assert result.ok
    assert result.birth_date == date(1990, 2, 28)
    assert result.birthplace_code == "L682"


@pytest.mark.parametrize("place", ["Z999", "A000"])
def test_unknown_birthplace_is_a_warning_not_an_error(place: str) -> None:
    code = with_check_character(GIULIA[:11] + place)
    # The library itself rejects the code for its birthplace, proving the code is unknown.
    with pytest.raises(ValueError, match="wrong birthplace code"):
        codicefiscale.decode(code)

    result = check(code)

    assert result.ok
    assert result.warnings == (
        f"Comune o Stato di nascita non riconosciuto (codice {place}): verificare.",
    )
    assert result.birthplace_code == place
    assert result.birthplace_name is None
    assert result.birth_date == date(1990, 2, 28)


def test_matching_typed_data_gives_no_warnings() -> None:
    code = codicefiscale.encode("D'Angelo", "Niccolò", "M", datetime(1985, 12, 1), "D869")

    result = check(
        code, last_name="D'Angelo", first_name="Niccolò", sex="m", birth_date=date(1985, 12, 1)
    )

    assert result.ok
    assert result.warnings == ()
    assert result.birthplace_name == "Gallarate"


@pytest.mark.parametrize(
    ("typed", "warning"),
    [
        (
            {"last_name": "Rossi"},
            "Il cognome inserito (Rossi → RSS) non corrisponde alle lettere del cognome nel "
            "codice fiscale (BNC).",
        ),
        (
            {"first_name": "Anna"},
            "Il nome inserito (Anna → NNA) non corrisponde alle lettere del nome nel codice "
            "fiscale (GLI).",
        ),
        (
            {"sex": "M"},
            "Il codice fiscale indica sesso femminile, ma è stato inserito sesso maschile.",
        ),
        (
            {"birth_date": date(1990, 3, 1)},
            "Il codice fiscale indica la data di nascita 28/02/1990, ma è stata inserita "
            "01/03/1990.",
        ),
    ],
)
def test_each_mismatch_with_typed_data_is_its_own_warning(
    typed: dict[str, Any], warning: str
) -> None:
    result = check(GIULIA, **typed)

    assert result.ok
    assert result.warnings == (warning,)


def test_all_mismatches_together_give_four_warnings() -> None:
    result = check(
        GIULIA, last_name="Rossi", first_name="Anna", sex="M", birth_date=date(1991, 2, 28)
    )

    assert result.ok
    assert len(result.warnings) == 4


def test_blank_typed_fields_are_ignored() -> None:
    result = check(GIULIA, last_name="  ", first_name="", sex="")

    assert result.warnings == ()


def test_unknown_sex_value_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="sex"):
        check(GIULIA, sex="X")


def test_century_follows_the_typed_birth_date() -> None:
    code = encode_fiscal_code(
        last_name="Sala",
        first_name="Pietro",
        sex="M",
        birth_date=date(1925, 6, 2),
        birthplace_code="D869",
    )

    assert check(code, birth_date=date(1925, 6, 2)).warnings == ()
    assert check(code, birth_date=date(1925, 6, 2)).birth_date == date(1925, 6, 2)
    # Without a typed date the latest century not in the future wins.
    assert check(code).birth_date == date(2025, 6, 2)
    assert check(code, today=date(2025, 6, 1)).birth_date == date(1925, 6, 2)


def test_encoder_matches_the_library_on_generated_people() -> None:
    rng = random.Random(20261127)
    places = VA_COMUNI + tuple(state.code for state in FOREIGN_BIRTH_STATES)

    for _ in range(50):
        sex: Literal["M", "F"] = "M" if rng.random() < 0.5 else "F"
        first_name = rng.choice(MALE_FIRST_NAMES if sex == "M" else FEMALE_FIRST_NAMES)
        last_name = rng.choice(SURNAMES)
        birth_date = date.fromordinal(
            rng.randint(date(1960, 1, 1).toordinal(), date(2008, 12, 31).toordinal())
        )
        place = rng.choice(places)

        code = encode_fiscal_code(
            last_name=last_name,
            first_name=first_name,
            sex=sex,
            birth_date=birth_date,
            birthplace_code=place,
        )

        expected = codicefiscale.encode(
            last_name, first_name, sex, datetime.combine(birth_date, datetime.min.time()), place
        )
        assert code == expected
        result = check(
            code, last_name=last_name, first_name=first_name, sex=sex, birth_date=birth_date
        )
        assert result.ok, code
        assert result.warnings == (), code


def test_every_demo_name_encodes_to_letters() -> None:
    for name in SURNAMES + MALE_FIRST_NAMES + FEMALE_FIRST_NAMES:
        code = encode_fiscal_code(
            last_name=name,
            first_name=name,
            sex="M",
            birth_date=date(1999, 1, 1),
            birthplace_code="L682",
        )
        assert check(code).ok, name
        assert code[:6].isalpha(), name


@pytest.mark.parametrize(
    ("sex", "place"), [("X", "L682"), ("M", "L68"), ("M", "Varese"), ("F", "ZQ00")]
)
def test_encoder_rejects_bad_input(sex: str, place: str) -> None:
    with pytest.raises(ValueError):
        encode_fiscal_code(
            last_name="Neri",
            first_name="Sara",
            sex=sex,
            birth_date=date(2001, 1, 1),
            birthplace_code=place,
        )


@pytest.mark.parametrize("state", FOREIGN_BIRTH_STATES, ids=lambda state: state.name)
def test_foreign_birthplace_is_decoded(state: ForeignState) -> None:
    code = state.code
    fiscal_code = encode_fiscal_code(
        last_name="Nowak",
        first_name="Ewa",
        sex="F",
        birth_date=date(1994, 7, 15),
        birthplace_code=code,
    )

    result = check(fiscal_code)

    assert result.ok
    assert result.warnings == ()
    assert result.birthplace_code == code
    assert result.birthplace_name == codicefiscale.decode(fiscal_code)["birthplace"]["name"]
    assert is_foreign_birthplace(result.birthplace_code)


def test_omocode_foreign_birthplace_is_decoded() -> None:
    # Z100 (Albania) with its digits written as omocodia letters.
    code = with_check_character("SHHRBN01E03ZMLL")

    result = check(code)

    assert result.ok
    assert result.birthplace_code == "Z100"
    assert result.birthplace_name == "Albania"


def test_italian_comune_is_not_foreign() -> None:
    assert not is_foreign_birthplace("L682")
    assert is_foreign_birthplace(" z100 ")
