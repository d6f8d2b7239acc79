"""Codice fiscale: normalisation, checks against the typed personal data, fast encoding.

Rules are in DOMAIN.md §6: a malformed code or a wrong check character blocks; an unknown
birthplace or a mismatch with the typed surname, first name, sex or birth date is a warning the
operator may override with a reason (stored by the service layer). Messages are Italian because
they are shown to operators as they are. Pure functions, callable from any thread.
"""

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from codicefiscale import codicefiscale
from codicefiscale import data as codicefiscale_data

CODE_LENGTH = 16

_MONTH_LETTERS = "ABCDEHLMPRST"
_OMOCODE_LETTERS = "LMNPQRSTUV"
_OMOCODE_TO_DIGIT = str.maketrans(_OMOCODE_LETTERS, string.digits)
_ALPHANUMERIC = frozenset(string.ascii_uppercase + string.digits)
_DIGIT_OR_OMOCODE = frozenset(string.digits + _OMOCODE_LETTERS)
# Zero-based: surname, first name, month, first character of the birthplace, check character.
_LETTER_POSITIONS = (0, 1, 2, 3, 4, 5, 8, 11, 15)
# Zero-based positions whose digits omocodia may replace with L..V (DOMAIN.md §6).
_DIGIT_POSITIONS = (6, 7, 9, 10, 12, 13, 14)
_FEMALE_DAY_OFFSET = 40
_BIRTHPLACE_CODE_RE = re.compile(r"[A-Z][0-9]{3}")
_SEX_LABELS = {"M": "maschile", "F": "femminile"}

# Check-character tables (DM 23 dicembre 1976): a digit counts as the letter in its place in the
# alphabet (0 as A, 9 as J); characters in odd positions use the irregular table below.
_ODD_VALUES_BY_LETTER = (
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
)  # fmt: skip
_ODD_VALUES: dict[str, int] = {
    **dict(zip(string.ascii_uppercase, _ODD_VALUES_BY_LETTER, strict=True)),
    **dict(zip(string.digits, _ODD_VALUES_BY_LETTER, strict=False)),
}
_EVEN_VALUES: dict[str, int] = {
    **{letter: index for index, letter in enumerate(string.ascii_uppercase)},
    **{digit: index for index, digit in enumerate(string.digits)},
}


@dataclass(frozen=True)
class FiscalCodeCheck:
    """Outcome of checking one codice fiscale.

    The decoded fields and the warnings are filled only when there are no blocking errors: a
    code that fails its own check would decode into misleading data.
    """

    code: str
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    birth_date: date | None = None
    sex: str | None = None
    birthplace_code: str | None = None
    birthplace_name: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def normalise_fiscal_code(raw: str) -> str:
    return "".join(raw.split()).upper()


def is_foreign_birthplace(code: str) -> bool:
    # Foreign states have codes Z000-Z999; no comune code starts with Z.
    return normalise_fiscal_code(code).startswith("Z")


def check_fiscal_code(
    raw: str,
    *,
    last_name: str | None = None,
    first_name: str | None = None,
    sex: str | None = None,
    birth_date: date | None = None,
    today: date | None = None,
) -> FiscalCodeCheck:
    """Check ``raw`` and compare it with whatever personal data has been typed so far.

    ``sex`` is "M", "F" or empty; anything else raises ValueError. ``today`` only resolves the
    century of the two-digit birth year and defaults to the system date.
    """
    code = normalise_fiscal_code(raw)
    typed_sex = _typed_sex(sex)
    errors = _format_errors(code)
    if errors:
        return FiscalCodeCheck(code=code, errors=tuple(errors))

    year = int(code[6:8].translate(_OMOCODE_TO_DIGIT))
    month = _MONTH_LETTERS.index(code[8]) + 1
    coded_day = int(code[9:11].translate(_OMOCODE_TO_DIGIT))
    decoded_sex = "F" if coded_day > _FEMALE_DAY_OFFSET else "M"
    day = coded_day - _FEMALE_DAY_OFFSET if decoded_sex == "F" else coded_day
    decoded_date = _decode_birth_date(year, month, day, birth_date, today or date.today())
    if decoded_date is None:
        errors.append(
            f"La data di nascita nel codice fiscale ({day:02d}/{month:02d}/{year:02d}) non esiste."
        )

    expected_check = _check_character(code[:15])
    if code[15] != expected_check:
        errors.append(
            "Il carattere di controllo del codice fiscale è errato: "
            f"atteso '{expected_check}', trovato '{code[15]}'."
        )
    if errors or decoded_date is None:
        return FiscalCodeCheck(code=code, errors=tuple(errors))

    place_code = code[11] + code[12:15].translate(_OMOCODE_TO_DIGIT)
    place_name = _birthplace_name(place_code, decoded_date)
    warnings: list[str] = []
    if place_name is None:
        warnings.append(
            f"Comune o Stato di nascita non riconosciuto (codice {place_code}): verificare."
        )
    if last_name is not None and last_name.strip():
        typed_letters = _last_name_letters(last_name)
        if typed_letters != code[0:3]:
            warnings.append(
                f"Il cognome inserito ({last_name.strip()} → {typed_letters}) non corrisponde "
                f"alle lettere del cognome nel codice fiscale ({code[0:3]})."
            )
    if first_name is not None and first_name.strip():
        typed_letters = _first_name_letters(first_name)
        if typed_letters != code[3:6]:
            warnings.append(
                f"Il nome inserito ({first_name.strip()} → {typed_letters}) non corrisponde "
                f"alle lettere del nome nel codice fiscale ({code[3:6]})."
            )
    if typed_sex is not None and typed_sex != decoded_sex:
        warnings.append(
            f"Il codice fiscale indica sesso {_SEX_LABELS[decoded_sex]}, "
            f"ma è stato inserito sesso {_SEX_LABELS[typed_sex]}."
        )
    if birth_date is not None and decoded_date != birth_date:
        warnings.append(
            f"Il codice fiscale indica la data di nascita {decoded_date:%d/%m/%Y}, "
            f"ma è stata inserita {birth_date:%d/%m/%Y}."
        )
    return FiscalCodeCheck(
        code=code,
        warnings=tuple(warnings),
        birth_date=decoded_date,
        sex=decoded_sex,
        birthplace_code=place_code,
        birthplace_name=place_name,
    )


def encode_fiscal_code(
    *,
    last_name: str,
    first_name: str,
    sex: str,
    birth_date: date,
    birthplace_code: str,
) -> str:
    """Build the base (non-omocode) codice fiscale; meant for demo and test data.

    The birthplace is taken as given, not looked up, so that generating many people stays fast;
    ``check_fiscal_code`` tells whether it exists.
    """
    typed_sex = _typed_sex(sex)
    if typed_sex is None:
        raise ValueError(f"sex must be 'M' or 'F', not {sex!r}")
    place = birthplace_code.strip().upper()
    if not _BIRTHPLACE_CODE_RE.fullmatch(place):
        raise ValueError(f"birthplace code must be a letter and three digits, not {place!r}")
    day = birth_date.day + (_FEMALE_DAY_OFFSET if typed_sex == "F" else 0)
    body = (
        f"{_last_name_letters(last_name)}{_first_name_letters(first_name)}"
        f"{birth_date.year % 100:02d}{_MONTH_LETTERS[birth_date.month - 1]}{day:02d}{place}"
    )
    return body + _check_character(body)


def _typed_sex(sex: str | None) -> str | None:
    if sex is None or not sex.strip():
        return None
    normalised = sex.strip().upper()
    if normalised not in _SEX_LABELS:
        raise ValueError(f"sex must be 'M', 'F' or empty, not {sex!r}")
    return normalised


# The library transliterates through slugify, which is slow; demo data repeats a few hundred
# names across many people, so caching makes encoding cheap.
@lru_cache(maxsize=8192)
def _last_name_letters(last_name: str) -> str:
    return codicefiscale.encode_lastname(last_name)


@lru_cache(maxsize=8192)
def _first_name_letters(first_name: str) -> str:
    return codicefiscale.encode_firstname(first_name)


def _check_character(first_fifteen: str) -> str:
    # Positions are counted from 1, so the odd ones sit at even indexes.
    total = sum(_ODD_VALUES[char] for char in first_fifteen[0::2]) + sum(
        _EVEN_VALUES[char] for char in first_fifteen[1::2]
    )
    return string.ascii_uppercase[total % 26]


def _format_errors(code: str) -> list[str]:
    if not code:
        return ["Il codice fiscale è vuoto."]
    if len(code) != CODE_LENGTH:
        return [f"Il codice fiscale deve avere {CODE_LENGTH} caratteri, ne ha {len(code)}."]
    bad_characters = sorted({char for char in code if char not in _ALPHANUMERIC})
    if bad_characters:
        listed = ", ".join(f"«{char}»" for char in bad_characters)
        return [
            f"Il codice fiscale contiene caratteri non ammessi ({listed}): "
            "sono ammesse solo lettere senza accenti e cifre."
        ]
    errors: list[str] = []
    not_letters = [index + 1 for index in _LETTER_POSITIONS if not code[index].isalpha()]
    if not_letters:
        errors.append(
            f"Formato del codice fiscale non valido: attesa una lettera {_where(not_letters)}."
        )
    not_digits = [index + 1 for index in _DIGIT_POSITIONS if code[index] not in _DIGIT_OR_OMOCODE]
    if not_digits:
        errors.append(
            f"Formato del codice fiscale non valido: attesa una cifra {_where(not_digits)} "
            "(in caso di omocodia anche L, M, N, P, Q, R, S, T, U, V)."
        )
    if errors:
        return errors
    if code[8] not in _MONTH_LETTERS:
        errors.append(
            f"La lettera del mese di nascita nel codice fiscale ('{code[8]}') non è valida: "
            f"sono ammesse {', '.join(_MONTH_LETTERS)}."
        )
    coded_day = int(code[9:11].translate(_OMOCODE_TO_DIGIT))
    if not (1 <= coded_day <= 31 or 41 <= coded_day <= 71):
        errors.append(
            f"Il giorno di nascita nel codice fiscale ({code[9:11]}) non è valido: "
            "va da 01 a 31 per gli uomini e da 41 a 71 per le donne."
        )
    return errors


def _where(positions: list[int]) -> str:
    if len(positions) == 1:
        return f"in posizione {positions[0]}"
    *first, last = positions
    return f"nelle posizioni {', '.join(map(str, first))} e {last}"


def _decode_birth_date(
    year: int, month: int, day: int, typed: date | None, today: date
) -> date | None:
    """Pick the century of a two-digit year, or None if the day does not exist in any of them.

    The typed date settles the century when its last two digits agree; otherwise the most
    recent century that does not put the birth in the future wins.
    """
    centuries: list[int] = []
    if typed is not None and typed.year % 100 == year:
        centuries.append(typed.year - year)
    this_century = today.year - today.year % 100
    centuries += [this_century, this_century - 100]
    candidates: list[date] = []
    for century in centuries:
        try:
            candidates.append(date(century + year, month, day))
        except ValueError:  # 29 February exists in 2000 but not in 1900
            continue
    if not candidates:
        return None
    if typed is not None and typed in candidates:
        return typed
    past = [candidate for candidate in candidates if candidate <= today]
    return past[0] if past else candidates[0]


@dataclass(frozen=True)
class _Birthplace:
    name: str
    valid_from: date
    valid_until: date


@lru_cache(maxsize=1)
def municipalities_archive() -> tuple[dict[str, Any], ...]:
    """Every Italian comune that ever existed, from python-codicefiscale's archive.

    Parsed once per process and shared (the birthplace check here, the imports' matching of
    comuni): the archive is 6.9 MB of JSON, and each parse holds the interpreter for a few
    hundred milliseconds, which a window feels while a background job parses it.
    """
    # The library's own loaders, not its decode(): they read the data/ folder beside a frozen
    # executable (its issue #152), while decode() raises on an unknown code before checking the
    # check character, which would turn a mere warning into a failure.
    return tuple(codicefiscale_data.get_municipalities_data())


@lru_cache(maxsize=1)
def countries_archive() -> tuple[dict[str, Any], ...]:
    """Foreign countries with their Z codes, from the same archive, parsed once."""
    return tuple(codicefiscale_data.get_countries_data())


@lru_cache(maxsize=1)
def _birthplaces_by_code() -> Mapping[str, tuple[_Birthplace, ...]]:
    rows = [*municipalities_archive(), *countries_archive()]
    index: dict[str, list[_Birthplace]] = {}
    for row in rows:
        index.setdefault(str(row["code"]), []).append(
            _Birthplace(
                name=str(row["name"]),
                valid_from=_archive_date(row["date_created"], date.min),
                valid_until=_archive_date(row["date_deleted"], date.max),
            )
        )
    return {
        code: tuple(sorted(places, key=lambda place: place.valid_from))
        for code, places in index.items()
    }


def prepare_birthplaces() -> None:
    """Index the archive's birthplaces now (a job's warm-up) rather than at the first check."""
    _birthplaces_by_code()


def _archive_date(value: object, missing: date) -> date:
    text = str(value or "")
    return date.fromisoformat(text[:10]) if text else missing


def _birthplace_name(code: str, birth_date: date) -> str | None:
    places = _birthplaces_by_code().get(code)
    if not places:
        return None
    for place in places:
        if place.valid_from <= birth_date <= place.valid_until:
            return place.name
    # The archive's validity dates have gaps and some codes were assigned after the birth
    # (library issues #210 and #213), so a known code is never reported as unknown: take the
    # first name given after the birth, else the last one.
    later = [place for place in places if place.valid_from >= birth_date]
    return (later[0] if later else places[-1]).name
