"""Field validators shared by the services: each adds an Italian message to an error dict.

Every validator takes the dict of errors collected so far, the field name (the key the UI uses
to put the message beside the widget) and the field's Italian label, and leaves a field that
already has an error alone, so the first problem found is the one shown. Empty optional values
pass every check except ``required``. ``raise_if`` ends the checks: nothing is saved when any
message was collected. Pure functions, callable from any thread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sized
from datetime import date

from desktop.documents.formatting import on_date
from desktop.services.errors import NotAllowedError, ValidationError

Errors = dict[str, str]

CUP_LENGTH = 15
# Codice Unico di Progetto (CIPE, L. 3/2003 art. 11): 15 characters, the first a letter.
_CUP_RE = re.compile(r"[A-Z][A-Z0-9]{14}")
_POSTCODE_RE = re.compile(r"[0-9]{5}")
# Deliberately simple: a local part, one "@", a domain with a dot. Real validation is the mail
# bouncing; this only catches typing slips such as a missing "@" or a space.
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
# Lenient: offices type numbers in many shapes ("0332 123456", "+39 333-1234567", "(0331) 12/34").
_PHONE_CHARACTERS_RE = re.compile(r"[0-9+\-./() ]+")
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 15  # ITU-T E.164


def format_date(value: date) -> str:
    """The Italian gg/mm/aaaa form used in messages."""
    return value.strftime("%d/%m/%Y")


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Sized):
        return len(value) == 0
    return False


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, message)


def required(errors: Errors, field: str, value: object, label: str) -> None:
    """None, a blank string and an empty collection are missing values."""
    if _blank(value):
        _add(errors, field, f"Il campo «{label}» è obbligatorio.")


def max_length(errors: Errors, field: str, value: str | None, limit: int, label: str) -> None:
    if value is not None and len(value.strip()) > limit:
        _add(errors, field, f"Il campo «{label}» può contenere al massimo {limit} caratteri.")


def max_lengths(
    errors: Errors,
    texts: Mapping[str, str],
    limits: Mapping[str, int],
    labels: Mapping[str, str],
) -> None:
    """Each text within its limit; a text without a label gets a message that names none (it is
    shown beside its field)."""
    for field, value in texts.items():
        limit = limits.get(field)
        if limit is None:
            continue
        label = labels.get(field)
        if label is not None:
            max_length(errors, field, value, limit, label)
        elif len(value.strip()) > limit:
            _add(errors, field, f"Al massimo {limit} caratteri.")


def min_length(errors: Errors, field: str, value: str | None, limit: int, label: str) -> None:
    """For texts that must say something, such as the reason of a correction."""
    if value is not None and value.strip() and len(value.strip()) < limit:
        _add(errors, field, f"Il campo «{label}» deve contenere almeno {limit} caratteri.")


def date_not_after(
    errors: Errors,
    field: str,
    value: date | None,
    limit: date,
    label: str,
    *,
    limit_label: str | None = None,
) -> None:
    """``limit_label`` names the limit with its preposition ("a oggi"); by default the date."""
    if value is not None and value > limit:
        bound = limit_label if limit_label is not None else on_date("a", limit)
        _add(errors, field, f"La data «{label}» non può essere successiva {bound}.")


def date_not_before(
    errors: Errors,
    field: str,
    value: date | None,
    limit: date,
    label: str,
    *,
    limit_label: str | None = None,
) -> None:
    if value is not None and value < limit:
        bound = limit_label if limit_label is not None else on_date("a", limit)
        _add(errors, field, f"La data «{label}» non può essere precedente {bound}.")


def date_order(  # noqa: PLR0917 - same positional shape as the other validators
    errors: Errors,
    field: str,
    start: date | None,
    end: date | None,
    start_label: str,
    end_label: str,
) -> None:
    """``end`` may equal ``start`` but not precede it; the message goes on ``field``."""
    if start is not None and end is not None and end < start:
        _add(
            errors,
            field,
            f"La data «{end_label}» non può essere precedente alla data «{start_label}».",
        )


def int_range(  # noqa: PLR0917 - same positional shape as the other validators
    errors: Errors, field: str, value: int | None, minimum: int, maximum: int, label: str
) -> None:
    if value is not None and not minimum <= value <= maximum:
        _add(
            errors,
            field,
            f"Il campo «{label}» deve essere un numero intero tra {minimum} e {maximum}.",
        )


def not_negative(errors: Errors, field: str, value: float | None, label: str) -> None:
    if value is not None and value < 0:
        _add(errors, field, f"Il campo «{label}» non può essere negativo.")


def positive(errors: Errors, field: str, value: float | None, label: str) -> None:
    if value is not None and value <= 0:
        _add(errors, field, f"Il campo «{label}» deve essere maggiore di zero.")


def valid_email(errors: Errors, field: str, value: str | None, label: str) -> None:
    if value and value.strip() and _EMAIL_RE.fullmatch(value.strip()) is None:
        _add(
            errors,
            field,
            f"Il campo «{label}» non contiene un indirizzo e-mail valido (es. nome@ente.it).",
        )


def valid_phone(errors: Errors, field: str, value: str | None, label: str) -> None:
    """Digits with the usual separators and an optional "+" prefix, 6 to 15 digits."""
    if not value or not value.strip():
        return
    text = value.strip()
    digits = sum(character.isdigit() for character in text)
    if (
        _PHONE_CHARACTERS_RE.fullmatch(text) is None
        or "+" in text[1:]
        or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS
    ):
        _add(
            errors,
            field,
            f"Il campo «{label}» non contiene un numero di telefono valido "
            f"(da {PHONE_MIN_DIGITS} a {PHONE_MAX_DIGITS} cifre, es. 0332 123456).",
        )


def valid_postcode(errors: Errors, field: str, value: str | None, label: str) -> None:
    if value and value.strip() and _POSTCODE_RE.fullmatch(value.strip()) is None:
        _add(errors, field, f"Il campo «{label}» deve contenere 5 cifre (es. 21100).")


def normalise_cup(value: str) -> str:
    """Upper case without spaces, as printed on the CIPE's CUP sheet."""
    return "".join(value.split()).upper()


def valid_cup(errors: Errors, field: str, value: str | None, label: str = "CUP") -> str:
    """Checks a CUP and returns it normalised (empty when none was typed)."""
    if value is None:
        return ""
    cup = normalise_cup(value)
    if cup and _CUP_RE.fullmatch(cup) is None:
        _add(
            errors,
            field,
            f"Il campo «{label}» deve contenere {CUP_LENGTH} caratteri tra lettere e cifre, "
            "il primo dei quali una lettera (es. E31H21000010006).",
        )
    return cup


def ensure_owned(owner_site: str, actor_site: str, message: str) -> None:
    """Sites write only what they own (DESIGN.md §3.1); the server would refuse it anyway.

    A row with no owner (written before a site was configured) is left writable.
    """
    if owner_site and owner_site != actor_site:
        raise NotAllowedError(message)


def raise_if(errors: Mapping[str, str]) -> None:
    """Raise a ``ValidationError`` carrying every collected message, if there is any."""
    if errors:
        raise ValidationError(errors)


# A codice fiscale anywhere in a text, omocodia letters included (DOMAIN.md §6). Only its
# shape is checked, not the check character: a mistyped code is still personal data.
_OMOCODE_DIGIT = "[0-9LMNPQRSTUV]"
FISCAL_CODE_IN_TEXT_RE = re.compile(
    rf"\b[A-Z]{{6}}{_OMOCODE_DIGIT}{{2}}[ABCDEHLMPRST]{_OMOCODE_DIGIT}{{2}}"
    rf"[A-Z]{_OMOCODE_DIGIT}{{3}}[A-Z]\b",
    re.IGNORECASE,
)


def find_fiscal_codes(text: str) -> list[str]:
    """Every substring of ``text`` shaped like a codice fiscale, upper-cased."""
    return [match.group(0).upper() for match in FISCAL_CODE_IN_TEXT_RE.finditer(text)]
